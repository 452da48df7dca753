package org.tusk.commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.access.common.DatumType;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.ScalarStatsOperators;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Comparisons;

/**
 * analyze.c's per-column statistics over a sample of a column's values, added in sample order
 * (the table's physical order).
 *
 * <p>For a type with a default btree operator class ({@link ScalarStatsOperators}) this is
 * compute_scalar_stats: the non-null values are sorted; equal runs give the distinct count and
 * the most common values (those seen more than once, most frequent first, kept all when they are
 * every value of the sample, else as many as analyze_mcv_list finds significantly more common
 * than the rest); the remaining values give up to 101 evenly spaced histogram bounds; the
 * positions before and after sorting give the physical-order correlation. Any other type gets
 * compute_trivial_stats' part (null fraction, width) and a distinct count by equality.
 *
 * <p>The distinct count is PostgreSQL's Haas-Stokes estimate: all sampled values distinct means
 * unique (-1 times the non-null fraction); every distinct value seen more than once means the
 * sample saw them all; otherwise n*d / ((n - f1) + f1*n/N), with f1 the values seen exactly once.
 * A result above a tenth of the rows is stored as minus a fraction of the rows, so it scales
 * with the table.
 */
final class ColumnStatsBuilder {
    /** default_statistics_target: the most common values kept, and the histogram's bins. */
    static final int STATISTICS_TARGET = 100;
    /** analyze.c WIDTH_THRESHOLD: wider values are only counted, not compared. */
    private static final int WIDTH_THRESHOLD = 1024;

    private final int attnum;
    private final DatumType type;
    private final ScalarStatsOperators ops;
    private final Map<Object, Integer> counts = new HashMap<>();
    private final List<Object> values = new ArrayList<>();
    private long nulls;
    private long nonNull;
    private long tooWide;
    private double totalWidth;

    ColumnStatsBuilder(int attnum, DatumType type) {
        this.attnum = attnum;
        this.type = type;
        this.ops = ScalarStatsOperators.forType(type);
    }

    void add(Object value) {
        if (value == null) {
            nulls++;
            return;
        }
        nonNull++;
        int width = type.storedSize(value);
        totalWidth += width;
        if (ops != null) {
            // compute_scalar_stats leaves values wider than WIDTH_THRESHOLD out of the sort
            if (type.isVarlena() && width > WIDTH_THRESHOLD) tooWide++;
            else values.add(value);
            return;
        }
        // Arrays compare by identity; key them by content.
        Object key = value instanceof short[] a ? Arrays.toString(a) : value instanceof int[] a ? Arrays.toString(a)
                : value instanceof byte[] b ? Arrays.toString(b) : value;
        counts.merge(key, 1, Integer::sum);
    }

    /** The statistics for a table of {@code totalRows} rows of which these were a sample. */
    Catalog.ColumnStatistics build(double totalRows) {
        long sampled = nulls + nonNull;
        float nullFrac = sampled == 0 ? 0f : (float) nulls / sampled;
        int width = nonNull == 0 ? 0 : type.isVarlena() ? (int) (totalWidth / nonNull) : type.typlen();
        if (ops == null || nonNull == 0) {
            int ndistinct = counts.size();
            int nmultiple = 0;
            for (int c : counts.values()) if (c > 1) nmultiple++;
            double distinct = distinct(ndistinct, nmultiple, 0, nullFrac, totalRows);
            return new Catalog.ColumnStatistics(attnum, nullFrac, width, (float) distinct);
        }
        return scalarStats(nullFrac, width, (int) sampled, totalRows);
    }

    /** A run of equal values in the sorted sample: where it starts and how long it is (ScalarMCVItem). */
    private record Run(int first, int count) {}

    private Catalog.ColumnStatistics scalarStats(float nullFrac, int width, int sampleRows, double totalRows) {
        int n = values.size();
        // Sort positions by value, equal values by position (compare_scalars' tie-break on tupno).
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = Comparisons.compare(values.get(a), values.get(b));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int ndistinct = 0, nmultiple = 0, trackCnt = 0;
        Run[] track = new Run[STATISTICS_TARGET];
        double corrXYSum = 0;
        int dups = 0;
        for (int i = 0; i < n; i++) {
            corrXYSum += (double) i * order[i];
            dups++;
            boolean lastOfRun = i == n - 1 || Comparisons.compare(values.get(order[i]), values.get(order[i + 1])) != 0;
            if (!lastOfRun) continue;
            ndistinct++;
            if (dups > 1) {
                nmultiple++;
                if (trackCnt < STATISTICS_TARGET || dups > track[trackCnt - 1].count()) {
                    // insert into the list sorted by count, after the runs seen as often
                    if (trackCnt < STATISTICS_TARGET) trackCnt++;
                    int j;
                    for (j = trackCnt - 1; j > 0; j--) {
                        if (dups <= track[j - 1].count()) break;
                        track[j] = track[j - 1];
                    }
                    track[j] = new Run(i + 1 - dups, dups);
                }
            }
            dups = 0;
        }
        double distinct = distinct(ndistinct, nmultiple, tooWide, nullFrac, totalRows);

        int numMcv = STATISTICS_TARGET;
        if (trackCnt == ndistinct && tooWide == 0 && distinct > 0 && trackCnt <= numMcv) {
            numMcv = trackCnt;   // the list holds every value seen, and all fit
        } else {
            numMcv = Math.min(numMcv, trackCnt);
            if (numMcv > 0) {
                int[] mcvCounts = new int[numMcv];
                for (int i = 0; i < numMcv; i++) mcvCounts[i] = track[i].count();
                numMcv = analyzeMcvList(mcvCounts, numMcv, distinct, nullFrac, sampleRows, totalRows);
            }
        }
        List<Catalog.StatisticsSlot> slots = new ArrayList<>();
        int elemType = type.oid();
        if (numMcv > 0) {
            Object[] mcvValues = new Object[numMcv];
            float[] freqs = new float[numMcv];
            for (int i = 0; i < numMcv; i++) {
                mcvValues[i] = values.get(order[track[i].first()]);
                freqs[i] = (float) ((double) track[i].count() / sampleRows);
            }
            slots.add(new Catalog.StatisticsSlot(Catalog.StatisticsSlot.MCV, ops.eqOpr(), ops.collation(), freqs,
                    ArrayValue.of1d(elemType, Arrays.asList(mcvValues))));
        }

        int numHist = ndistinct - numMcv;
        if (numHist > STATISTICS_TARGET) numHist = STATISTICS_TARGET + 1;
        if (numHist >= 2) {
            // the sorted values without the runs that became most common values
            Run[] mcvs = Arrays.copyOf(track, numMcv);
            Arrays.sort(mcvs, (a, b) -> Integer.compare(a.first(), b.first()));
            List<Object> rest = new ArrayList<>(n);
            int src = 0;
            for (Run r : mcvs) {
                for (; src < r.first(); src++) rest.add(values.get(order[src]));
                src = r.first() + r.count();
            }
            for (; src < n; src++) rest.add(values.get(order[src]));
            int nvals = rest.size();
            Object[] bounds = new Object[numHist];
            int delta = (nvals - 1) / (numHist - 1), deltaFrac = (nvals - 1) % (numHist - 1);
            int pos = 0, posFrac = 0;
            for (int i = 0; i < numHist; i++) {
                bounds[i] = rest.get(pos);
                pos += delta;
                posFrac += deltaFrac;
                if (posFrac >= numHist - 1) {
                    pos++;
                    posFrac -= numHist - 1;
                }
            }
            slots.add(new Catalog.StatisticsSlot(Catalog.StatisticsSlot.HISTOGRAM, ops.ltOpr(), ops.collation(), null,
                    ArrayValue.of1d(elemType, Arrays.asList(bounds))));
        }

        if (n > 1) {
            double xSum = (double) (n - 1) * n / 2.0;
            double x2Sum = (double) (n - 1) * n * (double) (2L * n - 1) / 6.0;
            float corr = (float) ((n * corrXYSum - xSum * xSum) / (n * x2Sum - xSum * xSum));
            slots.add(new Catalog.StatisticsSlot(Catalog.StatisticsSlot.CORRELATION, ops.ltOpr(), ops.collation(),
                    new float[] {corr}, null));
        }
        return new Catalog.ColumnStatistics(attnum, nullFrac, width, (float) distinct, List.copyOf(slots));
    }

    /**
     * The Haas-Stokes estimate of stadistinct from {@code ndistinct} values in the sample of which
     * {@code nmultiple} were seen more than once, {@code tooWide} values uncompared.
     */
    private double distinct(int ndistinct, int nmultiple, long tooWide, float nullFrac, double totalRows) {
        if (nonNull == 0) return 0;
        double distinct;
        if (nmultiple == 0) {
            distinct = -1.0 * (1.0 - nullFrac);
        } else if (tooWide == 0 && nmultiple == ndistinct) {
            distinct = ndistinct;
        } else {
            double f1 = ndistinct - nmultiple + tooWide;
            double d = f1 + nmultiple, n = nonNull, bigN = totalRows * (1.0 - nullFrac);
            distinct = bigN > 0 ? n * d / ((n - f1) + f1 * n / bigN) : 0;
            if (distinct < d) distinct = d;
            if (distinct > bigN) distinct = bigN;
            distinct = Math.floor(distinct + 0.5);
        }
        if (distinct > 0.1 * totalRows) distinct = -(distinct / totalRows);
        return distinct;
    }

    /**
     * analyze_mcv_list: how many of the most common values (counts descending) to keep, dropping
     * the least common while it is not significantly (two standard deviations of the
     * hypergeometric sampling, plus a continuity half) more common than a value outside the list
     * would be estimated to be. A sample of the whole table keeps them all.
     */
    static int analyzeMcvList(int[] mcvCounts, int numMcv, double stadistinct, double nullFrac, int sampleRows,
                              double totalRows) {
        if (sampleRows == totalRows || totalRows <= 1.0) return numMcv;
        double ndistinctTable = stadistinct < 0 ? -stadistinct * totalRows : stadistinct;
        double sumCount = 0;
        for (int i = 0; i < numMcv - 1; i++) sumCount += mcvCounts[i];
        while (numMcv > 0) {
            double selec = 1.0 - sumCount / sampleRows - nullFrac;
            selec = Math.max(0.0, Math.min(1.0, selec));
            double otherDistinct = ndistinctTable - (numMcv - 1);
            if (otherDistinct > 1) selec /= otherDistinct;
            double bigN = totalRows, n = sampleRows;
            double k = bigN * mcvCounts[numMcv - 1] / n;
            double variance = n * k * (bigN - k) * (bigN - n) / (bigN * bigN * (bigN - 1));
            double stddev = Math.sqrt(variance);
            if (mcvCounts[numMcv - 1] > selec * sampleRows + 2 * stddev + 0.5) break;
            numMcv--;
            if (numMcv == 0) break;
            sumCount -= mcvCounts[numMcv - 1];
        }
        return numMcv;
    }
}
