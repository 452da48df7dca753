package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.DirtyCheck;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * ExecCheckIndexConstraints / check_exclusion_or_unique_constraint (execIndexing.c) for ON
 * CONFLICT: probes each arbiter index for an entry whose key equals the proposed row's and whose
 * row is live under a dirty snapshot (committed, or being inserted or deleted by a transaction
 * still in progress). An in-progress one is waited for (XactLockTableWait) and the probe starts
 * over, so the answer is about settled rows; a key with a null conflicts only in a NULLS NOT
 * DISTINCT index, where it is searched for as IS NULL (SK_SEARCHNULL). An exclusion
 * index is probed the same way: Tusk's exclusion constraints are B-tree ones, whose operators
 * are equality. An arbiter that is not checked immediately (a DEFERRABLE constraint's index)
 * is refused, as ExecCheckIndexConstraints refuses it.
 */
final class ConflictCheck {
    private ConflictCheck() {}

    /** The TID (HOT chain root) of a live row conflicting with {@code row} on an arbiter, or null. */
    static ItemPointer find(ExecEnvironment env, ExecContext ctx, Relation heap, List<Relation> arbiters, Object[] row,
                            java.util.function.Function<Relation, IndexKeys> formers) {
        retry:
        while (true) {
            for (Relation index : arbiters) {
                Relation.IndexInfo info = index.index();
                if (!info.immediate()) {
                    throw PgException.error("55000",
                            "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters")
                            .withObjects(new PgException.ErrorObjects(null, heap.name(), null, null, index.name()));
                }
                List<ScanKey> keys = new ArrayList<>();
                boolean hasNull = false;
                Object[] formed = formers.apply(index).form(row);
                if (formed == null) continue;   // outside a partial arbiter index: it cannot conflict
                for (int k = 0; k < info.keyCount(); k++) {
                    Object v = formed[k];
                    if (v == null) hasNull = true;
                    // NULLS NOT DISTINCT: a null key column is searched for as IS NULL (SK_SEARCHNULL)
                    keys.add(v == null ? ScanKey.searchNull(k + 1, false) : new ScanKey(k + 1, ScanKey.Strategy.EQUAL, v));
                }
                // nulls distinct (the default): a row with a null key conflicts with nothing
                if (hasNull && !info.nullsNotDistinct()) continue;
                int waitXid = 0;
                try (IndexScan scan = env.indexAm().beginScan(index, keys, false)) {
                    ItemPointer tid;
                    while ((tid = scan.next()) != null) {
                        ctx.session().checkForInterrupts();
                        DirtyCheck dc = env.tableAm().checkDirty(heap, tid);
                        if (!dc.live()) continue;
                        if (dc.waitXid() == 0) return tid;
                        waitXid = dc.waitXid();
                        break;
                    }
                }
                if (waitXid != 0) {
                    // wait with the index scan ended, then look again
                    env.waitForTransaction(waitXid);
                    continue retry;
                }
            }
            return null;
        }
    }
}
