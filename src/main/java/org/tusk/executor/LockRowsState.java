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
 * nodeLockRows.c ExecLockRows: locks, for each row its input returns (SELECT ... FOR
 * UPDATE/SHARE), the version of every marked table's row through the table AM's lockTuple
 * before passing the row on.
 *
 * <p>READ COMMITTED asks the AM to follow the update chain (TUPLE_LOCK_FLAG_FIND_LAST_VERSION):
 * when a row was updated by a transaction that committed after our snapshot, the newest version
 * is locked and, as EvalPlanQual does, substituted into the input tuple, which is re-checked
 * against the query's WHERE and inner join conditions and projected anew; a tuple that no longer
 * qualifies keeps its locks but is not returned, as in PostgreSQL. REPEATABLE READ and
 * SERIALIZABLE fail with 40001 instead. A row one of whose versions was deleted meanwhile, or
 * changed by a later command of this transaction, is left out; SKIP LOCKED leaves out rows it
 * would have to wait for. A null TID (the table's side of a join produced no row) locks nothing.
 */
final class LockRowsState extends PlanState {
    private final Plan.LockRows plan;
    private final PlanState child;
    private final ExecContext ctx;
    /** ExecRowMark.curCtid per mark: the TID of the row version last locked and returned (WHERE CURRENT OF). */
    private final ItemPointer[] currentTids;
    /** The table each mark's current row lives in (a child of an inherited mark's table), 0 for none. */
    private final int[] currentOids;

    LockRowsState(Plan.LockRows plan, PlanState child, ExecContext ctx) {
        this.plan = plan;
        this.child = child;
        this.ctx = ctx;
        this.currentTids = new ItemPointer[plan.rowMarks().size()];
        this.currentOids = new int[plan.rowMarks().size()];
    }

    @Override
    public Object[] next() {
        ExecEnvironment env = ctx.requireEnv();
        Object[] tuple;
        ItemPointer[] locked = new ItemPointer[currentTids.length];
        Relation[] lockedRels = new Relation[currentTids.length];
        while ((tuple = child.next()) != null) {
            ctx.session().checkForInterrupts();
            boolean readCommitted = !env.isolationUsesXactSnapshot();
            Object[] epqRaw = null;
            boolean skip = false;
            for (int m = 0; m < plan.rowMarks().size() && !skip; m++) {
                Plan.PlanRowMark mark = plan.rowMarks().get(m);
                int natts = mark.rte().columns().size();
                int at = plan.rawOffset() + mark.columnOffset();
                ItemPointer tid = (ItemPointer) tuple[at + natts];
                locked[m] = null;
                if (tid == null) continue;
                Relation rel = mark.isParent()
                        ? env.catalog().openRelation(((Number) tuple[at + natts + 5]).intValue()) : mark.rte().table();
                lockedRels[m] = rel;
                LockResult r = env.tableAm().lockTuple(rel, tid, env.snapshot(), env.commandId(),
                        mode(mark.strength()), policy(mark.waitPolicy()), readCommitted);
                switch (r.result()) {
                    case OK -> {
                        locked[m] = r.traversed() ? r.tid() : tid;
                        if (r.traversed()) {
                            // EvalPlanQual: the newest version replaces the one the scan saw
                            if (epqRaw == null) epqRaw = Arrays.copyOfRange(tuple, plan.rawOffset(), tuple.length);
                            Object[] version = parentOrder(mark, rel, ScanTuples.of(new TupleSlot(r.tid(), r.values()),
                                    rel.desc().natts()));
                            System.arraycopy(version, 0, epqRaw, mark.columnOffset(), natts + 1);
                        }
                    }
                    case WOULD_BLOCK, SELF_MODIFIED -> skip = true;
                    case UPDATED, DELETED -> {
                        if (!readCommitted) throw PgException.error("40001", "could not serialize access due to concurrent update");
                        skip = true;
                    }
                    case INVISIBLE -> throw PgException.error("XX000", "attempted to lock invisible tuple");
                    default -> throw PgException.error("XX000", "unrecognized heap_lock_tuple status: " + r.result());
                }
            }
            if (skip) continue;
            if (epqRaw != null) {
                tuple = evalPlanQual(epqRaw);
                if (tuple == null) continue;
            }
            System.arraycopy(locked, 0, currentTids, 0, locked.length);
            for (int m = 0; m < locked.length; m++) currentOids[m] = locked[m] == null ? 0 : lockedRels[m].oid();
            return tuple;
        }
        Arrays.fill(currentTids, null);
        Arrays.fill(currentOids, 0);
        return null;
    }

    /** The TID mark {@code m} locked for the row last returned, or null. */
    ItemPointer currentTid(int m) { return currentTids[m]; }

    /** The table whose row mark {@code m} locked for the row last returned, 0 if none. */
    int currentOid(int m) { return currentOids[m]; }

    PlanState child() { return child; }

    /**
     * A member table's row version as the marked table's columns, then the TID: an inheritance
     * child may order (and add to) its columns differently, and inherited columns share names.
     */
    private static Object[] parentOrder(Plan.PlanRowMark mark, Relation rel, Object[] version) {
        if (rel.oid() == mark.rte().table().oid()) return version;
        int natts = mark.rte().columns().size(), childNatts = rel.desc().natts();
        Object[] out = new Object[natts + 1];
        for (int i = 0; i < natts; i++) {
            String name = mark.rte().columns().get(i).name();
            for (int j = 0; j < childNatts; j++)
                if (!rel.desc().attr(j).attisdropped() && rel.desc().attr(j).name().equals(name)) out[i] = version[j];
        }
        out[natts] = version[childNatts];
        return out;
    }

    /** EvalPlanQual: recheck the tuple with the newest versions, then project it. */
    private Object[] evalPlanQual(Object[] raw) {
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
