package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The final functions of the built-in ordered-set and hypothetical-set aggregates
 * (utils/adt/orderedsetaggs.c), over a group's input already sorted on the WITHIN GROUP
 * columns. Inputs of the one-column aggregates are the non-NULL values in sort order; inputs of
 * the hypothetical-set ones are the sorted rows, NULLs included, with the comparator the sort
 * used.
 */
public final class OrderedSetAggs {
    private OrderedSetAggs() {}

    /** How percentile_cont interpolates between two adjacent input values (float8_lerp, interval_lerp). */
    public interface Lerp {
        Object lerp(Object lo, Object hi, double pct);
    }

    /** float8_lerp. */
    public static final Lerp FLOAT8_LERP = (lo, hi, pct) -> {
        double l = ((Number) lo).doubleValue(), h = ((Number) hi).doubleValue();
        return l + (h - l) * pct;
    };

    /** interval_lerp: lo + (hi - lo) * pct, with interval_mi, interval_mul and interval_pl. */
    public static final Lerp INTERVAL_LERP = (lo, hi, pct) -> {
        Interval l = (Interval) lo, h = (Interval) hi;
        Interval diff = plus(h, DateTimes.negate(l));
        return plus(l, DateTimes.multiply(diff, pct));
    };

    private static Interval plus(Interval a, Interval b) {
        try {
            return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    /** The range check of every percentile function. */
    private static double checkPercentile(double p) {
        if (p < 0 || p > 1 || Double.isNaN(p))
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "percentile value " + formatG(p) + " is not between 0 and 1");
        return p;
    }

    /** C's printf %g (six significant digits, trailing zeros dropped), as the error message prints a percentile. */
    static String formatG(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        BigDecimal b = new BigDecimal(v).round(new MathContext(6));
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= 6) {
            BigDecimal mant = b.movePointLeft(exp).stripTrailingZeros();
            return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return b.stripTrailingZeros().toPlainString();
    }

    /** percentile_disc_final: the first value whose position in the input is at least the fraction {@code p}. */
    public static Object percentileDisc(Object percentile, List<Object> values) {
        if (percentile == null) return null;
        double p = checkPercentile(((Number) percentile).doubleValue());
        if (values.isEmpty()) return null;
        return values.get(discRow(p, values.size()));
    }

    private static int discRow(double p, int n) {
        long rownum = (long) Math.ceil(p * n);
        return rownum > 1 ? (int) rownum - 1 : 0;
    }

    /** percentile_cont_final_common: the value at fraction {@code p}, interpolated between adjacent inputs. */
    public static Object percentileCont(Object percentile, List<Object> values, Lerp lerp) {
        if (percentile == null) return null;
        double p = checkPercentile(((Number) percentile).doubleValue());
        if (values.isEmpty()) return null;
        return contValue(p, values, lerp);
    }

    private static Object contValue(double p, List<Object> values, Lerp lerp) {
        double pos = p * (values.size() - 1);
        long first = (long) Math.floor(pos), second = (long) Math.ceil(pos);
        Object lo = values.get((int) first);
        if (first == second) return lo;
        return lerp.lerp(lo, values.get((int) second), pos - first);
    }

    /**
     * percentile_disc_multi_final: one result per element of the percentile array, in its shape;
     * NULL elements give NULL. The whole result is NULL without input rows.
     */
    public static ArrayValue percentileDiscMulti(ArrayValue percentiles, List<Object> values, int elemType) {
        return multi(percentiles, values, elemType, p -> values.get(discRow(p, values.size())));
    }

    /** percentile_cont_multi_final, as {@link #percentileDiscMulti} but interpolating. */
    public static ArrayValue percentileContMulti(ArrayValue percentiles, List<Object> values, int elemType, Lerp lerp) {
        return multi(percentiles, values, elemType, p -> contValue(p, values, lerp));
    }

    private static ArrayValue multi(ArrayValue percentiles, List<Object> values, int elemType,
                                    java.util.function.DoubleFunction<Object> at) {
        if (values.isEmpty() || percentiles == null) return null;
        Object[] in = percentiles.elements();
        double[] ps = new double[in.length];
        for (int i = 0; i < in.length; i++)
            if (in[i] != null) ps[i] = checkPercentile(((Number) in[i]).doubleValue());
        Object[] out = new Object[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[i] == null ? null : at.apply(ps[i]);
        return new ArrayValue(elemType, percentiles.dims(), percentiles.lbounds(), out);
    }

    /** mode_final: the most frequent value; of equally frequent ones, the first in sort order. */
    public static Object mode(List<Object> values, Comparator<Object> equality) {
        Object mode = null, current = null;
        long modeFreq = 0, freq = 0;
        for (Object v : values) {
            if (freq > 0 && equality.compare(current, v) == 0) {
                freq++;
            } else {
                if (freq > modeFreq) {
                    mode = current;
                    modeFreq = freq;
                }
                current = v;
                freq = 1;
            }
        }
        if (freq > modeFreq) mode = current;
        return mode;
    }

    /**
     * hypothetical_rank_common: 1 + the number of input rows that sort before the hypothetical
     * row; with {@code afterPeers} (flag 1, cume_dist) rows equal to it count too, else (flag -1)
     * it sorts before its peers.
     */
    public static long hypotheticalRank(Object[] hypothetical, List<Object[]> rows, Comparator<Object[]> order,
                                        boolean afterPeers) {
        long rank = 1;
        for (Object[] r : rows) {
            int c = order.compare(r, hypothetical);
            if (c > 0 || c == 0 && !afterPeers) break;
            rank++;
        }
        return rank;
    }

    /** hypothetical_rank_final. */
    public static long rank(Object[] hypothetical, List<Object[]> rows, Comparator<Object[]> order) {
        return hypotheticalRank(hypothetical, rows, order, false);
    }

    /** hypothetical_percent_rank_final: (rank - 1) / rows, 0 without input rows. */
    public static double percentRank(Object[] hypothetical, List<Object[]> rows, Comparator<Object[]> order) {
        if (rows.isEmpty()) return 0;
        return (double) (hypotheticalRank(hypothetical, rows, order, false) - 1) / rows.size();
    }

    /** hypothetical_cume_dist_final: rank (after peers) / (rows + 1). */
    public static double cumeDist(Object[] hypothetical, List<Object[]> rows, Comparator<Object[]> order) {
        return (double) hypotheticalRank(hypothetical, rows, order, true) / (rows.size() + 1);
    }

    /** hypothetical_dense_rank_final: 1 + the number of distinct input rows before the hypothetical row. */
    public static long denseRank(Object[] hypothetical, List<Object[]> rows, Comparator<Object[]> order) {
        long rank = 1;
        Object[] prev = null;
        for (Object[] r : rows) {
            if (order.compare(r, hypothetical) >= 0) break;
            if (prev == null || order.compare(prev, r) != 0) rank++;
            prev = r;
        }
        return rank;
    }

    /** The first column of each row: the input of a one-column ordered-set aggregate. */
    public static List<Object> firstColumn(List<Object[]> rows) {
        List<Object> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) out.add(r[0]);
        return out;
    }
}
