package org.tusk.access.heap;

import java.lang.foreign.MemorySegment;

import org.tusk.access.common.HeapTupleDeform;
import org.tusk.access.common.HeapTupleHeader;
import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * ExecStoreBufferHeapTuple for Tusk's slots: the deformed values of a tuple on a page, with the
 * header fields its system columns read (heap_getsysattr), taken while the caller holds the
 * buffer's content lock.
 */
final class HeapSlots {
    /** FrozenTransactionId. */
    private static final int FROZEN_TRANSACTION_ID = 2;

    private HeapSlots() {}

    static TupleSlot of(Relation rel, ItemPointer tid, MemorySegment t) {
        boolean frozen = (HeapTupleHeader.infomask(t) & HeapTupleHeader.HEAP_XMIN_FROZEN) == HeapTupleHeader.HEAP_XMIN_FROZEN;
        return new TupleSlot(tid, HeapTupleDeform.deform(rel.desc(), t),
                frozen ? FROZEN_TRANSACTION_ID : HeapTupleHeader.xmin(t), HeapTupleHeader.xmax(t),
                HeapTupleHeader.rawCommandId(t));
    }
}
