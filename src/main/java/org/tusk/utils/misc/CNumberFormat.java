package org.tusk.utils.misc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code %g} conversion, which PostgreSQL uses to display real parameters and their ranges
 * (e.g. "0.01", "1e+10"). Java's formatter differs (it never strips trailing zeros), so the rules
 * of the C standard are spelled out here: 6 significant digits, exponent form when the exponent
 * is below -4 or at least 6, trailing zeros removed.
 */
final class CNumberFormat {
    private static final int PRECISION = 6;

    private CNumberFormat() {}

    static String g(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        // new BigDecimal(double) is the exact binary value, so HALF_EVEN matches glibc's rounding.
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(PRECISION, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= PRECISION) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return digits + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        BigDecimal plain = rounded.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
    }
}
