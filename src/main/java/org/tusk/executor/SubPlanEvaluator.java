package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.utils.error.PgException;

/**
 * nodeSubplan.c ExecSubPlan: stores the arguments in the subplan's parameters, runs its plan
 * and combines the rows by the sublink's kind. EXPR yields the single row's value (NULL for no
 * row; 21000 for more than one); EXISTS whether there is a row; ANY/ALL evaluate the test
 * expression per row with SQL's rules: ANY is true if some row gives true, else NULL if some gave
 * NULL, else false (ALL dually). An uncorrelated subplan's result (or, for ANY/ALL, its rows)
 * is computed once per statement.
 */
public final class SubPlanEvaluator {
    private SubPlanEvaluator() {}

    /**
     * SubPlan.useHashTable as build_subplan decides it: an ANY without parameters of its own
     * level (parParam NIL: uncorrelated, or correlated only to levels further up, whose values
     * are its {@code extParams}) whose test is one operator, or an AND of operators, each
     * comparing with one output column and hashable (testexpr_is_hashable, hash_ok_operator).
     * The executor probes a hash table for the one-column, same-type case and otherwise compares
     * with the kept rows, which gives the same answers.
     */
    public static boolean useHashTable(Expr.SubPlan sp) {
        if (sp.kind() != Expr.SubLinkType.ANY || !keepsRows(sp)) return false;
        List<Expr> ops = sp.testexpr() instanceof Expr.BoolExpr b && b.op() == org.tusk.nodes.RawExpr.BoolOp.AND
                ? b.args() : List.of(sp.testexpr());
        for (Expr e : ops) {
            if (!(e instanceof Expr.OpExpr op) || op.args().size() != 2
                    || !org.tusk.catalog.OperatorHashing.hashOk(op.op(), op.args().get(0).type()))
                return false;
            // test_opexpr_is_hashable: the left input must be the outer query's, the right the
            // subquery's output; inlining an operator's SQL function may have swapped them
            if (org.tusk.nodes.ExprTrees.any(op.args().get(0), x -> x instanceof Expr.ExecParam p && sp.paramIds().contains(p.id()))
                    || org.tusk.nodes.ExprTrees.any(op.args().get(1), x -> x instanceof Expr.Var))
                return false;
        }
        return true;
    }

    /**
     * Whether the subplan's rows may be kept between evaluations: it has no parameters of its
     * own level, and, if it reads outer levels' parameters, they are all known (extParams).
     */
    private static boolean keepsRows(Expr.SubPlan sp) {
        return sp.parParams().isEmpty() && (!sp.correlated() || !sp.extParams().isEmpty());
    }

    /**
     * The values of the outer levels' parameters the kept rows (or hash table) were made with;
     * null for an uncorrelated subplan, whose rows are kept for the whole statement.
     */
    private static Object[] extValues(Expr.SubPlan sp, ExecContext ctx) {
        if (!sp.correlated()) return null;
        Object[] v = new Object[sp.extParams().size()];
        for (int i = 0; i < v.length; i++) v[i] = ctx.execParam(sp.extParams().get(i));
        return v;
    }

    /** Rows (or a hash table) kept for a subplan, with the outer parameter values they were made with (ExecReScanSetParamPlan's chgParam test). */
    private record Kept(Object value, Object[] extValues) {}

    /** The kept value of {@code sp} if it was made with the current outer parameter values, else null. */
    private static Object kept(Expr.SubPlan sp, ExecContext ctx) {
        if (!keepsRows(sp)) return null;
        Object k = ctx.subPlanResults().get(sp);
        if (!sp.correlated() || k == null) return k;
        Kept kept = (Kept) k;
        return java.util.Arrays.deepEquals(kept.extValues(), extValues(sp, ctx)) ? kept.value() : null;
    }

    private static void keep(Expr.SubPlan sp, Object value, ExecContext ctx) {
        if (!keepsRows(sp)) return;
        ctx.subPlanResults().put(sp, sp.correlated() ? new Kept(value, extValues(sp, ctx)) : value);
    }

    static Object eval(Expr.SubPlan sp, Object[] tuple, Object[] aggValues, ExecContext ctx) {
        for (int i = 0; i < sp.parParams().size(); i++)
            ctx.setExecParam(sp.parParams().get(i), ExprEvaluator.eval(sp.args().get(i), tuple, aggValues, ctx));
        return switch (sp.kind()) {
            case EXISTS, EXPR -> {
                if (!sp.correlated() && ctx.subPlanResults().containsKey(sp)) yield ctx.subPlanResults().get(sp);
                Object v = sp.kind() == Expr.SubLinkType.EXISTS ? exists(sp, ctx) : scalar(sp, ctx);
                if (!sp.correlated()) ctx.subPlanResults().put(sp, v);
                yield v;
            }
            case MULTIEXPR -> {
                // uncorrelated, it is an initplan (make_subplan): its Params are set once per statement
                boolean initPlan = sp.parParams().isEmpty();
                if (!initPlan || !ctx.subPlanResults().containsKey(sp)) setMultiExprParams(sp, ctx);
                if (initPlan) ctx.subPlanResults().put(sp, Boolean.TRUE);
                yield null;
            }
            case ANY, ALL -> {
                Expr.OpExpr eq = hashable(sp);
                Object r = eq != null ? hashedAny(sp, eq, tuple, aggValues, ctx) : quantified(sp, rows(sp, ctx), tuple, aggValues, ctx);
                // the hashed form of an EXISTS: unknown is false, as EXISTS never yields NULL
                yield r == null && sp.unknownEqFalse() ? Boolean.FALSE : r;
            }
            case ARRAY -> {
                // ARRAY(subquery): the first column of every row; rows that are arrays become sub-arrays
                if (!sp.correlated() && ctx.subPlanResults().containsKey(sp)) yield ctx.subPlanResults().get(sp);
                int elem = org.tusk.catalog.ArrayTypes.elementOf(sp.type());
                List<Object> vals = new ArrayList<>();
                boolean arrays = false;
                PlanState s = Executor.init(sp.plan(), ctx);
                try {
                    Object[] t;
                    while ((t = s.next()) != null) {
                        vals.add(t[0]);
                        arrays |= t[0] instanceof org.tusk.utils.adt.ArrayValue || t[0] instanceof Object[];
                    }
                } finally {
                    s.close();
                }
                Object v;
                if (!arrays) {
                    v = org.tusk.utils.adt.ArrayValue.of1d(elem, vals);
                } else {
                    List<org.tusk.utils.adt.ArrayValue> subs = new ArrayList<>();
                    for (Object o : vals) {
                        if (o == null) throw PgException.error("22004", "cannot accumulate null arrays");
                        subs.add(org.tusk.utils.adt.ArrayValue.of(o, elem));
                    }
                    v = org.tusk.utils.adt.ArrayFuncs.ofSubArrays(elem, subs);
                }
                if (!sp.correlated()) ctx.subPlanResults().put(sp, v);
                yield v;
            }
        };
    }

    private static Object exists(Expr.SubPlan sp, ExecContext ctx) {
        PlanState s = Executor.init(sp.plan(), ctx);
        try {
            return s.next() != null;
        } finally {
            s.close();
        }
    }

    private static Object scalar(Expr.SubPlan sp, ExecContext ctx) {
        PlanState s = Executor.init(sp.plan(), ctx);
        try {
            Object[] first = s.next();
            if (first == null) return null;
            if (s.next() != null)
                throw PgException.error("21000", "more than one row returned by a subquery used as an expression");
            return first[0];
        } finally {
            s.close();
        }
    }

    /**
     * A MULTIEXPR subplan ({@code SET (a, b) = (SELECT ...)}), run for the row at hand: its one
     * row's columns go to its output Params, all NULL when there is no row, and a second row is
     * an error as for a scalar subquery (ExecScanSubPlan's MULTIEXPR_SUBLINK case).
     */
    private static void setMultiExprParams(Expr.SubPlan sp, ExecContext ctx) {
        Object[] first;
        PlanState s = Executor.init(sp.plan(), ctx);
        try {
            first = s.next();
            if (first != null && s.next() != null)
                throw PgException.error("21000", "more than one row returned by a subquery used as an expression");
        } finally {
            s.close();
        }
        for (int i = 0; i < sp.paramIds().size(); i++) ctx.setExecParam(sp.paramIds().get(i), first == null ? null : first[i]);
    }

    /** The value of output column {@code colno} (1-based) of a MULTIEXPR subplan, as its last run for this row set it. */
    static Object multiExprColumn(Expr.SubPlan sp, int colno, ExecContext ctx) {
        return ctx.execParam(sp.paramIds().get(colno - 1));
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Expr.SubPlan sp, ExecContext ctx) {
        Object k = kept(sp, ctx);
        if (k != null) return (List<Object[]>) k;
        List<Object[]> rows = new ArrayList<>();
        PlanState s = Executor.init(sp.plan(), ctx);
        try {
            Object[] t;
            while ((t = s.next()) != null) rows.add(t);
        } finally {
            s.close();
        }
        keep(sp, rows, ctx);
        return rows;
    }

    /** The distinct values of an uncorrelated {@code x = ANY (subquery)}'s one column (buildSubPlanHash). */
    private record HashTable(java.util.Set<DatumKey> values, boolean hasNull, boolean empty) {}

    /**
     * The test expression of an uncorrelated {@code x = ANY (subquery)} over one column of the
     * operator's own type, or of another integer type with a cross-type equality of integer_ops
     * (int48eq: DatumKey hashes and compares integers of any width alike, as hashint4/hashint8
     * do), which can be answered by a hash lookup (a "hashed subplan"); else null.
     */
    static Expr.OpExpr hashable(Expr.SubPlan sp) {
        if (sp.kind() != Expr.SubLinkType.ANY || sp.paramIds().size() != 1) return null;
        if (!(sp.testexpr() instanceof Expr.OpExpr op) || !op.op().name().equals("=")
                || !org.tusk.catalog.IntegerOpFamily.oneFamily(op.op()))
            return null;
        if (!useHashTable(sp)) return null;
        if (!(op.args().get(1) instanceof Expr.ExecParam p) || p.id() != sp.paramIds().get(0)) return null;
        int id = p.id();
        if (org.tusk.nodes.ExprTrees.any(op.args().get(0), x -> x instanceof Expr.ExecParam e && e.id() == id)) return null;
        return op;
    }

    private static Object hashedAny(Expr.SubPlan sp, Expr.OpExpr eq, Object[] tuple, Object[] aggValues, ExecContext ctx) {
        HashTable table = (HashTable) kept(sp, ctx);
        if (table == null) {
            java.util.Set<DatumKey> values = new java.util.HashSet<>();
            boolean hasNull = false, empty = true;
            PlanState s = Executor.init(sp.plan(), ctx);
            try {
                Object[] t;
                while ((t = s.next()) != null) {
                    empty = false;
                    if (t[0] == null) hasNull = true; else values.add(new DatumKey(new Object[] {t[0]}, new int[] {eq.op().right()}));
                }
            } finally {
                s.close();
            }
            table = new HashTable(values, hasNull, empty);
            keep(sp, table, ctx);
        }
        if (table.empty()) return false;
        Object lhs = ExprEvaluator.eval(eq.args().get(0), tuple, aggValues, ctx);
        if (lhs == null) return null;
        if (table.values().contains(new DatumKey(new Object[] {lhs}, new int[] {eq.op().left()}))) return true;
        return table.hasNull() ? null : false;
    }

    private static Object quantified(Expr.SubPlan sp, List<Object[]> rows, Object[] tuple, Object[] aggValues,
                                     ExecContext ctx) {
        boolean any = sp.kind() == Expr.SubLinkType.ANY;
        boolean sawNull = false;
        for (Object[] row : rows) {
            for (int i = 0; i < sp.paramIds().size(); i++) ctx.setExecParam(sp.paramIds().get(i), row[i]);
            Object r = ExprEvaluator.eval(sp.testexpr(), tuple, aggValues, ctx);
            if (r == null) sawNull = true;
            else if ((Boolean) r == any) return any;
        }
        return sawNull ? null : !any;
    }
}
