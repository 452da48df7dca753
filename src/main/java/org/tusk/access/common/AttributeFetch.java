package org.tusk.access.common;

import org.tusk.storage.page.Alignment;
import org.tusk.utils.error.PgException;

import java.lang.foreign.MemorySegment;
import java.util.function.Function;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The step heap_deform_tuple and index_deform_tuple share (fetchatt with att_align_pointer and
 * att_addlength_pointer): one non-null attribute read at {@code off}, aligned as its type says
 * (a varlena with a 1-byte header is not aligned: a non-zero first byte cannot be padding), and
 * the offset after it. Every read is checked against {@code len}, the tuple's end. A dropped
 * attribute is stepped over by its length without being decoded, and reads as null.
 */
final class AttributeFetch {
    private AttributeFetch() {}

    /**
     * Reads attribute {@code i} (0-based) into {@code values[i]} and returns the offset just past
     * it; {@code corrupt} builds the caller's "invalid ... tuple" error.
     */
    static long fetch(MemorySegment tuple, Attribute att, int i, long off, long len, Object[] values,
                      Function<String, PgException> corrupt) {
        return fetch(tuple, att, i, off, len, values, corrupt, ToastFetcher.NONE);
    }

    /**
     * As {@link #fetch(MemorySegment, Attribute, int, long, long, Object[], Function)}, detoasting
     * a varlena on the way (heap_tuple_untoast_attr): an external value is read back through
     * {@code toast}, a compressed one decompressed.
     */
    static long fetch(MemorySegment tuple, Attribute att, int i, long off, long len, Object[] values,
                      Function<String, PgException> corrupt, ToastFetcher toast) {
        if (att.attlen() == -1) {
            if (off >= len) throw corrupt.apply("attribute " + (i + 1) + " starts beyond the tuple's end");
            if (Varlena.isPadByte(tuple, off)) off = Alignment.typeAlign(att.alignment(), off);
            if (off >= len) throw corrupt.apply("attribute " + (i + 1) + " starts beyond the tuple's end");
            int total = Varlena.totalSize(tuple, off);
            int hdr = Varlena.headerSize(tuple, off);
            if (total < hdr || off + total > len) {
                throw corrupt.apply("invalid varlena length " + total + " in attribute " + (i + 1));
            }
            if (att.attisdropped()) return off + total;   // a dropped column's value is skipped, never decoded
            values[i] = att.type().fromVarlenaPayload(Detoast.payload(tuple, off, total, hdr, toast));
            if (Varlena.isExternal(tuple, off)) {
                ToastPointer p = ToastPointer.read(tuple.asSlice(off, total).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 0);
                toast.detoasted(values[i], p, p.extsize());
            } else if (Varlena.isCompressed(tuple, off)) {
                toast.detoasted(values[i], null, total);
            }
            return off + total;
        }
        off = Alignment.typeAlign(att.alignment(), off);
        if (off + att.attlen() > len) throw corrupt.apply("attribute " + (i + 1) + " extends beyond the tuple's end");
        if (!att.attisdropped()) values[i] = att.type().fetchFixed(tuple, off);
        return off + att.attlen();
    }
}
