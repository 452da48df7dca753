package org.tusk.access.gin;

import org.tusk.storage.page.ItemPointer;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Compressed posting lists (ginpostinglist.c): a sorted list of heap TIDs as one
 * GinPostingList segment, byte for byte as PostgreSQL 15 writes it:
 *
 * <pre>
 *  0 first    ItemPointerData  the first TID, uncompressed (bi_hi, bi_lo, ip_posid)
 *  6 nbytes   uint16           length of the varbyte-encoded rest
 *  8 bytes    the deltas between consecutive TIDs, each TID taken as the 43-bit integer
 *             (block &lt;&lt; 11) | offset (itemptr_to_uint64, MaxHeapTuplesPerPageBits = 11)
 *             and each delta written 7 bits a byte, low bits first, the high bit set on every
 *             byte but the last
 * </pre>
 * A segment takes {@link #sizeOf} bytes: the header and SHORTALIGN(nbytes).
 */
public final class GinPostingList {
    private GinPostingList() {}

    /** offsetof(GinPostingList, bytes). */
    public static final int HEADER_SIZE = 8;
    /** MaxHeapTuplesPerPageBits. */
    private static final int OFFSET_BITS = 11;

    /** itemptr_to_uint64. */
    static long toLong(ItemPointer tid) {
        return ((long) tid.block() & 0xFFFFFFFFL) << OFFSET_BITS | tid.offset();
    }

    /** uint64_to_itemptr. */
    static ItemPointer fromLong(long v) {
        return new ItemPointer((int) (v >>> OFFSET_BITS), (int) (v & ((1 << OFFSET_BITS) - 1)));
    }

    /**
     * ginCompressPostingList: the leading TIDs of {@code tids} (sorted, distinct, at least one)
     * that fit a segment of at most {@code maxSize} bytes, encoded; {@code written[0]} is set to
     * how many went in.
     */
    public static byte[] compress(List<ItemPointer> tids, int maxSize, int[] written) {
        if (tids.isEmpty()) throw new IllegalArgumentException("a posting list segment holds at least one item");
        int maxBytes = (maxSize - HEADER_SIZE) & ~1;   // SHORTALIGN_DOWN
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long prev = toLong(tids.get(0));
        int n = 1;
        byte[] buf = new byte[7];
        for (; n < tids.size(); n++) {
            long val = toLong(tids.get(n));
            long delta = val - prev;
            if (delta <= 0) throw new IllegalArgumentException("posting list items must be sorted and distinct");
            int len = 0;
            while (delta > 0x7F) {
                buf[len++] = (byte) (0x80 | (delta & 0x7F));
                delta >>>= 7;
            }
            buf[len++] = (byte) delta;
            if (out.size() + len > maxBytes) break;
            out.write(buf, 0, len);
            prev = val;
        }
        if (written != null) written[0] = n;
        byte[] body = out.toByteArray();
        byte[] seg = new byte[HEADER_SIZE + ((body.length + 1) & ~1)];
        ItemPointer first = tids.get(0);
        putShort(seg, 0, first.block() >>> 16);
        putShort(seg, 2, first.block());
        putShort(seg, 4, first.offset());
        putShort(seg, 6, body.length);
        System.arraycopy(body, 0, seg, HEADER_SIZE, body.length);
        return seg;
    }

    /** ginPostingListDecode: the TIDs of the segment at {@code off} in {@code b}. */
    public static List<ItemPointer> decode(byte[] b, int off) {
        List<ItemPointer> out = new ArrayList<>();
        ItemPointer first = first(b, off);
        out.add(first);
        int nbytes = getShort(b, off + 6);
        long val = toLong(first);
        int p = off + HEADER_SIZE, end = p + nbytes;
        while (p < end) {
            long delta = 0;
            int shift = 0;
            int c;
            do {
                c = b[p++] & 0xFF;
                delta |= (long) (c & 0x7F) << shift;
                shift += 7;
            } while ((c & 0x80) != 0);
            val += delta;
            out.add(fromLong(val));
        }
        return out;
    }

    /** The segment's first TID (its header). */
    public static ItemPointer first(byte[] b, int off) {
        return new ItemPointer(getShort(b, off) << 16 | getShort(b, off + 2), getShort(b, off + 4));
    }

    /** SizeOfGinPostingList. */
    public static int sizeOf(byte[] b, int off) {
        return HEADER_SIZE + ((getShort(b, off + 6) + 1) & ~1);
    }

    /** ginMergeItemPointers: the sorted union of two sorted lists, without duplicates. */
    public static List<ItemPointer> merge(List<ItemPointer> a, List<ItemPointer> b) {
        List<ItemPointer> out = new ArrayList<>(a.size() + b.size());
        int i = 0, j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size()) out.add(a.get(i++));
            else if (i >= a.size()) out.add(b.get(j++));
            else {
                int c = a.get(i).compareTo(b.get(j));
                if (c < 0) out.add(a.get(i++));
                else if (c > 0) out.add(b.get(j++));
                else {
                    out.add(a.get(i++));
                    j++;
                }
            }
        }
        return out;
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    private static int getShort(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }
}
