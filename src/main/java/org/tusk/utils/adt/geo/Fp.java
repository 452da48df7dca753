package org.tusk.utils.adt.geo;

import org.tusk.utils.adt.Floats;

/**
 * The fuzzy comparisons of geo_decls.h (FPzero, FPeq, FPlt, ... with EPSILON 1.0E-06) and the
 * NaN-aware float8 helpers of float.h the geometric code uses (float8_pl/mi/mul/div with their
 * overflow checks, float8_eq/lt/gt/min/max where NaN sorts above every number) and pg_hypot.
 */
final class Fp {
    private Fp() {}

    /** EPSILON: geometric comparisons treat values this close as equal. */
    static final double EPSILON = 1.0E-06;

    static boolean zero(double a) { return Math.abs(a) <= EPSILON; }
    static boolean eq(double a, double b) { return a == b || Math.abs(a - b) <= EPSILON; }
    static boolean ne(double a, double b) { return a != b && Math.abs(a - b) > EPSILON; }
    static boolean lt(double a, double b) { return a + EPSILON < b; }
    static boolean le(double a, double b) { return a <= b + EPSILON; }
    static boolean gt(double a, double b) { return a > b + EPSILON; }
    static boolean ge(double a, double b) { return a + EPSILON >= b; }

    static double pl(double a, double b) { return Floats.add(a, b); }
    static double mi(double a, double b) { return Floats.sub(a, b); }
    static double mul(double a, double b) { return Floats.mul(a, b); }
    static double div(double a, double b) { return Floats.div(a, b); }

    /** float8_eq: NaN equals NaN. */
    static boolean float8Eq(double a, double b) { return Double.isNaN(a) ? Double.isNaN(b) : !Double.isNaN(b) && a == b; }
    /** float8_lt: NaN is greater than every non-NaN. */
    static boolean float8Lt(double a, double b) { return !Double.isNaN(a) && (Double.isNaN(b) || a < b); }
    static boolean float8Gt(double a, double b) { return !Double.isNaN(b) && (Double.isNaN(a) || a > b); }
    static double min(double a, double b) { return float8Lt(a, b) ? a : b; }
    static double max(double a, double b) { return float8Gt(a, b) ? a : b; }

    /**
     * pg_hypot: sqrt(x*x + y*y) computed as x*sqrt(1+(y/x)^2) to avoid overflow; Java's
     * Math.hypot rounds differently in the last place, which would change printed distances.
     */
    static double hypot(double x, double y) {
        if (Double.isInfinite(x) || Double.isInfinite(y)) return Double.POSITIVE_INFINITY;
        if (Double.isNaN(x) || Double.isNaN(y)) return Double.NaN;
        x = Math.abs(x);
        y = Math.abs(y);
        if (x < y) {
            double t = x;
            x = y;
            y = t;
        }
        if (y == 0.0) return x;
        double yx = y / x;
        double r = x * Math.sqrt(1.0 + yx * yx);
        if (Double.isInfinite(r)) throw Floats.overflow();
        if (r == 0.0) throw Floats.underflow();
        return r;
    }

    /** Turns -0 into 0, as geo_ops.c does where "some platforms tend to produce -0". */
    static double noNegZero(double v) { return v == 0.0 ? 0.0 : v; }
}
