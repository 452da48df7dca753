package org.tusk.access.gist;

import java.util.List;

import org.tusk.utils.adt.geo.Box;
import org.tusk.utils.adt.geo.Point;

/**
 * The box arithmetic gistproc.c shares between its classes: the fuzzy comparisons of geo_decls.h
 * (FPlt ... with EPSILON) that the box operators use, the exact NaN-aware float8 comparisons of
 * float.h that union and penalty use, rt_box_union, size_box, box_penalty,
 * gist_box_leaf_consistent, rtree_internal_consistent and computeDistance.
 */
final class GistGeometry {
    private GistGeometry() {}

    private static final double EPSILON = 1.0E-06;

    static boolean fpLt(double a, double b) { return a + EPSILON < b; }
    static boolean fpLe(double a, double b) { return a <= b + EPSILON; }
    static boolean fpGt(double a, double b) { return a > b + EPSILON; }
    static boolean fpGe(double a, double b) { return a + EPSILON >= b; }
    static boolean fpEq(double a, double b) { return a == b || Math.abs(a - b) <= EPSILON; }

    /** float8_lt and kin: NaN sorts above every other value and equals itself. */
    static boolean float8Lt(double a, double b) { return !Double.isNaN(a) && (Double.isNaN(b) || a < b); }
    static boolean float8Gt(double a, double b) { return !Double.isNaN(b) && (Double.isNaN(a) || a > b); }
    static boolean float8Le(double a, double b) { return !float8Gt(a, b); }
    static double float8Max(double a, double b) { return float8Gt(a, b) ? a : b; }
    static double float8Min(double a, double b) { return float8Lt(a, b) ? a : b; }

    /** float8_cmp_internal. */
    static int float8Cmp(double a, double b) {
        if (Double.isNaN(a)) return Double.isNaN(b) ? 0 : 1;
        if (Double.isNaN(b)) return -1;
        return a > b ? 1 : a < b ? -1 : 0;
    }

    /** rt_box_union. */
    static Box union(Box a, Box b) {
        return new Box(new Point(float8Max(a.high().x(), b.high().x()), float8Max(a.high().y(), b.high().y())),
                new Point(float8Min(a.low().x(), b.low().x()), float8Min(a.low().y(), b.low().y())));
    }

    /** gist_box_union over a list (adjustBox in turn). */
    static Box union(List<Object> keys) {
        Box u = (Box) keys.get(0);
        for (int i = 1; i < keys.size(); i++) {
            Box c = (Box) keys.get(i);
            double hx = u.high().x(), hy = u.high().y(), lx = u.low().x(), ly = u.low().y();
            if (float8Lt(hx, c.high().x())) hx = c.high().x();
            if (float8Gt(lx, c.low().x())) lx = c.low().x();
            if (float8Lt(hy, c.high().y())) hy = c.high().y();
            if (float8Gt(ly, c.low().y())) ly = c.low().y();
            u = new Box(new Point(hx, hy), new Point(lx, ly));
        }
        return u;
    }

    /** size_box: the area for penalties, +Infinity but never NaN. */
    static double sizeBox(Box b) {
        if (float8Le(b.high().x(), b.low().x()) || float8Le(b.high().y(), b.low().y())) return 0.0;
        if (Double.isNaN(b.high().x()) || Double.isNaN(b.high().y())) return Double.POSITIVE_INFINITY;
        return (b.high().x() - b.low().x()) * (b.high().y() - b.low().y());
    }

    /** box_penalty, as gist_box_penalty returns it (a float4). */
    static double penalty(Box orig, Box add) {
        return (float) (sizeBox(union(orig, add)) - sizeBox(orig));
    }

    /** box_same (fuzzy). */
    static boolean boxSame(Box a, Box b) {
        return fpEq(a.high().x(), b.high().x()) && fpEq(a.high().y(), b.high().y())
                && fpEq(a.low().x(), b.low().x()) && fpEq(a.low().y(), b.low().y());
    }

    /** box_contain(a, b): a contains b (fuzzy). */
    static boolean boxContain(Box a, Box b) {
        return fpGe(a.high().x(), b.high().x()) && fpLe(a.low().x(), b.low().x())
                && fpGe(a.high().y(), b.high().y()) && fpLe(a.low().y(), b.low().y());
    }

    /** box_overlap (fuzzy). */
    static boolean boxOverlap(Box a, Box b) {
        return fpLe(a.low().x(), b.high().x()) && fpLe(b.low().x(), a.high().x())
                && fpLe(a.low().y(), b.high().y()) && fpLe(b.low().y(), a.high().y());
    }

    static boolean left(Box a, Box b) { return fpLt(a.high().x(), b.low().x()); }
    static boolean overLeft(Box a, Box b) { return fpLe(a.high().x(), b.high().x()); }
    static boolean right(Box a, Box b) { return fpGt(a.low().x(), b.high().x()); }
    static boolean overRight(Box a, Box b) { return fpGe(a.low().x(), b.low().x()); }
    static boolean below(Box a, Box b) { return fpLt(a.high().y(), b.low().y()); }
    static boolean overBelow(Box a, Box b) { return fpLe(a.high().y(), b.high().y()); }
    static boolean above(Box a, Box b) { return fpGt(a.low().y(), b.high().y()); }
    static boolean overAbove(Box a, Box b) { return fpGe(a.low().y(), b.low().y()); }

    /** The R-tree strategy numbers (stratnum.h RTLeftStrategyNumber ...). */
    static final int LEFT = 1, OVERLEFT = 2, OVERLAP = 3, OVERRIGHT = 4, RIGHT = 5, SAME = 6, CONTAINS = 7,
            CONTAINED_BY = 8, OVERBELOW = 9, BELOW = 10, ABOVE = 11, OVERABOVE = 12, OLD_CONTAINS = 13,
            OLD_CONTAINED_BY = 14, KNN = 15;

    /** gist_box_leaf_consistent: the operator itself. */
    static boolean leafConsistent(Box key, Box query, int strategy) {
        return switch (strategy) {
            case LEFT -> left(key, query);
            case OVERLEFT -> overLeft(key, query);
            case OVERLAP -> boxOverlap(key, query);
            case OVERRIGHT -> overRight(key, query);
            case RIGHT -> right(key, query);
            case SAME -> boxSame(key, query);
            case CONTAINS, OLD_CONTAINS -> boxContain(key, query);
            case CONTAINED_BY, OLD_CONTAINED_BY -> boxContain(query, key);
            case OVERBELOW -> overBelow(key, query);
            case BELOW -> below(key, query);
            case ABOVE -> above(key, query);
            case OVERABOVE -> overAbove(key, query);
            default -> false;
        };
    }

    /** rtree_internal_consistent: may some box inside {@code key} satisfy the operator? */
    static boolean internalConsistent(Box key, Box query, int strategy) {
        return switch (strategy) {
            case LEFT -> !overRight(key, query);
            case OVERLEFT -> !right(key, query);
            case OVERLAP -> boxOverlap(key, query);
            case OVERRIGHT -> !left(key, query);
            case RIGHT -> !overLeft(key, query);
            case SAME, CONTAINS, OLD_CONTAINS -> boxContain(key, query);
            case CONTAINED_BY, OLD_CONTAINED_BY -> boxOverlap(key, query);
            case OVERBELOW -> !above(key, query);
            case BELOW -> !overAbove(key, query);
            case ABOVE -> !overBelow(key, query);
            case OVERABOVE -> !below(key, query);
            default -> false;
        };
    }

    /** computeDistance: the distance from {@code point} to a leaf point's box or to a bounding box. */
    static double distance(boolean leafPoint, Box box, Point point) {
        if (leafPoint) return point.distance(box.low());
        double px = point.x(), py = point.y();
        if (px <= box.high().x() && px >= box.low().x() && py <= box.high().y() && py >= box.low().y()) return 0.0;
        if (px <= box.high().x() && px >= box.low().x()) {
            return py > box.high().y() ? py - box.high().y() : box.low().y() - py;
        }
        if (py <= box.high().y() && py >= box.low().y()) {
            return px > box.high().x() ? px - box.high().x() : box.low().x() - px;
        }
        double r = point.distance(box.low());
        double s = point.distance(box.high());
        if (r > s) r = s;
        s = point.distance(new Point(box.low().x(), box.high().y()));
        if (r > s) r = s;
        s = point.distance(new Point(box.high().x(), box.low().y()));
        if (r > s) r = s;
        return r;
    }

    /**
     * A split of boxes: the entries sorted by the centre of their boxes along the axis on which
     * those centres spread the most, the first half to the left. (gist_box_picksplit's double
     * sorting split chooses its split point more carefully; any split is correct, this one only
     * keeps pages compact.)
     */
    static boolean[] splitBoxes(List<Object> keys) {
        int n = keys.size();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY, minY = minX, maxY = maxX;
        double[] cx = new double[n], cy = new double[n];
        for (int i = 0; i < n; i++) {
            Box b = (Box) keys.get(i);
            cx[i] = b.high().x() / 2 + b.low().x() / 2;
            cy[i] = b.high().y() / 2 + b.low().y() / 2;
            if (!Double.isNaN(cx[i])) { minX = Math.min(minX, cx[i]); maxX = Math.max(maxX, cx[i]); }
            if (!Double.isNaN(cy[i])) { minY = Math.min(minY, cy[i]); maxY = Math.max(maxY, cy[i]); }
        }
        double[] c = (maxX - minX) >= (maxY - minY) || Double.isNaN(maxY - minY) ? cx : cy;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> float8Cmp(c[a], c[b]));
        boolean[] left = new boolean[n];
        for (int i = 0; i < n / 2; i++) left[order[i]] = true;
        return left;
    }
}
