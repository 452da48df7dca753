package org.tusk.utils.adt.geo;

/**
 * point (geo_decls.h Point): two float8, stored as 16 bytes. The operations are geo_ops.c's
 * point_* functions; equality is fuzzy (point_eq_point) except where a NaN is involved.
 */
public record Point(double x, double y) {

    /** point_eq_point: FPeq on both coordinates, exact (NaN = NaN) equality if any is NaN. */
    public boolean same(Point o) {
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(o.x) || Double.isNaN(o.y))
            return Fp.float8Eq(x, o.x) && Fp.float8Eq(y, o.y);
        return Fp.eq(x, o.x) && Fp.eq(y, o.y);
    }

    /** point_dt: Euclidean distance. */
    public double distance(Point o) { return Fp.hypot(Fp.mi(x, o.x), Fp.mi(y, o.y)); }

    /** point_sl: slope of the line through both points (Infinity if vertical). */
    public double slope(Point o) {
        if (Fp.eq(x, o.x)) return Double.POSITIVE_INFINITY;
        if (Fp.eq(y, o.y)) return 0.0;
        return Fp.div(Fp.mi(y, o.y), Fp.mi(x, o.x));
    }

    /** point_invsl: slope of the perpendicular to that line. */
    double invSlope(Point o) {
        if (Fp.eq(x, o.x)) return 0.0;
        if (Fp.eq(y, o.y)) return Double.POSITIVE_INFINITY;
        return Fp.div(Fp.mi(x, o.x), Fp.mi(o.y, y));
    }

    public Point add(Point o) { return new Point(Fp.pl(x, o.x), Fp.pl(y, o.y)); }
    public Point sub(Point o) { return new Point(Fp.mi(x, o.x), Fp.mi(y, o.y)); }

    /** point_mul_point: complex multiplication (scale and rotate). */
    public Point mul(Point o) {
        return new Point(Fp.mi(Fp.mul(x, o.x), Fp.mul(y, o.y)), Fp.pl(Fp.mul(x, o.y), Fp.mul(y, o.x)));
    }

    /** point_div_point: complex division. */
    public Point div(Point o) {
        double d = Fp.pl(Fp.mul(o.x, o.x), Fp.mul(o.y, o.y));
        return new Point(Fp.div(Fp.pl(Fp.mul(x, o.x), Fp.mul(y, o.y)), d),
                Fp.div(Fp.mi(Fp.mul(y, o.x), Fp.mul(x, o.y)), d));
    }

    public boolean left(Point o) { return Fp.lt(x, o.x); }
    public boolean right(Point o) { return Fp.gt(x, o.x); }
    public boolean above(Point o) { return Fp.gt(y, o.y); }
    public boolean below(Point o) { return Fp.lt(y, o.y); }
    public boolean vertical(Point o) { return Fp.eq(x, o.x); }
    public boolean horizontal(Point o) { return Fp.eq(y, o.y); }

    /** The midpoint (lseg_center / box_cn): float8_div(float8_pl(a, b), 2.0) per coordinate. */
    static Point middle(Point a, Point b) {
        return new Point(Fp.div(Fp.pl(a.x, b.x), 2.0), Fp.div(Fp.pl(a.y, b.y), 2.0));
    }
}
