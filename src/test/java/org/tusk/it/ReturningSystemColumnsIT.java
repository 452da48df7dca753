package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The system columns RETURNING shows are those of the row version as stored (the update
 * regression test's upsert and utrtest cases): the writer's xid as xmin, the deleter as xmax of
 * a deleted row, and this transaction's own row lock carried to the new version an UPDATE or
 * ON CONFLICT DO UPDATE writes, as heap_update keeps it; ON CONFLICT DO UPDATE locks the
 * conflicting row before it evaluates its WHERE clause. Answers as PostgreSQL 15 gives them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReturningSystemColumnsIT extends OneServerPerClass {

    private static final String MINE = "pg_current_xact_id()::xid";

    @Test
    void insertUpdateDeleteShowTheStoredVersionsHeader() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rs (a int primary key, b text)", "insert into rs values (1, 'old')");
            c.setAutoCommit(false);
            assertEquals("t|t|0|0", joinedRows(c, "insert into rs values (2, 'x') returning xmin = " + MINE
                    + ", xmax = 0, cmin, cmax"));
            assertEquals("1|t|t|1;2|t|t|1", joinedRows(c, "update rs set b = b || '!' returning a, xmin = " + MINE
                    + ", xmax = 0, cmin"));
            assertEquals("1|t|t;2|t|t", joinedRows(c, "delete from rs returning a, xmin = " + MINE + ", xmax = " + MINE));
            c.rollback();
            // the deleted row was written by an earlier transaction: its xmin is that one's
            assertEquals("1|f|t", joinedRows(c, "delete from rs returning a, xmin = " + MINE + ", xmax = " + MINE));
            c.rollback();
        }
    }

    @Test
    void anUpdateKeepsTheTransactionsOwnRowLockOnTheNewVersion() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table rl (a int primary key, b text)", "insert into rl values (1, 'x'), (2, 'y')");
            c.setAutoCommit(false);
            exec(c, "select * from rl where a = 1 for update");
            assertEquals("1|t;2|f", joinedRows(c, "update rl set b = 'q' returning a, xmax = " + MINE));
            // the lock stays on the row: it is still visible and not deleted
            assertEquals("1|q|t;2|q|f", joinedRows(c, "select a, b, xmax = " + MINE + " from rl order by a"));
            c.commit();
            assertEquals("1|q;2|q", joinedRows(c, "select a, b from rl order by a"));
            c.commit();
        }
    }

    @Test
    void onConflictDoUpdateShowsItsLockAsXmax() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table up (a int primary key, b text)", "insert into up values (1, 'x')");
            String upsert = " on conflict (a) do update set b = excluded.b returning a, b, xmin = " + MINE
                    + ", xmax = " + MINE + ", xmax = 0";
            assertEquals("2|n|t|f|t", joinedRows(c, "insert into up values (2, 'n')" + upsert));
            assertEquals("1|z|t|t|f", joinedRows(c, "insert into up values (1, 'z')" + upsert));
        }
    }

    @Test
    void onConflictDoUpdateLocksTheRowEvenWhenItsWhereRejectsIt() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table lk (a int primary key, b text)", "insert into lk values (1, 'x')");
            a.setAutoCommit(false);
            exec(a, "select * from lk for share");
            CompletableFuture<String> upsert = CompletableFuture.supplyAsync(() -> {
                try {
                    return joinedRows(b, "insert into lk values (1, 'y') on conflict (a) do update set b = excluded.b"
                            + " where false returning a");
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            Thread.sleep(700);
            assertFalse(upsert.isDone(), "the upsert waits for the share lock before it evaluates its WHERE");
            a.commit();
            assertEquals("", upsert.get(30, TimeUnit.SECONDS));
            assertEquals("1|x", joinedRows(a, "select a, b from lk"));
            a.commit();
        }
    }
}
