package org.tusk.access.table;

import org.tusk.storage.page.ItemPointer;

/**
 * The outcome of {@link TableAm#lockTuple} (TM_Result plus the locked slot and TM_FailureData).
 *
 * @param result    OK: the version at {@code tid} is locked and {@code values} are its columns;
 *                  WOULD_BLOCK: SKIP LOCKED met a conflicting lock; UPDATED/DELETED: a
 *                  committed transaction changed the row (with followUpdates, only DELETED: the
 *                  chain was followed); SELF_MODIFIED: this transaction changed it in a later
 *                  command; INVISIBLE
 * @param tid       the version locked (or, on failure, the one asked for)
 * @param values    on OK, the locked version's column values
 * @param traversed on OK, whether the update chain was followed to a newer version than the
 *                  one asked for (the caller must then recheck its quals, EvalPlanQual)
 * @param ctid      on UPDATED, where the newer version is
 * @param xmax      on UPDATED/DELETED, the transaction that changed the row
 */
public record LockResult(TMResult result, ItemPointer tid, Object[] values, boolean traversed, ItemPointer ctid,
                         int xmax) {
    public boolean isOk() {
        return result == TMResult.OK;
    }
}
