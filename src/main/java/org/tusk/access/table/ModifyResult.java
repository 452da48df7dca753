package org.tusk.access.table;

import org.tusk.storage.page.ItemPointer;

/**
 * The outcome of {@link TableAm#delete} or {@link TableAm#update} (TM_Result plus TM_FailureData).
 *
 * @param newTid        for a successful update, the new version's TID
 * @param updateIndexes for a successful update, whether index entries must be made (not HOT)
 * @param ctid          on UPDATED, where the newer version is (t_ctid), for EvalPlanQual
 * @param xmax          on failure, the xid that changed the row
 */
public record ModifyResult(TMResult result, ItemPointer newTid, boolean updateIndexes, ItemPointer ctid, int xmax) {
    public static ModifyResult ok() {
        return new ModifyResult(TMResult.OK, null, false, null, 0);
    }

    public boolean isOk() {
        return result == TMResult.OK;
    }
}
