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
}
