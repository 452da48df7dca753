package org.tusk.utils.adt.geo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The two binary forms of the geometric types. The on-disk form is the C struct of
 * geo_decls.h in the machine's byte order (what heap tuples hold): point 16 bytes (x, y),
 * lseg 32 (p[0], p[1]), box 32 (high, low), line 24 (A, B, C), circle 24 (center, radius), and
 * for the varlenas, after the varlena header, path = int32 npts, int32 closed, int32 dummy (0),
 * points; polygon = int32 npts, BOX boundbox, points. The wire form (point_send ... poly_recv)
 * is big-endian float8s, path starting with a closed byte and an int32 count, polygon with the
 * count only (the receiver recomputes the bounding box).
 */
public final class GeoBinary {
    private GeoBinary() {}

    /** ERRCODE_INVALID_BINARY_REPRESENTATION. */
    private static final String INVALID_BINARY_REPRESENTATION = "22P03";

    /** Fixed sizes (typlen) of the fixed-length geometric types. */
    public static final int POINT_LEN = 16, LSEG_LEN = 32, BOX_LEN = 32, LINE_LEN = 24, CIRCLE_LEN = 24;

    // ------------------------------------------------------------------ on disk

    /** The struct bytes of a fixed-length value (point, lseg, box, line, circle) in native order. */
    public static byte[] fixedToDisk(Object v) {
        ByteBuffer b;
        switch (v) {
            case Point p -> { b = buf(POINT_LEN); put(b, p); }
            case Lseg l -> { b = buf(LSEG_LEN); put(b, l.p0()); put(b, l.p1()); }
            case Box x -> { b = buf(BOX_LEN); put(b, x.high()); put(b, x.low()); }
            case Line l -> { b = buf(LINE_LEN); b.putDouble(l.a()).putDouble(l.b()).putDouble(l.c()); }
            case Circle c -> { b = buf(CIRCLE_LEN); put(b, c.center()); b.putDouble(c.radius()); }
            default -> throw new IllegalArgumentException("not a fixed-length geometric value: " + v);
        }
        return b.array();
    }

    /** Reads a fixed-length value of the type with pg_type OID {@code type} from its struct bytes. */
    public static Object fixedFromDisk(int type, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        return switch (type) {
            case 600 -> point(b);
            case 601 -> new Lseg(point(b), point(b));
            case 603 -> new Box(point(b), point(b));
            case 628 -> new Line(b.getDouble(), b.getDouble(), b.getDouble());
            case 718 -> new Circle(point(b), b.getDouble());
            default -> throw new IllegalArgumentException("not a fixed-length geometric type: " + type);
        };
    }

    /** The varlena payload (after the header) of a path. */
    public static byte[] pathToDisk(Path p) {
        ByteBuffer b = buf(12 + 16 * p.npoints());
        b.putInt(p.npoints()).putInt(p.closed() ? 1 : 0).putInt(0);
        for (Point q : p.points()) put(b, q);
        return b.array();
    }

    public static Path pathFromDisk(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int n = b.getInt();
        boolean closed = b.getInt() != 0;
        b.getInt();
        return new Path(points(b, n), closed);
    }

    /** The varlena payload of a polygon: count, bounding box, points. */
    public static byte[] polygonToDisk(Polygon p) {
        ByteBuffer b = buf(4 + BOX_LEN + 16 * p.npoints());
        b.putInt(p.npoints());
        put(b, p.boundbox().high());
        put(b, p.boundbox().low());
        for (Point q : p.points()) put(b, q);
        return b.array();
    }

    public static Polygon polygonFromDisk(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int n = b.getInt();
        Box box = new Box(point(b), point(b));
        return new Polygon(points(b, n), box);
    }

    // ------------------------------------------------------------------ wire (send/recv)

    /** point_send ... poly_send: the value's binary wire form. */
    public static byte[] send(Object v) {
        ByteBuffer b;
        switch (v) {
            case Path p -> {
                b = ByteBuffer.allocate(5 + 16 * p.npoints());
                b.put((byte) (p.closed() ? 1 : 0)).putInt(p.npoints());
                for (Point q : p.points()) put(b, q);
            }
            case Polygon p -> {
                b = ByteBuffer.allocate(4 + 16 * p.npoints());
                b.putInt(p.npoints());
                for (Point q : p.points()) put(b, q);
            }
            default -> {
                byte[] native_ = fixedToDisk(v);
                ByteBuffer in = ByteBuffer.wrap(native_).order(ByteOrder.nativeOrder());
                b = ByteBuffer.allocate(native_.length);
                while (in.hasRemaining()) b.putDouble(in.getDouble());
            }
        }
        return b.array();
    }

    /** point_recv ... poly_recv for the type with OID {@code type}. */
    public static Object recv(int type, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        Object v = switch (type) {
            case 600 -> point(b);
            case 601 -> new Lseg(point(b), point(b));
            case 603 -> Box.ordered(point(b), point(b));
            case 628 -> new Line(b.getDouble(), b.getDouble(), b.getDouble());
            case 718 -> {
                Circle c = new Circle(point(b), b.getDouble());
                if (c.radius() < 0)
                    throw PgException.error(INVALID_BINARY_REPRESENTATION, "invalid radius in external \"circle\" value");
                yield c;
            }
            case 602 -> {
                boolean closed = b.get() != 0;
                int n = b.getInt();
                if (n <= 0 || n > (b.remaining() / 16))
                    throw PgException.error(INVALID_BINARY_REPRESENTATION, "invalid number of points in external \"path\" value");
                yield new Path(points(b, n), closed);
            }
            case 604 -> {
                int n = b.getInt();
                if (n <= 0 || n > (b.remaining() / 16))
                    throw PgException.error(INVALID_BINARY_REPRESENTATION, "invalid number of points in external \"polygon\" value");
                yield Polygon.of(points(b, n));
            }
            default -> throw new IllegalArgumentException("not a geometric type: " + type);
        };
        if (b.hasRemaining())
            throw PgException.error(INVALID_BINARY_REPRESENTATION, "incorrect binary data format");
        return v;
    }

    private static ByteBuffer buf(int n) { return ByteBuffer.allocate(n).order(ByteOrder.nativeOrder()); }

    private static void put(ByteBuffer b, Point p) { b.putDouble(p.x()).putDouble(p.y()); }

    private static Point point(ByteBuffer b) { return new Point(b.getDouble(), b.getDouble()); }

    private static Point[] points(ByteBuffer b, int n) {
        Point[] p = new Point[n];
        for (int i = 0; i < n; i++) p[i] = point(b);
        return p;
    }
}
