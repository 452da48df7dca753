package org.tusk.access.heap;

import org.tusk.access.transam.TransactionId;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

import java.lang.foreign.MemorySegment;
import java.util.function.Predicate;

/**
 * heap_hot_search_buffer (heapam.c): follows the HOT chain that starts at an index entry's TID
 * (a redirect or the root tuple) through heap-only tuples on the same page, and returns the first
 * member the test accepts. The chain is valid only while each member's xmin equals the previous
 * member's xmax: a mismatch means the successor slot was pruned and reused, and the search stops.
 * The caller holds the buffer pinned and locked (share at least).
 */
final class HotSearch {
    private HotSearch() {}

    /** A chain member that passed the test: where it is and its bytes on the (locked) page. */
    record Found(ItemPointer tid, MemorySegment tuple) {}

    static Found search(MemorySegment page, ItemPointer tid, Predicate<Member> visible) {
        int block = tid.block();
        int offnum = tid.offset();
        boolean atChainStart = true;
        int prevXmax = TransactionId.INVALID;
        while (true) {
            if (offnum < Page.FIRST_OFFSET_NUMBER || offnum > Page.maxOffsetNumber(page)) return null;
            int lp = ItemId.get(page, offnum);
            if (!ItemId.isNormal(lp)) {
                if (ItemId.isRedirect(lp) && atChainStart) {
                    offnum = ItemId.redirectTarget(lp);
                    atChainStart = false;
                    continue;
                }
                return null;  // end of chain
            }
            MemorySegment t = Page.item(page, offnum);
            ItemPointer self = new ItemPointer(block, offnum);
            if (atChainStart && HeapTuples.isHeapOnly(t)) return null;  // an index never points at one
            if (TransactionId.isValid(prevXmax) && prevXmax != HeapTuples.xmin(t)) return null;  // broken chain
            if (visible.test(new Member(self, t))) return new Found(self, t);
            if (!HeapTuples.isHotUpdated(t)) return null;
            offnum = org.tusk.access.common.HeapTupleHeader.ctid(t).offset();
            atChainStart = false;
            prevXmax = HeapTuples.updateXid(t);
        }
    }

    /** One chain member being tested. */
    record Member(ItemPointer tid, MemorySegment tuple) {}
}
