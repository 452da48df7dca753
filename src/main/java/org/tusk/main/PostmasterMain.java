package org.tusk.main;

import org.tusk.postmaster.Postmaster;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tusk postmaster}: parses the command line, loads the configuration and runs the
 * postmaster (PostgreSQL's PostmasterMain up to ServerLoop).
 */
final class PostmasterMain {
    private PostmasterMain() {}

    static void run(String[] args) {
        ServerLog log = new ServerLog();
        Path dataDir = null;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-D" -> dataDir = Path.of(args[++i]);
                case "-p" -> settings.add("port=" + args[++i]);
                case "-c" -> settings.add(args[++i]);
                default -> {
                    if (a.startsWith("--") && a.contains("=")) settings.add(a.substring(2));
                    else if (a.startsWith("-c")) settings.add(a.substring(2));
                    else fail("invalid argument: \"" + a + "\"");
                }
            }
        }
        if (dataDir == null) {
            String env = System.getenv("PGDATA");
            if (env == null) fail("no data directory specified (use -D or set PGDATA)");
            dataDir = Path.of(env);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dataDir.resolve("PG_VERSION"))) {
            fail("\"" + dataDir + "\" is not a valid data directory\nDETAIL:  File \"" + dataDir.resolve("PG_VERSION")
                    + "\" is missing.");
        }
        Path dir = dataDir;
        GucSettings gucs = GucSettings.forPostmaster();
        if (!ServerConfig.load(gucs, dir, ServerConfig.asSwitches(settings), log)) System.exit(1);
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        new Postmaster(log, dir, () -> {
            GucSettings fresh = GucSettings.forPostmaster();
            if (!ServerConfig.load(fresh, dir, ServerConfig.asSwitches(settings), log)) {
                throw new IllegalStateException("configuration file contains errors");
            }
            return PostmasterConfig.settings(fresh);
        }, settings, java, classPath, PostmasterConfig.settings(gucs)).run();
    }

    private static void fail(String message) {
        System.err.println("tusk postmaster: " + message);
        System.exit(1);
    }
}
