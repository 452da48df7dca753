package org.tusk.executor;

import org.tusk.catalog.ConstraintInfo;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * A deferred check of one index entry of a DEFERRABLE unique or exclusion constraint
 * ({@link UniqueRecheck}, {@link ExclusionRecheck}), queued at insertion and fired at the end of
 * the statement or, when the constraint is deferred then, saved for commit.
 */
sealed interface KeyRecheck extends DeferredTriggers.Event permits UniqueRecheck, ExclusionRecheck {
    /** The constraint whose deferrability decides when the check runs. */
    ConstraintInfo constraint();

    int indexOid();

    int heapOid();

    /** The heap TID the checked entry points to. */
    ItemPointer tid();

    /** The search of {@code index} again, for a row of {@code heap} still live at the time of the check. */
    void check(ExecEnvironment env, ExecContext ctx, Relation heap, Relation index);

    default int constraintOid() {
        return constraint().oid();
    }

    /**
     * unique_key_recheck's common part: nothing to check if the table or index was dropped since,
     * or the row is dead by now (the HOT chain from its TID followed, as SnapshotSelf's fetch does).
     */
    default void fire(ExecContext ctx) {
        ExecEnvironment env = ctx.requireEnv();
        Relation heap = env.catalog().openRelation(heapOid());
        Relation index = env.catalog().openRelation(indexOid());
        if (heap == null || index == null) return;   // dropped since: nothing left to check
        if (!env.tableAm().checkDirty(heap, tid()).live()) return;
        try {
            check(env, ctx, heap, index);
        } catch (org.tusk.utils.error.PgException e) {
            // BuildIndexValueDescription, as at insertion: the key only to who may read its columns
            if (("23505".equals(e.sqlState()) || "23P01".equals(e.sqlState())) && e.detail() != null
                    && !ExecPermissions.maySeeIndexKey(heap, index, env)) throw e.withDetail(null);
            throw e;
        }
    }
}
