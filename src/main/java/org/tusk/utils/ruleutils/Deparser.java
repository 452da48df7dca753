package org.tusk.utils.ruleutils;

import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgType;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.adt.OutputSettings;

/**
 * Prints an analysed expression in PostgreSQL's canonical form (ruleutils.c get_rule_expr with
 * PRETTYFLAG_PAREN, as pg_get_expr(..., true) and pg_get_constraintdef(..., true) use it):
 * {@code price >= 0::numeric}, {@code nextval('s'::regclass)}, {@code now()}.
 *
 * <p>As in get_rule_expr, a coercion at the top of the expression is left out
 * ({@code showimplicit} false), while the arguments of operators and functions show theirs. Tusk's
 * coercion nodes do not record whether the user wrote the cast (PostgreSQL's CoercionForm), so a
 * written cast at the very top is left out too. Operator arguments are parenthesized when they
 * are themselves operator or boolean expressions (PRETTY_PAREN's rules, simplified: always for
 * nested operators of lower or unknown precedence).
 */
public final class Deparser {
    private final StringBuilder buf = new StringBuilder();

    private Deparser() {}

    /** get_rule_expr(expr, context, false). */
    public static String deparse(Expr e) {
        Deparser d = new Deparser();
        d.expr(e, false);
        return d.buf.toString();
    }

    private void expr(Expr e, boolean showImplicit) {
        String svf = org.tusk.nodes.ExprTrees.sqlValueFunction(e);
        if (svf != null) {
            buf.append(svf);
            return;
        }
        switch (e) {
            case Expr.Const c -> constant(c);
            case Expr.Var v -> buf.append(quote(v.name()));
            // get_variable for attnum 0: the relation's whole row
            case Expr.WholeRowVar w -> buf.append(quote(w.refname())).append(".*");
            case Expr.CoerceToDomainValue v -> buf.append("VALUE");
            case Expr.FuncExpr f -> {
                buf.append(RuleExpr.functionName(f.proc())).append('(');
                list(f.args());
                buf.append(')');
            }
            case Expr.OpExpr o -> operator(o);
            case Expr.CastFunc c -> coercion(c.arg(), c.type(), -1, showImplicit);
            case Expr.RelabelType r -> coercion(r.arg(), r.type(), r.typmod(), showImplicit);
            case Expr.CoerceViaIO c -> coercion(c.arg(), c.type(), -1, showImplicit);
            case Expr.CollateExpr c -> {
                paren(c.arg());
                buf.append(" COLLATE ").append(org.tusk.catalog.Collations.quoted(c.collOid()));
            }
            case Expr.CoerceToTypmod c -> coercion(c.arg(), c.type(), c.typmod(), showImplicit);
            case Expr.CoerceToDomain c -> coercion(c.arg(), c.type(), -1, showImplicit);
            case Expr.BoolExpr b -> bool(b);
            case Expr.NullTest n -> {
                paren(n.arg());
                buf.append(n.isNot() ? " IS NOT NULL" : " IS NULL");
            }
            case Expr.BooleanTest t -> {
                paren(t.arg());
                buf.append(switch (t.test()) {
                    case IS_TRUE -> " IS TRUE";
                    case IS_NOT_TRUE -> " IS NOT TRUE";
                    case IS_FALSE -> " IS FALSE";
                    case IS_NOT_FALSE -> " IS NOT FALSE";
                    case IS_UNKNOWN -> " IS UNKNOWN";
                    case IS_NOT_UNKNOWN -> " IS NOT UNKNOWN";
                });
            }
            case Expr.DistinctExpr d -> {
                paren(d.left());
                buf.append(d.not() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
                paren(d.right());
            }
            case Expr.CaseExpr c -> {
                buf.append("CASE");
                for (Expr.CaseWhen w : c.whens()) {
                    buf.append(" WHEN ");
                    expr(w.cond(), false);
                    buf.append(" THEN ");
                    expr(w.result(), true);
                }
                if (c.defResult() != null) {
                    buf.append(" ELSE ");
                    expr(c.defResult(), true);
                }
                buf.append(" END");
            }
            case Expr.CoalesceExpr c -> {
                buf.append("COALESCE(");
                list(c.args());
                buf.append(')');
            }
            case Expr.MinMaxExpr m -> {
                buf.append(m.greatest() ? "GREATEST(" : "LEAST(");
                list(m.args());
                buf.append(')');
            }
            case Expr.NullIfExpr n -> {
                buf.append("NULLIF(");
                list(List.of(n.a(), n.b()));
                buf.append(')');
            }
            case Expr.Param p -> buf.append('$').append(p.number());
            case Expr.RowExpr r -> {
                // get_rule_expr's RowExpr: ROW(...), with the cast to its named row type
                buf.append("ROW(");
                list(r.args());
                buf.append(')');
                if (r.type() != org.tusk.catalog.TypeOids.RECORD)
                    buf.append("::").append(RuleExpr.typeName(r.type(), -1));
            }
            default -> throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot deparse expression node " + e.getClass().getSimpleName());
        }
    }

    private void list(List<Expr> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) buf.append(", ");
            expr(args.get(i), true);
        }
    }

    /** get_oper_expr: binary "a op b", prefix "op a". */
    private void operator(Expr.OpExpr o) {
        String op = o.op().name();
        if (o.args().size() == 1) {
            buf.append(op).append(' ');
            paren(o.args().get(0));
        } else {
            paren(o.args().get(0));
            buf.append(' ').append(op).append(' ');
            paren(o.args().get(1));
        }
    }

    private void bool(Expr.BoolExpr b) {
        switch (b.op()) {
            case NOT -> {
                buf.append("NOT ");
                paren(b.args().get(0));
            }
            case AND, OR -> {
                String sep = b.op() == RawExpr.BoolOp.AND ? " AND " : " OR ";
                for (int i = 0; i < b.args().size(); i++) {
                    if (i > 0) buf.append(sep);
                    paren(b.args().get(i));
                }
            }
        }
    }

    /** get_rule_expr_paren with showimplicit true: parenthesize nested operators and boolean expressions. */
    private void paren(Expr e) {
        // a CollateExpr is not a simple node either (isSimpleNode), so an operand gets parentheses
        boolean need = e instanceof Expr.OpExpr || e instanceof Expr.BoolExpr || e instanceof Expr.DistinctExpr
                || e instanceof Expr.NullTest || e instanceof Expr.BooleanTest || e instanceof Expr.CollateExpr;
        if (need) buf.append('(');
        expr(e, true);
        if (need) buf.append(')');
    }

    /**
     * get_coercion_expr: "arg::type". A constant of the same type is printed as the constant;
     * other arguments in parentheses unless they are simple (PRETTY_PAREN).
     */
    private void coercion(Expr arg, int type, int typmod, boolean showImplicit) {
        if (!showImplicit) {
            expr(arg, false);
            return;
        }
        boolean simple = arg instanceof Expr.Const || arg instanceof Expr.Var || arg instanceof Expr.FuncExpr
                || arg instanceof Expr.CoerceToDomainValue;
        if (!simple) buf.append('(');
        expr(arg, false);
        if (!simple) buf.append(')');
        buf.append("::").append(FormatType.format(type, typmod, true));
    }

    /** get_const_expr with showtype 0. */
    private void constant(Expr.Const c) {
        if (c.value() == null) {
            buf.append("NULL");
            if (c.type() != TypeOids.UNKNOWN) buf.append("::").append(FormatType.format(c.type(), c.typmod(), true));
            return;
        }
        PgType t = BuiltinCatalog.type(c.type());
        String ext = t.output().out(c.value(), OutputSettings.DEFAULT);
        boolean needLabel;
        switch (c.type()) {
            case TypeOids.INT4 -> {
                if (!ext.startsWith("-")) {
                    buf.append(ext);
                    needLabel = false;
                } else {
                    buf.append('\'').append(ext).append('\'');
                    needLabel = true;
                }
            }
            case TypeOids.NUMERIC -> {
                boolean isFloat = false;
                if (ext.chars().allMatch(ch -> "0123456789+-eE.".indexOf(ch) >= 0)) {
                    if (ext.startsWith("+") || ext.startsWith("-")) buf.append('(').append(ext).append(')');
                    else buf.append(ext);
                    isFloat = ext.indexOf('e') >= 0 || ext.indexOf('E') >= 0 || ext.indexOf('.') >= 0;
                } else {
                    buf.append('\'').append(ext).append('\'');
                }
                needLabel = !isFloat || c.typmod() >= 0;
            }
            case TypeOids.BOOL -> {
                buf.append(((Boolean) c.value()) ? "true" : "false");
                needLabel = false;
            }
            default -> {
                simpleQuoteLiteral(ext);
                needLabel = c.type() != TypeOids.UNKNOWN;
            }
        }
        if (needLabel) buf.append("::").append(FormatType.format(c.type(), c.typmod(), true));
    }

    /** simple_quote_literal: doubles quotes and backslashes (standard_conforming_strings on). */
    private void simpleQuoteLiteral(String s) {
        buf.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') buf.append('\'');
            buf.append(ch);
        }
        buf.append('\'');
    }

    private static String quote(String id) {
        return org.tusk.utils.adt.RegTypes.quote(id);
    }
}
