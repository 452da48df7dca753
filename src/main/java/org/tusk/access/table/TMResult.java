package org.tusk.access.table;

/** TM_Result (tableam.h): the outcome of a delete, update or row lock. */
public enum TMResult {
    /** Done. */
    OK,
    /** The row is not visible to the snapshot (should not happen for a row the caller just read). */
    INVISIBLE,
    /** Already changed by the current transaction, at this or a later command. */
    SELF_MODIFIED,
    /** Updated by a transaction that committed after the snapshot: the caller re-checks or fails (40001). */
    UPDATED,
    /** Deleted by a transaction that committed after the snapshot. */
    DELETED,
    /** Being changed by a transaction still running (only when not waiting). */
    BEING_MODIFIED,
    /** Would have to wait, and the caller said not to (NOWAIT / SKIP LOCKED). */
    WOULD_BLOCK
}
