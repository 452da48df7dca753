package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.access.index.ScanKey.Strategy;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * indxpath.c's matching of WHERE clauses to index columns: conditions on every key column of a
 * B-tree (not only a leading prefix; btcostestimate's boundary quals decide what the scan
 * reads) and tests of boolean columns (match_boolean_index_clause). = ANY on a later column
 * is in IndexClauseMatchingIT (the in-memory index has no array keys).
 */
class IndexClauseMatchingTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (a int, b int, c int)");
        sql.rows("insert into t select g / 10, g % 10, g from generate_series(0, 999) g");
        sql.rows("create index t_a_b on t (a, b)");
        sql.rows("create table bi (b bool, i int, unique (b, i), junk float)");
        sql.rows("insert into bi select g % 2 = 0, g, 0 from generate_series(1, 50) g");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void aConditionAfterARangeColumnIsAnIndexCondition() {
        sql.rows("set enable_seqscan = off");
        String plan = explain("select * from t where a < 3 and b = 4");
        assertTrue(plan.contains("Index Cond: ((a < 3) AND (b = 4))"), plan);
        assertFalse(plan.contains("Filter"), plan);
        assertEquals(List.of("0|4|4", "1|4|14", "2|4|24"), sql.rows("select * from t where a < 3 and b = 4 order by c"));
    }

    @Test
    void aValueOnTheLeftIsCommutedToTheIndexedColumnsRight() {
        sql.rows("set enable_seqscan = off");
        String plan = explain("select * from t where 3 > a and 4 = b");
        assertTrue(plan.contains("Index Cond: ((a < 3) AND (b = 4))"), plan);
        assertEquals(List.of("0|4|4", "1|4|14", "2|4|24"), sql.rows("select * from t where 3 > a and 4 = b order by c"));
    }

    @Test
    void nullTestsOnKeyColumnsAreIndexConditions() {
        sql.rows("insert into t values (null, 1, -1), (null, 2, -2), (5, null, -3)");
        sql.rows("set enable_seqscan = off");
        String plan = explain("select c from t where a is null and b > 1");
        assertTrue(plan.contains("Index Cond: ((a IS NULL) AND (b > 1))"), plan);
        assertEquals(List.of("-2"), sql.rows("select c from t where a is null and b > 1"));
        plan = explain("select c from t where a = 5 and b is not null and c < 60");
        assertTrue(plan.contains("Index Cond: ((a = 5) AND (b IS NOT NULL))") && plan.contains("Filter: (c < 60)"), plan);
        assertEquals(List.of("50", "51"), sql.rows("select c from t where a = 5 and b is not null and c < 52 order by c"));
    }

    @Test
    void aConditionOnlyOnALaterColumnIsAnIndexCondition() {
        sql.rows("set enable_seqscan = off");
        String plan = explain("select * from t where b = 9 and c < 30");
        assertTrue(plan.contains("Index Cond: (b = 9)") && plan.contains("Filter: (c < 30)"), plan);
        assertEquals(List.of("0|9|9", "1|9|19", "2|9|29"), sql.rows("select * from t where b = 9 and c < 30 order by c"));
    }

    @Test
    void aClauseMatchesOnlyTheFirstColumnOfAnIndexListingItTwice() {
        sql.rows("drop index t_a_b");
        sql.rows("create index t_c_a_c on t (c, a, c)");
        sql.rows("set enable_seqscan = off");
        String plan = explain("select * from t where c < 5 and a = 0");
        assertTrue(plan.contains("Index Cond: ((c < 5) AND (a = 0))"), plan);
    }

    @Test
    void boundaryQualsStopAfterTheFirstColumnWithoutEquality() {
        Expr k = new Expr.Const(org.tusk.catalog.TypeOids.INT4, -1, 1, -1);
        Plan.IndexQual a = new Plan.IndexQual(1, Strategy.LESS, k, k);
        Plan.IndexQual b = new Plan.IndexQual(2, Strategy.EQUAL, k, k);
        Plan.IndexQual aEq = new Plan.IndexQual(1, Strategy.EQUAL, k, k);
        Plan.IndexQual c = new Plan.IndexQual(3, Strategy.EQUAL, k, k);
        assertEquals(List.of(a), ScanPaths.boundaryQuals(List.of(a, b)));
        assertEquals(List.of(aEq, b), ScanPaths.boundaryQuals(List.of(aEq, b)));
        // no condition on column 2: column 3's does not bound the scan
        assertEquals(List.of(aEq), ScanPaths.boundaryQuals(List.of(aEq, c)));
        assertEquals(List.of(), ScanPaths.boundaryQuals(List.of(b)));
    }

    @Test
    void booleanColumnTestsAreIndexConditions() {
        sql.rows("set enable_seqscan = off");
        String plan = explain("select * from bi where b order by i limit 3");
        assertTrue(plan.contains("Index Scan using bi_b_i_key on bi") && plan.contains("Index Cond: (b = true)"), plan);
        assertFalse(plan.contains("Sort"), plan);
        assertFalse(plan.contains("Filter"), plan);
        assertEquals(List.of("t|2|0", "t|4|0", "t|6|0"), sql.rows("select * from bi where b order by i limit 3"));

        plan = explain("select * from bi where not b order by i limit 3");
        assertTrue(plan.contains("Index Cond: (b = false)"), plan);
        assertEquals(List.of("f|1|0", "f|3|0", "f|5|0"), sql.rows("select * from bi where not b order by i limit 3"));

        plan = explain("select * from bi where b is true order by i desc limit 3");
        assertTrue(plan.contains("Index Scan Backward using bi_b_i_key") && plan.contains("Index Cond: (b = true)"), plan);
        assertEquals(List.of("t|50|0", "t|48|0"), sql.rows("select * from bi where b is true order by i desc limit 2"));

        plan = explain("select * from bi where b is false order by i desc limit 3");
        assertTrue(plan.contains("Index Cond: (b = false)"), plan);
        assertEquals(List.of("f|49|0"), sql.rows("select * from bi where b is false order by i desc limit 1"));
    }

    @Test
    void nullBooleansAreNotReturnedByIsFalse() {
        sql.rows("insert into bi values (null, 100, 0)");
        sql.rows("set enable_seqscan = off");
        assertEquals(List.of("f|49|0"), sql.rows("select * from bi where b is false and i > 47"));
        assertEquals(List.of(), sql.rows("select * from bi where not b and i > 99"));
    }

    @Test
    void aBitmapScanFiltersByTheBooleanTestAsWritten() {
        sql.rows("set enable_seqscan = off");
        sql.rows("set enable_indexscan = off");
        // as PostgreSQL: b is not among the index clauses as written (b = true), so it is a filter
        String plan = explain("select * from bi where b");
        assertTrue(plan.contains("Filter: b") && plan.contains("Index Cond: (b = true)"), plan);
        assertFalse(plan.contains("Recheck Cond"), plan);
        assertEquals("25", sql.value("select count(*) from bi where b"));
        plan = explain("select * from bi where b is false and i > 47");
        assertTrue(plan.contains("Recheck Cond: (i > 47)") && plan.contains("Filter: (b IS FALSE)")
                && plan.contains("Index Cond: ((b = false) AND (i > 47))"), plan);
        assertEquals(List.of("f|49|0"), sql.rows("select * from bi where b is false and i > 47"));
    }
}
