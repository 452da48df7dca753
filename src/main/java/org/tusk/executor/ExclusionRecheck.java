package org.tusk.executor;

import org.tusk.catalog.ConstraintInfo;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * The recheck of one new row of a DEFERRABLE exclusion constraint whose insertion found a
 * possible conflict (commands/constraint.c's unique_key_recheck for an exclusion index, which
 * calls check_exclusion_constraint; fired at the end of the statement, or at commit when the
 * constraint is deferred). If the row is dead by then nothing needs checking; otherwise the
 * index is searched again, waiting for in-progress conflicting rows, and a live conflicting row
 * is a 23P01 error.
 *
 * @param constraint the EXCLUDE constraint (its OID and deferrability)
 * @param indexOid   its index
 * @param heapOid    its table
 * @param keys       the row's key values
 * @param tid        the row's heap TID
 */
record ExclusionRecheck(ConstraintInfo constraint, int indexOid, int heapOid, Object[] keys, ItemPointer tid)
        implements KeyRecheck {
    @Override
    public void check(ExecEnvironment env, ExecContext ctx, Relation heap, Relation index) {
        ExclusionCheck.check(env, ctx, heap, index, keys, tid, true);
    }
}
