package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.RecordValue;

/**
 * Evaluation of the composite-value expressions (execExprInterp.c ExecEvalRow,
 * ExecEvalFieldSelect, ExecEvalFieldStoreForm, ExecEvalRowNull/NotNull and the RowCompare
 * steps). A composite Datum is a {@link RecordValue} carrying its type OID and column types.
 */
final class RowEval {
    private RowEval() {}

    /** ExecEvalRow: the row of the argument values, typed as the RowExpr says. */
    static RecordValue row(Expr.RowExpr r, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        List<Integer> types = new ArrayList<>(r.args().size());
        List<Object> values = new ArrayList<>(r.args().size());
        for (Expr a : r.args()) {
            types.add(a.type());
            values.add(ExprEvaluator.eval(a, tuple, aggValues, ctx));
        }
        return new RecordValue(r.type(), types, values, r.colnames());
    }

    /**
     * ExecEvalWholeRowVar: the table's row, or NULL when an outer join null-extended the table
     * (its ctid is NULL only then; a stored row of NULLs still has one).
     */
    static RecordValue wholeRow(Expr.WholeRowVar w, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        // A row evaluated outside a scan's output (the new row a WITH CHECK option, a policy or a
        // constraint checks) carries no ctid column: it is a row being stored, never null-extended.
        boolean carriesCtid = !(w.present() instanceof Expr.Var v) || v.attno() <= tuple.length;
        if (carriesCtid && ExprEvaluator.eval(w.present(), tuple, aggValues, ctx) == null) return null;
        return (RecordValue) ExprEvaluator.eval(w.row(), tuple, aggValues, ctx);
    }

    /** ExecEvalFieldSelect: NULL for a NULL row. */
    static Object fieldSelect(Expr.FieldSelect f, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        // a column of a multiple-column assignment: the Param its MULTIEXPR subplan set for this row
        if (f.arg() instanceof Expr.SubPlan sp && sp.kind() == Expr.SubLinkType.MULTIEXPR)
            return SubPlanEvaluator.multiExprColumn(sp, f.fieldnum(), (ExecContext) ctx);
        Object v = ExprEvaluator.eval(f.arg(), tuple, aggValues, ctx);
        if (v == null) return null;
        return ((RecordValue) v).get(f.fieldnum() - 1);
    }

    /**
     * ExecEvalFieldStoreDeForm/Form: the old row (a row of NULLs when it is NULL; {@code width}
     * and {@code types} give its shape then) with the assigned fields replaced.
     */
    static RecordValue fieldStore(Expr.FieldStore f, List<Integer> types, Object[] tuple, Object[] aggValues,
                                  FunctionCallContext ctx) {
        return fieldStore(f, types, false, null, tuple, aggValues, ctx);
    }

    /**
     * The same, as a nested assignment's new value when {@code nested}: its arg (the chain down to
     * the CaseTestExpr) works on {@code caseValue}, the enclosing assignment's old field or element.
     */
    static RecordValue fieldStore(Expr.FieldStore f, List<Integer> types, boolean nested, Object caseValue, Object[] tuple,
                                  Object[] aggValues, FunctionCallContext ctx) {
        Object old = nested ? CaseValue.evalWithOld(f.arg(), caseValue, tuple, aggValues, ctx)
                : ExprEvaluator.eval(f.arg(), tuple, aggValues, ctx);
        RecordValue row = old != null ? (RecordValue) old
                : new RecordValue(f.type(), types, java.util.Collections.nCopies(types.size(), null));
        for (int i = 0; i < f.fieldnums().size(); i++) {
            Expr nv = f.newvals().get(i);
            int n = f.fieldnums().get(i) - 1;
            // a nested assignment (c.f[i] = x, c.f.g = x) sees the field as the earlier values left it
            Object v = CaseValue.needsOld(nv) ? CaseValue.evalWithOld(nv, row.get(n), tuple, aggValues, ctx)
                    : ExprEvaluator.eval(nv, tuple, aggValues, ctx);
            row = row.with(n, types.get(n), v);
        }
        return row;
    }

    /**
     * ExecEvalRowNull / ExecEvalRowNotNull: a row IS NULL when it is NULL or all its fields are,
     * IS NOT NULL when it is not NULL and none of its fields is; other values as usual.
     */
    static boolean nullTest(Object v, boolean isNot) {
        if (v instanceof RecordValue r) return isNot ? r.noneNull() : r.allNull();
        return isNot == (v != null);
    }

    /**
     * The RowCompare steps: pairs are compared left to right; the first pair that is not equal
     * decides through its ordering operator; a NULL in a deciding pair makes the result NULL.
     */
    static Boolean rowCompare(Expr.RowCompareExpr rc, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        for (int i = 0; i < rc.largs().size(); i++) {
            Object l = ExprEvaluator.eval(rc.largs().get(i), tuple, aggValues, ctx);
            Object r = ExprEvaluator.eval(rc.rargs().get(i), tuple, aggValues, ctx);
            if (l == null || r == null) return null;
            if ((Boolean) rc.eqOps().get(i).impl().invoke(ctx, new Object[] {l, r})) continue;
            return (Boolean) rc.ops().get(i).impl().invoke(ctx, new Object[] {l, r});
        }
        return rc.rctype() == Expr.RowCompareType.LE || rc.rctype() == Expr.RowCompareType.GE;
    }
}
