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
 * An operator whose function is a simple SQL function is inlined like a call of that function
 * (eval_const_expressions on the OpExpr's opfuncid), so an {@code IN (subquery)} over it hashes
 * when the inlined test is a hashable operator with the outer side on the left
 * (testexpr_is_hashable), and not when inlining swapped the sides; and a hash join returns the
 * matches of one outer row latest inner row first, as PostgreSQL's bucket chains do. Expected
 * answers are PostgreSQL 15's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SubPlanHashingIT extends OneServerPerClass {

    @Test
    void anOperatorsSqlFunctionIsInlinedBeforeHashingIsDecided() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sh_outer (q1 int8, q2 int8)", "insert into sh_outer values (123, 456), (4567, 1), (123, 9)",
                    "create table sh_inner (c1 text)", "insert into sh_inner values ('a'), ('123')",
                    "create function sh_eq(int8, text) returns boolean language sql as 'select $1::text = $2'",
                    "create operator = (procedure = sh_eq, leftarg = int8, rightarg = text)");
            String q = "select * from sh_outer where q1 in (select c1 from sh_inner)";
            assertEquals(List.of("Seq Scan on sh_outer", "  Filter: (hashed SubPlan 1)", "  SubPlan 1",
                    "    ->  Seq Scan on sh_inner"), plan(c, q));
            assertEquals(List.of("123|456", "123|9"), rowsShowingNull(c, q + " order by q2 desc"));
            // the inlined body in WHERE is the text comparison itself
            assertEquals(List.of("Seq Scan on sh_outer", "  Filter: ((q1)::text = '123'::text)"),
                    plan(c, "select * from sh_outer where q1 = '123'::text"));
            // an AND of hashable comparisons still hashes
            exec(c, "create or replace function sh_eq(int8, text) returns boolean language sql "
                    + "as 'select $1::text = $2 and $1::text = $2'");
            assertEquals("  Filter: (hashed SubPlan 1)", plan(c, q).get(1));
            assertEquals(List.of("123|456", "123|9"), rowsShowingNull(c, q + " order by q2 desc"));
            // the subquery's column on the left: not hashable, the rows are kept and compared
            exec(c, "create or replace function sh_eq(int8, text) returns boolean language sql as 'select $2 = $1::text'");
            assertEquals(List.of("Seq Scan on sh_outer", "  Filter: (SubPlan 1)", "  SubPlan 1", "    ->  Materialize",
                    "          ->  Seq Scan on sh_inner"), plan(c, q));
            assertEquals(List.of("123|456", "123|9"), rowsShowingNull(c, q + " order by q2 desc"));
        }
    }

    @Test
    void bothFormsOfAnExistsNameTheirEntriesApart() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sn (c1 int, c2 int, c3 int) partition by list (c1)",
                    "create table sn_null partition of sn for values in (null)", "create table sn_def partition of sn default",
                    "insert into sn select x, x/2, x+1 from generate_series(0,10) x", "analyze sn");
            // the hashed alternative is a second planning of the sub-select: its entries (parent t2_3 and
            // partitions t2_4, t2_5) follow those of SubPlan 1 in the range table, in plan number order
            assertEquals(List.of("Append", "  ->  Seq Scan on sn_null t1_1", "        Filter: (((SubPlan 1) AND (c3 < 0))"
                            + " OR (SubPlan 3))", "        SubPlan 1", "          ->  Append",
                    "                ->  Seq Scan on sn_null t2_1", "                      Filter: (t1_1.c1 = c2)",
                    "                ->  Seq Scan on sn_def t2_2", "                      Filter: (t1_1.c1 = c2)",
                    "        SubPlan 3", "          ->  Append", "                ->  Seq Scan on sn_null t2_7",
                    "                      Filter: (t1_1.c1 = c3)", "                ->  Seq Scan on sn_def t2_8",
                    "                      Filter: (t1_1.c1 = c3)", "  ->  Seq Scan on sn_def t1_2",
                    "        Filter: (((hashed SubPlan 2) AND (c3 < 0)) OR (hashed SubPlan 4))", "        SubPlan 2",
                    "          ->  Append", "                ->  Seq Scan on sn_null t2_4", "                ->  Seq Scan on sn_def t2_5",
                    "        SubPlan 4", "          ->  Append", "                ->  Seq Scan on sn_null t2_10",
                    "                ->  Seq Scan on sn_def t2_11"),
                    plan(c, "select * from sn t1 where (exists(select 1 from sn t2 where t1.c1 = t2.c2) and c3 < 0"
                            + " or exists(select 1 from sn t2 where t1.c1 = t2.c3))"));
        }
    }

    @Test
    void aFilterCallingASubSelectLeavesTheBitmapScanInTheRunning() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table bq (u1 int, u2 int, th int, ten int)",
                    "insert into bq select g, (g * 7919) % 10000, g % 1000, g % 10 from generate_series(0, 9999) g",
                    "create index bq_th on bq (th)", "create unique index bq_u1 on bq (u1)", "analyze bq");
            // the EXISTS's hashed alternative compares through Params of its own: not a parameterized scan
            String q = "select count(*) from bq t where (exists (select 1 from bq k where k.u1 = t.u2) or ten < 0) and th = 1";
            assertEquals(List.of("Aggregate", "  ->  Bitmap Heap Scan on bq t", "        Recheck Cond: (th = 1)",
                    "        Filter: ((SubPlan 1) OR (ten < 0))", "        ->  Bitmap Index Scan on bq_th",
                    "              Index Cond: (th = 1)", "        SubPlan 1", "          ->  Index Only Scan using bq_u1 on bq k",
                    "                Index Cond: (u1 = t.u2)"), plan(c, q));
            assertEquals(List.of("10"), rowsShowingNull(c, q));
        }
    }

    @Test
    void anOuterLoopsParameterPrintsAsAParamInsideASubPlan() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table po (u int, h int, t int)", "create table pi4 (f1 int)", "create index po_u on po (u)",
                    "insert into po select g, g % 100, g % 10 from generate_series(1, 1000) g",
                    "insert into pi4 values (1), (50)", "analyze po", "analyze pi4");
            // find_param_referent matches a NestLoop ancestor only at the same plan level: o.h, which the
            // loop sets for the lateral subquery, is $n inside the SubPlan (PostgreSQL 15 prints $0)
            List<String> p = rowsShowingNull(c, "explain (verbose, costs off) select * from po o cross join lateral (select i.t in"
                    + " (select f1 from pi4 where f1 <= o.h) as tst from po i where i.u = o.u offset 0) ss where o.t = 0");
            String filter = p.get(p.size() - 1).trim();
            assertTrue(filter.matches("Filter: \\(pi4\\.f1 <= \\$\\d+\\)"), filter);
            assertEquals("Index Cond: (i.u = o.u)", p.get(7).trim());
        }
    }

    @Test
    void hashJoinMatchesComeLatestInnerRowFirst() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sh_arcs (f int, t int)", "insert into sh_arcs values (1, 2), (1, 3), (2, 3), (1, 4)",
                    "create table sh_from (f int)", "insert into sh_from values (2), (1)",
                    "set enable_mergejoin = off", "set enable_nestloop = off");
            String q = "select a.f, a.t from sh_from s join sh_arcs a on a.f = s.f";
            assertEquals("Hash Join", plan(c, q).get(0));
            assertEquals("  ->  Seq Scan on sh_from s", plan(c, q).get(2));
            assertEquals(List.of("2|3", "1|4", "1|3", "1|2"), rowsShowingNull(c, q));
        }
    }
    @Test
    void aCorrelatedExistsIsHashedWhenItRunsForManyRows() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sh_ea (f1 int, ten int)",
                    "insert into sh_ea select g, g % 10 from generate_series(1, 2000) g", "insert into sh_ea values (null, 0)",
                    "create table sh_eb (f1 int)", "insert into sh_eb select g * 2 from generate_series(1, 10000) g",
                    "insert into sh_eb values (null)", "create index on sh_eb (f1)", "analyze sh_ea", "analyze sh_eb");
            // run for every row of sh_ea: the subquery's rows are hashed once (the EXISTS form is SubPlan 1)
            String or = "select count(*) from sh_ea where exists (select 1 from sh_eb where sh_eb.f1 = sh_ea.f1) or ten < 0";
            assertEquals(List.of("Aggregate", "  ->  Seq Scan on sh_ea", "        Filter: ((hashed SubPlan 2) OR (ten < 0))",
                    "        SubPlan 2", "          ->  Seq Scan on sh_eb"), plan(c, or));
            assertEquals(List.of("1000"), rowsShowingNull(c, or));
            // NULL keys and NULL rows: EXISTS is never unknown, so NOT EXISTS keeps the NULL row
            assertEquals(List.of("1001"), rowsShowingNull(c,
                    "select count(*) from sh_ea where not exists (select 1 from sh_eb where sh_eb.f1 = sh_ea.f1) or ten < 0"));
            assertEquals(List.of("1000|1001|0"), rowsShowingNull(c, "select count(*) filter (where e), count(*) filter (where not e),"
                    + " count(*) filter (where e is null) from (select exists (select 1 from sh_eb where sh_ea.f1 = sh_eb.f1) e"
                    + " from sh_ea) s"));
            // run for one row: the EXISTS subplan (an index probe), once
            String one = "select count(*) from sh_ea where (exists (select 1 from sh_eb where sh_eb.f1 = sh_ea.f1) or ten < 0)"
                    + " and f1 = 4";
            List<String> onePlan = plan(c, one);
            assertTrue(onePlan.contains("        SubPlan 1"), onePlan.toString());
            assertTrue(onePlan.stream().noneMatch(l -> l.contains("hashed")), onePlan.toString());
            assertEquals(List.of("1"), rowsShowingNull(c, one));
        }
    }
}
