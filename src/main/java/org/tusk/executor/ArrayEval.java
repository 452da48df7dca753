package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.ArrayFuncs;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Evaluation of the array expression nodes (execExprInterp.c's ExecEvalArrayExpr,
 * ExecEvalSubscriptingRef with array_subscript_fetch / array_subscript_fetch_slice,
 * ExecEvalScalarArrayOp and ExecEvalArrayCoerce).
 */
final class ArrayEval {
    private ArrayEval() {}

    static Object arrayExpr(Expr.ArrayExpr a, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        List<Object> vals = new ArrayList<>();
        for (Expr e : a.elements()) vals.add(ExprEvaluator.eval(e, tuple, aggValues, ctx));
        if (!a.multidims()) return ArrayValue.of1d(a.elemType(), vals);
        // sub-arrays: a NULL one is an error only if some other is not empty (PostgreSQL skips NULLs)
        List<ArrayValue> subs = new ArrayList<>();
        int subType = a.elements().isEmpty() ? 0 : a.elements().get(0).type();
        for (Object v : vals) if (v != null) subs.add(ArrayValue.of(v, ArrayTypes.elementOf(subType)));
        return ArrayFuncs.ofSubArrays(a.elemType(), subs);
    }

    static Object subscript(Expr.SubscriptingRef r, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        Object c = ExprEvaluator.eval(r.container(), tuple, aggValues, ctx);
        if (r.containerType() == org.tusk.catalog.TypeOids.JSONB) {
            // jsonb_subscript_fetch: strict in the container and every subscript
            List<String> path = jsonbPath(r.upper(), tuple, aggValues, ctx);
            return c == null || path.contains(null) ? null : org.tusk.utils.adt.JsonbSubscripts.fetch((org.tusk.utils.adt.Jsonb) c, path);
        }
        int n = r.upper().size();
        Integer[] up = new Integer[n], lo = r.lower() == null ? null : new Integer[n];
        for (int i = 0; i < n; i++) {
            Expr u = r.upper().get(i);
            if (u != null) {
                up[i] = (Integer) ExprEvaluator.eval(u, tuple, aggValues, ctx);
                if (up[i] == null) return null;
            }
            if (lo != null && r.lower().get(i) != null) {
                lo[i] = (Integer) ExprEvaluator.eval(r.lower().get(i), tuple, aggValues, ctx);
                if (lo[i] == null) return null;
            }
        }
        if (c == null) return null;
        if (ArrayTypes.rawElementOf(r.containerType()) != 0) {
            // array_get_element/array_get_slice over a fixed-length container (raw_array_subscript_handler)
            if (lo != null)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "slices of fixed-length arrays not implemented");
            if (n != 1) return null;
            if (r.containerType() == org.tusk.catalog.TypeOids.NAME) return org.tusk.utils.adt.NameSubscript.element((String) c, up[0]);
            return org.tusk.utils.adt.geo.GeoSubscript.element(c, up[0]);
        }
        ArrayValue a = ArrayValue.of(c, ArrayTypes.elementOf(r.containerType()), r.containerType());
        if (lo == null) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) idx[i] = up[i];
            return ArrayFuncs.element(a, idx);
        }
        return ArrayFuncs.slice(a, lo, up);
    }

    static Object scalarArrayOp(Expr.ScalarArrayOpExpr o, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        Object l = ExprEvaluator.eval(o.left(), tuple, aggValues, ctx);
        Object r = ExprEvaluator.eval(o.right(), tuple, aggValues, ctx);
        if (r == null) return null;
        ArrayValue a = ArrayValue.of(r, ArrayTypes.elementOf(o.right().type()));
        if (a.size() == 0) return !o.useOr();
        // ExecEvalScalarArrayOp: only a strict operator makes a NULL operand a NULL result unseen
        boolean strict = o.op().strict();
        if (l == null && strict) return null;
        boolean sawNull = false;
        for (Object e : a.elementList()) {
            Boolean b = e == null && strict ? null : (Boolean) o.op().impl().invoke(ctx, new Object[] {l, e});
            if (b == null) sawNull = true;
            else if (b == o.useOr()) return o.useOr();
        }
        return sawNull ? null : !o.useOr();
    }

    static Object coerce(Expr.ArrayCoerceExpr c, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        Object v = ExprEvaluator.eval(c.arg(), tuple, aggValues, ctx);
        if (v == null) return null;
        ArrayValue a = ArrayValue.of(v, ArrayTypes.elementOf(c.arg().type()), c.arg().type());
        Object[] out = new Object[a.size()];
        for (int i = 0; i < out.length; i++)
            out[i] = a.get(i) == null ? null : ExprEvaluator.eval(c.elemExpr(), new Object[] {a.get(i)}, null, ctx);
        return new ArrayValue(c.elemType(), a.dims(), a.lbounds(), out);
    }


    /** array_set_element / array_set_slice for a subscripted assignment. */
    static Object assign(Expr.SubscriptingAssign a, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        return assign(a, false, null, tuple, aggValues, ctx);
    }

    /**
     * The same, as a nested assignment's new value when {@code nested}: its container (the chain
     * down to the CaseTestExpr) works on {@code caseValue}, the enclosing assignment's old element or slice.
     */
    static Object assign(Expr.SubscriptingAssign a, boolean nested, Object caseValue, Object[] tuple, Object[] aggValues,
                         FunctionCallContext ctx) {
        if (a.type() == org.tusk.catalog.TypeOids.JSONB) {
            List<String> path = jsonbPath(a.upper(), tuple, aggValues, ctx);
            Object c = nested ? CaseValue.evalWithOld(a.container(), caseValue, tuple, aggValues, ctx)
                    : ExprEvaluator.eval(a.container(), tuple, aggValues, ctx);
            Object v = ExprEvaluator.eval(a.value(), tuple, aggValues, ctx);
            boolean expectArray = a.upper().get(0).type() == org.tusk.catalog.TypeOids.INT4 && path.get(0) != null;
            return org.tusk.utils.adt.JsonbSubscripts.assign((org.tusk.utils.adt.Jsonb) c, path,
                    (org.tusk.utils.adt.Jsonb) v, expectArray);
        }
        int n = a.upper().size();
        Integer[] up = new Integer[n], lo = a.lower() == null ? null : new Integer[n];
        for (int i = 0; i < n; i++) {
            Expr u = a.upper().get(i);
            if (u != null) up[i] = notNull(ExprEvaluator.eval(u, tuple, aggValues, ctx));
            if (lo != null && a.lower().get(i) != null) lo[i] = notNull(ExprEvaluator.eval(a.lower().get(i), tuple, aggValues, ctx));
        }
        Object c = nested ? CaseValue.evalWithOld(a.container(), caseValue, tuple, aggValues, ctx)
                : ExprEvaluator.eval(a.container(), tuple, aggValues, ctx);
        int elem = ArrayTypes.elementOf(a.type());
        Object v;
        if (CaseValue.needsOld(a.value())) {
            // ExecEvalSubscriptingRefOld: a nested assignment (a[i].f = x, a[i][j:k] ...) works on the old element or slice
            Object old = c == null || elem == 0 ? null : lo == null ? ArrayFuncs.element(ArrayValue.of(c, elem), ints(up))
                    : ArrayFuncs.slice(ArrayValue.of(c, elem), lo, up);
            v = CaseValue.evalWithOld(a.value(), old, tuple, aggValues, ctx);
        } else {
            v = ExprEvaluator.eval(a.value(), tuple, aggValues, ctx);
        }
        if (ArrayTypes.rawElementOf(a.type()) != 0) return assignFixedLength(a, c, lo, up, v);
        ArrayValue arr = c == null ? ArrayValue.empty(elem) : ArrayValue.of(c, elem);
        if (lo == null) return ArrayFuncs.setElement(arr, ints(up), v);
        if (v == null) return c;   // assigning a NULL slice leaves the array unchanged
        return ArrayFuncs.setSlice(arr, lo, up, ArrayValue.of(v, elem));
    }

    /**
     * array_subscript_assign over a fixed-length container (raw_array_subscript_handler): a NULL
     * container or a NULL value leaves the container as it is; slices and more than one
     * subscript are refused, as array_set_slice/array_set_element do for fixed-length arrays.
     */
    private static Object assignFixedLength(Expr.SubscriptingAssign a, Object c, Integer[] lo, Integer[] up, Object v) {
        if (c == null || v == null) return c;
        if (lo != null)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "updates on slices of fixed-length arrays not implemented");
        if (up.length != 1) throw PgException.error("2202E", "wrong number of array subscripts");
        if (a.type() == org.tusk.catalog.TypeOids.NAME)
            return org.tusk.utils.adt.NameSubscript.assign((String) c, up[0], (String) v);
        return org.tusk.utils.adt.geo.GeoSubscript.assign(c, up[0], v);
    }

    /** jsonb_subscript_check_subscripts: each subscript's value as text (an integer as int4out writes it), null kept. */
    private static List<String> jsonbPath(List<Expr> subscripts, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        List<String> path = new ArrayList<>(subscripts.size());
        for (Expr e : subscripts) {
            Object v = ExprEvaluator.eval(e, tuple, aggValues, ctx);
            path.add(v == null ? null : v.toString());
        }
        return path;
    }

    private static int[] ints(Integer[] subscripts) {
        int[] idx = new int[subscripts.length];
        for (int i = 0; i < idx.length; i++) idx[i] = subscripts[i];
        return idx;
    }

    private static Integer notNull(Object o) {
        if (o == null) throw org.tusk.utils.error.PgException.error("22004", "array subscript in assignment must not be null");
        return (Integer) o;
    }
}
