package org.tusk.access.table;

import org.tusk.storage.page.ItemPointer;

/**
 * A row as read (TupleTableSlot holding a heap tuple): its values, one per attribute, and where
 * the version lives ({@code tid}, t_self), which UPDATE and DELETE use to address it.
 */
public record TupleSlot(ItemPointer tid, Object[] values) {}
