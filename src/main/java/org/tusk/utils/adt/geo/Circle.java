package org.tusk.utils.adt.geo;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** circle (geo_decls.h CIRCLE): center and radius, 24 bytes. geo_ops.c's circle_* functions. */
public record Circle(Point center, double radius) {

    public double area() { return Fp.mul(Fp.mul(radius, radius), Math.PI); }
    public double diameter() { return Fp.mul(radius, 2.0); }

    /** circle_same. */
    public boolean same(Circle o) {
        return ((Double.isNaN(radius) && Double.isNaN(o.radius)) || Fp.eq(radius, o.radius)) && center.same(o.center);
    }

    /** circle_eq/lt/...: fuzzy comparison of the areas, -1, 0 or 1. */
    public int compareArea(Circle o) {
        double a = area(), b = o.area();
        return Fp.lt(a, b) ? -1 : Fp.gt(a, b) ? 1 : 0;
    }

    public boolean overlaps(Circle o) { return Fp.le(center.distance(o.center), Fp.pl(radius, o.radius)); }
    public boolean overLeft(Circle o) { return Fp.le(Fp.pl(center.x(), radius), Fp.pl(o.center.x(), o.radius)); }
    public boolean left(Circle o) { return Fp.lt(Fp.pl(center.x(), radius), Fp.mi(o.center.x(), o.radius)); }
    public boolean right(Circle o) { return Fp.gt(Fp.mi(center.x(), radius), Fp.pl(o.center.x(), o.radius)); }
    public boolean overRight(Circle o) { return Fp.ge(Fp.mi(center.x(), radius), Fp.mi(o.center.x(), o.radius)); }
    public boolean below(Circle o) { return Fp.lt(Fp.pl(center.y(), radius), Fp.mi(o.center.y(), o.radius)); }
    public boolean above(Circle o) { return Fp.gt(Fp.mi(center.y(), radius), Fp.pl(o.center.y(), o.radius)); }
    public boolean overBelow(Circle o) { return Fp.le(Fp.pl(center.y(), radius), Fp.pl(o.center.y(), o.radius)); }
    public boolean overAbove(Circle o) { return Fp.ge(Fp.mi(center.y(), radius), Fp.mi(o.center.y(), o.radius)); }

    /** circle_contain: {@code o} lies within this circle. */
    public boolean contains(Circle o) { return Fp.le(Fp.pl(center.distance(o.center), o.radius), radius); }

    /** circle_contain_pt: exact comparison, border included. */
    public boolean contains(Point p) { return center.distance(p) <= radius; }

    public Circle add(Point p) { return new Circle(center.add(p), radius); }
    public Circle sub(Point p) { return new Circle(center.sub(p), radius); }
    /** circle_mul_pt: the center transformed, the radius scaled by |p|. */
    public Circle mul(Point p) { return new Circle(center.mul(p), Fp.mul(radius, Fp.hypot(p.x(), p.y()))); }
    public Circle div(Point p) { return new Circle(center.div(p), Fp.div(radius, Fp.hypot(p.x(), p.y()))); }

    /** circle_distance: between the borders, 0 if they overlap. */
    public double distance(Circle o) {
        double r = Fp.mi(center.distance(o.center), Fp.pl(radius, o.radius));
        return r < 0.0 ? 0.0 : r;
    }

    /** dist_pc. */
    public double distance(Point p) {
        double r = Fp.mi(p.distance(center), radius);
        return r < 0.0 ? 0.0 : r;
    }

    /** dist_cpoly. */
    public double distance(Polygon poly) {
        double r = Fp.mi(poly.distance(center), radius);
        return r < 0.0 ? 0.0 : r;
    }

    /** circle_box: the box inscribed in the circle. */
    public Box toBox() {
        double delta = Fp.div(radius, Math.sqrt(2.0));
        return new Box(new Point(Fp.pl(center.x(), delta), Fp.pl(center.y(), delta)),
                new Point(Fp.mi(center.x(), delta), Fp.mi(center.y(), delta)));
    }

    /** circle_poly: npts points on the circle, starting at the leftmost and turning clockwise in y-up terms. */
    public Polygon toPolygon(int npts) {
        if (Fp.zero(radius))
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot convert circle with radius zero to polygon");
        if (npts < 2) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "must request at least 2 points");
        double step = Fp.div(2.0 * Math.PI, npts);
        Point[] pts = new Point[npts];
        for (int i = 0; i < npts; i++) {
            double angle = Fp.mul(step, i);
            pts[i] = new Point(Fp.mi(center.x(), Fp.mul(radius, Math.cos(angle))),
                    Fp.pl(center.y(), Fp.mul(radius, Math.sin(angle))));
        }
        return Polygon.of(pts);
    }
}
