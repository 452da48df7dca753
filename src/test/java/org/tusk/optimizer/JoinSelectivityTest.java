package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.ArrayValue;

/** eqjoinsel (selfuncs.c) on hand-made statistics, the expected values worked from PostgreSQL's formulas. */
class JoinSelectivityTest {
    /** tenk1.thousand: 1000 distinct values in 10000 rows, no list. */
    private static JoinSelectivity.Side thousand(double relRows) {
        return JoinSelectivity.side(new Catalog.ColumnStatistics(1, 0f, 4, 1000f), false, false, 10000, relRows);
    }

    /** tenk1.unique2: every value distinct (stadistinct -1). */
    private static JoinSelectivity.Side unique(double relRows) {
        return JoinSelectivity.side(new Catalog.ColumnStatistics(2, 0f, 4, -1f), false, false, 10000, relRows);
    }

    private static JoinSelectivity.Side mcv(float nullFrac, float distinct, double tuples, List<String> values, float... freqs) {
        Catalog.StatisticsSlot slot = new Catalog.StatisticsSlot(Catalog.StatisticsSlot.MCV, 98, 100, freqs,
                ArrayValue.of1d(TypeOids.TEXT, values));
        return JoinSelectivity.side(new Catalog.ColumnStatistics(1, nullFrac, 2, distinct, List.of(slot)), false, false, tuples, tuples);
    }

    @Test
    void numberOfDistinctValuesAsGetVariableNumdistinct() {
        assertEquals(1000, thousand(10000).nd());
        assertEquals(10000, unique(10000).nd(), "a relative stadistinct scales with the tuples");
        JoinSelectivity.Side small = JoinSelectivity.side(null, false, false, 5, 5);
        assertEquals(5, small.nd(), "no statistics, under 200 rows: as many values as rows");
        assertFalse(small.ndDefault());
        JoinSelectivity.Side big = JoinSelectivity.side(null, false, false, 2550, 2550);
        assertEquals(200, big.nd());
        assertTrue(big.ndDefault());
        assertEquals(2550, JoinSelectivity.side(null, false, true, 2550, 2550).nd(), "a unique index: all distinct");
        assertEquals(2, JoinSelectivity.side(null, true, false, 2550, 2550).nd(), "a boolean has two values");
    }

    @Test
    void innerJoinWithoutListsIsOneOverTheLargerNumberOfValues() {
        assertEquals(1.0 / 10000, JoinSelectivity.inner(thousand(10000), unique(10000)), 1e-12);
        assertEquals(0.005, JoinSelectivity.inner(JoinSelectivity.Side.UNKNOWN, JoinSelectivity.Side.UNKNOWN), 1e-12,
                "both unknown: DEFAULT_EQ_SEL");
        JoinSelectivity.Side nulls = JoinSelectivity.side(new Catalog.ColumnStatistics(1, 0.5f, 4, 100f), false, false, 1000, 1000);
        assertEquals(0.5 / 1000, JoinSelectivity.inner(nulls, thousand(10000)), 1e-12, "only non-null rows join");
    }

    @Test
    void innerJoinMatchesTheCommonValueLists() {
        JoinSelectivity.Side s1 = mcv(0.1f, 22f, 1000, List.of("a", "b"), 0.5f, 0.2f);
        JoinSelectivity.Side s2 = mcv(0f, 12f, 1000, List.of("a", "c"), 0.3f, 0.3f);
        // matched 'a': 0.5 * 0.3; from side 1: + 0.2 * 0.4 / 10 + 0.2 * 0.7 / 11; from side 2: + 0.3 * 0.2 / 20 + 0.4 * 0.4 / 21
        double fromSide1 = 0.15 + 0.2 * 0.4 / 10 + 0.2 * 0.7 / 11, fromSide2 = 0.15 + 0.3 * 0.2 / 20 + 0.4 * 0.4 / 21;
        assertEquals(Math.min(fromSide1, fromSide2), JoinSelectivity.inner(s1, s2), 1e-6);
    }

    @Test
    void semiJoinIsTheFractionOfOuterRowsWithAPartner() {
        assertEquals(1.0, JoinSelectivity.semi(thousand(10000), unique(10000), 10000), 1e-12, "fewer values outside: all match");
        assertEquals(0.1, JoinSelectivity.semi(thousand(10000), unique(10000), 100), 1e-12,
                "nd2 clamped to the inner input's 100 rows: 100 of 1000 values");
        assertEquals(0.5, JoinSelectivity.semi(JoinSelectivity.Side.UNKNOWN, unique(10000), 10000), 1e-12, "a default nd: half");
    }
}
