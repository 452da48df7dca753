package org.tusk.access.table;

import org.tusk.storage.page.ItemPointer;

/**
 * A row as read (TupleTableSlot holding a heap tuple): its values, one per attribute, and where
 * the version lives ({@code tid}, t_self), which UPDATE and DELETE use to address it. A slot
 * read from a heap page also carries the header fields the system columns show (heap_getsysattr):
 * {@code xmin} (HeapTupleHeaderGetXmin: FrozenTransactionId for a frozen tuple), {@code xmax}
 * (the raw t_xmax) and {@code cid} (the raw t_cid, which cmin and cmax both show); 0 where the
 * slot was not read from a page.
 */
public record TupleSlot(ItemPointer tid, Object[] values, int xmin, int xmax, int cid) {
    public TupleSlot(ItemPointer tid, Object[] values) {
        this(tid, values, 0, 0, 0);
    }
}
