package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * The cross-type integer comparisons (int48eq, int84lt, int24ge, ...): operator resolution picks
 * them as PostgreSQL does, the planner uses them as index conditions and join keys of the
 * integer_ops family, and the answers are those of comparing the values as int8.
 */
class IntegerCrossTypeOperatorsTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (a int4, b int8, c int2)");
        sql.rows("insert into t select g, g, g from generate_series(-5, 300) g");
        sql.rows("create index t_a on t (a)");
        sql.rows("create index t_b on t (b)");
        sql.rows("create index t_c on t (c)");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void comparisonsAcrossWidthsCompareTheValues() {
        assertEquals("t|t|t|f", sql.value("select 1::int2 = 1::int8, 2 < 3::int8, 40000 > 3::int2, 7::int8 <> 7"));
        // no narrowing: an int8 beyond int4's range still compares with an int4
        assertEquals("t|f|t", sql.value("select 3000000000::int8 > 2147483647, 3000000000::int8 = -1294967296, "
                + "(-32768)::int2 >= -32768::int8"));
        // the named functions behind the operators, and the btree support functions
        assertEquals("t|f|1|-1|0", sql.value("select int48lt(1, 2::int8), int24eq(1::int2, 2), btint82cmp(5::int8, 3::int2), "
                + "btint42cmp(-1, 3::int2), btint28cmp(4::int2, 4::int8)"));
    }

    @Test
    void aConstantOfAnotherWidthIsNotCast() {
        // int8col = 3 is int84eq: the constant stays an int4, as in PostgreSQL
        String plan = explain("select * from t where b = 3");
        assertTrue(plan.contains("(b = 3)"), plan);
        plan = explain("select * from t where c = 3");
        assertTrue(plan.contains("(c = 3)"), plan);
    }

    @Test
    void crossTypeComparisonIsAnIndexCondition() {
        sql.rows("set enable_seqscan = off");
        String plan = explain("select * from t where a = 3::int8");
        assertTrue(plan.contains("t_a") && plan.contains("Index Cond: (a = '3'::bigint)"), plan);
        plan = explain("select * from t where b < 3");
        assertTrue(plan.contains("t_b") && plan.contains("Index Cond: (b < 3)"), plan);
        plan = explain("select * from t where c >= 298::int8");
        assertTrue(plan.contains("t_c") && plan.contains("Index Cond: (c >= '298'::bigint)"), plan);
        assertEquals(List.of("3|3|3"), sql.rows("select * from t where a = 3::int8"));
        assertEquals(List.of("-5", "-4"), sql.rows("select b from t where b < -3 order by b"));
        assertEquals(List.of("298", "299", "300"), sql.rows("select c from t where c >= 298::int8 order by c"));
        assertEquals(List.of("-1", "0", "1"), sql.rows("select a from t where a between -1::int2 and 1::int8 order by a"));
        // constants outside the narrower column's range: every row below, none equal
        assertEquals("306", sql.value("select count(*) from t where a < 3000000000::int8"));
        assertEquals("0", sql.value("select count(*) from t where a = 3000000000::int8"));
        assertEquals("306", sql.value("select count(*) from t where c > -40000"));
    }

    @Test
    void crossTypeEqualityIsAHashAndMergeJoinKey() {
        sql.rows("set enable_nestloop = off");
        sql.rows("set enable_mergejoin = off");
        String plan = explain("select * from t x join t y on x.a = y.b");
        assertTrue(plan.contains("Hash Join") && plan.contains("Hash Cond: (x.a = y.b)"), plan);
        // negative keys hash alike at every width
        assertEquals(List.of("-5|-5", "-4|-4"), sql.rows("select x.a, y.b from t x join t y on x.a = y.b where x.a < -3 order by 1"));
        assertEquals("306", sql.value("select count(*) from t x join t y on x.c = y.b"));
        sql.rows("set enable_hashjoin = off");
        sql.rows("set enable_mergejoin = on");
        plan = explain("select * from t x join t y on x.c = y.a");
        assertTrue(plan.contains("Merge Join") && plan.contains("Merge Cond: (x.c = y.a)"), plan);
        assertEquals("306", sql.value("select count(*) from t x join t y on x.c = y.a"));
        // a hashed subplan over another width
        assertEquals("3", sql.value("select count(*) from t where a in (select b from t where b < -2)"));
    }
}
