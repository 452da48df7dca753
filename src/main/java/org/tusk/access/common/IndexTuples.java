package org.tusk.access.common;

import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * index_form_tuple and index_deform_tuple (indextuple.c, itup.h): the generic index tuple every
 * index access method stores, byte for byte as PostgreSQL 15 lays it out.
 *
 * <pre>
 *  0  t_tid    ItemPointerData  6 bytes: bi_hi, bi_lo (uint16 each), ip_posid (uint16)
 *  6  t_info   uint16           bits 0-12 size, 13 AM-reserved, 14 has varwidth, 15 has nulls
 *  8  IndexAttributeBitMapData  4 bytes (INDEX_MAX_KEYS = 32 bits), only if "has nulls"; 1 = not null
 *     data, from MAXALIGN(8 or 12), laid out as heap_fill_tuple lays out a heap tuple's data
 * </pre>
 * The size in t_info is the whole tuple MAXALIGNed, as index_form_tuple records it, so an index
 * tuple's size is always a multiple of 8. A varlena key longer than {@link #TOAST_INDEX_TARGET}
 * with storage 'x' or 'm' is stored compressed inline when pglz saves space, as index_form_tuple
 * does; values are never stored out of line. A tuple whose size still does not fit the 13-bit
 * size field is refused with PostgreSQL's error.
 */
public final class IndexTuples {
    /** sizeof(IndexTupleData). */
    public static final int HEADER_SIZE = 8;
    /** INDEX_MAX_KEYS. */
    public static final int INDEX_MAX_KEYS = 32;
    /** sizeof(IndexAttributeBitMapData). */
    public static final int BITMAP_SIZE = INDEX_MAX_KEYS / 8;
    public static final int INDEX_SIZE_MASK = 0x1FFF;
    /** INDEX_AM_RESERVED_BIT: nbtree's INDEX_ALT_TID_MASK. */
    public static final int INDEX_AM_RESERVED_BIT = 0x2000;
    public static final int INDEX_VAR_MASK = 0x4000;
    public static final int INDEX_NULL_MASK = 0x8000;
    /** TOAST_INDEX_TARGET: MaxHeapTupleSize / 16; a longer varlena key is compressed if it may be. */
    public static final int TOAST_INDEX_TARGET = HeapTupleForm.MAX_HEAP_TUPLE_SIZE / 16;

    private IndexTuples() {}

    /**
     * index_form_tuple: the tuple for the first {@code natts} attributes of {@code desc} with
     * {@code values} (null for SQL NULL) and t_tid = {@code tid}.
     */
    public static byte[] form(TupleDesc desc, int natts, Object[] values, ItemPointer tid) {
        if (natts > INDEX_MAX_KEYS) throw new IllegalArgumentException("too many index attributes: " + natts);
        boolean hasNull = false;
        byte[][] payloads = new byte[natts][];
        ToastedDatum[] compressed = new ToastedDatum[natts];
        long dataLen = 0;
        int hoff = HEADER_SIZE;
        for (int i = 0; i < natts; i++) if (values[i] == null) hasNull = true;
        hoff = Alignment.maxAlign(HEADER_SIZE + (hasNull ? BITMAP_SIZE : 0));
        for (int i = 0; i < natts; i++) {
            Object v = values[i];
            if (v == null) continue;
            Attribute att = desc.attr(i);
            if (!att.type().javaClass().isInstance(v)) {
                throw new IllegalArgumentException("value for index attribute " + att.name() + " of type " + att.type()
                        + " must be a " + att.type().javaClass().getSimpleName() + ", not " + v.getClass().getSimpleName());
            }
            if (att.attlen() == -1) {
                byte[] payload = att.type().varlenaPayload(v);
                payloads[i] = payload;
                // index_form_tuple: compress a value longer than TOAST_INDEX_TARGET whose storage allows it
                if (payload.length + Varlena.VARHDRSZ > TOAST_INDEX_TARGET && (att.attstorage() == 'x' || att.attstorage() == 'm')) {
                    ToastedDatum c = ToastCompression.compress(payload);
                    if (c != null) {
                        compressed[i] = c;
                        dataLen = Alignment.typeAlign(att.alignment(), hoff + dataLen) - hoff + c.size();
                        continue;
                    }
                }
                if (att.isPackable() && Varlena.canMakeShort(payload.length)) {
                    dataLen += Varlena.VARHDRSZ_SHORT + payload.length;
                } else {
                    dataLen = Alignment.typeAlign(att.alignment(), hoff + dataLen) - hoff + Varlena.VARHDRSZ + (long) payload.length;
                }
            } else {
                dataLen = Alignment.typeAlign(att.alignment(), hoff + dataLen) - hoff + att.attlen();
            }
        }
        long size = Alignment.typeAlign(Alignment.MAXIMUM_ALIGNOF, hoff + dataLen);
        if ((size & INDEX_SIZE_MASK) != size) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "index row requires " + size + " bytes, maximum size is " + INDEX_SIZE_MASK);
        }
        // Built in a long[] so that fixed-width values can be stored with their alignment.
        MemorySegment t = MemorySegment.ofArray(new long[(int) size / 8]);
        setTid(t, tid);
        int info = (int) size;
        if (hasNull) info |= INDEX_NULL_MASK;
        long off = hoff;
        for (int i = 0; i < natts; i++) {
            Object v = values[i];
            if (v == null) continue;
            if (hasNull) {
                long bitByte = HEADER_SIZE + (i >> 3);
                t.set(JAVA_BYTE, bitByte, (byte) (t.get(JAVA_BYTE, bitByte) | (1 << (i & 7))));
            }
            Attribute att = desc.attr(i);
            if (att.attlen() == -1) {
                info |= INDEX_VAR_MASK;
                byte[] payload = payloads[i];
                if (compressed[i] != null) {
                    off = Alignment.typeAlign(att.alignment(), off);
                    MemorySegment.copy(compressed[i].image(), 0, t, JAVA_BYTE, off, compressed[i].size());
                    off += compressed[i].size();
                } else if (att.isPackable() && Varlena.canMakeShort(payload.length)) {
                    off += Varlena.writeShort(t, off, payload);
                } else {
                    off = Alignment.typeAlign(att.alignment(), off);
                    off += Varlena.writeLong(t, off, payload);
                }
            } else {
                off = Alignment.typeAlign(att.alignment(), off);
                att.type().storeFixed(t, off, v);
                off += att.attlen();
            }
        }
        setInfo(t, info);
        return t.toArray(JAVA_BYTE);
    }

    /**
     * index_deform_tuple for the first {@code natts} attributes (a truncated pivot tuple has fewer
     * than the descriptor): their values, null for SQL NULL. {@code tuple} starts at the tuple.
     */
    public static Object[] deform(TupleDesc desc, int natts, MemorySegment tuple) {
        if (tuple.maxByteAlignment() < Alignment.MAXIMUM_ALIGNOF) {
            MemorySegment copy = MemorySegment.ofArray(new long[(size(tuple) + 7) / 8]);
            MemorySegment.copy(tuple, 0, copy, 0, size(tuple));
            tuple = copy;
        }
        int info = info(tuple);
        int size = info & INDEX_SIZE_MASK;
        boolean hasNull = (info & INDEX_NULL_MASK) != 0;
        long off = dataOffset(info);
        Object[] values = new Object[natts];
        for (int i = 0; i < natts; i++) {
            if (hasNull && (tuple.get(JAVA_BYTE, HEADER_SIZE + (i >> 3)) & (1 << (i & 7))) == 0) continue;
            off = AttributeFetch.fetch(tuple, desc.attr(i), i, off, size, values, IndexTuples::corrupt);
        }
        return values;
    }

    /** IndexInfoFindDataOffset. */
    public static int dataOffset(int info) {
        return (info & INDEX_NULL_MASK) != 0 ? Alignment.maxAlign(HEADER_SIZE + BITMAP_SIZE) : Alignment.maxAlign(HEADER_SIZE);
    }

    /** t_info. */
    public static int info(MemorySegment t) {
        return Short.toUnsignedInt(t.get(JAVA_SHORT_UNALIGNED, 6));
    }

    public static void setInfo(MemorySegment t, int info) {
        t.set(JAVA_SHORT_UNALIGNED, 6, (short) info);
    }

    /** IndexTupleSize. */
    public static int size(MemorySegment t) {
        return info(t) & INDEX_SIZE_MASK;
    }

    /** t_tid as stored: bi_hi, bi_lo, ip_posid. */
    public static ItemPointer tid(MemorySegment t) {
        return readTid(t, 0);
    }

    /** ip_posid of t_tid alone (a B-tree pivot keeps its attribute count there): no ItemPointer made. */
    public static int tidOffset(MemorySegment t) {
        return Short.toUnsignedInt(t.get(JAVA_SHORT_UNALIGNED, 4));
    }

    public static void setTid(MemorySegment t, ItemPointer tid) {
        writeTid(t, 0, tid);
    }

    /** An ItemPointerData at {@code off} (2-byte aligned on disk, so read unaligned). */
    public static ItemPointer readTid(MemorySegment t, long off) {
        int hi = Short.toUnsignedInt(t.get(JAVA_SHORT_UNALIGNED, off));
        int lo = Short.toUnsignedInt(t.get(JAVA_SHORT_UNALIGNED, off + 2));
        int pos = Short.toUnsignedInt(t.get(JAVA_SHORT_UNALIGNED, off + 4));
        return new ItemPointer((hi << 16) | lo, pos);
    }

    public static void writeTid(MemorySegment t, long off, ItemPointer tid) {
        t.set(JAVA_SHORT_UNALIGNED, off, (short) (tid.block() >>> 16));
        t.set(JAVA_SHORT_UNALIGNED, off + 2, (short) tid.block());
        t.set(JAVA_SHORT_UNALIGNED, off + 4, (short) tid.offset());
    }

    private static PgException corrupt(String what) {
        return PgException.error(SqlState.DATA_CORRUPTED, "invalid index tuple: " + what);
    }
}
