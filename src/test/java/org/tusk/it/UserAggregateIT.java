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
 * CREATE/DROP AGGREGATE against a real server: results and messages as PostgreSQL 15 gives them
 * (checked side by side with PostgreSQL 15).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UserAggregateIT extends OneServerPerClass {

    @Test
    void aggregatesOfBuiltinAndSqlSupportFunctions() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table ag(g int, x int)");
            exec(a, "insert into ag values (1,1),(1,2),(1,null),(2,5),(2,7)");
            // old syntax with the obsolete spellings, a final function and an array initial value
            exec(a, "create aggregate newavg (sfunc = int4_avg_accum, basetype = int4, stype = _int8, "
                    + "finalfunc = int8_avg, initcond1 = '{0,0}')");
            exec(a, "create aggregate newsum (sfunc1 = int4pl, basetype = int4, stype1 = int4, initcond1 = '0')");
            exec(a, "create aggregate newcnt (*) (sfunc = int8inc, stype = int8, initcond = '0', parallel = safe)");
            exec(a, "create aggregate newcnt (\"any\") (sfunc = int8inc_any, stype = int8, initcond = '0')");
            assertEquals(List.of("1|1.5000000000000000|3|3|2", "2|6.0000000000000000|12|2|2"), rowsShowingNull(a,
                    "select g, newavg(x), newsum(x), newcnt(*), newcnt(x) from ag group by g order by g"));
            // strict transition function without initial value: the first non-null input is the state
            exec(a, "create aggregate mymax(int4) (sfunc = int4larger, stype = int4)");
            assertEquals(List.of("1|2|2|3", "2|7|5|12"), rowsShowingNull(a, "select g, mymax(x), mymax(distinct x) filter (where x < 7), "
                    + "newsum(x order by x) from ag group by g order by g"));
            assertEquals(List.of("1|1|1", "1|2|3", "1|null|3", "2|5|5", "2|7|12"),
                    rowsShowingNull(a, "select g, x, newsum(x) over (partition by g order by x) from ag order by g, x"));
            // a SQL transition function with two aggregated arguments
            exec(a, "create function sum3(int8, int8, int8) returns int8 as 'select $1 + $2 + $3' language sql strict immutable");
            exec(a, "create aggregate sum2(int8, int8) (sfunc = sum3, stype = int8, initcond = '0')");
            assertEquals(List.of("21"), rowsShowingNull(a, "select sum2(x, g) from ag"));
            // visible to another session after commit; pg_aggregate holds the row
            assertEquals(List.of("21"), rowsShowingNull(b, "select sum2(x, g) from ag"));
            assertEquals(List.of("1016|{0,0}"), rowsShowingNull(b, "select aggtranstype, agginitval from pg_aggregate "
                    + "where aggfnoid = (select oid from pg_proc where proname = 'newavg')"));
            assertEquals(List.of("newavg|a|aggregate_dummy"), rowsShowingNull(b, "select proname, prokind, prosrc from pg_proc where proname = 'newavg'"));
            // OR REPLACE changes the definition
            exec(a, "create or replace aggregate newsum (int4) (sfunc = int4pl, stype = int4, initcond = '100')");
            assertEquals(List.of("115"), rowsShowingNull(a, "select newsum(x) from ag"));
        }
    }

    @Test
    void definitionErrorsAreThoseOfPostgres() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function least_accum(int8, int8) returns int8 language sql as 'select least($1, $2)'");
            assertEquals("ERROR: function least_accum(bigint, bigint) requires run-time type coercion",
                    failsFirstLine(a, "create aggregate least_agg(int4) (stype = int8, sfunc = least_accum)", "42804"));
            assertEquals("ERROR: aggregate stype must be specified",
                    failsFirstLine(a, "create aggregate bad (\"Sfunc1\" = int4pl, \"Basetype\" = int4)", "42P13"));
            assertEquals("ERROR: parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE",
                    failsFirstLine(a, "create aggregate mysum (int) (stype = int, sfunc = int4pl, parallel = pear)", "42601"));
            assertEquals("ERROR: must specify both or neither of serialization and deserialization functions",
                    failsFirstLine(a, "create aggregate mysum (int) (stype = int, sfunc = int4pl, serialfunc = int4pl)", "42P13"));
            exec(a, "create function float8mi_n(float8, float8) returns float8 as $$ select $1 - $2; $$ language sql");
            assertEquals("ERROR: strictness of aggregate's forward and inverse transition functions must match",
                    failsFirstLine(a, "create aggregate invalidsumdouble (float8) (stype = float8, sfunc = float8pl, "
                            + "mstype = float8, msfunc = float8pl, minvfunc = float8mi_n)", "42P13"));
            assertEquals("ERROR: function nosuch(integer, integer) does not exist",
                    failsFirstLine(a, "create aggregate x1 (int) (stype = int, sfunc = nosuch)", "42883"));
            exec(a, "create aggregate mysum (int) (stype = int, sfunc = int4pl)");
            assertEquals("ERROR: cannot change return type of existing function", failsFirstLine(a,
                    "create or replace aggregate mysum (int) (stype = _int8, sfunc = int4_avg_accum, finalfunc = int8_avg, "
                            + "initcond = '{0,0}')", "42P13"));
            exec(a, "create function k1(int8) returns int8 language sql as 'select $1'");
            assertEquals("ERROR: cannot change routine kind", failsFirstLine(a,
                    "create or replace aggregate k1 (int8) (stype = int8, sfunc = int8pl)", "42809"));
            assertEquals("ERROR: function \"mysum\" already exists with same argument types",
                    failsFirstLine(a, "create aggregate mysum (int) (stype = int, sfunc = int4pl)", "42723"));
            exec(a, "drop aggregate mysum(int)");
            assertEquals("ERROR: aggregate mysum(integer) does not exist", failsFirstLine(a, "drop aggregate mysum(int)", "42883"));
            SQLWarning w = exec(a, "drop aggregate if exists mysum(int4), nosuch(*)");
            assertEquals("aggregate mysum(int4) does not exist, skipping", w.getMessage());
            assertEquals("aggregate nosuch() does not exist, skipping", w.getNextWarning().getMessage());
        }
    }

    @Test
    void variadicAggregatesPackTrailingArgumentsIntoAnArray() throws Exception {
        try (Connection a = server.connect()) {
            exec(a, "create function least_accum(anyelement, variadic anyarray) returns anyelement language sql as "
                    + "'select least($1, min($2[i])) from generate_subscripts($2,1) g(i)'");
            exec(a, "create aggregate least_agg(variadic items anyarray) (stype = anyelement, sfunc = least_accum)");
            exec(a, "create function cleast_accum(anycompatible, variadic anycompatiblearray) returns anycompatible "
                    + "language sql as 'select least($1, min($2[i])) from generate_subscripts($2,1) g(i)'");
            exec(a, "create aggregate cleast_agg(variadic items anycompatiblearray) (stype = anycompatible, sfunc = cleast_accum)");
            exec(a, "create table vq(q1 int8, q2 int8)");
            exec(a, "insert into vq values (123, 456), (4567890123456789, -4567890123456789)");
            // the expanded form: two int8 arguments become ARRAY[q1, q2]
            assertEquals(List.of("-4567890123456789"), rowsShowingNull(a, "select least_agg(q1, q2) from vq"));
            assertEquals(List.of("123"), rowsShowingNull(a, "select least_agg(q1) from vq"));
            // VARIADIC written: the array is the argument itself
            assertEquals(List.of("-4567890123456789"), rowsShowingNull(a, "select least_agg(variadic array[q1, q2]) from vq"));
            // anycompatible: the elements are coerced to their common type
            assertEquals(List.of("4.5|numeric"), rowsShowingNull(a,
                    "select cleast_agg(4.5, q1), pg_typeof(cleast_agg(4.5, q1)) from vq where q1 > 1000"));
            assertEquals(List.of("numeric"), rowsShowingNull(a, "select pg_typeof(cleast_agg(variadic array[4.5, q1])) from vq"));
            // at least one variadic argument; with VARIADIC the argument must match the array parameter
            assertEquals("ERROR: function least_agg() does not exist", failsFirstLine(a, "select least_agg() from vq", "42883"));
            assertEquals("ERROR: function least_agg(bigint) does not exist",
                    failsFirstLine(a, "select least_agg(variadic q1) from vq", "42883"));
            assertEquals("ERROR: invalid input syntax for type bigint: \"a\"",
                    failsFirstLine(a, "select least_agg(q1, 'a') from vq", "22P02"));
        }
    }
}
