package org.tusk.access.common;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.utils.adt.Jsonb;

/**
 * jsonb's stored form (jsonb.h, jsonb_util.c convertToJsonb): a tree of JsonbContainers.
 *
 * <pre>
 * container:  uint32 header = count | JB_FSCALAR 0x10000000 | JB_FOBJECT 0x20000000 | JB_FARRAY 0x40000000
 *             JEntry children[count]           (object: all keys, then all values: 2 * count)
 *             child data, in the same order
 * JEntry:     bits 0-27 the child's length, or (every JB_OFFSET_STRIDE = 32nd entry, and with
 *             JENTRY_HAS_OFF 0x80000000 set) the end offset of its data from the data start;
 *             bits 28-30 the type: 0 string, 1 numeric, 2 false, 3 true, 4 null, 5 container
 * </pre>
 * Strings are their UTF-8 bytes; numerics are a whole numeric varlena (4-byte header) and
 * containers are whole containers, both preceded by zero padding to a 4-byte boundary counted
 * from the varlena start, the padding counted in the child's length. A scalar at the top is a
 * one-element array with JB_FSCALAR. Object keys are stored in {@link Jsonb#KEY_ORDER}.
 * The payload here starts after the 4-byte varlena header, whose 4 bytes keep alignment intact.
 */
final class JsonbFormat {
    static final int JB_CMASK = 0x0FFFFFFF;
    static final int JB_FSCALAR = 0x10000000;
    static final int JB_FOBJECT = 0x20000000;
    static final int JB_FARRAY = 0x40000000;
    static final int JENTRY_OFFLENMASK = 0x0FFFFFFF;
    static final int JENTRY_TYPEMASK = 0x70000000;
    static final int JENTRY_HAS_OFF = 0x80000000;
    static final int JENTRY_ISSTRING = 0x00000000;
    static final int JENTRY_ISNUMERIC = 0x10000000;
    static final int JENTRY_ISBOOL_FALSE = 0x20000000;
    static final int JENTRY_ISBOOL_TRUE = 0x30000000;
    static final int JENTRY_ISNULL = 0x40000000;
    static final int JENTRY_ISCONTAINER = 0x50000000;
    static final int JB_OFFSET_STRIDE = 32;

    private JsonbFormat() {}

    /** A growable little-endian buffer whose position 0 is the varlena start (4 header bytes reserved). */
    private static final class Buf {
        byte[] b = new byte[64];
        int len = 4;

        void ensure(int n) {
            if (len + n > b.length) b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, len + n));
        }

        int reserve(int n) {
            ensure(n);
            int at = len;
            len += n;
            return at;
        }

        void put(byte[] x) {
            ensure(x.length);
            System.arraycopy(x, 0, b, len, x.length);
            len += x.length;
        }

        void putInt(int at, int v) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >>> 8);
            b[at + 2] = (byte) (v >>> 16);
            b[at + 3] = (byte) (v >>> 24);
        }

        /** padBufferToInt: zero bytes up to a 4-byte boundary; returns how many. */
        int padToInt() {
            int pad = ((len + 3) & ~3) - len;
            reserve(pad);
            return pad;
        }
    }

    static byte[] encode(Jsonb j) {
        Buf buf = new Buf();
        Object root = j.root();
        if (root instanceof List<?> || root instanceof Map<?, ?>) convertValue(buf, root, false);
        else convertArray(buf, List.of(root), true);
        return java.util.Arrays.copyOfRange(buf.b, 4, buf.len);
    }

    /** convertJsonbValue: appends one value, returns its JEntry (length form). */
    private static int convertValue(Buf buf, Object v, boolean rawScalar) {
        if (v instanceof List<?> l) return convertArray(buf, l, rawScalar);
        if (v instanceof Map<?, ?> m) return convertObject(buf, m);
        return convertScalar(buf, v);
    }

    private static int convertArray(Buf buf, List<?> elems, boolean rawScalar) {
        int base = buf.len;
        buf.padToInt();
        int n = elems.size();
        int header = n | JB_FARRAY | (rawScalar ? JB_FSCALAR : 0);
        buf.putInt(buf.reserve(4), header);
        int jentries = buf.reserve(4 * n);
        int total = 0;
        for (int i = 0; i < n; i++) {
            int meta = convertValue(buf, elems.get(i), false);
            total += meta & JENTRY_OFFLENMASK;
            if (total > JENTRY_OFFLENMASK) throw tooBig();
            if (i % JB_OFFSET_STRIDE == 0) meta = (meta & JENTRY_TYPEMASK) | total | JENTRY_HAS_OFF;
            buf.putInt(jentries + 4 * i, meta);
        }
        int len = buf.len - base;
        if (len > JENTRY_OFFLENMASK) throw tooBig();
        return JENTRY_ISCONTAINER | len;
    }

    private static int convertObject(Buf buf, Map<?, ?> m) {
        int base = buf.len;
        buf.padToInt();
        int n = m.size();
        buf.putInt(buf.reserve(4), n | JB_FOBJECT);
        int jentries = buf.reserve(8 * n);
        int total = 0;
        int i = 0;
        for (Object k : m.keySet()) {
            int meta = convertScalar(buf, k);
            total += meta & JENTRY_OFFLENMASK;
            if (i % JB_OFFSET_STRIDE == 0) meta = (meta & JENTRY_TYPEMASK) | total | JENTRY_HAS_OFF;
            buf.putInt(jentries + 4 * i, meta);
            i++;
        }
        i = 0;
        for (Object v : m.values()) {
            int meta = convertValue(buf, v, false);
            total += meta & JENTRY_OFFLENMASK;
            if (total > JENTRY_OFFLENMASK) throw tooBig();
            if ((i + n) % JB_OFFSET_STRIDE == 0) meta = (meta & JENTRY_TYPEMASK) | total | JENTRY_HAS_OFF;
            buf.putInt(jentries + 4 * (i + n), meta);
            i++;
        }
        int len = buf.len - base;
        if (len > JENTRY_OFFLENMASK) throw tooBig();
        return JENTRY_ISCONTAINER | len;
    }

    private static int convertScalar(Buf buf, Object v) {
        return switch (v) {
            case Jsonb.Null n -> JENTRY_ISNULL;
            case Boolean b -> b ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE;
            case String s -> {
                byte[] x = s.getBytes(StandardCharsets.UTF_8);
                buf.put(x);
                yield JENTRY_ISSTRING | x.length;
            }
            case BigDecimal d -> {
                int pad = buf.padToInt();
                byte[] p = NumericFormat.encode(d);
                buf.putInt(buf.reserve(4), (p.length + 4) << 2);
                buf.put(p);
                yield JENTRY_ISNUMERIC | (pad + 4 + p.length);
            }
            default -> throw new IllegalArgumentException("not a jsonb scalar: " + v);
        };
    }

    private static IllegalArgumentException tooBig() {
        return new IllegalArgumentException("total size of jsonb array elements exceeds the maximum of "
                + JENTRY_OFFLENMASK + " bytes");
    }

    // ------------------------------------------------------------------ reading

    static Jsonb decode(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.position(4);
        b.put(payload);
        Object root = readContainer(b, 4);
        if (root instanceof RawScalar r) root = r.value;
        return new Jsonb(root);
    }

    private record RawScalar(Object value) {}

    /** The container at {@code at} (offset from the varlena start). */
    private static Object readContainer(ByteBuffer b, int at) {
        int header = b.getInt(at);
        int count = header & JB_CMASK;
        boolean object = (header & JB_FOBJECT) != 0;
        int nentries = object ? 2 * count : count;
        int jentries = at + 4;
        int data = jentries + 4 * nentries;
        Object[] values = new Object[nentries];
        int offset = 0;
        for (int i = 0; i < nentries; i++) {
            int je = b.getInt(jentries + 4 * i);
            int end = (je & JENTRY_HAS_OFF) != 0 ? je & JENTRY_OFFLENMASK : offset + (je & JENTRY_OFFLENMASK);
            values[i] = readChild(b, je & JENTRY_TYPEMASK, data + offset, data + end);
            offset = end;
        }
        if (object) {
            TreeMap<String, Object> m = Jsonb.newObject();
            for (int i = 0; i < count; i++) m.put((String) values[i], values[i + count]);
            return m;
        }
        List<Object> l = new ArrayList<>(java.util.Arrays.asList(values));
        if ((header & JB_FSCALAR) != 0) return new RawScalar(l.get(0));
        return java.util.Collections.unmodifiableList(l);
    }

    private static Object readChild(ByteBuffer b, int type, int start, int end) {
        return switch (type) {
            case JENTRY_ISNULL -> Jsonb.NULL;
            case JENTRY_ISBOOL_TRUE -> Boolean.TRUE;
            case JENTRY_ISBOOL_FALSE -> Boolean.FALSE;
            case JENTRY_ISSTRING -> new String(b.array(), start, end - start, StandardCharsets.UTF_8);
            case JENTRY_ISNUMERIC -> {
                int at = (start + 3) & ~3;
                int len = b.getInt(at) >>> 2;
                yield NumericFormat.decode(java.util.Arrays.copyOfRange(b.array(), at + 4, at + len));
            }
            case JENTRY_ISCONTAINER -> readContainer(b, (start + 3) & ~3);
            default -> throw new IllegalArgumentException("invalid jsonb entry type " + type);
        };
    }
}
