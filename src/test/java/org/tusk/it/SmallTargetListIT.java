package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scan under a Hash, a Materialize or a merge join's Sort node emits only the columns needed above it
 * (createplan.c's CP_SMALL_TLIST over the rel's reltarget, in the order build_base_rel_tlists
 * and the join clauses add them), while a scan read directly by a join keeps its physical tuple
 * (use_physical_tlist). The plans are PostgreSQL 15's; the rows are the same either way.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SmallTargetListIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table stl_a (x int, y int, z text)");
            s.execute("create table stl_b (x int, w int, v text)");
            s.execute("insert into stl_a select g, g % 10, 'a' || g from generate_series(1, 1000) g");
            s.execute("insert into stl_b select g % 100, g, 'b' || g from generate_series(1, 500) g");
            s.execute("analyze stl_a");
            s.execute("analyze stl_b");
            s.execute("create table stl_c (k int primary key, pad text)");
            s.execute("insert into stl_c select g, repeat('p', 20) from generate_series(1, 10000) g");
            s.execute("create table stl_d (f1 int)");
            s.execute("insert into stl_d values (1), (5), (7), (20000)");
            s.execute("vacuum analyze stl_c");
            s.execute("analyze stl_d");
        }
    }

    private static List<String> verbose(Connection c, String q) throws Exception {
        return Jdbc.rowsShowingNull(c, "explain (verbose, costs off) " + q);
    }

    @Test
    void theHashedSideEmitsTheColumnsReadAboveIt() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select a.z, b.v from stl_a a join stl_b b on a.x = b.x where a.y > 2";
            assertEquals(List.of("Hash Join", "  Output: a.z, b.v", "  Hash Cond: (b.x = a.x)",
                    "  ->  Seq Scan on public.stl_b b", "        Output: b.x, b.w, b.v",
                    "  ->  Hash", "        Output: a.z, a.x", "        ->  Seq Scan on public.stl_a a",
                    "              Output: a.z, a.x", "              Filter: (a.y > 2)"), verbose(c, q));
            assertEquals(List.of("350|2338|a9b9"),
                    Jdbc.rowsShowingNull(c, "select count(*), sum(length(a.z || b.v)), max(a.z || b.v) from stl_a a"
                            + " join stl_b b on a.x = b.x where a.y > 2"));
            assertEquals(List.of("a3|b103", "a3|b203", "a3|b3", "a3|b303", "a3|b403"), Jdbc.rowsShowingNull(c, q + " and a.x = 3 order by 2"));
        }
    }

    @Test
    void theMaterializedSideEmitsTheColumnsReadAboveIt() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_hashjoin = off", "set enable_mergejoin = off");
            String q = "select a.z, b.v from stl_a a left join stl_b b on a.x = b.x and b.w < 3 where a.y = 1";
            assertEquals(List.of("Nested Loop Left Join", "  Output: a.z, b.v", "  Join Filter: (a.x = b.x)",
                    "  ->  Seq Scan on public.stl_a a", "        Output: a.x, a.y, a.z", "        Filter: (a.y = 1)",
                    "  ->  Materialize", "        Output: b.v, b.x", "        ->  Seq Scan on public.stl_b b",
                    "              Output: b.v, b.x", "              Filter: (b.w < 3)"), verbose(c, q));
            assertEquals(List.of("a1|b1", "a11|null", "a2|b2"),
                    Jdbc.rowsShowingNull(c, "select a.z, b.v from stl_a a left join stl_b b on a.x = b.x and b.w < 3"
                            + " where a.x < 12 and a.y in (1, 2) order by 1"));
        }
    }

    @Test
    void theSortedSidesOfAMergeJoinEmitTheColumnsReadAboveThem() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_hashjoin = off", "set enable_nestloop = off");
            String q = "select a.z, b.v from stl_a a join stl_b b on a.x = b.x where a.y > 2";
            assertEquals(List.of("Merge Join", "  Output: a.z, b.v", "  Merge Cond: (a.x = b.x)", "  ->  Sort",
                    "        Output: a.z, a.x", "        Sort Key: a.x", "        ->  Seq Scan on public.stl_a a",
                    "              Output: a.z, a.x", "              Filter: (a.y > 2)", "  ->  Sort",
                    "        Output: b.v, b.x", "        Sort Key: b.x", "        ->  Seq Scan on public.stl_b b",
                    "              Output: b.v, b.x"), verbose(c, q));
            assertEquals(List.of("350|a9b9|b103a3"), Jdbc.rowsShowingNull(c,
                    "select count(*), max(a.z || b.v), min(b.v || a.z) from stl_a a join stl_b b on a.x = b.x where a.y > 2"));
        }
    }

    @Test
    void anIndexOnlyScansPhysicalTupleIsTheIndexColumns() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_hashjoin = off", "set enable_mergejoin = off");
            String q = "select d.f1, c.k from stl_d d join stl_c c on c.k = d.f1";
            assertEquals(List.of("Nested Loop", "  Output: d.f1, c.k", "  Inner Unique: true",
                    "  ->  Seq Scan on public.stl_d d", "        Output: d.f1",
                    "  ->  Index Only Scan using stl_c_pkey on public.stl_c c", "        Output: c.k",
                    "        Index Cond: (c.k = d.f1)"), verbose(c, q));
            assertEquals(List.of("1|1", "5|5", "7|7"), Jdbc.rowsShowingNull(c, q + " order by 1"));
        }
    }

    @Test
    void aHashedCteScanEmitsTheColumnsReadAboveIt() throws Exception {
        try (Connection c = server.connect()) {
            String with = "with w as materialized (select x, w, v from stl_b where w < 10) ";
            assertEquals(List.of("Hash Join", "  Output: a.z, w.v", "  Hash Cond: (a.x = w.x)", "  CTE w",
                    "    ->  Seq Scan on public.stl_b", "          Output: stl_b.x, stl_b.w, stl_b.v",
                    "          Filter: (stl_b.w < 10)", "  ->  Seq Scan on public.stl_a a", "        Output: a.x, a.y, a.z",
                    "  ->  Hash", "        Output: w.v, w.x", "        ->  CTE Scan on w", "              Output: w.v, w.x"),
                    verbose(c, with + "select a.z, w.v from stl_a a join w on a.x = w.x"));
            assertEquals(List.of("9|a9b9"),
                    Jdbc.rowsShowingNull(c, with + "select count(*), max(a.z || w.v) from stl_a a join w on a.x = w.x"));
        }
    }

    @Test
    void aSortedWorkTableScanEmitsTheColumnsReadAboveItAndFiltersOnTheOthers() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_hashjoin = off", "set enable_nestloop = off");
            // r.k = true is const-folded to r.k, the scan's filter: k is read by nothing above the scan
            String q = "with recursive r(n, m, k) as (select 1, 10, true union all select a.x, r.m + 1, a.y > 5"
                    + " from stl_a a, r where a.x = r.n + 1 and r.k = true and a.x < 20) select * from r";
            assertEquals(List.of("CTE Scan on r", "  Output: r.n, r.m, r.k", "  CTE r", "    ->  Recursive Union",
                    "          ->  Result", "                Output: 1, 10, true", "          ->  Merge Join",
                    "                Output: a.x, (r_1.m + 1), (a.y > 5)", "                Merge Cond: (a.x = ((r_1.n + 1)))",
                    "                ->  Sort", "                      Output: a.x, a.y", "                      Sort Key: a.x",
                    "                      ->  Seq Scan on public.stl_a a", "                            Output: a.x, a.y",
                    "                            Filter: (a.x < 20)", "                ->  Sort",
                    "                      Output: r_1.m, r_1.n, ((r_1.n + 1))", "                      Sort Key: ((r_1.n + 1))",
                    "                      ->  WorkTable Scan on r r_1",
                    "                            Output: r_1.m, r_1.n, (r_1.n + 1)", "                            Filter: r_1.k"),
                    verbose(c, q));
            assertEquals(List.of("1|10|t", "2|11|f"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aWholeRowReferenceKeepsThePhysicalTuple() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_nestloop = off", "set enable_mergejoin = off");
            String q = "select b from stl_a a join stl_b b on a.x = b.x where a.y > 2 and b.w = 7";
            String plan = String.join("\n", verbose(c, q));
            // the whole row is built from every column: no scan of b emits fewer
            assertEquals(false, plan.contains("Output: b.x\n") || plan.contains("Output: b.x, b.w\n"), plan);
            assertEquals(List.of("(7,7,b7)"), Jdbc.rowsShowingNull(c, q));
        }
    }
}
