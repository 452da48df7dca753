package org.tusk.storage.page;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The operations of bufpage.c that move items around on a page: PageRepairFragmentation for heap
 * pages (items keep their offset numbers) and PageIndexTupleDelete for index pages (later items
 * move down one offset number). Both check the page's pointers before moving anything, because a
 * corrupt pointer would otherwise let a memmove spread the damage into neighbouring buffers.
 */
public final class PageCompaction {
    private PageCompaction() {}

    /**
     * PageRepairFragmentation: after pruning has made line pointers unused, dead or redirects,
     * pack the items that still have storage against the special space, in line-pointer order
     * (item 1 highest, as freshly inserted pages have them), so all free space is contiguous.
     * Offset numbers do not change. Unused line pointers at the end of the array are removed;
     * PD_HAS_FREE_LINES is set if unused ones remain before the end, else cleared.
     *
     * <p>The caller holds a cleanup lock on the buffer: no one else may hold a pointer into it.
     */
    public static void repairFragmentation(MemorySegment page) {
        Page.checkSegment(page);
        int pdLower = PageHeader.lower(page);
        int pdUpper = PageHeader.upper(page);
        int pdSpecial = PageHeader.special(page);
        if (pdLower < PageHeader.SIZE || pdLower > pdUpper || pdUpper > pdSpecial || pdSpecial > Page.BLCKSZ
                || !Alignment.isMaxAligned(pdSpecial)) {
            throw PgException.error(SqlState.DATA_CORRUPTED, Page.corruptedPointers(pdLower, pdUpper, pdSpecial));
        }
        int nline = Page.maxOffsetNumber(page);
        // Items with storage, in line-pointer order: their offset numbers, offsets and aligned lengths.
        int[] offnums = new int[nline];
        int[] itemOffs = new int[nline];
        int[] alignedLens = new int[nline];
        int nstorage = 0;
        int nunused = 0;
        int totalLen = 0;
        int finalUsed = Page.INVALID_OFFSET_NUMBER;
        int lastOffset = pdSpecial;
        boolean presorted = true;
        for (int i = Page.FIRST_OFFSET_NUMBER; i <= nline; i++) {
            int lp = ItemId.get(page, i);
            if (ItemId.isUsed(lp)) {
                if (ItemId.hasStorage(lp)) {
                    int off = ItemId.offset(lp);
                    if (lastOffset > off) lastOffset = off;
                    else presorted = false;
                    if (off < pdUpper || off >= pdSpecial) {
                        throw PgException.error(SqlState.DATA_CORRUPTED, "corrupted line pointer: " + off);
                    }
                    offnums[nstorage] = i;
                    itemOffs[nstorage] = off;
                    alignedLens[nstorage] = Alignment.maxAlign(ItemId.length(lp));
                    totalLen += alignedLens[nstorage];
                    nstorage++;
                }
                finalUsed = i;
            } else {
                ItemId.set(page, i, ItemId.unused());
                nunused++;
            }
        }
        if (nstorage == 0) {
            PageHeader.setUpper(page, pdSpecial);
        } else {
            if (totalLen > pdSpecial - pdLower) {
                throw PgException.error(SqlState.DATA_CORRUPTED,
                        "corrupted item lengths: total " + totalLen + ", available space " + (pdSpecial - pdLower));
            }
            compactify(page, offnums, itemOffs, alignedLens, nstorage, presorted);
        }
        if (finalUsed != nline) {
            int nunusedEnd = nline - finalUsed;
            nunused -= nunusedEnd;
            PageHeader.setLower(page, PageHeader.lower(page) - nunusedEnd * ItemId.SIZE);
        }
        if (nunused > 0) PageHeader.setFlag(page, PageHeader.PD_HAS_FREE_LINES);
        else PageHeader.clearFlag(page, PageHeader.PD_HAS_FREE_LINES);
    }

    /**
     * compactify_tuples: place the items, in the order given, downwards from pd_special. When
     * their current offsets already descend in that order, each item only moves up and never over
     * an item not yet moved, so it is moved in place; otherwise the items are first copied to an
     * off-heap scratch block. Either way the result is byte-for-byte PostgreSQL's.
     */
    private static void compactify(MemorySegment page, int[] offnums, int[] itemOffs, int[] alignedLens, int n,
                                   boolean presorted) {
        int upper = PageHeader.special(page);
        if (presorted) {
            for (int i = 0; i < n; i++) {
                upper -= alignedLens[i];
                if (upper != itemOffs[i]) MemorySegment.copy(page, itemOffs[i], page, upper, alignedLens[i]);
                setOffset(page, offnums[i], upper);
            }
        } else {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment scratch = arena.allocate(Page.BLCKSZ, Alignment.MAXIMUM_ALIGNOF);
                int from = PageHeader.upper(page);
                MemorySegment.copy(page, from, scratch, from, upper - from);
                for (int i = 0; i < n; i++) {
                    upper -= alignedLens[i];
                    MemorySegment.copy(scratch, itemOffs[i], page, upper, alignedLens[i]);
                    setOffset(page, offnums[i], upper);
                }
            }
        }
        PageHeader.setUpper(page, upper);
    }

    private static void setOffset(MemorySegment page, int offnum, int off) {
        int lp = ItemId.get(page, offnum);
        ItemId.set(page, offnum, ItemId.make(off, ItemId.flags(lp), ItemId.length(lp)));
    }

    /**
     * PageIndexTupleDelete: remove item {@code offnum} from an index page, closing both gaps: the
     * line pointers after it move down one place (their items change offset number) and the items
     * stored below it move up by its aligned size. Index pages have no unused line pointers, so
     * every line pointer has storage.
     */
    public static void indexTupleDelete(MemorySegment page, int offnum) {
        Page.checkSegment(page);
        int pdLower = PageHeader.lower(page);
        int pdUpper = PageHeader.upper(page);
        int pdSpecial = PageHeader.special(page);
        if (pdLower < PageHeader.SIZE || pdLower > pdUpper || pdUpper > pdSpecial || pdSpecial > Page.BLCKSZ
                || !Alignment.isMaxAligned(pdSpecial)) {
            throw PgException.error(SqlState.DATA_CORRUPTED, Page.corruptedPointers(pdLower, pdUpper, pdSpecial));
        }
        int nline = Page.maxOffsetNumber(page);
        if (offnum <= 0 || offnum > nline) throw PgException.error(SqlState.INTERNAL_ERROR, "invalid index offnum: " + offnum);
        int lp = ItemId.get(page, offnum);
        int size = ItemId.length(lp);
        int offset = ItemId.offset(lp);
        if (offset < pdUpper || offset + size > pdSpecial || !Alignment.isMaxAligned(offset)) {
            throw PgException.error(SqlState.DATA_CORRUPTED, "corrupted line pointer: offset = " + offset + ", size = " + size);
        }
        size = Alignment.maxAlign(size);

        int linpEnd = ItemId.byteOffset(offnum + 1);
        int nbytes = pdLower - linpEnd;
        if (nbytes > 0) MemorySegment.copy(page, linpEnd, page, ItemId.byteOffset(offnum), nbytes);
        if (offset > pdUpper) MemorySegment.copy(page, pdUpper, page, pdUpper + size, offset - pdUpper);
        PageHeader.setUpper(page, pdUpper + size);
        PageHeader.setLower(page, pdLower - ItemId.SIZE);

        // Items that were below the deleted one have moved up: adjust their line pointers.
        if (!Page.isEmpty(page)) {
            for (int i = Page.FIRST_OFFSET_NUMBER; i <= nline - 1; i++) {
                int w = ItemId.get(page, i);
                if (ItemId.offset(w) <= offset) ItemId.set(page, i, ItemId.make(ItemId.offset(w) + size, ItemId.flags(w), ItemId.length(w)));
            }
        }
    }
}
