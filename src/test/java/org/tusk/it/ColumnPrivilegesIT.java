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
