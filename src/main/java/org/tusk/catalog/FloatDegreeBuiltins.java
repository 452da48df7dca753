package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.nio.ByteBuffer;
import java.util.List;

import org.tusk.utils.adt.FloatDegrees;

/**
 * pg_proc entries of float.c's trigonometric functions in degrees (sind ... atan2d) and of the
 * binary send functions float4send/float8send, which SQL can call directly to see a value's bits.
 */
final class FloatDegreeBuiltins {
    private FloatDegreeBuiltins() {}

    static void register(BuiltinRegistry r) {
        List<Integer> d = List.of(FLOAT8);
        r.fn("sind", d, FLOAT8, (c, a) -> FloatDegrees.sind(dv(a[0])));
        r.fn("cosd", d, FLOAT8, (c, a) -> FloatDegrees.cosd(dv(a[0])));
        r.fn("tand", d, FLOAT8, (c, a) -> FloatDegrees.tand(dv(a[0])));
        r.fn("cotd", d, FLOAT8, (c, a) -> FloatDegrees.cotd(dv(a[0])));
        r.fn("asind", d, FLOAT8, (c, a) -> FloatDegrees.asind(dv(a[0])));
        r.fn("acosd", d, FLOAT8, (c, a) -> FloatDegrees.acosd(dv(a[0])));
        r.fn("atand", d, FLOAT8, (c, a) -> FloatDegrees.atand(dv(a[0])));
        r.fn("atan2d", List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> FloatDegrees.atan2d(dv(a[0]), dv(a[1])));
        // float8send / float4send: pq_sendfloat8/4, the IEEE bits in network byte order
        r.fn("float8send", d, BYTEA, (c, a) -> ByteBuffer.allocate(8).putDouble(dv(a[0])).array());
        r.fn("float4send", List.of(FLOAT4), BYTEA, (c, a) -> ByteBuffer.allocate(4).putFloat(((Number) a[0]).floatValue()).array());
    }

    private static double dv(Object o) { return ((Number) o).doubleValue(); }
}
