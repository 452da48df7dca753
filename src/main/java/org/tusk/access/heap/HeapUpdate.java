package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TMResult;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.Alignment;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.Objects;

import static org.tusk.access.common.HeapTupleHeader.*;
import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * heap_update (heapam.c): a new version of the row, the old one's xmax set and its t_ctid
 * pointing at the new one. The update is HOT (heap-only tuple) when no indexed column changed and
 * the new version fits on the old one's page: the old version gets HEAP_HOT_UPDATED, the new one
 * HEAP_ONLY_TUPLE, and no index entry is made, since index scans reach the new version by
 * following the chain from its root. Logged as XLOG_HEAP_HOT_UPDATE or XLOG_HEAP_UPDATE.
 *
 * <p>When the new version needs another page, the old page is unlocked while that page is found
 * (possibly extending the relation), then both are locked in block order. PostgreSQL keeps other
 * updaters away meanwhile by marking the old tuple locked (an XLOG_HEAP_LOCK record); Tusk instead
 * looks at the old tuple's xmax again once both pages are locked and starts over if anyone
 * changed it, which leads to the same outcome without a lock record.
 */
final class HeapUpdate {
    private HeapUpdate() {}

    static ModifyResult update(HeapEnv env, Relation rel, ItemPointer otid, Object[] values, int cid, boolean wait,
                               BitSet indexedAttrs) {
        BufferManager bm = env.buffers();
        int xid = env.oracle().currentTransactionId();
        try (Arena arena = Arena.ofConfined()) {
            HeapToast.Toasted toasted = HeapToast.formToasted(env.toast(), rel, values, oldExternal(env, rel, otid), cid, arena);
            MemorySegment newtup = toasted.tuple();
            int newLen = (int) newtup.byteSize();
            int buffer = env.readBuffer(rel, otid.block(), null);
            bm.lockBuffer(buffer, EXCLUSIVE);
            while (true) {
                TMResult r = TupleChangeCheck.check(env, buffer, otid, cid, wait);
                if (r != TMResult.OK) {
                    ModifyResult failed = TupleChangeCheck.failure(bm, buffer, otid, r);
                    env.unlockRelease(buffer);
                    abandon(env, toasted, cid);
                    return failed;
                }
                MemorySegment old = TupleChangeCheck.tupleAt(bm, buffer, otid);
                boolean indexedChanged = indexedColumnsChanged(env, rel, old, values, indexedAttrs);
                int newbuf = buffer;
                if (Alignment.maxAlign(newLen) > Page.heapFreeSpace(bm.page(buffer))) {
                    int savedXmax = xmax(old);
                    int savedMask = infomask(old);
                    bm.unlockBuffer(buffer);
                    newbuf = HeapHio.getBufferForTuple(env, rel, newLen, buffer, null);
                    old = TupleChangeCheck.tupleAt(bm, buffer, otid);
                    if (old == null || xmax(old) != savedXmax || HeapTuples.xmaxInfomaskChanged(infomask(old), savedMask)) {
                        // Changed while unlocked: give the new page back and decide again.
                        if (newbuf != buffer) env.unlockRelease(newbuf);
                        continue;
                    }
                }
                ItemPointer newTid = apply(env, rel, buffer, newbuf, otid, old, newtup, xid, cid, indexedChanged);
                boolean hot = newbuf == buffer && !indexedChanged;
                if (newbuf != buffer) env.unlockRelease(newbuf);
                env.unlockRelease(buffer);
                // toast_tuple_cleanup: the old values the new version no longer points at
                ToastDeletion.deleteValues(env, toasted.deleteOld(), cid);
                return new ModifyResult(TMResult.OK, newTid, !hot, null, 0);
            }
        }
    }

    /**
     * The TOAST pointers of the version at {@code otid} (toast_tuple_init's old values), read under
     * a short share lock before the new version is toasted; a tuple's data never changes in place,
     * and the caller's snapshot keeps the version from being pruned meanwhile. Null for a
     * relation that is not toasted or a slot that holds no tuple (the change check reports that).
     */
    private static org.tusk.access.common.ToastPointer[] oldExternal(HeapEnv env, Relation rel, ItemPointer otid) {
        if (rel.relkind() != 'r' && rel.relkind() != 'm' || rel.toastRelid() == 0) return null;
        BufferManager bm = env.buffers();
        int buffer = env.readBuffer(rel, otid.block(), null);
        try {
            bm.lockBuffer(buffer, org.tusk.storage.buffer.BufferManager.LockMode.SHARE);
            try {
                MemorySegment old = TupleChangeCheck.tupleAt(bm, buffer, otid);
                return old == null ? null : HeapTupleDeform.externalPointers(rel.desc(), old);
            } finally {
                bm.unlockBuffer(buffer);
            }
        } finally {
            bm.releaseBuffer(buffer);
        }
    }

    /**
     * The row could not be updated after all (changed or deleted concurrently, or invisible): the
     * values this attempt saved out of line are referenced by nothing, so delete them again. They
     * were inserted by this very command, which HeapTupleSatisfiesUpdate would not let it delete
     * (cmin not before curcid); they are deleted as by the next command id instead, which only
     * SnapshotToast and VACUUM ever look at, and neither reads cmax.
     */
    private static void abandon(HeapEnv env, HeapToast.Toasted toasted, int cid) {
        ToastDeletion.deleteValues(env, toasted.saved(), cid + 1);
    }

    /**
     * Which of the indexed columns differ (heap_attr_equals compares datums; here the deformed
     * values). PostgreSQL separately tracks the key columns a foreign key may reference for
     * HEAP_KEYS_UPDATED; without that catalog knowledge any indexed column counts as a key, which
     * only makes key-share lockers (not yet existing) wait more.
     */
    private static boolean indexedColumnsChanged(HeapEnv env, Relation rel, MemorySegment old, Object[] values, BitSet indexedAttrs) {
        if (indexedAttrs == null || indexedAttrs.isEmpty()) return false;
        Object[] oldValues = HeapTupleDeform.deform(rel.desc(), old, env.toast().fetcher());
        for (int attnum = indexedAttrs.nextSetBit(1); attnum >= 0; attnum = indexedAttrs.nextSetBit(attnum + 1)) {
            if (attnum > values.length) break;
            if (!Objects.deepEquals(oldValues[attnum - 1], values[attnum - 1])) return true;
        }
        return false;
    }

    /** The critical section of heap_update: both pages locked, room checked. */
    private static ItemPointer apply(HeapEnv env, Relation rel, int buffer, int newbuf, ItemPointer otid, MemorySegment old,
                                     MemorySegment newtup, int xid, int cid, boolean indexedChanged) {
        BufferManager bm = env.buffers();
        MemorySegment page = bm.page(buffer);
        MemorySegment newPage = bm.page(newbuf);
        boolean hot = newbuf == buffer && !indexedChanged;
        int[] cmax = TupleChangeCheck.adjustCmax(env, old, cid);

        // The new version: ours, never deleted, HEAP_UPDATED (it has a predecessor). When the only
        // locker of the old version is this transaction (SELECT FOR UPDATE, ON CONFLICT DO UPDATE's
        // lock), heap_update keeps that lock on the new version (checked_lockers with
        // locker_remains): its xmax is the locker, as a key-share lock, the only mode an update
        // leaves for the new version.
        int lockerXid = ownLocker(env, old);
        int newMask = lockerXid != 0 ? HEAP_XMAX_KEYSHR_LOCK | HEAP_XMAX_LOCK_ONLY : HEAP_XMAX_INVALID;
        setInfomask(newtup, (infomask(newtup) & ~HEAP_XACT_MASK) | HEAP_UPDATED | newMask);
        setInfomask2(newtup, infomask2(newtup) & ~HEAP2_XACT_MASK);
        setXmin(newtup, xid);
        setCmin(newtup, cid);
        setXmax(newtup, lockerXid);
        if (newbuf != buffer) PageHeader.setFlag(page, PageHeader.PD_PAGE_FULL);  // hint: worth pruning

        TupleChangeCheck.pageSetPrunable(page, xid);
        int vmFlags = (VisibilityMap.clearForChange(env, rel, buffer) ? HeapXLog.XLH_UPDATE_OLD_ALL_VISIBLE_CLEARED : 0)
                | (newbuf != buffer && VisibilityMap.clearForChange(env, rel, newbuf) ? HeapXLog.XLH_UPDATE_NEW_ALL_VISIBLE_CLEARED : 0);
        HeapTuples.setFlag2(old, HEAP_HOT_UPDATED, hot);
        HeapTuples.setFlag2(newtup, HEAP_ONLY_TUPLE, hot);
        ItemPointer newTid = HeapHio.putHeapTuple(bm, newbuf, newtup);
        setInfomask(old, infomask(old) & ~(HeapTuples.HEAP_XMAX_BITS | HEAP_MOVED));
        setInfomask2(old, indexedChanged ? infomask2(old) | HEAP_KEYS_UPDATED : infomask2(old) & ~HEAP_KEYS_UPDATED);
        setXmax(old, xid);
        HeapTuples.setCmax(old, cmax[0], cmax[1] != 0);
        setCtid(old, newTid);
        if (newbuf != buffer) bm.markDirty(newbuf);
        bm.markDirty(buffer);
        if (rel.needsWal()) {
            long lsn = logUpdate(env, rel, buffer, newbuf, otid, old, Page.item(newPage, newTid.offset()), newTid, xid, hot, vmFlags);
            if (newbuf != buffer) PageHeader.setLsn(newPage, lsn);
            PageHeader.setLsn(page, lsn);
        }
        return newTid;
    }

    /**
     * The xid of this transaction (or one of its subtransactions) if it holds the only lock on
     * {@code old} (a locked-only xmax; Tusk makes no MultiXacts), else 0. Other transactions'
     * locks are gone by now: the change check waited for them.
     */
    private static int ownLocker(HeapEnv env, MemorySegment old) {
        int mask = infomask(old);
        if ((mask & HEAP_XMAX_INVALID) != 0 || !HeapTuples.xmaxIsLockedOnly(mask)) return 0;
        return env.oracle().isCurrentTransactionId(xmax(old)) ? xmax(old) : 0;
    }

    /**
     * log_heap_update: block 0 is the new page, block 1 the old page when it differs. The tuple is
     * logged whole: PostgreSQL's prefix/suffix compression against the old version (same page, no
     * full-page image) is not done, which the format allows (the flags say so).
     */
    private static long logUpdate(HeapEnv env, Relation rel, int buffer, int newbuf, ItemPointer otid, MemorySegment old,
                                  MemorySegment stored, ItemPointer newTid, int xid, boolean hot,
                                  int vmFlags) {
        BufferManager bm = env.buffers();
        MemorySegment newPage = bm.page(newbuf);
        int info = hot ? HeapXLog.XLOG_HEAP_HOT_UPDATE : HeapXLog.XLOG_HEAP_UPDATE;
        int bufflags = XLogRecordBuilder.REGBUF_STANDARD;
        if (Page.maxOffsetNumber(newPage) == Page.FIRST_OFFSET_NUMBER && newTid.offset() == Page.FIRST_OFFSET_NUMBER) {
            info |= HeapXLog.XLOG_HEAP_INIT_PAGE;
            bufflags |= XLogRecordBuilder.REGBUF_WILL_INIT;
        }
        XLogRecordBuilder b = new XLogRecordBuilder();
        b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, newTid.block(), newPage, bufflags);
        if (newbuf != buffer) {
            b.registerBuffer(1, rel.locator(), ForkNumber.MAIN, otid.block(), bm.page(buffer), XLogRecordBuilder.REGBUF_STANDARD);
        }
        b.registerData(new HeapXLog.Update(xmax(old), otid.offset(), HeapTuples.computeInfobits(infomask(old), infomask2(old)),
                vmFlags, xmax(stored), newTid.offset()).bytes());
        HeapInsert.registerTupleData(b, 0, stored);
        return env.insertWal(b, RmgrId.HEAP, info, xid);
    }
}
