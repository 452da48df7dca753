package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.failsFirstLine;
import static org.tusk.it.Jdbc.rowsShowingNull;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Calls of SQL functions with named arguments, defaults and VARIADIC, and ALTER FUNCTION, against
 * a real server: results and messages as PostgreSQL 15 gives them (checked side by side).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FunctionCallIT extends OneServerPerClass {

    @Test
    void namedDefaultAndVariadicArguments() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function vsum(variadic xs int[]) returns int language sql as 'select sum(x)::int from unnest(xs) x'");
            assertEquals(List.of("6|9|5"), rowsShowingNull(a, "select vsum(1,2,3), vsum(variadic array[4,5]), vsum(5)"));
            assertEquals("ERROR: function vsum() does not exist", failsFirstLine(a, "select vsum()", "42883"));
            assertEquals("ERROR: function vsum(integer) does not exist", failsFirstLine(a, "select vsum(variadic 5)", "42883"));
            exec(a, "create function fmt(a text, b text default 'B', c text default 'C') returns text language sql "
                    + "as $$ select a || b || c $$");
            assertEquals(List.of("xBC|xBz|pBq|wyC"), rowsShowingNull(a,
                    "select fmt('x'), fmt('x', c => 'z'), fmt(c := 'q', a => 'p'), fmt(b => 'y', a => 'w')"));
            assertEquals("ERROR: function fmt(c => unknown) does not exist", failsFirstLine(a, "select fmt(c => 'z')", "42883"));
            assertEquals("ERROR: function fmt(unknown, a => unknown) does not exist", failsFirstLine(a, "select fmt('x', a => 'y')", "42883"));
            assertEquals("ERROR: argument name \"a\" used more than once", failsFirstLine(a, "select fmt(a => 'x', a => 'y')", "42601"));
            assertEquals("ERROR: positional argument cannot follow named argument", failsFirstLine(a, "select fmt(a => 'x', 'y')", "42601"));
            // VARIADIC "any" built-ins spread the array
            assertEquals(List.of("123|ab|u-v"), rowsShowingNull(a, "select concat(variadic array[1,2,3]), concat('a', 'b'), "
                    + "format('%s-%s', variadic array['u','v'])"));
            assertEquals("ERROR: VARIADIC argument must be an array", failsFirstLine(a, "select concat(variadic 1)", "42804"));
            assertEquals("ERROR: function concat(unknown, text[]) does not exist",
                    failsFirstLine(a, "select concat('a', variadic array['b'])", "42883"));
            exec(a, "create function v2(a int, variadic b text[]) returns text language sql "
                    + "as $$ select a::text || array_to_string(b, ',') $$");
            assertEquals(List.of("1a,b|2c|3x"), rowsShowingNull(a, "select v2(1, 'a', 'b'), v2(2, variadic array['c']), "
                    + "v2(a => 3, variadic b => array['x'])"));
            assertEquals("ERROR: function v2(a => integer, b => text[]) does not exist",
                    failsFirstLine(a, "select v2(a => 3, b => array['x'])", "42883"));
            assertEquals("ERROR: VARIADIC parameter must be the last input parameter",
                    failsFirstLine(a, "create function bad(variadic a int[], b int) returns int language sql as 'select 1'", "42P13"));
            assertEquals("ERROR: VARIADIC parameter must be an array",
                    failsFirstLine(a, "create function bad(variadic a int) returns int language sql as 'select 1'", "42P13"));
        }
    }

    @Test
    void alterFunction() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function af(int) returns int language sql as 'select $1 + 1'");
            exec(a, "alter function af(int) immutable strict cost 5");
            assertEquals(List.of("i|t|5"), rowsShowingNull(a, "select provolatile, proisstrict, procost from pg_proc where proname = 'af'"));
            assertEquals(List.of("null"), rowsShowingNull(a, "select af(null)"));
            exec(a, "alter function af called on null input volatile");
            assertEquals(List.of("v|f"), rowsShowingNull(a, "select provolatile, proisstrict from pg_proc where proname = 'af'"));
            assertEquals("ERROR: ROWS is not applicable when function does not return a set",
                    failsFirstLine(a, "alter function af(int) rows 10", "22023"));
            assertEquals("ERROR: COST must be positive", failsFirstLine(a, "alter function af(int) cost 0", "22023"));
            exec(a, "create function af2(int) returns int language sql as 'select $1 + 2'");
            assertEquals("ERROR: function af2(integer) already exists in schema \"public\"",
                    failsFirstLine(a, "alter function af(int) rename to af2", "42723"));
            exec(a, "alter function af(int) rename to af3");
            assertEquals(List.of("2"), rowsShowingNull(a, "select af3(1)"));
            exec(a, "create schema afs");
            exec(a, "alter function af3(int) set schema afs");
            assertEquals("ERROR: function af3(integer) does not exist", failsFirstLine(a, "select af3(1)", "42883"));
            assertEquals(List.of("2"), rowsShowingNull(a, "select afs.af3(1)"));
            assertEquals("ERROR: function nosuch(integer) does not exist", failsFirstLine(a, "alter function nosuch(int) stable", "42883"));
            exec(a, "create role afowner");
            exec(a, "alter function afs.af3(int) owner to afowner");
            assertEquals(List.of("afowner"), rowsShowingNull(a, "select r.rolname from pg_proc p join pg_roles r on r.oid = p.proowner "
                    + "where p.proname = 'af3'"));
            exec(a, "create aggregate aagg(int4) (sfunc = int4pl, stype = int4)");
            exec(a, "alter aggregate aagg(int4) rename to aagg2");
            assertEquals(List.of("3"), rowsShowingNull(a, "select aagg2(x) from (values (1), (2)) v(x)"));
            assertEquals("ERROR: aggregate aagg(integer) does not exist", failsFirstLine(a, "alter aggregate aagg(int4) rename to x", "42883"));
        }
    }
}
