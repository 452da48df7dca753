package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * remove_useless_results_recurse's JOIN_INNER case for a single-row item below an outer join:
 * once nothing reads it, the inner join with it becomes its other side, the join's quals kept
 * where they still filter that side (here the ON condition of the outer join whose nullable side it is).
 */
class UselessResultJoinTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table a (q1 int, q2 int)");
        sql.rows("create table b (q1 int, q2 int)");
        sql.rows("insert into a values (1, 10), (2, 20), (3, 30)");
        sql.rows("insert into b values (123, 10), (123, 30), (5, 20)");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void anUnreadSingleRowItemIsDroppedWithItsJoinQualsKept() {
        String q = "select a.*, b.* from a left join (b join (select 123 as x) ss on b.q1 = x) on a.q2 = b.q2 order by 1";
        String plan = explain(q);
        assertFalse(plan.contains("Result"), plan);
        assertTrue(plan.contains("Filter: (q1 = 123)"), plan);
        assertEquals(List.of("1|10|123|10", "2|20||", "3|30|123|30"), sql.rows(q));
    }

    @Test
    void anItemReadAboveTheOuterJoinStays() {
        String q = "select a.q1, x from a left join (b join (select 123 as x) ss on b.q1 = x) on a.q2 = b.q2 order by 1";
        assertTrue(explain(q).contains("Result"), explain(q));
        assertEquals(List.of("1|123", "2|", "3|123"), sql.rows(q));
    }
}
