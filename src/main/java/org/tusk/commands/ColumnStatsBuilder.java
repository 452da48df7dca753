package org.tusk.commands;

import java.util.HashMap;
import java.util.Map;

import org.tusk.access.common.DatumType;
import org.tusk.catalog.Catalog;

/**
 * The part of analyze.c's compute_distinct_stats / compute_scalar_stats that Tusk stores: over a
 * sample of a column's values, the fraction of NULLs, the average stored width of the others,
 * and the number of distinct values, extrapolated to the whole table with the Haas-Stokes
 * estimator (PostgreSQL's): all sampled values distinct means unique (-1 times the non-null
 * fraction); every distinct value seen more than once means the sample saw them all; otherwise
 * n*d / ((n - f1) + f1*n/N), with f1 the values seen exactly once. A result above a tenth of the
 * rows is stored as minus a fraction of the rows, so it scales with the table.
 */
final class ColumnStatsBuilder {
    private final int attnum;
    private final DatumType type;
    private final Map<Object, Integer> counts = new HashMap<>();
    private long nulls;
    private long nonNull;
    private double totalWidth;

    ColumnStatsBuilder(int attnum, DatumType type) {
        this.attnum = attnum;
        this.type = type;
    }

    void add(Object value) {
        if (value == null) {
            nulls++;
            return;
        }
        nonNull++;
        totalWidth += type.storedSize(value);
        // Arrays compare by identity; key them by content.
        Object key = value instanceof short[] a ? java.util.Arrays.toString(a) : value instanceof int[] a ? java.util.Arrays.toString(a)
                : value instanceof byte[] b ? java.util.Arrays.toString(b) : value;
        counts.merge(key, 1, Integer::sum);
    }

    /** The statistics for a table of {@code totalRows} rows of which these were a sample. */
    Catalog.ColumnStatistics build(double totalRows) {
        long sampled = nulls + nonNull;
        float nullFrac = sampled == 0 ? 0f : (float) nulls / sampled;
        int width = nonNull == 0 ? 0 : (int) (totalWidth / nonNull);   // truncated, as the C assignment does
        double distinct;
        int ndistinct = counts.size();
        int nmultiple = 0;
        for (int c : counts.values()) if (c > 1) nmultiple++;
        if (nonNull == 0) {
            distinct = 0;
        } else if (nmultiple == 0) {
            distinct = -1.0 * (1.0 - nullFrac);
        } else if (nmultiple == ndistinct) {
            distinct = ndistinct;
        } else {
            int f1 = ndistinct - nmultiple;
            double n = nonNull, d = ndistinct, bigN = totalRows * (1.0 - nullFrac);
            distinct = bigN > 0 ? n * d / ((n - f1) + f1 * n / bigN) : 0;
            if (distinct < d) distinct = d;
            if (distinct > bigN) distinct = bigN;
            distinct = Math.floor(distinct + 0.5);
        }
        if (distinct > 0.1 * totalRows) distinct = -(distinct / totalRows);
        return new Catalog.ColumnStatistics(attnum, nullFrac, width, (float) distinct);
    }
}
