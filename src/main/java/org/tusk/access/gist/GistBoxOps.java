package org.tusk.access.gist;

import java.util.List;

import org.tusk.utils.adt.geo.Box;
import org.tusk.utils.adt.geo.Circle;
import org.tusk.utils.adt.geo.Point;
import org.tusk.utils.adt.geo.Polygon;

/**
 * box_ops, poly_ops and circle_ops (gistproc.c): every key is a bounding box. box_ops stores the
 * box itself and is exact; poly_ops and circle_ops store the shape's bounding box
 * (gist_poly_compress, gist_circle_compress), answer with rtree_internal_consistent on the
 * query's bounding box at every level and have the heap row rechecked, and their distance to a
 * point is the distance to the bounding box, a lower bound to be rechecked.
 */
final class GistBoxOps implements GistOpclass {
    enum Kind { BOX, POLYGON, CIRCLE }

    static final GistBoxOps BOX = new GistBoxOps(Kind.BOX), POLY = new GistBoxOps(Kind.POLYGON),
            CIRCLE = new GistBoxOps(Kind.CIRCLE);

    private final Kind kind;

    private GistBoxOps(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Object compress(Object value) {
        return switch (value) {
            case Box b -> b;
            case Polygon p -> p.boundbox();
            case Circle c -> circleBox(c);
            default -> throw new IllegalArgumentException("not a " + kind + ": " + value);
        };
    }

    /** gist_circle_compress's bounding box. */
    static Box circleBox(Circle c) {
        return new Box(new Point(c.center().x() + c.radius(), c.center().y() + c.radius()),
                new Point(c.center().x() - c.radius(), c.center().y() - c.radius()));
    }

    @Override
    public boolean canFetch() {
        return kind == Kind.BOX;   // box_ops stores the value itself; the others only a bounding box
    }

    @Override
    public Object fetch(Object key) {
        return kind == Kind.BOX ? key : null;
    }

    @Override
    public Match consistent(Object key, Object query, int strategy, boolean leaf) {
        Box k = (Box) key;
        return switch (kind) {
            case BOX -> Match.of(leaf ? GistGeometry.leafConsistent(k, (Box) query, strategy)
                    : GistGeometry.internalConsistent(k, (Box) query, strategy), false);
            case POLYGON -> Match.of(GistGeometry.internalConsistent(k, ((Polygon) query).boundbox(), strategy), true);
            case CIRCLE -> Match.of(GistGeometry.internalConsistent(k, circleBox((Circle) query), strategy), true);
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

    /** gist_box_distance (exact), gist_poly_distance and gist_circle_distance (lower bounds). */
    @Override
    public Distance distance(Object key, Object query, int strategy, boolean leaf) {
        if (strategy != GistGeometry.KNN || !(query instanceof Point p)) return null;
        return new Distance(GistGeometry.distance(false, (Box) key, p), kind != Kind.BOX);
    }
}
