package org.tusk.executor;

import java.util.Iterator;

import org.tusk.nodes.Plan;

/**
 * nodeProjectSet.c: for each input tuple, starts every set-returning call of the target list
 * and emits one row per step while any of them still has rows, the exhausted ones reading as
 * NULL (PostgreSQL 10's lock-step semantics). The calls' current values are appended to the
 * input tuple, where the target list reads them.
 */
final class ProjectSetState extends PlanState {
    private final Plan.ProjectSet plan;
    private final PlanState child;
    private final ExecContext ctx;
    private Object[] input;
    private Iterator<?>[] its;

    ProjectSetState(Plan.ProjectSet plan, PlanState child, ExecContext ctx) {
        this.plan = plan;
        this.child = child;
        this.ctx = ctx;
    }

    @Override
    public Object[] next() {
        while (true) {
            if (input == null) {
                input = child.next();
                if (input == null) return null;
                its = new Iterator<?>[plan.srfs().size()];
                for (int i = 0; i < its.length; i++) its[i] = SetFunctions.start(plan.srfs().get(i), input, ctx, true);
            }
            ctx.session().checkForInterrupts();
            int w = plan.child().width();
            Object[] ext = new Object[w + its.length];
            System.arraycopy(input, 0, ext, 0, Math.min(w, input.length));
            boolean any = false;
            for (int i = 0; i < its.length; i++) {
                if (its[i].hasNext()) {
                    any = true;
                    ext[w + i] = its[i].next();
                }
            }
            if (!any) {
                input = null;
                continue;
            }
            return Executor.project(plan.targetList(), ext, null, ctx);
        }
    }

    @Override
    public void close() {
        child.close();
    }
}
