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
        return functions.get(i).funccoltypes() != null
                || org.tusk.catalog.TypeCache.lookupComposite(functions.get(i).funcexpr().type()) != null;
    }

    /**
     * tupledesc_match (nodeFunctionscan.c via ExecMakeTableFunctionResult): a record returned
     * for a column definition list must have the list's column count and types.
     */
    private static void checkRowMatches(List<Integer> expected, List<Integer> returned) {
        if (returned.size() != expected.size())
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.DATATYPE_MISMATCH,
                    "function return row and query-specified return row do not match")
                    .withDetail("Returned row contains " + returned.size() + " attribute" + (returned.size() == 1 ? "" : "s")
                            + ", but query expects " + expected.size() + ".");
        for (int k = 0; k < expected.size(); k++) {
            if (returned.get(k).intValue() == expected.get(k).intValue()) continue;
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.DATATYPE_MISMATCH,
                    "function return row and query-specified return row do not match")
                    .withDetail("Returned type " + org.tusk.catalog.BuiltinCatalog.formatType(returned.get(k))
                            + " at ordinal position " + (k + 1) + ", but query expects "
                            + org.tusk.catalog.BuiltinCatalog.formatType(expected.get(k)) + ".");
        }
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
                        // a composite type, or record with a column definition list: its record's fields
                        List<Integer> expected = functions.get(i).funccoltypes();
                        if (expected != null && r.types() != null) checkRowMatches(expected, r.types());
                        for (int k = 0; k < n; k++) row[col + k] = r.values().get(k);
                    } else if (v instanceof Object[] vals) {
                        List<Integer> expected = functions.get(i).funccoltypes();
                        if (expected != null && vals.length != expected.size())
                            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.DATATYPE_MISMATCH,
                                    "function return row and query-specified return row do not match")
                                    .withDetail("Returned row contains " + vals.length + " attribute" + (vals.length == 1 ? "" : "s")
                                            + ", but query expects " + expected.size() + ".");
                        System.arraycopy(vals, 0, row, col, n);
                    }
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
