package org.tusk.commands.explain;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.OutputSettings;
import org.tusk.utils.adt.Texts;

/**
 * Prints plan expressions as EXPLAIN shows them (ruleutils.c deparse_expression with
 * prettyFlags 0, as explain.c's show_expression calls it): every operator and boolean
 * expression in parentheses ("(unique1 < 10)", "((a = 1) AND (b > 2))"), constants as
 * get_const_expr prints them ("10", "'-1'::integer", "'abc'::text", "1.5", "'5'::numeric"),
 * casts as "(x)::type" except an implicit one at the top of the expression, and column
 * references prefixed by their FROM item's name when {@code useprefix} (explain.c decides that
 * per property: scan quals without, join and upper quals with more than one range table entry,
 * and everything under VERBOSE).
 *
 * <p>Columns are resolved through {@link ExplainColumn}s: a resolved Var reads its node's input
 * tuple, whose columns are either named FROM item columns or expressions of a lower node,
 * printed in place. Exec parameters set by a nested loop print as the outer expression they
 * carry; an initplan's output as "$n"; SubPlans as "(SubPlan n)" or "(hashed SubPlan n)", the
 * numbers given by the {@link Context}.
 *
 * <p>Focused on EXPLAIN; a general deparser for pg_get_expr is written separately, and the two
 * are to be unified.
 */
final class ExplainDeparser {
    /** What the printer knows about the statement's parameters and subplans. */
    interface Context {
        /** The label of a SubPlan ("SubPlan 2"), numbering it on first use. */
        String subPlanName(Expr.SubPlan sp);

        /** Whether the SubPlan runs once (an initplan, or hashed for ANY). */
        boolean isInitPlan(Expr.SubPlan sp);

        /** An initplan's output parameter as PostgreSQL prints it ("$0"). */
        String initPlanOutput(Expr.SubPlan sp);

        /** The text for exec parameter {@code id} (a nested loop's outer value, an initplan's "$n"), or null. */
        String param(int id, boolean useprefix);
    }

    private final Context ctx;
    private final OutputSettings output;

    ExplainDeparser(Context ctx, OutputSettings output) {
        this.ctx = ctx;
        this.output = output;
    }

    /** deparse_expression for an expression over {@code input} (showimplicit false at the top). */
    String deparse(Expr e, List<ExplainColumn> input, boolean useprefix) {
        StringBuilder sb = new StringBuilder();
        expr(sb, e, input, useprefix, false);
        return sb.toString();
    }

    /** show_qual: a conjunction list printed as one AND expression (make_ands_explicit). */
    String deparseQual(Expr qual, List<ExplainColumn> input, boolean useprefix) {
        return deparse(qual, input, useprefix);
    }

    private void expr(StringBuilder sb, Expr e, List<ExplainColumn> in, boolean pre, boolean showimplicit) {
        String svf = org.tusk.nodes.ExprTrees.sqlValueFunction(e);
        if (svf != null) {
            sb.append(svf);
            return;
        }
        switch (e) {
            case Expr.Var v -> var(sb, v, in, pre);
            case Expr.WholeRowVar w -> wholeRow(sb, w, in);
            case Expr.CoerceToDomainValue v -> sb.append("VALUE");
            case Expr.CaseTestExpr v -> sb.append("CaseTestExpr");
            case Expr.Const c -> constant(sb, c, 0);
            case Expr.Param p -> sb.append('$').append(p.number());
            case Expr.ExecParam p -> {
                String s = ctx.param(p.id(), pre);
                sb.append(s != null ? s : "$" + p.id());
            }
            case Expr.OpExpr o -> {
                String name = o.op().name();
                if (o.args().size() == 2) {
                    sb.append('(');
                    expr(sb, o.args().get(0), in, pre, true);
                    sb.append(' ').append(name).append(' ');
                    expr(sb, o.args().get(1), in, pre, true);
                    sb.append(')');
                } else {
                    sb.append('(').append(name).append(' ');
                    expr(sb, o.args().get(0), in, pre, true);
                    sb.append(')');
                }
            }
            case Expr.FuncExpr f -> {
                sb.append(f.proc().name()).append('(');
                args(sb, f.args(), in, pre);
                sb.append(')');
            }
            case Expr.CastFunc c -> coercion(sb, c.arg(), c.type(), -1, in, pre, showimplicit || c.explicit());
            case Expr.RelabelType r -> coercion(sb, r.arg(), r.type(), r.typmod(), in, pre, showimplicit || r.explicit());
            case Expr.CoerceViaIO c -> coercion(sb, c.arg(), c.type(), -1, in, pre, true);
            case Expr.CollateExpr c -> {
                sb.append('(');
                expr(sb, c.arg(), in, pre, showimplicit);
                sb.append(" COLLATE ").append(org.tusk.catalog.Collations.quoted(c.collOid())).append(')');
            }
            case Expr.CoerceToTypmod c -> coercion(sb, c.arg(), c.type(), c.typmod(), in, pre, showimplicit || c.explicit());
            case Expr.CoerceToDomain c -> coercion(sb, c.arg(), c.type(), -1, in, pre, showimplicit);
            case Expr.BoolExpr b -> {
                if (b.op() == RawExpr.BoolOp.NOT) {
                    sb.append("(NOT ");
                    expr(sb, b.args().get(0), in, pre, false);
                    sb.append(')');
                } else {
                    String op = b.op() == RawExpr.BoolOp.AND ? " AND " : " OR ";
                    sb.append('(');
                    for (int i = 0; i < b.args().size(); i++) {
                        if (i > 0) sb.append(op);
                        expr(sb, b.args().get(i), in, pre, false);
                    }
                    sb.append(')');
                }
            }
            case Expr.NullTest n -> {
                sb.append('(');
                expr(sb, n.arg(), in, pre, true);
                sb.append(n.isNot() ? " IS NOT NULL)" : " IS NULL)");
            }
            case Expr.BooleanTest b -> {
                sb.append('(');
                expr(sb, b.arg(), in, pre, true);
                sb.append(switch (b.test()) {
                    case IS_TRUE -> " IS TRUE)";
                    case IS_NOT_TRUE -> " IS NOT TRUE)";
                    case IS_FALSE -> " IS FALSE)";
                    case IS_NOT_FALSE -> " IS NOT FALSE)";
                    case IS_UNKNOWN -> " IS UNKNOWN)";
                    case IS_NOT_UNKNOWN -> " IS NOT UNKNOWN)";
                });
            }
            case Expr.DistinctExpr d -> {
                if (d.not()) sb.append("(NOT ");
                sb.append('(');
                expr(sb, d.left(), in, pre, true);
                sb.append(" IS DISTINCT FROM ");
                expr(sb, d.right(), in, pre, true);
                sb.append(')');
                if (d.not()) sb.append(')');
            }
            case Expr.CaseExpr c -> {
                sb.append("CASE");
                for (Expr.CaseWhen w : c.whens()) {
                    sb.append(" WHEN ");
                    expr(sb, w.cond(), in, pre, false);
                    sb.append(" THEN ");
                    expr(sb, w.result(), in, pre, true);
                }
                if (c.defResult() != null) {
                    sb.append(" ELSE ");
                    expr(sb, c.defResult(), in, pre, true);
                }
                sb.append(" END");
            }
            case Expr.CoalesceExpr c -> {
                sb.append("COALESCE(");
                args(sb, c.args(), in, pre);
                sb.append(')');
            }
            case Expr.MinMaxExpr m -> {
                sb.append(m.greatest() ? "GREATEST(" : "LEAST(");
                args(sb, m.args(), in, pre);
                sb.append(')');
            }
            case Expr.NullIfExpr n -> {
                sb.append("NULLIF(");
                args(sb, List.of(n.a(), n.b()), in, pre);
                sb.append(')');
            }
            case Expr.Aggref a -> aggref(sb, a, in, pre);
            case Expr.SubPlan sp -> subPlan(sb, sp, in, pre);
            case Expr.AlternativeSubPlan a -> {
                // ruleutils' "alternatives:" form (the planner normally has chosen one already)
                sb.append("(alternatives: ");
                for (int i = 0; i < a.subplans().size(); i++) {
                    if (i > 0) sb.append(" or ");
                    subPlan(sb, a.subplans().get(i), in, pre);
                }
                sb.append(')');
            }
            case Expr.SubLink s -> sb.append("(SubLink)");
            case Expr.SubLinkParam p -> sb.append("$").append(p.colno());
            case Expr.WindowFunc w -> {
                // get_windowfunc_expr: EXPLAIN has no window names to show, hence "OVER (?)"
                sb.append(w.name()).append('(');
                if (w.star()) sb.append('*'); else args(sb, w.args(), in, pre);
                sb.append(')');
                if (w.filter() != null) {
                    sb.append(" FILTER (WHERE ");
                    expr(sb, w.filter(), in, pre, false);
                    sb.append(')');
                }
                sb.append(" OVER (?)");
            }
            case Expr.GroupingFunc g -> {
                sb.append("GROUPING(");
                args(sb, g.args(), in, pre);
                sb.append(')');
            }
            case Expr.ArrayExpr a -> {
                sb.append("ARRAY[");
                args(sb, a.elements(), in, pre);
                sb.append(']');
            }
            case Expr.SubscriptingRef r -> {
                // get_rule_expr parenthesizes any container but a plain Var, so (a[1])[2] stays distinct from a[1][2]
                boolean parens = !(r.container() instanceof Expr.Var);
                if (parens) sb.append('(');
                expr(sb, r.container(), in, pre, true);
                if (parens) sb.append(')');
                for (int i = 0; i < r.upper().size(); i++) {
                    sb.append('[');
                    if (r.lower() != null && i < r.lower().size() && r.lower().get(i) != null) {
                        expr(sb, r.lower().get(i), in, pre, true);
                        sb.append(':');
                    }
                    if (r.upper().get(i) != null) expr(sb, r.upper().get(i), in, pre, true);
                    sb.append(']');
                }
            }
            case Expr.SubscriptingAssign a -> expr(sb, a.value(), in, pre, showimplicit);
            case Expr.ScalarArrayOpExpr o -> {
                sb.append('(');
                expr(sb, o.left(), in, pre, true);
                sb.append(' ').append(o.op().name()).append(o.useOr() ? " ANY (" : " ALL (");
                expr(sb, o.right(), in, pre, true);
                sb.append("))");
            }
            case Expr.ArrayCoerceExpr c -> coercion(sb, c.arg(), c.type(), -1, in, pre, showimplicit || c.explicit());
            case Expr.RowExpr r -> {
                // get_rule_expr's RowExpr: ROW(...), cast when it has a named type
                sb.append("ROW(");
                args(sb, r.args(), in, pre);
                sb.append(')');
                if (r.type() != org.tusk.catalog.TypeOids.RECORD)
                    sb.append("::").append(org.tusk.catalog.BuiltinCatalog.formatType(r.type()));
            }
            case Expr.FieldSelect f when f.arg() instanceof Expr.SubPlan sp && sp.kind() == Expr.SubLinkType.MULTIEXPR ->
                // a column of a multiple-column assignment reads its subplan's output Param
                sb.append('$').append(sp.paramIds().get(f.fieldnum() - 1));
            case Expr.FieldSelect f -> {
                sb.append('(');
                expr(sb, f.arg(), in, pre, true);
                org.tusk.catalog.TypeCache.CompositeType ct = org.tusk.catalog.TypeCache.lookupComposite(f.arg().type());
                // get_name_for_var_field: an anonymous record's field by the name its ROW(...) gave it
                String field = ct != null ? ct.names().get(f.fieldnum() - 1) : f.fieldName();
                sb.append(").").append(field == null ? "f" + f.fieldnum() : Texts.quoteIdentifier(field));
            }
            case Expr.FieldStore f -> args(sb, f.newvals(), in, pre);
            case Expr.RowCompareExpr rc -> {
                sb.append("(ROW(");
                args(sb, rc.largs(), in, pre);
                sb.append(") ").append(rc.ops().get(0).name()).append(" ROW(");
                args(sb, rc.rargs(), in, pre);
                sb.append("))");
            }
            // ruleutils.c get_rule_expr, T_CurrentOfExpr
            case Expr.CurrentOfExpr c -> sb.append("CURRENT OF ").append(Texts.quoteIdentifier(c.cursorName()));
        }
    }

    private void args(StringBuilder sb, List<Expr> args, List<ExplainColumn> in, boolean pre) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) sb.append(", ");
            expr(sb, args.get(i), in, pre, true);
        }
    }

    private void var(StringBuilder sb, Expr.Var v, List<ExplainColumn> in, boolean pre) {
        int k = v.attno() - 1;
        // a scan's quals keep their range table index in varno; everything else is resolved: both index the input tuple
        if (in == null || k < 0 || k >= in.size()) {
            // not resolvable through the plan (should not happen): the name the parser gave it
            sb.append(v.name() != null ? Texts.quoteIdentifier(v.name()) : "?column?");
            return;
        }
        switch (in.get(k)) {
            case ExplainColumn.Named n -> {
                if (pre && n.refname() != null) sb.append(Texts.quoteIdentifier(n.refname())).append('.');
                sb.append(Texts.quoteIdentifier(n.name()));
            }
            case ExplainColumn.Computed c -> {
                // get_variable on OUTER_VAR/INNER_VAR: the lower node's expression printed in place,
                // in parentheses unless it is itself a Var ("caller probably assumed a Var is simple")
                boolean paren = !c.inlined() && !(c.expr() instanceof Expr.Var);
                if (paren) sb.append('(');
                expr(sb, c.expr(), c.input(), pre, true);
                if (paren) sb.append(')');
            }
        }
    }

    /**
     * get_variable for a whole-row Var: {@code refname.*}, always qualified (it has no column name
     * to print alone), the name taken from where the plan put the table's ctid.
     */
    private void wholeRow(StringBuilder sb, Expr.WholeRowVar w, List<ExplainColumn> in) {
        String refname = scanName(w.present(), in);
        // no ctid to follow (a row that is never null-extended: a CTE, subquery or function row):
        // the row's columns lead to the scan that names the item, as set_rtable_names named it
        // (only the item's own scan: its name, made unique by a suffix; a column of a pulled-up
        // subquery's row leads to another relation)
        if (refname == null && w.row() instanceof Expr.RowExpr r && w.refname() != null)
            for (Expr e : r.args()) {
                String name = scanName(e, in);
                if (name != null && (name.equals(w.refname())
                        || name.matches(java.util.regex.Pattern.quote(w.refname()) + "_[0-9]+"))) {
                    refname = name;
                    break;
                }
            }
        sb.append(Texts.quoteIdentifier(refname != null ? refname : w.refname())).append(".*");
    }

    /** The name of the scan whose column {@code p} reads, followed down through the nodes that pass it on; null if none. */
    private static String scanName(Expr p, List<ExplainColumn> cols) {
        while (p instanceof Expr.Var v && cols != null && v.attno() >= 1 && v.attno() <= cols.size()) {
            ExplainColumn col = cols.get(v.attno() - 1);
            if (col instanceof ExplainColumn.Computed c) {
                p = c.expr();
                cols = c.input();
                continue;
            }
            return col instanceof ExplainColumn.Named n ? n.refname() : null;
        }
        return null;
    }

    /** get_coercion_expr / implicit-cast hiding. */
    private void coercion(StringBuilder sb, Expr arg, int type, int typmod, List<ExplainColumn> in, boolean pre,
                          boolean show) {
        if (!show) {
            expr(sb, arg, in, pre, false);
            return;
        }
        if (arg instanceof Expr.Const c && c.type() == type && c.typmod() < 0) {
            constant(sb, c, -1);
        } else {
            sb.append('(');
            expr(sb, arg, in, pre, false);
            sb.append(')');
        }
        sb.append("::").append(typeName(type, typmod));
    }

    /** get_const_expr; {@code showtype} -1: never label, 0: label when needed. */
    void constant(StringBuilder sb, Expr.Const c, int showtype) {
        if (c.value() == null) {
            sb.append("NULL");
            if (showtype >= 0) sb.append("::").append(typeName(c.type(), c.typmod()));
            return;
        }
        String ext = BuiltinCatalog.type(c.type()).output().out(c.value(), output);
        boolean needLabel;
        switch (c.type()) {
            case TypeOids.INT4 -> {
                if (!ext.startsWith("-")) sb.append(ext); else sb.append('\'').append(ext).append('\'');
                needLabel = ext.startsWith("-");
            }
            case TypeOids.NUMERIC -> {
                boolean looksNumeric = !ext.isEmpty() && Character.isDigit(ext.charAt(0)) && ext.chars().anyMatch(ch -> ch == '.' || ch == 'e' || ch == 'E');
                if (looksNumeric) sb.append(ext); else quote(sb, ext);
                needLabel = !looksNumeric || c.typmod() >= 0;
            }
            case TypeOids.BOOL -> {
                sb.append("t".equals(ext) ? "true" : "false");
                needLabel = false;
            }
            case TypeOids.UNKNOWN -> {
                quote(sb, ext);
                needLabel = false;
            }
            default -> {
                quote(sb, ext);
                needLabel = true;
            }
        }
        if (needLabel && showtype >= 0) sb.append("::").append(typeName(c.type(), c.typmod()));
    }

    /** simple_quote_literal (standard_conforming_strings on). */
    private static void quote(StringBuilder sb, String s) {
        sb.append('\'').append(s.replace("'", "''")).append('\'');
    }

    /** format_type_with_typemod, for the types whose modifiers print. */
    static String typeName(int type, int typmod) {
        // format_type_with_typemod: character with typmod -1 given is "bpchar" (CHARACTER would
        // read back as character(1)); an array of it, whose typmod is its element's, "bpchar[]"
        if (typmod < 0 && type == TypeOids.BPCHAR) return "bpchar";
        if (typmod < 0 && type == 1014) return "bpchar[]";
        String base = BuiltinCatalog.formatType(type);
        if (typmod < 0) return base;
        return switch (type) {
            case TypeOids.VARCHAR, TypeOids.BPCHAR -> base + "(" + (typmod - 4) + ")";
            case TypeOids.NUMERIC -> {
                int p = ((typmod - 4) >> 16) & 0xffff, s = (typmod - 4) & 0xffff;
                yield base + "(" + p + "," + s + ")";
            }
            default -> base;
        };
    }

    /**
     * get_agg_expr: name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)], count(*) for a
     * star, name(direct args) WITHIN GROUP (ORDER BY ...) for an ordered-set aggregate.
     */
    private void aggref(StringBuilder sb, Expr.Aggref a, List<ExplainColumn> in, boolean pre) {
        sb.append(a.agg().name()).append('(');
        if (a.orderedSet()) {
            args(sb, a.directArgs(), in, pre);
            sb.append(") WITHIN GROUP (ORDER BY ");
            aggOrder(sb, a.order(), in, pre);
        } else if (a.star()) {
            sb.append('*');
        } else {
            if (a.distinct()) sb.append("DISTINCT ");
            args(sb, a.args(), in, pre);
            if (!a.order().isEmpty()) {
                sb.append(" ORDER BY ");
                aggOrder(sb, a.order(), in, pre);
            }
        }
        sb.append(')');
        if (a.filter() != null) {
            sb.append(" FILTER (WHERE ");
            expr(sb, a.filter(), in, pre, false);
            sb.append(')');
        }
    }

    private void aggOrder(StringBuilder sb, List<Expr.AggSort> order, List<ExplainColumn> in, boolean pre) {
        for (int i = 0; i < order.size(); i++) {
            Expr.AggSort o = order.get(i);
            if (i > 0) sb.append(", ");
            // get_rule_sortgroupclause: a key that is not a plain column or constant is parenthesized
            boolean paren = !(o.expr() instanceof Expr.Var || o.expr() instanceof Expr.Const);
            if (paren) sb.append('(');
            expr(sb, o.expr(), in, pre, true);
            if (paren) sb.append(')');
            if (o.useOp() != null) {
                sb.append(" USING ").append(o.useOp()).append(o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
                continue;
            }
            if (o.desc()) sb.append(" DESC");
            if (o.nullsFirst() != o.desc()) sb.append(o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    /**
     * A SubPlan reference: an initplan's value is its output parameter; ANY over a hashed
     * subplan prints "(hashed SubPlan n)"; otherwise "(SubPlan n)". With a test expression
     * PostgreSQL prints the subplan name alone, as here.
     */
    private void subPlan(StringBuilder sb, Expr.SubPlan sp, List<ExplainColumn> in, boolean pre) {
        String name = ctx.subPlanName(sp);
        if (sp.kind() == Expr.SubLinkType.MULTIEXPR) {
            // build_subplan labels it with the Params it sets; as an initplan its target entry is a NULL
            if (ctx.isInitPlan(sp)) sb.append("NULL::record");
            else sb.append('(').append(name).append(" (returns ").append(multiExprParams(sp)).append("))");
            return;
        }
        if (ctx.isInitPlan(sp) && sp.kind() != Expr.SubLinkType.ANY && sp.kind() != Expr.SubLinkType.ALL) {
            sb.append(ctx.initPlanOutput(sp));
            return;
        }
        if (org.tusk.executor.SubPlanEvaluator.useHashTable(sp)) sb.append("(hashed ").append(name).append(')');
        else sb.append('(').append(name).append(')');
    }

    /** The output Params of a MULTIEXPR subplan, as its plan_name lists them ("$1,$2"). */
    static String multiExprParams(Expr.SubPlan sp) {
        StringBuilder b = new StringBuilder();
        for (int id : sp.paramIds()) b.append(b.isEmpty() ? "" : ",").append('$').append(id);
        return b.toString();
    }

    /** Deparsed target list entries (VERBOSE's Output line). */
    List<String> deparseList(List<Expr> exprs, List<ExplainColumn> input, boolean useprefix) {
        List<String> out = new ArrayList<>();
        for (Expr e : exprs) out.add(deparse(e, input, useprefix));
        return out;
    }
}
