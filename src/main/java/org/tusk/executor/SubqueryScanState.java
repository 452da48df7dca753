package org.tusk.executor;

import org.tusk.nodes.Plan;

/** nodeSubqueryscan.c: filters and projects the child's tuples. */
final class SubqueryScanState extends PlanState {
    private final Plan.SubqueryScan plan;
    private final PlanState child;
    private final ExecContext ctx;

    SubqueryScanState(Plan.SubqueryScan plan, PlanState child, ExecContext ctx) {
        this.plan = plan;
        this.child = child;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        Object[] t;
        while ((t = child.next()) != null) {
            if (!ExprEvaluator.qual(plan.qual(), t, null, ctx)) continue;
            return plan.targetList() == null ? t : Executor.project(plan.targetList(), t, null, ctx);
        }
        return null;
    }

    @Override
    public void close() { child.close(); }

    PlanState child() { return child; }

    boolean hasNoQual() { return plan.qual() == null; }
}
