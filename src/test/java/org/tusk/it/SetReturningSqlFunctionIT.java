package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsFirstLine;
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
import org.postgresql.util.PSQLException;

/**
 * LANGUAGE sql functions RETURNS SETOF, RETURNS TABLE and with OUT/INOUT parameters, in FROM and
 * in the select list, and the regproc/regprocedure types, against a real server: results and
 * messages as PostgreSQL 15 gives them (checked side by side).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SetReturningSqlFunctionIT extends OneServerPerClass {

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            StringBuilder head = new StringBuilder();
            for (int i = 1; i <= n; i++) head.append(i > 1 ? "|" : "").append(rs.getMetaData().getColumnName(i));
            out.add(head.toString());
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Test
    void setofAndTableFunctions() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function sf(n int) returns setof int language sql as 'select generate_series(1, n)'");
            assertEquals(List.of("sf", "1", "2", "3"), rows(a, "select * from sf(3)"));
            assertEquals(List.of("sf|?column?", "1|x", "2|x"), rows(a, "select sf(2), 'x'"));
            assertEquals(List.of("sf"), rows(a, "select * from sf(0)"));
            exec(a, "create table t (i int, s text)");
            exec(a, "insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
            exec(a, "create function tf(lim int) returns table(n int, label text) language sql "
                    + "as $$ select i, s from t where i <= lim order by i $$");
            assertEquals(List.of("n|label", "1|a", "2|b"), rows(a, "select * from tf(2)"));
            assertEquals(List.of("label", "b"), rows(a, "select label from tf(3) where n = 2"));
            assertEquals(List.of("tf", "(1,a)"), rows(a, "select tf(1)"));
            exec(a, "create function so(x int, out a int, out b text) returns setof record language sql "
                    + "as $$ select i, i::text from generate_series(1, x) i $$");
            assertEquals(List.of("a|b", "1|1", "2|2"), rows(a, "select * from so(2)"));
            // a FROM function is LATERAL: its argument may come from an earlier item
            assertEquals(List.of("i|f", "1|1", "2|1", "2|2"), rows(a, "select t.i, f from t, sf(t.i) f where t.i < 3"));
        }
    }

    @Test
    void outParameters() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function dup(x int, out a int, out b int) language sql as 'select x, x * 2'");
            assertEquals(List.of("a|b", "3|6"), rows(a, "select * from dup(3)"));
            assertEquals(List.of("dup", "(3,6)"), rows(a, "select dup(3)"));
            assertEquals(List.of("b", "8"), rows(a, "select b from dup(4)"));
            exec(a, "create function inc(inout x int, out y text) language sql as $$ select x + 1, 'y' $$");
            assertEquals(List.of("x|y", "2|y"), rows(a, "select * from inc(1)"));
            assertEquals(List.of("proargmodes|proargnames", "{b,o}|{x,y}"),
                    rows(a, "select proargmodes, proargnames from pg_proc where proname = 'inc'"));
            assertEquals("ERROR: function result type must be record because of OUT parameters", failsFirstLine(a,
                    "create function bad(out a int, out b int) returns int language sql as 'select 1, 2'", "42P13"));
            assertEquals("ERROR: return type mismatch in function declared to return record", failsFirstLine(a,
                    "create function bad(out a int, out b int) language sql as 'select 1'", "42P13"));
            assertEquals("ERROR: return type mismatch in function declared to return record", failsFirstLine(a,
                    "create function bad(out a int, out b int) language sql as 'select 1, 2, 3'", "42P13"));
            // one OUT parameter: the function returns its type
            exec(a, "create function one(x int, out doubled int) language sql as 'select x * 2'");
            assertEquals(List.of("one", "10"), rows(a, "select one(5)"));
            assertEquals(List.of("doubled", "10"), rows(a, "select * from one(5)"));
        }
    }

    @Test
    void regproc() throws Exception {
        try (Connection a = server.connect()) {
            assertEquals(List.of("regproc", "int4pl"), rows(a, "select 'int4pl'::regproc"));
            exec(a, "create function twice(int) returns int language sql as 'select $1 * 2'");
            exec(a, "create function twice(text) returns text language sql as 'select $1 || $1'");
            assertEquals("ERROR: more than one function named \"twice\"", failsFirstLine(a, "select 'twice'::regproc", "42725"));
            assertEquals("ERROR: function \"nosuch\" does not exist", failsFirstLine(a, "select 'nosuch'::regproc", "42883"));
            assertEquals(List.of("regprocedure", "twice(integer)"), rows(a, "select 'twice(int)'::regprocedure"));
            assertEquals(List.of("proname|pronargs", "twice|1"),
                    rows(a, "select proname, pronargs from pg_proc where oid = 'twice(text)'::regprocedure"));
            assertEquals(List.of("regproc", "-"), rows(a, "select 0::regproc"));
            exec(a, "create aggregate mysum(int) (sfunc = int4pl, stype = int)");
            assertEquals(List.of("aggfnoid|aggtransfn|aggfinalfn", "mysum|int4pl|-"),
                    rows(a, "select aggfnoid, aggtransfn, aggfinalfn from pg_aggregate where aggfnoid = 'mysum'::regproc"));
        }
    }
}
