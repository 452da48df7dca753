package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write-ahead log and checkpoints as a user sees them: the auxiliary processes, WAL positions
 * that advance, CHECKPOINT, transaction ids that never go backwards across a crash of every
 * process, and files that PostgreSQL's own tools read.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WalIT {
    private static String one(Connection c, String sql) throws Exception {
        return ProtocolIT.one(c, sql);
    }

    @Test
    void auxiliaryProcessesAreChildrenOfThePostmaster() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            long pm = server.postmasterPid();
            for (String type : List.of("checkpointer", "background writer", "walwriter")) {
                // each is a JVM of its own that registers in its status slot once started: on a
                // loaded machine that can come after the first connection is accepted
                String q = "select count(*) from pg_stat_activity where backend_type = '" + type + "'";
                TuskServer.waitFor(60_000, () -> {
                    try {
                        return one(c, q).equals("1");
                    } catch (Exception e) {
                        return false;
                    }
                });
                String pid = one(c, "select pid from pg_stat_activity where backend_type = '" + type + "'");
                assertEquals(pm, TuskServer.parentOf(Long.parseLong(pid)), type);
            }
        }
    }

    @Test
    void checkpointAndCommitsAdvanceTheWal() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            String before = one(c, "select pg_current_wal_lsn()");
            assertTrue(before.matches("[0-9A-F]+/[0-9A-F]+"), before);
            long x1 = Long.parseLong(one(c, "select txid_current()"));
            long x2 = Long.parseLong(one(c, "select txid_current()"));
            assertTrue(x2 > x1, "each transaction gets a new id");
            try (Statement s = c.createStatement()) {
                s.execute("checkpoint");
            }
            assertNotEquals(before, one(c, "select pg_current_wal_lsn()"));
            assertTrue(server.log().contains("checkpoint complete"), server.log());
        }
    }

    @Test
    void walBeyondMaxWalSizeStartsACheckpoint() throws Exception {
        // max_wal_size 32MB: a checkpoint is due after 32MB / (1 + 0.9) of WAL, about 17MB; two
        // segment switches (16MB each) pass it, while checkpoint_timeout is far away.
        try (TuskServer server = TuskServer.start("max_wal_size=32MB", "checkpoint_timeout=3600");
             Connection c = server.connect()) {
            assertTrue(!server.log().contains("checkpoint starting: wal"), server.log());
            for (int i = 0; i < 2; i++) {
                one(c, "select txid_current()");
                one(c, "select pg_switch_wal()");
            }
            assertTrue(TuskServer.waitFor(15_000, () -> server.log().contains("checkpoint starting: wal")), server.log());
        }
    }

    @Test
    void transactionIdsNeverGoBackAfterEveryProcessIsKilled() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long last;
            try (Connection c = server.connect()) {
                one(c, "select txid_current()");
                last = Long.parseLong(one(c, "select txid_current()"));
            }
            long pm = server.postmasterPid();
            List<ProcessHandle> all = ProcessHandle.of(pm).orElseThrow().children().toList();
            ProcessHandle.of(pm).ifPresent(ProcessHandle::destroyForcibly);
            all.forEach(ProcessHandle::destroyForcibly);
            assertTrue(TuskServer.waitFor(10_000, () -> !TuskServer.alive(pm)));
            server.startAgain();
            try (Connection c = server.connect()) {
                long next = Long.parseLong(one(c, "select txid_current()"));
                assertTrue(next > last, "after recovery " + next + " > " + last);
            }
            assertTrue(server.log().contains("database system was interrupted"), server.log());
            assertTrue(server.log().contains("checkpoint (end-of-recovery) complete"), server.log());
        }
    }

    @Test
    void postgresToolsReadTheControlFileAndWal() throws Exception {
        Path controldata = Path.of("/usr/lib/postgresql/15/bin/pg_controldata");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(controldata), "pg_controldata not installed");
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect()) {
                one(c, "select txid_current()");
            }
            server.stop("fast");
            ProcessResult r = ProcessResult.run(List.of(controldata.toString(), server.dataDir().toString()), null, 30);
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("Database cluster state:               shut down"), r.output());
            String walFile = Files.list(server.dataDir().resolve("pg_wal"))
                    .map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9A-F]{24}")).sorted().findFirst().orElseThrow();
            ProcessResult dump = ProcessResult.run(List.of("/usr/lib/postgresql/15/bin/pg_waldump", "-p",
                    server.dataDir().resolve("pg_wal").toString(), walFile), null, 30);
            assertTrue(dump.output().contains("COMMIT"), dump.output());
            assertTrue(dump.output().contains("CHECKPOINT_SHUTDOWN"), dump.output());
            server.startAgain();
        }
    }
}
