package org.tusk.access.common;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The built-in types whose values the tuple code converts between Java objects and their
 * on-disk form, with pg_type's typlen, typbyval, typalign and typstorage for each. Fixed-length
 * values are stored in native byte order exactly as the C Datum would be; varlena values are
 * their bytes (text as UTF-8, the server encoding) behind a varlena header ({@link Varlena}).
 *
 * <pre>
 * type    oid  len  byval align storage  Java value
 * bool     16    1  yes   c     p        Boolean
 * int2     21    2  yes   s     p        Short
 * int4     23    4  yes   i     p        Integer
 * int8     20    8  yes   d     p        Long
 * float4  700    4  yes   i     p        Float
 * float8  701    8  yes   d     p        Double
 * oid      26    4  yes   i     p        Integer (the uint32's bits)
 * name     19   64  no    c     p        String (at most 63 UTF-8 bytes, NUL-padded)
 * text     25   -1  no    i     x        String
 * bytea    17   -1  no    i     x        byte[]
 * </pre>
 */
public enum DatumType {
    BOOL(16, 1, true, 'c', 'p', Boolean.class),
    INT2(21, 2, true, 's', 'p', Short.class),
    INT4(23, 4, true, 'i', 'p', Integer.class),
    INT8(20, 8, true, 'd', 'p', Long.class),
    FLOAT4(700, 4, true, 'i', 'p', Float.class),
    FLOAT8(701, 8, true, 'd', 'p', Double.class),
    OID(26, 4, true, 'i', 'p', Integer.class),
    NAME(19, 64, false, 'c', 'p', String.class),
    TEXT(25, -1, false, 'i', 'x', String.class),
    BYTEA(17, -1, false, 'i', 'x', byte[].class);

    /** NAMEDATALEN: a name is this many bytes including its terminating NUL. */
    public static final int NAMEDATALEN = 64;

    private final int oid;
    private final int typlen;
    private final boolean typbyval;
    private final char typalign;
    private final char typstorage;
    private final Class<?> javaClass;

    DatumType(int oid, int typlen, boolean typbyval, char typalign, char typstorage, Class<?> javaClass) {
        this.oid = oid;
        this.typlen = typlen;
        this.typbyval = typbyval;
        this.typalign = typalign;
        this.typstorage = typstorage;
        this.javaClass = javaClass;
    }

    public int oid() { return oid; }
    public int typlen() { return typlen; }
    public boolean typbyval() { return typbyval; }
    public char typalign() { return typalign; }
    public char typstorage() { return typstorage; }
    public Class<?> javaClass() { return javaClass; }

    public boolean isVarlena() { return typlen == -1; }

    /** The bytes of a varlena value, without header: text as UTF-8, bytea as is. */
    byte[] varlenaPayload(Object value) {
        return switch (this) {
            case TEXT -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case BYTEA -> (byte[]) value;
            default -> throw new IllegalStateException(this + " is not a varlena type");
        };
    }

    Object fromVarlenaPayload(byte[] payload) {
        return switch (this) {
            case TEXT -> new String(payload, StandardCharsets.UTF_8);
            case BYTEA -> payload;
            default -> throw new IllegalStateException(this + " is not a varlena type");
        };
    }

    /** Stores a fixed-length value at {@code off}, which has this type's alignment (relative to a MAXALIGNed base). */
    void storeFixed(MemorySegment seg, long off, Object value) {
        switch (this) {
            case BOOL -> seg.set(JAVA_BYTE, off, (byte) ((Boolean) value ? 1 : 0));
            case INT2 -> seg.set(JAVA_SHORT, off, (Short) value);
            case INT4, OID -> seg.set(JAVA_INT, off, (Integer) value);
            case INT8 -> seg.set(JAVA_LONG, off, (Long) value);
            case FLOAT4 -> seg.set(JAVA_FLOAT, off, (Float) value);
            case FLOAT8 -> seg.set(JAVA_DOUBLE, off, (Double) value);
            case NAME -> {
                byte[] b = nameBytes((String) value);
                MemorySegment.copy(b, 0, seg, JAVA_BYTE, off, b.length);
                seg.asSlice(off + b.length, NAMEDATALEN - b.length).fill((byte) 0);
            }
            default -> throw new IllegalStateException(this + " is not a fixed-length type");
        }
    }

    Object fetchFixed(MemorySegment seg, long off) {
        return switch (this) {
            case BOOL -> seg.get(JAVA_BYTE, off) != 0;
            case INT2 -> seg.get(JAVA_SHORT, off);
            case INT4, OID -> seg.get(JAVA_INT, off);
            case INT8 -> seg.get(JAVA_LONG, off);
            case FLOAT4 -> seg.get(JAVA_FLOAT, off);
            case FLOAT8 -> seg.get(JAVA_DOUBLE, off);
            case NAME -> {
                int len = 0;
                while (len < NAMEDATALEN && seg.get(JAVA_BYTE, off + len) != 0) len++;
                byte[] b = new byte[len];
                MemorySegment.copy(seg, JAVA_BYTE, off, b, 0, len);
                yield new String(b, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException(this + " is not a fixed-length type");
        };
    }

    private static byte[] nameBytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length >= NAMEDATALEN) {
            throw new IllegalArgumentException("name \"" + s + "\" is longer than " + (NAMEDATALEN - 1) + " bytes");
        }
        return b;
    }
}
