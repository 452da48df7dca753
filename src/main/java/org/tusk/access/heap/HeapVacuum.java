package org.tusk.access.heap;

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
 * lazy_scan_prune, lazy_vacuum, lazy_vacuum_heap_page), without the visibility map, the free
 * space map, freezing or truncation of empty pages at the end.
 *
 * <ol>
 * <li>Scan: every page is pruned (heap_page_prune, when its cleanup lock is free at once; a page
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
    static VacuumStats vacuum(HeapEnv env, Relation rel, Consumer<Predicate<ItemPointer>> vacuumIndexes) {
        BufferManager bm = env.buffers();
        int oldestXmin = env.oracle().oldestNonRemovableXid();
        int nblocks = env.numberOfBlocks(rel);
        long[] dead = new long[64];
        int ndead = 0;
        long deleted = 0, live = 0, recentlyDead = 0;
        for (int block = 0; block < nblocks; block++) {
            int buffer = env.readBuffer(rel, block, null);
            try {
                if (bm.conditionalLockBufferForCleanup(buffer)) {
                    MemorySegment page = bm.page(buffer);
                    if (Page.isNew(page)) {
                        bm.unlockBuffer(buffer);
                        continue;
                    }
                    deleted += PruneHeap.prune(env, rel, buffer, oldestXmin);
                } else {
                    bm.lockBuffer(buffer, EXCLUSIVE);
                }
                try {
                    MemorySegment page = bm.page(buffer);
                    if (Page.isNew(page)) continue;
                    int maxoff = Page.maxOffsetNumber(page);
                    for (int off = Page.FIRST_OFFSET_NUMBER; off <= maxoff; off++) {
                        int lp = ItemId.get(page, off);
                        if (ItemId.isDead(lp)) {
                            if (ndead == dead.length) dead = Arrays.copyOf(dead, ndead * 2);
                            dead[ndead++] = encode(block, off);
                        } else if (ItemId.isNormal(lp)) {
                            switch (env.visibility().satisfiesVacuum(Page.item(page, off), oldestXmin, buffer)) {
                                case LIVE, DELETE_IN_PROGRESS -> live++;
                                case RECENTLY_DEAD -> recentlyDead++;
                                default -> { }
                            }
                        }
                    }
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
            vacuumHeap(env, rel, sorted);
        }
        return new VacuumStats(env.numberOfBlocks(rel), nblocks, deleted, ndead, live, recentlyDead, indexScans);
    }

    private static long encode(int block, int offset) {
        return (Integer.toUnsignedLong(block) << 16) | offset;
    }

    /** lazy_vacuum_heap_rel: page by page, the collected dead items become unused. */
    private static void vacuumHeap(HeapEnv env, Relation rel, long[] dead) {
        int i = 0;
        while (i < dead.length) {
            int block = (int) (dead[i] >>> 16);
            int j = i;
            while (j < dead.length && (int) (dead[j] >>> 16) == block) j++;
            int[] offsets = new int[j - i];
            for (int k = i; k < j; k++) offsets[k - i] = (int) (dead[k] & 0xffff);
            vacuumPage(env, rel, block, offsets);
            i = j;
        }
    }

    /** lazy_vacuum_heap_page: the critical section and its XLOG_HEAP2_VACUUM record. */
    private static void vacuumPage(HeapEnv env, Relation rel, int block, int[] offsets) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, block, null);
        bm.lockBuffer(buffer, EXCLUSIVE);
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
        } finally {
            env.unlockRelease(buffer);
        }
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
