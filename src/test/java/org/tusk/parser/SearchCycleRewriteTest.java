package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * rewriteSearchAndCycle builds its path and depth expressions from functions, array_cat and
 * int8inc (not the || and + operators), and EXPLAIN VERBOSE shows them so.
 */
class SearchCycleRewriteTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (verbose, costs off) " + query));
    }

    @Test
    void depthFirstPathIsExtendedWithArrayCat() {
        String q = "with recursive t(x) as (select 1 union all select x + 1 from t where x < 3) "
                + "search depth first by x set y select * from t";
        String plan = explain(q);
        assertTrue(plan.contains("array_cat(t_1.y, ARRAY[ROW("), plan);
        assertTrue(plan.contains("Output: 1, '{(1)}'::record[]"), plan);
        assertEquals(List.of("1|{(1)}", "2|{(1),(2)}", "3|{(1),(2),(3)}"), sql.rows(q));
    }

    @Test
    void breadthFirstDepthIsIncrementedWithInt8inc() {
        String q = "with recursive t(x) as (select 1 union all select x + 1 from t where x < 3) "
                + "search breadth first by x set y select * from t";
        String plan = explain(q);
        assertTrue(plan.contains("ROW(int8inc((t_1.y)."), plan);
        assertEquals(List.of("1|(0,1)", "2|(1,2)", "3|(2,3)"), sql.rows(q));
    }

    @Test
    void cycleMarkTestIsSimplifiedToNot() {
        String q = "with recursive t(x) as (select 0 union all select (x + 1) % 3 from t) "
                + "cycle x set c using p select x, c from t";
        String plan = explain(q);
        assertTrue(plan.contains("array_cat(t_1.p, ARRAY[ROW("), plan);
        assertTrue(plan.contains("Filter: (NOT t_1.c)"), plan);
        assertEquals(List.of("0|f", "1|f", "2|f", "0|t"), sql.rows(q));
    }
}
