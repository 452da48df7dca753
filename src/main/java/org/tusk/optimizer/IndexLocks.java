package org.tusk.optimizer;

import org.tusk.catalog.RelationLocks;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;

/**
 * get_relation_info's index_open: before the planner reads anything about a table's indexes, each
 * index is locked in the table's own lock mode (rellockmode: RowExclusiveLock for the statement's
 * target, RowShareLock for a table FOR UPDATE/SHARE locks, else AccessShareLock). The lock keeps
 * the index from being dropped or rebuilt (DROP INDEX, REINDEX take AccessExclusiveLock on it)
 * while the plan that uses it runs, and it is recorded with a cached plan, which takes it again
 * at each reuse. Fetching the index list again after the locks (as the planner's later steps do)
 * sees whatever a DDL that the locks waited for committed.
 */
final class IndexLocks {
    private IndexLocks() {}

    /** Locks the indexes of every plain table of {@code q}'s own range table (not its sub-queries'). */
    static void lock(Query q, ExecEnvironment env) {
        if (env == null) return;
        for (int rti = 1; rti <= q.rangeTable().size(); rti++) {
            Query.RangeTblEntry rte = q.rangeTable().get(rti - 1);
            if (rte.kind() != Query.RteKind.RELATION || !rte.isTable()) continue;
            Relation table = rte.table();
            if (table.relkind() != 'r' && table.relkind() != 'm' && table.relkind() != 't') continue;
            int mode = rti == q.resultRelation() ? RelationLocks.ROW_EXCLUSIVE_LOCK
                    : RowLocking.marks(q, rti) ? RelationLocks.ROW_SHARE_LOCK : RelationLocks.ACCESS_SHARE_LOCK;
            for (Relation index : env.catalog().indexesOf(table)) env.catalog().lockRelation(index.oid(), mode);
        }
    }
}
