package org.tusk.utils.adt.geo;

/**
 * Subscripting a fixed-length geometric value as a one-dimensional, 0-based array of its
 * members (PostgreSQL's raw_array_subscript_handler over the struct): point[0] and point[1]
 * are x and y, lseg[i] and box[i] the two points (box[0] the upper right corner), line[i]
 * the coefficients A, B, C. An index outside the struct gives NULL, as array_get_element does;
 * assigning to one is an error, as array_set_element's.
 */
public final class GeoSubscript {
    private GeoSubscript() {}

    public static Object element(Object value, int i) {
        return switch (value) {
            case Point p -> i == 0 ? (Object) p.x() : i == 1 ? (Object) p.y() : null;
            case Lseg l -> i == 0 ? l.p0() : i == 1 ? l.p1() : null;
            case Box b -> i == 0 ? b.high() : i == 1 ? b.low() : null;
            case Line l -> i == 0 ? (Object) l.a() : i == 1 ? (Object) l.b() : i == 2 ? (Object) l.c() : null;
            default -> throw new IllegalArgumentException("not a subscriptable geometric value: " + value);
        };
    }

    /**
     * array_set_element over a fixed-length container: the member {@code i} replaced by
     * {@code v}. The container cannot grow, so an index outside it is an error.
     */
    public static Object assign(Object value, int i, Object v) {
        int members = value instanceof Line ? 3 : 2;
        if (i < 0 || i >= members)
            throw org.tusk.utils.error.PgException.error("2202E", "array subscript out of range");
        return switch (value) {
            case Point p -> i == 0 ? new Point((Double) v, p.y()) : new Point(p.x(), (Double) v);
            case Lseg l -> i == 0 ? new Lseg((Point) v, l.p1()) : new Lseg(l.p0(), (Point) v);
            case Box b -> i == 0 ? new Box((Point) v, b.low()) : new Box(b.high(), (Point) v);
            case Line l -> i == 0 ? new Line((Double) v, l.b(), l.c()) : i == 1 ? new Line(l.a(), (Double) v, l.c())
                    : new Line(l.a(), l.b(), (Double) v);
            default -> throw new IllegalArgumentException("not a subscriptable geometric value: " + value);
        };
    }
}
