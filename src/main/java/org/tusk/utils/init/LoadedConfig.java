package org.tusk.utils.init;

import org.tusk.utils.error.ServerLog;
import org.tusk.utils.misc.GucSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The configuration a process read from its files and switches, kept as an untouched copy of the
 * settings (what PostgreSQL's EXEC_BACKEND builds hand a new backend as the list of non-default
 * values, write_nondefault_variables), so that a backend process serving one session after
 * another ({@code backend_reuse}) starts each with fresh settings, copied from it, without
 * parsing the files or checking the values again. The files are read again when they
 * have changed since (size or modification time of postgresql.conf or postgresql.auto.conf):
 * a reused process then sees what a freshly started spare would.
 */
public final class LoadedConfig {
    private final Path dataDir;
    private final List<String> switches;
    /** The settings as loaded; never handed to a session (each gets a copy). */
    private GucSettings loaded;
    private List<Object> stamps;

    /**
     * What {@code gucs} holds now, right after {@link ServerConfig#load} read {@code dataDir}'s
     * files and {@code switches}. Not thread-safe: one owner, the process's main loop.
     */
    public LoadedConfig(GucSettings gucs, Path dataDir, List<String> switches) {
        this.dataDir = dataDir;
        this.switches = List.copyOf(switches);
        keep(gucs);
    }

    private void keep(GucSettings gucs) {
        this.loaded = gucs.copy();
        this.stamps = stamps(dataDir);
    }

    /**
     * Settings for a new session: the kept values if the files are unchanged, else the files read
     * again (and kept for next time). Null if the files are broken (ServerConfig.load logged why).
     */
    public GucSettings newSettings(ServerLog log) {
        return newSettings(log, false);
    }

    /** As {@link #newSettings(ServerLog)}; {@code reread} forces reading the files (SIGHUP). */
    public GucSettings newSettings(ServerLog log, boolean reread) {
        if (!reread && stamps(dataDir).equals(stamps)) {
            GucSettings fresh = loaded.copy();
            ServerConfig.applyLogSettings(fresh, log);
            return fresh;
        }
        GucSettings fresh = GucSettings.forBackend();
        if (!ServerConfig.load(fresh, dataDir, switches, log)) return null;
        keep(fresh);
        return fresh;
    }

    private static List<Object> stamps(Path dataDir) {
        return List.of(stamp(dataDir.resolve("postgresql.conf")), stamp(dataDir.resolve("postgresql.auto.conf")));
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return "absent";
        }
    }
}
