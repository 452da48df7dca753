package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** float4 and float8 (PostgreSQL's float.c): input, shortest-exact output, checked arithmetic. */
public final class Floats {
    private Floats() {}

    public static PgException overflow() {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }

    public static PgException underflow() {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    }

    private static Double parseSpecial(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "infinity", "+infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    private static boolean looksNumeric(String t) {
        return t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    }

    public static Double float8in(String s) {
        String t = s.strip();
        Double sp = parseSpecial(t);
        if (sp != null) return sp;
        if (!looksNumeric(t)) throw Ints.badSyntax("double precision", s);
        double d = Double.parseDouble(t);
        if (Double.isInfinite(d) || (d == 0.0 && hasNonZeroDigit(t)))
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type double precision");
        return d;
    }

    public static Float float4in(String s) {
        String t = s.strip();
        Double sp = parseSpecial(t);
        if (sp != null) return sp.floatValue();
        if (!looksNumeric(t)) throw Ints.badSyntax("real", s);
        float f = Float.parseFloat(t);
        if (Float.isInfinite(f) || (f == 0.0f && hasNonZeroDigit(t)))
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + s + "\" is out of range for type real");
        return f;
    }

    private static boolean hasNonZeroDigit(String t) {
        int e = t.toLowerCase(java.util.Locale.ROOT).indexOf('e');
        String m = e < 0 ? t : t.substring(0, e);
        for (char c : m.toCharArray()) if (c >= '1' && c <= '9') return true;
        return false;
    }

    public static String float8out(double d) { return float8out(d, 1); }

    /** float8out: Ryu's shortest round-trip digits if extra_float_digits &gt; 0, else %.(15+efd)g. */
    public static String float8out(double d, int extraFloatDigits) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (extraFloatDigits <= 0) return formatG(d, Math.max(1, 15 + extraFloatDigits));
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        return shortest(DoubleToShortest.of(d), d < 0, 15);
    }

    public static String float4out(float f) { return float4out(f, 1); }

    public static String float4out(float f, int extraFloatDigits) {
        if (Float.isNaN(f)) return "NaN";
        if (Float.isInfinite(f)) return f > 0 ? "Infinity" : "-Infinity";
        if (extraFloatDigits <= 0) return formatG(f, Math.max(1, 6 + extraFloatDigits));
        if (f == 0) return (1 / f < 0) ? "-0" : "0";
        return shortest(FloatToShortest.of(f), f < 0, 6);
    }

    /** C's printf("%.{p}g") with trailing zeros removed. */
    public static String formatG(double d, int precision) {
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        java.math.BigDecimal bd = new java.math.BigDecimal(Math.abs(d))
                .round(new java.math.MathContext(precision, java.math.RoundingMode.HALF_EVEN));
        String digits = bd.unscaledValue().toString();
        int pointPos = digits.length() - bd.scale();
        return layout(digits, pointPos, d < 0, precision);
    }

    /**
     * Ryu's to_chars (d2s.c, f2s.c): fixed notation when the decimal exponent is in
     * [-4, limit), as printf's %g would choose, otherwise d.ddde+XX.
     */
    private static String shortest(ShortestDecimal dec, boolean negative, int limit) {
        String digits = Long.toString(dec.mantissa());
        return layout(digits, digits.length() + dec.exponent(), negative, limit);
    }

    /** Lays out significant digits with the decimal point at pointPos, fixed or exponent notation. */
    private static String layout(String digits, int pointPos, boolean negative, int limit) {
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
        digits = digits.substring(lead);
        pointPos -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') end--;
        digits = digits.substring(0, end);
        int sciExp = pointPos - 1;
        StringBuilder sb = new StringBuilder();
        if (negative) sb.append('-');
        if (sciExp >= -4 && sciExp < limit) {
            if (pointPos <= 0) {
                sb.append("0.");
                sb.append("0".repeat(-pointPos)).append(digits);
            } else if (pointPos >= digits.length()) {
                sb.append(digits).append("0".repeat(pointPos - digits.length()));
            } else {
                sb.append(digits, 0, pointPos).append('.').append(digits.substring(pointPos));
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) sb.append('.').append(digits.substring(1));
            sb.append('e').append(sciExp < 0 ? '-' : '+');
            int a = Math.abs(sciExp);
            if (a < 10) sb.append('0');
            sb.append(a);
        }
        return sb.toString();
    }

    /** Result check as float.c's float_overflow_error/underflow checks. */
    public static double check(double r, boolean infOk, boolean zeroOk) {
        if (Double.isInfinite(r) && !infOk) throw overflow();
        if (r == 0.0 && !zeroOk) throw underflow();
        return r;
    }

    public static double add(double a, double b) {
        return check(a + b, Double.isInfinite(a) || Double.isInfinite(b), true);
    }

    public static double sub(double a, double b) {
        return check(a - b, Double.isInfinite(a) || Double.isInfinite(b), true);
    }

    public static double mul(double a, double b) {
        return check(a * b, Double.isInfinite(a) || Double.isInfinite(b), a == 0.0 || b == 0.0);
    }

    public static double div(double a, double b) {
        if (b == 0.0 && !Double.isNaN(a)) throw Ints.divByZero();
        return check(a / b, Double.isInfinite(a), a == 0.0 || Double.isInfinite(b));
    }

    public static float add4(float a, float b) { return checkF(a + b, Float.isInfinite(a) || Float.isInfinite(b), true); }
    public static float sub4(float a, float b) { return checkF(a - b, Float.isInfinite(a) || Float.isInfinite(b), true); }
    public static float mul4(float a, float b) { return checkF(a * b, Float.isInfinite(a) || Float.isInfinite(b), a == 0f || b == 0f); }
    public static float div4(float a, float b) {
        if (b == 0.0f && !Float.isNaN(a)) throw Ints.divByZero();
        return checkF(a / b, Float.isInfinite(a), a == 0f || Float.isInfinite(b));
    }

    private static float checkF(float r, boolean infOk, boolean zeroOk) {
        if (Float.isInfinite(r) && !infOk) throw overflow();
        if (r == 0.0f && !zeroOk) throw underflow();
        return r;
    }

    public static float toFloat4(double d) {
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) throw overflow();
        if (f == 0.0f && d != 0.0) throw underflow();
        return f;
    }

    public static double sqrt(double d) {
        if (d < 0) throw PgException.error("2201F", "cannot take square root of a negative number");
        return Math.sqrt(d);
    }

    /**
     * dpow (float.c, PostgreSQL 15): NaN ^ 0 = 1 and 1 ^ NaN = 1, other NaN inputs give NaN; the
     * SQL standard's 2201F errors; infinite arguments by POSIX's rules, worked out here rather than
     * trusted to pow(); otherwise pow() with overflow and underflow errors.
     */
    public static double power(double x, double y) {
        if (Double.isNaN(x)) return Double.isNaN(y) || y != 0.0 ? Double.NaN : 1.0;
        if (Double.isNaN(y)) return x != 1.0 ? Double.NaN : 1.0;
        if (x == 0 && y < 0)
            throw PgException.error("2201F", "zero raised to a negative power is undefined");
        if (x < 0 && Math.floor(y) != y)
            throw PgException.error("2201F", "a negative number raised to a non-integer power yields a complex result");
        if (Double.isInfinite(y)) {
            double absx = Math.abs(x);
            if (absx == 1.0) return 1.0;
            if (y > 0.0) return absx > 1.0 ? y : 0.0;
            return absx > 1.0 ? 0.0 : -y;
        }
        if (Double.isInfinite(x)) {
            if (y == 0.0) return 1.0;
            if (x > 0.0) return y > 0.0 ? x : 0.0;
            // x = -Inf: the sign depends on whether y (an integer, checked above) is odd
            double halfy = y / 2;
            boolean odd = Math.floor(halfy) != halfy;
            if (y > 0.0) return odd ? x : -x;
            return odd ? -0.0 : 0.0;
        }
        double r = Math.pow(x, y);
        if (Double.isInfinite(r)) throw overflow();
        if (r == 0.0 && x != 0.0) throw underflow();
        return r;
    }
}
