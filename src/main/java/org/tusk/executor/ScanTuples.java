package org.tusk.executor;

import java.util.Arrays;

import org.tusk.access.table.TupleSlot;
import org.tusk.storage.page.ItemPointer;

/**
 * The scan tuple of a table: one element per attribute, then the version's TID (PostgreSQL's
 * ctid system column, which ModifyTable reads as its junk column to address the row). Vars index
 * attributes only, so the extra element is invisible to expressions.
 */
final class ScanTuples {
    private ScanTuples() {}

    static Object[] of(TupleSlot slot, int natts) {
        Object[] values = slot.values();
        Object[] t = Arrays.copyOf(values, natts + 1);
        t[natts] = slot.tid();
        return t;
    }

    static ItemPointer tid(Object[] tuple, int natts) {
        return (ItemPointer) tuple[natts];
    }

    /** The attribute values only, as the table access method takes them. */
    static Object[] values(Object[] tuple, int natts) {
        return Arrays.copyOf(tuple, natts);
    }
}
