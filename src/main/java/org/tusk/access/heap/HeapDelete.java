package org.tusk.access.heap;

import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TMResult;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.common.HeapTupleHeader.*;
import static org.tusk.storage.buffer.BufferManager.LockMode.EXCLUSIVE;

/**
 * heap_delete (heapam.c): marks the tuple deleted by this transaction and command (xmax, cmax,
 * HEAP_KEYS_UPDATED), WAL-logged as XLOG_HEAP_DELETE. The tuple stays on the page until pruning
 * finds it dead to everyone. Then, as heap_toast_delete, the row's values stored out of line are
 * deleted from the TOAST relation by the same transaction and command, after the page is
 * unlocked: a reader whose snapshot still sees the row can still read them (SnapshotToast), and
 * if the transaction aborts both deletions are undone together.
 */
final class HeapDelete {
    private HeapDelete() {}

    static ModifyResult delete(HeapEnv env, Relation rel, ItemPointer tid, int cid, boolean wait) {
        BufferManager bm = env.buffers();
        int xid = env.oracle().currentTransactionId();
        int buffer = env.readBuffer(rel, tid.block(), null);
        bm.lockBuffer(buffer, EXCLUSIVE);
        TMResult r = TupleChangeCheck.check(env, buffer, tid, cid, wait);
        if (r != TMResult.OK) {
            ModifyResult failed = TupleChangeCheck.failure(bm, buffer, tid, r);
            env.unlockRelease(buffer);
            return failed;
        }
        MemorySegment page = bm.page(buffer);
        MemorySegment t = TupleChangeCheck.tupleAt(bm, buffer, tid);
        int[] cmax = TupleChangeCheck.adjustCmax(env, t, cid);

        // heap_toast_delete's input, read before the critical section (reading can fail on a corrupt tuple)
        org.tusk.access.common.ToastPointer[] external = (rel.relkind() == 'r' || rel.relkind() == 'm')
                ? org.tusk.access.common.HeapTupleDeform.externalPointers(rel.desc(), t) : null;

        // critical section
        TupleChangeCheck.pageSetPrunable(page, xid);
        boolean allVisibleCleared = VisibilityMap.clearForChange(env, rel, buffer);
        setInfomask(t, infomask(t) & ~(HeapTuples.HEAP_XMAX_BITS | HEAP_MOVED));
        // compute_new_xmax_infomask for a plain delete: the key columns go away too.
        setInfomask2(t, (infomask2(t) & ~HEAP_HOT_UPDATED) | HEAP_KEYS_UPDATED);
        setXmax(t, xid);
        HeapTuples.setCmax(t, cmax[0], cmax[1] != 0);
        setCtid(t, tid);  // no forward link: deleted, not updated
        bm.markDirty(buffer);
        if (rel.needsWal()) {
            XLogRecordBuilder b = new XLogRecordBuilder();
            b.registerData(new HeapXLog.Delete(xid, tid.offset(),
                    HeapTuples.computeInfobits(infomask(t), infomask2(t)),
                    allVisibleCleared ? HeapXLog.XLH_DELETE_ALL_VISIBLE_CLEARED : 0).bytes());
            b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, tid.block(), page, XLogRecordBuilder.REGBUF_STANDARD);
            PageHeader.setLsn(page, env.insertWal(b, RmgrId.HEAP, HeapXLog.XLOG_HEAP_DELETE, xid));
        }
        env.unlockRelease(buffer);
        if (external != null) ToastDeletion.deleteValues(env, java.util.Arrays.asList(external), cid);
        return ModifyResult.ok();
    }
}
