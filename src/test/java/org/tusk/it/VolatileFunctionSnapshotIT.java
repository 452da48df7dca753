package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a function called by a statement sees of that statement's own changes, against a real
 * server (transactions.sql's max_xacttest, checked side by side with PostgreSQL 15): a STABLE
 * function reads in the caller's snapshot and sees none of them; a VOLATILE one (SQL or
 * PL/pgSQL) starts each statement with CommandCounterIncrement and sees the rows updated so far,
 * while the calling statement still changes each row once (it keeps its own command id).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class VolatileFunctionSnapshotIT extends OneServerPerClass {

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    /** Runs the regress scenario with max_xacttest defined by {@code definition}; the resulting a values. */
    private static List<String> maxPlusTen(Connection c, String definition, String isolation) throws SQLException {
        exec(c, "create or replace function max_xacttest() returns smallint " + definition);
        exec(c, "begin isolation level " + isolation);
        try {
            assertEquals(4, update(c, "update xacttest set a = max_xacttest() + 10 where a > 0"));
            return rows(c, "select a from xacttest order by a");
        } finally {
            exec(c, "rollback");
        }
    }

    @Test
    void stableFunctionSeesNoneOfTheCallersChangesVolatileSeesThemAll() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table xacttest (a smallint, b real)");
            exec(c, "insert into xacttest values (56, 7.8), (100, 99.097), (0, 0.09561), (42, 324.78), (777, 777.777)");
            List<String> stable = List.of("0", "787", "787", "787", "787");
            List<String> volatil = List.of("0", "787", "797", "807", "817");
            for (String iso : List.of("read committed", "repeatable read")) {
                assertEquals(stable, maxPlusTen(c, "language sql as 'select max(a) from xacttest' stable", iso), iso);
                assertEquals(volatil, maxPlusTen(c, "language sql as 'select max(a) from xacttest' volatile", iso), iso);
                assertEquals(stable, maxPlusTen(c, "language plpgsql as 'begin return max(a) from xacttest; end' stable", iso), iso);
                assertEquals(volatil, maxPlusTen(c, "language plpgsql as 'begin return max(a) from xacttest; end' volatile", iso), iso);
            }
        }
    }

    @Test
    void callingStatementChangesEachRowOnce() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table vt (a int)");
            exec(c, "insert into vt values (1), (2), (3)");
            exec(c, "create function addrow(int) returns bigint language sql volatile as "
                    + "'insert into vt values ($1); select count(*) from vt'");
            exec(c, "create function pl_addrow(int) returns bigint language plpgsql volatile as "
                    + "'begin insert into vt values ($1); return (select count(*) from vt); end'");
            exec(c, "create function cnt() returns bigint language sql volatile as 'select count(*) from vt'");
            exec(c, "begin");
            // the rows the function inserts are not the UPDATE's to scan; each original row is updated once
            assertEquals(3, update(c, "update vt set a = a + addrow(-1)::int where a > 0"));
            assertEquals(List.of("-1", "-1", "-1", "5", "7", "9"), rows(c, "select a from vt order by a"));
            exec(c, "rollback");
            exec(c, "begin isolation level repeatable read");
            assertEquals(3, update(c, "update vt set a = a + pl_addrow(-1)::int where a > 0"));
            assertEquals(List.of("-1", "-1", "-1", "5", "7", "9"), rows(c, "select a from vt order by a"));
            exec(c, "rollback");
            exec(c, "begin");
            // INSERT ... SELECT reading its own target through a volatile function: it sees the rows
            // inserted so far, but the SELECT's scan does not
            assertEquals(3, update(c, "insert into vt select cnt() from vt"));
            assertEquals(List.of("1", "2", "3", "3", "4", "5"), rows(c, "select a from vt order by a"));
            exec(c, "rollback");
            // a statement after the call sees every change, the caller's and the function's
            exec(c, "begin");
            assertEquals(List.of("4", "5", "6"), rows(c, "select addrow(a * 100) from vt"));
            assertEquals(List.of("1", "2", "3", "100", "200", "300"), rows(c, "select a from vt order by a"));
            exec(c, "rollback");
        }
    }
}
