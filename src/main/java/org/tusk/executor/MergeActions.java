package org.tusk.executor;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.error.PgException;

/**
 * MERGE's part of nodeModifyTable.c (PostgreSQL 15 ExecMerge, ExecMergeMatched,
 * ExecMergeNotMatched): for each tuple of the join, the first WHEN clause of the right kind
 * whose condition holds is run, through the {@link ModifyTableState}'s own insert, update and
 * delete (so constraints, indexes, foreign keys and row triggers behave as for those commands).
 * A join tuple whose target TID is NULL is NOT MATCHED.
 *
 * <p>Concurrency, READ COMMITTED (ExecMergeMatched's TM_Updated/TM_Deleted cases): when the
 * update or delete finds that a transaction which committed after our snapshot updated the
 * target row, the newest version is fetched and the join condition re-checked on it
 * (EvalPlanQual, simplified to the one target row with the source columns of the join tuple);
 * if it still matches, the MATCHED clauses are evaluated again from the first, otherwise, and
 * when the row was deleted, the NOT MATCHED clauses run for the source row. A row this command
 * already changed is 21000 "MERGE command cannot affect row a second time". Under REPEATABLE
 * READ the update and delete raise 40001 themselves.
 *
 * <p>Single-threaded, per ModifyTable node; it keeps the counts EXPLAIN ANALYZE shows
 * (mt_merge_inserted, mt_merge_updated, mt_merge_deleted) and the number of join tuples.
 */
final class MergeActions {
    private final ModifyTableState node;
    private final ExecContext ctx;
    private final int natts;
    private final org.tusk.nodes.Expr joinCondition;
    private final List<Plan.MergeActionPlan> matched = new ArrayList<>();
    private final List<Plan.MergeActionPlan> notMatched = new ArrayList<>();
    private final List<BitSet> updateColumns = new ArrayList<>();

    /** What the last update or delete met: a concurrent update (with the new version's TID) or delete. */
    private boolean concurrentlyDeleted;
    private ItemPointer concurrentlyUpdated;

    private long sourceRows, inserted, updated, deleted;

    MergeActions(Plan.ModifyTable plan, ModifyTableState node, ExecContext ctx) {
        this.node = node;
        this.ctx = ctx;
        this.natts = plan.target().columns().size();
        this.joinCondition = plan.recheckQual();
        for (Plan.MergeActionPlan a : plan.mergeActions()) {
            if (a.matched()) {
                matched.add(a);
                updateColumns.add(a.commandType() == Query.CommandType.UPDATE ? ModifyTableState.targetColumns(a.newRow())
                        : null);
            } else {
                notMatched.add(a);
            }
        }
    }

    /** The 21000 error of a target row that more than one source row matches (TM_SelfModified). */
    static PgException affectedTwice() {
        return PgException.error("21000", "MERGE command cannot affect row a second time")
                .withHint("Ensure that not more than one source row matches any one target row.");
    }

    void concurrentlyUpdated(ItemPointer newVersion) { concurrentlyUpdated = newVersion; }

    void concurrentlyDeleted() { concurrentlyDeleted = true; }

    /**
     * ExecMerge: runs the action for one join tuple; returns the changed row (the new row, or
     * the deleted one) when an INSERT, UPDATE or DELETE was done, null otherwise.
     */
    Object[] execMerge(ExecEnvironment env, Object[] tuple) {
        sourceRows++;
        boolean isMatched = tuple[natts] != null;
        if (isMatched) {
            Object[][] out = new Object[1][];
            if (execMatched(env, tuple, out)) return out[0];
        }
        return execNotMatched(env, tuple);
    }

    /**
     * ExecMergeMatched: true when the row was dealt with (changed, or left alone by DO NOTHING
     * or by every condition failing), with the changed row in {@code out[0]}; false when the
     * target row vanished or no longer matches under a concurrent change, so that the NOT
     * MATCHED clauses apply.
     */
    private boolean execMatched(ExecEnvironment env, Object[] tuple, Object[][] out) {
        Object[] current = tuple;
        retry:
        while (true) {
            for (int i = 0; i < matched.size(); i++) {
                Plan.MergeActionPlan a = matched.get(i);
                if (!ExprEvaluator.qual(a.qual(), current, null, ctx)) continue;
                concurrentlyDeleted = false;
                concurrentlyUpdated = null;
                Object[] changed;
                switch (a.commandType()) {
                    case UPDATE -> {
                        node.setModifiedColumns(updateColumns.get(i));
                        changed = node.update(env, current, a.newRow());
                        if (changed != null) updated++;
                    }
                    case DELETE -> {
                        changed = node.delete(env, current);
                        if (changed != null) deleted++;
                    }
                    default -> {
                        return true;   // DO NOTHING
                    }
                }
                if (concurrentlyDeleted) return false;
                if (concurrentlyUpdated != null) {
                    Object[] latest = node.latestVersion(env, concurrentlyUpdated, current);
                    if (latest == null || !ExprEvaluator.qual(joinCondition, latest, null, ctx)) return false;
                    current = latest;
                    continue retry;
                }
                out[0] = changed;
                return true;
            }
            return true;
        }
    }

    /** ExecMergeNotMatched: the first NOT MATCHED clause whose condition holds, over the source columns. */
    private Object[] execNotMatched(ExecEnvironment env, Object[] tuple) {
        if (notMatched.isEmpty()) return null;
        // the target's part reads as NULL (a concurrently deleted row's values must not show through)
        Object[] source = tuple.clone();
        java.util.Arrays.fill(source, 0, natts + 1, null);
        for (Plan.MergeActionPlan a : notMatched) {
            if (!ExprEvaluator.qual(a.qual(), source, null, ctx)) continue;
            if (a.commandType() != Query.CommandType.INSERT) return null;   // DO NOTHING
            Object[] row = node.insert(env, source, a.newRow());
            if (row != null) inserted++;
            return row;
        }
        return null;
    }

    /** The statement triggers to fire before the statement, in fireBSTriggers' order: INSERT, UPDATE, DELETE. */
    List<Integer> beforeStatementEvents() {
        List<Integer> out = new ArrayList<>();
        if (has(Query.CommandType.INSERT)) out.add(TriggerData.TRIGGER_EVENT_INSERT);
        if (has(Query.CommandType.UPDATE)) out.add(TriggerData.TRIGGER_EVENT_UPDATE);
        if (has(Query.CommandType.DELETE)) out.add(TriggerData.TRIGGER_EVENT_DELETE);
        return out;
    }

    /** The statement triggers to fire after the statement, in fireASTriggers' order: DELETE, UPDATE, INSERT. */
    List<Integer> afterStatementEvents() {
        List<Integer> out = new ArrayList<>(beforeStatementEvents());
        java.util.Collections.reverse(out);
        return out;
    }

    private boolean has(Query.CommandType cmd) {
        for (Plan.MergeActionPlan a : matched) if (a.commandType() == cmd) return true;
        for (Plan.MergeActionPlan a : notMatched) if (a.commandType() == cmd) return true;
        return false;
    }

    long sourceRows() { return sourceRows; }

    long inserted() { return inserted; }

    long updated() { return updated; }

    long deleted() { return deleted; }
}
