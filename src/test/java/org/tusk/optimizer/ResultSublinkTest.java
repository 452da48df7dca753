package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * {@code x IN (SELECT e)} without FROM is the filter {@code x = e} (a semi join with an
 * RTE_RESULT, removed by remove_useless_results_recurse), decided before the level's FROM items
 * are pulled up, as pull_up_sublinks runs before pull_up_subqueries.
 */
class ResultSublinkTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (id int primary key, v int)");
        sql.rows("insert into t select g, g % 10 from generate_series(1, 500) g");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void aTestAgainstAFromlessSubselectIsAFilter() {
        assertEquals("Index Scan using t_pkey on t\n  Index Cond: (id = 17)", explain("select * from t where id in (select 17)"));
        String q = "select id from t where (id, v) in (select 17, 7)";
        assertEquals(List.of("17"), sql.rows(q));
        assertTrue(explain(q).contains("Index Cond: (id = 17)"), explain(q));
    }

    @Test
    void aColumnPulledUpAsAConstantMakesTheFilterConstant() {
        // the test reads x when sublinks are pulled up; x becomes 7 afterwards, and 7 = 17 is false
        assertEquals("Result\n  One-Time Filter: false", explain("select id from t, lateral abs(-7) x where x in (select 17)"));
        assertEquals(List.of("7"), sql.rows("select id from t, abs(-7) x where x in (select 7) and id = x"));
    }

    @Test
    void aTestReadingNoColumnStaysASubPlan() {
        assertTrue(explain("select id from t where 1 in (select 17)").contains("hashed SubPlan 1"));
        assertTrue(explain("select id from t where id in (select 17 where random() > 2)").contains("SubPlan"));
    }
}
