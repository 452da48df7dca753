package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/**
 * Outer-level aggregates (agglevelsup), IN (subquery) as a semi join, sublinks nested in a
 * sublink's test, and the LATERAL check of RIGHT/FULL joins, as a client sees them.
 */
class OuterAggregateEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table o (g int, x int)");
        sql.rows("create table i (k int, v int)");
        sql.rows("insert into o values (1, 10), (1, 20), (2, 5)");
        sql.rows("insert into i values (10, 100), (20, 200), (5, 50), (7, 70)");
    }

    @Test
    void aggregateOverOuterColumnsIsComputedByTheOuterQuery() {
        // max belongs to the outer query: one row, not one per row of o
        assertEquals(List.of("200"), sql.rows("select (select max((select v from i where i.k = o.x))) from o"));
        assertEquals(List.of("1|30", "2|5"), sql.rows("select g, (select sum(o.x)) from o group by g order by g"));
        // with a FILTER over outer columns too
        assertEquals(List.of("3"), sql.rows("select (select count(*) filter (where o.x > 0) from i where i.k = 5) from o"));
        // an aggregate of the sub-select's own columns stays there: one row per row of o
        assertEquals(List.of("4", "4", "4"), sql.rows("select (select count(i.v) filter (where o.x > 0) from i) from o"));
    }

    @Test
    void outerAggregateInHavingSubselect() {
        // g 2: sum(x) = 5, and i has v = 50; g 1: sum(x) = 30, no v = 300
        assertEquals(List.of("2"),
                sql.rows("select g from o group by g having exists (select 1 from i where sum(o.x) * 10 = i.v) order by g"));
    }

    @Test
    void misplacedAndNestedAggregatesAreRefused() {
        assertEquals("42803: aggregate functions are not allowed in WHERE @65",
                sql.error("select g from o group by g having exists (select 1 from i where sum(o.x + i.v) = 1)"));
        assertEquals("42803: aggregate function calls cannot be nested @12", sql.error("select max(min(x)) from o"));
        assertEquals("42803: aggregate function calls cannot be nested @20",
                sql.error("select (select max(min(x)) from i) from o"));
        assertEquals("42803: aggregate functions are not allowed in FILTER @29",
                sql.error("select max(x) filter (where sum(g) > 0) from o"));
        assertEquals("42803: aggregate function calls cannot be nested @37",
                sql.error("select (select max(x) filter (where sum(g) > 0) from i) from o"));
    }

    @Test
    void aggregateInAFromSubqueryOfItsOwnLevelOrOverANestedCteIsRefused() {
        assertEquals("42803: aggregate functions are not allowed in FROM clause of their own query level @34",
                sql.error("select 1 from o, lateral (select max(o.x) from i) ss"));
        assertEquals("0A000: outer-level aggregate cannot use a nested CTE @40 DETAIL CTE \"c\" is below the "
                + "aggregate's semantic level.",
                sql.error("select (with c(y) as (select 1) select count((select o.x from c))) from o"));
    }

    @Test
    void distinctAggregateOrderByMustBeAnArgumentUpToImplicitCoercion() {
        sql.rows("create table vt (f varchar(4))");
        sql.rows("insert into vt values ('b'), ('a'), ('b')");
        assertEquals(List.of("a,b"), sql.rows("select string_agg(distinct f, ',' order by f) from vt"));
        assertEquals(List.of("a,b"), sql.rows("select string_agg(distinct f::text, ',' order by f::text) from vt"));
        assertEquals("42P10: in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list @50",
                sql.error("select string_agg(distinct f::text, ',' order by f) from vt"));
        assertEquals("42P10: in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list @44",
                sql.error("select string_agg(distinct f, ',' order by f::text) from vt"));
        // an operator expression is reported where its left operand starts
        assertEquals("42P10: in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list @44",
                sql.error("select string_agg(distinct f, ',' order by f || 'x') from vt"));
    }

    @Test
    void recursiveUnionRefusesOrderByLimitOffset() {
        assertEquals("0A000: ORDER BY in a recursive query is not implemented @71",
                sql.error("with recursive x(n) as (select 1 union all select n+1 from x order by 1) select * from x"));
        assertEquals("0A000: LIMIT in a recursive query is not implemented @68",
                sql.error("with recursive x(n) as (select 1 union all select n+1 from x limit 3) select * from x"));
        assertEquals("42P19: recursive reference to query \"x\" must not appear within a subquery @68",
                sql.error("with recursive x(n) as (values (1) union all select (select n from x) from x where n < 5) select * from x"));
        assertEquals(List.of("1", "2", "3"),
                sql.rows("with recursive x(n) as (select 1 union all select n+1 from (select * from x) s where n < 3) "
                        + "select * from x"));
        assertEquals("0A000: OFFSET in a recursive query is not implemented @69",
                sql.error("with recursive x(n) as (select 1 union all select n+1 from x offset 3) select * from x"));
    }

    @Test
    void existsWithANullOrPositiveLimitIsStillASemiJoin() {
        String q = "select x from o where exists (select 1 from i where i.k = o.x limit 1) order by x";
        assertEquals(List.of("5", "10", "20"), sql.rows(q));
        assertTrue(String.join("\n", sql.rows("explain (costs off) " + q)).contains("Semi Join"));
        String zero = "select x from o where exists (select 1 from i where i.k = o.x limit 0)";
        assertEquals(List.of(), sql.rows(zero));
        assertTrue(String.join("\n", sql.rows("explain (costs off) " + zero)).contains("SubPlan"));
    }

    @Test
    void inSubqueryIsASemiJoin() {
        String q = "select g, x from o where x in (select k from i where v > 60) order by x";
        assertEquals(List.of("1|10", "1|20"), sql.rows(q));
        String plan = String.join("\n", sql.rows("explain (costs off) " + q));
        assertTrue(plan.contains("Semi Join"), plan);
        assertFalse(plan.contains("SubPlan"), plan);
        // duplicates on the inner side do not duplicate outer rows
        sql.rows("insert into i values (10, 101)");
        assertEquals(List.of("1|10", "1|20"), sql.rows(q));
        // NOT IN keeps its null semantics (no anti join)
        sql.rows("insert into i values (null, 999)");
        assertEquals(List.of(), sql.rows("select x from o where x not in (select k from i)"));
    }

    @Test
    void sublinkNestedInTheTestOfAnotherKeepsItsOwnColumns() {
        assertEquals(List.of("5"),
                sql.rows("select x from o where (x in (select k from i where v < 60)) in (select v > 60 from i where k = 7)"));
    }

    @Test
    void lateralReferenceAcrossRightOrFullJoinIsRefused() {
        assertEquals("42P10: invalid reference to FROM-clause entry for table \"o\" @54 DETAIL The combining JOIN type "
                + "must be INNER or LEFT for a LATERAL reference.",
                sql.error("select * from o full join lateral generate_series(0, o.x) g on true"));
        assertEquals(11 + 21 + 6, sql.rows("select * from o left join lateral generate_series(0, o.x) g on true").size());
    }
}
