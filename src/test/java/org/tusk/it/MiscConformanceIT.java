package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

/**
 * Behaviour of the regression tests select_into, copy, expressions, arrays, create_aggregate
 * and errors through a running server: COPY ... HEADER MATCH and its errors, IN lists as
 * ScalarArrayOpExpr, typmod-dropping casts kept in views, unnest of int2vector arrays, COMMENT
 * ON AGGREGATE, a SQL function whose body is CREATE TABLE AS, and renameatt's messages.
 * Expected values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MiscConformanceIT {
    private static long copyIn(Connection c, String sql, String data) throws Exception {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data));
    }

    @Test
    void copyHeaderMatch() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table header_copytest (a int, b int, c text)");
            }
            assertEquals(1, copyIn(c, "copy header_copytest from stdin with (header match)", "a\tb\tc\n1\t2\tfoo\n"));
            assertEquals(1, copyIn(c, "copy header_copytest (c, a, b) from stdin with (header match)", "c\ta\tb\nbar\t3\t4\n"));
            assertEquals(1, copyIn(c, "copy header_copytest from stdin with (header match, format csv)", "a,b,c\n5,6,baz\n"));
            SQLException e = assertThrows(SQLException.class, () -> copyIn(c,
                    "copy header_copytest (c, b, a) from stdin with (header match)", "a\tb\tc\n1\t2\tfoo\n"));
            assertTrue(e.getMessage().contains("column name mismatch in header line field 1: got \"a\", expected \"c\""),
                    e.getMessage());
            e = assertThrows(SQLException.class, () -> copyIn(c,
                    "copy header_copytest from stdin with (header match)", "a\tb\t\\N\n1\t2\tfoo\n"));
            assertTrue(e.getMessage().contains("got null value (\"\\N\"), expected \"c\""), e.getMessage());
            e = assertThrows(SQLException.class, () -> copyIn(c,
                    "copy header_copytest from stdin with (header match)", "a\tb\n1\t2\n"));
            assertTrue(e.getMessage().contains("wrong number of fields in header line: got 2, expected 3"), e.getMessage());
            assertEquals(List.of("1|2|foo", "3|4|bar", "5|6|baz"),
                    TuskServer.rows(c, "select * from header_copytest order by a"));
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c,
                    "copy header_copytest to stdout with (header match)"));
            assertTrue(e.getMessage().contains("cannot use \"match\" with HEADER in COPY TO"), e.getMessage());
        }
    }

    /** A LANGUAGE sql built-in evaluated on constants at plan time reports its SQL body as the error's context. */
    @Test
    void sqlLanguageBuiltinsFoldedOnConstants() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c,
                    "select substring('abcdefg' similar 'a*#\"%#\"g*#\"x' escape '#')"));
            assertEquals("SQL function \"substring\" statement 1",
                    ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getWhere());
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select log(-1::numeric)"));
            assertEquals("SQL function \"log\" statement 1",
                    ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getWhere());
            // a function PostgreSQL implements in C has no such context
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select ln(-1::numeric)"));
            assertEquals(null, ((org.postgresql.util.PSQLException) e).getServerErrorMessage().getWhere());
        }
    }

    @Test
    void expressionsArraysAndFunctions() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            assertEquals(List.of("Result", "  Output: (random() = ANY ('{1,4,8}'::double precision[]))"),
                    TuskServer.rows(c, "explain (verbose, costs off) select random() IN (1, 4, 8.0)"));
            assertEquals(List.of("t||f|t"), TuskServer.rows(c,
                    "select 1 in (1, 2), 3 not in (1, 2, null), 2 in (1, 2.5), 'b' in ('a', 'b')"));
            try (Statement s = c.createStatement()) {
                s.execute("create table numeric_tbl (f1 numeric(18,3), f2 numeric)");
                s.execute("create view numeric_view as select f1, f1::numeric(16,4) as f1164, f1::numeric as f1n,"
                        + " f2, f2::numeric(16,4) as f2164, f2::numeric as f2n from numeric_tbl");
                s.execute("create table t_in (a int, b int)");
                s.execute("create view v_in as select * from t_in where a in (1, 2, b)");
            }
            assertEquals(List.of(" SELECT numeric_tbl.f1,\n    (numeric_tbl.f1)::numeric(16,4) AS f1164,\n"
                    + "    (numeric_tbl.f1)::numeric AS f1n,\n    numeric_tbl.f2,\n"
                    + "    (numeric_tbl.f2)::numeric(16,4) AS f2164,\n    numeric_tbl.f2 AS f2n\n   FROM numeric_tbl;"),
                    TuskServer.rows(c, "select pg_get_viewdef('numeric_view')"));
            assertEquals(List.of("numeric"), TuskServer.rows(c,
                    "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'numeric_view'::regclass"
                            + " and attname = 'f1n'"));
            // only the items without Vars go into the array (transformAExprIn)
            assertEquals(List.of(" SELECT t_in.a,\n    t_in.b\n   FROM t_in\n"
                    + "  WHERE ((t_in.a = ANY (ARRAY[1, 2])) OR (t_in.a = t_in.b));"),
                    TuskServer.rows(c, "select pg_get_viewdef('v_in')"));
            assertEquals(List.of("11 22 33", "11 22 33"), TuskServer.rows(c,
                    "select unnest(array(select '11 22 33'::int2vector from generate_series(1,2)))"));
            assertEquals(List.of("oidvector"), TuskServer.rows(c, "select pg_typeof(unnest(array['11 22 33'::oidvector]))"));
            assertEquals(List.of("bpchar|character"), TuskServer.rows(c,
                    "select format_type('bpchar'::regtype, -1), format_type('bpchar'::regtype, null)"));
            try (Statement s = c.createStatement()) {
                s.execute("create table int8_src (q1 int8, q2 int8)");
                s.execute("insert into int8_src values (1, 2), (3, 4)");
                s.execute("create function make_table() returns void as $$"
                        + " create table created_table as select * from int8_src; $$ language sql");
                s.execute("select make_table()");
                s.execute("create aggregate newcnt(*) (sfunc = int8inc, stype = int8, initcond = '0')");
                s.execute("comment on aggregate newcnt (*) is 'an agg(*) comment'");
            }
            assertEquals(List.of("1|2", "3|4"), TuskServer.rows(c, "select * from created_table order by q1"));
            assertEquals(List.of("an agg(*) comment"), TuskServer.rows(c,
                    "select obj_description('newcnt'::regproc, 'pg_proc')"));
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c,
                    "comment on aggregate nosuchagg (*) is 'should fail'"));
            assertTrue(e.getMessage().contains("aggregate nosuchagg(*) does not exist"), e.getMessage());
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select make_table()"));
            assertTrue(e.getMessage().contains("relation \"created_table\" already exists"), e.getMessage());
        }
    }

    @Test
    void renameColumnRecursesToChildrenFirst() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table emp (name text, salary int)");
                s.execute("create table stud_emp (manager text) inherits (emp)");
            }
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c,
                    "alter table emp rename column nonesuchatt to newnonesuchatt"));
            assertTrue(e.getMessage().contains("column \"nonesuchatt\" does not exist"), e.getMessage());
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c,
                    "alter table emp rename column salary to manager"));
            assertTrue(e.getMessage().contains("column \"manager\" of relation \"stud_emp\" already exists"), e.getMessage());
            try (Statement s = c.createStatement()) {
                s.execute("alter table emp rename column salary to pay");
            }
            assertEquals(List.of("name|pay|manager"), TuskServer.rows(c,
                    "select string_agg(attname, '|' order by attnum) from pg_attribute where attrelid = 'stud_emp'::regclass"
                            + " and attnum > 0"));
        }
    }
}
