package org.tusk.utils.adt.geo;

/**
 * box (geo_decls.h BOX): the upper right corner {@code high} and the lower left {@code low},
 * 32 bytes. Constructors keep high &ge; low per coordinate (box_construct); geo_ops.c's box_*.
 */
public record Box(Point high, Point low) {

    /** box_construct: the box with corners p1 and p2 in any order. */
    public static Box of(Point p1, Point p2) {
        double hx, lx, hy, ly;
        if (Fp.float8Gt(p1.x(), p2.x())) { hx = p1.x(); lx = p2.x(); } else { hx = p2.x(); lx = p1.x(); }
        if (Fp.float8Gt(p1.y(), p2.y())) { hy = p1.y(); ly = p2.y(); } else { hy = p2.y(); ly = p1.y(); }
        return new Box(new Point(hx, hy), new Point(lx, ly));
    }

    /** box_in/box_recv: swap coordinates so that high holds the larger ones. */
    static Box ordered(Point a, Point b) {
        double hx = a.x(), lx = b.x(), hy = a.y(), ly = b.y();
        if (hx < lx) { double t = hx; hx = lx; lx = t; }
        if (hy < ly) { double t = hy; hy = ly; ly = t; }
        return new Box(new Point(hx, hy), new Point(lx, ly));
    }

    public double width() { return Fp.mi(high.x(), low.x()); }
    public double height() { return Fp.mi(high.y(), low.y()); }
    public double area() { return Fp.mul(width(), height()); }
    public Point center() { return Point.middle(high, low); }
    public Lseg diagonal() { return new Lseg(high, low); }

    /** box_same. */
    public boolean same(Box o) { return high.same(o.high) && low.same(o.low); }

    /** box_ov. */
    public boolean overlaps(Box o) {
        return Fp.le(low.x(), o.high.x()) && Fp.le(o.low.x(), high.x()) && Fp.le(low.y(), o.high.y()) && Fp.le(o.low.y(), high.y());
    }

    public boolean left(Box o) { return Fp.lt(high.x(), o.low.x()); }
    public boolean overLeft(Box o) { return Fp.le(high.x(), o.high.x()); }
    public boolean right(Box o) { return Fp.gt(low.x(), o.high.x()); }
    public boolean overRight(Box o) { return Fp.ge(low.x(), o.low.x()); }
    public boolean below(Box o) { return Fp.lt(high.y(), o.low.y()); }
    public boolean overBelow(Box o) { return Fp.le(high.y(), o.high.y()); }
    public boolean above(Box o) { return Fp.gt(low.y(), o.high.y()); }
    public boolean overAbove(Box o) { return Fp.ge(low.y(), o.low.y()); }
    /** box_below_eq (&lt;^): below or touching. */
    public boolean belowEq(Box o) { return Fp.le(high.y(), o.low.y()); }
    /** box_above_eq (&gt;^). */
    public boolean aboveEq(Box o) { return Fp.ge(low.y(), o.high.y()); }

    /** box_contain_box. */
    public boolean contains(Box o) {
        return Fp.ge(high.x(), o.high.x()) && Fp.le(low.x(), o.low.x()) && Fp.ge(high.y(), o.high.y()) && Fp.le(low.y(), o.low.y());
    }

    /** box_contain_point: exact comparisons, border included. */
    public boolean contains(Point p) {
        return high.x() >= p.x() && low.x() <= p.x() && high.y() >= p.y() && low.y() <= p.y();
    }

    /** box_lt/box_eq/...: fuzzy comparison of the areas, -1, 0 or 1. */
    public int compareArea(Box o) {
        double a = area(), b = o.area();
        return Fp.lt(a, b) ? -1 : Fp.gt(a, b) ? 1 : 0;
    }

    /** box_distance: between the centers. */
    public double distance(Box o) { return center().distance(o.center()); }

    /** box_intersect: null if they do not overlap. */
    public Box intersect(Box o) {
        if (!overlaps(o)) return null;
        return new Box(new Point(Fp.min(high.x(), o.high.x()), Fp.min(high.y(), o.high.y())),
                new Point(Fp.max(low.x(), o.low.x()), Fp.max(low.y(), o.low.y())));
    }

    /** boxes_bound_box. */
    public Box boundWith(Box o) {
        return new Box(new Point(Fp.max(high.x(), o.high.x()), Fp.max(high.y(), o.high.y())),
                new Point(Fp.min(low.x(), o.low.x()), Fp.min(low.y(), o.low.y())));
    }

    /** box_add / box_sub: translation (no reordering needed). */
    public Box add(Point p) { return new Box(high.add(p), low.add(p)); }
    public Box sub(Point p) { return new Box(high.sub(p), low.sub(p)); }
    /** box_mul / box_div: both corners transformed, then box_construct. */
    public Box mul(Point p) { return of(high.mul(p), low.mul(p)); }
    public Box div(Point p) { return of(high.div(p), low.div(p)); }

    /** The four sides, as box_closept_point and friends walk them. */
    private Lseg[] sides() {
        Point ul = new Point(low.x(), high.y()), lr = new Point(high.x(), low.y());
        return new Lseg[] {new Lseg(low, ul), new Lseg(high, ul), new Lseg(low, lr), new Lseg(high, lr)};
    }

    /** box_closept_point: the point of the box closest to p into out[0]; the distance. */
    double closestTo(Point p, Point[] out) {
        if (contains(p)) {
            if (out != null) out[0] = p;
            return 0.0;
        }
        Lseg[] s = sides();
        double dist = s[0].closestTo(p, out);
        Point[] cp = new Point[1];
        for (int i = 1; i < 4; i++) {
            double d = s[i].closestTo(p, cp);
            if (Fp.float8Lt(d, dist)) {
                dist = d;
                if (out != null) out[0] = cp[0];
            }
        }
        return dist;
    }

    /** box_interpt_lseg: whether the segment meets the box; the closest point to the center into out[0]. */
    boolean intersects(Lseg l, Point[] out) {
        Box lbox = new Box(new Point(Fp.max(l.p0().x(), l.p1().x()), Fp.max(l.p0().y(), l.p1().y())),
                new Point(Fp.min(l.p0().x(), l.p1().x()), Fp.min(l.p0().y(), l.p1().y())));
        if (!lbox.overlaps(this)) return false;
        if (out != null) l.closestTo(center(), out);
        if (contains(l.p0()) || contains(l.p1())) return true;
        for (Lseg s : sides()) if (s.intersection(l) != null) return true;
        return false;
    }

    public boolean intersects(Lseg l) { return intersects(l, null); }

    /** box_closept_lseg. */
    double closestTo(Lseg l, Point[] out) {
        if (intersects(l, out)) return 0.0;
        Lseg[] s = sides();
        double dist = s[0].closestTo(l, out);
        Point[] cp = new Point[1];
        for (int i = 1; i < 4; i++) {
            double d = s[i].closestTo(l, cp);
            if (Fp.float8Lt(d, dist)) {
                dist = d;
                if (out != null) out[0] = cp[0];
            }
        }
        return dist;
    }

    /** inter_lb: whether the line crosses one of the sides. */
    public boolean intersects(Line line) {
        Point ll = low, ul = new Point(low.x(), high.y()), ur = high, lr = new Point(high.x(), low.y());
        return new Lseg(ll, ul).intersection(line) != null || new Lseg(ur, ul).intersection(line) != null
                || new Lseg(ur, lr).intersection(line) != null || new Lseg(ll, lr).intersection(line) != null;
    }

    public double distance(Point p) { return closestTo(p, null); }
    public double distance(Lseg l) { return closestTo(l, null); }

    public Point closestPoint(Point p) {
        Point[] out = new Point[1];
        return Double.isNaN(closestTo(p, out)) ? null : out[0];
    }

    public Point closestPoint(Lseg l) {
        Point[] out = new Point[1];
        return Double.isNaN(closestTo(l, out)) ? null : out[0];
    }

    /** box_poly. */
    public Polygon toPolygon() {
        return new Polygon(new Point[] {low, new Point(low.x(), high.y()), high, new Point(high.x(), low.y())}, this);
    }

    /** box_circle: centered, through the corners. */
    public Circle toCircle() {
        Point c = center();
        return new Circle(c, c.distance(high));
    }
}
