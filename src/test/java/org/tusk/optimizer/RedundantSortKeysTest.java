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
 * pathkey_is_redundant for ORDER BY: a key WHERE equates to a constant, or to an earlier key,
 * is not sorted on, unless an outer join delays the equality (check_outerjoin_delay).
 */
class RedundantSortKeysTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table a (q1 int, q2 int)");
        sql.rows("create table b (id int, v int)");
        sql.rows("insert into a values (1, 10), (2, 20), (3, 30)");
        sql.rows("insert into b values (10, 1), (20, 2)");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void aKeyPinnedToAConstantAboveAnOuterJoinItCoversIsNotSorted() {
        String q = "select * from (select id, q1, coalesce(id, -1) + q1 as fault from a left join b on q2 = id) ss"
                + " where fault = 22 order by fault";
        String plan = explain(q);
        assertFalse(plan.startsWith("Sort"), plan);
        assertEquals(List.of("20|2|22"), sql.rows(q));
    }

    @Test
    void anEqualityDelayedByAnOuterJoinKeepsTheSort() {
        String plan = explain("select * from a left join b on q2 = id where coalesce(id, -1) = 10 order by coalesce(id, -1)");
        assertTrue(plan.startsWith("Sort\n  Sort Key: (COALESCE(b.id, '-1'::integer))"), plan);
    }

    @Test
    void aKeyEquatedToAnEarlierKeyIsNotSorted() {
        String q = "select a.q1, b.v from a, b where a.q1 = b.v order by b.v desc, a.q1";
        String plan = explain(q);
        assertTrue(plan.startsWith("Sort\n  Sort Key: b.v DESC\n"), plan);
        assertEquals(List.of("2|2", "1|1"), sql.rows(q));
    }

    @Test
    void aNonEqualityKeepsEveryKey() {
        assertTrue(explain("select * from a where q1 < 5 order by q1, q2").startsWith("Sort\n  Sort Key: q1, q2\n"));
    }
}
