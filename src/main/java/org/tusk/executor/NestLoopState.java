package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * nodeNestloop.c: for each outer tuple, scans the inner side. With nest parameters (a
 * parameterized index scan, a LATERAL subquery or function) the parameters are set from the
 * outer tuple and the inner plan is started afresh each time. Without them the inner rows are
 * read once and kept when the plan materializes the inner side (PostgreSQL's Material node) or
 * the inner node keeps its output anyway (a Sort, a tuplestore: ExecReScan rewinds those);
 * otherwise the inner plan is scanned afresh for each outer row, as PostgreSQL rescans it.
 * LEFT joins emit an unmatched
 * outer tuple with NULLs for the inner columns; SEMI joins emit a matched outer tuple once and
 * ANTI joins an unmatched one, both with NULLs for the inner columns.
 */
final class NestLoopState extends PlanState {
    private final Plan.NestLoop plan;
    private final PlanState outer;
    private final ExecContext ctx;
    private final int ow, iw;
    private Object[] outerTuple;
    private boolean matched;
    private List<Object[]> innerRows;
    private int innerPos;
    private PlanState inner;

    NestLoopState(Plan.NestLoop plan, PlanState outer, ExecContext ctx) {
        this.plan = plan;
        this.outer = outer;
        this.ctx = ctx;
        this.ow = plan.outer().width();
        this.iw = plan.inner().width();
        // a new execution of the loop starts with an empty cache: parameters set above it may have changed
        if (plan.inner() instanceof Plan.Memoize m) ctx.resetMemoizeCache(m);
    }

    @Override
    public Object[] next() {
        while (true) {
            if (outerTuple == null) {
                outerTuple = outer.next();
                if (outerTuple == null) return null;
                matched = false;
                startInner();
            }
            Object[] in = nextInner();
            if (in == null) {
                Object[] o = outerTuple;
                outerTuple = null;
                if ((plan.type() == Query.JoinType.LEFT || plan.type() == Query.JoinType.ANTI) && !matched) {
                    Object[] t = Executor.concat(o, ow, null, iw);
                    if (ExprEvaluator.qual(plan.otherQual(), t, null, ctx)) return t;
                }
                continue;
            }
            Object[] t = Executor.concat(outerTuple, ow, in, iw);
            if (!ExprEvaluator.qual(plan.joinQual(), t, null, ctx)) continue;
            matched = true;
            if (plan.type() == Query.JoinType.ANTI) continue;
            if (plan.type() == Query.JoinType.SEMI) {
                // the outer row once, without the inner columns; the rest of the inner side is not needed
                Object[] o = Executor.concat(outerTuple, ow, null, iw);
                outerTuple = null;
                if (ExprEvaluator.qual(plan.otherQual(), o, null, ctx)) return o;
                continue;
            }
            if (ExprEvaluator.qual(plan.otherQual(), t, null, ctx)) return t;
        }
    }

    /** Whether the inner rows are read once and kept. */
    private boolean storesInner() {
        return plan.nestParams().isEmpty() && (plan.materializeInner() || Plan.materializesOutput(plan.inner()));
    }

    private void startInner() {
        if (storesInner()) {
            if (innerRows == null) {
                innerRows = new ArrayList<>();
                PlanState s = Executor.init(plan.inner(), ctx);
                Object[] t;
                while ((t = s.next()) != null) innerRows.add(t);
                s.close();
            }
            innerPos = 0;
            return;
        }
        for (Plan.NestParam p : plan.nestParams())
            ctx.setExecParam(p.paramId(), ExprEvaluator.eval(p.outerExpr(), outerTuple, null, ctx));
        // the inner plan is started afresh: a rescan reads the current data again
        if (inner != null) inner.close();
        inner = Executor.init(plan.inner(), ctx);
    }

    private Object[] nextInner() {
        if (storesInner()) return innerPos < innerRows.size() ? innerRows.get(innerPos++) : null;
        return inner.next();
    }

    @Override
    public void close() {
        outer.close();
        if (inner != null) inner.close();
    }
}
