package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.Sql;

/**
 * Restriction clauses over a subquery with window functions: pushed into the subquery, turned
 * into WindowAgg run conditions, or kept above it (allpaths.c set_subquery_pathlist). Every
 * expected row and plan line is PostgreSQL 15's answer to the same statements.
 */
class WindowRunConditionTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table emp (id int primary key, name text, dept int, salary int)");
        sql.rows("insert into emp values (1, 'ann', 10, 100), (2, 'bob', 10, 200), (3, 'cid', 20, 300),"
                + " (4, 'dan', null, 400), (5, 'eve', 30, null), (6, 'fay', 10, 200)");
    }

    private Plan.WindowAgg topWindow() {
        Plan p = sql.last.plannedStmt().planTree();
        while (!(p instanceof Plan.WindowAgg)) {
            p = switch (p) {
                case Plan.SubqueryScan s -> s.child();
                case Plan.Sort s -> s.child();
                default -> throw new AssertionError("no WindowAgg in " + p);
            };
        }
        return (Plan.WindowAgg) p;
    }

    private String explain(String q) {
        return String.join("\n", sql.rows("explain (costs off) " + q));
    }

    @Test
    void monotonicFunctionStopsTheWindow() {
        String q = "select * from (select id, row_number() over (order by id) rn from emp) s where rn < 3";
        assertEquals(List.of("1|1", "2|2"), sql.rows(q));
        assertNotNull(topWindow().runCondition());
        assertTrue(explain(q).contains("Run Condition: (row_number() OVER (?) < "), explain(q));
        assertFalse(explain(q).contains("Subquery Scan"), explain(q));
    }

    @Test
    void partitionedRunConditionSkipsToTheNextPartition() {
        assertEquals(List.of("1|10|1", "3|20|1", "4||1", "5|30|1"), sql.rows(
                "select * from (select id, dept, row_number() over (partition by dept order by id) rn from emp) s"
                        + " where rn <= 1 order by id"));
    }

    @Test
    void equalityKeepsTheOriginalQual() {
        String q = "select * from (select id, dense_rank() over (order by salary desc) dr from emp) s where dr = 2";
        assertEquals(List.of("4|2"), sql.rows(q + " order by id"));
        String plan = explain(q);
        assertTrue(plan.contains("Subquery Scan on s"), plan);
        assertTrue(plan.contains("Run Condition: (dense_rank() OVER (?) <= "), plan);
    }

    @Test
    void lowerWindowsPassRowsThroughForTheWindowsAbove() {
        assertEquals(List.of("1|1|1|3", "3|3|1|1", "4|4|1|1"), sql.rows(
                "select * from (select id, count(*) over (order by id) c, row_number() over (partition by dept order by id) rn,"
                        + " count(*) over (partition by dept) c2 from emp) s where rn <= 1 and c <= 4 order by id"));
    }

    @Test
    void countOverTheWholePartitionAndDecreasingFrames() {
        assertEquals(List.of("1|6", "2|6", "3|6", "4|6", "5|6", "6|6"),
                sql.rows("select * from (select id, count(*) over () c from emp) x where c = 6 order by id"));
        assertEquals(List.of("1|6", "2|5", "3|4", "4|3"), sql.rows("select * from (select id, count(*) over (order by id"
                + " rows between current row and unbounded following) c from emp) x where c >= 3 order by id"));
        assertNotNull(topWindow().runCondition());
    }

    @Test
    void countOfAColumnIsNotMonotonic() {
        sql.rows("select * from (select id, count(salary) over (order by id) c from emp) x where c <= 2");
        assertNull(topWindow().runCondition());
    }

    @Test
    void qualOnAColumnInEveryPartitionByIsPushedDown() {
        String q = "select * from (select id, dept, sum(salary) over (partition by dept) s,"
                + " min(salary) over (partition by dept order by id) m from emp) x where dept = 10";
        assertEquals(List.of("1|10|500|100", "2|10|500|100", "6|10|500|100"), sql.rows(q + " order by id"));
        // the pushed clause pins dept, so the sort needs only id (PostgreSQL's redundant pathkey)
        assertEquals("WindowAgg\n  ->  WindowAgg\n        ->  Sort\n              Sort Key: emp.id\n"
                + "              ->  Seq Scan on emp\n                    Filter: (dept = 10)", explain(q));
    }

    @Test
    void qualOnAColumnOutsideAPartitionByStaysAbove() {
        String q = "select * from (select id, dept, sum(salary) over (partition by dept) s from emp) x where id = 1";
        assertEquals(List.of("1|10|500"), sql.rows(q));
        assertTrue(explain(q).startsWith("Subquery Scan on x\n  Filter: (x.id = 1)"), explain(q));
    }
}
