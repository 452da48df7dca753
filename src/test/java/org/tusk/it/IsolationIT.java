package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What several sessions see of each other (issue 5, item 4), through pgjdbc against a running
 * server: READ COMMITTED does not lose concurrent increments, a deadlock is detected and reported
 * to one side only, REPEATABLE READ keeps its first snapshot and refuses to update a row changed
 * since (40001), read-only transactions refuse writes (25006), and DDL committed by one session
 * is seen by another's next statement.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IsolationIT {
    private static TuskServer server;
    /** One thread per waiting statement: the common pool may have a single thread, and a blocked one would stall the rest. */
    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        THREADS.shutdownNow();
        if (server != null) server.close();
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private static Connection inTransaction() throws SQLException {
        Connection c = server.connect();
        c.setAutoCommit(false);
        return c;
    }

    /** Waits a little and checks that {@code f} is still blocked (on a lock). */
    private static void assertBlocked(CompletableFuture<?> f) throws InterruptedException {
        Thread.sleep(700);
        assertFalse(f.isDone(), "expected the statement to wait for the other transaction");
    }

    private static CompletableFuture<Integer> async(Connection c, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return update(c, sql);
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        }, THREADS);
    }

    private static String sqlState(Throwable t) {
        while (t != null && !(t instanceof SQLException)) t = t.getCause();
        return t == null ? null : ((SQLException) t).getSQLState();
    }

    @Test
    void readCommittedDoesNotLoseConcurrentIncrements() throws Exception {
        try (Connection a = inTransaction(); Connection b = inTransaction(); Connection check = server.connect()) {
            exec(check, "create table counter(id int primary key, n int)");
            exec(check, "insert into counter values (1, 0)");
            assertEquals(1, update(a, "update counter set n = n + 1 where id = 1"));
            CompletableFuture<Integer> second = async(b, "update counter set n = n + 1 where id = 1");
            assertBlocked(second);
            a.commit();
            // b re-reads the row a committed (EvalPlanQual) and adds to it
            assertEquals(1, second.get(30, TimeUnit.SECONDS));
            b.commit();
            assertEquals("2", ProtocolIT.one(check, "select n from counter where id = 1"));
        }
        // and many sessions at once (connected one after the other, then updating together)
        List<Connection> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) sessions.add(server.connect());
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Connection c : sessions) {
                all.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (int k = 0; k < 50; k++) update(c, "update counter set n = n + 1 where id = 1");
                    } catch (SQLException e) {
                        throw new RuntimeException(e);
                    }
                }, THREADS));
            }
            for (CompletableFuture<Void> f : all) f.get(120, TimeUnit.SECONDS);
        } finally {
            for (Connection c : sessions) c.close();
        }
        try (Connection check = server.connect()) {
            assertEquals("202", ProtocolIT.one(check, "select n from counter where id = 1"));
        }
    }

    @Test
    void deadlockIsReportedToOneSideOnly() throws Exception {
        try (Connection setup = server.connect()) {
            exec(setup, "create table dl(id int primary key, n int)");
            exec(setup, "insert into dl values (1, 0), (2, 0)");
        }
        try (Connection a = inTransaction(); Connection b = inTransaction()) {
            update(a, "update dl set n = 1 where id = 1");
            update(b, "update dl set n = 2 where id = 2");
            CompletableFuture<Integer> aWaits = async(a, "update dl set n = 1 where id = 2");
            assertBlocked(aWaits);
            CompletableFuture<Integer> bWaits = async(b, "update dl set n = 2 where id = 1");
            int failures = 0;
            Connection survivor = null;
            for (var side : List.of(new Object[] {aWaits, a}, new Object[] {bWaits, b})) {
                @SuppressWarnings("unchecked") CompletableFuture<Integer> f = (CompletableFuture<Integer>) side[0];
                try {
                    assertEquals(1, f.get(60, TimeUnit.SECONDS));
                    survivor = (Connection) side[1];
                } catch (java.util.concurrent.ExecutionException e) {
                    assertEquals("40P01", sqlState(e), "deadlock detected");
                    assertTrue(e.getCause().getMessage().contains("deadlock detected"), e.getCause().getMessage());
                    failures++;
                    ((Connection) side[1]).rollback();
                }
            }
            assertEquals(1, failures, "exactly one of the two transactions is chosen as the victim");
            survivor.commit();
        }
        try (Connection check = server.connect()) {
            String n1 = ProtocolIT.one(check, "select n from dl where id = 1");
            assertEquals(n1, ProtocolIT.one(check, "select n from dl where id = 2"),
                    "the survivor's two updates are both there");
        }
    }

    @Test
    void repeatableReadKeepsItsSnapshotAndReadCommittedDoesNot() throws Exception {
        try (Connection writer = server.connect(); Connection rr = inTransaction(); Connection rc = inTransaction()) {
            exec(writer, "create table snap(id int)");
            exec(writer, "insert into snap values (1)");
            exec(rr, "set transaction isolation level repeatable read");
            assertEquals("repeatable read", ProtocolIT.one(rr, "show transaction_isolation"));
            assertEquals("1", ProtocolIT.one(rr, "select count(*) from snap"));
            assertEquals("1", ProtocolIT.one(rc, "select count(*) from snap"));
            exec(writer, "insert into snap values (2)");
            assertEquals("1", ProtocolIT.one(rr, "select count(*) from snap"), "the older snapshot");
            assertEquals("2", ProtocolIT.one(rc, "select count(*) from snap"), "a new snapshot per statement");
            try (Connection fresh = server.connect()) {
                assertEquals("2", ProtocolIT.one(fresh, "select count(*) from snap"));
            }
            // too late to change the isolation level
            SQLException e = assertThrows(SQLException.class, () -> exec(rr, "set transaction isolation level read committed"));
            assertEquals("25001", e.getSQLState());
            assertEquals("ERROR: SET TRANSACTION ISOLATION LEVEL must be called before any query", e.getMessage());
            rr.rollback();
            rc.commit();
            assertEquals("2", ProtocolIT.one(rr, "select count(*) from snap"), "the next transaction's snapshot");
            rr.commit();
        }
    }

    @Test
    void writeConflictUnderRepeatableReadIsASerializationFailure() throws Exception {
        try (Connection writer = server.connect(); Connection rr = inTransaction()) {
            exec(writer, "create table acct(id int primary key, bal int)");
            exec(writer, "insert into acct values (1, 100), (2, 100)");
            exec(rr, "set transaction isolation level repeatable read");
            assertEquals("100", ProtocolIT.one(rr, "select bal from acct where id = 1"));
            update(writer, "update acct set bal = 50 where id = 1");
            SQLException e = assertThrows(SQLException.class, () -> update(rr, "update acct set bal = bal + 1 where id = 1"));
            assertEquals("40001", e.getSQLState());
            assertEquals("ERROR: could not serialize access due to concurrent update", e.getMessage());
            rr.rollback();

            // the same when the other transaction commits while we wait for it; a rollback lets us go on
            exec(rr, "set transaction isolation level serializable");
            assertEquals("100", ProtocolIT.one(rr, "select bal from acct where id = 2"));
            writer.setAutoCommit(false);
            update(writer, "delete from acct where id = 2");
            CompletableFuture<Integer> waits = async(rr, "update acct set bal = 0 where id = 2");
            assertBlocked(waits);
            writer.commit();
            var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> waits.get(30, TimeUnit.SECONDS));
            assertEquals("40001", sqlState(failure));
            assertTrue(failure.getCause().getMessage().contains("could not serialize access due to concurrent delete"),
                    failure.getCause().getMessage());
            rr.rollback();

            exec(rr, "set transaction isolation level repeatable read");
            assertEquals("50", ProtocolIT.one(rr, "select bal from acct where id = 1"));
            update(writer, "update acct set bal = 0 where id = 1");
            CompletableFuture<Integer> proceeds = async(rr, "update acct set bal = bal + 1 where id = 1");
            assertBlocked(proceeds);
            writer.rollback();
            assertEquals(1, proceeds.get(30, TimeUnit.SECONDS));
            rr.commit();
            assertEquals("51", ProtocolIT.one(writer, "select bal from acct where id = 1"));
            writer.commit();
        }
    }

    @Test
    void sessionCharacteristicsFromTheDriver() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ro(a int)");
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertEquals("serializable", ProtocolIT.one(c, "show default_transaction_isolation"));
            c.setAutoCommit(false);
            assertEquals("serializable", ProtocolIT.one(c, "show transaction_isolation"));
            exec(c, "create temp table scratch(a int)");
            c.commit();
            c.setReadOnly(true);
            SQLException e = assertThrows(SQLException.class, () -> update(c, "insert into ro values (1)"));
            assertEquals("25006", e.getSQLState());
            assertEquals("ERROR: cannot execute INSERT in a read-only transaction", e.getMessage());
            c.rollback();
            assertEquals(1, update(c, "insert into scratch values (1)"), "temporary tables stay writable");
            e = assertThrows(SQLException.class, () -> exec(c, "create temp table scratch2(a int)"));
            assertEquals("ERROR: cannot execute CREATE TABLE in a read-only transaction", e.getMessage());
            c.rollback();
            c.setReadOnly(false);
            assertEquals(1, update(c, "insert into ro values (1)"));
            c.commit();
        }
    }

    @Test
    void ddlIsSeenByTheOtherSessionsNextStatement() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table shared_t(x int)");
            exec(a, "insert into shared_t values (1)");
            assertEquals("1", ProtocolIT.one(b, "select count(*) from shared_t"));
            exec(a, "alter table shared_t add column y text default 'new'");
            assertEquals("new", ProtocolIT.one(b, "select y from shared_t"));
            exec(a, "drop table shared_t");
            SQLException e = assertThrows(SQLException.class, () -> ProtocolIT.one(b, "select * from shared_t"));
            assertEquals("42P01", e.getSQLState());
        }
    }
}
