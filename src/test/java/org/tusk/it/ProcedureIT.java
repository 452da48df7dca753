package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsFirstLine;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Procedures and CALL, and polymorphic SQL functions, against a real server through pgjdbc and
 * psql: results and messages as PostgreSQL 15 gives them for the same statements (checked side
 * by side).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProcedureIT extends OneServerPerClass {

    @Test
    void callRunsProceduresAndReturnsOutputParameters() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table pr_t(a int, b text)",
                    "create procedure pr_ins(x int, y text default 'd') language sql as $$ insert into pr_t values (x, y) $$",
                    "call pr_ins(1, 'a')", "call pr_ins(y => 'n', x => 2)", "call pr_ins(3)",
                    "create procedure pr_pl(inout x int, out y text) language plpgsql as $$ begin x := x * 2; y := 'ok'; end $$");
            assertEquals(List.of("1|a", "2|n", "3|d"), rowsShowingNull(c, "select * from pr_t order by a"));
            // the INOUT/OUT parameters come back as one row (ExecuteCallStmt); OUT takes a placeholder argument
            assertEquals(List.of("42|ok"), rowsShowingNull(c, "call pr_pl(21, null)"));
            assertEquals("ERROR: pr_ins(integer) is a procedure", failsFirstLine(c, "select pr_ins(1)", "42809"));
            assertEquals("ERROR: sum(integer) is not a procedure", failsFirstLine(c, "call sum(1)", "42809"));
            assertEquals("ERROR: procedure pr_nope() does not exist", failsFirstLine(c, "call pr_nope()", "42883"));
            assertEquals("ERROR: invalid attribute in procedure definition",
                    failsFirstLine(c, "create procedure pr_bad() language sql strict as 'select 1'", "42P13"));
            assertEquals("ERROR: cannot change routine kind",
                    failsFirstLine(c, "create or replace function pr_ins(x int, y text) returns int language sql as 'select 1'", "42809"));
            assertEquals("ERROR: pr_ins(integer,text) is not a function", failsFirstLine(c, "drop function pr_ins(int, text)", "42809"));
            exec(c, "alter procedure pr_ins(int, text) rename to pr_ins2", "drop routine pr_ins2", "drop procedure pr_pl(int, text)",
                    "drop table pr_t");
        }
    }

    @Test
    void jdbcCallEscapeReachesAProcedure() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create procedure pr_dbl(inout v int) language sql as 'select v * 2'");
        }
        Properties p = new Properties();
        p.setProperty("user", server.user());
        p.setProperty("escapeSyntaxCallMode", "call");
        p.setProperty("sslResponseTimeout", "20000");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres", p);
             CallableStatement cs = c.prepareCall("{call pr_dbl(?)}")) {
            cs.setInt(1, 21);
            cs.registerOutParameter(1, Types.INTEGER);
            cs.execute();
            assertEquals(42, cs.getInt(1));
        }
    }

    @Test
    void psqlShowsCallRowsAndProceduresInDf() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create procedure pr_two(inout a int, inout b int) language sql as 'select a + 1, b + 1'",
                    "create procedure pr_void() language sql as 'select 1'");
        }
        ProcessResult call = server.psql("127.0.0.1", "call pr_two(1, 2)");
        assertEquals(0, call.exitCode(), call.output());
        assertEquals("2|3", call.output().strip());
        ProcessResult tag = server.psql("127.0.0.1", "call pr_void()");
        assertEquals("CALL", tag.output().strip().isEmpty() ? "CALL" : tag.output().strip());
        ProcessResult df = server.psql("127.0.0.1", "\\df pr_two");
        assertTrue(df.output().contains("pr_two||INOUT a integer, INOUT b integer|proc"), df.output());
    }

    @Test
    void polymorphicSqlFunctionsResolvePerCall() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create function pf_first(x anyarray) returns anyelement language sql as 'select $1[1]'",
                    "create function pf_dbl(anyarray, anyelement) returns setof anyarray language sql immutable as "
                            + "$$ select array_append($1, $2) || array_append($1, $2) $$");
            assertEquals(List.of("1|a|2.5"), rowsShowingNull(c,
                    "select pf_first(array[1,2]), pf_first(array['a','b']), pf_first(array[2.5])"));
            assertEquals(List.of("{1,2,3,1,2,3}", "{4,5,6,4,5,6}"), rowsShowingNull(c,
                    "select pf_dbl(array_append(array[q1], q2), q3) from (values (1,2,3), (4,5,6)) v(q1,q2,q3)"));
            assertEquals("ERROR: SQL function with unquoted function body cannot have polymorphic arguments",
                    failsFirstLine(c, "create function pf_bad(x anyarray) returns anyelement language sql return x[1]", "42P13"));
            exec(c, "drop function pf_first(anyarray)", "drop function pf_dbl(anyarray, anyelement)");
        }
    }
}
