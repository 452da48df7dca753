package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grouping sets through a running server over stored tables: the answers that used to be wrong
 * (equal grouping expressions, a constant grouping column under a filter from outside,
 * pulled-up subquery outputs), GROUP BY DISTINCT and GROUPING() of an outer level; hashed and
 * mixed plans and their rows, the "could not implement GROUP BY" error, a view over an
 * aggregate returning an array of a composite type, and aggregates sharing a transition state.
 * Expected values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GroupingSetsIT {
    @Test
    void groupingSetsAnswerAsPostgresDoes() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table gs_i8 (q1 int8, q2 int8)");
                s.execute("insert into gs_i8 values (123, 456), (123, 4567890123456789), (4567890123456789, 123),"
                        + " (4567890123456789, 4567890123456789), (4567890123456789, -4567890123456789)");
            }
            assertEquals(List.of("1|1", "1|", "2|2", "2|", "3|3", "3|"), TuskServer.rows(c,
                    "select g as alias1, g as alias2 from generate_series(1,3) g group by alias1, rollup(alias2) order by 1, 2"));
            assertEquals(List.of(), TuskServer.rows(c, "select * from (select 1 as x, q1, sum(q2) from gs_i8 i1"
                    + " group by grouping sets(1, 2)) ss where x = 1 and q1 = 123"));
            assertEquals(List.of("3|3", "|3"), TuskServer.rows(c,
                    "select (x+y)*1, sum(z) from (select 1 as x, 2 as y, 3 as z) s group by grouping sets (x+y, x) order by 1"));
            assertEquals(List.of("0", "0", "0", "0", "0"), TuskServer.rows(c, "select (select grouping(ss.x)) from gs_i8 i1"
                    + " cross join lateral (select (select i1.q1) as x) ss group by ss.x, i1.q2 order by 1"));
            assertEquals(List.of("2", "3", "5"), TuskServer.rows(c,
                    "select count(*) from gs_i8 group by distinct rollup(q1), rollup(q1) order by 1"));
        }
    }

    @Test
    void hashedAndMixedGroupingSets() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table gs (a int, b int, v int)");
                s.execute("insert into gs values (1, 1, 10), (1, 2, 20), (2, 1, 30), (2, 2, 40), (2, 2, 50)");
                s.execute("create table gstest4 (id integer, v integer, unhashable_col bit(4), unsortable_col xid)");
                s.execute("insert into gstest4 values (1, 1, b'0000', '1'), (2, 2, b'0001', '1'), (3, 4, b'0010', '2'),"
                        + " (4, 8, b'0011', '2'), (5, 16, b'0000', '2'), (6, 32, b'0001', '2'), (7, 64, b'0010', '1'),"
                        + " (8, 128, b'0011', '1')");
            }
            String cube = "select a, b, grouping(a, b), sum(v), count(*) from gs group by cube (a, b) order by 3, 1, 2";
            assertEquals(List.of("Sort", "  Sort Key: (GROUPING(a, b)), a, b", "  ->  MixedAggregate",
                    "        Hash Key: a, b", "        Hash Key: a", "        Hash Key: b", "        Group Key: ()",
                    "        ->  Seq Scan on gs"), TuskServer.rows(c, "explain (costs off) " + cube));
            assertEquals(List.of("1|1|0|10|1", "1|2|0|20|1", "2|1|0|30|1", "2|2|0|90|2", "1||1|30|2", "2||1|120|3",
                    "|1|2|40|2", "|2|2|110|3", "||3|150|5"), TuskServer.rows(c, cube));
            // a single sorted rollup already returns ORDER BY's order
            assertEquals(List.of("GroupAggregate", "  Group Key: a", "  Group Key: ()", "  ->  Sort",
                    "        Sort Key: a", "        ->  Seq Scan on gs"), TuskServer.rows(c,
                    "explain (costs off) select a, array_agg(v order by v) from gs group by rollup (a) order by a"));
            assertEquals(List.of("0000||1|2|17", "0001||1|2|34", "0010||1|2|68", "0011||1|2|136", "|2|2|4|60",
                    "|1|2|4|195"), TuskServer.rows(c, "select unhashable_col, unsortable_col,"
                    + " grouping(unhashable_col, unsortable_col), count(*), sum(v) from gstest4"
                    + " group by grouping sets ((unhashable_col), (unsortable_col)) order by 3, 5"));
            SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c,
                    "select count(*) from gstest4 group by rollup (unhashable_col, unsortable_col)"));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().startsWith("ERROR: could not implement GROUP BY"), e.getMessage());
        }
    }

    /**
     * The grouping input (make_group_input_target): the grouping expressions in target list
     * order, then the columns the rest reads, computed by the scan itself; the answers are
     * PostgreSQL's whatever the layout.
     */
    @Test
    void groupingInputIsTheKeysThenTheColumnsRead() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table gl (a int, b int, c int)");
                s.execute("insert into gl values (1, 10, 100), (1, 20, 200), (2, 10, 300), (null, 30, 400)");
                s.execute("set enable_hashagg = off");
            }
            String rollup = "select b, a, count(*), array_agg(c order by c), (a + b) * 2 from gl"
                    + " group by rollup (b, a) having sum(c) > 0 order by 1, 2";
            assertEquals(List.of("GroupAggregate", "  Output: b, a, count(*), array_agg(c ORDER BY c), ((a + b) * 2)",
                    "  Group Key: gl.b, gl.a", "  Group Key: gl.b", "  Group Key: ()", "  Filter: (sum(gl.c) > 0)",
                    "  ->  Sort", "        Output: b, a, c", "        Sort Key: gl.b, gl.a",
                    "        ->  Seq Scan on public.gl", "              Output: b, a, c"),
                    TuskServer.rows(c, "explain (verbose, costs off) " + rollup));
            assertEquals(List.of("10|1|1|{100}|22", "10|2|1|{300}|24", "10||2|{100,300}|", "20|1|1|{200}|42",
                    "20||1|{200}|", "30||1|{400}|", "30||1|{400}|", "||4|{100,200,300,400}|"), TuskServer.rows(c, rollup));
            // a constant key is computed by the scan too
            List<String> plan = TuskServer.rows(c, "explain (verbose, costs off) select 1 as x, b, sum(c) from gl"
                    + " group by grouping sets (1, 2)");
            assertEquals(List.of("  ->  Seq Scan on public.gl", "        Output: 1, b, c"), plan.subList(plan.size() - 2, plan.size()));
            try (Statement s = c.createStatement()) {
                s.execute("reset enable_hashagg");
            }
            assertEquals(List.of("2||300|4|20|1", "3||300|3|10|1", "|10|400|5|10|2", "|20|200|2|20|2", "|30|400||30|2",
                    "||400||30|1", "||1000|7|30|3"), TuskServer.rows(c, "select a + 1 as k, b, sum(c), sum(a + 1), max(b),"
                    + " grouping(a + 1, b) from gl group by grouping sets ((a + 1), (b), ()) order by 1, 2, 3"));
        }
    }

    /**
     * EXPLAIN shows a GROUPING() call as the Agg computes it: the call itself (not a reference to
     * a lower column) with its arguments as setrefs.c leaves them, a sub-select in an argument as
     * its own SubPlan (never run, so not listed) or InitPlan (listed with the level's); a node
     * above reads it in parentheses. PostgreSQL 15's EXPLAIN of the same statements.
     */
    @Test
    void groupingCallsShowAsTheAggComputesThem() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table gq (q1 int8, q2 int8)");
                s.execute("insert into gq values (1, 2), (3, 4), (3, 5)");
            }
            assertEquals(List.of("Sort", "  Output: ((GROUPING(q1) + 1)), q1", "  Sort Key: ((GROUPING(gq.q1) + 1))",
                    "  ->  MixedAggregate", "        Output: (GROUPING(q1) + 1), q1", "        Hash Key: gq.q1",
                    "        Group Key: ()", "        ->  Seq Scan on public.gq", "              Output: q1"),
                    TuskServer.rows(c, "explain (verbose, costs off) select grouping(q1) + 1, q1 from gq group by rollup(q1) order by 1"));
            String lateral = "select grouping(ss.x), (select grouping(ss.x)) from gq i1"
                    + " cross join lateral (select (select i1.q1) as x) ss group by ss.x";
            // (a plain GROUP BY: its keys shown as such, hashed or not)
            assertEquals(List.of("HashAggregate", "  Output: GROUPING((SubPlan 1)), (SubPlan 3), ((SubPlan 4))",
                    "  Group Key: (SubPlan 4)", "  ->  Seq Scan on public.gq i1", "        Output: (SubPlan 4), i1.q1",
                    "        SubPlan 4", "          ->  Result", "                Output: i1.q1", "  SubPlan 3",
                    "    ->  Result", "          Output: GROUPING((SubPlan 2))"),
                    TuskServer.rows(c, "explain (verbose, costs off) " + lateral));
            assertEquals(List.of("0|0", "0|0"), TuskServer.rows(c, lateral + " order by 1"));
            String outer = "select (select grouping(v1)) from (values ((select 1))) v(v1) group by v1";
            assertEquals(List.of("GroupAggregate", "  Output: (SubPlan 2), ($2)", "  Group Key: $2",
                    "  InitPlan 1 (returns $1)", "    ->  Result", "          Output: 1", "  InitPlan 3 (returns $2)",
                    "    ->  Result", "          Output: 1", "  ->  Result", "        Output: $2", "  SubPlan 2",
                    "    ->  Result", "          Output: GROUPING($1)"), TuskServer.rows(c, "explain (verbose, costs off) " + outer));
            assertEquals(List.of("0"), TuskServer.rows(c, outer));
        }
    }

    @Test
    void viewOverCompositeArrayAggregate() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create type aggtype as (a integer, b integer, c text)");
                s.execute("create function aggfns_trans(aggtype[], integer, integer, text) returns aggtype[]"
                        + " as 'select array_append($1, row($2, $3, $4)::aggtype)' language sql immutable");
                s.execute("create aggregate aggfns(integer, integer, text) (sfunc = aggfns_trans, stype = aggtype[],"
                        + " initcond = '{}')");
                s.execute("create view agg_view1 as select aggfns(a, b, c)"
                        + " from (values (1, 3, 'foo'), (0, null, null), (2, 2, 'bar'), (3, 1, 'baz')) v(a, b, c)");
            }
            assertEquals(List.of("{\"(1,3,foo)\",\"(0,,)\",\"(2,2,bar)\",\"(3,1,baz)\"}"),
                    TuskServer.rows(c, "select * from agg_view1"));
            try (Statement s = c.createStatement()) {
                s.execute("create or replace view agg_view1 as select aggfns(a, b, c order by b)"
                        + " from (values (1, 3, 'foo'), (0, null, null), (2, 2, 'bar'), (3, 1, 'baz')) v(a, b, c)");
            }
            assertEquals(List.of("{\"(3,1,baz)\",\"(2,2,bar)\",\"(1,3,foo)\",\"(0,,)\"}"),
                    TuskServer.rows(c, "select * from agg_view1"));
        }
    }
    /** aggregates.sql's my_avg/my_sum: aggregates sharing a transition function run it once per row. */
    @Test
    void aggregatesShareTransitionStates() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create function sum_transfn(state int8, n int4) returns int8 language plpgsql as $$"
                    + " begin raise notice 'sum_transfn called with %', n; return coalesce(state, 0) + n; end $$");
            s.execute("create function halve(state int8) returns int8 language sql as 'select $1 / 2'");
            s.execute("create aggregate my_sum(int4) (stype = int8, sfunc = sum_transfn)");
            s.execute("create aggregate my_half_sum(int4) (stype = int8, sfunc = sum_transfn, finalfunc = halve)");
            assertEquals(List.of("10|5"), notices(s, "select my_sum(one), my_half_sum(one) from (values (1), (2), (3), (4)) t(one)",
                    List.of("sum_transfn called with 1", "sum_transfn called with 2", "sum_transfn called with 3",
                            "sum_transfn called with 4")));
            // a FILTER makes the inputs differ: two states, the function runs for each
            assertEquals(List.of("3|2"), notices(s, "select my_sum(one), my_sum(one) filter (where one > 1)"
                    + " from (values (1), (2)) t(one)", List.of("sum_transfn called with 1", "sum_transfn called with 2",
                    "sum_transfn called with 2")));
        }
    }

    /** The rows of {@code query}, after checking the notices it raised. */
    private static List<String> notices(Statement s, String query, List<String> expected) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i) == null ? "" : rs.getString(i));
                rows.add(sb.toString());
            }
        }
        List<String> got = new java.util.ArrayList<>();
        for (java.sql.SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) got.add(w.getMessage());
        s.clearWarnings();
        assertEquals(expected, got);
        return rows;
    }

    /**
     * consider_groupingsets_paths sizes the hash tables against hash_mem: with ANALYZE's
     * distinct counts, the sets whose groups do not fit stay sorted (a knapsack chooses the
     * rollups to hash), and everything is hashed only when all the groups fit.
     */
    @Test
    void hashTablesAreChosenToFitInHashMem() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table k (u int, th int, h int, t int, b int)");
                s.execute("insert into k select g, g % 1000, g % 100, g % 10, g % 2 from generate_series(0, 9999) g");
                s.execute("analyze k");
                s.execute("set hash_mem_multiplier = 1.0");
            }
            String q = "explain (costs off) select u, count(th), count(h), count(t), count(b), count(*) from k"
                    + " group by grouping sets (u, th, h, t, b)";
            // 172 bytes a group (five count states, a 20-byte key tuple): at 64kB only h, t and b fit
            execute(c, "set work_mem = '64kB'");
            assertEquals(List.of("MixedAggregate", "  Hash Key: b", "  Hash Key: t", "  Hash Key: h", "  Group Key: u",
                    "  Sort Key: th", "    Group Key: th", "  ->  Sort", "        Sort Key: u",
                    "        ->  Seq Scan on k"), TuskServer.rows(c, q));
            // at 384kB th's 1000 groups fit too
            execute(c, "set work_mem = '384kB'");
            assertEquals(List.of("MixedAggregate", "  Hash Key: b", "  Hash Key: t", "  Hash Key: h", "  Hash Key: th",
                    "  Group Key: u", "  ->  Sort", "        Sort Key: u", "        ->  Seq Scan on k"),
                    TuskServer.rows(c, q));
            // with room for all the groups, every set is hashed
            execute(c, "set work_mem = '4MB'");
            assertEquals(List.of("HashAggregate", "  Hash Key: u", "  Hash Key: th", "  Hash Key: h", "  Hash Key: t",
                    "  Hash Key: b", "  ->  Seq Scan on k"), TuskServer.rows(c, q));
            // the groups are the same whichever sets are hashed
            String groups = "select th, t, count(*), sum(u) from k where u < 3000 group by grouping sets (th, t)"
                    + " order by 1, 2";
            List<String> hashed = TuskServer.rows(c, groups);
            assertEquals(1010, hashed.size());
            execute(c, "set work_mem = '64kB'");
            assertEquals("  ->  MixedAggregate", TuskServer.rows(c, "explain (costs off) " + groups).get(2));
            assertEquals(hashed, TuskServer.rows(c, groups));
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
