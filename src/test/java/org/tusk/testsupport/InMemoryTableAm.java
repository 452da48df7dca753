package org.tusk.testsupport;

import org.tusk.access.table.DirtyCheck;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table AM test double: rows kept in lists per relation OID, no MVCC (every live row is
 * visible to every snapshot, a change is seen at once), TIDs (0, position + 1). Shared by the
 * "backends" of a test to stand for the one set of heap files. Each row is checked against the
 * relation's descriptor by forming it, so a value of the wrong Java type fails as in the heap.
 */
public final class InMemoryTableAm implements TableAm {
    private final Map<Integer, List<Object[]>> rows = new HashMap<>();
    private int inserts, updates, deletes;

    /** Loads rows as bootstrap would have written them. */
    public void load(int relOid, List<Object[]> initial) {
        rows.computeIfAbsent(relOid, k -> new ArrayList<>()).addAll(initial);
    }

    /** The live rows of relation {@code relOid}. */
    public List<Object[]> rows(int relOid) {
        List<Object[]> out = new ArrayList<>();
        for (Object[] r : rows.getOrDefault(relOid, List.of())) if (r != null) out.add(r);
        return out;
    }

    public int inserts() { return inserts; }
    public int updates() { return updates; }
    public int deletes() { return deletes; }

    private static void check(Relation rel, Object[] values) {
        org.tusk.access.common.HeapTupleForm.length(rel.desc(), values);   // throws for a wrong value
    }

    @Override
    public TableScan beginScan(Relation rel, Snapshot snapshot) {
        List<Object[]> list = rows.getOrDefault(rel.oid(), List.of());
        List<TupleSlot> snapshotRows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) != null) snapshotRows.add(new TupleSlot(new ItemPointer(0, i + 1), list.get(i).clone()));
        }
        return new TableScan() {
            int pos;

            @Override
            public TupleSlot next() {
                return pos < snapshotRows.size() ? snapshotRows.get(pos++) : null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public TupleSlot indexFetch(Relation rel, ItemPointer tid, Snapshot snapshot) {
        return fetch(rel, tid, snapshot);
    }

    @Override
    public TupleSlot fetch(Relation rel, ItemPointer tid, Snapshot snapshot) {
        List<Object[]> list = rows.getOrDefault(rel.oid(), List.of());
        int i = tid.offset() - 1;
        return i < list.size() && list.get(i) != null ? new TupleSlot(tid, list.get(i).clone()) : null;
    }

    @Override
    public DirtyCheck checkDirty(Relation rel, ItemPointer tid) {
        return fetch(rel, tid, null) == null ? DirtyCheck.DEAD : new DirtyCheck(true, 0);
    }

    @Override
    public ItemPointer insert(Relation rel, Object[] values, int cid) {
        check(rel, values);
        List<Object[]> list = rows.computeIfAbsent(rel.oid(), k -> new ArrayList<>());
        list.add(values.clone());
        inserts++;
        return new ItemPointer(0, list.size());
    }

    @Override
    public ModifyResult delete(Relation rel, ItemPointer tid, int cid, Snapshot snapshot, boolean wait) {
        List<Object[]> list = rows.get(rel.oid());
        int i = tid.offset() - 1;
        if (list == null || i >= list.size() || list.get(i) == null) return new ModifyResult(org.tusk.access.table.TMResult.DELETED, null, false, null, 0);
        list.set(i, null);
        deletes++;
        return ModifyResult.ok();
    }

    @Override
    public ModifyResult update(Relation rel, ItemPointer otid, Object[] values, int cid, Snapshot snapshot, boolean wait,
                               BitSet indexedAttrs) {
        check(rel, values);
        List<Object[]> list = rows.get(rel.oid());
        int i = otid.offset() - 1;
        if (list == null || i >= list.size() || list.get(i) == null) return new ModifyResult(org.tusk.access.table.TMResult.DELETED, null, false, null, 0);
        list.set(i, null);
        list.add(values.clone());
        updates++;
        return new ModifyResult(org.tusk.access.table.TMResult.OK, new ItemPointer(0, list.size()), true, null, 0);
    }

    @Override
    public int numberOfBlocks(Relation rel) {
        return rows.containsKey(rel.oid()) ? 1 : 0;
    }

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
        TupleSlot s = fetch(rel, tid, snapshot);
        return s == null ? new org.tusk.access.table.LockResult(org.tusk.access.table.TMResult.DELETED, tid, null, false, tid, 0)
                : new org.tusk.access.table.LockResult(org.tusk.access.table.TMResult.OK, tid, s.values(), false, null, 0);
    }

    /** No visibility map here: every row must be fetched to know whether it is visible. */
    @Override
    public boolean isAllVisible(org.tusk.utils.cache.Relation rel, int block) { return false; }

    @Override
    public int allVisiblePages(org.tusk.utils.cache.Relation rel) { return 0; }
}
