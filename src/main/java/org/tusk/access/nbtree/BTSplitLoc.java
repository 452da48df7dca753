package org.tusk.access.nbtree;

import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;

import java.lang.foreign.MemorySegment;

/**
 * Choosing where to split a full page (nbtsplitloc.c, simplified to "balanced by space"): every
 * split point that leaves both halves within a page is a candidate, and the one whose free space
 * is best balanced wins. On the rightmost page of a level the balance is weighted by the fill
 * factor (for leaves the index's fillfactor storage parameter, BTREE_DEFAULT_FILLFACTOR 90% when
 * unset; 70% for internal pages, BTREE_NONLEAF_FILLFACTOR), so that ascending inserts leave full pages behind, as PostgreSQL's
 * does. PostgreSQL's further refinements (suffix-truncation-aware choice among nearby points,
 * the "many duplicates" strategies) are not done.
 *
 * <p>The left half's new high key is counted as firstright's size plus, on a leaf, room for an
 * appended heap TID: the truncated high key is never larger, so a chosen split always fits.
 */
final class BTSplitLoc {
    static final int LEAF_FILLFACTOR = 90;
    static final int NONLEAF_FILLFACTOR = 70;

    /** The split: the first original item on the right page, and which page the new item joins. */
    record Split(int firstRightOff, boolean newItemOnLeft) {}

    private BTSplitLoc() {}

    static Split find(MemorySegment page, int newItemOff, int newItemSz, int leafFillfactor) {
        boolean leaf = BTPageOpaque.isLeaf(page);
        boolean rightmost = BTPageOpaque.isRightmost(page);
        int first = BTPageOpaque.firstDataKey(page);
        int maxoff = Page.maxOffsetNumber(page);
        int norig = maxoff - first + 1;
        int n = norig + 1;
        int newPos = newItemOff - first;
        int[] sz = new int[n];
        for (int i = 0; i < n; i++) {
            int itemSz;
            if (i == newPos) itemSz = newItemSz;
            else itemSz = ItemId.length(ItemId.get(page, first + (i < newPos ? i : i - 1)));
            sz[i] = itemSz + ItemId.SIZE;
        }
        int pageFree = Page.BLCKSZ - PageHeader.SIZE - BTPageOpaque.SIZE;
        int rightHikey = rightmost ? 0 : ItemId.length(ItemId.get(page, BTPageOpaque.P_HIKEY)) + ItemId.SIZE;
        boolean useMult = rightmost;
        double mult = (leaf ? leafFillfactor : NONLEAF_FILLFACTOR) / 100.0;

        int total = 0;
        for (int s : sz) total += s;
        int best = -1;
        double bestDelta = Double.MAX_VALUE;
        int leftSum = 0;
        for (int j = 1; j < n; j++) {
            leftSum += sz[j - 1];
            int leftFree = pageFree - leftSum - (sz[j] + (leaf ? BTTuple.HEAP_TID_SPACE : 0));
            int rightFree = pageFree - (total - leftSum) - rightHikey;
            // The right page's first item of an internal page is stored truncated to minus infinity.
            if (!leaf) rightFree += sz[j] - ItemId.SIZE - org.tusk.access.common.IndexTuples.HEADER_SIZE;
            if (leftFree < 0 || rightFree < 0) continue;
            double delta = useMult ? mult * leftFree - (1.0 - mult) * rightFree : leftFree - rightFree;
            delta = Math.abs(delta);
            if (delta < bestDelta) {
                bestDelta = delta;
                best = j;
            }
        }
        if (best < 0) throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.INTERNAL_ERROR, "could not find a feasible split point");
        if (best == newPos) return new Split(newItemOff, false);
        if (best < newPos) return new Split(first + best, false);
        return new Split(first + best - 1, true);
    }
}
