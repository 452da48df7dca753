package org.tusk.access.heap;

import org.tusk.access.common.HeapTupleForm;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.page.ItemPointer;
import org.tusk.storage.page.Page;
import org.tusk.storage.page.PageHeader;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.utils.cache.Relation;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** heap_insert (heapam.c): one new tuple, WAL-logged as XLOG_HEAP_INSERT. */
final class HeapInsert {
    private HeapInsert() {}

    static ItemPointer insert(HeapEnv env, Relation rel, Object[] values, int cid) {
        BufferManager bm = env.buffers();
        int xid = env.oracle().currentTransactionId();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tup = HeapToast.formToasted(env.toast(), rel, values, null, cid, arena).tuple();
            // heap_prepare_insert: visibility bits cleared, xmin/cmin ours, xmax invalid.
            HeapTupleHeader.prepareForInsert(tup, xid, cid, ItemPointer.INVALID);
            int buffer = HeapHio.getBufferForTuple(env, rel, (int) tup.byteSize(), 0, null);
            // critical section: change the page, mark it dirty, log, stamp the LSN
            ItemPointer tid = HeapHio.putHeapTuple(bm, buffer, tup);
            boolean allVisibleCleared = VisibilityMap.clearForChange(env, rel, buffer);
            bm.markDirty(buffer);
            if (rel.needsWal()) {
                MemorySegment page = bm.page(buffer);
                MemorySegment stored = Page.item(page, tid.offset());
                int info = HeapXLog.XLOG_HEAP_INSERT;
                int bufflags = XLogRecordBuilder.REGBUF_STANDARD;
                if (tid.offset() == Page.FIRST_OFFSET_NUMBER && Page.maxOffsetNumber(page) == Page.FIRST_OFFSET_NUMBER) {
                    info |= HeapXLog.XLOG_HEAP_INIT_PAGE;
                    bufflags |= XLogRecordBuilder.REGBUF_WILL_INIT;
                }
                XLogRecordBuilder b = new XLogRecordBuilder();
                b.registerData(new HeapXLog.Insert(tid.offset(), allVisibleCleared ? HeapXLog.XLH_INSERT_ALL_VISIBLE_CLEARED : 0).bytes());
                b.registerBuffer(0, rel.locator(), ForkNumber.MAIN, tid.block(), page, bufflags);
                registerTupleData(b, 0, stored);
                PageHeader.setLsn(page, env.insertWal(b, RmgrId.HEAP, info, xid));
            }
            env.unlockRelease(buffer);
            return tid;
        }
    }

    /** xl_heap_header, then the tuple from its null bitmap on (the part redo cannot rebuild). */
    static void registerTupleData(XLogRecordBuilder b, int blockId, MemorySegment tup) {
        b.registerBufData(blockId, HeapXLog.heapHeader(HeapTupleHeader.infomask2(tup), HeapTupleHeader.infomask(tup),
                HeapTupleHeader.hoff(tup)));
        b.registerBufData(blockId, tup.asSlice(HeapTupleHeader.SIZE).toArray(JAVA_BYTE));
    }
}
