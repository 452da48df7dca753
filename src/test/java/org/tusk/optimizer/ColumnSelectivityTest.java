package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.ArrayValue;

/** selfuncs.c's estimates from a column's statistics, worked by hand from PostgreSQL's formulas. */
class ColumnSelectivityTest {
    /** A unique column of 10000 rows, values 0..9999: bounds 0, 100, ..., 10000 (rounded). */
    private static ColumnSelectivity.Column uniform() {
        List<Object> bounds = new ArrayList<>();
        for (int i = 0; i <= 100; i++) bounds.add(i * 100);
        Catalog.StatisticsSlot hist = new Catalog.StatisticsSlot(Catalog.StatisticsSlot.HISTOGRAM, 97, 0, null,
                ArrayValue.of1d(TypeOids.INT4, bounds));
        return new ColumnSelectivity.Column(new Catalog.ColumnStatistics(1, 0f, 4, -1f, List.of(hist)), 10000);
    }

    /** 10% nulls, 'a' in 50% of the rows and 'b' in 20%, 20 other values. */
    private static ColumnSelectivity.Column skewed() {
        Catalog.StatisticsSlot mcv = new Catalog.StatisticsSlot(Catalog.StatisticsSlot.MCV, 98, 100, new float[] {0.5f, 0.2f},
                ArrayValue.of1d(TypeOids.TEXT, List.of("a", "b")));
        return new ColumnSelectivity.Column(new Catalog.ColumnStatistics(1, 0.1f, 2, 22f, List.of(mcv)), 1000);
    }

    @Test
    void equalityReadsTheCommonValuesOrSharesTheRest() {
        assertEquals(0.5, ColumnSelectivity.eqConst(skewed(), "a"), 1e-7);
        // (1 - 0.7 - 0.1) spread over the 20 values not in the list
        assertEquals(0.01, ColumnSelectivity.eqConst(skewed(), "zz"), 1e-7);
        assertEquals(1 - 0.2 - 0.1, ColumnSelectivity.neqConst(skewed(), "b"), 1e-7);
        assertEquals(1.0 / 10000, ColumnSelectivity.eqConst(uniform(), 42), 1e-12, "no list: one of n distinct");
        assertEquals(0.9, ColumnSelectivity.nullTest(skewed(), true), 1e-7);
    }

    @Test
    void inequalitiesInterpolateInTheHistogramBin() {
        // x < 150: one full bin and half the next of 100, less the share of x = 150
        assertEquals(0.015 - 0.0001, ColumnSelectivity.inequality(uniform(), false, false, 150), 1e-9);
        assertEquals(0.015, ColumnSelectivity.inequality(uniform(), false, true, 150), 1e-9);
        assertEquals(1 - 0.015, ColumnSelectivity.inequality(uniform(), true, false, 150), 1e-9);
        // below the lowest bound: the cutoff of a hundredth of a bin, not zero
        assertEquals(0.0001, ColumnSelectivity.inequality(uniform(), false, false, -5), 1e-12);
        // common values count by their own frequencies; without a histogram half the rest
        assertEquals(0.2 + (1 - 0.1 - 0.7) * 0.5, ColumnSelectivity.inequality(skewed(), true, false, "a"), 1e-7);
    }

    @Test
    void aConstantOfAnotherKindGetsNoEstimate() {
        assertEquals(-1, ColumnSelectivity.eqConst(skewed(), 7));
        assertEquals(-1, ColumnSelectivity.inequality(uniform(), false, false, "x"));
    }

    @Test
    void stringsScaleByTheCharactersAfterTheirCommonPrefix() {
        // convert_string_to_scalar: letters widen to 'a'..'z', after the prefix "ab"
        double[] s = ColumnSelectivity.ScalarScale.of("abm", "aba", "abz");
        assertEquals(12.0 / 26, s[0], 1e-12);
        assertEquals(0.0, s[1], 1e-12);
        assertEquals(25.0 / 26, s[2], 1e-12);
    }
}
