package org.tusk.access.common;

import org.tusk.storage.page.Alignment;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

/**
 * heap_deform_tuple (heaptuple.c): reads every attribute of a heap tuple into Java values (null
 * for SQL NULL), walking the data with the same alignment rules that formed it: a fixed-length
 * value at its attalign; a varlena unaligned if the byte at the current offset is nonzero (a
 * 1-byte header; pad bytes are zero), else at its attalign.
 *
 * <p>Attributes the descriptor has beyond the tuple's natts (columns added later by ALTER TABLE)
 * read as null; missing-attribute defaults (attmissingval) are not supported yet. The tuple is
 * checked against its own length, so a corrupt tuple is an error, not a read of a neighbour.
 */
public final class HeapTupleDeform {
    private HeapTupleDeform() {}

    /** Deforms {@code tuple} (exactly t_len bytes, MAXALIGNed, e.g. from {@code Page.item}). */
    public static Object[] deform(TupleDesc desc, MemorySegment tuple) {
        return deform(desc, tuple, ToastFetcher.NONE);
    }

    /**
     * Deforms {@code tuple}, detoasting its varlenas: compressed values are decompressed and
     * external ones read back through {@code toast} (heap_deform_tuple then
     * heap_tuple_untoast_attr per value, as the executor's slot would on first use).
     */
    public static Object[] deform(TupleDesc desc, MemorySegment tuple, ToastFetcher toast) {
        if (tuple.maxByteAlignment() < Alignment.MAXIMUM_ALIGNOF) throw new IllegalArgumentException("tuple memory is not MAXALIGNed");
        long len = tuple.byteSize();
        if (len < HeapTupleHeader.SIZE) throw corrupt("tuple of " + len + " bytes is shorter than its header");
        int hoff = HeapTupleHeader.hoff(tuple);
        int natts = Math.min(desc.natts(), HeapTupleHeader.natts(tuple));
        boolean hasNulls = HeapTupleHeader.hasNulls(tuple);
        int minHoff = HeapTupleHeader.SIZE + (hasNulls ? HeapTupleHeader.bitmapLen(HeapTupleHeader.natts(tuple)) : 0);
        if (hoff < minHoff || hoff > len || !Alignment.isMaxAligned(hoff)) throw corrupt("invalid t_hoff " + hoff);

        Object[] values = new Object[desc.natts()];
        long off = hoff;
        for (int i = 0; i < natts; i++) {
            if (hasNulls && HeapTupleHeader.attIsNull(tuple, i)) continue;
            off = AttributeFetch.fetch(tuple, desc.attr(i), i, off, len, values, HeapTupleDeform::corrupt, toast);
        }
        return values;
    }

    /**
     * The on-disk TOAST pointers of {@code tuple}, one entry per attribute of {@code desc} (null
     * where the value is null, not a varlena or not external), found by stepping over the values
     * as deforming does but decoding none. This is what heap_toast_delete and the update path of
     * heap_toast_insert_or_update look at in the old tuple (VARATT_IS_EXTERNAL_ONDISK).
     */
    public static ToastPointer[] externalPointers(TupleDesc desc, MemorySegment tuple) {
        ToastPointer[] out = new ToastPointer[desc.natts()];
        if ((HeapTupleHeader.infomask(tuple) & HeapTupleHeader.HEAP_HASEXTERNAL) == 0) return out;
        long len = tuple.byteSize();
        int natts = Math.min(desc.natts(), HeapTupleHeader.natts(tuple));
        boolean hasNulls = HeapTupleHeader.hasNulls(tuple);
        long off = HeapTupleHeader.hoff(tuple);
        for (int i = 0; i < natts; i++) {
            if (hasNulls && HeapTupleHeader.attIsNull(tuple, i)) continue;
            Attribute att = desc.attr(i);
            if (att.attlen() == -1) {
                if (Varlena.isPadByte(tuple, off)) off = Alignment.typeAlign(att.alignment(), off);
                if (off >= len) throw corrupt("attribute " + (i + 1) + " starts beyond the tuple's end");
                int total = Varlena.totalSize(tuple, off);
                if (Varlena.isExternal(tuple, off)) {
                    out[i] = ToastPointer.read(tuple.asSlice(off, total).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 0);
                }
                off += total;
            } else if (att.attlen() > 0) {
                off = Alignment.typeAlign(att.alignment(), off) + att.attlen();
            } else {
                throw corrupt("attribute " + (i + 1) + " has attlen " + att.attlen());
            }
        }
        return out;
    }

    private static PgException corrupt(String what) {
        return PgException.error(SqlState.DATA_CORRUPTED, "invalid heap tuple: " + what);
    }
}
