package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.table.VacuumStats;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.TransactionId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * Lazy VACUUM of a heap (PostgreSQL 15's vacuumlazy.c heap_vacuum_rel, lazy_scan_heap,
 * lazy_scan_prune, lazy_vacuum, lazy_vacuum_heap_page), with the visibility map (a pruned page
 * whose tuples are all visible to everyone gets PD_ALL_VISIBLE and its map bits, see
 * {@link VisibilityMap}) and the free space map (each page's room recorded once its dead items are
 * gone, then the map's upper levels brought up to date), but without freezing or truncation of
 * empty pages at the end.
 *
 * <ol>
 * <li>Scan: every page, except runs of at least {@link #SKIP_PAGES_THRESHOLD} pages the visibility
 *     map marks all-visible (unless the VACUUM is aggressive), is pruned (heap_page_prune, when its cleanup lock is free at once; a page
 *     someone has pinned is only examined, as lazy_scan_noprune does) and the TIDs of its
 *     LP_DEAD line pointers collected, sorted by construction. Tuples are counted as
 *     HeapTupleSatisfiesVacuum judges them: LIVE and DELETE_IN_PROGRESS are live (reltuples),
 *     RECENTLY_DEAD kept.</li>
 * <li>Index pass: the caller's callback removes every index entry pointing at a collected TID
 *     (ambulkdelete with a binary search over the dead TIDs).</li>
 * <li>Heap pass: on each page with dead items, under the exclusive content lock, they become
 *     LP_UNUSED and the line pointer array is truncated (PageTruncateLinePointerArray), logged as
 *     XLOG_HEAP2_VACUUM with the offsets as block data.</li>
 * </ol>
 * The index pass must come before the heap pass: once a line pointer is unused an insert may
 * reuse it, and an index entry still pointing there would then point at the wrong row. The
 * caller's ShareUpdateExclusiveLock keeps a second VACUUM out; pruning by others only turns more
 * line pointers LP_DEAD, never one of ours back.
 */
final class HeapVacuum {
    private HeapVacuum() {}

    /** heap_vacuum_rel. */
    static VacuumStats vacuum(HeapEnv env, Relation rel, boolean aggressive, Consumer<Predicate<ItemPointer>> vacuumIndexes) {
        BufferManager bm = env.buffers();
        int oldestXmin = env.oracle().oldestNonRemovableXid();
        int nblocks = env.numberOfBlocks(rel);
        long[] dead = new long[64];
        int ndead = 0;
        int scanned = 0;
        long deleted = 0, live = 0, recentlyDead = 0;
        int nextUnskippable = -1;
        for (int block = 0; block < nblocks; block++) {
            if (block > nextUnskippable) {
                // lazy_scan_skip: a run of pages the visibility map marks all-visible has nothing
                // for VACUUM to do; it is skipped when it is long enough (shorter runs are read
                // anyway, so as not to defeat the kernel's read-ahead). An aggressive VACUUM reads
                // them all (Tusk does not freeze, so no page is skippable as all-frozen).
                int run = aggressive ? 0 : skippableRun(env, rel, block, nblocks);
                if (run >= SKIP_PAGES_THRESHOLD) {
                    block += run - 1;
                    continue;
                }
                nextUnskippable = block + run;
            }
            scanned++;
            int buffer = env.readBuffer(rel, block, null);
            boolean pruned = false;
            try {
                if (bm.conditionalLockBufferForCleanup(buffer)) {
                    MemorySegment page = bm.page(buffer);
                    if (Page.isNew(page)) {
                        bm.unlockBuffer(buffer);
                        // lazy_scan_new_or_empty: a page extended but never initialised (a crash
                        // after extension) is all free space; an insert initialises it.
                        if (env.fsm().getRecordedFreeSpace(rel.locator(), block) == 0) {
                            env.fsm().recordPageWithFreeSpace(rel.locator(), block, Page.BLCKSZ - PageHeader.SIZE);
                        }
                        continue;
                    }
                    deleted += PruneHeap.prune(env, rel, buffer, oldestXmin);
                    pruned = true;
                } else {
                    bm.lockBuffer(buffer, EXCLUSIVE);
                }
                try {
                    MemorySegment page = bm.page(buffer);
                    if (Page.isNew(page)) continue;
                    int maxoff = Page.maxOffsetNumber(page);
                    int deadBefore = ndead;
                    PageVisibility pv = new PageVisibility();
                    for (int off = Page.FIRST_OFFSET_NUMBER; off <= maxoff; off++) {
                        int lp = ItemId.get(page, off);
                        if (ItemId.isDead(lp)) {
                            if (ndead == dead.length) dead = Arrays.copyOf(dead, ndead * 2);
                            dead[ndead++] = encode(block, off);
                            pv.allVisible = false;
                        } else if (ItemId.isNormal(lp)) {
                            MemorySegment t = Page.item(page, off);
                            HeapVisibility.Htsv r = env.visibility().satisfiesVacuum(t, oldestXmin, buffer);
                            switch (r) {
                                case LIVE, DELETE_IN_PROGRESS -> live++;
                                case RECENTLY_DEAD -> recentlyDead++;
                                default -> { }
                            }
                            pv.tuple(r, t, oldestXmin);
                        }
                    }
                    // lazy_scan_prune's all_visible needs the pruned page; an unpruned one
                    // (lazy_scan_noprune) is left for the next VACUUM, as PostgreSQL does.
                    if (pruned) setVisible(env, rel, buffer, pv);
                    // The page's room goes into the free space map now, unless dead items are
                    // still to be freed on it: the heap pass records it then.
                    if (ndead == deadBefore) env.fsm().recordPageWithFreeSpace(rel.locator(), block, Page.heapFreeSpace(page));
                } finally {
                    bm.unlockBuffer(buffer);
                }
            } finally {
                bm.releaseBuffer(buffer);
            }
        }
        int indexScans = 0;
        if (ndead > 0) {
            long[] sorted = Arrays.copyOf(dead, ndead);   // collected in TID order
            vacuumIndexes.accept(tid -> Arrays.binarySearch(sorted, encode(tid.block(), tid.offset())) >= 0);
            indexScans = 1;
            vacuumHeap(env, rel, sorted, oldestXmin);
        }
        // The upper levels of the map learn what the pages recorded, so that inserts find the room.
        env.fsm().vacuum(rel.locator());
        return new VacuumStats(env.numberOfBlocks(rel), scanned, deleted, ndead, live, recentlyDead, indexScans,
                VisibilityMap.count(env, rel)[0]);
    }

    /** SKIP_PAGES_THRESHOLD: the shortest run of all-visible pages worth skipping. */
    static final int SKIP_PAGES_THRESHOLD = 32;

    /**
     * How many pages from {@code from} on the visibility map marks all-visible, stopping before the
     * last page of the relation, which is always read (lazy_scan_skip: it tells whether the
     * relation could be truncated, and reading it keeps relpages honest).
     */
    private static int skippableRun(HeapEnv env, Relation rel, int from, int nblocks) {
        int b = from;
        while (b < nblocks - 1 && (VisibilityMap.status(env, rel, b) & VisibilityMap.ALL_VISIBLE) != 0) b++;
        return b - from;
    }

    /**
     * lazy_scan_prune's all_visible / all_frozen / visibility_cutoff_xid for one page: every
     * tuple LIVE, its inserter committed (hint bit set) and older than OldestXmin; no LP_DEAD
     * item. All-frozen also needs every xmin frozen and no xmax (Tusk does not freeze, so only
     * rows already frozen count).
     */
    static final class PageVisibility {
        boolean allVisible = true, allFrozen = true;
        int cutoffXid = TransactionId.INVALID;

        void tuple(HeapVisibility.Htsv r, MemorySegment t, int oldestXmin) {
            if (r != HeapVisibility.Htsv.LIVE) {
                allVisible = false;
                allFrozen = false;
                return;
            }
            int mask = HeapTupleHeader.infomask(t);
            if ((mask & HeapTupleHeader.HEAP_XMIN_COMMITTED) == 0) {
                allVisible = false;
                return;
            }
            int xmin = HeapTupleHeader.xmin(t);
            boolean frozen = (mask & HeapTupleHeader.HEAP_XMIN_FROZEN) == HeapTupleHeader.HEAP_XMIN_FROZEN
                    || !TransactionId.isNormal(xmin);
            if (TransactionId.isNormal(xmin) && !frozen) {
                if (!TransactionId.precedes(xmin, oldestXmin)) {
                    allVisible = false;
                    return;
                }
                if (!TransactionId.isValid(cutoffXid) || TransactionId.follows(xmin, cutoffXid)) cutoffXid = xmin;
            }
            if (!frozen || (mask & HeapTupleHeader.HEAP_XMAX_INVALID) == 0) allFrozen = false;
        }
    }

    /**
     * lazy_scan_heap's "mark the page all-visible" step, under the page's exclusive lock: set
     * PD_ALL_VISIBLE, mark the buffer dirty, then the map bits (visibilitymap_set logs them).
     * A page already flagged whose map bits are missing gets them too.
     */
    private static void setVisible(HeapEnv env, Relation rel, int buffer, PageVisibility pv) {
        if (!pv.allVisible) return;
        BufferManager bm = env.buffers();
        MemorySegment page = bm.page(buffer);
        int flags = VisibilityMap.ALL_VISIBLE | (pv.allFrozen ? VisibilityMap.ALL_FROZEN : 0);
        int have = VisibilityMap.status(env, rel, bm.blockNumber(buffer));
        if ((PageHeader.flags(page) & PageHeader.PD_ALL_VISIBLE) != 0 && (have & flags) == flags) return;
        PageHeader.setFlag(page, PageHeader.PD_ALL_VISIBLE);
        bm.markDirty(buffer);
        VisibilityMap.set(env, rel, buffer, pv.cutoffXid, flags);
    }

    /** heap_page_is_all_visible: the page's tuples judged again (after its dead items were freed). */
    private static PageVisibility pageVisibility(HeapEnv env, MemorySegment page, int buffer, int oldestXmin) {
        PageVisibility pv = new PageVisibility();
        int maxoff = Page.maxOffsetNumber(page);
        for (int off = Page.FIRST_OFFSET_NUMBER; off <= maxoff; off++) {
            int lp = ItemId.get(page, off);
            if (ItemId.isDead(lp)) pv.allVisible = false;
            else if (ItemId.isNormal(lp)) {
                MemorySegment t = Page.item(page, off);
                pv.tuple(env.visibility().satisfiesVacuum(t, oldestXmin, buffer), t, oldestXmin);
            }
            if (!pv.allVisible) break;
        }
        return pv;
    }

    private static long encode(int block, int offset) {
        return (Integer.toUnsignedLong(block) << 16) | offset;
    }

    /** lazy_vacuum_heap_rel: page by page, the collected dead items become unused. */
    private static void vacuumHeap(HeapEnv env, Relation rel, long[] dead, int oldestXmin) {
        int i = 0;
        while (i < dead.length) {
            int block = (int) (dead[i] >>> 16);
            int j = i;
            while (j < dead.length && (int) (dead[j] >>> 16) == block) j++;
            int[] offsets = new int[j - i];
            for (int k = i; k < j; k++) offsets[k - i] = (int) (dead[k] & 0xffff);
            vacuumPage(env, rel, block, offsets, oldestXmin);
            i = j;
        }
    }

    /** lazy_vacuum_heap_page: the critical section and its XLOG_HEAP2_VACUUM record. */
    private static void vacuumPage(HeapEnv env, Relation rel, int block, int[] offsets, int oldestXmin) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, block, null);
        bm.lockBuffer(buffer, EXCLUSIVE);
        int freeSpace;
        try {
            MemorySegment page = bm.page(buffer);
            // critical section
            execute(page, offsets, offsets.length);
            bm.markDirty(buffer);
            if (rel.needsWal()) {
                XLogRecordBuilder b = new XLogRecordBuilder();
                b.registerData(HeapXLog.vacuum(offsets.length));
                b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, block, page, XLogRecordBuilder.REGBUF_STANDARD);
                b.registerBufData(0, HeapXLog.offsets(offsets, offsets.length));
                PageHeader.setLsn(page, env.insertWal(b, RmgrId.HEAP2, HeapXLog.XLOG_HEAP2_VACUUM, TransactionId.INVALID));
            }
            // lazy_vacuum_heap_page: with its dead items gone the page may now be all-visible
            setVisible(env, rel, buffer, pageVisibility(env, page, buffer, oldestXmin));
            freeSpace = Page.heapFreeSpace(page);
        } finally {
            env.unlockRelease(buffer);
        }
        // lazy_vacuum_heap_rel records the room once the page is released.
        env.fsm().recordPageWithFreeSpace(rel.locator(), block, freeSpace);
    }

    /**
     * The page change of lazy_vacuum_heap_page and heap_xlog_vacuum: each LP_DEAD item becomes
     * LP_UNUSED, then PageTruncateLinePointerArray drops the unused ones at the end of the array
     * and PD_HAS_FREE_LINES tells inserts that unused ones remain before it.
     */
    static void execute(MemorySegment page, int[] offsets, int n) {
        for (int i = 0; i < n; i++) {
            int off = offsets[i];
            if (!ItemId.isDead(ItemId.get(page, off))) {
                throw new IllegalStateException("line pointer " + off + " to be vacuumed is not LP_DEAD");
            }
            ItemId.set(page, off, ItemId.unused());
        }
        truncateLinePointerArray(page);
    }

    /** PageTruncateLinePointerArray (bufpage.c), for heap pages. */
    static void truncateLinePointerArray(MemorySegment page) {
        int maxoff = Page.maxOffsetNumber(page);
        int last = 0;
        boolean unusedBefore = false;
        for (int off = Page.FIRST_OFFSET_NUMBER; off <= maxoff; off++) {
            if (ItemId.isUsed(ItemId.get(page, off))) last = off;
        }
        for (int off = Page.FIRST_OFFSET_NUMBER; off < last; off++) {
            if (!ItemId.isUsed(ItemId.get(page, off))) unusedBefore = true;
        }
        // PostgreSQL keeps at least one line pointer so that a page is never "empty" by accident
        // while tuples may still be added at offset 1.
        int keep = Math.max(last, Page.FIRST_OFFSET_NUMBER);
        PageHeader.setLower(page, ItemId.byteOffset(keep) + ItemId.SIZE);
        if (unusedBefore || last == 0) PageHeader.setFlag(page, PageHeader.PD_HAS_FREE_LINES);
        else PageHeader.clearFlag(page, PageHeader.PD_HAS_FREE_LINES);
    }
}
