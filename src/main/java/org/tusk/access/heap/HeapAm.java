package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.table.DirtyCheck;
import org.tusk.access.table.LockResult;
import org.tusk.access.table.LockTupleMode;
import org.tusk.access.table.LockWaitPolicy;
import org.tusk.access.table.TMResult;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.XLog;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.freespace.FreeSpaceMap;
import org.tusk.storage.lmgr.RelationExtensionLocks;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.function.Supplier;

import static org.tusk.storage.buffer.BufferManager.LockMode.SHARE;

/**
 * The heap table access method (PostgreSQL's heapam.c and heapam_handler.c), one per backend.
 * See the package documentation for HOT chains, pruning, visibility and the locking order.
 */
public final class HeapAm implements TableAm {
    private final HeapEnv env;
    private final HeapLockWaits lockWaits;

    /**
     * @param buffers        this process's buffer manager on the shared pool
     * @param smgr           the storage manager (relation length, extension)
     * @param xlog           this process's WAL handle, asked for only when a change is logged
     *                       (e.g. {@code xlogHandle::get})
     * @param oracle         this backend's view of transactions
     * @param extensionLocks the shared relation extension locks
     * @param comboCids      this backend's combo command ids (reset by the transaction code at its end)
     * @param nbuffers       shared_buffers, for the bulk-read rule of sequential scans
     * @param dataChecksums  pg_control's data_checksum_version is not 0; then no hint bits are set
     *                       (a hint change would need a WAL-logged page image, not implemented)
     * @param lockWaits      the tuple locks and conditional transaction waits of row locking
     */
    public HeapAm(BufferManager buffers, StorageManager smgr, Supplier<XLog> xlog, TransactionOracle oracle,
                  RelationExtensionLocks extensionLocks, ComboCids comboCids, int nbuffers, boolean dataChecksums,
                  HeapLockWaits lockWaits) {
        this.lockWaits = lockWaits;
        HeapVisibility vis = new HeapVisibility(oracle, buffers, comboCids, !dataChecksums);
        this.env = new HeapEnv(buffers, smgr, xlog, oracle, extensionLocks, comboCids, vis, nbuffers, new HeapToastContext(),
                new FreeSpaceMap(buffers, smgr, extensionLocks, HeapTupleForm.MAX_HEAP_TUPLE_SIZE));
    }

    /**
     * Wires the TOAST relation code in (the session does so once its relcache exists): from then
     * on rows of tables with a TOAST relation get values moved out of line, and external values
     * are read back, deleted with their row, and reused by updates that leave them unchanged.
     */
    public void setToastAccess(ToastAccess access) {
        env.toast().install(access == null ? null : new ToastInternals(env, access, this));
    }

    @Override
    public TableScan beginScan(Relation rel, Snapshot snapshot) {
        return new HeapScan(env, rel, snapshot, null, true);
    }

    @Override
    public TableScan beginAnalyzeScan(Relation rel, Snapshot snapshot) {
        return new HeapScan(env, rel, snapshot, null, false);
    }

    /** heapam_index_build_range_scan: over SnapshotAny ({@link HeapIndexBuildScan}) or the given snapshot. */
    @Override
    public void indexBuildScan(Relation rel, Snapshot snapshot, boolean allVersions, IndexBuildCallback callback) {
        if (allVersions) HeapIndexBuildScan.scan(env, rel, callback);
        else TableAm.super.indexBuildScan(rel, snapshot, false, callback);
    }

    /** heap_beginscan with a key: HeapKeyTest on each visible tuple in the page before it is decoded. */
    @Override
    public TableScan beginScan(Relation rel, Snapshot snapshot, org.tusk.access.common.ScanKey key) {
        return new HeapScan(env, rel, snapshot, key, true);
    }

    /** heapam_index_fetch_tuple: prune the page if worthwhile, then search the HOT chain under a share lock. */
    @Override
    public TupleSlot indexFetch(Relation rel, ItemPointer tid, Snapshot snapshot) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, tid.block(), null);
        try {
            PruneHeap.pruneOpt(env, rel, buffer);
            bm.lockBuffer(buffer, SHARE);
            try {
                HotSearch.Found f = HotSearch.search(bm.page(buffer), tid,
                        m -> env.visibility().satisfiesMvcc(m.tuple(), snapshot, buffer));
                return f == null ? null : HeapSlots.of(env, rel, f.tid(), f.tuple());
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /** heap_get_root_tuples for one block, read under a share lock. */
    @Override
    public int[] rootOffsets(Relation rel, int block) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, block, null);
        try {
            bm.lockBuffer(buffer, SHARE);
            try {
                return HeapRootTuples.rootOffsets(bm.page(buffer));
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /** heap_fetch: the tuple at exactly {@code tid}, if it is there and visible. */
    @Override
    public TupleSlot fetch(Relation rel, ItemPointer tid, Snapshot snapshot) {
        return fetch(rel, tid, snapshot, true);
    }

    /** heap_fetch with SnapshotAny: the tuple at exactly {@code tid}, if it is there. */
    @Override
    public TupleSlot fetchAnyVersion(Relation rel, ItemPointer tid) {
        return fetch(rel, tid, null, false);
    }

    private TupleSlot fetch(Relation rel, ItemPointer tid, Snapshot snapshot, boolean checkVisibility) {
        BufferManager bm = env.buffers();
        if (tid.block() < 0 || tid.block() >= env.numberOfBlocks(rel)) return null;
        int buffer = env.readBuffer(rel, tid.block(), null);
        try {
            bm.lockBuffer(buffer, SHARE);
            try {
                MemorySegment page = bm.page(buffer);
                if (tid.offset() < Page.FIRST_OFFSET_NUMBER || tid.offset() > Page.maxOffsetNumber(page)) return null;
                if (!ItemId.isNormal(ItemId.get(page, tid.offset()))) return null;
                MemorySegment t = Page.item(page, tid.offset());
                if (checkVisibility && !env.visibility().satisfiesMvcc(t, snapshot, buffer)) return null;
                return HeapSlots.of(env, rel, tid, t);
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /**
     * One step of heap_get_latest_tid: where the version at {@code tid} went, i.e. its t_ctid if a
     * committed transaction updated it; null if it was not updated (or only locked, or deleted,
     * or the updater did not commit).
     */
    /** The pin of a buffer heap tuple slot: the page's buffer stays pinned until closed. */
    @Override
    public Pin pin(Relation rel, ItemPointer tid) {
        if (tid == null || rel.locator() == null || tid.block() < 0 || tid.block() >= env.numberOfBlocks(rel)) return () -> { };
        int buffer = env.readBuffer(rel, tid.block(), null);
        BufferManager bm = env.buffers();
        return () -> bm.releaseBuffer(buffer);
    }

    @Override
    public ItemPointer nextVersion(Relation rel, ItemPointer tid) {
        BufferManager bm = env.buffers();
        if (tid.block() < 0 || tid.block() >= env.numberOfBlocks(rel)) return null;
        int buffer = env.readBuffer(rel, tid.block(), null);
        try {
            bm.lockBuffer(buffer, SHARE);
            try {
                MemorySegment page = bm.page(buffer);
                if (tid.offset() < Page.FIRST_OFFSET_NUMBER || tid.offset() > Page.maxOffsetNumber(page)) return null;
                if (!ItemId.isNormal(ItemId.get(page, tid.offset()))) return null;
                MemorySegment t = Page.item(page, tid.offset());
                int mask = org.tusk.access.common.HeapTupleHeader.infomask(t);
                if ((mask & org.tusk.access.common.HeapTupleHeader.HEAP_XMAX_INVALID) != 0 || HeapTuples.xmaxIsLockedOnly(mask)) {
                    return null;
                }
                ItemPointer next = org.tusk.access.common.HeapTupleHeader.ctid(t);
                if (next.equals(tid)) return null;
                int updater = HeapTuples.updateXid(t);
                return env.oracle().didCommit(updater) ? next : null;
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /**
     * heap_get_latest_tid: walks t_ctid links while each step's xmin matches the prior version's
     * updater, remembering the last version {@code snapshot} sees; stops at a version that was not
     * updated (xmax invalid or only a locker), points to itself, or is not where the link says.
     */
    @Override
    public ItemPointer latestTid(Relation rel, ItemPointer tid, Snapshot snapshot) {
        BufferManager bm = env.buffers();
        ItemPointer result = tid;
        ItemPointer ctid = tid;
        int priorXmax = 0;
        while (true) {
            if (ctid.block() < 0 || ctid.block() >= env.numberOfBlocks(rel)) return result;
            int buffer = env.readBuffer(rel, ctid.block(), null);
            ItemPointer next;
            try {
                bm.lockBuffer(buffer, SHARE);
                try {
                    MemorySegment page = bm.page(buffer);
                    if (ctid.offset() < Page.FIRST_OFFSET_NUMBER || ctid.offset() > Page.maxOffsetNumber(page)) return result;
                    if (!ItemId.isNormal(ItemId.get(page, ctid.offset()))) return result;
                    MemorySegment t = Page.item(page, ctid.offset());
                    // after an update the next version must have been inserted by the updater
                    if (priorXmax != 0 && HeapTuples.xmin(t) != priorXmax) return result;
                    if (env.visibility().satisfiesMvcc(t, snapshot, buffer)) result = ctid;
                    int mask = org.tusk.access.common.HeapTupleHeader.infomask(t);
                    if ((mask & org.tusk.access.common.HeapTupleHeader.HEAP_XMAX_INVALID) != 0 || HeapTuples.xmaxIsLockedOnly(mask))
                        return result;
                    next = org.tusk.access.common.HeapTupleHeader.ctid(t);
                    if (next.equals(ctid)) return result;
                    priorXmax = HeapTuples.updateXid(t);
                } finally {
                    bm.unlockBuffer(buffer);
                }
            } finally {
                bm.releaseBuffer(buffer);
            }
            ctid = next;
        }
    }

    /** heap_hot_search_buffer with SnapshotDirty: the first chain member live or possibly live. */
    @Override
    public DirtyCheck checkDirty(Relation rel, ItemPointer tid) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, tid.block(), null);
        try {
            bm.lockBuffer(buffer, SHARE);
            try {
                HeapVisibility.Dirty[] seen = new HeapVisibility.Dirty[1];
                HotSearch.Found f = HotSearch.search(bm.page(buffer), tid, m -> {
                    seen[0] = env.visibility().satisfiesDirty(m.tuple(), buffer);
                    return seen[0].visible();
                });
                if (f == null) return DirtyCheck.DEAD;
                HeapVisibility.Dirty d = seen[0];
                return new DirtyCheck(true, d.xmin() != 0 ? d.xmin() : d.xmax());
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /**
     * heapam_tuple_lock: heap_lock_tuple, and with {@code followUpdates} the walk to the newest
     * version of a row a committed transaction updated (each successor's xmin must be its
     * predecessor's updater, or the row is gone), locking that one.
     */
    @Override
    public LockResult lockTuple(Relation rel, ItemPointer tid, Snapshot snapshot, int cid, LockTupleMode mode,
                                LockWaitPolicy policy, boolean followUpdates) {
        ItemPointer cur = tid;
        int priorXmax = org.tusk.access.transam.TransactionId.INVALID;
        while (true) {
            LockResult r = HeapLock.lock(env, lockWaits, rel, cur, cid, mode, policy, priorXmax);
            if (r.result() != TMResult.UPDATED || !followUpdates) {
                if (r.isOk() && !cur.equals(tid)) return new LockResult(TMResult.OK, r.tid(), r.values(), true, null, 0);
                return r;
            }
            cur = r.ctid();
            priorXmax = r.xmax();
        }
    }

    @Override
    public ItemPointer insert(Relation rel, Object[] values, int cid) {
        ItemPointer tid = HeapInsert.insert(env, rel, values, cid);
        var stats = rel.pgstatInfo();
        if (stats != null) stats.countInsert(1);   // heap_insert's pgstat_count_heap_insert
        return tid;
    }

    /** heap_multi_insert: the rows a page at a time, one WAL record per page. */
    @Override
    public ItemPointer[] multiInsert(Relation rel, java.util.List<Object[]> rows, int cid) {
        ItemPointer[] tids = HeapMultiInsert.insert(env, rel, rows, cid);
        var stats = rel.pgstatInfo();
        if (stats != null) stats.countInsert(tids.length);   // heap_multi_insert's pgstat_count_heap_insert
        return tids;
    }

    /**
     * heap_delete. The snapshot is not consulted: as in PostgreSQL (where it would be the
     * crosscheck snapshot of RI checks), what may be deleted is decided by the command id and the
     * deleter's outcome; the caller only passes rows it could see.
     */
    @Override
    public ModifyResult delete(Relation rel, ItemPointer tid, int cid, Snapshot snapshot, boolean wait) {
        ModifyResult r = HeapDelete.delete(env, rel, tid, cid, wait);
        var stats = rel.pgstatInfo();
        if (stats != null && r.isOk()) stats.countDelete();   // heap_delete's pgstat_count_heap_delete
        return r;
    }

    /** heap_update; the snapshot is not consulted, as for {@link #delete}. */
    @Override
    public ModifyResult update(Relation rel, ItemPointer otid, Object[] values, int cid, Snapshot snapshot, boolean wait,
                               BitSet indexedAttrs) {
        ModifyResult r = HeapUpdate.update(env, rel, otid, values, cid, wait, indexedAttrs);
        var stats = rel.pgstatInfo();
        // heap_update's pgstat_count_heap_update: a HOT update makes no index entries
        if (stats != null && r.isOk()) stats.countUpdate(!r.updateIndexes());
        return r;
    }

    @Override
    public org.tusk.access.table.VacuumStats vacuum(Relation rel, boolean aggressive,
            java.util.function.Consumer<java.util.function.Predicate<ItemPointer>> vacuumIndexes) {
        return HeapVacuum.vacuum(env, rel, aggressive, vacuumIndexes);
    }

    /** heapam_relation_copy_for_cluster (see {@link HeapRewrite}). */
    @Override
    public org.tusk.access.table.ClusterCopyStats copyForCluster(Relation oldRel, Relation newRel) {
        return HeapRewrite.copy(env, oldRel, newRel);
    }

    @Override
    public boolean isAllVisible(Relation rel, int block) {
        return (VisibilityMap.status(env, rel, block) & VisibilityMap.ALL_VISIBLE) != 0;
    }

    @Override
    public int allVisiblePages(Relation rel) {
        return VisibilityMap.count(env, rel)[0];
    }

    @Override
    public int numberOfBlocks(Relation rel) {
        return env.numberOfBlocks(rel);
    }

    /**
     * heap_page_prune on one block now, if its cleanup lock is free (for tests and a future
     * VACUUM); returns the number of tuples removed, or -1 if the lock was not free.
     */
    public int prunePage(Relation rel, int block) {
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, block, null);
        try {
            if (!bm.conditionalLockBufferForCleanup(buffer)) return -1;
            try {
                return PruneHeap.prune(env, rel, buffer, env.oracle().oldestNonRemovableXid());
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }
}
