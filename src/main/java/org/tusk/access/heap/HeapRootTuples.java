package org.tusk.access.heap;

import org.tusk.access.transam.TransactionId;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;

import java.lang.foreign.MemorySegment;

/**
 * heap_get_root_tuples (pruneheap.c): for every tuple of a page, the offset of the root of the
 * HOT chain it belongs to, which is where index entries for it point. A root is a normal tuple
 * that is not heap-only, or a redirect line pointer; each chain is followed from its root through
 * heap-only members while each member's xmin matches its predecessor's xmax. Offsets that are not
 * on any chain (unused, dead, or heap-only tuples whose chain was broken) map to 0.
 * The caller holds the page's buffer pinned and share-locked.
 */
final class HeapRootTuples {
    private HeapRootTuples() {}

    /** Element {@code off - 1} is the root offset of the tuple at offset {@code off}, or 0. */
    static int[] rootOffsets(MemorySegment page) {
        int maxoff = Page.maxOffsetNumber(page);
        int[] roots = new int[maxoff];
        for (int offnum = Page.FIRST_OFFSET_NUMBER; offnum <= maxoff; offnum++) {
            int lp = ItemId.get(page, offnum);
            int next;
            int priorXmax;
            if (ItemId.isNormal(lp)) {
                MemorySegment t = Page.item(page, offnum);
                if (HeapTuples.isHeapOnly(t)) continue;   // reached from its root
                roots[offnum - 1] = offnum;
                if (!HeapTuples.isHotUpdated(t)) continue;
                next = org.tusk.access.common.HeapTupleHeader.ctid(t).offset();
                priorXmax = HeapTuples.updateXid(t);
            } else if (ItemId.isRedirect(lp)) {
                next = ItemId.redirectTarget(lp);
                priorXmax = TransactionId.INVALID;
            } else {
                continue;
            }
            while (next >= Page.FIRST_OFFSET_NUMBER && next <= maxoff) {
                int nlp = ItemId.get(page, next);
                if (!ItemId.isNormal(nlp)) break;
                MemorySegment t = Page.item(page, next);
                if (TransactionId.isValid(priorXmax) && priorXmax != HeapTuples.xmin(t)) break;
                roots[next - 1] = offnum;
                if (!HeapTuples.isHotUpdated(t)) break;
                next = org.tusk.access.common.HeapTupleHeader.ctid(t).offset();
                priorXmax = HeapTuples.updateXid(t);
            }
        }
        return roots;
    }
}
