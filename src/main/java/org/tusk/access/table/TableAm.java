package org.tusk.access.table;

import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.util.BitSet;

/**
 * The table access method interface (PostgreSQL's tableam.h): how the executor and the catalog
 * code read and change rows without knowing the heap's page format. Rows cross this interface
 * as {@code Object[]}, one element per attribute of {@link Relation#desc()}, null for SQL NULL,
 * otherwise the type's internal Java value ({@code org.tusk.utils.adt}).
 *
 * <p>One instance per backend: it acts for the backend's current transaction (its xid is
 * assigned at the first change) and command id {@code cid}, passed per call as PostgreSQL does.
 */
public interface TableAm {
    /** table_beginscan: a sequential scan returning the rows visible to {@code snapshot}. */
    TableScan beginScan(Relation rel, Snapshot snapshot);

    /**
     * table_beginscan_analyze: ANALYZE's read of the table, which the statistics do not count as a
     * sequential scan (SO_TYPE_ANALYZE). This default is a plain scan.
     */
    default TableScan beginAnalyzeScan(Relation rel, Snapshot snapshot) {
        return beginScan(rel, snapshot);
    }

    /** What an index build scan hands over: each tuple to enter, and whether it is alive (to be checked for uniqueness). */
    @FunctionalInterface
    interface IndexBuildCallback {
        void tuple(TupleSlot slot, boolean alive);
    }

    /**
     * table_index_build_scan. With {@code allVersions} (a build under ShareLock: CREATE INDEX,
     * REINDEX, VACUUM FULL), every row version some snapshot may still see is handed over, the
     * recently dead ones as not alive, so that older snapshots find their rows through the new
     * index as heapam_index_build_range_scan over SnapshotAny provides; without it (CREATE INDEX
     * CONCURRENTLY), the rows {@code snapshot} sees, all alive. This default scans with the
     * snapshot either way.
     */
    default void indexBuildScan(Relation rel, Snapshot snapshot, boolean allVersions, IndexBuildCallback callback) {
        try (TableScan s = beginScan(rel, snapshot)) {
            for (TupleSlot slot = s.next(); slot != null; slot = s.next()) callback.tuple(slot, true);
        }
    }

    /**
     * table_beginscan with a scan key (what systable_beginscan passes when it has no index): only
     * the visible rows whose attribute {@code key.attnum()} equals {@code key.value()}. An access
     * method that can test the key before decoding a row should; this default filters decoded rows.
     */
    default TableScan beginScan(Relation rel, Snapshot snapshot, org.tusk.access.common.ScanKey key) {
        TableScan all = beginScan(rel, snapshot);
        return new TableScan() {
            @Override public TupleSlot next() {
                for (TupleSlot s = all.next(); s != null; s = all.next()) if (key.matches(s.values())) return s;
                return null;
            }
            @Override public void close() { all.close(); }
        };
    }

    /**
     * table_index_fetch_tuple: the row version visible to {@code snapshot} in the HOT chain that
     * starts at {@code tid} (an index entry points to a chain's root), or null if none is.
     */
    TupleSlot indexFetch(Relation rel, ItemPointer tid, Snapshot snapshot);

    /** table_tuple_fetch_row_version: the row at exactly {@code tid} if visible to {@code snapshot}. */
    TupleSlot fetch(Relation rel, ItemPointer tid, Snapshot snapshot);

    /**
     * table_tuple_fetch_row_version with SnapshotAny: the row version at exactly {@code tid},
     * whoever can see it, with its header fields. RETURNING reads the system columns of the
     * version its statement just wrote or deleted this way (ExecInsert/ExecDelete's slot holds the
     * stored heap tuple). Null if no tuple is there, or (the default) if the access method keeps
     * no tuple headers.
     */
    default TupleSlot fetchAnyVersion(Relation rel, ItemPointer tid) {
        return null;
    }

    /**
     * What a slot holding the row version at {@code tid} keeps while it holds it (a buffer-backed
     * slot's pin, as AfterTriggerExecute's LocTriggerTupleSlot1/2 keep the event's rows while the
     * trigger function runs): the page cannot be pruned meanwhile, since pruning needs a cleanup
     * lock. Closing the handle lets go. The default holds nothing.
     */
    default Pin pin(Relation rel, ItemPointer tid) {
        return () -> { };
    }

    /** A held row version's page; {@link #close} releases it. */
    interface Pin extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One step along a row's update chain (heap_get_latest_tid): the TID of the version that
     * replaced the one at {@code tid}, if a committed transaction updated it; null otherwise.
     * EvalPlanQual follows these steps to the newest version of a row updated concurrently.
     */
    ItemPointer nextVersion(Relation rel, ItemPointer tid);

    /**
     * heap_get_root_tuples: for each offset of {@code block} (element offset - 1), the offset of
     * the root of the HOT chain the tuple there belongs to, which is what index entries point
     * at; 0 for offsets on no chain. Index builds and validate_index make entries for roots.
     * Null (the default) for an access method without HOT chains: every tuple is its own root.
     */
    default int[] rootOffsets(Relation rel, int block) {
        return null;
    }

    /**
     * table_tuple_get_latest_tid (heap_get_latest_tid): follows the update chain from {@code tid}
     * and returns the last version on it that {@code snapshot} sees, or {@code tid} itself if it
     * sees none. WHERE CURRENT OF uses it to reach the cursor's row after it was updated.
     */
    default ItemPointer latestTid(Relation rel, ItemPointer tid, Snapshot snapshot) {
        throw org.tusk.utils.error.PgException.error("0A000", "this table access method cannot follow update chains");
    }

    /**
     * For a unique check (heap_hot_search_buffer with SnapshotDirty): whether the HOT chain at
     * {@code tid} has a version that is live or may become live, and if its inserter or deleter
     * is still running, which xid to wait for.
     */
    DirtyCheck checkDirty(Relation rel, ItemPointer tid);

    /** table_tuple_insert: stores a new row version, returns its TID. */
    ItemPointer insert(Relation rel, Object[] values, int cid);

    /**
     * table_multi_insert: stores several new rows at once (COPY FROM's batches), returning their
     * TIDs in order. The rows are as {@link #insert}'s would be; an access method that gains
     * nothing from batching may insert them one by one, as this default does.
     */
    default ItemPointer[] multiInsert(Relation rel, java.util.List<Object[]> rows, int cid) {
        ItemPointer[] tids = new ItemPointer[rows.size()];
        for (int i = 0; i < tids.length; i++) tids[i] = insert(rel, rows.get(i), cid);
        return tids;
    }

    /** table_tuple_delete. With {@code wait}, waits for a concurrent updater/deleter to end first. */
    ModifyResult delete(Relation rel, ItemPointer tid, int cid, Snapshot snapshot, boolean wait);

    /**
     * table_tuple_update: replaces the row at {@code otid}. {@code indexedAttrs} are the 1-based
     * attribute numbers any index uses: if none changed and the new version fits on the same page,
     * the update is HOT and no index entry is needed ({@link ModifyResult#updateIndexes()} false).
     */
    ModifyResult update(Relation rel, ItemPointer otid, Object[] values, int cid, Snapshot snapshot, boolean wait,
                        BitSet indexedAttrs);

    /**
     * table_tuple_lock (heap_lock_tuple): locks the row version at {@code tid} for this
     * transaction in {@code mode}, waiting for, skipping or failing on a conflicting locker or
     * updater as {@code policy} says (NOWAIT: 55P03). With {@code followUpdates}
     * (TUPLE_LOCK_FLAG_FIND_LAST_VERSION, READ COMMITTED) a row a committed transaction updated is
     * followed along its update chain and its newest version locked instead ({@link
     * LockResult#traversed()}); without, that is reported as UPDATED. {@code snapshot} is the
     * one the row was read with; the heap, as PostgreSQL's, decides by {@code cid} alone.
     */
    LockResult lockTuple(Relation rel, ItemPointer tid, Snapshot snapshot, int cid, LockTupleMode mode,
                         LockWaitPolicy policy, boolean followUpdates);

    /**
     * table_relation_vacuum (heap_vacuum_rel, lazy): prunes every page (an aggressive VACUUM
     * included; otherwise long runs of all-visible pages are skipped), collects the dead line
     * pointers, calls {@code vacuumIndexes} with the test "is this TID dead" so that every index
     * drops its entries for them, then marks them unused. The live tuples counted are those of the
     * pages scanned. The caller holds ShareUpdateExclusiveLock on the table.
     */
    VacuumStats vacuum(Relation rel, boolean aggressive,
                       java.util.function.Consumer<java.util.function.Predicate<ItemPointer>> vacuumIndexes);

    /**
     * table_relation_copy_for_cluster without an index to order by (VACUUM FULL): every row
     * version of {@code oldRel} that some snapshot may still need is copied, with its
     * transaction information, into {@code newRel}, which is the same table on new, empty storage;
     * the caller holds AccessExclusiveLock and rebuilds the indexes afterwards.
     */
    default ClusterCopyStats copyForCluster(Relation oldRel, Relation newRel) {
        throw new UnsupportedOperationException("this table access method cannot rewrite a table");
    }

    /** Physical blocks of the relation's main fork (RelationGetNumberOfBlocks), for costs and tests. */
    int numberOfBlocks(Relation rel);

    /**
     * visibilitymap_get_status: whether the visibility map says every tuple on heap page
     * {@code block} is visible to every transaction (an index-only scan then need not fetch it).
     */
    boolean isAllVisible(Relation rel, int block);

    /** visibilitymap_count: the pages marked all-visible (pg_class.relallvisible). */
    int allVisiblePages(Relation rel);
}
