package org.tusk.executor;

import java.util.Arrays;

import org.tusk.access.table.LockResult;
import org.tusk.access.table.LockTupleMode;
import org.tusk.access.table.LockWaitPolicy;
import org.tusk.access.table.TupleSlot;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Stmt;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;

/**
 * nodeLockRows.c: locks each row its input returns (SELECT ... FOR UPDATE/SHARE) through the
 * table AM's lockTuple before passing it on.
 *
 * <p>READ COMMITTED asks the AM to follow the update chain (TUPLE_LOCK_FLAG_FIND_LAST_VERSION):
 * when the row was updated by a transaction that committed after our snapshot, the newest
 * version is locked and, as EvalPlanQual does, re-checked against the query's WHERE clause and
 * projected anew; a version that no longer qualifies stays locked but is not returned, as in
 * PostgreSQL. REPEATABLE READ and SERIALIZABLE fail with 40001 instead. A row deleted meanwhile,
 * or changed by a later command of this transaction, is left out; SKIP LOCKED leaves out rows
 * it would have to wait for.
 */
final class LockRowsState extends PlanState {
    private final Plan.LockRows plan;
    private final PlanState child;
    private final ExecContext ctx;
    private final Relation rel;
    private final int natts;
    /** ExecRowMark.curCtid: the TID of the row version last locked and returned (WHERE CURRENT OF). */
    private ItemPointer currentTid;

    LockRowsState(Plan.LockRows plan, PlanState child, ExecContext ctx) {
        this.plan = plan;
        this.child = child;
        this.ctx = ctx;
        this.rel = plan.rte().table();
        this.natts = plan.rte().columns().size();
    }

    @Override
    public Object[] next() {
        ExecEnvironment env = ctx.requireEnv();
        Object[] tuple;
        while ((tuple = child.next()) != null) {
            ctx.session().checkForInterrupts();
            ItemPointer tid = (ItemPointer) tuple[plan.rawOffset() + natts];
            boolean readCommitted = !env.isolationUsesXactSnapshot();
            LockResult r = env.tableAm().lockTuple(rel, tid, env.snapshot(), env.commandId(), mode(plan.strength()),
                    policy(plan.waitPolicy()), readCommitted);
            switch (r.result()) {
                case OK -> {
                    if (!r.traversed()) {
                        currentTid = tid;
                        return tuple;
                    }
                    Object[] out = evalPlanQual(r);
                    if (out != null) {
                        currentTid = r.tid();
                        return out;
                    }
                }
                case WOULD_BLOCK, SELF_MODIFIED -> { }
                case UPDATED, DELETED -> {
                    if (!readCommitted) throw PgException.error("40001", "could not serialize access due to concurrent update");
                }
                case INVISIBLE -> throw PgException.error("XX000", "attempted to lock invisible tuple");
                default -> throw PgException.error("XX000", "unrecognized heap_lock_tuple status: " + r.result());
            }
        }
        currentTid = null;
        return null;
    }

    ItemPointer currentTid() { return currentTid; }

    PlanState child() { return child; }

    /** EvalPlanQual over the one locked table: recheck the newest version, then project it. */
    private Object[] evalPlanQual(LockResult r) {
        Object[] raw = ScanTuples.of(new TupleSlot(r.tid(), r.values()), natts);
        if (plan.recheckQual() != null && !ExprEvaluator.qual(plan.recheckQual(), raw, null, ctx)) return null;
        Object[] projected = Executor.project(plan.targetList(), raw, null, ctx);
        Object[] out = Arrays.copyOf(projected, plan.rawOffset() + raw.length);
        System.arraycopy(raw, 0, out, plan.rawOffset(), raw.length);
        return out;
    }

    static LockTupleMode mode(Stmt.LockStrength s) {
        return switch (s) {
            case KEY_SHARE -> LockTupleMode.KEY_SHARE;
            case SHARE -> LockTupleMode.SHARE;
            case NO_KEY_UPDATE -> LockTupleMode.NO_KEY_EXCLUSIVE;
            case UPDATE -> LockTupleMode.EXCLUSIVE;
        };
    }

    static LockWaitPolicy policy(Stmt.LockWait w) {
        return switch (w) {
            case BLOCK -> LockWaitPolicy.BLOCK;
            case SKIP -> LockWaitPolicy.SKIP;
            case ERROR -> LockWaitPolicy.ERROR;
        };
    }

    @Override
    public void close() { child.close(); }
}
