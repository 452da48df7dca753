package org.tusk.main;

import org.tusk.bin.initdb.InitDb;
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
 * ({@code -XX:AOTCacheOutput}) for child processes. It runs what a spare runs before it reports
 * ready (configuration, shared memory, the warm-up of the first session's paths) on a throw-away
 * data directory and region, so that every child JVM finds those classes already loaded and
 * linked in the cache and starts faster.
 */
final class AotTraining {
    private AotTraining() {}

    static void run() throws IOException {
        Path dir = Files.createTempDirectory("tusk-aot");
        Path shm = Files.createTempFile(Path.of("/dev/shm"), "tusk-aot.", ".shm");
        try {
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            if (InitDb.main(new String[] {"-D", dir.resolve("data").toString(), "-U", "postgres"}, quiet, quiet) != 0) {
                throw new IOException("initdb for AOT training failed");
            }
            Path dataDir = dir.resolve("data");
            ServerLog log = new ServerLog();
            GucSettings gucs = GucSettings.forBackend();
            ServerConfig.load(gucs, dataDir, List.of(), log);
            try (SharedMemoryMap shmem = SharedMemoryMap.create(shm, new ShmemRegion.Sizing(16, 10, 1024, 64, 8), 0)) {
                ChildEnvironment env = new ChildEnvironment(log, dataDir, gucs, shmem, 0, 0, new ProcExit());
                SpareBackend.warmUp(env);
            }
        } finally {
            Files.deleteIfExists(shm);
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
