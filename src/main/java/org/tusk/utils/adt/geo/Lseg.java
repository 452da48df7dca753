package org.tusk.utils.adt.geo;

/** lseg (geo_decls.h LSEG): two end points, 32 bytes. geo_ops.c's lseg_* functions. */
public record Lseg(Point p0, Point p1) {

    double slope() { return p0.slope(p1); }
    double invSlope() { return p0.invSlope(p1); }

    /** The line through the segment (line_construct with lseg_sl). */
    Line line() { return Line.through(p0, slope()); }

    public double length() { return p0.distance(p1); }
    public Point center() { return Point.middle(p0, p1); }

    public boolean parallel(Lseg o) { return Fp.eq(slope(), o.slope()); }
    public boolean perpendicular(Lseg o) { return Fp.eq(slope(), o.invSlope()); }
    public boolean vertical() { return Fp.eq(p0.x(), p1.x()); }
    public boolean horizontal() { return Fp.eq(p0.y(), p1.y()); }

    /** lseg_eq. */
    public boolean same(Lseg o) { return p0.same(o.p0) && p1.same(o.p1); }

    /** lseg_lt/le/... compare lengths fuzzily; returns -1, 0 or 1 as FPlt/FPeq/FPgt decide. */
    public int compareLength(Lseg o) {
        double l1 = length(), l2 = o.length();
        return Fp.lt(l1, l2) ? -1 : Fp.gt(l1, l2) ? 1 : 0;
    }

    /** lseg_contain_point (on_ps): the distances to both ends add up to the length. */
    public boolean contains(Point p) { return Fp.eq(Fp.pl(p.distance(p0), p.distance(p1)), length()); }

    /** lseg_interpt_line: where the segment meets {@code l}, or null. */
    public Point intersection(Line l) {
        Point ip = line().intersection(l);
        if (ip == null || !contains(ip)) return null;
        // prefer the exact end point over a rounding-affected copy of it
        if (p0.same(ip)) return p0;
        if (p1.same(ip)) return p1;
        return ip;
    }

    /** lseg_interpt_lseg: the intersection point of two segments, or null. */
    public Point intersection(Lseg o) {
        Point ip = intersection(o.line());
        if (ip == null || !o.contains(ip)) return null;
        return ip;
    }

    /** lseg_closept_point: the closest point of the segment to {@code p} into out[0]; the distance. */
    double closestTo(Point p, Point[] out) {
        Point[] cp = new Point[1];
        closestTo(Line.through(p, p0.invSlope(p1)), cp);
        if (out != null) out[0] = cp[0];
        return cp[0].distance(p);
    }

    /** lseg_closept_line. */
    double closestTo(Line l, Point[] out) {
        Point ip = intersection(l);
        if (ip != null) {
            if (out != null) out[0] = ip;
            return 0.0;
        }
        double d1 = l.closestTo(p0, null), d2 = l.closestTo(p1, null);
        if (d1 < d2) {
            if (out != null) out[0] = p0;
            return d1;
        }
        if (out != null) out[0] = p1;
        return d2;
    }

    /** lseg_closept_lseg: the point of this segment closest to {@code to} into out[0]; the distance. */
    double closestTo(Lseg to, Point[] out) {
        Point ip = intersection(to);
        if (ip != null) {
            if (out != null) out[0] = ip;
            return 0.0;
        }
        Point[] cp = new Point[1];
        double dist = closestTo(to.p0, out);
        double d = closestTo(to.p1, cp);
        if (Fp.float8Lt(d, dist)) {
            dist = d;
            if (out != null) out[0] = cp[0];
        }
        d = to.closestTo(p0, null);
        if (Fp.float8Lt(d, dist)) {
            dist = d;
            if (out != null) out[0] = p0;
        }
        d = to.closestTo(p1, null);
        if (Fp.float8Lt(d, dist)) {
            dist = d;
            if (out != null) out[0] = p1;
        }
        return dist;
    }

    /** dist_ps / dist_sp. */
    public double distance(Point p) { return closestTo(p, null); }
    /** lseg_distance. */
    public double distance(Lseg o) { return closestTo(o, null); }
    /** dist_sl / dist_ls. */
    public double distance(Line l) { return closestTo(l, null); }

    /** close_ps: the point of this segment closest to p, null if NaN is involved. */
    public Point closestPoint(Point p) {
        Point[] out = new Point[1];
        return Double.isNaN(closestTo(p, out)) ? null : out[0];
    }

    /** close_lseg(l1, l2) is {@code l2.closestPoint(l1)}: null for segments of equal slope. */
    public Point closestPoint(Lseg to) {
        if (slope() == to.slope()) return null;
        Point[] out = new Point[1];
        return Double.isNaN(closestTo(to, out)) ? null : out[0];
    }

    /** close_ls(line, lseg): the point of this segment closest to the line. */
    public Point closestPoint(Line l) {
        if (slope() == l.slope()) return null;
        Point[] out = new Point[1];
        return Double.isNaN(closestTo(l, out)) ? null : out[0];
    }

    /** on_sl. */
    public boolean on(Line l) { return l.contains(p0) && l.contains(p1); }
}
