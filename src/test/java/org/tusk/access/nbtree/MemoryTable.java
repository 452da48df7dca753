package org.tusk.access.nbtree;

import org.tusk.access.table.DirtyCheck;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.util.BitSet;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A test double of the heap: rows by TID, each with what a SnapshotDirty check would say of it.
 * Only what the B-tree calls (beginScan for build, checkDirty for unique checks) is implemented.
 */
final class MemoryTable implements TableAm {
    record Row(Object[] values, DirtyCheck dirty) {}

    final Map<ItemPointer, Row> rows = new ConcurrentSkipListMap<>(BTScanInsert::compareTids);
    final Map<ItemPointer, Integer> dirtyChecks = new ConcurrentHashMap<>();

    void put(ItemPointer tid, Object[] values, DirtyCheck dirty) {
        rows.put(tid, new Row(values, dirty));
    }

    @Override
    public TableScan beginScan(Relation rel, Snapshot snapshot) {
        Iterator<Map.Entry<ItemPointer, Row>> it = rows.entrySet().iterator();
        return new TableScan() {
            @Override
            public TupleSlot next() {
                while (it.hasNext()) {
                    Map.Entry<ItemPointer, Row> e = it.next();
                    if (e.getValue().dirty().live()) return new TupleSlot(e.getKey(), e.getValue().values());
                }
                return null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public DirtyCheck checkDirty(Relation rel, ItemPointer tid) {
        dirtyChecks.merge(tid, 1, Integer::sum);
        Row r = rows.get(tid);
        return r == null ? DirtyCheck.DEAD : r.dirty();
    }

    @Override
    public TupleSlot indexFetch(Relation rel, ItemPointer tid, Snapshot snapshot) { throw new UnsupportedOperationException(); }
    @Override
    public TupleSlot fetch(Relation rel, ItemPointer tid, Snapshot snapshot) { throw new UnsupportedOperationException(); }
    @Override
    public ItemPointer insert(Relation rel, Object[] values, int cid) { throw new UnsupportedOperationException(); }
    @Override
    public ModifyResult delete(Relation rel, ItemPointer tid, int cid, Snapshot snapshot, boolean wait) { throw new UnsupportedOperationException(); }
    @Override
    public ModifyResult update(Relation rel, ItemPointer otid, Object[] values, int cid, Snapshot snapshot, boolean wait,
                               BitSet indexedAttrs) { throw new UnsupportedOperationException(); }
    @Override
    public int numberOfBlocks(Relation rel) { return 0; }

    @Override
    public org.tusk.access.table.VacuumStats vacuum(org.tusk.utils.cache.Relation rel, boolean aggressive,
            java.util.function.Consumer<java.util.function.Predicate<org.tusk.storage.page.ItemPointer>> vacuumIndexes) {
        throw new UnsupportedOperationException("VACUUM is tested on the heap");
    }

    @Override
    public org.tusk.storage.page.ItemPointer nextVersion(org.tusk.utils.cache.Relation rel, org.tusk.storage.page.ItemPointer tid) {
        throw new UnsupportedOperationException("update chains are tested on the heap");
    }

    @Override
    public org.tusk.access.table.LockResult lockTuple(Relation rel, ItemPointer tid, Snapshot snapshot, int cid,
                                                      org.tusk.access.table.LockTupleMode mode,
                                                      org.tusk.access.table.LockWaitPolicy policy, boolean followUpdates) {
        throw new UnsupportedOperationException();
    }

    /** No visibility map here: every row must be fetched to know whether it is visible. */
    @Override
    public boolean isAllVisible(org.tusk.utils.cache.Relation rel, int block) { return false; }

    @Override
    public int allVisiblePages(org.tusk.utils.cache.Relation rel) { return 0; }
}
