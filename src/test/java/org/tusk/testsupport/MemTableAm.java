package org.tusk.testsupport;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tusk.access.table.DirtyCheck;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TMResult;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.time.Snapshot;

/**
 * A list-backed table access method for executor tests, with just enough MVCC: versions written
 * by "our" transaction are visible to snapshots whose curcid is above the writing command id;
 * versions written by simulated other transactions ({@link #concurrentUpdate}) are visible to
 * snapshots whose xmax is above the commit epoch. Updates that change no indexed attribute are
 * HOT: the index entry of the chain's root keeps finding the row through {@link #indexFetch}.
 */
public final class MemTableAm implements TableAm {
    private static final int NONE = Integer.MAX_VALUE;

    static final class Version {
        final ItemPointer tid;
        final Object[] values;
        final boolean ownInsert;
        final int cmin;
        final int insEpoch;
        boolean ownDelete;
        int cmax = NONE;
        int delEpoch = NONE;
        ItemPointer ctid;
        boolean hotUpdated;
        /** Inserted by a command that failed (its statement was rolled back). */
        boolean aborted;

        Version(ItemPointer tid, Object[] values, boolean own, int cmin, int insEpoch) {
            this.tid = tid;
            this.values = values.clone();
            this.ownInsert = own;
            this.cmin = cmin;
            this.insEpoch = insEpoch;
        }

        boolean deleted() { return aborted || ownDelete || delEpoch != NONE; }
    }

    private final Map<Integer, List<Version>> tables = new HashMap<>();
    /** The commit epoch of the simulated other transactions; snapshots with xmax above it see them. */
    public int epoch = 1;
    public int updates, hotUpdates;

    private List<Version> versions(Relation rel) {
        return tables.computeIfAbsent(rel.oid(), k -> new ArrayList<>());
    }

    private Version find(Relation rel, ItemPointer tid) {
        List<Version> l = versions(rel);
        int i = tid.offset() - 1 + tid.block() * 1000;
        return i >= 0 && i < l.size() ? l.get(i) : null;
    }

    private ItemPointer nextTid(Relation rel) {
        int n = versions(rel).size();
        return new ItemPointer(n / 1000, n % 1000 + 1);
    }

    static boolean visible(Version v, Snapshot s) {
        if (v.aborted) return false;
        boolean inserted = v.ownInsert ? v.cmin < s.curcid() : v.insEpoch < s.xmax();
        if (!inserted) return false;
        boolean deleted = v.ownDelete ? v.cmax < s.curcid() : v.delEpoch < s.xmax();
        return !deleted;
    }

    @Override
    public TableScan beginScan(Relation rel, Snapshot snapshot) {
        List<Version> snapshotOfList = new ArrayList<>(versions(rel));
        return new TableScan() {
            int i;

            @Override
            public TupleSlot next() {
                while (i < snapshotOfList.size()) {
                    Version v = snapshotOfList.get(i++);
                    if (visible(v, snapshot)) return new TupleSlot(v.tid, v.values.clone());
                }
                return null;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public TupleSlot indexFetch(Relation rel, ItemPointer tid, Snapshot snapshot) {
        Version v = find(rel, tid);
        while (v != null) {
            if (visible(v, snapshot)) return new TupleSlot(v.tid, v.values.clone());
            if (!v.hotUpdated || v.ctid == null) return null;
            v = find(rel, v.ctid);
        }
        return null;
    }

    @Override
    public TupleSlot fetch(Relation rel, ItemPointer tid, Snapshot snapshot) {
        Version v = find(rel, tid);
        return v != null && visible(v, snapshot) ? new TupleSlot(v.tid, v.values.clone()) : null;
    }

    @Override
    public ItemPointer nextVersion(Relation rel, ItemPointer tid) {
        Version v = find(rel, tid);
        return v != null && v.delEpoch != NONE ? v.ctid : null;
    }

    @Override
    public DirtyCheck checkDirty(Relation rel, ItemPointer tid) {
        Version v = find(rel, tid);
        while (v != null) {
            if (!v.deleted()) return new DirtyCheck(true, 0);
            if (!v.hotUpdated || v.ctid == null) break;
            v = find(rel, v.ctid);
        }
        return DirtyCheck.DEAD;
    }

    @Override
    public ItemPointer insert(Relation rel, Object[] values, int cid) {
        ItemPointer tid = nextTid(rel);
        versions(rel).add(new Version(tid, values, true, cid, 0));
        return tid;
    }

    /** heap_delete/heap_update's check of the old version: null if it may be changed. */
    private ModifyResult check(Version v, int cid) {
        if (v == null) return new ModifyResult(TMResult.INVISIBLE, null, false, null, 0);
        if (v.ownDelete) return new ModifyResult(TMResult.SELF_MODIFIED, null, false, v.ctid, 0);
        if (v.delEpoch != NONE)
            return new ModifyResult(v.ctid != null ? TMResult.UPDATED : TMResult.DELETED, null, false, v.ctid, 99);
        return null;
    }

    @Override
    public ModifyResult delete(Relation rel, ItemPointer tid, int cid, Snapshot snapshot, boolean wait) {
        Version v = find(rel, tid);
        ModifyResult r = check(v, cid);
        if (r != null) return r;
        v.ownDelete = true;
        v.cmax = cid;
        return ModifyResult.ok();
    }

    @Override
    public ModifyResult update(Relation rel, ItemPointer otid, Object[] values, int cid, Snapshot snapshot, boolean wait,
                               BitSet indexedAttrs) {
        Version v = find(rel, otid);
        ModifyResult r = check(v, cid);
        if (r != null) return r;
        boolean hot = true;
        for (int a = indexedAttrs.nextSetBit(0); a >= 0; a = indexedAttrs.nextSetBit(a + 1))
            if (!Objects.equals(v.values[a - 1], values[a - 1])) hot = false;
        ItemPointer tid = nextTid(rel);
        versions(rel).add(new Version(tid, values, true, cid, 0));
        v.ownDelete = true;
        v.cmax = cid;
        v.ctid = tid;
        v.hotUpdated = hot;
        updates++;
        if (hot) hotUpdates++;
        return new ModifyResult(TMResult.OK, tid, !hot, null, 0);
    }

    /**
     * Another transaction updates the row at {@code tid} (not HOT) and commits now: snapshots
     * taken before see the old version, snapshots taken after see the new one.
     */
    public ItemPointer concurrentUpdate(Relation rel, ItemPointer tid, Object[] values) {
        Version v = find(rel, tid);
        ItemPointer ntid = nextTid(rel);
        versions(rel).add(new Version(ntid, values, false, 0, epoch));
        v.delEpoch = epoch;
        v.ctid = ntid;
        epoch++;
        return ntid;
    }

    /** Another transaction inserts a row and commits now (its index entries are the caller's to make). */
    public ItemPointer concurrentInsert(Relation rel, Object[] values) {
        ItemPointer tid = nextTid(rel);
        versions(rel).add(new Version(tid, values, false, 0, epoch));
        epoch++;
        return tid;
    }

    /** Another transaction deletes the row at {@code tid} and commits now. */
    public void concurrentDelete(Relation rel, ItemPointer tid) {
        find(rel, tid).delEpoch = epoch++;
    }

    /**
     * Undoes what command {@code cid} of our transaction did, as the abort of the statement's
     * (sub)transaction would: its new versions die, the versions it deleted live again.
     */
    public void abortCommand(int cid) {
        for (List<Version> l : tables.values()) {
            for (Version v : l) {
                if (v.ownInsert && v.cmin == cid) v.aborted = true;
                if (v.ownDelete && v.cmax == cid) {
                    v.ownDelete = false;
                    v.cmax = NONE;
                    v.ctid = null;
                    v.hotUpdated = false;
                }
            }
        }
    }

    /** Every version that is not deleted (what an index build enters), with its TID. */
    List<TupleSlot> live(Relation rel) {
        List<TupleSlot> out = new ArrayList<>();
        for (Version v : versions(rel)) if (!v.deleted()) out.add(new TupleSlot(v.tid, v.values.clone()));
        return out;
    }

    @Override
    public int numberOfBlocks(Relation rel) {
        return versions(rel).size() / 100 + (versions(rel).isEmpty() ? 0 : 1);
    }

    @Override
    public org.tusk.access.table.VacuumStats vacuum(org.tusk.utils.cache.Relation rel, boolean aggressive,
            java.util.function.Consumer<java.util.function.Predicate<org.tusk.storage.page.ItemPointer>> vacuumIndexes) {
        throw new UnsupportedOperationException("VACUUM is tested on the heap");
    }

    @Override
    public org.tusk.access.table.LockResult lockTuple(Relation rel, ItemPointer tid, Snapshot snapshot, int cid,
                                                      org.tusk.access.table.LockTupleMode mode,
                                                      org.tusk.access.table.LockWaitPolicy policy, boolean followUpdates) {
        // One session at a time uses this table: a live version is never locked by anyone else.
        // As heap_lock_tuple, the version's own state decides, not the snapshot: a row another
        // transaction committed after the snapshot was taken (ON CONFLICT's conflict) is lockable.
        Version v = find(rel, tid);
        org.tusk.access.table.TMResult r = v == null || v.aborted || v.ownInsert && v.cmin >= cid
                ? org.tusk.access.table.TMResult.INVISIBLE
                : v.delEpoch != NONE ? (v.ctid != null ? org.tusk.access.table.TMResult.UPDATED : org.tusk.access.table.TMResult.DELETED)
                : v.ownDelete ? org.tusk.access.table.TMResult.SELF_MODIFIED : org.tusk.access.table.TMResult.OK;
        return r == org.tusk.access.table.TMResult.OK
                ? new org.tusk.access.table.LockResult(r, tid, v.values.clone(), false, null, 0)
                : new org.tusk.access.table.LockResult(r, tid, null, false, v == null ? null : v.ctid, 0);
    }

    /** No visibility map here: every row must be fetched to know whether it is visible. */
    @Override
    public boolean isAllVisible(org.tusk.utils.cache.Relation rel, int block) { return false; }

    @Override
    public int allVisiblePages(org.tusk.utils.cache.Relation rel) { return 0; }
}
