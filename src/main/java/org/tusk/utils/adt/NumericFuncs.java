package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * numeric.c's SQL-callable functions beyond arithmetic: scale, min_scale, trim_scale, div,
 * sign, ln, log, exp, factorial, with numeric.c's result scales (estimate_ln_dweight) and
 * NaN/Infinity rules. Stateless.
 */
public final class NumericFuncs {
    private NumericFuncs() {}

    private static final int MIN_SIG_DIGITS = 16, MAX_DISPLAY_SCALE = 1000;

    /** numeric_scale: the display scale; NULL for NaN and infinities. */
    public static Integer scale(BigDecimal v) { return v instanceof NumericSpecial ? null : Math.max(v.scale(), 0); }

    /** numeric_min_scale: the smallest scale that represents the value exactly. */
    public static Integer minScale(BigDecimal v) {
        if (v instanceof NumericSpecial) return null;
        return v.signum() == 0 ? 0 : Math.max(v.stripTrailingZeros().scale(), 0);
    }

    /** numeric_trim_scale. */
    public static BigDecimal trimScale(BigDecimal v) {
        if (v instanceof NumericSpecial) return v;
        return v.setScale(minScale(v), RoundingMode.UNNECESSARY);
    }

    /** numeric_div_trunc: the integral quotient. */
    public static BigDecimal div(BigDecimal a, BigDecimal b) {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            BigDecimal q = Numerics.div(a, b);
            return q instanceof NumericSpecial ? q : BigDecimal.ZERO;
        }
        if (b.signum() == 0) throw Ints.divByZero();
        return a.divideToIntegralValue(b).setScale(0, RoundingMode.DOWN);
    }

    /** numeric_sign. */
    public static BigDecimal sign(BigDecimal v) {
        if (v == NumericSpecial.NAN) return v;
        return BigDecimal.valueOf(v.signum());
    }

    /** estimate_ln_dweight: the decimal weight of ln(v), from its leading base-10000 digits. */
    static int estimateLnDweight(BigDecimal v) {
        if (v.signum() <= 0) return 0;
        if (v.compareTo(new BigDecimal("0.9")) >= 0 && v.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal x = v.subtract(BigDecimal.ONE).abs();
            if (x.signum() == 0) return 0;
            return x.precision() - x.scale() - 1; // floor(log10(|x|))
        }
        int exp10 = v.precision() - v.scale() - 1;
        int weight = Math.floorDiv(exp10, 4);
        // the first two base-10000 digits and the power of ten of the second one
        BigDecimal shifted = v.movePointLeft(weight * 4 - 4);
        long digits = shifted.setScale(0, RoundingMode.DOWN).longValue();
        int dweight = weight * 4 - 4;
        double ln = Math.log((double) digits) + dweight * 2.302585092994046;
        return (int) Math.log10(Math.abs(ln));
    }

    private static void checkLnArg(BigDecimal v) {
        if (v.signum() == 0) throw PgException.error("2201E", "cannot take logarithm of zero");
        if (v.signum() < 0) throw PgException.error("2201E", "cannot take logarithm of a negative number");
    }

    private static int clampScale(int rscale) { return Math.min(Math.max(rscale, 0), MAX_DISPLAY_SCALE); }

    /** numeric_ln. */
    public static BigDecimal ln(BigDecimal v) {
        if (v instanceof NumericSpecial) {
            if (v == NumericSpecial.NINF) throw PgException.error("2201E", "cannot take logarithm of a negative number");
            return v;
        }
        checkLnArg(v);
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - estimateLnDweight(v), v.scale()));
        MathContext mc = new MathContext(rscale + Math.max(0, v.precision() - v.scale()) + 20, RoundingMode.HALF_EVEN);
        return Numerics.ln(v, mc).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** numeric_log(base, num): log_var's scale selection. */
    public static BigDecimal log(BigDecimal base, BigDecimal num) {
        if (base instanceof NumericSpecial || num instanceof NumericSpecial) {
            if (base == NumericSpecial.NAN || num == NumericSpecial.NAN) return NumericSpecial.NAN;
            if (base.signum() <= 0 && !(base instanceof NumericSpecial) || base == NumericSpecial.NINF) checkLnArg(base.signum() == 0 ? base : BigDecimal.ONE.negate());
            if (num.signum() <= 0 && !(num instanceof NumericSpecial) || num == NumericSpecial.NINF) checkLnArg(num.signum() == 0 ? num : BigDecimal.ONE.negate());
            if (base == NumericSpecial.PINF) return num == NumericSpecial.PINF ? NumericSpecial.NAN : BigDecimal.ZERO;
            // num is +Infinity, base finite and positive
            int c = base.compareTo(BigDecimal.ONE);
            if (c == 0) throw Ints.divByZero();
            return c > 0 ? NumericSpecial.PINF : NumericSpecial.NINF;
        }
        checkLnArg(base);
        checkLnArg(num);
        int resultDweight = estimateLnDweight(num) - estimateLnDweight(base);
        int rscale = clampScale(Math.max(Math.max(MIN_SIG_DIGITS - resultDweight, base.scale()), num.scale()));
        int guard = rscale + Math.max(0, num.precision() - num.scale()) + Math.max(0, base.precision() - base.scale()) + 30;
        MathContext mc = new MathContext(guard, RoundingMode.HALF_EVEN);
        BigDecimal lnBase = Numerics.ln(base, mc);
        if (lnBase.signum() == 0) throw Ints.divByZero();
        return Numerics.ln(num, mc).divide(lnBase, mc).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** numeric_exp. */
    public static BigDecimal exp(BigDecimal v) {
        if (v instanceof NumericSpecial) return v == NumericSpecial.NINF ? BigDecimal.ZERO : v;
        double val = v.doubleValue() * 0.434294481903252;
        val = Math.max(val, -2000);
        val = Math.min(val, 2000);
        if (val > 131072 / 4.0) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - (int) val, v.scale()));
        MathContext mc = new MathContext(rscale + Math.max(0, (int) val) + 20, RoundingMode.HALF_EVEN);
        return Numerics.exp(v, mc).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** numeric_fac. */
    public static BigDecimal factorial(long n) {
        if (n < 0) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
        if (n > 32177) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        BigInteger r = BigInteger.ONE;
        for (long i = 2; i <= n; i++) r = r.multiply(BigInteger.valueOf(i));
        return new BigDecimal(r);
    }
}
