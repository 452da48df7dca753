package org.tusk.utils.adt.geo;

/**
 * polygon (geo_decls.h POLYGON): a varlena of npts points with their bounding box
 * (make_bound_box), which the position operators compare. geo_ops.c's poly_* functions.
 */
public record Polygon(Point[] points, Box boundbox) {

    /** A polygon of these points with its bounding box computed (make_bound_box). */
    public static Polygon of(Point[] pts) {
        double x1 = pts[0].x(), x2 = x1, y1 = pts[0].y(), y2 = y1;
        for (int i = 1; i < pts.length; i++) {
            if (Fp.float8Lt(pts[i].x(), x1)) x1 = pts[i].x();
            if (Fp.float8Gt(pts[i].x(), x2)) x2 = pts[i].x();
            if (Fp.float8Lt(pts[i].y(), y1)) y1 = pts[i].y();
            if (Fp.float8Gt(pts[i].y(), y2)) y2 = pts[i].y();
        }
        return new Polygon(pts, new Box(new Point(x2, y2), new Point(x1, y1)));
    }

    public int npoints() { return points.length; }

    // The position operators compare bounding boxes exactly (poly_left, ...).
    public boolean left(Polygon o) { return boundbox.high().x() < o.boundbox.low().x(); }
    public boolean overLeft(Polygon o) { return boundbox.high().x() <= o.boundbox.high().x(); }
    public boolean right(Polygon o) { return boundbox.low().x() > o.boundbox.high().x(); }
    public boolean overRight(Polygon o) { return boundbox.low().x() >= o.boundbox.low().x(); }
    public boolean below(Polygon o) { return boundbox.high().y() < o.boundbox.low().y(); }
    public boolean overBelow(Polygon o) { return boundbox.high().y() <= o.boundbox.high().y(); }
    public boolean above(Polygon o) { return boundbox.low().y() > o.boundbox.high().y(); }
    public boolean overAbove(Polygon o) { return boundbox.low().y() >= o.boundbox.low().y(); }

    /** poly_same: the same points in the same cyclic order, either direction (plist_same). */
    public boolean same(Polygon o) {
        int n = points.length;
        if (n != o.points.length) return false;
        Point[] p1 = points, p2 = o.points;
        for (int i = 0; i < n; i++) {
            if (!p2[i].same(p1[0])) continue;
            int ii, j;
            for (ii = 1, j = i + 1; ii < n; ii++, j++) {
                if (j >= n) j = 0;
                if (!p2[j].same(p1[ii])) break;
            }
            if (ii == n) return true;
            for (ii = 1, j = i - 1; ii < n; ii++, j--) {
                if (j < 0) j = n - 1;
                if (!p2[j].same(p1[ii])) break;
            }
            if (ii == n) return true;
        }
        return false;
    }

    /** poly_overlap_internal: an edge of one crosses an edge of the other, or one lies inside. */
    public boolean overlaps(Polygon o) {
        if (!boundbox.overlaps(o.boundbox)) return false;
        Point sa0 = points[points.length - 1];
        for (Point sa1 : points) {
            Point sb0 = o.points[o.points.length - 1];
            for (Point sb1 : o.points) {
                if (new Lseg(sa0, sa1).intersection(new Lseg(sb0, sb1)) != null) return true;
                sb0 = sb1;
            }
            sa0 = sa1;
        }
        return PolygonGeometry.pointInside(points[0], o.points) != 0 || PolygonGeometry.pointInside(o.points[0], points) != 0;
    }

    /** poly_contain_poly: every edge of {@code o} lies inside this polygon. */
    public boolean contains(Polygon o) {
        if (!boundbox.contains(o.boundbox)) return false;
        Point s0 = o.points[o.points.length - 1];
        for (Point s1 : o.points) {
            if (!PolygonGeometry.lsegInside(s0, s1, this, 0)) return false;
            s0 = s1;
        }
        return true;
    }

    /** poly_contain_pt: inside or on the border. */
    public boolean contains(Point p) { return PolygonGeometry.pointInside(p, points) != 0; }

    /** poly_distance: 0 when overlapping, else the least distance between edges. */
    public double distance(Polygon o) {
        if (overlaps(o)) return 0.0;
        double min = 0.0;
        for (int i = 0; i < points.length; i++) {
            Lseg s1 = new Lseg(points[i > 0 ? i - 1 : points.length - 1], points[i]);
            for (int j = 0; j < o.points.length; j++) {
                Lseg s2 = new Lseg(o.points[j > 0 ? j - 1 : o.points.length - 1], o.points[j]);
                double d = s1.distance(s2);
                if ((i == 0 && j == 0) || Fp.float8Lt(d, min)) min = d;
            }
        }
        return min;
    }

    /** dist_ppoly_internal: 0 inside, else the least distance to an edge. */
    public double distance(Point p) {
        if (PolygonGeometry.pointInside(p, points) != 0) return 0.0;
        double result = new Lseg(points[0], points[points.length - 1]).distance(p);
        for (int i = 0; i < points.length - 1; i++) {
            double d = new Lseg(points[i], points[i + 1]).distance(p);
            if (Fp.float8Lt(d, result)) result = d;
        }
        return result;
    }

    /** poly_to_circle: center the mean of the points, radius the mean distance to it. */
    public Circle toCircle() {
        Point c = new Point(0, 0);
        for (Point p : points) c = c.add(p);
        c = new Point(Fp.div(c.x(), points.length), Fp.div(c.y(), points.length));
        double r = 0;
        for (Point p : points) r = Fp.pl(r, p.distance(c));
        return new Circle(c, Fp.div(r, points.length));
    }

    public Point center() { return toCircle().center(); }
    public Path toPath() { return new Path(points, true); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polygon p && java.util.Arrays.equals(p.points, points);
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(points); }
}
