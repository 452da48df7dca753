package org.tusk.utils.misc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * Applies postgresql.conf (and postgresql.auto.conf) to a process's settings: PostgreSQL's
 * {@code ProcessConfigFile}, used once at server start (context POSTMASTER) and again on every
 * SIGHUP (context SIGHUP) by the postmaster and by each backend.
 *
 * <p>The file is applied all or nothing as far as syntax goes: a syntax error or an unknown
 * parameter name leaves every setting alone. Then parameters removed from the file return to
 * their defaults, and the file's values are set with source FILE, so anything set by a
 * higher-priority source (command line, startup packet, SET) stays in force. On reload,
 * POSTMASTER parameters cannot change; a different value is reported and marked pending restart.
 */
public final class ConfigFileProcessor {
    private ConfigFileProcessor() {}

    /**
     * @param configFile   the main configuration file
     * @param autoConfFile postgresql.auto.conf (read if present), or null before the data
     *                     directory is known
     * @param context      POSTMASTER at start-up, SIGHUP on reload
     */
    public static ConfigReloadResult process(GucSettings settings, Path configFile, Path autoConfFile,
                                             GucContext context) {
        // Every backend re-reads the file too; only the postmaster's complaints are worth logging.
        Severity elevel = settings.isUnderPostmaster() ? Severity.DEBUG : Severity.LOG;
        List<GucMessage> messages = new ArrayList<>();
        String fileWithError = configFile.toString();
        boolean error = false;
        boolean applying = false;

        List<ConfigItem> items = new ArrayList<>();
        ConfigFileContents main = ConfigFileParser.parse(configFile, true, elevel);
        messages.addAll(main.messages());
        items.addAll(main.settings());
        if (!main.ok()) {
            error = true;
        } else if (autoConfFile != null) {
            ConfigFileContents auto = ConfigFileParser.parse(autoConfFile, false, elevel);
            messages.addAll(auto.messages());
            items.addAll(auto.settings());
            if (!auto.ok()) {
                error = true;
                fileWithError = autoConfFile.toString();
            }
        }

        boolean[] ignore = new boolean[items.size()];
        if (!error) {
            // Check the names first: an unknown one suggests a broken file, and then nothing is applied.
            for (GucVariable var : settings.variables()) {
                var.inFile = false;
            }
            for (int i = 0; i < items.size(); i++) {
                ConfigItem item = items.get(i);
                GucVariable var = settings.lookup(item.name());
                if (var != null) {
                    if (var.inFile) {
                        // A later line wins; earlier ones for the same name are skipped.
                        for (int j = 0; j < i; j++) {
                            if (items.get(j).name().equals(item.name())) {
                                ignore[j] = true;
                            }
                        }
                    }
                    var.inFile = true;
                } else if (!GucSettings.validCustomName(item.name())) {
                    messages.add(new GucMessage(elevel, SqlState.UNDEFINED_OBJECT,
                            "unrecognized configuration parameter \"" + item.name() + "\" in file \"" + item.file()
                                    + "\" line " + item.line()));
                    error = true;
                    fileWithError = item.file();
                }
            }
        }

        if (!error) {
            applying = true;
            error |= resetRemovedParameters(settings, context, elevel, messages);
            for (int i = 0; i < items.size(); i++) {
                if (ignore[i]) {
                    continue;
                }
                ConfigItem item = items.get(i);
                // The postmaster logs what a reload changes; backends stay quiet.
                String before = context == GucContext.SIGHUP && !settings.isUnderPostmaster()
                        ? currentText(settings, item.name()) : null;
                try {
                    SetResult result = settings.set(item.name(), item.value(), context, GucSource.FILE,
                            GucAction.SET, true, false);
                    if (result == SetResult.APPLIED && before != null
                            && !before.equals(currentText(settings, item.name()))) {
                        messages.add(new GucMessage(elevel, null,
                                "parameter \"" + item.name() + "\" changed to \"" + item.value() + "\""));
                    }
                    // Even an ignored value may have become the RESET value, so remember its origin.
                    settings.setSourceFile(item.name(), item.file(), item.line());
                } catch (PgException e) {
                    messages.add(GucMessage.of(elevel, e));
                    error = true;
                    fileWithError = item.file();
                }
            }
        }

        if (error) {
            if (context == GucContext.POSTMASTER) {
                messages.add(new GucMessage(Severity.FATAL, SqlState.CONFIG_FILE_ERROR,
                        "configuration file \"" + fileWithError + "\" contains errors"));
            } else if (applying) {
                messages.add(new GucMessage(elevel, SqlState.CONFIG_FILE_ERROR, "configuration file \""
                        + fileWithError + "\" contains errors; unaffected changes were applied"));
            } else {
                messages.add(new GucMessage(elevel, SqlState.CONFIG_FILE_ERROR, "configuration file \""
                        + fileWithError + "\" contains errors; no changes were applied"));
            }
        }
        return new ConfigReloadResult(List.copyOf(messages), !error);
    }

    /**
     * Parameters whose RESET value came from the file but which the file no longer mentions go
     * back to their boot value. Returns true if some could not (they need a restart).
     */
    private static boolean resetRemovedParameters(GucSettings settings, GucContext context, Severity elevel,
                                                  List<GucMessage> messages) {
        boolean error = false;
        for (GucVariable var : settings.variables()) {
            if (var.resetSource != GucSource.FILE || var.inFile) {
                continue;
            }
            if (var.def.context().compareTo(GucContext.SIGHUP) < 0) {
                var.pendingRestart = true;
                messages.add(new GucMessage(elevel, SqlState.CANT_CHANGE_RUNTIME_PARAM,
                        "parameter \"" + var.name() + "\" cannot be changed without restarting the server"));
                error = true;
                continue;
            }
            // Demote FILE to DEFAULT everywhere, or the DEFAULT-source set below would be ignored.
            var.resetSource = GucSource.DEFAULT;
            if (var.source == GucSource.FILE) {
                var.source = GucSource.DEFAULT;
            }
            for (GucStackEntry s = var.stack; s != null; s = s.prev) {
                if (s.source == GucSource.FILE) {
                    s.source = GucSource.DEFAULT;
                }
            }
            try {
                SetResult result = settings.set(var.name(), null, context, GucSource.DEFAULT, GucAction.SET, true,
                        false);
                if (result == SetResult.APPLIED && context == GucContext.SIGHUP) {
                    messages.add(new GucMessage(elevel, null,
                            "parameter \"" + var.name() + "\" removed from configuration file, reset to default"));
                }
            } catch (PgException e) {
                messages.add(GucMessage.of(elevel, e));
                error = true;
            }
        }
        return error;
    }

    private static String currentText(GucSettings settings, String name) {
        GucVariable var = settings.lookup(name);
        return var == null ? "" : GucValueFormatter.show(var.def, var.value, false);
    }
}
