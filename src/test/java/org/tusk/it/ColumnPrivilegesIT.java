package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsMessage;
import static org.tusk.it.Jdbc.joinedRows;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Column privileges (GRANT SELECT (cols)) as ExecCheckRTEPerms applies them to the columns a
 * query reads, and the privileges COPY asks on the table or the copied columns (DoCopy), with
 * PostgreSQL 15's answers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ColumnPrivilegesIT {

    /**
     * ExecBuildSlotValueDescription: a failing row's DETAIL shows only what the user may read. A
     * role that may UPDATE but not read a table must not learn the row's other values from a
     * constraint violation (it sees the columns it sets); with SELECT on some columns it sees
     * those too, named.
     */
    @Test
    void aFailingRowShowsOnlyTheColumnsTheUserMayRead() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role rowwriter login", "create table fr (a int, secret text, c int check (c > 0))",
                    "insert into fr values (1, 'hidden', 5)", "grant update on fr to rowwriter");
            try (Connection u = server.connect("rowwriter", null)) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "update fr set c = -1"));
                assertEquals("23514", e.getSQLState());
                assertEquals("Failing row contains (c) = (-1).", e.getServerErrorMessage().getDetail(), "the column it sets");
                e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "update fr set a = null, c = -5"));
                assertEquals("Failing row contains (a, c) = (null, -5).", e.getServerErrorMessage().getDetail());
                exec(su, "grant select (a, c) on fr to rowwriter");
                e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "update fr set c = -1"));
                assertEquals("Failing row contains (a, c) = (1, -1).", e.getServerErrorMessage().getDetail());
            }
            var e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                    () -> exec(su, "update fr set c = -1"));
            assertEquals("Failing row contains (1, hidden, -1).", e.getServerErrorMessage().getDetail());
            // BuildIndexValueDescription: a duplicate key is shown to who may read the key's columns
            exec(su, "create unique index fr_secret on fr (secret)", "insert into fr values (2, 'other', 6)",
                    "revoke select (a, c) on fr from rowwriter");
            try (Connection u = server.connect("rowwriter", null)) {
                var dup = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "update fr set secret = 'guess'"));
                assertEquals("23505", dup.getSQLState());
                assertEquals(null, dup.getServerErrorMessage().getDetail());
            }
            exec(su, "grant select (secret) on fr to rowwriter");
            try (Connection u = server.connect("rowwriter", null)) {
                var dup = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "update fr set secret = 'guess'"));
                assertEquals("Key (secret)=(guess) already exists.", dup.getServerErrorMessage().getDetail());
            }
            exec(su, "drop table fr", "drop role rowwriter");
        }
    }

    /**
     * ExecCheckRTEPerms with insertedCols and updatedCols: INSERT and UPDATE privileges on some
     * columns allow statements that give values to those columns only; SELECT is asked only for
     * the columns the statement reads (ON CONFLICT's target included). A failing row shows the
     * columns the statement gave (ExecBuildSlotValueDescription's modifiedCols), through a view
     * as the base table's; a deferred unique check hides a key the user may not read.
     */
    /**
     * A row a BEFORE ROW trigger of the partition moved out of it: the partition constraint's
     * DETAIL shows the columns the INSERT into the partitioned table gave (ExecGetInsertedCols of
     * the root), also from an INSERT in a WITH query, to a role that may insert but not read.
     */
    @Test
    void aRowMovedOutOfItsPartitionShowsTheInsertedColumns() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role partwriter login",
                    "create table bp (a int, b text) partition by list (a)",
                    "create table bp1 partition of bp for values in (1)",
                    "create function bp1f() returns trigger as $$begin new.a := 2; return new; end$$ language plpgsql",
                    "create trigger bp1t before insert on bp1 for each row execute procedure bp1f()",
                    "create table bpout (f int)", "grant insert on bp, bpout to partwriter");
            try (Connection u = server.connect("partwriter", null)) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "with r as (insert into bp values (1, 'hi there') returning 1) insert into bpout select * from r"));
                assertEquals("23514", e.getSQLState());
                assertEquals("Failing row contains (a, b) = (2, hi there).", e.getServerErrorMessage().getDetail());
                e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "insert into bp (a) values (1)"));
                assertEquals("Failing row contains (a) = (2).", e.getServerErrorMessage().getDetail());
            }
        }
    }

    @Test
    void insertAndUpdateOnColumnsAllowThoseColumnsOnly() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role colwriter login",
                    "create table cw (a int primary key, b int check (b > 0), c int unique deferrable initially deferred, d int)",
                    "insert into cw values (1, 1, 1, 1)", "create view cwv as select a, b from cw",
                    "grant insert (a, b), update (b) on cw to colwriter", "grant select (d) on cw to colwriter",
                    "grant insert (a, b) on cwv to colwriter");
            try (Connection u = server.connect("colwriter", null)) {
                exec(u, "insert into cw (a, b) values (2, 2)", "insert into cw (a) values (3)", "update cw set b = 5",
                        "update cw set b = 6 where true", "update cw set b = 7 where d = 1", "insert into cw values (4, 4)",
                        "insert into cw (a) select 5", "insert into cwv (a, b) values (6, 6)",
                        "insert into cw values (1, 1) on conflict do nothing");
                assertEquals("permission denied for table cw", failsMessage(u, "insert into cw (a, c) values (7, 7)", "42501"));
                assertEquals("permission denied for table cw", failsMessage(u, "insert into cw values (7, 7, 7)", "42501"));
                assertEquals("permission denied for table cw", failsMessage(u, "update cw set c = 1", "42501"));
                assertEquals("permission denied for table cw", failsMessage(u, "update cw set b = b", "42501"), "reads b");
                assertEquals("permission denied for table cw", failsMessage(u, "update cw set b = 1 where a = 1", "42501"));
                assertEquals("permission denied for table cw",
                        failsMessage(u, "insert into cw values (1, 1) on conflict (a) do nothing", "42501"), "the target reads a");
                var e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "insert into cw (a, b) values (8, -8)"));
                assertEquals("23514", e.getSQLState());
                assertEquals("Failing row contains (a, b, d) = (8, -8, null).", e.getServerErrorMessage().getDetail());
                e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                        () -> exec(u, "insert into cwv (a, b) values (9, -9)"));
                assertEquals("Failing row contains (a, b, d) = (9, -9, null).", e.getServerErrorMessage().getDetail());
            }
            exec(su, "grant insert (c) on cw to colwriter");
            try (Connection u = server.connect("colwriter", null)) {
                u.setAutoCommit(false);
                exec(u, "insert into cw (a, c) values (10, 1)");
                var e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class, u::commit);
                assertEquals("23505", e.getSQLState());
                assertEquals(null, e.getServerErrorMessage().getDetail(), "no SELECT on c: the key is not shown");
            }
            assertEquals("1|7|1|1;2|6|null|null;3|6|null|null;4|4|null|null;5|null|null|null;6|6|null|null",
                    joinedRows(su, "select * from cw order by a"));
            exec(su, "drop view cwv", "drop table cw", "drop role colwriter");
        }
    }

    @Test
    void selectOnColumnsAllowsReadingThoseColumnsOnly() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role colreader login", "create table cpt (a int, b int, c int)", "insert into cpt values (1, 2, 3)",
                    "grant select (a, b) on cpt to colreader");
            try (Connection u = server.connect("colreader", null)) {
                assertEquals("1", joinedRows(u, "select count(*) from cpt"));
                assertEquals("1|2", joinedRows(u, "select a, b from cpt"));
                assertEquals("2", joinedRows(u, "select b from (select a, b from cpt) s"));
                String denied = "permission denied for table cpt";
                assertEquals(denied, failsMessage(u, "select c from cpt", "42501"));
                assertEquals(denied, failsMessage(u, "select * from cpt", "42501"));
                assertEquals(denied, failsMessage(u, "select a from cpt where c = 3", "42501"));
                // outer references from sub-queries are reads of the outer table's columns
                assertEquals(denied, failsMessage(u, "select (select c) from cpt", "42501"));
                assertEquals(denied, failsMessage(u, "select 1 from cpt x where exists (select 1 from cpt y where y.a = x.c)", "42501"));
                assertEquals(denied, failsMessage(u, "select b from (select * from cpt) s", "42501"));

                CopyManager copy = new CopyManager(u.unwrap(BaseConnection.class));
                StringWriter out = new StringWriter();
                copy.copyOut("copy cpt (a, b) to stdout", out);
                assertEquals("1\t2\n", out.toString());
                assertEquals(denied, failsMessage(u, "copy cpt to stdout", "42501"));
                assertEquals(denied, failsMessage(u, "copy cpt (c) to stdout", "42501"));
                // COPY FROM needs INSERT, which the role does not have
                try {
                    copy.copyIn("copy cpt (a) from stdin", new StringReader("5\n"));
                    throw new AssertionError("copy from succeeded");
                } catch (org.postgresql.util.PSQLException e) {
                    assertEquals("42501", e.getSQLState());
                    assertEquals(denied, e.getServerErrorMessage().getMessage());
                }
            }
            exec(su, "drop table cpt", "drop role colreader");
        }
    }

    @Test
    void copyWithoutPrivilegesIsRefused() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection su = server.connect()) {
            exec(su, "create role nopriv login", "create table cpn (a int)", "insert into cpn values (1)");
            try (Connection u = server.connect("nopriv", null)) {
                assertEquals("permission denied for table cpn", failsMessage(u, "copy cpn to stdout", "42501"));
            }
            exec(su, "grant insert on cpn to nopriv");
            try (Connection u = server.connect("nopriv", null)) {
                new CopyManager(u.unwrap(BaseConnection.class)).copyIn("copy cpn from stdin", new StringReader("2\n"));
                assertEquals("permission denied for table cpn", failsMessage(u, "copy cpn to stdout", "42501"));
            }
            assertEquals("1;2", joinedRows(su, "select a from cpn order by a"));
            exec(su, "drop table cpn", "drop role nopriv");
        }
    }
}
