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
 * Sub-selects and subqueries as EXPLAIN shows them, compared with what PostgreSQL 15 prints for
 * the same statements: a subquery whose output has a sub-select is pulled up (each copy its own
 * InitPlan), unless the sub-select calls a volatile function; a Subquery Scan stays where its
 * own target list is not the subquery's columns in order or its subquery is an EXCEPT; the node
 * below a ProjectSet computes only what the ProjectSet reads; VALUES lists get statement-wide
 * names; a drawn node passes a constant on as itself; a breadth-first SEARCH column's depth
 * field is "*DEPTH*"; and a PL/pgSQL FOR loop reads the rows of an EXPLAIN.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SubselectExplainIT extends OneServerPerClass {
    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) b.append(i > 1 ? "|" : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void subqueryWithSubSelectOutputIsPulledUp() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Values Scan on \"*VALUES*\"",
                    "  Output: $0, $1",
                    "  InitPlan 1 (returns $0)",
                    "    ->  Result",
                    "          Output: now()",
                    "  InitPlan 2 (returns $1)",
                    "    ->  Result",
                    "          Output: now()"),
                    rows(c, "explain (verbose, costs off) select x, x from"
                            + " (select (select now()) as x from (values(1),(2)) v(y)) ss"));
            assertEquals(List.of("42|42", "42|42"),
                    rows(c, "select x, x from (select (select 42 where y = y) as x from (values(1),(2)) v(y)) ss"));
            // the copies read the pulled-up VALUES column through their arguments
            assertEquals(List.of("1|2", "2|3"),
                    rows(c, "select x, x + 1 from (select (select y) as x from (values(1),(2)) v(y)) ss order by 1"));
        }
    }

    @Test
    void volatileSubSelectKeepsItsSubqueryScan() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Subquery Scan on ss",
                    "  Output: ss.x, ss.x",
                    "  ->  Values Scan on \"*VALUES*\"",
                    "        Output: $0",
                    "        InitPlan 1 (returns $0)",
                    "          ->  Result",
                    "                Output: random()"),
                    rows(c, "explain (verbose, costs off) select x, x from"
                            + " (select (select random()) as x from (values(1),(2)) v(y)) ss"));
            // one evaluation per row: both columns are the same value
            assertEquals(List.of("t", "t"), rows(c, "select x = y from (select x, x as y from"
                    + " (select (select random()) as x from (values(1),(2)) v(y)) ss) s2"));
        }
    }

    @Test
    void subqueryScanThatDropsColumnsIsShown() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create temp table sst (a int, b int)");
            assertEquals(List.of(
                    "Subquery Scan on ss",
                    "  Output: ss.a",
                    "  ->  Limit",
                    "        Output: sst.a, sst.b",
                    "        ->  Sort",
                    "              Output: sst.a, sst.b",
                    "              Sort Key: sst.b",
                    "              ->  Seq Scan on pg_temp.sst",
                    "                    Output: sst.a, sst.b"),
                    rows(c, "explain (verbose, costs off) select a from (select a, b from sst order by b limit 5) ss"));
        }
    }

    @Test
    void subqueryWithWithListOrRowLocksIsNotPulledUp() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create temp table sst2 (a int, b int)");
            assertEquals(List.of(
                    "Subquery Scan on ss",
                    "  Output: ss.a",
                    "  ->  Seq Scan on pg_temp.sst2",
                    "        Output: sst2.a, NULL::integer"),
                    rows(c, "explain (verbose, costs off) select a from (with w as (select * from sst2)"
                            + " select a, (select b from w where w.a = sst2.a) as c from sst2) ss"));
            List<String> plan = rows(c, "explain (verbose, costs off)"
                    + " with x as (select * from (select a from sst2 for update) ss) select * from x where a = 1");
            // PostgreSQL's scan below emits only a and ctid; Tusk's emits the whole row for the recheck
            assertEquals(List.of(
                    "CTE Scan on x",
                    "  Output: x.a",
                    "  Filter: (x.a = 1)",
                    "  CTE x",
                    "    ->  Subquery Scan on ss",
                    "          Output: ss.a",
                    "          ->  LockRows",
                    "                Output: sst2.a, sst2.ctid"), plan.subList(0, 8), String.join("\n", plan));
        }
    }

    @Test
    void aggregateOverSubSelectShowsItsInitPlanOutput() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Aggregate",
                    "  Output: max($0)",
                    "  InitPlan 1 (returns $0)",
                    "    ->  Aggregate",
                    "          Output: sum(\"*VALUES*\".column1)",
                    "          ->  Values Scan on \"*VALUES*\"",
                    "                Output: \"*VALUES*\".column1",
                    "  ->  Result"),
                    rows(c, "explain (verbose, costs off) with a as (select id from (values (1), (2)) as v(id)),"
                            + " b as (select max((select sum(id) from a)) as agg) select agg from b"));
            assertEquals(List.of("3"), rows(c, "with a as (select id from (values (1), (2)) as v(id)),"
                    + " b as (select max((select sum(id) from a)) as agg) select agg from b"));
        }
    }

    @Test
    void projectSetComputesConstantsItself() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "ProjectSet",
                    "  Output: 9, unnest('{1,2,3}'::integer[])",
                    "  ->  Result"),
                    rows(c, "explain (verbose, costs off) select 9 as x, unnest(array[1,2,3]) as u"));
            assertEquals(List.of("9|1", "9|2", "9|3"), rows(c, "select 9 as x, unnest(array[1,2,3]) as u"));
        }
    }

    @Test
    void valuesInSubPlanHasItsOwnName() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Values Scan on \"*VALUES*\"",
                    "  Output: \"*VALUES*\".column1",
                    "  SubPlan 1",
                    "    ->  Values Scan on \"*VALUES*_1\"",
                    "          Output: \"*VALUES*_1\".column1"),
                    rows(c, "explain (verbose, costs off) select * from"
                            + " (values (3 not in (select * from (values (1), (2)) ss1)), (false)) ss"));
        }
    }

    @Test
    void materializePassesConstantOnAsItself() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Result",
                    "  Output: (SubPlan 1)",
                    "  SubPlan 1",
                    "    ->  Materialize",
                    "          Output: '(\"(1)\")'::record",
                    "          ->  Result",
                    "                Output: '(\"(1)\")'::record"),
                    rows(c, "explain (verbose, costs off) select row(row(row(1))) = any (select row(row(1)))"));
        }
    }

    @Test
    void breadthFirstDepthFieldIsNamed() throws Exception {
        String q = "with recursive t(n) as (values (1) union all select n + 1 from t where n < 3)"
                + " search breadth first by n set seq select * from t";
        try (Connection c = server.connect()) {
            List<String> plan = rows(c, "explain (verbose, costs off) " + q);
            assertEquals("                Output: (t_1.n + 1), ROW(int8inc((t_1.seq).\"*DEPTH*\"), (t_1.n + 1))", plan.get(7),
                    String.join("\n", plan));
            assertEquals(List.of("1|(0,1)", "2|(1,2)", "3|(2,3)"), rows(c, q));
        }
    }

    @Test
    void sortUnderLimitReportsBoundedSort() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create temp table sq (pk int, c1 int, c2 int)");
            s.execute("insert into sq select g, g % 4, g from generate_series(1, 8) g");
            String analyze = "explain (analyze, summary off, timing off, costs off) ";
            // 8 rows for a bound of 3: tuplesort's top-N heap (more than twice the bound), also
            // through the Subquery Scan between the Limit and the Sort
            List<String> plan = rows(c, analyze + "select * from (select pk, c2 from sq order by c1, pk) as x limit 3");
            assertEquals("              Sort Method: top-N heapsort", plan.get(4).replaceAll("  Memory: .*", ""),
                    String.join("\n", plan));
            // 8 rows for a bound of 4 are sorted in memory as a whole
            plan = rows(c, analyze + "select * from sq order by c1 limit 4");
            assertEquals("        Sort Method: quicksort", plan.get(3).replaceAll("  Memory: .*", ""), String.join("\n", plan));
            assertEquals(List.of("4|4", "8|8", "1|1"), rows(c, "select * from (select pk, c2 from sq order by c1, pk) as x limit 3"));
        }
    }

    @Test
    void plpgsqlLoopReadsExplainRows() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function explain_rows() returns setof text language plpgsql as $$"
                    + " declare ln text; begin"
                    + " for ln in explain (costs off) select 1 loop return next 'plan: ' || ln; end loop;"
                    + " end $$");
            assertEquals(List.of("plan: Result"), rows(c, "select * from explain_rows()"));
        }
    }
}
