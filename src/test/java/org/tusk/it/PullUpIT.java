package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The planner's pull-ups through a real server over 10000-row tables: the statements of the
 * join and subselect regression tests that took minutes when the LATERAL VALUES item was
 * re-joined per outer row and the nested NOT EXISTS ran as a SubPlan per row; each must now
 * plan as PostgreSQL does (a merge join, semi and anti joins) and answer in seconds.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PullUpIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table pt (unique1 int, unique2 int, thousand int, hundred int)");
            s.execute("insert into pt select g, 9999 - g, g % 1000, g % 100 from generate_series(0, 9999) g");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void lateralValuesJoinIsAJoinOfTheTwoTables() throws Exception {
        String q = "select count(*) from pt a, pt b join lateral (values(a.unique1)) ss(x) on b.unique2 = ss.x";
        try (Connection c = server.connect()) {
            String plan = String.join("\n", rows(c, "explain (costs off) " + q));
            assertFalse(plan.contains("Values Scan"), plan);
            assertFalse(plan.contains("Nested Loop"), plan);
            // PostgreSQL 15 plans these never-analysed tables as a merge join of two sorts
            assertTrue(plan.contains("Merge Cond: (a.unique1 = b.unique2)"), plan);
            long t0 = System.nanoTime();
            assertEquals(List.of("10000"), rows(c, q));
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "took too long");
        }
    }

    @Test
    void nestedNotExistsIsAnAntiJoinAboveTheSemiJoin() throws Exception {
        String q = "select a.thousand from pt a, pt b where a.thousand = b.thousand"
                + " and exists (select 1 from pt c where b.hundred = c.hundred"
                + " and not exists (select 1 from pt d where a.thousand = d.thousand))";
        try (Connection c = server.connect()) {
            List<String> plan = rows(c, "explain (costs off) " + q);
            assertEquals("Hash Anti Join", plan.get(0), String.join("\n", plan));
            assertEquals("  Hash Cond: (a.thousand = d.thousand)", plan.get(1));
            assertTrue(plan.contains("  ->  Hash Semi Join"), String.join("\n", plan));
            assertEquals(List.of(), rows(c, q));
            // with thousand values that d lacks, the anti join keeps them
            assertEquals(List.of("10"), rows(c, "select count(*) from pt a, pt b where a.thousand = b.thousand"
                    + " and exists (select 1 from pt c where b.hundred = c.hundred"
                    + " and not exists (select 1 from pt d where a.thousand = d.thousand and d.unique1 < 5))"
                    + " and a.unique1 = 5"));
        }
    }

    @Test
    void constantPlpgsqlFunctionInFromIsPulledUpButACompositeOneIsNot() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function f_const_int4(i integer) returns integer as $$ begin return i; end; $$"
                    + " language plpgsql immutable");
            s.execute("create index on pt (unique1)");
            String plan = String.join("\n", rows(c, "explain (costs off) select unique1 from pt, f_const_int4(42) x"
                    + " where x = unique1"));
            assertFalse(plan.contains("Function Scan"), plan);
            assertTrue(plan.contains("Index Cond: (unique1 = 42)"), plan);
            assertEquals(List.of("42"), rows(c, "select unique1 from pt, f_const_int4(42) x where x = unique1"));
            s.execute("create function f_const_row(i integer) returns pt as $$ select row($1, $1, $1, $1)::pt $$ language sql immutable");
            String composite = String.join("\n", rows(c, "explain (costs off) select * from f_const_row(3)"));
            assertTrue(composite.contains("Function Scan"), composite);
        }
    }

    @Test
    void simpleSubqueryAndViewJoinTheParentsTablesDirectly() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table pu1 (a int, b int)");
            s.execute("create table pu2 (a int, b int)");
            s.execute("insert into pu1 values (1, 10), (2, 20), (3, 30)");
            s.execute("insert into pu2 values (1, 100), (3, 300), (4, 400)");
            s.execute("create view puv as select a, b + 1 as c from pu2 where b > 150");
            // the subquery's table is scanned at the parent's level: no Subquery Scan, its WHERE
            // filters pu2's scan and its output expression is computed above the join
            String q = "select pu1.a, ss.c from pu1, (select a, b + 1 as c from pu2 where b > 150) ss"
                    + " where pu1.a = ss.a order by 1";
            String plan = String.join("\n", rows(c, "explain (costs off) " + q));
            assertFalse(plan.contains("Subquery Scan"), plan);
            assertTrue(plan.contains("Seq Scan on pu2"), plan);
            assertTrue(plan.contains("Filter: (b > 150)"), plan);
            assertEquals(List.of("3"), rows(c, q));
            assertEquals(List.of("301"), rows(c, "select ss.c from pu1, (select a, b + 1 as c from pu2 where b > 150) ss"
                    + " where pu1.a = ss.a"));
            // a view is the same subquery; read twice, its table shows as pu2 and pu2_1, as in PostgreSQL
            String self = "select v1.c, v2.c from puv v1 join puv v2 on v1.a = v2.a";
            String selfPlan = String.join("\n", rows(c, "explain (costs off) " + self));
            assertFalse(selfPlan.contains("Subquery Scan"), selfPlan);
            assertTrue(selfPlan.contains("Seq Scan on pu2 pu2_1"), selfPlan);
            assertEquals(List.of("301", "401"), rows(c, "select v1.c from puv v1 join puv v2 on v1.a = v2.a order by 1"));
            // an output expression of a subquery on the nullable side of an outer join must go NULL
            // with the null-extended row: the subquery stays a scan of its own there
            assertEquals(List.of("null", "null", "301"), rows(c, "select coalesce(ss.c::text, 'null') from pu1 left join"
                    + " (select a, b + 1 as c from pu2 where b > 150) ss on pu1.a = ss.a order by pu1.a"));
            assertEquals(List.of("true", "null", "true"), rows(c, "select coalesce(ss.t::text, 'null') from pu1 left join"
                    + " (select a, true as t from pu2) ss on pu1.a = ss.a order by pu1.a"));
            // plain columns on the nullable side are pulled up: the subquery's WHERE joins the ON
            // condition (it must not filter the preserved side), two tables join below the outer join
            assertEquals(List.of("1:null", "2:null", "3:300"), rows(c, "select pu1.a || ':' || coalesce(ss.b::text, 'null')"
                    + " from pu1 left join (select a, b from pu2 where b > 150) ss on pu1.a = ss.a order by pu1.a"));
            assertEquals(List.of("1:null", "2:null", "3:3"), rows(c, "select pu1.a || ':' || coalesce(ss.x::text, 'null')"
                    + " from pu1 left join (select p2.a, p1.a as x from pu2 p2, pu1 p1 where p2.a = p1.a and p2.b > 150) ss"
                    + " on pu1.a = ss.a order by pu1.a"));
            assertEquals(List.of("2"), rows(c, "select count(*) from pu1 left join (select a, b from pu2 where b > 150) ss"
                    + " on pu1.a = ss.a where ss.b is null"));
            // a subquery with aggregation, DISTINCT or LIMIT is not simple and keeps its scan
            String agg = "select pu1.a, ss.n from pu1, (select a, count(*) as n from pu2 group by a) ss where pu1.a = ss.a";
            assertTrue(String.join("\n", rows(c, "explain (costs off) " + agg)).contains("Aggregate"));
            assertEquals(List.of("1", "3"), rows(c, agg + " order by 1"));
        }
    }
}
