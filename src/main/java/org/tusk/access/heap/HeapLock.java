package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.table.LockResult;
import org.tusk.access.table.LockTupleMode;
import org.tusk.access.table.LockWaitPolicy;
import org.tusk.access.table.TMResult;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.TransactionId;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.lmgr.LockErrors;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;
import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * heap_lock_tuple (heapam.c) without MultiXacts: marks one tuple version locked by the current
 * transaction, by setting xmax to our xid with HEAP_XMAX_LOCK_ONLY and the mode's bits
 * (HEAP_XMAX_KEYSHR_LOCK, HEAP_XMAX_SHR_LOCK, HEAP_XMAX_EXCL_LOCK, plus HEAP_KEYS_UPDATED for
 * FOR UPDATE), logged as XLOG_HEAP_LOCK.
 *
 * <p>Since one xmax can name only one transaction without a MultiXact, any other transaction's
 * lock or change of the row is treated as conflicting, whatever the two modes: we wait for it to
 * end (holding the heavyweight tuple lock meanwhile, so waiters queue in order, as PostgreSQL
 * does), or skip / fail for SKIP LOCKED / NOWAIT. That is stronger than PostgreSQL's
 * compatibility matrix (where two share lockers coexist in a MultiXact) and never weaker.
 *
 * <p>The buffer is pinned throughout and exclusively locked except while waiting.
 */
final class HeapLock {
    private HeapLock() {}

    /**
     * Locks the version at {@code tid}. Returns OK (with the locked version's values), WOULD_BLOCK,
     * SELF_MODIFIED, INVISIBLE, or UPDATED/DELETED when a committed transaction changed it.
     */
    static LockResult lock(HeapEnv env, HeapLockWaits waits, Relation rel, ItemPointer tid, int cid, LockTupleMode mode,
                           LockWaitPolicy policy, int priorXmax) {
        BufferManager bm = env.buffers();
        TransactionOracle oracle = env.oracle();
        int buffer = env.readBuffer(rel, tid.block(), null);
        boolean haveTupleLock = false;
        LockMode tupleLockMode = tupleLockMode(mode);
        try {
            bm.lockBuffer(buffer, EXCLUSIVE);
            try {
                while (true) {
                    MemorySegment t = TupleChangeCheck.tupleAt(bm, buffer, tid);
                    if (t == null) return failed(TMResult.DELETED, tid, tid, 0);
                    // Following an update chain: a slot reused after pruning is not our row.
                    if (priorXmax != TransactionId.INVALID && HeapTuples.xmin(t) != priorXmax) {
                        return failed(TMResult.DELETED, tid, tid, 0);
                    }
                    TMResult r = env.visibility().satisfiesUpdate(t, tid, cid, buffer);
                    if (r == TMResult.INVISIBLE || r == TMResult.SELF_MODIFIED) return failed(r, tid, ctid(t), 0);
                    if (r == TMResult.UPDATED || r == TMResult.DELETED) return failed(r, tid, ctid(t), updaterOf(t));
                    if (r == TMResult.BEING_MODIFIED) {
                        HeapTuples.checkNotMulti(t);
                        int xwait = xmax(t);
                        int mask = infomask(t);
                        if (oracle.isCurrentTransactionId(xwait)) {
                            // Our own lock (satisfiesUpdate reports our own changes otherwise):
                            // a lock at least as strong is already held, nothing to do.
                            if (HeapTuples.xmaxIsLockedOnly(mask) && heldMode(mask, infomask2(t)).covers(mode)) {
                                return locked(env, rel, tid, t, false);
                            }
                        } else {
                            // Acquire the tuple lock first, so that waiters are served in order
                            // (heap_acquire_tuplock); then wait for the transaction itself.
                            if (!haveTupleLock) {
                                bm.unlockBuffer(buffer);
                                boolean got;
                                try {
                                    got = acquireTupleLock(waits, rel, tid, tupleLockMode, policy);
                                } finally {
                                    bm.lockBuffer(buffer, EXCLUSIVE);
                                }
                                if (!got) return failed(TMResult.WOULD_BLOCK, tid, tid, 0);
                                haveTupleLock = true;
                                continue;  // the tuple may have changed while unlocked
                            }
                            bm.unlockBuffer(buffer);
                            boolean ended;
                            try {
                                ended = waitFor(env, waits, rel, xwait, policy);
                            } finally {
                                bm.lockBuffer(buffer, EXCLUSIVE);
                            }
                            if (!ended) return failed(TMResult.WOULD_BLOCK, tid, tid, 0);
                            t = TupleChangeCheck.tupleAt(bm, buffer, tid);
                            if (t == null) return failed(TMResult.DELETED, tid, tid, 0);
                            // xwait is done, but a third transaction may have come in meanwhile.
                            if (HeapTuples.xmaxInfomaskChanged(infomask(t), mask) || xmax(t) != xwait) continue;
                            TupleChangeCheck.updateXmaxHintBits(env, t, buffer, xwait);
                            mask = infomask(t);
                            if ((mask & HEAP_XMAX_INVALID) == 0 && !HeapTuples.xmaxIsLockedOnly(mask)) {
                                // The other transaction committed an update or delete.
                                return failed(ctid(t).equals(tid) ? TMResult.DELETED : TMResult.UPDATED, tid, ctid(t), xwait);
                            }
                        }
                    }
                    apply(env, rel, buffer, tid, t, mode);
                    return locked(env, rel, tid, t, false);
                }
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
            if (haveTupleLock) waits.unlockTuple(rel, tid, tupleLockMode);
        }
    }

    /** tupleLockExtraInfo[mode].hwlock: the heavyweight lock mode standing for a row lock mode. */
    static LockMode tupleLockMode(LockTupleMode mode) {
        return switch (mode) {
            case KEY_SHARE -> LockMode.ACCESS_SHARE;
            case SHARE -> LockMode.ROW_SHARE;
            case NO_KEY_EXCLUSIVE -> LockMode.EXCLUSIVE;
            case EXCLUSIVE -> LockMode.ACCESS_EXCLUSIVE;
        };
    }

    /** heap_acquire_tuplock: false if SKIP LOCKED and it is not free; 55P03 for NOWAIT. */
    private static boolean acquireTupleLock(HeapLockWaits waits, Relation rel, ItemPointer tid, LockMode m,
                                            LockWaitPolicy policy) {
        switch (policy) {
            case BLOCK -> {
                waits.lockTuple(rel, tid, m);
                return true;
            }
            case SKIP -> {
                return waits.conditionalLockTuple(rel, tid, m);
            }
            case ERROR -> {
                if (!waits.conditionalLockTuple(rel, tid, m)) throw LockErrors.couldNotObtainLockOnRow(rel.name());
                return true;
            }
        }
        throw new IllegalStateException();
    }

    /** XactLockTableWait, or its conditional form for SKIP LOCKED (false: still running) and NOWAIT (55P03). */
    private static boolean waitFor(HeapEnv env, HeapLockWaits waits, Relation rel, int xwait, LockWaitPolicy policy) {
        switch (policy) {
            case BLOCK -> {
                env.oracle().waitForTransaction(xwait);
                return true;
            }
            case SKIP -> {
                return waits.conditionalXactLockTableWait(xwait);
            }
            case ERROR -> {
                if (!waits.conditionalXactLockTableWait(xwait)) throw LockErrors.couldNotObtainLockOnRow(rel.name());
                return true;
            }
        }
        throw new IllegalStateException();
    }

    /** The lock mode a lock-only xmax stands for (HEAP_XMAX_IS_KEYSHR_LOCKED etc.). */
    static LockTupleMode heldMode(int infomask, int infomask2) {
        int bits = infomask & HEAP_LOCK_MASK;
        if (bits == HEAP_XMAX_SHR_LOCK) return LockTupleMode.SHARE;
        if (bits == HEAP_XMAX_KEYSHR_LOCK) return LockTupleMode.KEY_SHARE;
        return (infomask2 & HEAP_KEYS_UPDATED) != 0 ? LockTupleMode.EXCLUSIVE : LockTupleMode.NO_KEY_EXCLUSIVE;
    }

    /**
     * The critical section: xmax becomes the locker. If this transaction already held a weaker
     * lock through a (sub)transaction xid of its own, that xid stays and the mode is raised:
     * without a MultiXact to remember both, keeping the outer xid means the lock outlives a
     * subtransaction's abort (stronger than PostgreSQL, never weaker).
     */
    private static void apply(HeapEnv env, Relation rel, int buffer, ItemPointer tid, MemorySegment t, LockTupleMode mode) {
        BufferManager bm = env.buffers();
        int oldMask = infomask(t);
        int lockerXid;
        LockTupleMode newMode = mode;
        if ((oldMask & HEAP_XMAX_INVALID) == 0 && HeapTuples.xmaxIsLockedOnly(oldMask)
                && env.oracle().isCurrentTransactionId(xmax(t))) {
            lockerXid = xmax(t);
            LockTupleMode held = heldMode(oldMask, infomask2(t));
            if (held.covers(mode)) newMode = held;
        } else {
            lockerXid = env.oracle().currentTransactionId();
        }
        int mask = (oldMask & ~(HeapTuples.HEAP_XMAX_BITS | HEAP_MOVED)) | HEAP_XMAX_LOCK_ONLY | switch (newMode) {
            case KEY_SHARE -> HEAP_XMAX_KEYSHR_LOCK;
            case SHARE -> HEAP_XMAX_SHR_LOCK;
            case NO_KEY_EXCLUSIVE, EXCLUSIVE -> HEAP_XMAX_EXCL_LOCK;
        };
        int mask2 = newMode == LockTupleMode.EXCLUSIVE ? infomask2(t) | HEAP_KEYS_UPDATED : infomask2(t) & ~HEAP_KEYS_UPDATED;
        setInfomask(t, mask);
        setInfomask2(t, mask2);
        setXmax(t, lockerXid);
        // A lock-only xmax has no forward link: t_ctid points at the tuple itself.
        setCtid(t, tid);
        // a locked tuple is no longer frozen-safe: heap_lock_tuple clears ALL_FROZEN (not ALL_VISIBLE)
        boolean frozenCleared = (org.tusk.storage.page.PageHeader.flags(bm.page(buffer))
                & org.tusk.storage.page.PageHeader.PD_ALL_VISIBLE) != 0
                && VisibilityMap.clear(env, rel, tid.block(), VisibilityMap.ALL_FROZEN);
        bm.markDirty(buffer);
        if (rel.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, tid.block(), bm.page(buffer), XLogRecordBuilder.REGBUF_STANDARD);
            b.registerData(new HeapXLog.Lock(lockerXid, tid.offset(), HeapTuples.computeInfobits(mask, mask2),
                    frozenCleared ? HeapXLog.XLH_LOCK_ALL_FROZEN_CLEARED : 0).bytes());
            long lsn = env.insertWal(b, RmgrId.HEAP, HeapXLog.XLOG_HEAP_LOCK, env.oracle().currentTransactionId());
            org.tusk.storage.page.PageHeader.setLsn(bm.page(buffer), lsn);
        }
    }

    private static LockResult locked(HeapEnv env, Relation rel, ItemPointer tid, MemorySegment t, boolean traversed) {
        return new LockResult(TMResult.OK, tid, HeapSlots.values(env, rel, t), traversed, null, 0);
    }

    private static LockResult failed(TMResult r, ItemPointer tid, ItemPointer ctid, int xmax) {
        return new LockResult(r, tid, null, false, ctid, xmax);
    }

    /** The xid whose change a version's successor must carry as xmin (chain integrity check). */
    static int updaterOf(MemorySegment t) {
        return (infomask(t) & HEAP_XMAX_INVALID) != 0 ? TransactionId.INVALID : HeapTuples.updateXid(t);
    }
}
