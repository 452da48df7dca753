package org.tusk.main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single-user mode refuses a data directory that a live process holds (CreateDataDirLockFile):
 * it must never run beside a postmaster on the same files. (The whole mode, StartupXLOG to the
 * shutdown checkpoint, runs in every {@code tusk initdb}: see {@code it.SingleUserInitdbIT}.)
 */
class PostgresSingleUserTest {
    @Test
    void refusesADataDirectoryALiveProcessHolds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("postgresql.conf"), "");
        Files.writeString(dir.resolve("postgresql.auto.conf"), "");
        String held = "1\n" + dir + "\n0\n5432\n";
        Files.writeString(dir.resolve("postmaster.pid"), held); // pid 1 is always alive
        IOException e = assertThrows(IOException.class,
                () -> PostgresSingleUser.run(dir, "postgres", "template1", List.of(), List.of("select 1")));
        assertTrue(e.getMessage().contains("lock file \"" + dir.resolve("postmaster.pid") + "\" already exists"), e.getMessage());
        assertEquals(held, Files.readString(dir.resolve("postmaster.pid")), "the holder's lock file is left alone");
    }
}
