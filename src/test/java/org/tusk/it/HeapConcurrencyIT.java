package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several backend processes writing one heap and its B-tree at once: every row is there once,
 * concurrent increments are not lost (an UPDATE waits for the other writer and applies to the
 * newest version), the index passes the structure check, and a buffer pool much smaller than the
 * data gives the same answers.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HeapConcurrencyIT {
    static final int SESSIONS = 4;

    private static void runConcurrently(TuskServer server, int sessions, SqlTask task) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            int n = i;
            all.add(CompletableFuture.runAsync(() -> {
                try (Connection c = server.connect()) {
                    task.run(c, n);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (CompletableFuture<Void> f : all) f.get(240, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    interface SqlTask {
        void run(Connection c, int session) throws SQLException;
    }

    private static void check(TuskServer server, String sharedBuffers) throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table t(id int primary key, owner int, pad text)");
            s.execute("create table counters(id int primary key, n int not null)");
            for (int k = 0; k < 10; k++) s.execute("insert into counters values (" + k + ", 0)");
        }
        int rowsPerSession = 2000;
        runConcurrently(server, SESSIONS, (c, n) -> {
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < rowsPerSession; i++) {
                    s.execute("insert into t values (" + (n * rowsPerSession + i) + ", " + n + ", repeat('p', 300))");
                    if (i % 10 == 0) s.execute("update counters set n = n + 1 where id = " + (i / 10) % 10);
                }
            }
        });
        try (Connection c = server.connect()) {
            String total = String.valueOf(SESSIONS * rowsPerSession);
            assertEquals(total, ProtocolIT.one(c, "select count(*) from t"), sharedBuffers);
            assertEquals(String.valueOf(SESSIONS * rowsPerSession / 10), ProtocolIT.one(c, "select sum(n) from counters"));
            for (int n = 0; n < SESSIONS; n++) {
                assertEquals(String.valueOf(rowsPerSession), ProtocolIT.one(c, "select count(*) from t where owner = " + n));
            }
            try (Statement s = c.createStatement()) {
                s.execute("set enable_seqscan = off");
            }
            assertEquals(total, ProtocolIT.one(c, "select count(*) from t where id >= 0"));
            assertEquals("1", ProtocolIT.one(c, "select count(*) from t where id = 4321"));
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('t_pkey')"));
            assertEquals("", ProtocolIT.one(c, "select bt_index_check('counters_pkey')"));
        }
    }

    @Test
    void concurrentInsertsAndUpdatesFromSeveralProcesses() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            check(server, "default shared_buffers");
        }
    }

    @Test
    void aBufferPoolSmallerThanTheDataGivesTheSameAnswers() throws Exception {
        // 16 buffers (128 kB) against about 3 MB of heap and index: every scan evicts.
        try (TuskServer server = TuskServer.start("shared_buffers=16")) {
            check(server, "shared_buffers=16");
        }
    }
}
