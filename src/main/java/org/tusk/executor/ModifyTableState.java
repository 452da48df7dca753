package org.tusk.executor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.access.table.ModifyResult;
import org.tusk.access.table.TableAm;
import org.tusk.access.table.TupleSlot;
import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * nodeModifyTable.c: INSERT, UPDATE or DELETE of the rows its source produces.
 *
 * <ul>
 *   <li>INSERT (ExecInsert): forms the new row, checks NOT NULL and CHECK constraints
 *       ({@link TableConstraints}), stores it with
 *       the table AM under the statement's command id, then enters it into every index of the
 *       table (ExecInsertIndexTuples), unique indexes checking for a conflicting live row (the
 *       index AM raises 23505).</li>
 *   <li>UPDATE (ExecUpdate): the source is a scan of the target whose tuples end with the row's
 *       TID; the new row is computed from the old one, checked, and handed to the table AM with
 *       the attributes any index uses, so the AM can decide on a HOT update; index entries are made
 *       only when it says so.</li>
 *   <li>DELETE (ExecDelete).</li>
 * </ul>
 *
 * <p>Concurrent changes, READ COMMITTED: when the AM reports that a transaction which committed
 * after our snapshot UPDATED the row, the newest version (reached from the reported ctid by
 * following the update chain while a new snapshot cannot see the version found) is re-checked against the statement's WHERE clause (EvalPlanQual, simplified to
 * refetch-and-recheck of the one table) and, if it still qualifies, changed instead; a DELETED
 * row is skipped. Under REPEATABLE READ both are 40001. A row already changed by this command
 * (SELF_MODIFIED) is skipped, as PostgreSQL does for the same command.
 *
 * <p>Foreign keys: each written row queues its referential-integrity events with
 * {@link TableConstraints}, which runs them when the source is exhausted (AfterTriggerEndQuery).
 *
 * <p>With RETURNING, one projected row is emitted per changed row; without, the first call does
 * all the work and returns null. {@link #processed()} is es_processed, for the command tag.
 */
final class ModifyTableState extends PlanState {
    private final Plan.ModifyTable plan;
    private final PlanState source;
    private final ExecContext ctx;
    private final Relation rel;
    private final List<ColumnDef> cols;
    private List<Relation> indexes;
    private TableConstraints constraints;
    private BitSet indexedAttrs;
    private long processed;
    private boolean done;

    ModifyTableState(Plan.ModifyTable plan, PlanState source, ExecContext ctx) {
        this.plan = plan;
        this.source = source;
        this.ctx = ctx;
        this.rel = plan.target().table();
        this.cols = plan.target().columns();
    }

    /** Rows inserted, updated or deleted so far. */
    long processed() { return processed; }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        if (indexes == null) {
            openIndexes(env);
            constraints = TableConstraints.open(rel, cols, ctx);
        }
        Object[] tuple;
        while ((tuple = source.next()) != null) {
            ctx.session().checkForInterrupts();
            Object[] changed = switch (plan.operation()) {
                case INSERT -> insert(env, tuple);
                case UPDATE -> update(env, tuple);
                case DELETE -> delete(env, tuple);
                default -> throw new IllegalStateException("not a modify operation: " + plan.operation());
            };
            if (changed == null) continue;
            processed++;
            if (!plan.returning().isEmpty()) return Executor.project(plan.returning(), changed, null, ctx);
        }
        done = true;
        constraints.endOfStatement();
        return null;
    }

    /** ExecOpenIndices, plus the set of indexed attributes HOT needs (RelationGetIndexAttrBitmap). */
    private void openIndexes(ExecEnvironment env) {
        indexes = new ArrayList<>(env.catalog().indexesOf(rel));
        indexedAttrs = new BitSet();
        for (Relation index : indexes) for (int attno : index.index().keyAttnums()) indexedAttrs.set(attno);
    }

    private Object[] insert(ExecEnvironment env, Object[] sourceTuple) {
        Object[] row = plan.newRow() == null ? ScanTuples.values(sourceTuple, cols.size())
                : Executor.project(plan.newRow(), sourceTuple, null, ctx);
        constraints.checkRow(row);
        ItemPointer tid = env.tableAm().insert(rel, row, env.commandId());
        insertIndexEntries(env, row, tid);
        constraints.afterInsert(row);
        return withTid(row, tid);
    }

    private Object[] update(ExecEnvironment env, Object[] oldTuple) {
        TableAm am = env.tableAm();
        Object[] old = oldTuple;
        while (true) {
            ItemPointer tid = ScanTuples.tid(old, cols.size());
            Object[] row = Executor.project(plan.newRow(), old, null, ctx);
            constraints.checkRow(row);
            ModifyResult r = am.update(rel, tid, row, env.commandId(), env.snapshot(), true, indexedAttrs);
            switch (r.result()) {
                case OK -> {
                    if (r.updateIndexes()) insertIndexEntries(env, row, r.newTid());
                    if (constraints.hasForeignKeys()) constraints.afterUpdate(ScanTuples.values(old, cols.size()), row);
                    return withTid(row, r.newTid());
                }
                case SELF_MODIFIED -> {
                    return null;
                }
                case UPDATED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("update");
                    old = evalPlanQual(env, r.ctid());
                    if (old == null) return null;
                }
                case DELETED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("delete");
                    return null;
                }
                default -> throw unexpected("update", r);
            }
        }
    }

    private Object[] delete(ExecEnvironment env, Object[] oldTuple) {
        TableAm am = env.tableAm();
        Object[] old = oldTuple;
        while (true) {
            ItemPointer tid = ScanTuples.tid(old, cols.size());
            ModifyResult r = am.delete(rel, tid, env.commandId(), env.snapshot(), true);
            switch (r.result()) {
                case OK -> {
                    if (constraints.hasForeignKeys()) constraints.afterDelete(ScanTuples.values(old, cols.size()));
                    return old;
                }
                case SELF_MODIFIED -> {
                    return null;
                }
                case UPDATED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("update");
                    old = evalPlanQual(env, r.ctid());
                    if (old == null) return null;
                }
                case DELETED -> {
                    if (env.isolationUsesXactSnapshot()) throw serializationFailure("delete");
                    return null;
                }
                default -> throw unexpected("delete", r);
            }
        }
    }

    /**
     * EvalPlanQual, simplified: the newest version of a concurrently updated row, the first one a
     * snapshot taken now sees on the update chain starting at {@code ctid}, if it still satisfies
     * the WHERE clause; null if the row is gone or no longer qualifies.
     */
    private Object[] evalPlanQual(ExecEnvironment env, ItemPointer ctid) {
        TupleSlot latest = null;
        // EvalPlanQualFetch: the version at ctid may itself have been updated (and committed) since;
        // follow the chain to the version a snapshot taken now sees.
        for (ItemPointer cur = ctid; cur != null && latest == null; ) {
            latest = env.tableAm().fetch(rel, cur, env.latestSnapshot());
            if (latest == null) cur = env.tableAm().nextVersion(rel, cur);
        }
        if (latest == null) return null;
        Object[] tuple = ScanTuples.of(latest, cols.size());
        return ExprEvaluator.qual(plan.recheckQual(), tuple, null, ctx) ? tuple : null;
    }

    /** ExecInsertIndexTuples: one entry per index, keys taken from the row's indexed columns. */
    private void insertIndexEntries(ExecEnvironment env, Object[] row, ItemPointer tid) {
        for (Relation index : indexes) {
            Relation.IndexInfo info = index.index();
            Object[] keys = new Object[info.keyCount()];
            for (int k = 0; k < keys.length; k++) keys[k] = row[info.keyAttnum(k) - 1];
            env.indexAm().insert(index, keys, tid, rel, env.tableAm(), info.unique());
        }
    }

    private Object[] withTid(Object[] row, ItemPointer tid) {
        Object[] t = java.util.Arrays.copyOf(row, cols.size() + 1);
        t[cols.size()] = tid;
        return t;
    }

    private static PgException serializationFailure(String what) {
        return PgException.error("40001", "could not serialize access due to concurrent " + what);
    }

    private static PgException unexpected(String what, ModifyResult r) {
        if (r.result() == org.tusk.access.table.TMResult.INVISIBLE)
            return PgException.error("XX000", "attempted to " + what + " invisible tuple");
        return PgException.error("XX000", "unrecognized table_tuple_" + what + " status: " + r.result());
    }

    @Override
    public void close() { source.close(); }

    Query.CommandType operation() { return plan.operation(); }
}
