package org.tusk.access.common;

import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * heap_form_tuple (heaptuple.c): builds a heap tuple from Java values, byte for byte as
 * PostgreSQL would. The layout rules, in the order heap_fill_tuple applies them per attribute:
 *
 * <ol>
 * <li>The header is 23 bytes plus, if any value is null, a null bitmap of (natts + 7) / 8 bytes;
 *     t_hoff is that rounded up to MAXALIGN (so 24 for up to 8 attributes with nulls, 24 without).
 *     The data starts at t_hoff.</li>
 * <li>A null takes no space; its bitmap bit is 0 and HEAP_HASNULL is set.</li>
 * <li>A fixed-length value is placed at the next offset aligned to its attalign.</li>
 * <li>A varlena of a packable attribute (attstorage other than 'p') whose payload is at most 126
 *     bytes gets a 1-byte header and no alignment. Any other varlena gets a 4-byte header at an
 *     offset aligned to attalign. Either sets HEAP_HASVARWIDTH.</li>
 * <li>Alignment padding is zero (readers rely on it to tell padding from a 1-byte header).</li>
 * </ol>
 * The first 12 header bytes hold DatumTupleFields (length, typmod, type id) and t_ctid is
 * invalid, as heap_form_tuple leaves them; heap_insert then calls
 * {@link HeapTupleHeader#prepareForInsert}. Values the TOAST code compressed or moved out of line
 * come as {@link ToastedDatum}s and are copied as they are (HEAP_HASEXTERNAL marks a tuple with an
 * external pointer); a tuple still longer than {@link #MAX_HEAP_TUPLE_SIZE} is refused with
 * PostgreSQL's "row is too big" error.
 */
public final class HeapTupleForm {
    /** MaxHeapTupleSize: BLCKSZ - MAXALIGN(SizeOfPageHeaderData + sizeof(ItemIdData)) = 8160. */
    public static final int MAX_HEAP_TUPLE_SIZE = Page.BLCKSZ - Alignment.maxAlign(PageHeader.SIZE + ItemId.SIZE);

    private HeapTupleForm() {}

    /** The values of one row, checked against the descriptor and with varlena payloads encoded once. */
    private record Prepared(TupleDesc desc, Object[] values, byte[][] payloads, boolean hasNull, int hoff, int dataLen) {
        int length() { return hoff + dataLen; }
    }

    /** The length (t_len) of the tuple {@link #form} would build from {@code values}. */
    public static int length(TupleDesc desc, Object[] values) {
        return prepare(desc, values).length();
    }

    /** Forms the tuple in memory from {@code allocator}, MAXALIGNed, exactly as long as the tuple. */
    public static MemorySegment form(TupleDesc desc, Object[] values, SegmentAllocator allocator) {
        Prepared p = prepare(desc, values);
        MemorySegment t = allocator.allocate(p.length(), Alignment.MAXIMUM_ALIGNOF);
        fill(p, t);
        return t;
    }

    /**
     * Forms the tuple at the start of {@code target} (MAXALIGNed, at least {@link #length} bytes,
     * e.g. free space of a page) and returns its length.
     */
    public static int formInto(TupleDesc desc, Object[] values, MemorySegment target) {
        Prepared p = prepare(desc, values);
        if (target.byteSize() < p.length()) {
            throw new IllegalArgumentException("target of " + target.byteSize() + " bytes is too small for a tuple of " + p.length());
        }
        fill(p, target.asSlice(0, p.length()));
        return p.length();
    }

    private static Prepared prepare(TupleDesc desc, Object[] values) {
        return prepare(desc, values, null, true);
    }

    /**
     * A composite value's tuple (heap_form_tuple for a record Datum): no page has to hold it, so
     * it is not limited to {@link #MAX_HEAP_TUPLE_SIZE}; the row that stores it is toasted and
     * checked as a whole (an array of large records compresses, as in PostgreSQL).
     */
    public static MemorySegment formDatum(TupleDesc desc, Object[] values, SegmentAllocator allocator) {
        Prepared p = prepare(desc, values, null, false);
        MemorySegment t = allocator.allocate(p.length(), Alignment.MAXIMUM_ALIGNOF);
        fill(p, t);
        return t;
    }

    /**
     * heap_compute_data_size: the bytes the non-null values take after t_hoff, and nothing is
     * refused. {@code payloads[i]}, when given, is the already encoded payload of the plain
     * varlena {@code values[i]} (the TOAST code encodes each value once).
     */
    public static long dataSize(TupleDesc desc, Object[] values, byte[][] payloads) {
        long dataLen = 0;
        for (int i = 0; i < desc.natts(); i++) {
            Attribute att = desc.attr(i);
            Object v = values[i];
            if (v == null) continue;
            dataLen = addLength(att, v, payloads[i], dataLen);
        }
        return dataLen;
    }

    /** The encoded payload of every plain varlena value (null elsewhere), for {@link #dataSize} and {@link #form(TupleDesc, Object[], byte[][], SegmentAllocator)}. */
    public static byte[][] encodePayloads(TupleDesc desc, Object[] values) {
        byte[][] payloads = new byte[desc.natts()][];
        for (int i = 0; i < desc.natts(); i++) {
            Attribute att = desc.attr(i);
            if (values[i] != null && att.attlen() == -1 && !(values[i] instanceof ToastedDatum) && att.type().accepts(values[i])) {
                payloads[i] = att.type().varlenaPayload(values[i]);
            }
        }
        return payloads;
    }

    /** t_hoff of a tuple of {@code desc} with or without nulls. */
    public static int hoff(TupleDesc desc, boolean hasNull) {
        return Alignment.maxAlign(HeapTupleHeader.SIZE + (hasNull ? HeapTupleHeader.bitmapLen(desc.natts()) : 0));
    }

    /** att_align_datum then att_addlength_datum for one non-null value. */
    private static long addLength(Attribute att, Object v, byte[] payload, long dataLen) {
        if (att.attlen() != -1) return Alignment.typeAlign(att.alignment(), dataLen) + att.attlen();
        if (v instanceof ToastedDatum td) {
            // an external pointer has a 1-byte header and is never aligned; a compressed value a 4-byte one
            return (td.isExternal() ? dataLen : Alignment.typeAlign(att.alignment(), dataLen)) + td.size();
        }
        if (att.isPackable() && Varlena.canMakeShort(payload.length)) return dataLen + Varlena.VARHDRSZ_SHORT + payload.length;
        return Alignment.typeAlign(att.alignment(), dataLen) + Varlena.VARHDRSZ + (long) payload.length;
    }

    /**
     * Forms the tuple from values some of which the TOAST code replaced by {@link ToastedDatum}s,
     * with the payloads it already encoded (null entries are encoded here).
     */
    public static MemorySegment form(TupleDesc desc, Object[] values, byte[][] payloads, SegmentAllocator allocator) {
        Prepared p = prepare(desc, values, payloads, true);
        MemorySegment t = allocator.allocate(p.length(), Alignment.MAXIMUM_ALIGNOF);
        fill(p, t);
        return t;
    }

    private static Prepared prepare(TupleDesc desc, Object[] values, byte[][] given, boolean pageLimit) {
        int natts = desc.natts();
        if (values.length != natts) {
            throw new IllegalArgumentException("expected " + natts + " values, got " + values.length);
        }
        byte[][] payloads = new byte[natts][];
        boolean hasNull = false;
        long dataLen = 0;   // heap_compute_data_size
        for (int i = 0; i < natts; i++) {
            Attribute att = desc.attr(i);
            Object v = values[i];
            if (v == null) {
                hasNull = true;
                continue;
            }
            if (v instanceof ToastedDatum) {
                if (att.attlen() != -1) throw new IllegalArgumentException("toasted value for fixed-length attribute " + att.name());
            } else if (!att.type().accepts(v)) {
                throw new IllegalArgumentException("value for attribute " + att.name() + " of type " + att.type()
                        + " must be a " + att.type().javaClass().getSimpleName() + ", not " + v.getClass().getSimpleName());
            } else if (att.attlen() == -1) {
                payloads[i] = given != null && given[i] != null ? given[i] : att.type().varlenaPayload(v);
            }
            dataLen = addLength(att, v, payloads[i], dataLen);
            if (pageLimit && dataLen > MAX_HEAP_TUPLE_SIZE) break;   // too big already; reported below
        }
        int hoff = hoff(desc, hasNull);
        long len = hoff + dataLen;
        if (pageLimit && len > MAX_HEAP_TUPLE_SIZE) {
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "row is too big: size " + len + ", maximum size " + MAX_HEAP_TUPLE_SIZE);
        }
        return new Prepared(desc, values, payloads, hasNull, hoff, (int) dataLen);
    }

    /** The header part of heap_form_tuple, then heap_fill_tuple. {@code t} is exactly the tuple. */
    private static void fill(Prepared p, MemorySegment t) {
        if (t.maxByteAlignment() < Alignment.MAXIMUM_ALIGNOF) throw new IllegalArgumentException("tuple memory is not MAXALIGNed");
        t.fill((byte) 0);
        TupleDesc desc = p.desc();
        HeapTupleHeader.setDatumFields(t, p.length(), desc.typmod(), desc.typeId());
        HeapTupleHeader.setCtid(t, ItemPointer.INVALID);
        HeapTupleHeader.setNatts(t, desc.natts());
        HeapTupleHeader.setHoff(t, p.hoff());

        int infomask = 0;
        long off = p.hoff();
        for (int i = 0; i < desc.natts(); i++) {
            Attribute att = desc.attr(i);
            Object v = p.values()[i];
            if (v == null) {
                infomask |= HeapTupleHeader.HEAP_HASNULL;
                continue;
            }
            if (p.hasNull()) {
                long bitByte = HeapTupleHeader.SIZE + (i >> 3);
                t.set(JAVA_BYTE, bitByte, (byte) (t.get(JAVA_BYTE, bitByte) | (1 << (i & 7))));
            }
            // Alignment is relative to the data start, which is MAXALIGNed, so it is also absolute.
            if (v instanceof ToastedDatum td) {
                infomask |= HeapTupleHeader.HEAP_HASVARWIDTH;
                if (td.isExternal()) {
                    infomask |= HeapTupleHeader.HEAP_HASEXTERNAL;
                } else {
                    off = Alignment.typeAlign(att.alignment(), off);
                }
                MemorySegment.copy(td.image(), 0, t, JAVA_BYTE, off, td.size());
                off += td.size();
            } else if (att.attlen() == -1) {
                infomask |= HeapTupleHeader.HEAP_HASVARWIDTH;
                byte[] payload = p.payloads()[i];
                if (att.isPackable() && Varlena.canMakeShort(payload.length)) {
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
        HeapTupleHeader.setInfomask(t, infomask);
        assert off == p.length() : "filled " + off + " of " + p.length() + " bytes";
    }
}
