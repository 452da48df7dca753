package org.tusk.utils.adt;

import java.math.BigDecimal;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * numeric_gcd and numeric_lcm of numeric.c: the greatest common divisor and least common
 * multiple of two numerics, which may have fractional parts (gcd(43312.5, 4637.5) = 87.5). NaN
 * or an infinity in either input gives NaN; the result is never negative, and its display scale
 * is the larger of the inputs'.
 */
public final class NumericGcd {
    private NumericGcd() {}

    /** The most digits before the decimal point a numeric may have (NUMERIC_WEIGHT_MAX + 1 base-10000 digits). */
    private static final int MAX_INTEGER_DIGITS = 131072;

    /** numeric_gcd: Euclid's algorithm on the exact decimal values (gcd_var). */
    public static BigDecimal gcd(BigDecimal x, BigDecimal y) {
        if (x instanceof NumericSpecial || y instanceof NumericSpecial) return NumericSpecial.NAN;
        int scale = Math.max(x.scale(), y.scale());
        BigDecimal a = x.abs(), b = y.abs();
        while (b.signum() != 0) {
            BigDecimal r = a.remainder(b);
            a = b;
            b = r;
        }
        return a.setScale(scale);
    }

    /** numeric_lcm: abs(x / gcd(x, y) * y), zero when either input is zero. */
    public static BigDecimal lcm(BigDecimal x, BigDecimal y) {
        if (x instanceof NumericSpecial || y instanceof NumericSpecial) return NumericSpecial.NAN;
        int scale = Math.max(x.scale(), y.scale());
        if (x.signum() == 0 || y.signum() == 0) return BigDecimal.ZERO.setScale(scale);
        BigDecimal g = gcd(x, y);
        BigDecimal r = x.divideToIntegralValue(g).multiply(y).abs();
        if (r.precision() - r.scale() > MAX_INTEGER_DIGITS)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        return r.setScale(scale);
    }
}
