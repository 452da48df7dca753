package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's AOT training run ({@code tusk aot-train}) gets through its whole workload without an
 * error and on the way loads the classes of the paths pgbench keeps a backend on, which is what
 * puts them into the cache: StartupXLOG, DDL and VACUUM of the initialisation, heap updates and
 * inserts, B-tree index scans, commit, and the extended protocol with cached plans.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AotTrainingIT {
    @Test
    void theTrainingRunsPgbenchsPathsWithoutErrors() throws Exception {
        String jar = System.getProperty("tusk.jar", "target/tusk.jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("aot-train", ".out"), err = Files.createTempFile("aot-train", ".err");
        try {
            Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:stdout", "-cp", jar, "org.tusk.main.Main", "aot-train")
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(280, TimeUnit.SECONDS), "the training finishes");
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), stderr);
            assertFalse(stderr.contains("ERROR:") || stderr.contains("FATAL:") || stderr.contains("PANIC:"), stderr);
            String loaded = Files.readString(out);
            for (String cls : List.of("org.tusk.access.transam.StartupXLog", "org.tusk.commands.VacuumCommand",
                    "org.tusk.access.heap.HeapUpdate", "org.tusk.access.nbtree.BTScanKeys", "org.tusk.tcop.ExtendedQuery",
                    "org.tusk.tcop.PreparedQueries$CachedPlan", "org.tusk.tcop.ParamDecoder")) {
                assertTrue(loaded.contains("] " + cls + " source:"), cls + " was not loaded by the training");
            }
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
