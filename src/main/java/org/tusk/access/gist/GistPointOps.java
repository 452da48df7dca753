package org.tusk.access.gist;

import java.util.List;

import org.tusk.utils.adt.geo.Box;
import org.tusk.utils.adt.geo.Circle;
import org.tusk.utils.adt.geo.Point;
import org.tusk.utils.adt.geo.Polygon;

/**
 * point_ops (gistproc.c gist_point_*): a point is stored as a degenerate box (high = low), inner
 * keys are bounding boxes. Strategies come in groups of 20 (GeoStrategyNumberOffset): point
 * operators (&lt;&lt; &gt;&gt; ~= &lt;^ &gt;^ &lt;&lt;| |&gt;&gt;), point &lt;@ box (28), point &lt;@
 * polygon (48) and point &lt;@ circle (68); the last two are decided exactly at the leaf, so no
 * group needs a recheck. Distance (strategy 15) is exact; fetch gives the point back.
 */
final class GistPointOps implements GistOpclass {
    static final GistPointOps INSTANCE = new GistPointOps();

    private GistPointOps() {}

    private static final int OLD_BELOW = 29, OLD_ABOVE = 30;

    @Override
    public Object compress(Object value) {
        Point p = (Point) value;
        return new Box(p, p);
    }

    @Override
    public boolean canFetch() {
        return true;
    }

    @Override
    public Object fetch(Object key) {
        Box b = (Box) key;
        return new Point(b.high().x(), b.high().y());
    }

    @Override
    public Match consistent(Object key, Object query, int strategy, boolean leaf) {
        Box k = (Box) key;
        if (strategy == OLD_BELOW) strategy = GistGeometry.BELOW;
        else if (strategy == OLD_ABOVE) strategy = GistGeometry.ABOVE;
        switch (strategy / 20) {
            case 0 -> {
                return Match.of(pointConsistent(strategy % 20, leaf, k, (Point) query), false);
            }
            case 1 -> {
                // on_pb is exact, so a non-fuzzy overlap test serves both levels
                Box q = (Box) query;
                return Match.of(k.high().x() >= q.low().x() && k.low().x() <= q.high().x()
                        && k.high().y() >= q.low().y() && k.low().y() <= q.high().y(), false);
            }
            case 2 -> {
                Polygon q = (Polygon) query;
                boolean r = GistGeometry.internalConsistent(k, q.boundbox(), GistGeometry.OVERLAP);
                if (leaf && r) return Match.of(q.contains(k.high()), false);
                return Match.of(r, true);
            }
            case 3 -> {
                Circle q = (Circle) query;
                boolean r = GistGeometry.internalConsistent(k, GistBoxOps.circleBox(q), GistGeometry.OVERLAP);
                if (leaf && r) return Match.of(q.contains(k.high()), false);
                return Match.of(r, true);
            }
            default -> throw new IllegalStateException("unrecognized strategy number: " + strategy);
        }
    }

    /** gist_point_consistent_internal. */
    private static boolean pointConsistent(int strategy, boolean leaf, Box key, Point q) {
        return switch (strategy) {
            case GistGeometry.LEFT -> GistGeometry.fpLt(key.low().x(), q.x());
            case GistGeometry.RIGHT -> GistGeometry.fpGt(key.high().x(), q.x());
            case GistGeometry.ABOVE -> GistGeometry.fpGt(key.high().y(), q.y());
            case GistGeometry.BELOW -> GistGeometry.fpLt(key.low().y(), q.y());
            case GistGeometry.SAME -> leaf ? GistGeometry.fpEq(key.low().x(), q.x()) && GistGeometry.fpEq(key.low().y(), q.y())
                    : GistGeometry.fpLe(q.x(), key.high().x()) && GistGeometry.fpGe(q.x(), key.low().x())
                    && GistGeometry.fpLe(q.y(), key.high().y()) && GistGeometry.fpGe(q.y(), key.low().y());
            default -> throw new IllegalStateException("unrecognized strategy number: " + strategy);
        };
    }

    @Override
    public Object union(List<Object> keys) {
        return GistGeometry.union(keys);
    }

    @Override
    public double penalty(Object orig, Object add) {
        return GistGeometry.penalty((Box) orig, (Box) add);
    }

    @Override
    public boolean[] pickSplit(List<Object> keys) {
        return GistGeometry.splitBoxes(keys);
    }

    @Override
    public boolean same(Object a, Object b) {
        return GistGeometry.boxSame((Box) a, (Box) b);
    }

    /** gist_point_distance: exact at the leaf, to the bounding box above. */
    @Override
    public Distance distance(Object key, Object query, int strategy, boolean leaf) {
        if (strategy != GistGeometry.KNN || !(query instanceof Point p)) return null;
        return new Distance(GistGeometry.distance(leaf, (Box) key, p), false);
    }

    /** gist_point_sortsupport: the Z-order (Morton code) of the point's float4 coordinates. */
    @Override
    public boolean hasSortSupport() {
        return true;
    }

    @Override
    public long sortKey(Object key) {
        Box b = (Box) key;
        return partBits(floatToUint((float) b.high().x())) | (partBits(floatToUint((float) b.high().y())) << 1);
    }

    private static long partBits(long x) {
        long n = x & 0xFFFFFFFFL;
        n = (n | (n << 16)) & 0x0000FFFF0000FFFFL;
        n = (n | (n << 8)) & 0x00FF00FF00FF00FFL;
        n = (n | (n << 4)) & 0x0F0F0F0F0F0F0F0FL;
        n = (n | (n << 2)) & 0x3333333333333333L;
        n = (n | (n << 1)) & 0x5555555555555555L;
        return n;
    }

    /** ieee_float32_to_uint32: order-preserving. */
    private static long floatToUint(float f) {
        if (Float.isNaN(f)) return 0xFFFFFFFFL;
        int i = Float.floatToRawIntBits(f);
        if ((i & 0x80000000) != 0) i ^= 0xFFFFFFFF;
        else i |= 0x80000000;
        return i & 0xFFFFFFFFL;
    }
}
