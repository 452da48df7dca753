package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The numeric statistical aggregates of numeric.c (var_pop, var_samp, stddev_pop, stddev_samp
 * over int2, int4, int8 and numeric): the transition keeps N, the sum of X and the sum of X*X
 * exactly (do_numeric_accum, and the int128 accumulators for int2/int4, which give the same
 * sums), plus counts of NaN and infinite inputs; the final function is
 * numeric_stddev_internal with its result scales. Immutable states.
 */
public record NumericAccum(long n, BigDecimal sumX, BigDecimal sumX2, long nanCount, long infCount) {
    public static final NumericAccum EMPTY = new NumericAccum(0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);

    /** do_numeric_accum. */
    public NumericAccum accum(BigDecimal x) {
        if (x instanceof NumericSpecial) {
            return x == NumericSpecial.NAN ? new NumericAccum(n + 1, sumX, sumX2, nanCount + 1, infCount)
                    : new NumericAccum(n + 1, sumX, sumX2, nanCount, infCount + 1);
        }
        return new NumericAccum(n + 1, sumX.add(x), sumX2.add(x.multiply(x)), nanCount, infCount);
    }

    /**
     * numeric_stddev_internal: the variance (or standard deviation) of the population or of a
     * sample; null for no input, or one input of a sample.
     */
    public BigDecimal result(boolean variance, boolean sample) {
        if (n == 0 || (sample && n <= 1)) return null;
        if (nanCount > 0 || infCount > 0) return NumericSpecial.NAN;
        BigDecimal vN = BigDecimal.valueOf(n);
        int rscale = sumX.scale() * 2;
        BigDecimal numerator = vN.multiply(sumX2).setScale(rscale, RoundingMode.HALF_UP)
                .subtract(sumX.multiply(sumX).setScale(rscale, RoundingMode.HALF_UP));
        // roundoff error could make the numerator negative
        if (numerator.signum() <= 0) return BigDecimal.ZERO;
        BigDecimal denominator = sample ? vN.multiply(BigDecimal.valueOf(n - 1)) : vN.multiply(vN);
        int divScale = Numerics.selectDivScale(numerator, denominator);
        BigDecimal v = numerator.divide(denominator, divScale, RoundingMode.HALF_UP);
        if (!variance) {
            // sqrt_var to the division's scale, computed with guard digits then rounded
            BigDecimal root = v.sqrt(new MathContext(divScale + v.precision() + 10, RoundingMode.DOWN));
            v = root.setScale(divScale, RoundingMode.HALF_UP);
        }
        return v;
    }
}
