package org.tusk.utils.adt.geo;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * path (geo_decls.h PATH): a varlena of npts points, open ([...]) or closed ((...)).
 * geo_ops.c's path_* functions. The point array is never modified after construction.
 */
public record Path(Point[] points, boolean closed) {

    public int npoints() { return points.length; }

    /** The segments in order; a closed path's first one is the closure from the last point. */
    private Lseg segment(int i) {
        int prev = i > 0 ? i - 1 : points.length - 1;
        return new Lseg(points[prev], points[i]);
    }

    /** Whether segment index i exists (index 0 is the closing segment, only for closed paths). */
    private boolean hasSegment(int i) { return i > 0 || closed; }

    public Path close() { return new Path(points, true); }
    public Path open() { return new Path(points, false); }

    /** path_add: concatenation of two open paths, null otherwise. */
    public Path add(Path o) {
        if (closed || o.closed) return null;
        Point[] r = new Point[points.length + o.points.length];
        System.arraycopy(points, 0, r, 0, points.length);
        System.arraycopy(o.points, 0, r, points.length, o.points.length);
        return new Path(r, false);
    }

    public Path add(Point p) { return map(q -> q.add(p)); }
    public Path sub(Point p) { return map(q -> q.sub(p)); }
    public Path mul(Point p) { return map(q -> q.mul(p)); }
    public Path div(Point p) { return map(q -> q.div(p)); }

    private Path map(java.util.function.UnaryOperator<Point> f) {
        Point[] r = new Point[points.length];
        for (int i = 0; i < r.length; i++) r[i] = f.apply(points[i]);
        return new Path(r, closed);
    }

    /** path_length: sum of the segments, with the closing one for a closed path. */
    public double length() {
        double r = 0.0;
        for (int i = 0; i < points.length; i++) if (hasSegment(i)) r = Fp.pl(r, segment(i).p0().distance(points[i]));
        return r;
    }

    /** path_area: shoelace formula; null for an open path. */
    public Double area() {
        if (!closed) return null;
        double area = 0.0;
        for (int i = 0; i < points.length; i++) {
            int j = (i + 1) % points.length;
            area = Fp.pl(area, Fp.mul(points[i].x(), points[j].y()));
            area = Fp.mi(area, Fp.mul(points[i].y(), points[j].x()));
        }
        return Fp.div(Math.abs(area), 2.0);
    }

    private Box bounds() {
        double hx = points[0].x(), lx = hx, hy = points[0].y(), ly = hy;
        for (int i = 1; i < points.length; i++) {
            hx = Fp.max(points[i].x(), hx);
            hy = Fp.max(points[i].y(), hy);
            lx = Fp.min(points[i].x(), lx);
            ly = Fp.min(points[i].y(), ly);
        }
        return new Box(new Point(hx, hy), new Point(lx, ly));
    }

    /** path_inter (?#): whether any segments of the two paths intersect. */
    public boolean intersects(Path o) {
        if (points.length == 0 || o.points.length == 0) return false;
        if (!bounds().overlaps(o.bounds())) return false;
        for (int i = 0; i < points.length; i++) {
            if (!hasSegment(i)) continue;
            for (int j = 0; j < o.points.length; j++) {
                if (!o.hasSegment(j)) continue;
                if (segment(i).intersection(o.segment(j)) != null) return true;
            }
        }
        return false;
    }

    /** path_distance: the least distance between segments; null if either has none. */
    public Double distance(Path o) {
        Double min = null;
        for (int i = 0; i < points.length; i++) {
            if (!hasSegment(i)) continue;
            for (int j = 0; j < o.points.length; j++) {
                if (!o.hasSegment(j)) continue;
                double d = segment(i).distance(o.segment(j));
                if (min == null || Fp.float8Lt(d, min)) min = d;
            }
        }
        return min;
    }

    /** dist_ppath: the least distance from p to a segment of the path. */
    public double distance(Point p) {
        double result = 0.0;
        boolean have = false;
        for (int i = 0; i < points.length; i++) {
            if (!hasSegment(i)) continue;
            double d = segment(i).distance(p);
            if (!have || Fp.float8Lt(d, result)) {
                result = d;
                have = true;
            }
        }
        return result;
    }

    /** on_ppath: on a segment of an open path, or inside/on a closed one. */
    public boolean contains(Point p) {
        if (!closed) {
            double a = p.distance(points[0]);
            for (int i = 0; i < points.length - 1; i++) {
                double b = p.distance(points[i + 1]);
                if (Fp.eq(Fp.pl(a, b), points[i].distance(points[i + 1]))) return true;
                a = b;
            }
            return false;
        }
        return PolygonGeometry.pointInside(p, points) != 0;
    }

    /** path_poly: only a closed path converts. */
    public Polygon toPolygon() {
        if (!closed)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "open path cannot be converted to polygon");
        return Polygon.of(points);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path p && p.closed == closed && java.util.Arrays.equals(p.points, points);
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(points) * 31 + (closed ? 1 : 0); }
}
