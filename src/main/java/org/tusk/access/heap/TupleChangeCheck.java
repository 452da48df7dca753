package org.tusk.access.heap;

import org.tusk.access.table.TMResult;
import org.tusk.access.transam.TransactionId;
import org.tusk.access.transam.TransactionOracle;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemId;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;
import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * The first half of heap_delete and heap_update: may this command change the tuple, and if
 * another transaction is changing it, wait for that one to end and look again.
 *
 * <p>The buffer is pinned and exclusively locked on entry and on return. Waiting releases the
 * content lock (never sleep holding an LWLock) but keeps the pin, which keeps pruning from moving
 * the tuple. After the wait the tuple is looked at again: if its xmax changed meanwhile (a third
 * transaction got there first) the check starts over. PostgreSQL also takes a heavyweight tuple
 * lock here so that waiters are served in order; without the lock manager that fairness is
 * missing, the result is the same.
 */
final class TupleChangeCheck {
    private TupleChangeCheck() {}

    /** The tuple at {@code tid} on the locked page, or null if its line pointer is no longer normal. */
    static MemorySegment tupleAt(BufferManager bm, int buffer, ItemPointer tid) {
        MemorySegment page = bm.page(buffer);
        if (tid.offset() < Page.FIRST_OFFSET_NUMBER || tid.offset() > Page.maxOffsetNumber(page)) return null;
        int lp = ItemId.get(page, tid.offset());
        return ItemId.isNormal(lp) ? Page.item(page, tid.offset()) : null;
    }

    /**
     * HeapTupleSatisfiesUpdate, then with {@code wait} the BEING_MODIFIED handling. A line pointer
     * that is no longer normal was pruned away: the row is gone (DELETED), as newer PostgreSQL
     * versions report it.
     */
    static TMResult check(HeapEnv env, int buffer, ItemPointer tid, int cid, boolean wait) {
        BufferManager bm = env.buffers();
        TransactionOracle oracle = env.oracle();
        while (true) {
            MemorySegment t = tupleAt(bm, buffer, tid);
            if (t == null) return TMResult.DELETED;
            TMResult r = env.visibility().satisfiesUpdate(t, tid, cid, buffer);
            if (r != TMResult.BEING_MODIFIED || !wait) return r;
            HeapTuples.checkNotMulti(t);
            int xwait = xmax(t);
            int mask = infomask(t);
            if (!oracle.isCurrentTransactionId(xwait)) {
                bm.unlockBuffer(buffer);
                oracle.waitForTransaction(xwait);
                bm.lockBuffer(buffer, EXCLUSIVE);
                t = tupleAt(bm, buffer, tid);
                if (t == null) return TMResult.DELETED;
                // xwait is done, but someone else may have changed the tuple before we relocked.
                if (HeapTuples.xmaxInfomaskChanged(infomask(t), mask) || xmax(t) != xwait) continue;
                updateXmaxHintBits(env, t, buffer, xwait);
            }
            mask = infomask(t);
            // We may overwrite if the previous xmax aborted, or only locked the tuple.
            if ((mask & HEAP_XMAX_INVALID) != 0 || HeapTuples.xmaxIsLockedOnly(mask)) return TMResult.OK;
            return ctid(t).equals(tid) ? TMResult.DELETED : TMResult.UPDATED;
        }
    }

    /** UpdateXmaxHintBits: after waiting for xmax, record how it ended. */
    static void updateXmaxHintBits(HeapEnv env, MemorySegment t, int buffer, int xid) {
        int mask = infomask(t);
        if ((mask & (HEAP_XMAX_COMMITTED | HEAP_XMAX_INVALID)) != 0) return;
        if (!HeapTuples.xmaxIsLockedOnly(mask) && env.oracle().didCommit(xid)) {
            env.visibility().setHintBits(t, buffer, HEAP_XMAX_COMMITTED, xid);
        } else {
            env.visibility().setHintBits(t, buffer, HEAP_XMAX_INVALID, TransactionId.INVALID);
        }
    }

    /**
     * HeapTupleHeaderAdjustCmax: the cid to store as cmax. If this transaction also inserted the
     * tuple, its cmin must survive too, so a combo id replaces both.
     *
     * @return {@code {cid, isCombo ? 1 : 0}}
     */
    static int[] adjustCmax(HeapEnv env, MemorySegment t, int cid) {
        if (!HeapTuples.xminCommitted(t) && env.oracle().isCurrentTransactionId(xmin(t))) {
            int cmin = env.visibility().cmin(t);
            return new int[] {env.comboCids().comboCommandId(cmin, cid), 1};
        }
        return new int[] {cid, 0};
    }

    /** PageSetPrunable: the oldest xid that may have left something prunable on the page. */
    static void pageSetPrunable(MemorySegment page, int xid) {
        int prune = org.tusk.storage.page.PageHeader.pruneXid(page);
        if (!TransactionId.isValid(prune) || TransactionId.precedes(xid, prune)) {
            org.tusk.storage.page.PageHeader.setPruneXid(page, xid);
        }
    }

    /** The failure data of a delete or update that did not happen (TM_FailureData). */
    static org.tusk.access.table.ModifyResult failure(BufferManager bm, int buffer, ItemPointer tid, TMResult r) {
        MemorySegment t = tupleAt(bm, buffer, tid);
        ItemPointer ctid = t != null ? ctid(t) : tid;
        int xmax = t != null && (infomask(t) & HEAP_XMAX_INVALID) == 0 ? HeapTuples.updateXid(t) : TransactionId.INVALID;
        return new org.tusk.access.table.ModifyResult(r, null, false, ctid, xmax);
    }
}
