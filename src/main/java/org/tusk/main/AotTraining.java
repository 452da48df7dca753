package org.tusk.main;

import org.tusk.auxprocess.StartupProcess;
import org.tusk.bin.initdb.InitDb;
import org.tusk.tcop.BackendMain;
import org.tusk.storage.ipc.ProcExit;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.tcop.SpareBackend;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * {@code tusk aot-train}: the workload from which the build makes the JDK's AOT cache
 * ({@code -XX:AOTCacheOutput}) for child processes. On a throw-away data directory and region it
 * runs what a spare runs before it reports ready (configuration, shared memory, the warm-up of the
 * first session's paths), then what a backend runs after: the startup process's StartupXLOG, and
 * real client sessions through {@link BackendMain} over a socketpair, playing pgbench
 * ({@link AotTrainingWorkload}: initialisation, tpcb-like and select-only in the simple, extended
 * and prepared protocols). Every child JVM then finds the classes of those paths already loaded
 * and linked in the cache, instead of loading them in its first transactions.
 *
 * <p>Everything runs in this one JVM, the way a backend runs it, with two differences that the
 * training needs: the sessions end with {@code backend_reuse} on, so that {@link BackendMain}
 * returns instead of halting the JVM (which would write no cache), and no postmaster, checkpointer
 * or WAL writer runs beside them, so the workload avoids what would wait for one (CHECKPOINT).
 * A watchdog ends a stuck training with exit code 1, and the build then goes without a cache.
 */
final class AotTraining {
    /** Transactions of each pgbench script in each query mode. */
    static final int TRANSACTIONS = 200;
    /** A training that has not finished by then is stuck (normal: 10-30 s). */
    static final long WATCHDOG_MILLIS = 600_000;
    /** The backend slot the sessions use, and the auxiliary slot StartupXLOG writes WAL under (of 10 + 6). */
    private static final int BACKEND_SLOT = 1, STARTUP_SLOT = 11;

    private AotTraining() {}

    static void run() throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("tusk aot-train: no progress for " + WATCHDOG_MILLIS / 1000 + " s, giving up");
            Runtime.getRuntime().halt(1);
        }, "aot-train watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Path dir = Files.createTempDirectory("tusk-aot");
        Path shm = Files.createTempFile(Path.of("/dev/shm"), "tusk-aot.", ".shm");
        try {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            if (InitDb.main(new String[] {"-D", dir.resolve("data").toString(), "-U", "postgres", "--auth", "trust"},
                    quiet, quiet, PostgresSingleUser::run) != 0) {
                throw new IOException("initdb for AOT training failed");
            }
            Path dataDir = dir.resolve("data");
            ServerLog log = new ServerLog();
            GucSettings gucs = GucSettings.forBackend();
            List<String> switches = ServerConfig.asSwitches(List.of("backend_reuse=on"));
            if (!ServerConfig.load(gucs, dataDir, switches, log)) throw new IOException("configuration for AOT training failed");
            try (SharedMemoryMap shmem = SharedMemoryMap.create(shm, new ShmemRegion.Sizing(16, 10, 1024, 1024, 8), 0)) {
                ChildEnvironment env = new ChildEnvironment(log, dataDir, gucs, shmem, 0, 0, new ProcExit());
                SpareBackend.warmUp(env);
                if (!StartupProcess.startupXLog(env, STARTUP_SLOT)) throw new IOException("StartupXLOG for AOT training failed");
                AotTrainingWorkload work = new AotTrainingWorkload(TRANSACTIONS);
                env = session(env, switches, work::initialize);
                env = session(env, switches, work::simple);
                env = session(env, switches, work::extended);
                session(env, switches, work::prepared);
            }
        } finally {
            Files.deleteIfExists(shm);
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * One training session, in process ({@link InProcessSession}); afterwards the backend has
     * given back everything shared, as a reused backend does, and the settings are read afresh
     * (the environment returned).
     */
    private static ChildEnvironment session(ChildEnvironment env, List<String> switches, InProcessSession.Frontend script)
            throws IOException {
        InProcessSession.run(env, BACKEND_SLOT, "postgres", "postgres", script);
        GucSettings fresh = GucSettings.forBackend();
        if (!ServerConfig.load(fresh, env.dataDir(), switches, env.log())) throw new IOException("configuration reload failed");
        return env.withGucs(fresh);
    }
}
