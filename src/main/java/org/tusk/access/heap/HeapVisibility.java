package org.tusk.access.heap;

import org.tusk.access.table.TMResult;
import org.tusk.access.transam.TransactionId;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.PageHeader;
import org.tusk.utils.time.Snapshot;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;

/**
 * Tuple visibility (PostgreSQL's heapam_visibility.c): HeapTupleSatisfiesMVCC, ...Update,
 * ...Dirty and ...Vacuum, for one backend.
 *
 * <p>Every function reads a tuple on a page the caller has pinned and locked (share at least),
 * and may set hint bits on it ({@link #setHintBits}). The order of questions matters and is
 * PostgreSQL's: "is it mine?", then "is it running?" (the snapshot or the ProcArray), and only
 * then "did it commit?" (the CLOG), because a transaction marks its commit in the CLOG before it
 * leaves the ProcArray; asking the CLOG first could see "not committed" for a transaction that
 * then commits while it is still believed running.
 *
 * <p>Multixact xmax values are never made by this heap (no row locks yet); meeting one is an
 * error rather than a guess.
 */
final class HeapVisibility {
    /** HTSV_Result. */
    enum Htsv { DEAD, LIVE, RECENTLY_DEAD, INSERT_IN_PROGRESS, DELETE_IN_PROGRESS }

    private final TransactionOracle oracle;
    private final BufferManager buffers;
    private final ComboCids combo;
    private final boolean hintsAllowed;

    /**
     * @param hintsAllowed false when data checksums are on: a hint-bit change would then need a
     *                     full-page image in WAL (XLogSaveBufferForHint), which Tusk does not
     *                     write, so no hints are set at all (always correct, only slower)
     */
    HeapVisibility(TransactionOracle oracle, BufferManager buffers, ComboCids combo, boolean hintsAllowed) {
        this.oracle = oracle;
        this.buffers = buffers;
        this.combo = combo;
        this.hintsAllowed = hintsAllowed;
    }

    TransactionOracle oracle() {
        return oracle;
    }

    /**
     * SetHintBits: records a known transaction outcome in the tuple, without WAL. A commit hint is
     * set only once the commit record is durable, or once the page's LSN is past it (then the page
     * cannot reach disk before the commit record does): otherwise a crash could leave a tuple
     * marked committed whose commit was lost.
     */
    void setHintBits(MemorySegment t, int buffer, int bits, int xid) {
        if (!hintsAllowed) return;
        if (TransactionId.isValid(xid)) {
            long commitLsn = oracle.commitLsn(xid);
            if (commitLsn != 0 && oracle.walNeedsFlush(commitLsn)
                    && Long.compareUnsigned(PageHeader.lsn(buffers.page(buffer)), commitLsn) < 0) {
                return;
            }
        }
        setInfomask(t, infomask(t) | bits);
        buffers.markDirtyHint(buffer);
    }

    /** HeapTupleHeaderGetCmin: only meaningful to the inserting transaction. */
    int cmin(MemorySegment t) {
        int cid = rawCommandId(t);
        return (infomask(t) & HEAP_COMBOCID) != 0 ? combo.realCmin(cid) : cid;
    }

    /** HeapTupleHeaderGetCmax: only meaningful to the deleting transaction. */
    int cmax(MemorySegment t) {
        int cid = rawCommandId(t);
        return (infomask(t) & HEAP_COMBOCID) != 0 ? combo.realCmax(cid) : cid;
    }

    private static boolean cidAtOrAfter(int cid, int curcid) {
        return Integer.compareUnsigned(cid, curcid) >= 0;
    }

    /**
     * HeapTupleSatisfiesToast (SnapshotToast): every chunk tuple counts unless its inserter is known
     * to have aborted (XMIN_INVALID hint) or its xmin is invalid. TOAST chunks are never updated,
     * only inserted with the row that points at them and deleted with it, so whether a chunk
     * belongs to the reader is decided by the visibility of the main-table tuple that holds the
     * pointer, under the reader's own snapshot. Judging the chunks by that snapshot again would be
     * redundant, and judging them by a newer one wrong: a reader whose snapshot still sees a row
     * must be able to read the chunks a later, committed UPDATE or DELETE of the row deleted. The
     * chunks stay on disk for it because the reader's xmin holds back the removal horizon of
     * pruning and VACUUM. Value OIDs are unique among all index entries, dead ones included, so
     * chunks of another value are never mixed in.
     */
    boolean satisfiesToast(MemorySegment t) {
        if (!HeapTuples.xminCommitted(t)) {
            if (HeapTuples.xminInvalid(t)) return false;
            if (xmin(t) == TransactionId.INVALID) return false;
        }
        return true;
    }

    /** HeapTupleSatisfiesMVCC. */
    boolean satisfiesMvcc(MemorySegment t, Snapshot snapshot, int buffer) {
        if (!HeapTuples.xminCommitted(t)) {
            if (HeapTuples.xminInvalid(t)) return false;
            int xmin = xmin(t);
            if (oracle.isCurrentTransactionId(xmin)) {
                if (cidAtOrAfter(cmin(t), snapshot.curcid())) return false;  // inserted after scan started
                if ((infomask(t) & HEAP_XMAX_INVALID) != 0) return true;
                if (HeapTuples.xmaxIsLockedOnly(infomask(t))) return true;
                HeapTuples.checkNotMulti(t);
                if (!oracle.isCurrentTransactionId(xmax(t))) {
                    // deleting subtransaction must have aborted
                    setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
                    return true;
                }
                return cidAtOrAfter(cmax(t), snapshot.curcid());  // deleted after scan started: still visible
            } else if (oracle.xidInMVCCSnapshot(xmin, snapshot)) {
                return false;
            } else if (oracle.didCommit(xmin)) {
                setHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
            } else {
                // it must have aborted or crashed
                setHintBits(t, buffer, HEAP_XMIN_INVALID, TransactionId.INVALID);
                return false;
            }
        } else if (!HeapTuples.xminFrozen(t) && oracle.xidInMVCCSnapshot(xmin(t), snapshot)) {
            return false;  // committed, but not according to our snapshot
        }
        // by here, the inserting transaction has committed
        int mask = infomask(t);
        if ((mask & HEAP_XMAX_INVALID) != 0) return true;
        if (HeapTuples.xmaxIsLockedOnly(mask)) return true;
        HeapTuples.checkNotMulti(t);
        int xmax = xmax(t);
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            if (oracle.isCurrentTransactionId(xmax)) return cidAtOrAfter(cmax(t), snapshot.curcid());
            if (oracle.xidInMVCCSnapshot(xmax, snapshot)) return true;
            if (!oracle.didCommit(xmax)) {
                setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
                return true;
            }
            setHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
        } else if (oracle.xidInMVCCSnapshot(xmax, snapshot)) {
            return true;  // committed, but not according to our snapshot
        }
        return false;
    }

    /**
     * HeapTupleSatisfiesUpdate: may command {@code curcid} of this transaction change the tuple at
     * {@code self}? UPDATED/DELETED tell a committed change apart by whether t_ctid points
     * elsewhere.
     */
    TMResult satisfiesUpdate(MemorySegment t, ItemPointer self, int curcid, int buffer) {
        if (!HeapTuples.xminCommitted(t)) {
            if (HeapTuples.xminInvalid(t)) return TMResult.INVISIBLE;
            int xmin = xmin(t);
            if (oracle.isCurrentTransactionId(xmin)) {
                if (cidAtOrAfter(cmin(t), curcid)) return TMResult.INVISIBLE;  // inserted after scan started
                if ((infomask(t) & HEAP_XMAX_INVALID) != 0) return TMResult.OK;
                if (HeapTuples.xmaxIsLockedOnly(infomask(t))) {
                    HeapTuples.checkNotMulti(t);
                    // Locked by someone else (possible after a key-share lock): report it while they run.
                    return oracle.isInProgress(xmax(t)) ? TMResult.BEING_MODIFIED : TMResult.OK;
                }
                HeapTuples.checkNotMulti(t);
                if (!oracle.isCurrentTransactionId(xmax(t))) {
                    setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);  // deleting subxact aborted
                    return TMResult.OK;
                }
                return cidAtOrAfter(cmax(t), curcid) ? TMResult.SELF_MODIFIED : TMResult.INVISIBLE;
            } else if (oracle.isInProgress(xmin)) {
                return TMResult.INVISIBLE;
            } else if (oracle.didCommit(xmin)) {
                setHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
            } else {
                setHintBits(t, buffer, HEAP_XMIN_INVALID, TransactionId.INVALID);
                return TMResult.INVISIBLE;
            }
        }
        // by here, the inserting transaction has committed
        int mask = infomask(t);
        if ((mask & HEAP_XMAX_INVALID) != 0) return TMResult.OK;
        if ((mask & HEAP_XMAX_COMMITTED) != 0) {
            if (HeapTuples.xmaxIsLockedOnly(mask)) return TMResult.OK;
            return ctid(t).equals(self) ? TMResult.DELETED : TMResult.UPDATED;
        }
        HeapTuples.checkNotMulti(t);
        int xmax = xmax(t);
        if (oracle.isCurrentTransactionId(xmax)) {
            if (HeapTuples.xmaxIsLockedOnly(mask)) return TMResult.BEING_MODIFIED;
            return cidAtOrAfter(cmax(t), curcid) ? TMResult.SELF_MODIFIED : TMResult.INVISIBLE;
        }
        if (oracle.isInProgress(xmax)) return TMResult.BEING_MODIFIED;
        if (!oracle.didCommit(xmax)) {
            setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);  // aborted or crashed
            return TMResult.OK;
        }
        if (HeapTuples.xmaxIsLockedOnly(mask)) {
            setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
            return TMResult.OK;
        }
        setHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
        return ctid(t).equals(self) ? TMResult.DELETED : TMResult.UPDATED;
    }

    /**
     * The outcome of HeapTupleSatisfiesDirty: whether the tuple is (or may become) live, and the
     * SnapshotDirty xmin/xmax: a running inserter or deleter whose end decides it.
     */
    record Dirty(boolean visible, int xmin, int xmax) {}

    /** HeapTupleSatisfiesDirty: sees everything committed or in progress (for unique checks). */
    Dirty satisfiesDirty(MemorySegment t, int buffer) {
        if (!HeapTuples.xminCommitted(t)) {
            if (HeapTuples.xminInvalid(t)) return new Dirty(false, 0, 0);
            int xmin = xmin(t);
            if (oracle.isCurrentTransactionId(xmin)) {
                if ((infomask(t) & HEAP_XMAX_INVALID) != 0) return new Dirty(true, 0, 0);
                if (HeapTuples.xmaxIsLockedOnly(infomask(t))) return new Dirty(true, 0, 0);
                HeapTuples.checkNotMulti(t);
                if (!oracle.isCurrentTransactionId(xmax(t))) {
                    setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
                    return new Dirty(true, 0, 0);
                }
                return new Dirty(false, 0, 0);
            } else if (oracle.isInProgress(xmin)) {
                return new Dirty(true, xmin, 0);  // in insertion by other
            } else if (oracle.didCommit(xmin)) {
                setHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
            } else {
                setHintBits(t, buffer, HEAP_XMIN_INVALID, TransactionId.INVALID);
                return new Dirty(false, 0, 0);
            }
        }
        int mask = infomask(t);
        if ((mask & HEAP_XMAX_INVALID) != 0) return new Dirty(true, 0, 0);
        if ((mask & HEAP_XMAX_COMMITTED) != 0) return new Dirty(HeapTuples.xmaxIsLockedOnly(mask), 0, 0);
        HeapTuples.checkNotMulti(t);
        int xmax = xmax(t);
        if (oracle.isCurrentTransactionId(xmax)) return new Dirty(HeapTuples.xmaxIsLockedOnly(mask), 0, 0);
        if (oracle.isInProgress(xmax)) return new Dirty(true, 0, HeapTuples.xmaxIsLockedOnly(mask) ? 0 : xmax);
        if (!oracle.didCommit(xmax)) {
            setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
            return new Dirty(true, 0, 0);
        }
        if (HeapTuples.xmaxIsLockedOnly(mask)) {
            setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
            return new Dirty(true, 0, 0);
        }
        setHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
        return new Dirty(false, 0, 0);  // updated by other
    }

    /**
     * HeapTupleSatisfiesVacuum: what pruning may do with the tuple. RECENTLY_DEAD becomes DEAD when
     * the deleter precedes {@code oldestXmin}: no running or future snapshot can see the tuple.
     */
    Htsv satisfiesVacuum(MemorySegment t, int oldestXmin, int buffer) {
        if (!HeapTuples.xminCommitted(t)) {
            if (HeapTuples.xminInvalid(t)) return Htsv.DEAD;
            int xmin = xmin(t);
            if (oracle.isCurrentTransactionId(xmin)) {
                int mask = infomask(t);
                if ((mask & HEAP_XMAX_INVALID) != 0) return Htsv.INSERT_IN_PROGRESS;
                if (HeapTuples.xmaxIsLockedOnly(mask)) return Htsv.INSERT_IN_PROGRESS;
                // inserted and then deleted by same xact, or the deleting subtransaction aborted
                return oracle.isCurrentTransactionId(HeapTuples.updateXid(t)) ? Htsv.DELETE_IN_PROGRESS
                        : Htsv.INSERT_IN_PROGRESS;
            } else if (oracle.isInProgress(xmin)) {
                return Htsv.INSERT_IN_PROGRESS;
            } else if (oracle.didCommit(xmin)) {
                setHintBits(t, buffer, HEAP_XMIN_COMMITTED, xmin);
            } else {
                setHintBits(t, buffer, HEAP_XMIN_INVALID, TransactionId.INVALID);
                return Htsv.DEAD;
            }
        }
        int mask = infomask(t);
        if ((mask & HEAP_XMAX_INVALID) != 0) return Htsv.LIVE;
        HeapTuples.checkNotMulti(t);
        int xmax = xmax(t);
        if (HeapTuples.xmaxIsLockedOnly(mask)) {
            // Only locked: live whatever the locker did; hint once the locker is gone.
            if ((mask & HEAP_XMAX_COMMITTED) == 0) {
                if (oracle.isInProgress(xmax)) return Htsv.LIVE;
                setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
            }
            return Htsv.LIVE;
        }
        if ((mask & HEAP_XMAX_COMMITTED) == 0) {
            if (oracle.isInProgress(xmax)) return Htsv.DELETE_IN_PROGRESS;
            else if (oracle.didCommit(xmax)) setHintBits(t, buffer, HEAP_XMAX_COMMITTED, xmax);
            else {
                setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
                return Htsv.LIVE;
            }
        }
        // Deleter committed: dead once no snapshot can still see the tuple.
        return TransactionId.precedes(xmax, oldestXmin) ? Htsv.DEAD : Htsv.RECENTLY_DEAD;
    }
}
