package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The float8 functions of float.c beyond arithmetic: exponentials and logarithms (dexp, dlog1,
 * dlog10), cube root (dcbrt), sign (dsign), the hyperbolic functions (dsinh ... datanh) and
 * the radian trigonometric functions, with PostgreSQL's domain errors and overflow checks.
 */
public final class FloatMath {
    private FloatMath() {}

    private static PgException outOfRangeInput() {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
    }

    /** dexp: overflow unless the input was +Infinity; underflow unless it was -Infinity. */
    public static double exp(double x) {
        double r = Math.exp(x);
        if (Double.isInfinite(r) && !Double.isInfinite(x)) throw Floats.overflow();
        if (r == 0.0 && !Double.isInfinite(x)) throw Floats.underflow();
        return r;
    }

    /** dlog1 / dlog10: zero and negative inputs are errors (2201E). */
    public static double log(double x, boolean base10) {
        if (x == 0.0) throw PgException.error("2201E", "cannot take logarithm of zero");
        if (x < 0) throw PgException.error("2201E", "cannot take logarithm of a negative number");
        return base10 ? Math.log10(x) : Math.log(x);
    }

    public static double cbrt(double x) { return Math.cbrt(x); }

    /** dsign: -1, 0 or 1 (NaN stays NaN). */
    public static double sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; }

    /** dsinh: overflow gives ±Infinity, as PostgreSQL returns it rather than an error. */
    public static double sinh(double x) { return Math.sinh(x); }

    public static double cosh(double x) { return Math.cosh(x); }

    public static double tanh(double x) { return Math.tanh(x); }

    /** dasinh, computed in a form that keeps precision near 0 and range for large inputs. */
    public static double asinh(double x) {
        if (Double.isInfinite(x) || x == 0.0) return x;
        double a = Math.abs(x);
        double r = a > 1e8 ? Math.log(a) + Math.log(2.0) : Math.log1p(a + a * a / (1.0 + Math.sqrt(1.0 + a * a)));
        return Math.copySign(r, x);
    }

    /** dacosh: defined for x >= 1. */
    public static double acosh(double x) {
        if (x < 1.0) throw outOfRangeInput();
        if (Double.isInfinite(x)) return x;
        return x > 1e8 ? Math.log(x) + Math.log(2.0) : Math.log(x + Math.sqrt(x * x - 1.0));
    }

    /** datanh: defined on [-1, 1], infinite at the ends. */
    public static double atanh(double x) {
        if (x < -1.0 || x > 1.0) throw outOfRangeInput();
        if (x == -1.0) return Double.NEGATIVE_INFINITY;
        if (x == 1.0) return Double.POSITIVE_INFINITY;
        return 0.5 * Math.log1p(2.0 * x / (1.0 - x));
    }

    /** dsin/dcos/dtan: infinite input is out of range. */
    public static double trig(double x, java.util.function.DoubleUnaryOperator f) {
        if (Double.isNaN(x)) return x;
        if (Double.isInfinite(x)) throw outOfRangeInput();
        return f.applyAsDouble(x);
    }

    /** dasin/dacos: defined on [-1, 1]. */
    public static double arc(double x, java.util.function.DoubleUnaryOperator f) {
        if (Double.isNaN(x)) return x;
        if (x < -1.0 || x > 1.0) throw outOfRangeInput();
        return f.applyAsDouble(x);
    }
}
