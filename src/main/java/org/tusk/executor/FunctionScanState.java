package org.tusk.executor;

import java.util.Iterator;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * nodeFunctionscan.c: runs the calls of a FROM item in lock step, one output row per step,
 * until every call is exhausted; a call that has ended contributes NULLs. The calls start on
 * the first fetch (their LATERAL parameters are set by then) and produce rows lazily, so a
 * LIMIT above stops them early. A record-returning call's rows (Object[]) fill its columns.
 */
final class FunctionScanState extends PlanState {
    private final Plan.FunctionScan plan;
    private final ExecContext ctx;
    private final List<Query.RangeTblFunction> functions;
    private Iterator<?>[] its;
    private long ordinal;

    FunctionScanState(Plan.FunctionScan plan, ExecContext ctx) {
        this.plan = plan;
        this.ctx = ctx;
        this.functions = plan.rte().functions();
    }

    /** Whether call {@code i} returns a composite type, whose values fill one column per attribute. */
    private boolean spreads(int i) {
        return org.tusk.catalog.TypeCache.lookupComposite(functions.get(i).funcexpr().type()) != null;
    }

    @Override
    public Object[] next() {
        if (its == null) {
            its = new Iterator<?>[functions.size()];
            for (int i = 0; i < its.length; i++) its[i] = SetFunctions.start(plan.functions().get(i), new Object[0], ctx, false);
        }
        while (true) {
            ctx.session().checkForInterrupts();
            Object[] row = new Object[plan.width()];
            boolean any = false;
            int col = 0;
            for (int i = 0; i < its.length; i++) {
                int n = functions.get(i).columnCount();
                if (its[i].hasNext()) {
                    any = true;
                    Object v = its[i].next();
                    if (n == 1 && !(v instanceof Object[]) && !(v instanceof org.tusk.utils.adt.RecordValue && spreads(i))) row[col] = v;
                    else if (v instanceof org.tusk.utils.adt.RecordValue r) {
                        // a record-returning (OUT parameter) function called once, or one returning
                        // a composite type: its record's fields
                        for (int k = 0; k < n; k++) row[col + k] = r.values().get(k);
                    } else if (v != null) System.arraycopy((Object[]) v, 0, row, col, n);
                }
                col += n;
            }
            if (!any) return null;
            ordinal++;
            if (plan.rte().funcOrdinality()) row[col] = ordinal;
            if (ExprEvaluator.qual(plan.qual(), row, null, ctx)) return row;
        }
    }
}
