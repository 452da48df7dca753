package org.tusk.executor;

import org.tusk.access.table.TableScan;
import org.tusk.access.table.TupleSlot;
import org.tusk.nodes.Plan;

/**
 * nodeSeqscan.c for a catalog table: reads the rows visible to the statement's snapshot through
 * the table access method, filters them by the plan's qual and projects. The scan tuple is the
 * row's values followed by its TID (see {@link ScanTuples}).
 */
final class TableSeqScanState extends PlanState {
    private final Plan.SeqScan plan;
    private final ExecContext ctx;
    private TableScan scan;
    private boolean done;
    /** Whether the plan reads xmin, cmin, xmax, cmax or tableoid, which then extend each scan tuple. */
    private final boolean system;
    /** The TID of the row last returned, null before the first and after the last (WHERE CURRENT OF). */
    private org.tusk.storage.page.ItemPointer currentTid;

    TableSeqScanState(Plan.SeqScan plan, ExecContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
        this.system = ScanTuples.readsSystemColumns(plan.rte().columns().size(), plan.qual(), plan.targetList());
    }

    @Override
    public Object[] next() {
        if (done) return null;
        ExecEnvironment env = ctx.requireEnv();
        if (scan == null) {
            ExecCurrent.resolve(plan.qual(), plan.rte().table(), ctx);
            scan = env.tableAm().beginScan(plan.rte().table(), env.snapshot());
        }
        TupleSlot slot;
        while ((slot = scan.next()) != null) {
            ctx.session().checkForInterrupts();
            int natts = plan.rte().columns().size();
            Object[] tuple = system ? ScanTuples.withSystemColumns(slot, natts, plan.rte().table().oid())
                    : ScanTuples.of(slot, natts);
            if (!ExprEvaluator.qual(plan.qual(), tuple, null, ctx)) continue;
            currentTid = slot.tid();
            return plan.targetList() == null ? tuple : Executor.project(plan.targetList(), tuple, null, ctx);
        }
        close();
        done = true;
        currentTid = null;
        return null;
    }

    /** The scan slot's TID (ss_ScanTupleSlot's ctid), null when the scan is not on a row. */
    org.tusk.storage.page.ItemPointer currentTid() { return currentTid; }

    @Override
    public void close() {
        if (scan != null) {
            scan.close();
            scan = null;
        }
    }
}
