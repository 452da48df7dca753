package org.tusk.executor;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.adt.Texts;

/**
 * Evaluates analysed expressions against a tuple (PostgreSQL's execExprInterp.c, as a simple
 * tree walk). Vars read the scan tuple, Aggrefs read the finished aggregate values; SQL NULL is
 * Java null with three-valued logic for AND/OR/NOT; strict functions are not called on NULL input.
 */
public final class ExprEvaluator {
    private ExprEvaluator() {}

    public static Object eval(Expr e, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        switch (e) {
            case Expr.Const c -> { return c.value(); }
            case Expr.Var v -> { return tuple[v.attno() - 1]; }
            case Expr.Param p -> { return ctx.paramValue(p.number()); }
            case Expr.FuncExpr f -> {
                Object[] args = evalArgs(f.args(), tuple, aggValues, ctx);
                if (f.proc().strict()) for (Object a : args) if (a == null) return null;
                return f.proc().impl().invoke(ctx, args);
            }
            case Expr.OpExpr o -> {
                Object[] args = evalArgs(o.args(), tuple, aggValues, ctx);
                if (o.op().strict()) for (Object a : args) if (a == null) return null;
                return o.op().impl().invoke(ctx, args);
            }
            case Expr.CastFunc c -> {
                Object v = eval(c.arg(), tuple, aggValues, ctx);
                if (v == null) return null;
                return c.cast().impl().invoke(ctx, new Object[] {v});
            }
            case Expr.RelabelType r -> { return eval(r.arg(), tuple, aggValues, ctx); }
            case Expr.CollateExpr c -> { return eval(c.arg(), tuple, aggValues, ctx); }
            case Expr.CoerceViaIO c -> {
                Object v = eval(c.arg(), tuple, aggValues, ctx);
                if (v == null) return null;
                String text = c.arg().type() == UNKNOWN ? (String) v
                        : BuiltinCatalog.type(c.arg().type()).output().out(v, ctx.outputSettings());
                return BuiltinCatalog.type(c.type()).input().in(text, ctx.inputSettings());
            }
            case Expr.CoerceToDomainValue v -> { return tuple[0]; }
            // only the bottom of a nested assignment's chain, which CaseValue.evalWithOld evaluates
            case Expr.CaseTestExpr t -> throw new IllegalStateException("CaseTestExpr outside a nested assignment");
            case Expr.CoerceToDomain c -> {
                return DomainConstraints.check(c.type(), eval(c.arg(), tuple, aggValues, ctx), ctx);
            }
            case Expr.CoerceToTypmod c -> {
                Object v = eval(c.arg(), tuple, aggValues, ctx);
                if (v == null) return null;
                if (c.type() == VARCHAR)
                    return c.explicit() ? Texts.varcharTruncate((String) v, c.typmod()) : Texts.varcharCheck((String) v, c.typmod());
                if (c.type() == NUMERIC) return Numerics.applyTypmod((BigDecimal) v, c.typmod());
                if (c.type() == BPCHAR) return Texts.bpchar((String) v, c.typmod(), c.explicit());
                if (c.type() == TIMESTAMP || c.type() == TIMESTAMPTZ || c.type() == TIME || c.type() == INTERVAL)
                    return org.tusk.utils.adt.DateTimes.applyTypmod(v, c.typmod());
                if (c.type() == BIT || c.type() == VARBIT || c.type() == TIMETZ)
                    return org.tusk.catalog.TypmodCoercions.apply(c.type(), c.typmod(), v, c.explicit());
                return v;
            }
            case Expr.BoolExpr b -> { return evalBool(b, tuple, aggValues, ctx); }
            case Expr.NullTest n -> { return RowEval.nullTest(eval(n.arg(), tuple, aggValues, ctx), n.isNot()); }
            case Expr.BooleanTest b -> {
                Boolean v = (Boolean) eval(b.arg(), tuple, aggValues, ctx);
                return switch (b.test()) {
                    case IS_TRUE -> Boolean.TRUE.equals(v);
                    case IS_NOT_TRUE -> !Boolean.TRUE.equals(v);
                    case IS_FALSE -> Boolean.FALSE.equals(v);
                    case IS_NOT_FALSE -> !Boolean.FALSE.equals(v);
                    case IS_UNKNOWN -> v == null;
                    case IS_NOT_UNKNOWN -> v != null;
                };
            }
            case Expr.DistinctExpr d -> {
                Object l = eval(d.left(), tuple, aggValues, ctx), r = eval(d.right(), tuple, aggValues, ctx);
                boolean distinct;
                if (l == null || r == null) distinct = (l == null) != (r == null);
                else distinct = !(Boolean) d.eq().impl().invoke(ctx, new Object[] {l, r});
                return d.not() != distinct;
            }
            case Expr.CaseExpr c -> {
                for (Expr.CaseWhen w : c.whens())
                    if (Boolean.TRUE.equals(eval(w.cond(), tuple, aggValues, ctx))) return eval(w.result(), tuple, aggValues, ctx);
                return eval(c.defResult(), tuple, aggValues, ctx);
            }
            case Expr.CoalesceExpr c -> {
                for (Expr a : c.args()) {
                    Object v = eval(a, tuple, aggValues, ctx);
                    if (v != null) return v;
                }
                return null;
            }
            case Expr.MinMaxExpr m -> {
                Object best = null;
                for (Expr a : m.args()) {
                    Object v = eval(a, tuple, aggValues, ctx);
                    if (v == null) continue;
                    if (best == null) {
                        best = v;
                        continue;
                    }
                    boolean vLess = (Boolean) m.lt().impl().invoke(ctx, new Object[] {v, best});
                    boolean bestLess = (Boolean) m.lt().impl().invoke(ctx, new Object[] {best, v});
                    if (m.greatest() ? bestLess : vLess) best = v;
                }
                return best;
            }
            case Expr.NullIfExpr n -> {
                Object a = eval(n.a(), tuple, aggValues, ctx);
                Object b = eval(n.b(), tuple, aggValues, ctx);
                if (a != null && b != null && (Boolean) n.eq().impl().invoke(ctx, new Object[] {a, b})) return null;
                return a;
            }
            case Expr.Aggref a -> { return aggValues[a.aggno()]; }
            case Expr.ExecParam p -> { return ((ExecContext) ctx).execParam(p.id()); }
            case Expr.SubPlan sp -> { return SubPlanEvaluator.eval(sp, tuple, aggValues, (ExecContext) ctx); }
            // the planner replaces every AlternativeSubPlan; any alternative gives the same answer
            case Expr.AlternativeSubPlan a -> { return SubPlanEvaluator.eval(a.subplans().get(0), tuple, aggValues, (ExecContext) ctx); }
            case Expr.ArrayExpr a -> { return ArrayEval.arrayExpr(a, tuple, aggValues, ctx); }
            case Expr.SubscriptingRef r -> { return ArrayEval.subscript(r, tuple, aggValues, ctx); }
            case Expr.ScalarArrayOpExpr o -> { return ArrayEval.scalarArrayOp(o, tuple, aggValues, ctx); }
            case Expr.ArrayCoerceExpr c -> { return ArrayEval.coerce(c, tuple, aggValues, ctx); }
            case Expr.SubscriptingAssign a -> { return ArrayEval.assign(a, tuple, aggValues, ctx); }
            case Expr.RowExpr r -> { return RowEval.row(r, tuple, aggValues, ctx); }
            case Expr.WholeRowVar w -> { return RowEval.wholeRow(w, tuple, aggValues, ctx); }
            case Expr.FieldSelect f -> { return RowEval.fieldSelect(f, tuple, aggValues, ctx); }
            case Expr.FieldStore f -> {
                return RowEval.fieldStore(f, org.tusk.catalog.TypeCache.lookupComposite(f.type()).types(), tuple, aggValues, ctx);
            }
            case Expr.RowCompareExpr rc -> { return RowEval.rowCompare(rc, tuple, aggValues, ctx); }
            case Expr.CurrentOfExpr c -> { return ExecCurrent.matches(c, tuple, aggValues, (ExecContext) ctx); }
            case Expr.SubLink s -> throw new IllegalStateException("SubLink not planned");
            case Expr.WindowFunc w -> throw new IllegalStateException("WindowFunc outside a WindowAgg");
            case Expr.GroupingFunc g -> throw new IllegalStateException("GroupingFunc outside an Agg");
            case Expr.SubLinkParam s -> throw new IllegalStateException("SubLinkParam outside a SubLink");
        }
    }

    private static Object[] evalArgs(List<Expr> args, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) out[i] = eval(args.get(i), tuple, aggValues, ctx);
        return out;
    }

    private static Object evalBool(Expr.BoolExpr b, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        switch (b.op()) {
            case NOT -> {
                Boolean v = (Boolean) eval(b.args().get(0), tuple, aggValues, ctx);
                return v == null ? null : !v;
            }
            case AND -> {
                boolean sawNull = false;
                for (Expr a : b.args()) {
                    Boolean v = (Boolean) eval(a, tuple, aggValues, ctx);
                    if (v == null) sawNull = true;
                    else if (!v) return false;
                }
                return sawNull ? null : true;
            }
            default -> {
                boolean sawNull = false;
                for (Expr a : b.args()) {
                    Boolean v = (Boolean) eval(a, tuple, aggValues, ctx);
                    if (v == null) sawNull = true;
                    else if (v) return true;
                }
                return sawNull ? null : false;
            }
        }
    }

    /** True if the qual passes (NULL counts as false). */
    public static boolean qual(Expr q, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        return q == null || Boolean.TRUE.equals(eval(q, tuple, aggValues, ctx));
    }
}
