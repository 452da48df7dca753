package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where EXPLAIN lists a statement's WITH queries and which Params its InitPlans return, compared
 * with what PostgreSQL 15 prints for the same statements: a WITH query hangs on the top node of
 * the query level that declares it (SS_attach_initplans), not on the statement's top node; every
 * WITH query planned takes a parameter number (SS_process_ctes' assign_special_exec_param), and an
 * InitPlan returns the Param the planner made for it once its sub-select was planned
 * (build_subplan), so numbers follow planning order rather than the order EXPLAIN prints them in.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class InitPlanPlacementIT extends OneServerPerClass {
    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void withQueryTakesAParameterNumberBeforeLaterInitPlans() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Result",
                    "  CTE x",
                    "    ->  Result",
                    "  InitPlan 2 (returns $1)",
                    "    ->  CTE Scan on x",
                    "  InitPlan 3 (returns $2)",
                    "    ->  Result"),
                    rows(c, "explain (costs off) with x as materialized (select 1 a)"
                            + " select (select a from x) + (select 2) as v"));
            assertEquals(List.of("3"), rows(c, "with x as materialized (select 1 a) select (select a from x) + (select 2) as v"));
        }
    }

    @Test
    void withQueryOfASubqueryIsListedUnderTheSubquerysTopNode() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create temp table ipp_a (f1 int)");
            s.execute("create temp table ipp_b (q1 int)");
            s.execute("insert into ipp_a values (3), (1), (2)");
            s.execute("insert into ipp_b values (10), (20)");
            assertEquals(List.of(
                    "Nested Loop",
                    "  ->  Seq Scan on ipp_b",
                    "  ->  Materialize",
                    "        ->  Limit",
                    "              CTE y",
                    "                ->  Seq Scan on ipp_a",
                    "              ->  Sort",
                    "                    Sort Key: y.f1",
                    "                    ->  CTE Scan on y"),
                    rows(c, "explain (costs off) select * from (with y as materialized (select f1 from ipp_a)"
                            + " select * from y order by 1 limit 2) ss, ipp_b"));
            // the statement's own WITH queries stay with its top node
            assertEquals(List.of(
                    "Nested Loop",
                    "  CTE w",
                    "    ->  Result",
                    "  CTE v",
                    "    ->  Result",
                    "  ->  CTE Scan on w",
                    "  ->  CTE Scan on u",
                    "        CTE u",
                    "          ->  CTE Scan on v"),
                    rows(c, "explain (costs off) with w as materialized (select 1 a), v as materialized (select 2 b)"
                            + " select * from w, (with u as materialized (select * from v) select * from u) s"));
            List<String> pairs = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select * from (with y as materialized (select f1 from ipp_a)"
                    + " select * from y order by 1 limit 2) ss, ipp_b order by 2, 1")) {
                while (rs.next()) pairs.add(rs.getInt(1) + "|" + rs.getInt(2));
            }
            assertEquals(List.of("1|10", "2|10", "1|20", "2|20"), pairs);
        }
    }

    @Test
    void withQueryInsideARecursiveTermIsListedUnderThatTerm() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "CTE Scan on x",
                    "  Output: x.a",
                    "  CTE x",
                    "    ->  Recursive Union",
                    "          ->  Values Scan on \"*VALUES*\"",
                    "                Output: \"*VALUES*\".column1",
                    "          ->  Nested Loop",
                    "                Output: (z.a || z1.a)",
                    "                Join Filter: (length((z.a || z1.a)) < 5)",
                    "                CTE z",
                    "                  ->  WorkTable Scan on x x_1",
                    "                        Output: x_1.a",
                    "                ->  CTE Scan on z",
                    "                      Output: z.a",
                    "                ->  CTE Scan on z z1",
                    "                      Output: z1.a"),
                    rows(c, "explain (verbose, costs off) with recursive x(a) as ((values ('a'), ('b')) union all"
                            + " (with z as not materialized (select * from x)"
                            + " select z.a || z1.a as a from z cross join z as z1 where length(z.a || z1.a) < 5))"
                            + " select * from x"));
        }
    }
    @Test
    void withQueryWhoseOnlyReaderWasDroppedIsStillPlanned() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table ipp_i8 (q1 int8, q2 int8)");
            // remove_unused_subquery_outputs drops the unread sub-select, but the WITH query's
            // cterefcount (1) was taken before: MATERIALIZED, it is planned and listed all the same
            assertEquals(List.of(
                    "Subquery Scan on ss",
                    "  Output: ss.q1",
                    "  ->  Seq Scan on public.ipp_i8 i8",
                    "        Output: i8.q1, NULL::bigint",
                    "        CTE t_cte",
                    "          ->  Seq Scan on public.ipp_i8 t",
                    "                Output: t.q1, t.q2"),
                    rows(c, "explain (verbose, costs off) select q1 from (with t_cte as materialized"
                            + " (select * from ipp_i8 t) select q1, (select q2 from t_cte where t_cte.q1 = i8.q1)"
                            + " as t_sub from ipp_i8 i8) ss"));
            // without MATERIALIZED that count inlines it: nothing is left to plan
            assertEquals(List.of(
                    "Subquery Scan on ss",
                    "  Output: ss.q1",
                    "  ->  Seq Scan on public.ipp_i8 i8",
                    "        Output: i8.q1, NULL::bigint"),
                    rows(c, "explain (verbose, costs off) select q1 from (with t_cte as"
                            + " (select * from ipp_i8 t) select q1, (select q2 from t_cte where t_cte.q1 = i8.q1)"
                            + " as t_sub from ipp_i8 i8) ss"));
            assertEquals(List.of("Result", "  One-Time Filter: false", "  CTE x", "    ->  Result"),
                    rows(c, "explain (costs off) with x as materialized (select 1 a) select * from x where false"));
        }
    }
}
