package org.tusk.utils.adt;

/**
 * The float8 statistical aggregates of float.c: the transition functions float8_accum (also
 * float4_accum: a float4 input is widened first) over {N, Sx, Sxx} and float8_regr_accum over
 * {N, Sx, Sxx, Sy, Syy, Sxy}, using the Youngs-Cramer algorithm (each new value updates the sum
 * of squared deviations from the running mean, so no large sums are subtracted at the end),
 * and their final functions. Each transition returns a new array; states are never shared.
 */
public final class FloatAccum {
    private FloatAccum() {}

    public static double[] initial() { return new double[3]; }

    public static double[] initialRegr() { return new double[6]; }

    /** float8_accum. */
    public static double[] accum(double[] st, double newval) {
        double n = st[0], sx = st[1], sxx = st[2];
        n += 1.0;
        sx += newval;
        if (st[0] > 0.0) {
            double tmp = newval * n - sx;
            sxx += tmp * tmp / (n * st[0]);
            // overflow check: an infinite sum from finite inputs is an overflow, else the result is NaN
            if (Double.isInfinite(sx) || Double.isInfinite(sxx)) {
                if (!Double.isInfinite(st[1]) && !Double.isInfinite(newval)) throw Floats.overflow();
                sxx = Double.NaN;
            }
        } else if (Double.isNaN(newval) || Double.isInfinite(newval)) {
            // a first input of Inf or NaN makes Sxx NaN, which every later input keeps
            sxx = Double.NaN;
        }
        return new double[] {n, sx, sxx};
    }

    /** float8_regr_accum for the pair (y, x). */
    public static double[] regrAccum(double[] st, double newY, double newX) {
        double n = st[0], sx = st[1], sxx = st[2], sy = st[3], syy = st[4], sxy = st[5];
        n += 1.0;
        sx += newX;
        sy += newY;
        if (st[0] > 0.0) {
            double tmpX = newX * n - sx, tmpY = newY * n - sy;
            double scale = 1.0 / (n * st[0]);
            sxx += tmpX * tmpX * scale;
            syy += tmpY * tmpY * scale;
            sxy += tmpX * tmpY * scale;
            if (Double.isInfinite(sx) || Double.isInfinite(sxx) || Double.isInfinite(sy) || Double.isInfinite(syy)
                    || Double.isInfinite(sxy)) {
                if (((Double.isInfinite(sx) || Double.isInfinite(sxx)) && !Double.isInfinite(st[1]) && !Double.isInfinite(newX))
                        || ((Double.isInfinite(sy) || Double.isInfinite(syy)) && !Double.isInfinite(st[3])
                            && !Double.isInfinite(newY))
                        || (Double.isInfinite(sxy) && !Double.isInfinite(st[1]) && !Double.isInfinite(newX)
                            && !Double.isInfinite(st[3]) && !Double.isInfinite(newY)))
                    throw Floats.overflow();
                if (Double.isInfinite(sxx)) sxx = Double.NaN;
                if (Double.isInfinite(syy)) syy = Double.NaN;
                if (Double.isInfinite(sxy)) sxy = Double.NaN;
            }
        } else {
            if (Double.isNaN(newX) || Double.isInfinite(newX)) sxx = sxy = Double.NaN;
            if (Double.isNaN(newY) || Double.isInfinite(newY)) syy = sxy = Double.NaN;
        }
        return new double[] {n, sx, sxx, sy, syy, sxy};
    }

    /** float8_combine: merges two {N, Sx, Sxx} states (Chan et al.'s parallel form of Youngs-Cramer). */
    public static double[] combine(double[] a, double[] b) {
        if (a[0] == 0.0) return b.clone();
        if (b[0] == 0.0) return a.clone();
        double n = a[0] + b[0];
        double sx = Floats.add(a[1], b[1]);
        double tmp = a[1] / a[0] - b[1] / b[0];
        double sxx = a[2] + b[2] + a[0] * b[0] * tmp * tmp / n;
        if (Double.isInfinite(sxx) && !Double.isInfinite(a[2]) && !Double.isInfinite(b[2])) throw Floats.overflow();
        return new double[] {n, sx, sxx};
    }

    /** float8_regr_combine: merges two {N, Sx, Sxx, Sy, Syy, Sxy} states. */
    public static double[] regrCombine(double[] a, double[] b) {
        if (a[0] == 0.0) return b.clone();
        if (b[0] == 0.0) return a.clone();
        double n = a[0] + b[0];
        double sx = Floats.add(a[1], b[1]);
        double tmp1 = a[1] / a[0] - b[1] / b[0];
        double sxx = a[2] + b[2] + a[0] * b[0] * tmp1 * tmp1 / n;
        if (Double.isInfinite(sxx) && !Double.isInfinite(a[2]) && !Double.isInfinite(b[2])) throw Floats.overflow();
        double sy = Floats.add(a[3], b[3]);
        double tmp2 = a[3] / a[0] - b[3] / b[0];
        double syy = a[4] + b[4] + a[0] * b[0] * tmp2 * tmp2 / n;
        if (Double.isInfinite(syy) && !Double.isInfinite(a[4]) && !Double.isInfinite(b[4])) throw Floats.overflow();
        double sxy = a[5] + b[5] + a[0] * b[0] * tmp1 * tmp2 / n;
        if (Double.isInfinite(sxy) && !Double.isInfinite(a[5]) && !Double.isInfinite(b[5])) throw Floats.overflow();
        return new double[] {n, sx, sxx, sy, syy, sxy};
    }

    /**
     * check_float8_array: the transition state as a SQL float8[] must be one-dimensional with
     * exactly {@code n} non-null elements.
     */
    public static double[] fromArray(ArrayValue a, String caller, int n) {
        if (a.ndim() != 1 || a.size() != n || a.hasNulls())
            throw org.tusk.utils.error.PgException.error("XX000", caller + ": expected " + n + "-element float8 array");
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = ((Number) a.get(i)).doubleValue();
        return r;
    }

    public static ArrayValue toArray(double[] st, int float8Oid) {
        java.util.List<Object> l = new java.util.ArrayList<>();
        for (double d : st) l.add(d);
        return ArrayValue.of1d(float8Oid, l);
    }

    /** float8_var_pop, float8_var_samp, float8_stddev_pop, float8_stddev_samp; null where undefined. */
    public static Double variance(double[] st, boolean sample, boolean stddev) {
        double n = st[0];
        if (sample ? n <= 1.0 : n == 0.0) return null;
        // Sxx is never negative, so no clamping is needed
        double v = st[2] / (sample ? n - 1.0 : n);
        return stddev ? Math.sqrt(v) : v;
    }

    /** The final functions of the regression aggregates, by name (float8_regr_sxx, float8_corr, ...). */
    public static Double regrFinal(String name, double[] st) {
        double n = st[0], sx = st[1], sxx = st[2], sy = st[3], syy = st[4], sxy = st[5];
        if (n < 1.0) return null;
        switch (name) {
            case "regr_sxx": return sxx;
            case "regr_syy": return syy;
            case "regr_sxy": return sxy;
            case "regr_avgx": return sx / n;
            case "regr_avgy": return sy / n;
            case "covar_pop": return sxy / n;
            case "covar_samp": return n < 2.0 ? null : sxy / (n - 1.0);
            case "corr":
                // per the standard, NULL for horizontal and vertical lines
                if (sxx == 0 || syy == 0) return null;
                return sxy / Math.sqrt(sxx * syy);
            case "regr_r2":
                if (sxx == 0) return null;
                if (syy == 0) return 1.0;
                return (sxy * sxy) / (sxx * syy);
            case "regr_slope":
                if (sxx == 0) return null;
                return sxy / sxx;
            case "regr_intercept":
                if (sxx == 0) return null;
                return (sy - sx * sxy / sxx) / n;
            default: throw new IllegalArgumentException(name);
        }
    }
}
