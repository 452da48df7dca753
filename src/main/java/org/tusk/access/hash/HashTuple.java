package org.tusk.access.hash;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.MemorySegment;

import org.tusk.access.common.IndexTuples;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

/**
 * A hash index entry: an IndexTuple whose one column is the key's uint32 hash code, not the key
 * (_hash_form_tuple; the scan rechecks the key on the heap row). 16 bytes: the heap TID,
 * t_info (size 16, and INDEX_MOVED_BY_SPLIT_MASK on a copy a split made), the hash code, and
 * padding to MAXALIGN. Entries on each page are kept in hash code order (as unsigned numbers), so
 * that a page is searched by binary search (_hash_binsearch) and an insertion goes to its place
 * (_hash_pgaddtup).
 */
final class HashTuple {
    private HashTuple() {}

    static final int SIZE = 16;
    /** INDEX_MOVED_BY_SPLIT_MASK (INDEX_AM_RESERVED_BIT): copied into the new bucket by a split not yet complete. */
    static final int MOVED_BY_SPLIT = IndexTuples.INDEX_AM_RESERVED_BIT;
    /** HashMaxItemSize's use: an entry fits when a page has room for it and its line pointer. */
    static final int NEEDED = SIZE;

    static MemorySegment form(int hash, ItemPointer tid, boolean movedBySplit) {
        MemorySegment t = MemorySegment.ofArray(new byte[SIZE]);
        IndexTuples.writeTid(t, 0, tid);
        IndexTuples.setInfo(t, SIZE | (movedBySplit ? MOVED_BY_SPLIT : 0));
        t.set(JAVA_INT.withByteAlignment(1), 8, hash);
        return t;
    }

    static int hash(MemorySegment page, int off) {
        return Page.item(page, off).get(JAVA_INT.withByteAlignment(1), 8);
    }

    static ItemPointer tid(MemorySegment page, int off) {
        return IndexTuples.tid(Page.item(page, off));
    }

    static boolean movedBySplit(MemorySegment page, int off) {
        return (IndexTuples.info(Page.item(page, off)) & MOVED_BY_SPLIT) != 0;
    }

    /** ItemIdIsDead: an entry marked dead (none are yet: Tusk's scans do not kill entries). */
    static boolean isDead(MemorySegment page, int off) {
        return ItemId.isDead(Page.itemId(page, off));
    }

    /**
     * _hash_binsearch: the first offset whose hash code is not below {@code hash} (unsigned), or
     * one past the last.
     */
    static int binsearch(MemorySegment page, int hash) {
        int lower = Page.FIRST_OFFSET_NUMBER, upper = Page.maxOffsetNumber(page) + 1;
        while (upper > lower) {
            int off = (upper + lower) >>> 1;
            if (Integer.compareUnsigned(hash(page, off), hash) >= 0) upper = off;
            else lower = off + 1;
        }
        return lower;
    }

    /** _hash_pgaddtup: {@code tuple} placed in hash order on the page; false when it does not fit. */
    static boolean add(MemorySegment page, MemorySegment tuple, int hash) {
        if (Page.freeSpace(page) < SIZE) return false;
        int off = binsearch(page, hash);
        // after the entries of equal hash code already there, as _hash_binsearch_last would put it
        int max = Page.maxOffsetNumber(page);
        while (off <= max && hash(page, off) == hash) off++;
        return Page.addItem(page, tuple, off, 0) != Page.INVALID_OFFSET_NUMBER;
    }
}
