package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The trigonometric functions in degrees of float.c (dsind, dcosd, dtand, dcotd, dasind,
 * dacosd, datand, datan2d). As PostgreSQL's, they reduce the argument to the first quadrant and
 * scale the radian functions by their values at 30, 45 and 60 degrees, so that the results at
 * the "special" angles are exact (sind(30) = 0.5, tand(45) = 1, acosd(0.5) = 60).
 */
public final class FloatDegrees {
    private FloatDegrees() {}

    /** RADIANS_PER_DEGREE of float.c. */
    private static final double RADIANS_PER_DEGREE = 0.0174532925199432957692;

    // init_degree_constants: computed once, the same way at run time as float.c does.
    private static final double SIN_30 = Math.sin(30.0 * RADIANS_PER_DEGREE);
    private static final double ONE_MINUS_COS_60 = 1.0 - Math.cos(60.0 * RADIANS_PER_DEGREE);
    private static final double ASIN_0_5 = Math.asin(0.5);
    private static final double ACOS_0_5 = Math.acos(0.5);
    private static final double ATAN_1_0 = Math.atan(1.0);
    private static final double TAN_45 = sindQ1(45.0) / cosdQ1(45.0);
    private static final double COT_45 = cosdQ1(45.0) / sindQ1(45.0);

    private static PgException outOfRange() {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
    }

    private static double sind0To30(double x) {
        return (Math.sin(x * RADIANS_PER_DEGREE) / SIN_30) / 2.0;
    }

    private static double cosd0To60(double x) {
        double oneMinusCos = 1.0 - Math.cos(x * RADIANS_PER_DEGREE);
        return 1.0 - (oneMinusCos / ONE_MINUS_COS_60) / 2.0;
    }

    private static double sindQ1(double x) {
        return x <= 30.0 ? sind0To30(x) : cosd0To60(90.0 - x);
    }

    private static double cosdQ1(double x) {
        return x <= 60.0 ? cosd0To60(x) : sind0To30(90.0 - x);
    }

    private static double asindQ1(double x) {
        if (x <= 0.5) return (Math.asin(x) / ASIN_0_5) * 30.0;
        return 90.0 - (Math.acos(x) / ACOS_0_5) * 60.0;
    }

    private static double acosdQ1(double x) {
        if (x <= 0.5) return 90.0 - (Math.asin(x) / ASIN_0_5) * 30.0;
        return (Math.acos(x) / ACOS_0_5) * 60.0;
    }

    private static double checkFinite(double x) {
        if (Double.isInfinite(x)) throw outOfRange();
        return x;
    }

    /** dsind. */
    public static double sind(double x) {
        if (Double.isNaN(x)) return x;
        double a = checkFinite(x) % 360.0;   // C fmod
        double sign = 1.0;
        if (a < 0.0) { a = -a; sign = -sign; }
        if (a > 180.0) { a = 360.0 - a; sign = -sign; }
        if (a > 90.0) a = 180.0 - a;
        return sign * sindQ1(a);
    }

    /** dcosd. */
    public static double cosd(double x) {
        if (Double.isNaN(x)) return x;
        double a = checkFinite(x) % 360.0;
        double sign = 1.0;
        if (a < 0.0) a = -a;
        if (a > 180.0) a = 360.0 - a;
        if (a > 90.0) { a = 180.0 - a; sign = -sign; }
        return sign * cosdQ1(a);
    }

    /** dtand: tand(90) is Infinity; a zero result is never -0. */
    public static double tand(double x) {
        if (Double.isNaN(x)) return x;
        double a = checkFinite(x) % 360.0;
        double sign = 1.0;
        if (a < 0.0) { a = -a; sign = -sign; }
        if (a > 180.0) { a = 360.0 - a; sign = -sign; }
        if (a > 90.0) { a = 180.0 - a; sign = -sign; }
        double r = sign * ((sindQ1(a) / cosdQ1(a)) / TAN_45);
        return r == 0.0 ? 0.0 : r;
    }

    /** dcotd: cotd(0) is Infinity; a zero result is never -0. */
    public static double cotd(double x) {
        if (Double.isNaN(x)) return x;
        double a = checkFinite(x) % 360.0;
        double sign = 1.0;
        if (a < 0.0) { a = -a; sign = -sign; }
        if (a > 180.0) { a = 360.0 - a; sign = -sign; }
        if (a > 90.0) { a = 180.0 - a; sign = -sign; }
        double r = sign * ((cosdQ1(a) / sindQ1(a)) / COT_45);
        return r == 0.0 ? 0.0 : r;
    }

    /** dasind: defined on [-1, 1]. */
    public static double asind(double x) {
        if (Double.isNaN(x)) return x;
        if (x < -1.0 || x > 1.0) throw outOfRange();
        return x >= 0.0 ? asindQ1(x) : -asindQ1(-x);
    }

    /** dacosd: defined on [-1, 1]. */
    public static double acosd(double x) {
        if (Double.isNaN(x)) return x;
        if (x < -1.0 || x > 1.0) throw outOfRange();
        return x >= 0.0 ? acosdQ1(x) : 90.0 + asindQ1(-x);
    }

    /** datand. */
    public static double atand(double x) {
        if (Double.isNaN(x)) return x;
        return (Math.atan(x) / ATAN_1_0) * 45.0;
    }

    /** datan2d. */
    public static double atan2d(double y, double x) {
        if (Double.isNaN(y) || Double.isNaN(x)) return Double.NaN;
        return (Math.atan2(y, x) / ATAN_1_0) * 45.0;
    }
}
