package org.tusk.optimizer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.tusk.catalog.Catalog;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.cache.Relation;

/**
 * The parts of selfuncs.c that read a column's pg_statistic row, for clauses {@code column op
 * constant} on one scanned table: var_eq_const (eqsel, neqsel) over the most common values,
 * scalarineqsel (scalarltsel ...) over the most common values and the histogram
 * (mcv_selectivity, ineq_histogram_selectivity with convert_to_scalar's interpolation), and
 * nulltestsel. Each method answers -1 when the column has no usable statistics, for the caller
 * to fall back on selfuncs.h's defaults.
 *
 * <p>Values compare as the type's default btree opclass orders them ({@link Comparisons}); a
 * constant of a type that does not compare with the column's values gets no estimate here.
 * get_actual_variable_range (reading an index's extremes when the constant falls in an end bin)
 * is not done: the histogram's end bounds are used as they are.
 */
final class ColumnSelectivity {
    private static final double DEFAULT_NUM_DISTINCT = 200;

    private final Catalog catalog;
    /** Statistics of relations the relcache did not build, for this planning only. */
    private final Map<Integer, Map<Integer, Optional<Catalog.ColumnStatistics>>> local = new HashMap<>();

    ColumnSelectivity(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A column of a scanned table with its statistics and the table's estimated rows (VariableStatData). */
    record Column(Catalog.ColumnStatistics stats, double tuples) {}

    /** The statistics of {@code table}'s column {@code attnum}, or null if ANALYZE stored none. */
    Column column(Relation table, int attnum, double tuples) {
        if (table == null || catalog == null) return null;
        Catalog.ColumnStatistics st = cacheOf(table).computeIfAbsent(attnum,
                k -> Optional.ofNullable(catalog.statistics(table.oid(), attnum))).orElse(null);
        return st == null ? null : new Column(st, tuples);
    }

    /**
     * Where {@code table}'s statistics rows are kept, by attribute number: on its relcache entry,
     * so that they are read from pg_statistic once per backend rather than once per planning (a
     * relcache invalidation, which ANALYZE sends, drops them), else for this planning.
     */
    @SuppressWarnings("unchecked")
    private Map<Integer, Optional<Catalog.ColumnStatistics>> cacheOf(Relation table) {
        if (!table.fromRelcache()) return local.computeIfAbsent(table.oid(), k -> new HashMap<>());
        if (!(table.statisticsCache() instanceof Map<?, ?> m)) {
            Map<Integer, Optional<Catalog.ColumnStatistics>> fresh = new HashMap<>();
            table.setStatisticsCache(fresh);
            return fresh;
        }
        return (Map<Integer, Optional<Catalog.ColumnStatistics>>) m;
    }

    /** get_variable_numdistinct from a statistics row. */
    static double numDistinct(Column c) {
        double d = c.stats().distinct();
        if (d > 0) return clampRows(d);
        if (c.tuples() <= 0) return DEFAULT_NUM_DISTINCT;
        if (d < 0) return clampRows(-d * c.tuples());
        return c.tuples() < DEFAULT_NUM_DISTINCT ? clampRows(c.tuples()) : DEFAULT_NUM_DISTINCT;
    }

    /** var_eq_const: the fraction of rows whose column equals {@code value} (a non-null constant). */
    static double eqConst(Column c, Object value) {
        Catalog.StatisticsSlot mcv = c.stats().slot(Catalog.StatisticsSlot.MCV);
        double nullFrac = c.stats().nullFrac();
        if (mcv != null && !comparable(mcv.values(), value)) return -1;
        if (mcv != null) {
            float[] freqs = mcv.numbers();
            double sumCommon = 0;
            for (int i = 0; i < freqs.length; i++) {
                if (Comparisons.compare(mcv.values().get(i), value) == 0) return freqs[i];
                sumCommon += freqs[i];
            }
            // not a common value: the rest are spread evenly over the other distinct values
            double selec = clampProbability(1.0 - sumCommon - nullFrac);
            double otherDistinct = numDistinct(c) - freqs.length;
            if (otherDistinct > 1) selec /= otherDistinct;
            if (freqs.length > 0 && selec > freqs[freqs.length - 1]) selec = freqs[freqs.length - 1];
            return clampProbability(selec);
        }
        return clampProbability(1.0 / numDistinct(c));
    }

    /**
     * var_eq_non_const: the non-null rows spread evenly over the distinct values, but never
     * more than the most common value's frequency.
     */
    static double eqNonConst(Column c) {
        double selec = 1.0 - c.stats().nullFrac();
        double nd = numDistinct(c);
        if (nd > 1) selec /= nd;
        Catalog.StatisticsSlot mcv = c.stats().slot(Catalog.StatisticsSlot.MCV);
        if (mcv != null && mcv.numbers() != null && mcv.numbers().length > 0 && selec > mcv.numbers()[0]) selec = mcv.numbers()[0];
        return clampProbability(selec);
    }

    /** neqsel: not equal and not null. */
    static double neqConst(Column c, Object value) {
        double eq = eqConst(c, value);
        return eq < 0 ? -1 : clampProbability(1.0 - eq - c.stats().nullFrac());
    }

    /** nulltestsel with statistics: the null fraction, or its complement for IS NOT NULL. */
    static double nullTest(Column c, boolean isNot) {
        double f = c.stats().nullFrac();
        return isNot ? 1.0 - f : f;
    }

    /**
     * scalarineqsel for {@code column op value}, {@code isGt} for &gt; and &gt;=, {@code isEq} for
     * &lt;= and &gt;=: the most common values that satisfy it, plus the histogram's estimate of
     * the rest (half of them without a histogram).
     */
    static double inequality(Column c, boolean isGt, boolean isEq, Object value) {
        Catalog.StatisticsSlot mcv = c.stats().slot(Catalog.StatisticsSlot.MCV);
        Catalog.StatisticsSlot hist = c.stats().slot(Catalog.StatisticsSlot.HISTOGRAM);
        if (mcv != null && !comparable(mcv.values(), value) || hist != null && !comparable(hist.values(), value)) return -1;
        double mcvSelec = 0, sumCommon = 0;
        if (mcv != null) {
            for (int i = 0; i < mcv.numbers().length; i++) {
                if (satisfies(mcv.values().get(i), value, isGt, isEq)) mcvSelec += mcv.numbers()[i];
                sumCommon += mcv.numbers()[i];
            }
        }
        double histSelec = hist == null ? -1 : histogramSelectivity(c, hist.values(), isGt, isEq, value);
        double selec = 1.0 - c.stats().nullFrac() - sumCommon;
        selec *= histSelec >= 0 ? histSelec : 0.5;
        return clampProbability(selec + mcvSelec);
    }

    /** {@code v op value} for the inequality operator given by isGt/isEq. */
    private static boolean satisfies(Object v, Object value, boolean isGt, boolean isEq) {
        int cmp = Comparisons.compare(v, value);
        return isGt ? (isEq ? cmp >= 0 : cmp > 0) : (isEq ? cmp <= 0 : cmp < 0);
    }

    /** ineq_histogram_selectivity: the fraction of the histogram's population satisfying the inequality, or -1. */
    static double histogramSelectivity(Column c, ArrayValue bounds, boolean isGt, boolean isEq, Object value) {
        int n = bounds.size();
        if (n <= 1) return -1;
        // binary search for the first bound the probe does not satisfy
        int lo = 0, hi = n;
        while (lo < hi) {
            int probe = (lo + hi) / 2;
            // the operator, inverted for > and >=: "bound <= value" for <= and >, "bound < value" for < and >=
            boolean ltcmp = satisfies(bounds.get(probe), value, false, isGt != isEq);
            if (ltcmp) lo = probe + 1;
            else hi = probe;
        }
        double histFrac;
        if (lo <= 0) {
            histFrac = 0.0;
        } else if (lo >= n) {
            histFrac = 1.0;
        } else {
            int i = lo;
            double eqSelec = 0;
            if (i == 1 || isGt == isEq) {
                double otherDistinct = numDistinct(c);
                Catalog.StatisticsSlot mcv = c.stats().slot(Catalog.StatisticsSlot.MCV);
                if (mcv != null) otherDistinct -= mcv.numbers().length;
                if (otherDistinct > 1) eqSelec = 1.0 / otherDistinct;
            }
            double binFrac = binFraction(value, bounds.get(i - 1), bounds.get(i));
            histFrac = (i - 1 + binFrac) / (n - 1);
            // the first bound is the smallest value sampled, not the top of a bucket below it
            if (i == 1) histFrac += eqSelec * (1.0 - binFrac);
            // "x <= const" so far: < and >= leave out the values equal to the constant
            if (isGt == isEq) histFrac -= eqSelec;
        }
        double histSelec = isGt ? 1.0 - histFrac : histFrac;
        double cutoff = 0.01 / (n - 1);
        if (histSelec < cutoff) histSelec = cutoff;
        else if (histSelec > 1.0 - cutoff) histSelec = 1.0 - cutoff;
        return histSelec;
    }

    /** Where {@code value} falls between two adjacent bounds, by convert_to_scalar's linear scale (0.5 when it has none). */
    private static double binFraction(Object value, Object low, Object high) {
        double[] s = ScalarScale.of(value, low, high);
        if (s == null) return 0.5;
        double val = s[0], lo = s[1], hi = s[2];
        if (hi <= lo) return 0.5;
        if (val <= lo) return 0.0;
        if (val >= hi) return 1.0;
        double f = (val - lo) / (hi - lo);
        return Double.isNaN(f) || f < 0.0 || f > 1.0 ? 0.5 : f;
    }

    /** Whether {@code value} compares with the statistics' values (the same Java kind of value). */
    private static boolean comparable(ArrayValue values, Object value) {
        if (values == null || values.size() == 0) return true;
        Object v = values.get(0);
        if (v instanceof Number && !(v instanceof BigDecimal) && !(v instanceof Double) && !(v instanceof Float))
            return value instanceof Integer || value instanceof Long || value instanceof Short;
        return v.getClass() == value.getClass();
    }

    /** CLAMP_PROBABILITY. */
    static double clampProbability(double p) {
        return p < 0 ? 0 : p > 1 ? 1 : p;
    }

    /** clamp_row_est. */
    private static double clampRows(double rows) {
        return rows <= 1.0 ? 1.0 : Math.rint(rows);
    }

    /**
     * convert_to_scalar: a value and two histogram bounds on one numeric scale. Numbers are their
     * value, dates and times a count of units since an epoch, strings convert_string_to_scalar's
     * fraction in a base of the characters seen (after their common prefix, C collation).
     */
    static final class ScalarScale {
        private ScalarScale() {}

        static double[] of(Object value, Object low, Object high) {
            if (value instanceof String v && low instanceof String l && high instanceof String h) return strings(v, l, h);
            Double v = number(value), l = number(low), h = number(high);
            return v == null || l == null || h == null ? null : new double[] {v, l, h};
        }

        private static Double number(Object o) {
            return switch (o) {
                case Boolean b -> b ? 1.0 : 0.0;
                case Number n -> n.doubleValue();
                case LocalDate d -> (double) d.toEpochDay();
                case LocalDateTime t -> (double) ChronoUnit.MICROS.between(LocalDateTime.of(2000, 1, 1, 0, 0), t);
                case Instant t -> (double) ChronoUnit.MICROS.between(LocalDateTime.of(2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC), t);
                case LocalTime t -> (double) (t.toNanoOfDay() / 1000);
                default -> null;
            };
        }

        /** convert_string_to_scalar over the strings' UTF-8 bytes. */
        private static double[] strings(String value, String low, String high) {
            byte[] v = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] l = low.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] h = high.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // the range of characters, from the bounds (C's plain char: signed on the platforms PostgreSQL builds for)
            int rangeLo = h.length > 0 ? h[0] & 0xFF : 0, rangeHi = rangeLo;
            for (byte b : l) {
                rangeLo = Math.min(rangeLo, b);
                rangeHi = Math.max(rangeHi, b);
            }
            for (byte b : h) {
                rangeLo = Math.min(rangeLo, b);
                rangeHi = Math.max(rangeHi, b);
            }
            // widen to all upper-case letters, lower-case letters, digits the range touches
            if (rangeLo <= 'Z' && rangeHi >= 'A') {
                rangeLo = Math.min(rangeLo, 'A');
                rangeHi = Math.max(rangeHi, 'Z');
            }
            if (rangeLo <= 'z' && rangeHi >= 'a') {
                rangeLo = Math.min(rangeLo, 'a');
                rangeHi = Math.max(rangeHi, 'z');
            }
            if (rangeLo <= '9' && rangeHi >= '0') {
                rangeLo = Math.min(rangeLo, '0');
                rangeHi = Math.max(rangeHi, '9');
            }
            // fewer than ten characters: too little data, take the printable ASCII set
            if (rangeHi - rangeLo < 9) {
                rangeLo = ' ';
                rangeHi = 127;
            }
            int p = 0;
            while (p < l.length && p < h.length && p < v.length && l[p] == h[p] && l[p] == v[p]) p++;
            return new double[] {one(v, p, rangeLo, rangeHi), one(l, p, rangeLo, rangeHi), one(h, p, rangeLo, rangeHi)};
        }

        /** convert_one_string_to_scalar: the first 12 characters as a fraction in base rangeHi - rangeLo + 1. */
        private static double one(byte[] s, int from, int rangeLo, int rangeHi) {
            int len = Math.min(s.length - from, 12);
            if (len <= 0) return 0.0;
            double base = rangeHi - rangeLo + 1, num = 0.0, denom = base;
            for (int k = 0; k < len; k++) {
                int ch = s[from + k] & 0xFF;
                if (ch < rangeLo) ch = rangeLo - 1;
                else if (ch > rangeHi) ch = rangeHi + 1;
                num += (ch - rangeLo) / denom;
                denom *= base;
            }
            return num;
        }
    }
}
