package org.tusk.commands;

import static org.junit.jupiter.api.Assertions.*;

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
        assertEquals(new Catalog.ColumnStatistics(1, 0f, 4, -1f), id.build(5000));
        assertEquals(new Catalog.ColumnStatistics(2, 0f, 4, 10f), grp.build(5000), "every value seen twice: all seen");
        assertEquals(new Catalog.ColumnStatistics(3, 0.25f, 2, 1f), note.build(5000), "'x' is 1 byte plus a short header");
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
