package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * pg_get_functiondef and pg_get_function_sqlbody deparse a SQL-standard body as ruleutils.c
 * print_function_sqlbody does (RETURN with every operator parenthesized and constants typed, BEGIN
 * ATOMIC statements one per line, a RETURN among them kept as RETURN, arguments by name,
 * qualified by the function's name where a range table is in scope) rather than printing the
 * text as written; EXPLAIN VERBOSE qualifies a scanned relation with its own schema even when
 * the query did not name it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FunctionSqlBodyDeparseIT extends OneServerPerClass {

    @Test
    void returnAndBeginAtomicBodiesAreDeparsed() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table fbd_t (i int, j text default 'x')");
            s.execute("create function fbd_ret(a text, b int) returns boolean return a = 'abcd' and b > 1");
            assertEquals(List.of("RETURN ((a = 'abcd'::text) AND (b > 1))"),
                    Jdbc.rowsShowingNull(c, "select pg_get_function_sqlbody('fbd_ret'::regproc)"));
            s.execute("create function fbd_atomic(a int, b int) returns void begin atomic"
                    + " insert into fbd_t select a + $2; insert into fbd_t (j, i) values ('z', b); return false; end");
            assertEquals(List.of("CREATE OR REPLACE FUNCTION public.fbd_atomic(a integer, b integer)\n"
                    + " RETURNS void\n"
                    + " LANGUAGE sql\n"
                    + "BEGIN ATOMIC\n"
                    + " INSERT INTO fbd_t (i)  SELECT (fbd_atomic.a + fbd_atomic.b);\n"
                    + " INSERT INTO fbd_t (j, i)\n   VALUES ('z'::text, fbd_atomic.b);\n"
                    + " RETURN false;\n"
                    + "END\n"), Jdbc.rowsShowingNull(c, "select pg_get_functiondef('fbd_atomic'::regproc)"));
            s.execute("create function fbd_case(x int) returns boolean begin atomic select case when x % 2 = 0 then true"
                    + " else false end; end");
            assertEquals(List.of("BEGIN ATOMIC\n SELECT\n         CASE\n             WHEN ((x % 2) = 0) THEN true\n"
                    + "             ELSE false\n         END AS \"case\";\nEND"),
                    Jdbc.rowsShowingNull(c, "select pg_get_function_sqlbody('fbd_case'::regproc)"));
            // the function still runs from the stored body, RETURN inside BEGIN ATOMIC included
            s.execute("create function fbd_two() returns int begin atomic select 1; return 2; end");
            assertEquals(List.of("2"), Jdbc.rowsShowingNull(c, "select fbd_two()"));
        }
    }

    @Test
    void aResultMismatchOfAStandardBodyHasTheFunctionsContext() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            org.postgresql.util.PSQLException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.postgresql.util.PSQLException.class,
                    () -> s.execute("create function fbd_bad() returns int begin atomic select 'a'::text; end"));
            assertEquals("42P13", e.getSQLState());
            assertEquals("SQL function \"fbd_bad\"", e.getServerErrorMessage().getWhere());
        }
    }

    @Test
    void explainVerboseQualifiesByTheRelationsSchema() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create schema fbd_s");
            s.execute("create table fbd_s.t3 (a int)");
            s.execute("set search_path = fbd_s, public");
            assertEquals(List.of("Seq Scan on fbd_s.t3", "  Output: a"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select * from t3"));
        }
    }
}
