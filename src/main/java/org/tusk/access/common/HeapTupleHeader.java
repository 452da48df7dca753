package org.tusk.access.common;

import org.tusk.storage.page.ItemPointer;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * HeapTupleHeaderData (htup_details.h), the fixed 23 bytes at the start of every heap tuple,
 * declared once as a {@link StructLayout}; the static accessors read and write a tuple in place.
 *
 * <pre>
 *  0  t_xmin / datum_len_     uint32  inserting transaction id   (a formed tuple: its length)
 *  4  t_xmax / datum_typmod   uint32  deleting or locking xid    (a formed tuple: its typmod)
 *  8  t_cid / t_xvac / datum_typeid   command id, or VACUUM FULL's xid (a formed tuple: its type)
 * 12  t_ctid.ip_blkid.bi_hi   uint16  this tuple's or its newer version's block (high half)
 * 14  t_ctid.ip_blkid.bi_lo   uint16  (low half)
 * 16  t_ctid.ip_posid         uint16  its offset number
 * 18  t_infomask2             uint16  number of attributes | HEAP_KEYS_UPDATED | HOT flags
 * 20  t_infomask              uint16  HEAP_HASNULL, HEAP_HASVARWIDTH, hint and lock bits
 * 22  t_hoff                  uint8   offset of the data: MAXALIGN(23 + null bitmap)
 * 23  t_bits[]                        null bitmap, one bit per attribute, 1 = not null
 * </pre>
 * A tuple built by {@link HeapTupleForm} carries DatumTupleFields in the first 12 bytes (as
 * heap_form_tuple leaves them); {@link #prepareForInsert} replaces them with the transaction
 * fields, as heap_insert does. Tuples start MAXALIGNed in memory, as they do on a page.
 */
public final class HeapTupleHeader {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("t_xmin"),
            JAVA_INT.withName("t_xmax"),
            JAVA_INT.withName("t_field3"),
            MemoryLayout.structLayout(
                    MemoryLayout.structLayout(JAVA_SHORT.withName("bi_hi"), JAVA_SHORT.withName("bi_lo")).withName("ip_blkid"),
                    JAVA_SHORT.withName("ip_posid")).withName("t_ctid"),
            JAVA_SHORT.withName("t_infomask2"),
            JAVA_SHORT.withName("t_infomask"),
            JAVA_BYTE.withName("t_hoff"));

    /** SizeofHeapTupleHeader: offsetof(HeapTupleHeaderData, t_bits) = 23. */
    public static final int SIZE = (int) LAYOUT.byteSize();

    // t_infomask
    public static final int HEAP_HASNULL = 0x0001;
    public static final int HEAP_HASVARWIDTH = 0x0002;
    public static final int HEAP_HASEXTERNAL = 0x0004;
    public static final int HEAP_HASOID_OLD = 0x0008;
    public static final int HEAP_XMAX_KEYSHR_LOCK = 0x0010;
    public static final int HEAP_COMBOCID = 0x0020;
    public static final int HEAP_XMAX_EXCL_LOCK = 0x0040;
    public static final int HEAP_XMAX_LOCK_ONLY = 0x0080;
    public static final int HEAP_XMAX_SHR_LOCK = HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
    public static final int HEAP_LOCK_MASK = HEAP_XMAX_SHR_LOCK | HEAP_XMAX_EXCL_LOCK | HEAP_XMAX_KEYSHR_LOCK;
    public static final int HEAP_XMIN_COMMITTED = 0x0100;
    public static final int HEAP_XMIN_INVALID = 0x0200;
    public static final int HEAP_XMIN_FROZEN = HEAP_XMIN_COMMITTED | HEAP_XMIN_INVALID;
    public static final int HEAP_XMAX_COMMITTED = 0x0400;
    public static final int HEAP_XMAX_INVALID = 0x0800;
    public static final int HEAP_XMAX_IS_MULTI = 0x1000;
    public static final int HEAP_UPDATED = 0x2000;
    public static final int HEAP_MOVED_OFF = 0x4000;
    public static final int HEAP_MOVED_IN = 0x8000;
    public static final int HEAP_MOVED = HEAP_MOVED_OFF | HEAP_MOVED_IN;
    /** Visibility-related bits, cleared when a tuple is (re)inserted. */
    public static final int HEAP_XACT_MASK = 0xFFF0;

    // t_infomask2
    public static final int HEAP_NATTS_MASK = 0x07FF;
    public static final int HEAP_KEYS_UPDATED = 0x2000;
    public static final int HEAP_HOT_UPDATED = 0x4000;
    public static final int HEAP_ONLY_TUPLE = 0x8000;
    public static final int HEAP2_XACT_MASK = 0xE000;

    /** MaxTupleAttributeNumber: the most attributes a tuple may have. */
    public static final int MAX_TUPLE_ATTRIBUTE_NUMBER = 1664;
    /** MaxHeapAttributeNumber: the most columns a table may have (leaves room for system columns). */
    public static final int MAX_HEAP_ATTRIBUTE_NUMBER = 1600;

    private static final VarHandle T_XMIN = LAYOUT.varHandle(groupElement("t_xmin"));
    private static final VarHandle T_XMAX = LAYOUT.varHandle(groupElement("t_xmax"));
    private static final VarHandle T_FIELD3 = LAYOUT.varHandle(groupElement("t_field3"));
    private static final VarHandle BI_HI = LAYOUT.varHandle(groupElement("t_ctid"), groupElement("ip_blkid"), groupElement("bi_hi"));
    private static final VarHandle BI_LO = LAYOUT.varHandle(groupElement("t_ctid"), groupElement("ip_blkid"), groupElement("bi_lo"));
    private static final VarHandle IP_POSID = LAYOUT.varHandle(groupElement("t_ctid"), groupElement("ip_posid"));
    private static final VarHandle T_INFOMASK2 = LAYOUT.varHandle(groupElement("t_infomask2"));
    private static final VarHandle T_INFOMASK = LAYOUT.varHandle(groupElement("t_infomask"));
    private static final VarHandle T_HOFF = LAYOUT.varHandle(groupElement("t_hoff"));

    private HeapTupleHeader() {}

    public static int xmin(MemorySegment t) { return (int) T_XMIN.get(t, 0L); }
    public static void setXmin(MemorySegment t, int xid) { T_XMIN.set(t, 0L, xid); }
    public static int xmax(MemorySegment t) { return (int) T_XMAX.get(t, 0L); }
    public static void setXmax(MemorySegment t, int xid) { T_XMAX.set(t, 0L, xid); }
    /** t_cid: the inserting or deleting command id (or a combo command id, see HEAP_COMBOCID). */
    public static int rawCommandId(MemorySegment t) { return (int) T_FIELD3.get(t, 0L); }
    /** HeapTupleHeaderSetCmin: also clears HEAP_COMBOCID. */
    public static void setCmin(MemorySegment t, int cid) {
        T_FIELD3.set(t, 0L, cid);
        setInfomask(t, infomask(t) & ~HEAP_COMBOCID);
    }
    /** t_xvac: the same word as t_cid, meaningful only with HEAP_MOVED (pre-9.0 VACUUM FULL). */
    public static int xvac(MemorySegment t) { return (int) T_FIELD3.get(t, 0L); }

    /** DatumTupleFields.datum_len_: the whole tuple's length, in a formed (not stored) tuple. */
    public static int datumLength(MemorySegment t) { return (int) T_XMIN.get(t, 0L); }
    public static int datumTypmod(MemorySegment t) { return (int) T_XMAX.get(t, 0L); }
    public static int datumTypeId(MemorySegment t) { return (int) T_FIELD3.get(t, 0L); }

    static void setDatumFields(MemorySegment t, int len, int typmod, int typeId) {
        T_XMIN.set(t, 0L, len);
        T_XMAX.set(t, 0L, typmod);
        T_FIELD3.set(t, 0L, typeId);
    }

    public static ItemPointer ctid(MemorySegment t) {
        int block = (Short.toUnsignedInt((short) BI_HI.get(t, 0L)) << 16) | Short.toUnsignedInt((short) BI_LO.get(t, 0L));
        return new ItemPointer(block, Short.toUnsignedInt((short) IP_POSID.get(t, 0L)));
    }

    public static void setCtid(MemorySegment t, ItemPointer ip) {
        BI_HI.set(t, 0L, (short) (ip.block() >>> 16));
        BI_LO.set(t, 0L, (short) ip.block());
        IP_POSID.set(t, 0L, (short) ip.offset());
    }

    public static int infomask2(MemorySegment t) { return Short.toUnsignedInt((short) T_INFOMASK2.get(t, 0L)); }
    public static void setInfomask2(MemorySegment t, int v) { T_INFOMASK2.set(t, 0L, (short) v); }
    public static int infomask(MemorySegment t) { return Short.toUnsignedInt((short) T_INFOMASK.get(t, 0L)); }
    public static void setInfomask(MemorySegment t, int v) { T_INFOMASK.set(t, 0L, (short) v); }
    public static int hoff(MemorySegment t) { return Byte.toUnsignedInt((byte) T_HOFF.get(t, 0L)); }
    static void setHoff(MemorySegment t, int hoff) { T_HOFF.set(t, 0L, (byte) hoff); }

    /** HeapTupleHeaderGetNatts. */
    public static int natts(MemorySegment t) { return infomask2(t) & HEAP_NATTS_MASK; }
    /** HeapTupleHeaderSetNatts: keeps the flag bits of t_infomask2. */
    public static void setNatts(MemorySegment t, int natts) {
        setInfomask2(t, (infomask2(t) & ~HEAP_NATTS_MASK) | natts);
    }

    public static boolean hasNulls(MemorySegment t) { return (infomask(t) & HEAP_HASNULL) != 0; }

    /** att_isnull on the tuple's bitmap: attribute {@code attnum} (0-based) is null. */
    public static boolean attIsNull(MemorySegment t, int attnum) {
        if (!hasNulls(t)) return false;
        int bits = t.get(JAVA_BYTE, SIZE + (attnum >> 3));
        return (bits & (1 << (attnum & 7))) == 0;
    }

    /** BITMAPLEN(natts): bytes of null bitmap for {@code natts} attributes. */
    public static int bitmapLen(int natts) {
        return (natts + 7) / 8;
    }

    /**
     * The header changes heap_insert makes to a formed tuple (heap_prepare_insert and
     * RelationPutHeapTuple): visibility bits cleared, xmax invalid, xmin and cmin set, and t_ctid
     * pointing at the tuple itself.
     */
    public static void prepareForInsert(MemorySegment t, int xid, int cid, ItemPointer self) {
        setInfomask(t, (infomask(t) & ~HEAP_XACT_MASK) | HEAP_XMAX_INVALID);
        setInfomask2(t, infomask2(t) & ~HEAP2_XACT_MASK);
        setXmin(t, xid);
        setCmin(t, cid);
        setXmax(t, 0);
        setCtid(t, self);
    }
}
