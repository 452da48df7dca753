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
 * buffer's content lock (or only its pin, for a scan's visible tuples). Values stored out of line are
 * read back from the TOAST relation here (toast_fetch_datum), so no TOAST pointer ever leaves
 * the heap access method; the value objects are remembered with their pointers
 * ({@link DetoastedOrigins}) so that an UPDATE handing one back unchanged keeps the pointer.
 * Fetching may happen under the main page's share lock: TOAST pages are only ever locked after a
 * main-table page, never before one, so this cannot deadlock.
 */
final class HeapSlots {
    /** FrozenTransactionId. */
    private static final int FROZEN_TRANSACTION_ID = 2;

    private HeapSlots() {}

    static TupleSlot of(HeapEnv env, Relation rel, ItemPointer tid, MemorySegment t) {
        return new TupleSlot(tid, values(env, rel, t), xminOf(t), HeapTupleHeader.xmax(t), HeapTupleHeader.rawCommandId(t));
    }

    /** heap_deform_tuple with every value detoasted, the origins of toasted ones remembered. */
    static Object[] values(HeapEnv env, Relation rel, MemorySegment t) {
        return HeapTupleDeform.deform(rel.desc(), t, env.toast().fetcher());
    }

    private static int xminOf(MemorySegment t) {
        boolean frozen = (HeapTupleHeader.infomask(t) & HeapTupleHeader.HEAP_XMIN_FROZEN) == HeapTupleHeader.HEAP_XMIN_FROZEN;
        return frozen ? FROZEN_TRANSACTION_ID : HeapTupleHeader.xmin(t);
    }
}
