package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Advisory locks (lockfuncs.c) between sessions, as PostgreSQL 15 shows them: a session-level
 * lock is held across transactions until unlocked or the session ends, a transaction-level one
 * until the transaction ends, the try_ forms answer false instead of waiting, a waiter proceeds
 * when the holder lets go, lock_timeout ends a wait, and pg_locks lists them as advisory.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdvisoryLockIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        return Jdbc.joinedRows(c, sql);
    }

    @Test
    void aSessionLockOutlivesTransactionsAndAWaiterProceedsOnUnlock() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            one(a, "select pg_advisory_lock(1001)");
            one(a, "select pg_advisory_lock(1001)");   // counted: two holds
            assertEquals("f", one(b, "select pg_try_advisory_lock(1001)"));
            assertEquals("advisory|0|1001|1|ExclusiveLock|t", one(a,
                    "select locktype, classid, objid, objsubid, mode, granted from pg_locks where locktype = 'advisory'"
                            + " and pid = pg_backend_pid()"));
            CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    return one(b, "select pg_advisory_lock(1001), 'got it'");
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            assertEquals("t", one(a, "select pg_advisory_unlock(1001)"));
            Thread.sleep(300);
            assertFalse(waiter.isDone(), "one hold is left");
            assertEquals("t", one(a, "select pg_advisory_unlock(1001)"));
            assertEquals(" got it", waiter.get(20, TimeUnit.SECONDS).replace("|", " "));
            assertEquals("f", one(a, "select pg_try_advisory_lock(1001)"));
        }
    }

    @Test
    void sharedLocksShareAndTwoIntKeysAreAnotherLock() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            assertEquals("t", one(a, "select pg_try_advisory_lock_shared(0, 2002)"));
            assertEquals("t", one(b, "select pg_try_advisory_lock_shared(0, 2002)"));
            assertEquals("f", one(b, "select pg_try_advisory_lock(0, 2002)"));
            assertEquals("t", one(b, "select pg_try_advisory_lock(2002)"));   // the bigint key 2002 is another lock
            one(a, "select pg_advisory_unlock_all()");
            one(b, "select pg_advisory_unlock_all()");
            assertEquals("0", one(a, "select count(*) from pg_locks where locktype = 'advisory'"));
        }
    }

    @Test
    void aTransactionLockEndsWithTheTransactionAndASessionLockWithTheSession() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            one(a, "select pg_advisory_xact_lock(3003)");
            assertEquals("f", one(b, "select pg_try_advisory_lock(3003)"));
            a.commit();
            assertEquals("t", one(b, "select pg_try_advisory_xact_lock(3003)"));   // its own transaction, ended
            a.setAutoCommit(true);
            one(a, "select pg_advisory_lock(3004)");
            assertEquals("f", one(b, "select pg_try_advisory_lock(3004)"));
        }
        try (Connection b = server.connect()) {
            assertEquals("t", one(b, "select pg_try_advisory_lock(3004)"), "the holder's session ended");
        }
    }

    @Test
    void unlockingALockNotHeldWarnsAndLockTimeoutEndsAWait() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect(); Statement st = b.createStatement()) {
            st.execute("select pg_advisory_unlock_shared(4004)");
            SQLWarning w = st.getWarnings();
            assertNotNull(w);
            assertEquals("you don't own a lock of type ShareLock", w.getMessage());
            one(a, "select pg_advisory_lock(4005)");
            st.execute("set lock_timeout = '200ms'");
            SQLException e = assertThrows(SQLException.class, () -> st.execute("select pg_advisory_lock(4005)"));
            assertEquals("55P03", e.getSQLState());
            assertTrue(e.getMessage().contains("canceling statement due to lock timeout"), e.getMessage());
        }
    }
}
