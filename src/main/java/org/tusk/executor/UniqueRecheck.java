package org.tusk.executor;

import org.tusk.access.index.UniqueCheck;
import org.tusk.catalog.ConstraintInfo;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * The recheck of one index entry of a DEFERRABLE unique or primary key constraint whose
 * insertion found a possible duplicate (commands/constraint.c's unique_key_recheck, fired as
 * the constraint's AFTER ROW trigger at the end of the statement, or at commit when the
 * constraint is deferred).
 *
 * <p>If the row the entry points to is dead by then (deleted, or updated away by this
 * transaction; the HOT chain from the entry's TID is followed, as SnapshotSelf's fetch does),
 * nothing needs checking. Otherwise the index is searched again for the key with
 * {@link UniqueCheck#EXISTING}: another live row with an equal key is a 23505 error, reported
 * with the constraint's index name as at insertion.
 *
 * @param constraint the constraint the index backs (its OID and deferrability)
 * @param indexOid   the unique index
 * @param heapOid    its table
 * @param keys       the entry's key values
 * @param tid        the heap TID the entry points to
 */
record UniqueRecheck(ConstraintInfo constraint, int indexOid, int heapOid, Object[] keys, ItemPointer tid)
        implements KeyRecheck {
    @Override
    public void check(ExecEnvironment env, ExecContext ctx, Relation heap, Relation index) {
        env.indexAm().insert(index, keys, tid, heap, env.tableAm(), UniqueCheck.EXISTING);
    }
}
