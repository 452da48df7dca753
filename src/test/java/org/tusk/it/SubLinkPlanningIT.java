package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.plan;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sub-selects as subselect.c plans them: an IN whose left side holds a sub-select of its own is
 * still a semi join (convert_ANY_sublink_to_join), the inner sub-select a SubPlan in the join
 * filter; an IN correlated only to a level further up is hashed (parParam NIL) and its table
 * rebuilt when that level's value changes; the target list's sub-selects and outer references
 * are numbered before the quals' (subquery_planner's preprocessing order). Expected answers and
 * plans are PostgreSQL 15's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SubLinkPlanningIT extends OneServerPerClass {

    @Test
    void anInWithASubSelectInItsTestIsASemiJoin() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sj_small (f1 int)",
                    "insert into sj_small values (0), (123456), (-123456), (2147483647), (-2147483647)",
                    "create table sj_big (u int, ten int)", "insert into sj_big select x, x % 10 from generate_series(0, 9999) x",
                    "create unique index sj_big_u on sj_big (u)", "analyze sj_small", "analyze sj_big");
            String q = "select * from sj_small where (case when f1 in (select u from sj_big a) then f1 else null end)"
                    + " in (select ten from sj_big b)";
            assertEquals(List.of("Nested Loop Semi Join",
                    "  Join Filter: (CASE WHEN (hashed SubPlan 1) THEN sj_small.f1 ELSE NULL::integer END = b.ten)",
                    "  ->  Seq Scan on sj_small", "  ->  Seq Scan on sj_big b", "  SubPlan 1",
                    "    ->  Seq Scan on sj_big a"), plan(c, q));
            assertEquals(List.of("0"), rowsShowingNull(c, q));
            // NOT IN is no semi join: it stays a SubPlan; NULL NOT IN (...) is unknown, so only -1 passes
            assertEquals(List.of(), rowsShowingNull(c,
                    "select * from sj_small where (case when f1 in (select u from sj_big a) then f1 else null end)"
                            + " not in (select ten from sj_big b) order by 1"));
            assertEquals(List.of("-2147483647", "-123456", "123456", "2147483647"), rowsShowingNull(c,
                    "select * from sj_small where (case when f1 in (select u from sj_big a) then f1 else -1 end)"
                            + " not in (select ten from sj_big b) order by 1"));
        }
    }

    @Test
    void anInCorrelatedToAnOuterLevelIsHashedAndRebuiltPerOuterValue() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table hc_o (a int, b int)", "insert into hc_o select x, x % 5 from generate_series(1, 20) x",
                    "create table hc_i (c int, d int)", "insert into hc_i select x, x % 3 from generate_series(1, 10) x",
                    "analyze hc_o", "analyze hc_i");
            // random() keeps the LATERAL subquery from being pulled up, so o.b is a parameter of the
            // level above the sub-select's: the SubPlan has no parameters of its own and hashes
            String q = "select o.a, ss.t from hc_o o cross join lateral (select i.d in (select c from hc_i where c <= o.b) as t,"
                    + " random() as r from hc_i i where i.c = o.a) ss order by o.a";
            List<String> verbose = rowsShowingNull(c, "explain (verbose, costs off) " + q);
            assertTrue(verbose.contains("              Output: (hashed SubPlan 1), random()"), String.join("\n", verbose));
            assertTrue(verbose.contains("                      Filter: (hc_i.c <= $0)"), String.join("\n", verbose));
            assertEquals(List.of("1|t", "2|t", "3|f", "4|t", "5|f", "6|f", "7|t", "8|t", "9|f", "10|f"), rowsShowingNull(c, q));
            // each outer value of the nested sub-select's parameter gets its own table
            assertEquals(List.of("1|2", "2|1", "3|0", "4|0", "5|2"), rowsShowingNull(c,
                    "select o.a, (select count(*) from hc_i i where i.c in (select x.d from hc_i x where x.d >= o.b)"
                            + " and i.c < 3) from hc_o o where o.a <= 5 order by 1"));
        }
    }

    @Test
    void theTargetListsSubSelectsAreNumberedBeforeTheQuals() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table tn_o (a int, b int)", "insert into tn_o select x, x % 5 from generate_series(1, 20) x",
                    "create table tn_i (c int, d int)", "insert into tn_i select x, x % 3 from generate_series(1, 10) x");
            List<String> verbose = rowsShowingNull(c, "explain (verbose, costs off) select o.a,"
                    + " (select max(c) from tn_i where c < o.a and d = o.b), (select 1 where o.a > 0)"
                    + " from tn_o o where o.b in (select c from tn_i where c > o.a - 3) and o.a = (select 2)");
            assertEquals("  Output: o.a, (SubPlan 1), (SubPlan 2)", verbose.get(1));
            assertTrue(verbose.contains("  InitPlan 4 (returns $5)"), String.join("\n", verbose));
            assertTrue(verbose.contains("  SubPlan 3"), String.join("\n", verbose));
        }
    }
}
