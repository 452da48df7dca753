package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.access.common.DatumType;
import org.tusk.catalog.Catalog;

/** ANALYZE's per-column estimates, checked against what PostgreSQL 15 stores for the same data. */
class ColumnStatsBuilderTest {
    @Test
    void uniqueRepeatedAndNullColumnsAsPostgresEstimatesThem() {
        ColumnStatsBuilder id = new ColumnStatsBuilder(1, DatumType.INT4);
        ColumnStatsBuilder grp = new ColumnStatsBuilder(2, DatumType.INT4);
        ColumnStatsBuilder note = new ColumnStatsBuilder(3, DatumType.TEXT);
        for (int i = 1; i <= 5000; i++) {
            id.add(i);
            grp.add(i % 10);
            note.add(i % 4 == 0 ? null : "x");
        }
        assertScalars(1, 0f, 4, -1f, id.build(5000));
        assertScalars(2, 0f, 4, 10f, grp.build(5000));   // every value seen twice: all seen
        assertScalars(3, 0.25f, 2, 1f, note.build(5000));   // 'x' is 1 byte plus a short header
    }

    private static void assertScalars(int attnum, float nullFrac, int width, float distinct, Catalog.ColumnStatistics s) {
        assertEquals(attnum, s.attnum());
        assertEquals(nullFrac, s.nullFrac());
        assertEquals(width, s.width());
        assertEquals(distinct, s.distinct());
    }

    @Test
    void aCompleteListOfCommonValuesAndNoHistogram() {
        // ten values, each seen 500 times in the order 1..9, 0: all are most common values, most
        // frequent first and equally frequent ones in value order, as compute_scalar_stats keeps them
        ColumnStatsBuilder grp = new ColumnStatsBuilder(2, DatumType.INT4);
        for (int i = 1; i <= 5000; i++) grp.add(i % 10);
        Catalog.ColumnStatistics s = grp.build(5000);
        Catalog.StatisticsSlot mcv = s.slot(Catalog.StatisticsSlot.MCV);
        assertEquals(96, mcv.op(), "int4eq");
        assertEquals(0, mcv.coll());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), java.util.Arrays.asList(mcv.values().elements()));
        for (float f : mcv.numbers()) assertEquals(0.1f, f);
        assertNull(s.slot(Catalog.StatisticsSlot.HISTOGRAM), "every value is a common value");
        assertEquals(2, s.slots().size(), "MCV and correlation");
    }

    @Test
    void aUniqueColumnGetsHistogramBoundsAndCorrelation() {
        ColumnStatsBuilder id = new ColumnStatsBuilder(1, DatumType.INT4);
        for (int i = 3000; i >= 1; i--) id.add(i);   // stored in descending order
        Catalog.ColumnStatistics s = id.build(3000);
        assertNull(s.slot(Catalog.StatisticsSlot.MCV));
        Catalog.StatisticsSlot hist = s.slot(Catalog.StatisticsSlot.HISTOGRAM);
        assertEquals(97, hist.op(), "int4lt");
        // 101 bounds evenly spaced over the sorted values (PostgreSQL's {1,30,60,...,2970,3000})
        assertEquals(101, hist.values().size());
        assertEquals(List.of(1, 30, 60), java.util.Arrays.asList(hist.values().elements()).subList(0, 3));
        assertEquals(3000, hist.values().get(100));
        assertEquals(-1f, s.slot(Catalog.StatisticsSlot.CORRELATION).numbers()[0], 1e-6, "the reverse of the physical order");
    }

    @Test
    void textColumnsUseTextOperatorsAndTheDefaultCollation() {
        ColumnStatsBuilder b = new ColumnStatsBuilder(1, DatumType.VARCHAR);
        for (int i = 0; i < 300; i++) b.add("v" + (i % 3));
        Catalog.StatisticsSlot mcv = b.build(300).slot(Catalog.StatisticsSlot.MCV);
        assertEquals(98, mcv.op(), "varchar uses text_ops: texteq");
        assertEquals(100, mcv.coll());
    }

    @Test
    void analyzeMcvListKeepsOnlySignificantlyCommonValuesOfASample() {
        // a 30000-row sample of a million rows: 10 values seen 300 times stand out from a
        // column of 100000 distinct values, values seen twice do not
        int[] counts = {300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 2, 2, 2};
        assertEquals(10, ColumnStatsBuilder.analyzeMcvList(counts, counts.length, 100000, 0, 30000, 1_000_000));
        assertEquals(13, ColumnStatsBuilder.analyzeMcvList(counts, counts.length, 100000, 0, 30000, 30000), "the whole table sampled");
    }

    @Test
    void haasStokesExtrapolatesFromASample() {
        // 1000 sampled values of a 100000-row table: 400 seen once, 300 seen twice.
        ColumnStatsBuilder b = new ColumnStatsBuilder(1, DatumType.INT8);
        for (long v = 0; v < 400; v++) b.add(v);
        for (long v = 400; v < 700; v++) {
            b.add(v);
            b.add(v);
        }
        // n = 1000, d = 700, f1 = 400, N = 100000: 1000*700 / (600 + 400*1000/100000) = 1159.3 -> 1159,
        // above a tenth of the rows? no (10000), so stored as a count.
        assertEquals(1159f, b.build(100000).distinct());
        // For a 5000-row table: 700000 / (600 + 80) = 1029.4 -> 1029 > 500: stored as a fraction of the rows.
        assertEquals(-(1029f / 5000), b.build(5000).distinct(), 1e-6);
    }
}
