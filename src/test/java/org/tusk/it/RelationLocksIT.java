package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.joinedRows;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

/**
 * The relation locks a statement takes, as pg_locks shows them and as concurrent DDL meets them:
 * the table in its statement's mode (AccessShareLock, RowExclusiveLock for the target of a write,
 * RowShareLock under FOR UPDATE) and its indexes in the same mode, all on the fast path; a
 * prepared statement whose plan is reused takes them again at every execution (plancache.c's
 * AcquireExecutorLocks), so DDL waits for the executing transaction to end and the execution
 * after the DDL plans again (or fails as a new plan would). Before, a reused plan ran with no
 * relation lock at all, indexes were never locked (REINDEX did not wait for their readers), and
 * a write's target was locked AccessShareLock before RowExclusiveLock.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RelationLocksIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect()) {
            exec(c, "create table accounts(id int primary key, balance int)",
                    "insert into accounts select g, g * 10 from generate_series(1, 100) g",
                    "create table scratch(id int primary key, v text)",
                    "insert into scratch values (1, 'one'), (2, 'two')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String relationLocks(Connection c, String like) throws SQLException {
        return joinedRows(c, "select relation::regclass, mode from pg_locks where pid = pg_backend_pid()"
                + " and locktype = 'relation' and relation::regclass::text = '" + like + "' order by mode");
    }

    @Test
    void executeOfACachedPlanLocksItsTableAndDdlWaitsForIt() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "prepare bal(int) as select balance from accounts where id = $1");
            assertEquals("70", joinedRows(a, "execute bal(7)"));
            assertEquals("80", joinedRows(a, "execute bal(8)"));   // the plan made by the first is reused
            a.setAutoCommit(false);
            assertEquals("90", joinedRows(a, "execute bal(9)"));
            assertEquals("accounts|AccessShareLock", relationLocks(a, "accounts"));

            exec(b, "set lock_timeout = '300ms'");
            fails(b, "alter table accounts add column note text", "55P03");
            a.commit();
            exec(b, "alter table accounts add column note text");

            // the ALTER's invalidation makes the next execution plan again, with the same result columns
            assertEquals("100", joinedRows(a, "execute bal(10)"));
            a.commit();
        }
    }

    @Test
    void bindOfACachedPlanLocksItsTableAndSeesTheDrop() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.unwrap(PGConnection.class).setPrepareThreshold(1);   // a named server-side statement from the start
            try (PreparedStatement ps = a.prepareStatement("select v from scratch where id = ?")) {
                assertEquals("one", fetch(ps, 1));
                assertEquals("two", fetch(ps, 2));
                a.setAutoCommit(false);
                assertEquals("one", fetch(ps, 1));
                assertEquals("scratch|AccessShareLock", relationLocks(a, "scratch"));

                exec(b, "set lock_timeout = '300ms'");
                fails(b, "drop table scratch", "55P03");
                a.commit();
                exec(b, "drop table scratch");

                SQLException gone = assertThrows(SQLException.class, () -> fetch(ps, 1));
                assertEquals("42P01", gone.getSQLState(), gone.getMessage());
                a.rollback();
            }
        }
    }

    private static String locksOn(Connection c, String table) throws SQLException {
        return joinedRows(c, "select relation::regclass, mode, fastpath from pg_locks where pid = pg_backend_pid()"
                + " and locktype = 'relation' and relation::regclass::text in ('" + table + "', '" + table + "_pkey')"
                + " order by relation::regclass::text, mode");
    }

    @Test
    void tablesAndTheirIndexesAreLockedInTheStatementsModeOnTheFastPath() throws Exception {
        try (Connection a = server.connect()) {
            a.setAutoCommit(false);
            joinedRows(a, "select balance from accounts where id = 3");
            assertEquals("accounts|AccessShareLock|t;accounts_pkey|AccessShareLock|t", locksOn(a, "accounts"));
            a.rollback();
            exec(a, "update accounts set balance = balance where id = 3");
            assertEquals("accounts|RowExclusiveLock|t;accounts_pkey|RowExclusiveLock|t", locksOn(a, "accounts"));
            a.rollback();
            joinedRows(a, "select id from accounts where id = 3 for update");
            assertEquals("accounts|RowShareLock|t;accounts_pkey|RowShareLock|t", locksOn(a, "accounts"));
            // a strong lock moves the weak ones into the shared table
            exec(a, "lock table accounts in share mode");
            assertEquals("accounts|RowShareLock|f;accounts|ShareLock|f;accounts_pkey|RowShareLock|t", locksOn(a, "accounts"));
            a.rollback();
        }
    }

    @Test
    void reindexWaitsForAQueryThatUsedTheIndex() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table readers(id int primary key, v int)", "create index readers_v on readers(v)",
                    "insert into readers select g, g from generate_series(1, 10) g");
            a.setAutoCommit(false);
            assertEquals("4", joinedRows(a, "select id from readers where id = 4"));
            exec(b, "set lock_timeout = '300ms'");
            // REINDEX takes ShareLock on the table (no conflict) and AccessExclusiveLock on the index
            fails(b, "reindex index readers_pkey", "55P03");
            fails(b, "drop index readers_v", "55P03");
            a.commit();
            exec(b, "reindex index readers_pkey");
            assertEquals("5", joinedRows(a, "select id from readers where id = 5"));
            a.commit();
        }
    }

    private static String fetch(PreparedStatement ps, int id) throws SQLException {
        ps.setInt(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
