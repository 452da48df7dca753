package org.tusk.access.common;

import org.tusk.storage.page.Alignment;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The stored form of a one-dimensional array without nulls (array.h, ArrayType), as
 * construct_md_array builds it; int2vector and oidvector are such arrays with lower bound 0.
 *
 * <pre>
 * int32 vl_len_      varlena header (written by the tuple code, not here)
 * int32 ndim         0 for an empty array, else 1
 * int32 dataoffset   0: no null bitmap
 * Oid   elemtype
 * int32 dims[ndim]   number of elements
 * int32 lbound[ndim] lower bound (1 for SQL arrays, 0 for int2vector/oidvector)
 * data at ARR_DATA_OFFSET = MAXALIGN(16 + 8 * ndim) from the header's start; each element at
 * its type's alignment measured from the header's start; varlena elements always with a
 * 4-byte header (construct_md_array detoasts them), aligned 'i'.
 * </pre>
 * The payload returned here starts after vl_len_, so offsets are the above minus 4. Arrays with
 * null elements (a null bitmap) and more than one dimension are not supported.
 */
final class ArrayFormat {
    /** sizeof(ArrayType): vl_len_, ndim, dataoffset, elemtype. */
    static final int ARRAY_HEADER = 16;

    private ArrayFormat() {}

    static byte[] encodeInt2(short[] v, int elemType, int lbound) {
        ByteBuffer b = header(v.length, elemType, lbound, 2 * v.length);
        for (short s : v) b.putShort(s);
        return b.array();
    }

    static byte[] encodeInt4(int[] v, int elemType, int lbound) {
        ByteBuffer b = header(v.length, elemType, lbound, 4 * v.length);
        for (int s : v) b.putInt(s);
        return b.array();
    }

    static byte[] encodeText(String[] v, int elemType, int lbound) {
        byte[][] els = new byte[v.length][];
        int dataLen = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) throw new IllegalArgumentException("arrays with null elements are not supported");
            els[i] = v[i].getBytes(StandardCharsets.UTF_8);
            dataLen = align4(dataLen) + 4 + els[i].length;
        }
        ByteBuffer b = header(v.length, elemType, lbound, dataLen);
        int dataStart = b.position() + 4;   // offsets are measured from the varlena header's start
        for (byte[] e : els) {
            int at = b.position() + 4;
            int aligned = dataStart + align4(at - dataStart);
            b.position(aligned - 4);
            b.putInt((e.length + 4) << 2);
            b.put(e);
        }
        return b.array();
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** Writes the header fields; positions the buffer at the data start. */
    private static ByteBuffer header(int n, int elemType, int lbound, int dataLen) {
        int ndim = n == 0 ? 0 : 1;
        int dataOffset = Alignment.maxAlign(ARRAY_HEADER + 8 * ndim);
        ByteBuffer b = ByteBuffer.allocate(dataOffset - 4 + (ndim == 0 ? 0 : dataLen)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ndim).putInt(0).putInt(elemType);
        if (ndim == 1) b.putInt(n).putInt(lbound);
        b.position(ndim == 0 ? ARRAY_HEADER - 4 : dataOffset - 4);
        return b;
    }

    /** The parsed header of a stored array payload; the buffer is left at the first element. */
    private record Header(int n, int elemType, int lbound, ByteBuffer data) {}

    private static Header read(byte[] payload, int expectedElemType) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int ndim = b.getInt();
        int dataOffset = b.getInt();
        int elemType = b.getInt();
        if (ndim > 1 || ndim < 0) throw new IllegalArgumentException("arrays of " + ndim + " dimensions are not supported");
        if (dataOffset != 0) throw new IllegalArgumentException("arrays with null elements are not supported");
        if (elemType != expectedElemType) {
            throw new IllegalArgumentException("array of element type " + elemType + ", expected " + expectedElemType);
        }
        if (ndim == 0) return new Header(0, elemType, 1, b);
        int n = b.getInt();
        int lbound = b.getInt();
        b.position(Alignment.maxAlign(ARRAY_HEADER + 8) - 4);
        return new Header(n, elemType, lbound, b);
    }

    static short[] decodeInt2(byte[] payload, int elemType) {
        Header h = read(payload, elemType);
        short[] r = new short[h.n()];
        for (int i = 0; i < r.length; i++) r[i] = h.data().getShort();
        return r;
    }

    static int[] decodeInt4(byte[] payload, int elemType) {
        Header h = read(payload, elemType);
        int[] r = new int[h.n()];
        for (int i = 0; i < r.length; i++) r[i] = h.data().getInt();
        return r;
    }

    static String[] decodeText(byte[] payload, int elemType) {
        Header h = read(payload, elemType);
        ByteBuffer b = h.data();
        int dataStart = b.position() + 4;
        String[] r = new String[h.n()];
        for (int i = 0; i < r.length; i++) {
            int at = b.position() + 4;
            b.position(dataStart + align4(at - dataStart) - 4);
            int total = b.getInt() >>> 2;
            byte[] e = new byte[total - 4];
            b.get(e);
            r[i] = new String(e, StandardCharsets.UTF_8);
        }
        return r;
    }

    /** sizeof(AclItem) in PostgreSQL 15: Oid ai_grantee, Oid ai_grantor, AclMode (uint32) ai_privs. */
    static final int ACLITEM_SIZE = 12;

    /** aclitem[]: {@code v} holds (grantee, grantor, privs) triples, one per element. */
    static byte[] encodeAcl(int[] v, int elemType) {
        int n = v.length / 3;
        ByteBuffer b = header(n, elemType, 1, ACLITEM_SIZE * n);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    static int[] decodeAcl(byte[] payload, int elemType) {
        Header h = read(payload, elemType);
        int[] r = new int[h.n() * 3];
        for (int i = 0; i < r.length; i++) r[i] = h.data().getInt();
        return r;
    }

    // ------------------------------------------------------------ any element type, nulls, dimensions

    /**
     * Whether a stored array has the shape the catalog's plain Java forms can hold: at most one
     * dimension, lower bound 1, no null bitmap.
     */
    static boolean isSimple(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int ndim = b.getInt(0), dataOffset = b.getInt(4);
        return ndim == 0 || (ndim == 1 && dataOffset == 0 && b.getInt(16) == 1);
    }

    /** MAXALIGN'd offset of the data (ARR_OVERHEAD_NONULLS / ARR_OVERHEAD_WITHNULLS), from the varlena start. */
    private static int dataOffset(int ndim, int nitems, boolean nulls) {
        return Alignment.maxAlign(ARRAY_HEADER + 8 * ndim + (nulls ? (nitems + 7) / 8 : 0));
    }

    private static int alignTo(int off, char align) {
        int a = switch (align) {
            case 'd' -> 8;
            case 'i' -> 4;
            case 's' -> 2;
            default -> 1;
        };
        return (off + a - 1) & -a;
    }

    /**
     * construct_md_array's layout for any element type: header, dims, lower bounds, the null
     * bitmap when an element is null (bit set = present), then each present element at its
     * type's alignment counted from the varlena start; varlena elements keep a 4-byte header.
     */
    static byte[] encode(org.tusk.utils.adt.ArrayValue a, DatumType elem) {
        int nd = a.ndim(), n = a.size();
        boolean nulls = a.hasNulls();
        int start = dataOffset(nd, n, nulls);
        byte[][] varlenas = new byte[n][];
        int end = start;
        for (int i = 0; i < n; i++) {
            Object v = a.get(i);
            if (v == null) continue;
            end = alignTo(end, elem.typalign());
            if (elem.isVarlena()) {
                varlenas[i] = elem.varlenaPayload(v);
                end += 4 + varlenas[i].length;
            } else {
                end += elem.typlen();
            }
        }
        // construct_md_array aligns the running size after every element, so the last one is padded too
        int total = nd == 0 ? ARRAY_HEADER : alignTo(end, elem.typalign());
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment seg = arena.allocate(total, 8);
            seg.fill((byte) 0);
            java.lang.foreign.ValueLayout.OfInt I = java.lang.foreign.ValueLayout.JAVA_INT;
            seg.set(I, 4, nd);
            seg.set(I, 8, nulls ? start : 0);
            seg.set(I, 12, a.elemType());
            for (int d = 0; d < nd; d++) {
                seg.set(I, ARRAY_HEADER + 4 * d, a.dim(d));
                seg.set(I, ARRAY_HEADER + 4 * nd + 4 * d, a.lbound(d));
            }
            int bitmap = ARRAY_HEADER + 8 * nd;
            int off = start;
            for (int i = 0; i < n; i++) {
                Object v = a.get(i);
                if (v == null) continue;
                if (nulls) {
                    int at = bitmap + i / 8;
                    seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at, (byte) (seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, at) | (1 << (i % 8))));
                }
                off = alignTo(off, elem.typalign());
                if (elem.isVarlena()) {
                    byte[] p = varlenas[i];
                    seg.set(I, off, (p.length + 4) << 2);
                    java.lang.foreign.MemorySegment.copy(p, 0, seg, java.lang.foreign.ValueLayout.JAVA_BYTE, off + 4, p.length);
                    off += 4 + p.length;
                } else {
                    elem.storeFixed(seg, off, v);
                    off += elem.typlen();
                }
            }
            return seg.asSlice(4).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        }
    }

    /** The element type OID in a stored array's header (ARR_ELEMTYPE; the payload follows the 4-byte varlena header). */
    static int elementTypeOf(byte[] payload) {
        return java.nio.ByteBuffer.wrap(payload, 8, 4).order(java.nio.ByteOrder.nativeOrder()).getInt();
    }

    /** The inverse of {@link #encode}: any stored array of {@code elem}'s type as an ArrayValue. */
    static org.tusk.utils.adt.ArrayValue decode(byte[] payload, DatumType elem) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment seg = arena.allocate(payload.length + 4, 8);
            java.lang.foreign.MemorySegment.copy(payload, 0, seg, java.lang.foreign.ValueLayout.JAVA_BYTE, 4, payload.length);
            java.lang.foreign.ValueLayout.OfInt I = java.lang.foreign.ValueLayout.JAVA_INT;
            int nd = seg.get(I, 4), dataOffset = seg.get(I, 8), elemType = seg.get(I, 12);
            if (nd < 0 || nd > org.tusk.utils.adt.ArrayValue.MAXDIM)
                throw new IllegalArgumentException("invalid number of dimensions: " + nd);
            int[] dims = new int[nd], lbs = new int[nd];
            int n = nd == 0 ? 0 : 1;
            for (int d = 0; d < nd; d++) {
                dims[d] = seg.get(I, ARRAY_HEADER + 4 * d);
                lbs[d] = seg.get(I, ARRAY_HEADER + 4 * nd + 4 * d);
                n *= dims[d];
            }
            boolean nulls = dataOffset != 0;
            int bitmap = ARRAY_HEADER + 8 * nd;
            int off = nulls ? dataOffset : dataOffset(nd, n, false);
            Object[] elems = new Object[n];
            for (int i = 0; i < n; i++) {
                if (nulls && (seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, bitmap + i / 8) & (1 << (i % 8))) == 0) continue;
                if (elem.isVarlena()) {
                    byte first = seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off);
                    if ((first & 1) == 1 && first != 1) {
                        // a 1-byte header (never written by PostgreSQL's array code, but legal varlena)
                        int len = (first >> 1) & 0x7F;
                        elems[i] = elem.fromVarlenaPayload(seg.asSlice(off + 1, len - 1).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                        off += len;
                        continue;
                    }
                    off = alignTo(off, elem.typalign());
                    int len = seg.get(I, off) >>> 2;
                    elems[i] = elem.fromVarlenaPayload(seg.asSlice(off + 4, len - 4).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                    off += len;
                } else {
                    off = alignTo(off, elem.typalign());
                    elems[i] = elem.fetchFixed(seg, off);
                    off += elem.typlen();
                }
            }
            return new org.tusk.utils.adt.ArrayValue(elemType, dims, lbs, elems);
        }
    }
}
