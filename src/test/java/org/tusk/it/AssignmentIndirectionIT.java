package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Assignment through subscripts and fields in INSERT and UPDATE, and the xid8 functions,
 * through a running server. Expected values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AssignmentIndirectionIT {
    @Test
    void assignmentsToElementsAndFieldsNestPerColumn() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create type ait as (if1 int, if2 text[])");
                s.execute("create table ai (f2 int[], f3 ait, f4 ait[])");
                s.execute("insert into ai (f2[1], f2[2]) values (1, 2), (3, 4)");
                s.execute("insert into ai (f3.if1, f3.if2) select 3, '{baz,quux}'");
                s.execute("insert into ai (f4[1].if2[1], f4[1].if2[2]) values ('foo', 'bar')");
                s.execute("update ai set f2[4] = 9, f2[1:2] = '{7,7}' where f2 = '{1,2}'");
                s.execute("update ai set f4[2].if1 = 5, f4[2].if2[2] = 'x' where f4 is not null");
            }
            assertEquals(List.of("{3,4}||", "{7,7,NULL,9}||", "|(3,\"{baz,quux}\")|",
                    "||{\"(,\\\"{foo,bar}\\\")\",\"(5,[2:2]={x})\"}"), TuskServer.rows(c,
                    "select f2, f3, f4 from ai order by f2 nulls last, f3 nulls last"));
            SQLException e = assertThrows(SQLException.class, () -> exec(c, "update ai set f2[1] = 1, f2 = '{1}'"));
            assertEquals("multiple assignments to same column \"f2\"", message(e));
            e = assertThrows(SQLException.class, () -> exec(c, "update ai set f2.x = 1"));
            assertEquals("cannot assign to field \"x\" of column \"f2\" because its type integer[] is not a composite type",
                    message(e));
            e = assertThrows(SQLException.class, () -> exec(c, "insert into ai (f2[1], f2[2]) values (1, default)"));
            assertEquals("cannot set an array element to DEFAULT", message(e));
            // a domain over an array is checked once, on the finished value
            try (Statement s = c.createStatement()) {
                s.execute("create domain ai_pos as int[] check (value[1] > 0 and value[2] is not null)");
                s.execute("create table aid (f ai_pos)");
                s.execute("insert into aid (f[1], f[2]) values (1, 2)");
            }
            e = assertThrows(SQLException.class, () -> exec(c, "insert into aid (f[1]) values (1)"));
            assertEquals("23514", e.getSQLState());
            assertEquals(List.of("{1,2}"), TuskServer.rows(c, "select f from aid"));
        }
    }

    @Test
    void xactStatusAndSnapshotsSeeAnotherSessionsTransaction() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            String xid = TuskServer.rows(a, "select pg_current_xact_id()").get(0);
            assertEquals(List.of("in progress"), TuskServer.rows(b, "select pg_xact_status('" + xid + "')"));
            // a later transaction that commits moves xmax past a's id, which is then listed as running
            TuskServer.rows(b, "select txid_current()");
            // b's snapshot lists a's transaction as running, so it is not visible in it
            assertEquals(List.of("f"), TuskServer.rows(b, "select pg_visible_in_snapshot('" + xid + "', pg_current_snapshot())"));
            assertEquals(List.of("t"), TuskServer.rows(b,
                    "select '" + xid + "'::xid8 in (select pg_snapshot_xip(pg_current_snapshot()))"));
            a.commit();
            assertEquals(List.of("committed"), TuskServer.rows(b, "select pg_xact_status('" + xid + "')"));
            assertEquals(List.of("t"), TuskServer.rows(b, "select pg_visible_in_snapshot('" + xid + "', pg_current_snapshot())"));
            String aborted = TuskServer.rows(a, "select txid_current()").get(0);
            a.rollback();
            assertEquals(List.of("aborted"), TuskServer.rows(b, "select txid_status(" + aborted + ")"));
            SQLException e = assertThrows(SQLException.class, () -> exec(b, "select pg_xact_status('9999999999')"));
            assertEquals("transaction ID 9999999999 is in the future", message(e));
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The server's primary message of an error. */
    private static String message(SQLException e) {
        return ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getMessage();
    }
}
