package org.tusk.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Generic walks over expression trees (PostgreSQL's nodeFuncs.c expression_tree_walker and
 * expression_tree_mutator). Neither descends into the Query of a SubLink or the Plan of a
 * SubPlan: those are separate query levels that callers handle explicitly.
 */
public final class ExprTrees {
    private ExprTrees() {}

    /** Direct sub-expressions of a node. */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        switch (e) {
            case Expr.FuncExpr f -> out.addAll(f.args());
            case Expr.OpExpr o -> out.addAll(o.args());
            case Expr.CastFunc c -> out.add(c.arg());
            case Expr.RelabelType r -> out.add(r.arg());
            case Expr.CoerceViaIO c -> out.add(c.arg());
            case Expr.CollateExpr c -> out.add(c.arg());
            case Expr.CoerceToTypmod c -> out.add(c.arg());
            case Expr.CoerceToDomain c -> out.add(c.arg());
            case Expr.BoolExpr b -> out.addAll(b.args());
            case Expr.NullTest n -> out.add(n.arg());
            case Expr.BooleanTest b -> out.add(b.arg());
            case Expr.DistinctExpr d -> {
                out.add(d.left());
                out.add(d.right());
            }
            case Expr.CaseExpr c -> {
                for (Expr.CaseWhen w : c.whens()) {
                    out.add(w.cond());
                    out.add(w.result());
                }
                if (c.defResult() != null) out.add(c.defResult());
            }
            case Expr.CoalesceExpr c -> out.addAll(c.args());
            case Expr.MinMaxExpr m -> out.addAll(m.args());
            case Expr.NullIfExpr n -> {
                out.add(n.a());
                out.add(n.b());
            }
            case Expr.Aggref a -> {
                out.addAll(a.directArgs());
                out.addAll(a.args());
                if (a.filter() != null) out.add(a.filter());
                for (Expr.AggSort s : a.order()) out.add(s.expr());
            }
            case Expr.WindowFunc w -> {
                out.addAll(w.args());
                if (w.filter() != null) out.add(w.filter());
            }
            case Expr.GroupingFunc g -> out.addAll(g.args());
            case Expr.SubLink s -> {
                if (s.testexpr() != null) out.add(s.testexpr());
            }
            case Expr.ArrayExpr a -> out.addAll(a.elements());
            case Expr.SubscriptingRef r -> {
                out.add(r.container());
                for (Expr x : r.upper()) if (x != null) out.add(x);
                if (r.lower() != null) for (Expr x : r.lower()) if (x != null) out.add(x);
            }
            case Expr.ScalarArrayOpExpr o -> {
                out.add(o.left());
                out.add(o.right());
            }
            case Expr.ArrayCoerceExpr c -> out.add(c.arg());
            case Expr.SubscriptingAssign r -> {
                out.add(r.container());
                for (Expr x : r.upper()) if (x != null) out.add(x);
                if (r.lower() != null) for (Expr x : r.lower()) if (x != null) out.add(x);
                out.add(r.value());
            }
            case Expr.SubPlan s -> {
                if (s.testexpr() != null) out.add(s.testexpr());
                out.addAll(s.args());
            }
            case Expr.AlternativeSubPlan a -> out.addAll(a.subplans());
            case Expr.RowExpr r -> out.addAll(r.args());
            case Expr.WholeRowVar w -> {
                out.add(w.row());
                out.add(w.present());
            }
            case Expr.FieldSelect f -> out.add(f.arg());
            case Expr.FieldStore f -> {
                out.add(f.arg());
                out.addAll(f.newvals());
            }
            case Expr.RowCompareExpr r -> {
                out.addAll(r.largs());
                out.addAll(r.rargs());
            }
            case Expr.CurrentOfExpr c -> {
                out.add(c.ctid());
                out.add(c.tableOid());
            }
            default -> { }
        }
        return out;
    }

    /** Whether any node of the tree (pre-order, not below SubLink/SubPlan queries) satisfies {@code p}. */
    public static boolean any(Expr e, Predicate<Expr> p) {
        if (e == null) return false;
        if (p.test(e)) return true;
        for (Expr c : children(e)) if (any(c, p)) return true;
        return false;
    }

    /**
     * expression_tree_mutator: {@code f} is offered each node top-down; where it returns non-null
     * that replaces the node (and its subtree), otherwise the node is rebuilt from its mutated
     * children.
     */
    public static Expr map(Expr e, Function<Expr, Expr> f) {
        if (e == null) return null;
        Expr r = f.apply(e);
        if (r != null) return r;
        return switch (e) {
            case Expr.FuncExpr x -> new Expr.FuncExpr(x.proc(), mapAll(x.args(), f), x.type(), x.location(), x.sqlSyntax());
            case Expr.OpExpr x -> new Expr.OpExpr(x.op(), mapAll(x.args(), f), x.type(), x.location());
            case Expr.CastFunc x -> new Expr.CastFunc(x.cast(), map(x.arg(), f), x.type(), x.explicit());
            case Expr.RelabelType x -> new Expr.RelabelType(map(x.arg(), f), x.type(), x.typmod(), x.explicit());
            case Expr.CoerceViaIO x -> new Expr.CoerceViaIO(map(x.arg(), f), x.type(), x.location(), x.explicit());
            case Expr.CollateExpr x -> new Expr.CollateExpr(map(x.arg(), f), x.collOid(), x.location());
            case Expr.CoerceToTypmod x -> new Expr.CoerceToTypmod(map(x.arg(), f), x.type(), x.typmod(), x.explicit());
            case Expr.CoerceToDomain x -> new Expr.CoerceToDomain(map(x.arg(), f), x.type(), x.location());
            case Expr.BoolExpr x -> new Expr.BoolExpr(x.op(), mapAll(x.args(), f));
            case Expr.NullTest x -> new Expr.NullTest(map(x.arg(), f), x.isNot());
            case Expr.BooleanTest x -> new Expr.BooleanTest(map(x.arg(), f), x.test());
            case Expr.DistinctExpr x -> new Expr.DistinctExpr(x.eq(), map(x.left(), f), map(x.right(), f), x.not());
            case Expr.CaseExpr x -> {
                List<Expr.CaseWhen> whens = new ArrayList<>();
                for (Expr.CaseWhen w : x.whens()) whens.add(new Expr.CaseWhen(map(w.cond(), f), map(w.result(), f)));
                yield new Expr.CaseExpr(whens, map(x.defResult(), f), x.type());
            }
            case Expr.CoalesceExpr x -> new Expr.CoalesceExpr(mapAll(x.args(), f), x.type());
            case Expr.MinMaxExpr x -> new Expr.MinMaxExpr(x.greatest(), x.lt(), mapAll(x.args(), f), x.type());
            case Expr.NullIfExpr x -> new Expr.NullIfExpr(x.eq(), map(x.a(), f), map(x.b(), f), x.type());
            case Expr.Aggref x -> {
                List<Expr.AggSort> order = new ArrayList<>();
                for (Expr.AggSort s : x.order()) order.add(s.withExpr(map(s.expr(), f)));
                yield x.withParts(mapAll(x.directArgs(), f), mapAll(x.args(), f), map(x.filter(), f), List.copyOf(order));
            }
            case Expr.WindowFunc x -> new Expr.WindowFunc(x.name(), x.fn(), x.agg(), mapAll(x.args(), f), x.star(),
                    map(x.filter(), f), x.winref(), x.type(), x.location());
            case Expr.GroupingFunc x -> new Expr.GroupingFunc(mapAll(x.args(), f), x.refs(), x.levelsup(), x.location());
            case Expr.SubLink x -> x.with(map(x.testexpr(), f), x.subselect());
            case Expr.ArrayExpr x -> new Expr.ArrayExpr(x.elemType(), x.type(), mapAll(x.elements(), f), x.multidims(), x.location());
            case Expr.SubscriptingRef x -> new Expr.SubscriptingRef(map(x.container(), f), mapNullable(x.upper(), f),
                    x.lower() == null ? null : mapNullable(x.lower(), f), x.type(), x.containerType());
            case Expr.ScalarArrayOpExpr x -> new Expr.ScalarArrayOpExpr(x.op(), x.useOr(), map(x.left(), f), map(x.right(), f));
            case Expr.ArrayCoerceExpr x -> new Expr.ArrayCoerceExpr(map(x.arg(), f), x.elemExpr(), x.type(), x.elemType(), x.explicit());
            case Expr.SubscriptingAssign x -> new Expr.SubscriptingAssign(map(x.container(), f), mapNullable(x.upper(), f),
                    x.lower() == null ? null : mapNullable(x.lower(), f), map(x.value(), f), x.type());
            case Expr.SubPlan x -> new Expr.SubPlan(x.kind(), x.plan(), map(x.testexpr(), f), x.paramIds(), x.parParams(),
                    mapAll(x.args(), f), x.correlated(), x.type(), x.typmod(), x.planId(), x.unknownEqFalse(), x.extParams());
            case Expr.AlternativeSubPlan x -> {
                List<Expr.SubPlan> subplans = new ArrayList<>();
                for (Expr.SubPlan sp : x.subplans()) {
                    // a mapping that replaces a SubPlan itself decides for the alternatives
                    Expr mapped = map(sp, f);
                    if (!(mapped instanceof Expr.SubPlan m)) yield mapped;
                    subplans.add(m);
                }
                yield new Expr.AlternativeSubPlan(List.copyOf(subplans));
            }
            case Expr.RowExpr x -> new Expr.RowExpr(mapAll(x.args(), f), x.type(), x.colnames(), x.location());
            case Expr.WholeRowVar x -> new Expr.WholeRowVar(map(x.row(), f), map(x.present(), f), x.refname(), x.location());
            case Expr.FieldSelect x -> new Expr.FieldSelect(map(x.arg(), f), x.fieldnum(), x.type(), x.typmod(), x.fieldName());
            case Expr.FieldStore x -> new Expr.FieldStore(map(x.arg(), f), mapAll(x.newvals(), f), x.fieldnums(), x.type());
            case Expr.RowCompareExpr x -> new Expr.RowCompareExpr(x.rctype(), x.ops(), x.eqOps(), mapAll(x.largs(), f),
                    mapAll(x.rargs(), f));
            case Expr.CurrentOfExpr x -> new Expr.CurrentOfExpr(x.cursorName(), map(x.ctid(), f), map(x.tableOid(), f));
            default -> e;
        };
    }

    /** mapAll over a list that may hold nulls (omitted slice bounds). */
    public static List<Expr> mapNullable(List<Expr> l, Function<Expr, Expr> f) {
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(e == null ? null : map(e, f));
        return java.util.Collections.unmodifiableList(out);
    }

    public static List<Expr> mapAll(List<Expr> l, Function<Expr, Expr> f) {
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(map(e, f));
        return out;
    }

    /** The tree with every location set to -1, so structurally equal expressions compare equal (equal()). */
    public static Expr withoutLocations(Expr e) {
        return map(e, x -> switch (x) {
            case Expr.Var v -> new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), -1, v.levelsup());
            case Expr.Const c -> new Expr.Const(c.type(), c.typmod(), c.value(), -1);
            case Expr.FuncExpr fe -> new Expr.FuncExpr(fe.proc(), mapAll(fe.args(), ExprTrees::withoutLocations), fe.type(), -1,
                    fe.sqlSyntax());
            case Expr.OpExpr o -> new Expr.OpExpr(o.op(), mapAll(o.args(), ExprTrees::withoutLocations), o.type(), -1);
            // equal() ignores the CoercionForm (equalfuncs.c COMPARE_COERCIONFORM_FIELD)
            case Expr.CoerceViaIO c -> new Expr.CoerceViaIO(withoutLocations(c.arg()), c.type(), -1);
            case Expr.CastFunc c when c.explicit() -> withoutLocations(new Expr.CastFunc(c.cast(), c.arg(), c.type()));
            case Expr.ArrayCoerceExpr c when c.explicit() -> withoutLocations(
                    new Expr.ArrayCoerceExpr(c.arg(), c.elemExpr(), c.type(), c.elemType()));
            case Expr.CollateExpr c -> new Expr.CollateExpr(withoutLocations(c.arg()), c.collOid(), -1);
            case Expr.ArrayExpr a -> new Expr.ArrayExpr(a.elemType(), a.type(), mapAll(a.elements(), ExprTrees::withoutLocations),
                    a.multidims(), -1);
            case Expr.SubLink s -> s;
            case Expr.Aggref a when a.location() >= 0 -> withoutLocations(new Expr.Aggref(a.agg(), a.args(), a.star(),
                    a.aggno(), a.type(), a.distinct(), a.filter(), a.order(), a.levelsup(), -1, a.directArgs()));
            case Expr.WindowFunc w -> new Expr.WindowFunc(w.name(), w.fn(), w.agg(), mapAll(w.args(), ExprTrees::withoutLocations),
                    w.star(), withoutLocations(w.filter()), w.winref(), w.type(), -1);
            case Expr.GroupingFunc g -> new Expr.GroupingFunc(mapAll(g.args(), ExprTrees::withoutLocations), g.refs(), g.levelsup(), -1);
            case Expr.RowExpr r -> new Expr.RowExpr(mapAll(r.args(), ExprTrees::withoutLocations), r.type(), r.colnames(), -1);
            case Expr.WholeRowVar w -> new Expr.WholeRowVar(withoutLocations(w.row()), withoutLocations(w.present()),
                    w.refname(), -1);
            default -> null;
        });
    }

    /** equal() of two expressions, ignoring locations. */
    public static boolean equal(Expr a, Expr b) {
        return withoutLocations(a).equals(withoutLocations(b));
    }

    /**
     * The SQLValueFunction keyword {@code e} prints as (get_rule_expr's T_SQLValueFunction), or
     * null: a call marked with the keyword it was written as ({@link Expr.FuncExpr#sqlSyntax}),
     * with the coercions to the keyword's type the parser put over it (CURRENT_DATE is now()
     * cast to date; a precision is a typmod coercion).
     */
    public static String sqlValueFunction(Expr e) {
        boolean typmod = false;
        Expr x = e;
        while (true) {
            switch (x) {
                case Expr.CastFunc c -> x = c.arg();
                case Expr.RelabelType r -> x = r.arg();
                case Expr.CoerceViaIO c -> x = c.arg();
                case Expr.CoerceToTypmod c -> {
                    typmod = true;
                    x = c.arg();
                }
                case Expr.FuncExpr f -> {
                    String shown = f.sqlSyntax();
                    if (shown == null || typmod != shown.contains("(")) return null;
                    String keyword = shown.contains("(") ? shown.substring(0, shown.indexOf('(')) : shown;
                    int type = switch (keyword) {
                        case "CURRENT_DATE" -> 1082;
                        case "CURRENT_TIME" -> 1266;
                        case "LOCALTIME" -> 1083;
                        case "LOCALTIMESTAMP" -> 1114;
                        case "CURRENT_TIMESTAMP" -> 1184;
                        default -> f.type();
                    };
                    return e.type() == type ? shown : null;
                }
                default -> {
                    return null;
                }
            }
        }
    }

    /** IncrementVarSublevelsUp: every Var (and CTE-free) reference moved {@code delta} levels further out. */
    public static Expr incrementLevelsUp(Expr e, int delta) {
        if (delta == 0) return e;
        return map(e, x -> x instanceof Expr.Var v
                ? new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), v.location(), v.levelsup() + delta)
                : null);
    }
}
