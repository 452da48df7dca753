package org.tusk.access.common;

import org.tusk.storage.page.Alignment;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A scan key (PostgreSQL's ScanKeyData, access/skey.h, as systable_beginscan passes it to a heap
 * scan): "attribute {@code attnum} equals {@code value}" for a 4-byte integer-like attribute (oid,
 * regproc, int4), the form every catalog lookup by OID takes (ScanKeyInit with F_OIDEQ), or
 * "attribute {@code attnum} equals the name {@code name}" for a {@code name} attribute (F_NAMEEQ:
 * the stored NAMEDATALEN bytes hold the name's UTF-8 bytes, then NUL padding), or "the OID in
 * attribute {@code attnum} is at least {@code value}" (F_OIDGE, compared unsigned as OIDs are):
 * the form that separates user objects (OID at or above FirstNormalObjectId) from built-in ones.
 *
 * <p>A heap scan tests the key on the tuple in the page (HeapKeyTest) before forming a slot, so a
 * catalog lookup reads four bytes of each row it rejects instead of decoding all its columns. The
 * test walks the data area only as far as the key attribute (nocachegetattr), stepping over the
 * earlier values by their lengths without decoding them.
 */
public record ScanKey(int attnum, int value, byte[] name, boolean oidAtLeast) {
    public ScanKey {
        if (attnum < 1) throw new IllegalArgumentException("scan key on attribute " + attnum);
    }

    /** F_OIDEQ / F_INT4EQ: attribute {@code attnum} equals {@code value}. */
    public ScanKey(int attnum, int value) {
        this(attnum, value, null, false);
    }

    /** F_OIDGE: the OID in attribute {@code attnum} is at least {@code oid} (unsigned). */
    public static ScanKey oidAtLeast(int attnum, int oid) {
        return new ScanKey(attnum, oid, null, true);
    }

    /** F_NAMEEQ: attribute {@code attnum}, of type name, equals {@code name}. */
    public static ScanKey nameEquals(int attnum, String name) {
        return new ScanKey(attnum, 0, name.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
    }

    /** HeapKeyTest on a tuple of the page: true if the key attribute is not null and equals the value. */
    public boolean matches(TupleDesc desc, MemorySegment tuple) {
        int i = attnum - 1;
        if (i >= desc.natts() || i >= HeapTupleHeader.natts(tuple)) return false;
        boolean hasNulls = HeapTupleHeader.hasNulls(tuple);
        if (hasNulls && HeapTupleHeader.attIsNull(tuple, i)) return false;
        long len = tuple.byteSize();
        long off = HeapTupleHeader.hoff(tuple);
        for (int k = 0; k < i; k++) {
            if (hasNulls && HeapTupleHeader.attIsNull(tuple, k)) continue;
            Attribute att = desc.attr(k);
            if (att.attlen() == -1) {
                if (Varlena.isPadByte(tuple, off)) off = Alignment.typeAlign(att.alignment(), off);
                if (off >= len) return false;
                off += Varlena.totalSize(tuple, off);
            } else if (att.attlen() > 0) {
                off = Alignment.typeAlign(att.alignment(), off) + att.attlen();
            } else {
                throw new IllegalStateException("attribute " + (k + 1) + " has attlen " + att.attlen());
            }
        }
        Attribute key = desc.attr(i);
        off = Alignment.typeAlign(key.alignment(), off);
        if (name != null) {
            if (key.attlen() != DatumType.NAMEDATALEN) {
                throw new IllegalStateException("name scan key on attribute " + attnum + " of attlen " + key.attlen());
            }
            if (off + DatumType.NAMEDATALEN > len || name.length >= DatumType.NAMEDATALEN) return false;
            for (int k = 0; k < name.length; k++) if (tuple.get(JAVA_BYTE, off + k) != name[k]) return false;
            return tuple.get(JAVA_BYTE, off + name.length) == 0;
        }
        if (key.attlen() != 4) throw new IllegalStateException("scan key on attribute " + attnum + " of attlen " + key.attlen());
        if (off + 4 > len) return false;
        return test(tuple.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, off));
    }

    /** The same test on a deformed row (for table access methods that keep rows as values). */
    public boolean matches(Object[] values) {
        Object v = attnum - 1 < values.length ? values[attnum - 1] : null;
        if (name != null) return v instanceof String str && java.util.Arrays.equals(str.getBytes(java.nio.charset.StandardCharsets.UTF_8), name);
        return v instanceof Number n && test(n.intValue());
    }

    private boolean test(int stored) {
        return oidAtLeast ? Integer.compareUnsigned(stored, value) >= 0 : stored == value;
    }
}
