package org.tusk.access.heap;

import org.tusk.access.table.TableAm;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * heapam_index_build_range_scan over SnapshotAny, for an index built under ShareLock (CREATE
 * INDEX, REINDEX, VACUUM FULL's rebuild): every tuple is judged by HeapTupleSatisfiesVacuum
 * against the oldest xmin any snapshot may still have, so that transactions whose snapshots are
 * older than the build still find through the index the rows they see.
 * <ul>
 * <li>LIVE, or being inserted (by this transaction; the lock keeps others out): entered, alive;</li>
 * <li>RECENTLY_DEAD: entered but not alive (no uniqueness check), unless it was HOT-updated: then
 *     only the chain's live end is entered, under the chain's root (PostgreSQL then also marks the
 *     index indcheckxmin, unusable by older snapshots, which Tusk does not do yet);</li>
 * <li>being deleted by this transaction: entered, not alive, unless HOT-updated; by another
 *     (which the lock rules out): entered, alive;</li>
 * <li>DEAD: left out.</li>
 * </ul>
 */
final class HeapIndexBuildScan {
    private HeapIndexBuildScan() {}

    static void scan(HeapEnv env, Relation rel, TableAm.IndexBuildCallback callback) {
        BufferManager bm = env.buffers();
        int oldestXmin = env.oracle().oldestNonRemovableXid();
        int nblocks = env.numberOfBlocks(rel);
        // table_beginscan_strat is a sequential scan to the statistics (pgstat_count_heap_scan)
        if (rel.pgstatInfo() != null) rel.pgstatInfo().countScan();
        int[] offsets = new int[Page.MAX_HEAP_TUPLES_PER_PAGE];
        boolean[] alive = new boolean[Page.MAX_HEAP_TUPLES_PER_PAGE];
        for (int block = 0; block < nblocks; block++) {
            int buffer = env.readBuffer(rel, block, null);
            try {
                PruneHeap.pruneOpt(env, rel, buffer);
                bm.lockBuffer(buffer, SHARE);
                int n = 0;
                try {
                    MemorySegment page = bm.page(buffer);
                    int lines = Page.isNew(page) ? 0 : Page.maxOffsetNumber(page);
                    for (int off = Page.FIRST_OFFSET_NUMBER; off <= lines; off++) {
                        if (!ItemId.isNormal(ItemId.get(page, off))) continue;
                        MemorySegment t = Page.item(page, off);
                        boolean index, live;
                        switch (env.visibility().satisfiesVacuum(t, oldestXmin, buffer)) {
                            case LIVE, INSERT_IN_PROGRESS -> { index = true; live = true; }
                            case RECENTLY_DEAD -> { index = !HeapTuples.isHotUpdated(t); live = false; }
                            case DELETE_IN_PROGRESS -> {
                                boolean ours = env.oracle().isCurrentTransactionId(HeapTuples.updateXid(t));
                                index = !ours || !HeapTuples.isHotUpdated(t);
                                live = !ours;
                            }
                            default -> { index = false; live = false; }
                        }
                        if (!index) continue;
                        offsets[n] = off;
                        alive[n++] = live;
                    }
                } finally {
                    bm.unlockBuffer(buffer);
                }
                // the tuples are read from the pinned page; pruning needs a cleanup lock, which our pin blocks
                for (int i = 0; i < n; i++) {
                    ItemPointer tid = new ItemPointer(block, offsets[i]);
                    callback.tuple(HeapSlots.of(env, rel, tid, Page.item(bm.page(buffer), offsets[i])), alive[i]);
                }
            } finally {
                bm.releaseBuffer(buffer);
            }
        }
    }
}
