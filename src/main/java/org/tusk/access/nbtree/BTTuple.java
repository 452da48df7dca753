package org.tusk.access.nbtree;

import org.tusk.access.common.IndexTuples;
import org.tusk.storage.page.ItemPointer;

import java.lang.foreign.MemorySegment;

/**
 * The B-tree's use of IndexTupleData (nbtree.h, "Notes on B-Tree tuple format"): non-pivot
 * (leaf) tuples and pivot tuples (high keys and downlinks) differ in how t_tid is read.
 *
 * <ul>
 * <li>A non-pivot tuple is a plain index tuple: t_tid is the heap TID it points to, every key
 *     attribute is present, INDEX_ALT_TID_MASK is clear.</li>
 * <li>A pivot tuple has INDEX_ALT_TID_MASK set; t_tid's block number is the downlink (child
 *     block, meaningless in a high key) and its offset number holds the number of key attributes
 *     kept (BT_OFFSET_MASK) plus BT_PIVOT_HEAP_TID_ATTR when a heap TID tiebreaker is appended in
 *     the tuple's last six bytes. Attributes past that number were truncated and compare as minus
 *     infinity; a pivot without a heap TID has minus infinity as its heap TID.</li>
 * <li>The first data item of an internal page is a pivot with no attributes (8 bytes): minus
 *     infinity, whatever the key.</li>
 * </ul>
 * There are no posting-list tuples: deduplication is not supported.
 */
public final class BTTuple {
    /** INDEX_ALT_TID_MASK. */
    public static final int INDEX_ALT_TID_MASK = IndexTuples.INDEX_AM_RESERVED_BIT;
    public static final int BT_OFFSET_MASK = 0x0FFF;
    public static final int BT_PIVOT_HEAP_TID_ATTR = 0x1000;
    /** MAXALIGN(sizeof(ItemPointerData)): the room a heap TID takes when appended to a pivot. */
    public static final int HEAP_TID_SPACE = 8;

    private BTTuple() {}

    public static boolean isPivot(MemorySegment t) {
        return (IndexTuples.info(t) & INDEX_ALT_TID_MASK) != 0;
    }

    /** BTreeTupleGetNAtts: the attributes present ({@code nkeyatts} for a non-pivot tuple). */
    public static int natts(MemorySegment t, int nkeyatts) {
        if (!isPivot(t)) return nkeyatts;
        return IndexTuples.tidOffset(t) & BT_OFFSET_MASK;
    }

    /** BTreeTupleGetHeapTID: the heap TID, or null for a pivot whose heap TID is truncated (minus infinity). */
    public static ItemPointer heapTid(MemorySegment t) {
        if (!isPivot(t)) return IndexTuples.tid(t);
        if ((IndexTuples.tidOffset(t) & BT_PIVOT_HEAP_TID_ATTR) == 0) return null;
        return IndexTuples.readTid(t, IndexTuples.size(t) - 6);
    }

    /** BTreeTupleGetDownLink. */
    public static int downlink(MemorySegment t) {
        return IndexTuples.tid(t).block();
    }

    /** BTreeTupleSetDownLink: the block half of t_tid; the offset half (natts) is kept. */
    public static void setDownlink(MemorySegment t, int block) {
        IndexTuples.setTid(t, new ItemPointer(block, IndexTuples.tid(t).offset()));
    }

    /** BTreeTupleSetNAtts: marks the tuple a pivot with {@code natts} attributes. */
    public static void setNAtts(MemorySegment t, int natts, boolean heapTid) {
        IndexTuples.setInfo(t, IndexTuples.info(t) | INDEX_ALT_TID_MASK);
        int off = natts | (heapTid ? BT_PIVOT_HEAP_TID_ATTR : 0);
        IndexTuples.setTid(t, new ItemPointer(IndexTuples.tid(t).block(), off));
    }

    /** The minus-infinity pivot (first data item of an internal page) pointing to {@code downlink}. */
    public static byte[] minusInfinity(int downlink) {
        byte[] b = new byte[IndexTuples.HEADER_SIZE];
        MemorySegment t = MemorySegment.ofArray(b);
        IndexTuples.setInfo(t, IndexTuples.HEADER_SIZE);
        IndexTuples.setTid(t, new ItemPointer(downlink, 0));
        setNAtts(t, 0, false);
        return b;
    }

    /** A copy of the {@code size} bytes at the start of {@code t}. */
    public static byte[] copy(MemorySegment t) {
        return t.asSlice(0, IndexTuples.size(t)).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
