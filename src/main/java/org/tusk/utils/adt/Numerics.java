package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * numeric (PostgreSQL's numeric.c) on BigDecimal. The BigDecimal's scale is numeric's
 * display scale (dscale) and is never negative. Results follow numeric.c's rules for the
 * result scale: add/sub max(s1,s2), mul s1+s2, div select_div_scale(), sqrt like numeric_sqrt.
 * NaN and the infinities are the {@link NumericSpecial} instances and follow numeric.c's rules
 * (NaN sorts above everything and equals itself; Inf - Inf and Inf * 0 are NaN; x / 0 is an
 * error even for Inf).
 */
public final class Numerics {
    private Numerics() {}

    static final int MIN_SIG_DIGITS = 16;
    static final int MAX_DISPLAY_SCALE = 1000;
    static final int DEC_DIGITS = 4;

    public static BigDecimal norm(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    public static BigDecimal numericIn(String s) {
        String t = s.strip();
        if (!t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            switch (t.toLowerCase(java.util.Locale.ROOT)) {
                case "nan": return NumericSpecial.NAN;
                case "infinity", "+infinity", "inf", "+inf": return NumericSpecial.PINF;
                case "-infinity", "-inf": return NumericSpecial.NINF;
                default: throw Ints.badSyntax("numeric", s);
            }
        }
        return norm(new BigDecimal(t));
    }

    public static String numericOut(BigDecimal d) {
        if (d instanceof NumericSpecial sp) return sp.toString();
        return norm(d).toPlainString();
    }

    private static boolean special(BigDecimal a, BigDecimal b) { return a instanceof NumericSpecial || b instanceof NumericSpecial; }

    private static boolean nan(BigDecimal a, BigDecimal b) { return a == NumericSpecial.NAN || b == NumericSpecial.NAN; }

    /** cmp_numerics: NaN above +Infinity above every finite value above -Infinity. */
    public static int cmp(BigDecimal a, BigDecimal b) {
        if (!special(a, b)) return a.compareTo(b);
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(BigDecimal d) {
        if (d == NumericSpecial.NAN) return 3;
        if (d == NumericSpecial.PINF) return 2;
        if (d == NumericSpecial.NINF) return -2;
        return d.signum();
    }

    public static BigDecimal fromLong(long v) { return BigDecimal.valueOf(v); }

    public static BigDecimal fromDouble(double d) { return fromDouble(d, 15); }

    /** float8_numeric / float4_numeric: through the value's DBL_DIG (15) or FLT_DIG (6) significant digits. */
    public static BigDecimal fromDouble(double d, int digits) {
        if (Double.isNaN(d)) return NumericSpecial.NAN;
        if (Double.isInfinite(d)) return NumericSpecial.inf(d > 0 ? 1 : -1);
        // float8 -> numeric goes through the float's 15-significant-digit text form (float8_numeric)
        BigDecimal b = new BigDecimal(d, new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return norm(b);
    }

    public static double toDouble(BigDecimal d) {
        if (d instanceof NumericSpecial) return d.doubleValue();
        double r = d.doubleValue();
        if (Double.isInfinite(r)) throw Floats.overflow();
        return r;
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (special(a, b)) {
            if (nan(a, b)) return NumericSpecial.NAN;
            if (a instanceof NumericSpecial && b instanceof NumericSpecial) return a == b ? a : NumericSpecial.NAN;
            return a instanceof NumericSpecial ? a : b;
        }
        return a.add(b);
    }

    public static BigDecimal sub(BigDecimal a, BigDecimal b) {
        if (special(a, b)) return add(a, b.negate());
        return a.subtract(b);
    }

    public static BigDecimal mul(BigDecimal a, BigDecimal b) {
        if (special(a, b)) {
            if (nan(a, b)) return NumericSpecial.NAN;
            int sign = a.signum() * b.signum();
            return sign == 0 ? NumericSpecial.NAN : NumericSpecial.inf(sign);
        }
        BigDecimal r = a.multiply(b);
        return r.scale() > MAX_DISPLAY_SCALE ? r.setScale(MAX_DISPLAY_SCALE, RoundingMode.HALF_UP) : r;
    }

    /** Weight (base-10000 digit position) and first base-10000 digit of a value, as numeric.c stores them. */
    private static int[] weightAndFirst(BigDecimal v) {
        if (v.signum() == 0) return new int[] {0, 0};
        BigDecimal a = v.abs();
        int exp10 = a.precision() - a.scale() - 1; // floor(log10(a))
        int weight = Math.floorDiv(exp10, DEC_DIGITS);
        int first = a.movePointLeft(weight * DEC_DIGITS).setScale(0, RoundingMode.DOWN).intValue();
        return new int[] {weight, first};
    }

    static int selectDivScale(BigDecimal a, BigDecimal b) {
        int[] w1 = weightAndFirst(a), w2 = weightAndFirst(b);
        int qweight = w1[0] - w2[0];
        if (w1[1] <= w2[1]) qweight--;
        int rscale = MIN_SIG_DIGITS - qweight * DEC_DIGITS;
        rscale = Math.max(rscale, a.scale());
        rscale = Math.max(rscale, b.scale());
        rscale = Math.max(rscale, 0);
        return Math.min(rscale, MAX_DISPLAY_SCALE);
    }

    public static BigDecimal div(BigDecimal a, BigDecimal b) {
        if (special(a, b)) {
            if (nan(a, b)) return NumericSpecial.NAN;
            if (a instanceof NumericSpecial) {
                if (b instanceof NumericSpecial) return NumericSpecial.NAN;
                if (b.signum() == 0) throw Ints.divByZero();
                return NumericSpecial.inf(a.signum() * b.signum());
            }
            return BigDecimal.ZERO; // finite / infinity
        }
        if (b.signum() == 0) throw Ints.divByZero();
        return a.divide(b, selectDivScale(a, b), RoundingMode.HALF_UP);
    }

    public static BigDecimal mod(BigDecimal a, BigDecimal b) {
        if (special(a, b)) {
            if (nan(a, b)) return NumericSpecial.NAN;
            if (a instanceof NumericSpecial) {
                if (b.signum() == 0 && !(b instanceof NumericSpecial)) throw Ints.divByZero();
                return NumericSpecial.NAN;
            }
            return a; // finite % infinity
        }
        if (b.signum() == 0) throw Ints.divByZero();
        BigDecimal q = a.divideToIntegralValue(b);
        BigDecimal r = a.subtract(q.multiply(b));
        return r.setScale(Math.max(a.scale(), b.scale()), RoundingMode.UNNECESSARY);
    }

    public static BigDecimal round(BigDecimal a, int scale) {
        if (a instanceof NumericSpecial) return a;
        BigDecimal r = a.setScale(scale, RoundingMode.HALF_UP);
        return checkWeight(norm(r));
    }

    public static BigDecimal trunc(BigDecimal a, int scale) {
        if (a instanceof NumericSpecial) return a;
        return norm(a.setScale(scale, RoundingMode.DOWN));
    }

    public static BigDecimal floor(BigDecimal a) { return a instanceof NumericSpecial ? a : a.setScale(0, RoundingMode.FLOOR); }
    public static BigDecimal ceil(BigDecimal a) { return a instanceof NumericSpecial ? a : a.setScale(0, RoundingMode.CEILING); }

    public static BigDecimal sqrt(BigDecimal a) {
        if (a == NumericSpecial.NAN || a == NumericSpecial.PINF) return a;
        if (a.signum() < 0) throw PgException.error("2201F", "cannot take square root of a negative number");
        int weight = weightAndFirst(a)[0];
        int sweight = (weight + 1) * DEC_DIGITS / 2 - 1;
        int rscale = MIN_SIG_DIGITS - sweight;
        rscale = Math.max(rscale, a.scale());
        rscale = Math.max(rscale, 0);
        rscale = Math.min(rscale, MAX_DISPLAY_SCALE);
        if (a.signum() == 0) return BigDecimal.ZERO.setScale(rscale);
        BigDecimal r = a.sqrt(new MathContext(rscale + a.precision() + 10, RoundingMode.DOWN));
        return r.setScale(rscale, RoundingMode.HALF_UP);
    }

    /** Applies a numeric(p,s) typmod, as apply_typmod() does. */
    /**
     * NUMERIC_TYPMOD_SCALE: the scale of a numeric typmod, an 11-bit two's-complement field
     * (-1000..1000), as PostgreSQL 15 encodes it.
     */
    public static int numericTypmodScale(int typmod) {
        return (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
    }

    public static BigDecimal applyTypmod(BigDecimal v, int typmod) {
        if (typmod < 4) return v;
        int tm = typmod - 4;
        int precision = (tm >> 16) & 0xFFFF;
        int scale = numericTypmodScale(typmod);
        if (v instanceof NumericSpecial) {
            if (v == NumericSpecial.NAN) return v;
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail("A field with precision " + precision + ", scale " + scale + " cannot hold an infinite value.");
        }
        BigDecimal r = v.setScale(scale, RoundingMode.HALF_UP);
        int intDigits = r.precision() - r.scale();
        if (r.signum() != 0 && intDigits > precision - scale) {
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
                    .withDetail("A field with precision " + precision + ", scale " + scale
                            + " must round to an absolute value less than "
                            + (precision - scale == 0 ? "1" : "10^" + (precision - scale)) + ".");
        }
        return r;
    }

    /** Largest number of decimal digits before the point a numeric can hold (NUMERIC_WEIGHT_MAX + 1 base-10000 digits). */
    static final int MAX_INTEGER_DIGITS = 131072;
    /** NUMERIC_MAX_RESULT_SCALE: exp_var's overflow limit is 3 times this on the natural logarithm. */
    private static final int MAX_RESULT_SCALE = 2000;

    /** make_result's range check: a finite value with more than 131072 integer digits overflows. */
    static BigDecimal checkWeight(BigDecimal v) {
        if (!(v instanceof NumericSpecial) && v.signum() != 0 && v.precision() - v.scale() > MAX_INTEGER_DIGITS)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        return v;
    }

    /**
     * numeric ^ numeric (numeric.c power_var): integral exponents that fit in int32 go to
     * power_var_int; everything else is exp(y * ln|x|), with the sign fixed up for a negative
     * base (only integral exponents reach there) and PostgreSQL's early overflow/underflow tests.
     */
    public static BigDecimal power(BigDecimal x, BigDecimal y) {
        if (special(x, y)) return powerSpecial(x, y);
        if (x.signum() == 0 && y.signum() < 0)
            throw PgException.error("2201F", "zero raised to a negative power is undefined");
        boolean integral = y.signum() == 0 || y.stripTrailingZeros().scale() <= 0;
        if (x.signum() < 0 && !integral)
            throw PgException.error("2201F", "a negative number raised to a non-integer power yields a complex result");
        if (integral && y.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                && y.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            int rscale = Math.min(Math.max(MIN_SIG_DIGITS, Math.max(x.scale(), 0)), MAX_DISPLAY_SCALE);
            return checkWeight(powerInt(x, y.intValueExact(), rscale));
        }
        if (x.signum() == 0) return BigDecimal.ZERO.setScale(MIN_SIG_DIGITS);
        boolean negative = x.signum() < 0 && y.toBigInteger().testBit(0);
        BigDecimal base = x.abs();
        // low-precision estimate of y * ln(base) for the scale choice and the overflow test
        double lnNum = log10(base) * Math.log(10) * y.doubleValue();
        if (Math.abs(lnNum) > MAX_RESULT_SCALE * 3.01) {
            if (lnNum > 0) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE);
        }
        double val = lnNum * 0.434294481903252; // approximate decimal weight of the result
        int rscale = MIN_SIG_DIGITS - (int) val;
        rscale = Math.max(rscale, x.scale());
        rscale = Math.max(rscale, y.scale());
        rscale = Math.max(rscale, 0);
        rscale = Math.min(rscale, MAX_DISPLAY_SCALE);
        // a result whose leading digit lies beyond rscale rounds to zero whatever its digits are
        if (val + 1 < -rscale) return BigDecimal.ZERO.setScale(rscale);
        MathContext mc = new MathContext(rscale + Math.max(0, (int) val) + 20, RoundingMode.HALF_EVEN);
        BigDecimal z = y.multiply(ln(base, mc), mc);
        // exp_var's limit: |z| >= 6000 overflows (positive) or underflows to zero
        if (z.abs().compareTo(BigDecimal.valueOf(MAX_RESULT_SCALE * 3)) >= 0) {
            if (z.signum() > 0) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            return BigDecimal.ZERO.setScale(rscale);
        }
        BigDecimal r = exp(z, mc).setScale(rscale, RoundingMode.HALF_UP);
        return checkWeight(negative ? r.negate() : r);
    }

    /** log10 of a positive value, exact enough for scale estimates even far outside double range. */
    static double log10(BigDecimal v) {
        int digits = v.precision();
        BigDecimal lead = new BigDecimal(v.unscaledValue(), digits - 1).round(new MathContext(17));
        return Math.log10(lead.doubleValue()) + (digits - 1 - v.scale());
    }

    /**
     * power_var_int: base ^ exp for an int32 exponent, rounded to {@code rscale}. The decimal
     * weight of the result is estimated first so that certain overflow fails early and certain
     * underflow returns zero at rscale; otherwise the power is computed exactly when small, or by
     * square-and-multiply with enough guard digits (as PostgreSQL's sig_digits) when not.
     */
    static BigDecimal powerInt(BigDecimal base, int exp, int rscale) {
        if (exp == 0) return BigDecimal.ONE.setScale(rscale);
        if (base.signum() == 0) {
            if (exp < 0) throw PgException.error(SqlState.DIVISION_BY_ZERO, "division by zero");
            return BigDecimal.ZERO.setScale(rscale);
        }
        double f = exp * log10(base.abs());
        if (f > 3 * Short.MAX_VALUE * 4)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        if (f + 1 < -rscale || f + 1 < -MAX_DISPLAY_SCALE) return BigDecimal.ZERO.setScale(rscale);
        if (f > MAX_INTEGER_DIGITS + 1)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        long n = Math.abs((long) exp);
        BigDecimal p;
        if ((long) base.precision() * n <= 200_000) {
            p = base.pow((int) n);
        } else {
            int sigDigits = 1 + rscale + (int) Math.abs(f) + (int) Math.log(n) + 8;
            MathContext mc = new MathContext(sigDigits, RoundingMode.HALF_EVEN);
            p = BigDecimal.ONE;
            BigDecimal sq = base;
            for (long m = n; m != 0; m >>= 1) {
                if ((m & 1) != 0) p = p.multiply(sq, mc);
                if (m > 1) sq = sq.multiply(sq, mc);
            }
        }
        if (exp < 0) return BigDecimal.ONE.divide(p, rscale, RoundingMode.HALF_UP);
        return p.setScale(rscale, RoundingMode.HALF_UP);
    }

    static BigDecimal exp(BigDecimal z, MathContext mc) {
        // exp(z) = exp(z / 2^k)^(2^k), Taylor series for the reduced argument
        int k = 0;
        BigDecimal r = z;
        while (r.abs().compareTo(BigDecimal.valueOf(0.01)) > 0) {
            r = r.divide(BigDecimal.valueOf(2), mc);
            k++;
        }
        MathContext wide = new MathContext(mc.getPrecision() + k + 5, RoundingMode.HALF_EVEN);
        BigDecimal sum = BigDecimal.ONE, term = BigDecimal.ONE;
        for (int i = 1; i < 1000; i++) {
            term = term.multiply(r, wide).divide(BigDecimal.valueOf(i), wide);
            sum = sum.add(term, wide);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(wide.getPrecision() + 2)) < 0) break;
        }
        for (int i = 0; i < k; i++) sum = sum.multiply(sum, wide);
        return sum.round(mc);
    }

    static BigDecimal ln(BigDecimal x, MathContext mc) {
        // ln(x) = ln(m) + shift * ln(10) with 1 <= m < 10
        int shift = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(shift);
        MathContext wide = new MathContext(mc.getPrecision() + 5, RoundingMode.HALF_EVEN);
        BigDecimal y = newtonLn(m, wide);
        if (shift != 0) y = y.add(newtonLn(BigDecimal.TEN, wide).multiply(BigDecimal.valueOf(shift), wide), wide);
        return y.round(mc);
    }

    /** Newton iteration on exp(y) = m, seeded from the double logarithm; m must be in double range. */
    private static BigDecimal newtonLn(BigDecimal m, MathContext wide) {
        BigDecimal y = BigDecimal.valueOf(Math.log(m.doubleValue()));
        for (int i = 0; i < 100; i++) {
            BigDecimal e = exp(y, wide);
            BigDecimal delta = BigDecimal.valueOf(2).multiply(m.subtract(e, wide), wide).divide(m.add(e, wide), wide);
            y = y.add(delta, wide);
            if (delta.signum() == 0 || delta.abs().compareTo(BigDecimal.ONE.movePointLeft(wide.getPrecision())) < 0) break;
        }
        return y;
    }

    /** numeric_power's rules when either input is NaN or infinite. */
    private static BigDecimal powerSpecial(BigDecimal x, BigDecimal y) {
        boolean xSpecial = x instanceof NumericSpecial, ySpecial = y instanceof NumericSpecial;
        if (!xSpecial && x.compareTo(BigDecimal.ONE) == 0) return BigDecimal.ONE;
        if (!ySpecial && y.signum() == 0) return BigDecimal.ONE;
        if (nan(x, y)) return NumericSpecial.NAN;
        if (!xSpecial) {
            // y is infinite
            int cmpAbs = x.abs().compareTo(BigDecimal.ONE);
            if (x.signum() == 0) {
                if (y.signum() < 0) throw PgException.error("2201F", "zero raised to a negative power is undefined");
                return BigDecimal.ZERO;
            }
            if (cmpAbs == 0) return BigDecimal.ONE;
            if (y.signum() > 0) return cmpAbs > 0 ? NumericSpecial.PINF : BigDecimal.ZERO;
            return cmpAbs > 0 ? BigDecimal.ZERO : NumericSpecial.PINF;
        }
        if (x == NumericSpecial.PINF) return y.signum() > 0 ? NumericSpecial.PINF : BigDecimal.ZERO;
        // x is -Infinity: only integral powers are real
        if (!ySpecial && y.stripTrailingZeros().scale() > 0)
            throw PgException.error("2201F", "a negative number raised to a non-integer power yields a complex result");
        if (y.signum() < 0) return BigDecimal.ZERO;
        boolean oddInteger = !ySpecial && y.toBigInteger().testBit(0);
        return oddInteger ? NumericSpecial.NINF : NumericSpecial.PINF;
    }
}
