package org.tusk.utils.adt.geo;

/**
 * Point-in-polygon and segment-in-polygon tests (geo_ops.c point_inside, lseg_crossing,
 * lseg_inside_poly, touched_lseg_inside_poly), shared by polygons and closed paths.
 */
final class PolygonGeometry {
    private PolygonGeometry() {}

    /** lseg_crossing's result when the point lies on the polygon's border. */
    private static final int POINT_ON_POLYGON = Integer.MAX_VALUE;

    /**
     * point_inside: 0 outside, 1 inside, 2 on the border, by summing the signed crossings of
     * the positive X axis through {@code p} (winding number).
     */
    static int pointInside(Point p, Point[] plist) {
        double x0 = Fp.mi(plist[0].x(), p.x()), y0 = Fp.mi(plist[0].y(), p.y());
        double prevX = x0, prevY = y0;
        int total = 0;
        for (int i = 1; i < plist.length; i++) {
            double x = Fp.mi(plist[i].x(), p.x()), y = Fp.mi(plist[i].y(), p.y());
            int cross = crossing(x, y, prevX, prevY);
            if (cross == POINT_ON_POLYGON) return 2;
            total += cross;
            prevX = x;
            prevY = y;
        }
        int cross = crossing(x0, y0, prevX, prevY);
        if (cross == POINT_ON_POLYGON) return 2;
        total += cross;
        return total != 0 ? 1 : 0;
    }

    /** lseg_crossing: how the segment from (prev_x,prev_y) to (x,y) crosses the positive X axis. */
    private static int crossing(double x, double y, double prevX, double prevY) {
        if (Fp.zero(y)) {
            if (Fp.zero(x)) return POINT_ON_POLYGON;
            if (Fp.gt(x, 0)) {
                if (Fp.zero(prevY)) return Fp.gt(prevX, 0.0) ? 0 : POINT_ON_POLYGON;
                return Fp.lt(prevY, 0.0) ? 1 : -1;
            }
            if (Fp.zero(prevY)) return Fp.lt(prevX, 0.0) ? 0 : POINT_ON_POLYGON;
            return 0;
        }
        int ySign = Fp.gt(y, 0.0) ? 1 : -1;
        if (Fp.zero(prevY)) return Fp.lt(prevX, 0.0) ? 0 : ySign;
        if ((ySign < 0 && Fp.lt(prevY, 0.0)) || (ySign > 0 && Fp.gt(prevY, 0.0))) return 0;
        if (Fp.ge(x, 0.0) && Fp.gt(prevX, 0.0)) return 2 * ySign;
        if (Fp.lt(x, 0.0) && Fp.le(prevX, 0.0)) return 0;
        double z = Fp.mi(Fp.mul(Fp.mi(x, prevX), y), Fp.mul(Fp.mi(y, prevY), x));
        if (Fp.zero(z)) return POINT_ON_POLYGON;
        if ((ySign < 0 && Fp.lt(z, 0.0)) || (ySign > 0 && Fp.gt(z, 0.0))) return 0;
        return 2 * ySign;
    }

    /**
     * lseg_inside_poly: whether segment a-b lies inside {@code poly}, checking edges from
     * {@code start}; a segment crossing an edge is split there and both halves checked.
     */
    static boolean lsegInside(Point a, Point b, Polygon poly, int start) {
        Point[] pts = poly.points();
        Lseg t = new Lseg(a, b);
        Point s0 = pts[start == 0 ? pts.length - 1 : start - 1];
        boolean res = true, intersection = false;
        for (int i = start; i < pts.length && res; i++) {
            Lseg s = new Lseg(s0, pts[i]);
            Point ip;
            if (s.contains(a)) {
                if (s.contains(b)) return true;   // t lies on s
                res = touchedInside(a, b, s, poly, i + 1);
            } else if (s.contains(b)) {
                res = touchedInside(b, a, s, poly, i + 1);
            } else if ((ip = t.intersection(s)) != null) {
                intersection = true;
                res = lsegInside(a, ip, poly, i + 1);
                if (res) res = lsegInside(b, ip, poly, i + 1);
            }
            s0 = pts[i];
        }
        if (res && !intersection) {
            Point mid = Point.middle(a, b);
            res = pointInside(mid, pts) != 0;
        }
        return res;
    }

    /** touched_lseg_inside_poly: a lies on edge s and b does not. */
    private static boolean touchedInside(Point a, Point b, Lseg s, Polygon poly, int start) {
        Lseg t = new Lseg(a, b);
        if (a.same(s.p0())) {
            if (t.contains(s.p1())) return lsegInside(b, s.p1(), poly, start);
        } else if (a.same(s.p1())) {
            if (t.contains(s.p0())) return lsegInside(b, s.p0(), poly, start);
        } else if (t.contains(s.p0())) {
            return lsegInside(b, s.p0(), poly, start);
        } else if (t.contains(s.p1())) {
            return lsegInside(b, s.p1(), poly, start);
        }
        return true;   // may not be true, but the caller's midpoint check decides
    }
}
