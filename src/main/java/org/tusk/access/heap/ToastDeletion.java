package org.tusk.access.heap;

import org.tusk.access.common.ToastPointer;

import java.util.List;

/**
 * heap_toast_delete and toast_tuple_cleanup's deletion of old values: removes the values a row no
 * longer points at from its TOAST relation. Called with no buffer locked, after the change of the
 * main-table tuple that dropped the pointers.
 */
final class ToastDeletion {
    private ToastDeletion() {}

    /** toast_delete_datum for each non-null pointer, by command {@code cid}. */
    static void deleteValues(HeapEnv env, List<ToastPointer> pointers, int cid) {
        ToastInternals internals = env.toast().internals();
        for (ToastPointer p : pointers) {
            if (p == null) continue;
            if (internals == null) {
                throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.INTERNAL_ERROR,
                        "cannot delete toast value " + Integer.toUnsignedString(p.valueId()) + ": no TOAST access in this process");
            }
            internals.delete(p, cid);
        }
    }
}
