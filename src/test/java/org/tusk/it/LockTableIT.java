package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * LOCK TABLE between real sessions: the locks it takes (pg_locks), a conflicting lock waiting
 * until commit, NOWAIT failing at once with 55P03, recursion into children and through views,
 * and PostgreSQL 15's errors (outside a block, wrong relation kind, missing privilege).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LockTableIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect()) {
            exec(c, "create table lt(a int)", "create table lt_child() inherits (lt)", "create view lv as select a from lt",
                    "create sequence lseq", "create index lt_a on lt(a)", "create role lockr login");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static final String MY_LOCKS = "select relation::regclass::text || ':' || mode from pg_locks"
            + " where pid = pg_backend_pid() and locktype = 'relation' and relation::regclass::text like 'l%' order by 1";

    @Test
    void locksTakenAndReleasedAtTheEndOfTheTransaction() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "begin", "lock table lt in share mode");
            assertEquals(List.of("lt:ShareLock", "lt_child:ShareLock"), TuskServer.rows(c, MY_LOCKS));
            exec(c, "commit", "begin", "lock only lt in row exclusive mode");
            assertEquals(List.of("lt:RowExclusiveLock"), TuskServer.rows(c, MY_LOCKS));
            exec(c, "rollback", "begin", "lock lv in access share mode");
            assertEquals(List.of("lt:AccessShareLock", "lv:AccessShareLock"), TuskServer.rows(c, MY_LOCKS));
            exec(c, "commit");
            assertEquals(List.of(), TuskServer.rows(c, MY_LOCKS));
        }
    }

    @Test
    void conflictingLockWaitsAndNowaitFails() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "begin", "lock lt");   // ACCESS EXCLUSIVE
            exec(b, "begin");
            PSQLException e = fails(b, "lock lt in access share mode nowait", "55P03");
            assertEquals("could not obtain lock on relation \"lt\"", e.getServerErrorMessage().getMessage());
            exec(b, "rollback", "begin");
            CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
                try {
                    exec(b, "lock lt in access share mode");
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            Thread.sleep(500);
            assertFalse(waiter.isDone(), "ACCESS SHARE must wait for ACCESS EXCLUSIVE");
            exec(a, "commit");
            waiter.get(30, TimeUnit.SECONDS);
            exec(b, "commit");
        }
    }

    @Test
    void errorsAsPostgres() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("LOCK TABLE can only be used in transaction blocks",
                    fails(c, "lock lt", "25P01").getServerErrorMessage().getMessage());
            exec(c, "begin");
            PSQLException e = fails(c, "lock lseq", "42809");
            assertEquals("cannot lock relation \"lseq\"", e.getServerErrorMessage().getMessage());
            assertEquals("This operation is not supported for sequences.", e.getServerErrorMessage().getDetail());
            exec(c, "rollback", "begin");
            assertEquals("This operation is not supported for indexes.",
                    fails(c, "lock lt_a", "42809").getServerErrorMessage().getDetail());
            exec(c, "rollback", "begin");
            fails(c, "lock nosuch", "42P01");
            exec(c, "rollback");
        }
        try (Connection c = server.connect("lockr", null)) {
            exec(c, "begin");
            assertTrue(fails(c, "lock lt in access share mode", "42501").getMessage().contains("permission denied for table lt"));
            exec(c, "rollback");
        }
    }
}
