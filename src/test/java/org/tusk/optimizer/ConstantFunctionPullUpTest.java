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
 * prepjointree.c pull_up_constant_function: a scalar function in FROM whose call folds to a
 * constant becomes that constant wherever its column is read, so it can be an index condition.
 */
class ConstantFunctionPullUpTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (id int primary key, v int)");
        sql.rows("insert into t select g, g * 10 from generate_series(1, 500) g");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void constantCallIsPulledUpIntoTheIndexCondition() {
        for (String q : List.of("select id, x from t, abs(-7) x where x = id",
                "select id, x from t join abs(-7) x on id = x",
                "select id, x from t, (select * from abs(-7) x) x where x = id")) {
            String plan = explain(q);
            assertFalse(plan.contains("Function Scan"), plan);
            assertTrue(plan.contains("Index Cond: (id = 7)"), plan);
            assertEquals(List.of("7|7"), sql.rows(q));
        }
    }

    @Test
    void volatileOrOrdinalityCallsKeepTheirFunctionScan() {
        assertTrue(explain("select id from t, random() x where x = id").contains("Function Scan"));
        assertTrue(explain("select id from t, abs(-7) with ordinality x(x, n) where x = id").contains("Function Scan"));
        assertEquals(List.of("7|7|1"), sql.rows("select id, x, n from t, abs(-7) with ordinality x(x, n) where x = id"));
    }

    @Test
    void aLateralCallReadingAnotherItemIsNotConstant() {
        String q = "select id, x from t, lateral abs(id) x where id < 3 order by id";
        assertTrue(explain(q).contains("Function Scan"));
        assertEquals(List.of("1|1", "2|2"), sql.rows(q));
    }

    @Test
    void aWhereClauseFoldedToFalseMakesTheJoinTreeADummyResult() {
        String plan = explain("select count(*) from t a join t b on a.id = b.v, abs(-7) x where x = 42");
        assertEquals("Aggregate\n  ->  Result\n        One-Time Filter: false", plan);
        assertEquals(List.of("0"), sql.rows("select count(*) from t a join t b on a.id = b.v, abs(-7) x where x = 42"));
        assertEquals("Sort\n  Sort Key: v\n  ->  Result\n        One-Time Filter: false",
                explain("select * from t where null::boolean order by v"));
    }
}
