package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.IndexScan;
import org.tusk.access.index.ScanKey;
import org.tusk.access.table.TupleSlot;
import org.tusk.nodes.Plan;
import org.tusk.storage.page.ItemPointer;

/**
 * nodeIndexscan.c: turns the plan's index quals into ScanKeys (evaluating their comparison
 * values once, at the first call: ExecIndexBuildScanKeys + ExecIndexEvalRuntimeKeys), asks the
 * index access method for heap TIDs, and fetches each through
 * {@link org.tusk.access.table.TableAm#indexFetch} with the statement's snapshot, which resolves
 * a HOT chain to its visible member or to nothing. Each fetched row is rechecked against the index
 * clauses (the index may return entries whose row version no longer matches, e.g. a HOT-updated
 * row), filtered by the remaining quals and projected.
 */
final class IndexScanState extends PlanState {
    private final Plan.IndexScan plan;
    private final ExecContext ctx;
    private IndexScan scan;
    private boolean done;

    IndexScanState(Plan.IndexScan plan, ExecContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
        this.system = ScanTuples.readsSystemColumns(plan.rte().columns().size(), plan.qual(), plan.targetList());
    }

    /** Whether the plan reads xmin, cmin, xmax, cmax or tableoid, which then extend each scan tuple. */
    private final boolean system;
    /** The TID of the row last returned, null before the first and after the last (WHERE CURRENT OF). */
    private ItemPointer currentTid;

    /** The scan slot's TID, null when the scan is not on a row. */
    ItemPointer currentTid() { return currentTid; }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        if (scan == null) {
            ExecCurrent.resolve(plan.qual(), plan.rte().table(), ctx);
            List<ScanKey> keys = IndexScanKeys.build(plan.indexQuals(), ctx);
            scan = env.indexAm().beginScan(plan.index(), keys, plan.backward());
        }
        int natts = plan.rte().columns().size();
        ItemPointer tid;
        while ((tid = scan.next()) != null) {
            ctx.session().checkForInterrupts();
            TupleSlot slot = env.tableAm().indexFetch(plan.rte().table(), tid, env.snapshot());
            if (slot == null) continue;
            Object[] tuple = system ? ScanTuples.withSystemColumns(slot, natts, plan.rte().table().oid())
                    : ScanTuples.of(slot, natts);
            if (!recheck(tuple)) continue;
            if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
            currentTid = slot.tid();
            return plan.targetList() == null ? tuple : Executor.project(plan.targetList(), tuple, null, ctx);
        }
        close();
        done = true;
        currentTid = null;
        return null;
    }

    private boolean recheck(Object[] tuple) {
        for (Plan.IndexQual q : plan.indexQuals()) if (!ExprEvaluator.qual(q.clause(), tuple, null, ctx)) return false;
        return true;
    }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }
}
