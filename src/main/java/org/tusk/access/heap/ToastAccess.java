package org.tusk.access.heap;

import org.tusk.access.index.IndexAm;
import org.tusk.utils.cache.Relation;

/**
 * What the heap's TOAST code needs from outside the heap access method, as PostgreSQL's
 * toast_internals.c reaches it through table_open, toast_open_indexes, index_insert and
 * GetNewOidWithIndex: the relcache, the TOAST relation's index, the index access method and the
 * OID counter. The session wires it in once its relcache exists
 * ({@link HeapAm#setToastAccess}); without it no value is moved out of line and reading an
 * external value fails as a missing TOAST relation would.
 */
public interface ToastAccess {
    /** The relcache entry of relation {@code oid} (the TOAST relation a table's reltoastrelid names). */
    Relation relation(int oid);

    /**
     * toast_get_valid_index: the valid unique index on (chunk_id, chunk_seq) of {@code toastRel},
     * the one chunks are looked up through.
     */
    Relation toastIndex(Relation toastRel);

    /**
     * toast_open_indexes' indexes that toast_save_datum inserts into: every index of
     * {@code toastRel} marked ready (REINDEX CONCURRENTLY builds a second one beside the valid
     * one, which must get the new chunks too).
     */
    java.util.List<Relation> readyToastIndexes(Relation toastRel);

    /** The session's index access method (the B-tree). */
    IndexAm indexAm();

    /** GetNewObjectId: the next value of the shared OID counter. */
    int newOid();
}
