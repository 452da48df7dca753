package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Set-returning functions in the target list as PostgreSQL 15 plans and EXPLAIN shows them: a
 * call nested in an expression ({@code generate_series(1, 3) + 1}) is evaluated by the
 * ProjectSet, which emits the calls and then the columns the target reads, and a Result above
 * it computes the target (split_pathtarget_at_srfs' extra projection); generate_series with
 * constant integer arguments is estimated at its number of rows (generate_series_int4_support).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SrfProjectionIT extends OneServerPerClass {
    private static List<String> rows(Connection c, String sql) throws Exception {
        return TuskServer.rows(c, sql);
    }

    @Test
    void nestedCallIsComputedByAResultAboveTheProjectSet() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Result",
                    "  Output: ((generate_series(1, 3)) + 1)",
                    "  ->  ProjectSet",
                    "        Output: generate_series(1, 3)",
                    "        ->  Result"),
                    rows(c, "explain (verbose, costs off) select generate_series(1,3)+1"));
            assertEquals(List.of("2", "3", "4"), rows(c, "select generate_series(1,3)+1"));
            assertEquals(List.of(
                    "Result",
                    "  Output: \"*VALUES*\".column1, ((generate_series(1, 2)) * \"*VALUES*\".column1), (generate_series(5, 6))",
                    "  ->  ProjectSet",
                    "        Output: generate_series(1, 2), generate_series(5, 6), \"*VALUES*\".column1",
                    "        ->  Values Scan on \"*VALUES*\"",
                    "              Output: \"*VALUES*\".column1"),
                    rows(c, "explain (verbose, costs off) select x, generate_series(1, 2) * x, generate_series(5, 6)"
                            + " from (values (10), (20)) v(x)"));
            assertEquals(List.of("10|10|5", "10|20|6", "20|20|5", "20|40|6"),
                    rows(c, "select x, generate_series(1, 2) * x, generate_series(5, 6) from (values (10), (20)) v(x)"));
        }
    }

    @Test
    void topLevelCallsNeedNoResult() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "ProjectSet",
                    "  Output: \"*VALUES*\".column1, generate_series(1, 2)",
                    "  ->  Values Scan on \"*VALUES*\"",
                    "        Output: \"*VALUES*\".column1"),
                    rows(c, "explain (verbose, costs off) select x, generate_series(1, 2) from (values (10), (20)) v(x)"));
        }
    }

    @Test
    void generateSeriesRowsFromConstantArguments() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Result  (cost=0.00..0.08 rows=3 width=4)",
                    "  ->  ProjectSet  (cost=0.00..0.03 rows=3 width=4)",
                    "        ->  Result  (cost=0.00..0.01 rows=1 width=0)"),
                    rows(c, "explain select generate_series(1,3)+1"));
            // generate_series(1, 10): ten rows; a zero step: the default 1000; a NULL bound: none (at least one)
            assertTrue(rows(c, "explain select * from generate_series(1, 10) g").get(0).contains(" rows=10 "));
            assertTrue(rows(c, "explain select * from generate_series(1, 10, 0) g").get(0).contains(" rows=1000 "));
            assertTrue(rows(c, "explain select * from generate_series(1::bigint, null) g").get(0).contains(" rows=1 "));
        }
    }

    @Test
    void groupedInputTargetHoldsNoPlaceholder() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table t_srf(a int, b int)");
            s.execute("insert into t_srf values (1, 1), (1, 2), (2, 3)");
            s.execute("analyze t_srf");
            assertEquals(List.of(
                    "Result",
                    "  Output: a, ((generate_series(1, 2)) / 2)",
                    "  ->  ProjectSet",
                    "        Output: generate_series(1, 2), a",
                    "        ->  HashAggregate",
                    "              Output: a",
                    "              Group Key: t_srf.a",
                    "              ->  Seq Scan on public.t_srf",
                    "                    Output: a, b"),
                    rows(c, "explain (verbose, costs off) select a, generate_series(1, 2) / 2 g from t_srf group by a"));
            assertEquals(List.of("1|0", "1|1", "2|0", "2|1"),
                    rows(c, "select a, generate_series(1, 2) / 2 g from t_srf group by a order by 1, 2"));
        }
    }
}
