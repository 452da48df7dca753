package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * MERGE as a client sees it: the row counts of the command tag, parameters through the extended
 * protocol, the 21000 error of a target row matched twice, and READ COMMITTED behaviour when
 * another session changes a target row that MERGE is waiting for (ExecMergeMatched's
 * EvalPlanQual recheck: a concurrent update is merged into, a concurrent delete or an update
 * that breaks the join condition sends the source row to WHEN NOT MATCHED).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MergeIT {
    private static final String UPSERT = "merge into target t using source s on t.tid = s.sid"
            + " when matched then update set balance = t.balance + s.delta"
            + " when not matched then insert values (s.sid, s.delta)";

    private static void setUp(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table target (tid int, balance int)");
            s.execute("create table source (sid int, delta int)");
            s.execute("insert into target values (1, 10), (2, 20), (3, 30)");
            s.execute("insert into source values (1, 1), (4, 4)");
        }
    }

    @Test
    void countsTheRowsItChangesAndTakesParameters() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            setUp(c);
            try (Statement s = c.createStatement()) {
                assertEquals(2, s.executeUpdate(UPSERT));
            }
            assertEquals("11,20,30,4", ProtocolIT.one(c, "select string_agg(balance::text, ',' order by tid) from target"));
            try (PreparedStatement ps = c.prepareStatement("merge into target t using (select ?::int as sid) s on t.tid = s.sid"
                    + " when matched and t.balance > ? then delete when not matched then do nothing")) {
                ps.setInt(1, 3);
                ps.setInt(2, 25);
                assertEquals(1, ps.executeUpdate());
                ps.setInt(1, 2);
                assertEquals(0, ps.executeUpdate());   // balance 20 is not above 25: no action, not counted
            }
            assertEquals("1,2,4", ProtocolIT.one(c, "select string_agg(tid::text, ',' order by tid) from target"));
        }
    }

    @Test
    void aTargetRowMatchedTwiceIsAnError() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            setUp(c);
            try (Statement s = c.createStatement()) {
                s.execute("insert into source values (1, 100)");
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(UPSERT));
                assertEquals("21000", e.getSQLState());
                assertEquals("ERROR: MERGE command cannot affect row a second time\n"
                        + "  Hint: Ensure that not more than one source row matches any one target row.",
                        e.getMessage());
            }
            assertEquals("10", ProtocolIT.one(c, "select balance from target where tid = 1"));
        }
    }

    /** Runs {@code sql} in session {@code b} while {@code a} holds a change to the row, then commits {@code a}. */
    private static int mergeBehind(Connection a, Connection b, String change, String sql) throws Exception {
        try (Statement sa = a.createStatement()) {
            sa.execute("begin");
            sa.execute(change);
            CompletableFuture<Integer> merge = CompletableFuture.supplyAsync(() -> {
                try (Statement sb = b.createStatement()) {
                    return sb.executeUpdate(sql);
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(700);
            assertFalse(merge.isDone(), "MERGE should wait for the transaction holding the row");
            sa.execute("commit");
            return merge.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void readCommittedMergesIntoTheConcurrentlyUpdatedRow() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection a = server.connect(); Connection b = server.connect()) {
            setUp(a);
            assertEquals(2, mergeBehind(a, b, "update target set balance = balance + 100 where tid = 1", UPSERT));
            // the update saw the concurrent +100 (10 + 100 + 1), not the snapshot's 10
            assertEquals("111", ProtocolIT.one(a, "select balance from target where tid = 1"));
            assertEquals("1", ProtocolIT.one(a, "select count(*) from target where tid = 1"));
        }
    }

    @Test
    void readCommittedTurnsAConcurrentlyDeletedRowIntoNotMatched() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection a = server.connect(); Connection b = server.connect()) {
            setUp(a);
            assertEquals(2, mergeBehind(a, b, "delete from target where tid = 1", UPSERT));
            // the source row found its target gone and was inserted
            assertEquals("1", ProtocolIT.one(a, "select string_agg(balance::text, ',') from target where tid = 1"));
        }
    }

    @Test
    void readCommittedRechecksTheJoinConditionOnTheNewVersion() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection a = server.connect(); Connection b = server.connect()) {
            setUp(a);
            // the row moves away from tid 1: it no longer matches source row 1, which is inserted instead
            assertEquals(2, mergeBehind(a, b, "update target set tid = 5 where tid = 1", UPSERT));
            assertEquals("1:1,2:20,3:30,4:4,5:10",
                    ProtocolIT.one(a, "select string_agg(tid || ':' || balance, ',' order by tid) from target"));
        }
    }

    @Test
    void repeatableReadRefusesAConcurrentlyUpdatedRow() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection a = server.connect(); Connection b = server.connect()) {
            setUp(a);
            try (Statement sb = b.createStatement()) {
                sb.execute("begin isolation level repeatable read");
                sb.execute("select 1 from target limit 1");   // takes the transaction snapshot
                Exception e = assertThrows(Exception.class,
                        () -> mergeBehind(a, b, "update target set balance = 0 where tid = 1", UPSERT));
                assertEquals("40001", ((SQLException) e.getCause().getCause()).getSQLState());
                sb.execute("rollback");
            }
        }
    }
}
