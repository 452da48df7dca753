package org.tusk.access.heap;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

/**
 * The heap's WAL record formats, byte for byte those of PostgreSQL 15's heapam_xlog.h, so that
 * pg_waldump decodes what Tusk writes. Little-endian, packed as the C structs' SizeOf macros say
 * (no trailing padding is written).
 */
final class HeapXLog {
    private HeapXLog() {}

    // RM_HEAP_ID info codes
    static final int XLOG_HEAP_INSERT = 0x00;
    static final int XLOG_HEAP_DELETE = 0x10;
    static final int XLOG_HEAP_UPDATE = 0x20;
    static final int XLOG_HEAP_LOCK = 0x60;
    static final int XLOG_HEAP_HOT_UPDATE = 0x40;
    static final int XLOG_HEAP_OPMASK = 0x70;
    /** The page is new: redo initialises it instead of reading it (with REGBUF_WILL_INIT). */
    static final int XLOG_HEAP_INIT_PAGE = 0x80;

    // RM_HEAP2_ID info codes
    static final int XLOG_HEAP2_PRUNE = 0x10;
    /** XLOG_HEAP2_VACUUM: dead line pointers set unused by VACUUM's second heap pass. */
    static final int XLOG_HEAP2_VACUUM = 0x20;
    /** XLOG_HEAP2_VISIBLE: VACUUM set visibility map bits (block 0 the VM page, block 1 the heap page). */
    static final int XLOG_HEAP2_VISIBLE = 0x40;
    /** XLOG_HEAP2_MULTI_INSERT: several new tuples on one page (heap_multi_insert, used by COPY FROM). */
    static final int XLOG_HEAP2_MULTI_INSERT = 0x50;

    /** xl_heap_visible: cutoff_xid (the newest xmin on the page) and the VM flags set. SizeOfHeapVisible = 5. */
    static byte[] visible(int cutoffXid, int flags) {
        return le(5).putInt(cutoffXid).put((byte) flags).array();
    }

    // xl_heap_insert.flags
    static final int XLH_INSERT_ALL_VISIBLE_CLEARED = 1 << 0;
    /** The last record of one heap_multi_insert call (logical decoding's end of the batch). */
    static final int XLH_INSERT_LAST_IN_MULTI = 1 << 1;
    // xl_heap_delete.flags
    static final int XLH_DELETE_ALL_VISIBLE_CLEARED = 1 << 0;
    // xl_heap_update.flags
    static final int XLH_UPDATE_OLD_ALL_VISIBLE_CLEARED = 1 << 0;
    static final int XLH_UPDATE_NEW_ALL_VISIBLE_CLEARED = 1 << 1;
    static final int XLH_UPDATE_PREFIX_FROM_OLD = 1 << 5;
    static final int XLH_UPDATE_SUFFIX_FROM_OLD = 1 << 6;

    // infobits_set: xmax flags carried in delete/update records (compute_infobits)
    static final int XLHL_XMAX_IS_MULTI = 0x01;
    static final int XLHL_XMAX_LOCK_ONLY = 0x02;
    static final int XLHL_XMAX_EXCL_LOCK = 0x04;
    static final int XLHL_XMAX_KEYSHR_LOCK = 0x08;
    static final int XLHL_KEYS_UPDATED = 0x10;

    /** SizeOfHeapHeader: t_infomask2, t_infomask, t_hoff. */
    static final int SIZE_OF_HEAP_HEADER = 5;

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** xl_heap_insert: the offset number the tuple went to, and flags. SizeOfHeapInsert = 3. */
    record Insert(int offnum, int flags) {
        static final int SIZE = 3;

        byte[] bytes() {
            return le(SIZE).putShort((short) offnum).put((byte) flags).array();
        }

        static Insert decode(MemorySegment d) {
            return new Insert(u16(d, 0), u8(d, 2));
        }
    }

    /**
     * xl_heap_multi_insert: flags, then the number of tuples, then (unless the record initialises
     * the page, when they are 1..ntuples) each tuple's offset number. SizeOfHeapMultiInsert = 4
     * (uint8 flags, a padding byte, uint16 ntuples).
     */
    record MultiInsert(int flags, int[] offsets, boolean init) {
        static final int SIZE = 4;

        byte[] bytes() {
            ByteBuffer b = le(SIZE + (init ? 0 : 2 * offsets.length)).put((byte) flags).put((byte) 0).putShort((short) offsets.length);
            if (!init) for (int off : offsets) b.putShort((short) off);
            return b.array();
        }

        /** The record's offsets; an initialising record implies 1..ntuples. */
        static MultiInsert decode(MemorySegment d, boolean init) {
            int n = u16(d, 2);
            int[] offs = new int[n];
            for (int i = 0; i < n; i++) offs[i] = init ? i + 1 : u16(d, SIZE + 2L * i);
            return new MultiInsert(u8(d, 0), offs, init);
        }
    }

    /** SizeOfMultiInsertTuple: xl_multi_insert_tuple's datalen, t_infomask2, t_infomask, t_hoff. */
    static final int SIZE_OF_MULTI_INSERT_TUPLE = 7;

    // xl_heap_lock.flags
    static final int XLH_LOCK_ALL_FROZEN_CLEARED = 0x01;

    /**
     * xl_heap_lock: the locking xid, the tuple's offset, the new xmax flags (compute_infobits of
     * the new infomask) and flags. SizeOfHeapLock = 8.
     */
    record Lock(int lockingXid, int offnum, int infobitsSet, int flags) {
        static final int SIZE = 8;

        byte[] bytes() {
            return le(SIZE).putInt(lockingXid).putShort((short) offnum).put((byte) infobitsSet).put((byte) flags).array();
        }

        static Lock decode(MemorySegment d) {
            return new Lock(d.get(JAVA_INT_UNALIGNED, 0), u16(d, 4), u8(d, 6), u8(d, 7));
        }
    }

    /** xl_heap_delete: the deleter's xid, the tuple's offset, its xmax flags, flags. SizeOfHeapDelete = 8. */
    record Delete(int xmax, int offnum, int infobitsSet, int flags) {
        static final int SIZE = 8;

        byte[] bytes() {
            return le(SIZE).putInt(xmax).putShort((short) offnum).put((byte) infobitsSet).put((byte) flags).array();
        }

        static Delete decode(MemorySegment d) {
            return new Delete(d.get(JAVA_INT_UNALIGNED, 0), u16(d, 4), u8(d, 6), u8(d, 7));
        }
    }

    /** xl_heap_update. SizeOfHeapUpdate = 14 (new_offnum ends it). */
    record Update(int oldXmax, int oldOffnum, int oldInfobitsSet, int flags, int newXmax, int newOffnum) {
        static final int SIZE = 14;

        byte[] bytes() {
            return le(SIZE).putInt(oldXmax).putShort((short) oldOffnum).put((byte) oldInfobitsSet).put((byte) flags)
                    .putInt(newXmax).putShort((short) newOffnum).array();
        }

        static Update decode(MemorySegment d) {
            return new Update(d.get(JAVA_INT_UNALIGNED, 0), u16(d, 4), u8(d, 6), u8(d, 7),
                    d.get(JAVA_INT_UNALIGNED, 8), u16(d, 12));
        }
    }

    /**
     * xl_heap_prune: the newest xid whose effects the record removes (for hot-standby conflicts),
     * and how many redirect pairs and now-dead items the block data holds; the rest of the block
     * data are now-unused items. SizeOfHeapPrune = 8.
     */
    record Prune(int latestRemovedXid, int nredirected, int ndead) {
        static final int SIZE = 8;

        byte[] bytes() {
            return le(SIZE).putInt(latestRemovedXid).putShort((short) nredirected).putShort((short) ndead).array();
        }

        static Prune decode(MemorySegment d) {
            return new Prune(d.get(JAVA_INT_UNALIGNED, 0), u16(d, 4), u16(d, 6));
        }
    }

    /**
     * xl_heap_vacuum: how many line pointers become unused; their offsets are the block data.
     * SizeOfHeapVacuum = 2.
     */
    static byte[] vacuum(int nunused) {
        return le(2).putShort((short) nunused).array();
    }

    /** xl_heap_header: the parts of a tuple header redo cannot reconstruct. */
    static byte[] heapHeader(int infomask2, int infomask, int hoff) {
        return le(SIZE_OF_HEAP_HEADER).putShort((short) infomask2).putShort((short) infomask).put((byte) hoff).array();
    }

    /** An array of OffsetNumbers (uint16) as block data. */
    static byte[] offsets(int[] offs, int n) {
        ByteBuffer b = le(2 * n);
        for (int i = 0; i < n; i++) b.putShort((short) offs[i]);
        return b.array();
    }

    static int u16(MemorySegment d, long off) {
        return Short.toUnsignedInt(d.get(JAVA_SHORT_UNALIGNED, off));
    }

    static int u8(MemorySegment d, long off) {
        return Byte.toUnsignedInt(d.get(JAVA_BYTE, off));
    }
}
