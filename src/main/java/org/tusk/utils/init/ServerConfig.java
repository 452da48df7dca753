package org.tusk.utils.init;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.error.Severity;
import org.tusk.utils.misc.ConfigFileProcessor;
import org.tusk.utils.misc.ConfigReloadResult;
import org.tusk.utils.misc.GucContext;
import org.tusk.utils.misc.GucMessage;
import org.tusk.utils.misc.GucSettings;
import org.tusk.utils.misc.GucSource;
import org.tusk.utils.misc.StartupOptions;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Loading a process's configuration (PostgreSQL's SelectConfigFiles and ProcessConfigFile):
 * {@code postgresql.conf} and {@code postgresql.auto.conf} from the data directory, then the
 * command-line switches. Every process does this itself (EXEC_BACKEND style): children are
 * started with the postmaster's own switches, so all processes agree.
 */
public final class ServerConfig {
    private ServerConfig() {}

    /** Reads the files and applies the switches; false (after logging why) if the files are broken. */
    public static boolean load(GucSettings gucs, Path dataDir, List<String> switches, ServerLog log) {
        ConfigReloadResult r = ConfigFileProcessor.process(gucs, dataDir.resolve("postgresql.conf"),
                dataDir.resolve("postgresql.auto.conf"), GucContext.POSTMASTER);
        report(r, log);
        if (!r.ok()) return false;
        try {
            StartupOptions.applySwitches(gucs, switches, GucContext.POSTMASTER, GucSource.ARGV);
        } catch (PgException e) {
            log.report(e);
            return false;
        }
        // SelectConfigFiles: data_directory shows the directory in use (and tells backends where base/pgsql_tmp is)
        gucs.set("data_directory", dataDir.toAbsolutePath().toString(), GucContext.POSTMASTER, GucSource.OVERRIDE,
                org.tusk.utils.misc.GucAction.SET);
        applyLogSettings(gucs, log);
        return true;
    }

    /** SIGHUP: re-reads the files; settings that need a restart are logged and left alone. */
    public static void reload(GucSettings gucs, Path dataDir, ServerLog log) {
        ConfigReloadResult r = ConfigFileProcessor.process(gucs, dataDir.resolve("postgresql.conf"),
                dataDir.resolve("postgresql.auto.conf"), GucContext.SIGHUP);
        report(r, log);
        applyLogSettings(gucs, log);
    }

    private static void report(ConfigReloadResult r, ServerLog log) {
        for (GucMessage m : r.messages()) log.report(m.severity(), m.sqlState(), m.text(), m.detail(), m.hint());
    }

    /** The logging settings take effect in this process's {@link ServerLog} at once. */
    public static void applyLogSettings(GucSettings gucs, ServerLog log) {
        log.setLinePrefix(gucs.getString("log_line_prefix"));
        try {
            log.setZone(ZoneId.of(gucs.getString("log_timezone")));
        } catch (RuntimeException e) {
            log.setZone(ZoneId.of("UTC"));
        }
        try {
            log.setMinLevel(Severity.valueOf(gucs.getEnum("log_min_messages").toUpperCase().replaceAll("[0-9]", "")));
        } catch (RuntimeException e) {
            log.setMinLevel(Severity.WARNING);
        }
    }

    /** unix_socket_directories and similar comma-separated directory lists (SplitDirectoriesString). */
    public static List<String> splitDirectories(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            String d = part.trim();
            if (d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"")) d = d.substring(1, d.length() - 1);
            if (!d.isEmpty()) out.add(d);
        }
        return out;
    }

    /** Switches as "-c name=value" pairs, the form children are started with. */
    public static List<String> asSwitches(List<String> settings) {
        List<String> out = new ArrayList<>();
        for (String s : settings) {
            out.add("-c");
            out.add(s);
        }
        return out;
    }
}
