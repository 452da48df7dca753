package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Single-row FROM items (a FROM-less subquery, a constant-folding function call) below outer
 * joins, which PostgreSQL pulls up with PlaceHolderVars: the item stays a one-row Result whose
 * columns the outer join nulls, and the references where its row is certain (the quals at or
 * below the lowest outer join nulling it, everything when no outer join can null it) read its
 * expressions instead. Plans and rows are PostgreSQL 15's; constants, NULL constants and
 * non-strict expressions (COALESCE, CASE) must still go NULL with a null-extended row.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OuterJoinSingleRowIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table osr_a (id int primary key, v int)");
            s.execute("insert into osr_a select g, g % 3 from generate_series(1, 10000) g");
            s.execute("create table osr_b (k int, w int)");
            s.execute("insert into osr_b values (1, 10), (2, 20), (5, 50), (null, 60)");
            s.execute("analyze osr_a");
            s.execute("analyze osr_b");
            s.execute("create function osr_one(x int) returns int immutable language sql as $$select x$$");
        }
    }

    @Test
    void aConstantFunctionOnTheNullableSideIsAResultAndItsValueFillsTheJoinQual() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select id, x from osr_a left join osr_one(1) x on id = x";
            assertEquals(List.of("Nested Loop Left Join", "  Join Filter: (osr_a.id = 1)", "  ->  Seq Scan on osr_a",
                    "  ->  Materialize", "        ->  Result"), Jdbc.plan(c, q));
            assertEquals(List.of("1|1", "2|null", "3|null"), Jdbc.rowsShowingNull(c, q + " where id < 4 order by id"));
        }
    }

    @Test
    void aConstantFunctionNoOuterJoinNullsIsReplacedEverywhere() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select id, x from osr_a right join osr_one(1) x on id = x";
            assertEquals(List.of("Nested Loop Left Join", "  ->  Result", "  ->  Index Only Scan using osr_a_pkey on osr_a",
                    "        Index Cond: (id = 1)"), Jdbc.plan(c, q));
            assertEquals(List.of("1|1"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("null|-1"), Jdbc.rowsShowingNull(c, "select id, x from osr_a right join osr_one(-1) x on id = x"));
        }
    }

    @Test
    void aFullJoinKeepsReadingTheItemInItsOwnQual() throws Exception {
        try (Connection c = server.connect()) {
            List<String> plan = Jdbc.plan(c, "select id, x from osr_a full join osr_one(1) x on id = x");
            assertTrue(plan.stream().anyMatch(l -> l.contains("Hash Cond: ") && l.contains("(1)")), plan.toString());
            assertFalse(plan.stream().anyMatch(l -> l.contains("Function Scan")), plan.toString());
            assertEquals(List.of("1|null", "2|2", "3|null"), Jdbc.rowsShowingNull(c,
                    "select id, x from osr_a full join osr_one(2) x on id = x where id < 4 or id is null order by id"));
            assertEquals(List.of("1|null", "2|null", "null|-7"), Jdbc.rowsShowingNull(c,
                    "select id, x from osr_a full join osr_one(-7) x on id = x where id < 3 or id is null order by id"));
        }
    }

    @Test
    void constantAndNonStrictOutputsGoNullWithTheNullExtendedRow() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("1|null|null|null|t", "2|42|null|7|f", "5|42|null|7|f", "null|null|null|null|t"),
                    Jdbc.rowsShowingNull(c, "select k, s.c, s.d, s.e, s is null from osr_b left join "
                            + "(select 42 as c, null::int as d, coalesce(null::int, 7) as e) s on k > 1 order by k"));
            assertEquals(List.of("1|null|null", "2|42|7", "5|null|null", "null|null|null"), Jdbc.rowsShowingNull(c,
                    "select k, s.c, s.e from osr_b left join (select 42 as c, coalesce(null::int, 7) as e) s "
                            + "on k = s.c - 40 order by k"));
            assertEquals(List.of("1|null|null", "2|null|null", "5|5|5", "null|null|null"), Jdbc.rowsShowingNull(c,
                    "select b.k, a.id, s.c from osr_b b left join (osr_a a join (select 5 as c, case when true then 1 end as t) s "
                            + "on a.id = s.c) on b.k = a.id order by b.k"));
            // above the outer join the item's column is NULL, not its constant
            assertEquals(List.of("1|null|-1", "2|null|-1", "null|null|-1"), Jdbc.rowsShowingNull(c,
                    "select b.k, s.c, coalesce(s.c, -1) from osr_b b left join (osr_a a join (select 5 as c) s "
                            + "on a.id = s.c + 0) on b.k = a.id where coalesce(s.c, -1) = -1 order by b.k"));
            assertEquals(List.of("4|1|1"), Jdbc.rowsShowingNull(c,
                    "select count(*), count(s.c), count(s) from osr_b b full join (select 2 as c) s on b.k = s.c"));
        }
    }

    @Test
    void anItemOnThePreservedSideKeepsItsRow() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("7|null|null"), Jdbc.rowsShowingNull(c, "select * from (select 7 as z) z left join osr_b on z.z = k"));
            assertEquals(List.of("5|5|50"), Jdbc.rowsShowingNull(c, "select * from (select 5 as z) z left join osr_b on z.z = k"));
            assertEquals(List.of("1|1", "null|2", "null|5", "null|null"), Jdbc.rowsShowingNull(c,
                    "select z.z, b.k from (select 1 as z) z full join osr_b b on b.k = z.z order by b.k"));
            assertEquals(List.of("1|1|10|1"), Jdbc.rowsShowingNull(c, "select * from (select 1 as id) xx left join "
                    + "(osr_b b full join (select 1 as id) yy on b.k = yy.id) on xx.id = coalesce(yy.id) order by b.k"));
        }
    }
    @Test
    void aLeftJoinOnTrueToASingleRowItemIsAnInnerJoin() throws Exception {
        try (Connection c = server.connect()) {
            // remove_useless_result_rtes: the one-row side always matches, so the join goes
            assertEquals(List.of("Nested Loop", "  ->  Result", "  ->  Limit", "        ->  Result"), Jdbc.plan(c,
                    "select * from (select 1 as x) ss1 left join (select 2 as y) ss2 on (true), "
                            + "lateral (select ss2.y as z limit 1) ss3"));
            assertEquals(List.of("1|2|2"), Jdbc.rowsShowingNull(c, "select * from (select 1 as x) ss1 left join "
                    + "(select 2 as y) ss2 on (true), lateral (select ss2.y as z limit 1) ss3"));
            assertEquals(List.of("0|1|null"), Jdbc.rowsShowingNull(c, "select * from (select 0 as val0) as ss0 left join "
                    + "(select 1 as val) as ss1 on true left join lateral (select ss1.val as val_filtered where false) as ss2 on true"));
            assertEquals(List.of("1|5", "2|5", "5|5", "null|5"),
                    Jdbc.rowsShowingNull(c, "select k, s.c from osr_b b left join (select 5 as c) s on true order by k"));
            // not for a condition that can fail
            assertEquals(List.of("1|null", "2|null", "5|null", "null|null"),
                    Jdbc.rowsShowingNull(c, "select k, s.c from osr_b b left join (select 5 as c) s on false order by k"));
            // a LATERAL row of a nullable column: computed from the null-extended row, never nulled itself
            assertEquals(List.of("1|1|1", "2|2|2", "5|5|5", "null|null|-5"), Jdbc.rowsShowingNull(c,
                    "select b.k, a.id, s.v from osr_b b left join osr_a a on a.id = b.k left join lateral "
                            + "(select coalesce(a.id, -5) as v) s on true order by b.k"));
        }
    }
    @Test
    void aSubqueryOnTheNullableSideIsPulledUpWhenOnlyItsOuterJoinReadsItsExpressions() throws Exception {
        try (Connection c = server.connect()) {
            // 7 and COALESCE(...) are read only in the ON of the join nulling the subquery: no
            // PlaceHolderVar is needed and its table joins directly
            // (PostgreSQL: Hash Left Join / Hash Cond: (b.k = osr_a.id), 7 = 7 folded away)
            List<String> plan = Jdbc.plan(c,
                    "select b.k, s.id from osr_b b left join (select id, 7 as h from osr_a) s on b.k = s.id and s.h = 7");
            assertTrue(plan.stream().noneMatch(l -> l.contains("7") || l.contains("Subquery Scan")), plan.toString());
            assertTrue(plan.get(0).endsWith("Left Join"), plan.toString());
            assertEquals(List.of("1|1", "2|2", "5|5", "null|null"), Jdbc.rowsShowingNull(c, "select b.k, s.id from osr_b b "
                    + "left join (select id, coalesce(v, 0) + 1 as g, 7 as h from osr_a) s on b.k = s.id and s.h = 7 and s.g > 1 order by 1"));
            assertEquals(List.of("1|null", "2|2", "5|null", "null|null"), Jdbc.rowsShowingNull(c, "select b.k, s.k2 from osr_b b "
                    + "left join (select c.k as k2, coalesce(c.w, 0) as cw from osr_b c) s on b.k = s.k2 and s.cw = 20 order by 1"));
            // read above the join too: the expression must still go NULL with the null-extended row
            assertEquals(List.of("1|1|2", "2|2|3", "5|5|3", "null|null|null"), Jdbc.rowsShowingNull(c, "select b.k, s.id, s.g "
                    + "from osr_b b left join (select id, coalesce(v, 0) + 1 as g, 7 as h from osr_a) s "
                    + "on b.k = s.id and s.h = 7 and s.g > 1 order by 1"));
            assertEquals(List.of("1|1|x", "2|2|x", "5|5|x", "null|null|null"), Jdbc.rowsShowingNull(c, "select b.k, s.k2, s.cw "
                    + "from osr_b b left join (select c.k as k2, 'x'::text as cw from osr_b c) s on b.k = s.k2 order by 1"));
        }
    }
}
