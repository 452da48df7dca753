package org.tusk.utils.adt.geo;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** line (geo_decls.h LINE): Ax + By + C = 0, three float8 (24 bytes). geo_ops.c's line_* functions. */
public record Line(double a, double b, double c) {

    /** line_construct: the line through {@code pt} with slope {@code m}. */
    static Line through(Point pt, double m) {
        if (Double.isInfinite(m)) return new Line(-1.0, 0.0, pt.x());   // vertical: x = C
        if (m == 0) return new Line(0.0, -1.0, pt.y());                  // horizontal: y = C
        return new Line(m, -1.0, Fp.noNegZero(Fp.mi(pt.y(), Fp.mul(m, pt.x()))));
    }

    /** line_construct_pp: line(point, point). */
    public static Line of(Point p1, Point p2) {
        if (p1.same(p2))
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid line specification: must be two distinct points");
        return through(p1, p1.slope(p2));
    }

    /** line_sl. */
    double slope() {
        if (Fp.zero(a)) return 0.0;
        if (Fp.zero(b)) return Double.POSITIVE_INFINITY;
        return Fp.div(a, -b);
    }

    /** line_invsl: slope of a perpendicular. */
    double invSlope() {
        if (Fp.zero(a)) return Double.POSITIVE_INFINITY;
        if (Fp.zero(b)) return 0.0;
        return Fp.div(b, a);
    }

    /** line_interpt_line: the intersection point, or null for parallel lines. */
    public Point intersection(Line o) {
        double x, y;
        if (!Fp.zero(b)) {
            if (Fp.eq(o.a, Fp.mul(a, Fp.div(o.b, b)))) return null;
            x = Fp.div(Fp.mi(Fp.mul(b, o.c), Fp.mul(o.b, c)), Fp.mi(Fp.mul(a, o.b), Fp.mul(o.a, b)));
            y = Fp.div(-Fp.pl(Fp.mul(a, x), c), b);
        } else if (!Fp.zero(o.b)) {
            if (Fp.eq(a, Fp.mul(o.a, Fp.div(b, o.b)))) return null;
            x = Fp.div(Fp.mi(Fp.mul(o.b, c), Fp.mul(b, o.c)), Fp.mi(Fp.mul(o.a, b), Fp.mul(a, o.b)));
            y = Fp.div(-Fp.pl(Fp.mul(o.a, x), o.c), o.b);
        } else {
            return null;
        }
        return new Point(Fp.noNegZero(x), Fp.noNegZero(y));
    }

    public boolean intersects(Line o) { return intersection(o) != null; }

    public boolean parallel(Line o) {
        if (Fp.zero(b)) return Fp.zero(o.b);
        return Fp.eq(o.a, Fp.mul(a, Fp.div(o.b, b)));
    }

    public boolean perpendicular(Line o) {
        if (Fp.zero(a)) return Fp.zero(o.b);
        if (Fp.zero(o.a)) return Fp.zero(b);
        if (Fp.zero(b)) return Fp.zero(o.a);
        if (Fp.zero(o.b)) return Fp.zero(a);
        return Fp.eq(Fp.div(Fp.mul(a, o.a), Fp.mul(b, o.b)), -1.0);
    }

    public boolean vertical() { return Fp.zero(b); }
    public boolean horizontal() { return Fp.zero(a); }

    /** line_eq: the same line when the coefficients are proportional. */
    public boolean same(Line o) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(o.a) || Double.isNaN(o.b) || Double.isNaN(o.c))
            return Fp.float8Eq(a, o.a) && Fp.float8Eq(b, o.b) && Fp.float8Eq(c, o.c);
        double ratio;
        if (!Fp.zero(o.a)) ratio = Fp.div(a, o.a);
        else if (!Fp.zero(o.b)) ratio = Fp.div(b, o.b);
        else if (!Fp.zero(o.c)) ratio = Fp.div(c, o.c);
        else ratio = 1.0;
        return Fp.eq(a, Fp.mul(ratio, o.a)) && Fp.eq(b, Fp.mul(ratio, o.b)) && Fp.eq(c, Fp.mul(ratio, o.c));
    }

    /** line_distance: 0 if they intersect, else the distance between the parallels. */
    public double distance(Line o) {
        if (intersects(o)) return 0.0;
        double ratio;
        if (!Fp.zero(a) && !Double.isNaN(a) && !Fp.zero(o.a) && !Double.isNaN(o.a)) ratio = Fp.div(a, o.a);
        else if (!Fp.zero(b) && !Double.isNaN(b) && !Fp.zero(o.b) && !Double.isNaN(o.b)) ratio = Fp.div(b, o.b);
        else ratio = 1.0;
        return Fp.div(Math.abs(Fp.mi(c, Fp.mul(ratio, o.c))), Fp.hypot(a, b));
    }

    /** line_contain_point (on_pl). */
    public boolean contains(Point p) { return Fp.zero(Fp.pl(Fp.pl(Fp.mul(a, p.x()), Fp.mul(b, p.y())), c)); }

    /**
     * line_closept_point: the point of this line closest to {@code p} (the foot of the
     * perpendicular) written to {@code out[0]} if out is given; returns the distance.
     */
    double closestTo(Point p, Point[] out) {
        Point cp = through(p, invSlope()).intersection(this);
        if (cp == null) {   // only with NaN coefficients
            if (out != null) out[0] = p;
            return 0.0;
        }
        if (out != null) out[0] = cp;
        return cp.distance(p);
    }

    /** dist_pl. */
    public double distance(Point p) { return closestTo(p, null); }

    /** close_pl: null when the distance is NaN. */
    public Point closestPoint(Point p) {
        Point[] out = new Point[1];
        return Double.isNaN(closestTo(p, out)) ? null : out[0];
    }
}
