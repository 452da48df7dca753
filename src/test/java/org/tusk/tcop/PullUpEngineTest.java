package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/**
 * prepjointree.c's transformations end to end: single-row FROM items pulled up into their parent
 * (LATERAL VALUES becoming a plain join clause), and EXISTS conjuncts that read only outer
 * levels moved up, so a nested NOT EXISTS becomes an anti join of the outer query.
 */
class PullUpEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table a (id int, v int)");
        sql.rows("create table b (id int, v int)");
        sql.rows("insert into a values (1, 10), (2, 20), (3, 30)");
        sql.rows("insert into b values (1, 100), (3, 300), (3, 301), (4, 400)");
    }

    @Test
    void lateralValuesBecomesAJoinClauseBetweenTheTables() {
        String q = "select a.id, b.v from a, b join lateral (values (a.id)) ss(x) on b.id = ss.x order by 1, 2";
        assertEquals(List.of("1|100", "3|300", "3|301"), sql.rows(q));
        List<String> plan = sql.rows("explain (costs off) " + q);
        assertFalse(String.join("\n", plan).contains("Values Scan"), String.join("\n", plan));
        // the join method is the cost model's choice; what matters is the clause joining the tables
        assertTrue(plan.stream().anyMatch(l -> l.matches(".*(Hash|Merge) Cond: \\((b\\.id = a\\.id|a\\.id = b\\.id)\\)")),
                String.join("\n", plan));
    }

    @Test
    void subqueryOfExpressionsIsReadThroughItsExpressions() {
        assertEquals(List.of("2|21"), sql.rows("select a.id, s.y from a, lateral (select a.v + 1 as y) s where a.id = 2"));
        assertEquals(List.of("Result"), sql.rows("explain (costs off) select * from (select 1 as x, 'a' as y) s"));
        assertEquals(List.of("1|a"), sql.rows("select * from (select 1 as x, 'a' as y) s"));
    }

    @Test
    void volatileOrMultiRowItemsStayScans() {
        String plan = String.join("\n", sql.rows("explain (costs off) select * from (values (random())) v(r)"));
        assertTrue(plan.contains("Values Scan"), plan);
        assertEquals(List.of("1", "2"), sql.rows("select x from (values (1), (2)) v(x) order by x"));
    }

    @Test
    void itemOnTheNullableSideOfAnOuterJoinIsNotPulledUp() {
        assertEquals(List.of("1|1", "2|", "3|3"),
                sql.rows("select a.id, s.x from a left join (select b.id as x from b) s on s.x = a.id "
                        + "group by a.id, s.x order by 1"));
        assertEquals(List.of("1|", "2|", "3|"),
                sql.rows("select a.id, s.x from a left join (select 7 as x) s on s.x = a.id order by 1"));
    }

    @Test
    void nestedNotExistsOverOuterColumnsBecomesAnAntiJoinOfTheOuterQuery() {
        String q = "select a.id from a where exists (select 1 from b where b.id = a.id "
                + "and not exists (select 1 from b c where c.v = a.v * 10 + 1)) order by 1";
        assertEquals(List.of("1"), sql.rows(q));
        String plan = String.join("\n", sql.rows("explain (costs off) " + q));
        assertTrue(plan.contains("Anti Join"), plan);
        assertTrue(plan.contains("Semi Join"), plan);
        assertFalse(plan.contains("SubPlan"), plan);
        sql.rows("insert into b values (9, 101)");
        assertEquals(List.of(), sql.rows(q));
    }

    @Test
    void notExistsKeepsItsOuterOnlyConjunctsInside() {
        // NOT EXISTS (... WHERE p AND q) is not q AND NOT EXISTS (...): nothing moves out of an anti join
        assertEquals(List.of("2", "3"),
                sql.rows("select a.id from a where not exists (select 1 from b where b.id = a.id and a.v < 20) order by 1"));
    }
}
