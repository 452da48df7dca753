package org.tusk.utils.adt.geo;

/**
 * Subscripting a fixed-length geometric value as a one-dimensional, 0-based array of its
 * members (PostgreSQL's raw_array_subscript_handler over the struct): point[0] and point[1]
 * are x and y, lseg[i] and box[i] the two points (box[0] the upper right corner), line[i]
 * the coefficients A, B, C. An index outside the struct gives NULL, as array_get_element does.
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
}
