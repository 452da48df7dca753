package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CREATE AGGREGATE ... ORDER BY (user ordered-set and hypothetical-set aggregates over
 * ordered_set_transition and orderedsetaggs.c's final functions), the polymorphic support
 * function lookup of CREATE AGGREGATE, and windows in SQL function bodies, as a client sees them;
 * expected values are PostgreSQL 15's answers (create_aggregate.sql, aggregates.sql, window.sql).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UserOrderedSetAggregateIT extends OneServerPerClass {
    private Connection c;
    private final Sql sql = new Sql();

    /** Statements on this test's connection: rows as "a|b" lines, or an error as "SQLSTATE: message". */
    private final class Sql {
        List<String> rows(String q) {
            try (Statement s = c.createStatement()) {
                if (!s.execute(q)) return List.of();
                java.sql.ResultSet rs = s.getResultSet();
                List<String> out = new java.util.ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i) == null ? "" : rs.getString(i));
                    out.add(sb.toString());
                }
                return out;
            } catch (SQLException e) {
                throw new AssertionError(q + ": " + e.getMessage(), e);
            }
        }

        String error(String q) {
            try (Statement s = c.createStatement()) {
                s.execute(q);
            } catch (SQLException e) {
                return e.getSQLState() + ": " + e.getMessage().replaceFirst("^ERROR: ", "").split("\n")[0];
            }
            throw new AssertionError("no error from " + q);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        c = server.connect();
        // each test works in a schema of its own, so the aggregates of one do not meet another's
        String schema = "osa" + System.nanoTime();
        sql.rows("create schema " + schema);
        sql.rows("set search_path = " + schema + ", public");
        sql.rows("create table t (g int, x int)");
        sql.rows("insert into t values (1, 1), (1, 1), (1, 2), (1, 2), (1, 3), (1, 3), (1, 4), (2, 10), (2, 20)");
    }

    @AfterEach
    void tearDown() throws Exception {
        c.close();
    }

    private void createBoth() {
        sql.rows("create aggregate my_percentile_disc(float8 ORDER BY anyelement) (stype = internal,"
                + " sfunc = ordered_set_transition, finalfunc = percentile_disc_final, finalfunc_extra = true,"
                + " finalfunc_modify = read_write)");
        sql.rows("create aggregate my_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (stype = internal,"
                + " sfunc = ordered_set_transition_multi, finalfunc = rank_final, finalfunc_extra = true, hypothetical)");
    }

    @Test
    void userOrderedSetAggregatesRunLikeTheBuiltins() {
        createBoth();
        assertEquals(List.of("1|2|5", "2|10|1"), sql.rows("select g, my_percentile_disc(0.5) within group (order by x),"
                + " my_rank(3) within group (order by x) from t group by g order by g"));
        assertEquals(List.of("5"), sql.rows("select my_rank(3) within group (order by x)"
                + " from (values (1),(1),(2),(2),(3),(3),(4)) v(x)"));
    }

    @Test
    void catalogRowsAndArgumentsAsPostgreSQLPrintsThem() {
        createBoth();
        assertEquals(List.of("my_percentile_disc|o|1|t|w|ordered_set_transition|percentile_disc_final|internal",
                        "my_rank|h|1|t|r|ordered_set_transition_multi|rank_final|internal"),
                sql.rows("select aggfnoid::regproc, aggkind, aggnumdirectargs, aggfinalextra, aggfinalmodify, aggtransfn,"
                        + " aggfinalfn, aggtranstype::regtype from pg_aggregate where aggfnoid::regproc::text like 'my_%'"
                        + " order by 1::text"));
        assertEquals(List.of("double precision ORDER BY anyelement", "VARIADIC \"any\" ORDER BY VARIADIC \"any\""),
                sql.rows("select pg_get_function_arguments(p.oid) from pg_proc p where proname like 'my\\_%'"
                        + " and pronamespace = current_schema()::regnamespace order by proname"));
        // ALTER AGGREGATE names an ordered-set aggregate by both lists
        sql.rows("alter aggregate my_rank(VARIADIC \"any\" ORDER BY VARIADIC \"any\") rename to test_rank");
        assertEquals(List.of("1"), sql.rows("select test_rank(1) within group (order by x) from t"));
    }

    @Test
    void orderedSetDefinitionsThatPostgreSQLRefuses() {
        assertEquals("42P13: only ordered-set aggregates can be hypothetical", strip(sql.error(
                "create aggregate h(int) (stype = internal, sfunc = ordered_set_transition, hypothetical)")));
        assertTrue(sql.error("create aggregate v(VARIADIC \"any\" ORDER BY int) (stype = internal,"
                + " sfunc = ordered_set_transition_multi, finalfunc = rank_final)").startsWith(
                "42601: an ordered-set aggregate with a VARIADIC direct argument must have one VARIADIC aggregated argument"));
        createBoth();
        // the kind of an aggregate cannot change
        sql.rows("create aggregate myavg(numeric) (stype = numeric, sfunc = numeric_add)");
        assertEquals("42809: cannot change routine kind", strip(sql.error(
                "create or replace aggregate myavg(order by numeric) (stype = numeric, sfunc = numeric_add)")));
        // the support functions refuse to run outside an aggregate (AggCheckCallContext)
        assertEquals("XX000: ordered-set aggregate called in non-aggregate context",
                strip(sql.error("select percentile_cont_float8_final(null, 0.5)")));
    }

    @Test
    void polymorphicTransitionFunctionsResolveToTheStateType() {
        sql.rows("create function least_accum(anycompatible, anycompatible) returns anycompatible"
                + " language sql as 'select least($1, $2)'");
        assertEquals("42804: function least_accum(bigint, bigint) requires run-time type coercion", strip(sql.error(
                "create aggregate least_agg(int4) (stype = int8, sfunc = least_accum)")));
        sql.rows("create aggregate least_agg(int8) (stype = int8, sfunc = least_accum)");
        assertEquals(List.of("-3"), sql.rows("select least_agg(v) from (values (5::int8), (-3), (7)) w(v)"));
        // a strict transition function with an anyelement parameter, for a text aggregate
        sql.rows("create function logging_sfunc_strict(text, anyelement) returns text as"
                + " $$ select $1 || '*' || quote_nullable($2) $$ language sql strict immutable");
        sql.rows("create aggregate logging_agg_strict(text) (stype = text, sfunc = logging_sfunc_strict)");
        assertEquals(List.of("a*'b'*'c'"), sql.rows("select logging_agg_strict(v order by v)"
                + " from (values ('a'), (null), ('b'), ('c')) w(v)"));
    }

    @Test
    void windowsInSqlFunctionBodiesArePlanned() {
        sql.rows("create function fw(n int) returns table (a int, b int) language sql as"
                + " $$ select (sum(x) over (order by x rows between n preceding and n following))::int, x from t where g = 2 $$");
        assertEquals(List.of("30|10", "30|20"), sql.rows("select * from fw(1) order by b"));
    }

    private static String strip(String error) {
        return error;
    }
}
