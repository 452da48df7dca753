package org.tusk.utils.ruleutils;

import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.WindowFrame;
import org.tusk.utils.adt.FormatType;
import org.tusk.utils.adt.RegTypes;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ruleutils.c get_rule_expr over an analysed expression, in a {@link DeparseContext}: without
 * PRETTYFLAG_PAREN every operator, boolean and test expression wraps itself in parentheses
 * ({@code ((t.a + 1) > 2)}); with it, get_rule_expr_paren adds them only where
 * {@link #isSimpleNode} says the node would not re-parse the same. Vars are printed as
 * {@code refname.colname} through the context's query levels (get_variable).
 *
 * <p>A coercion the user wrote (PostgreSQL's CoercionForm COERCE_EXPLICIT_CAST, the
 * {@code explicit} of the coercion nodes) is always shown; an implicit one is shown where
 * {@code showimplicit} is true (operator and function arguments, target list entries — most
 * places) and hidden where PostgreSQL hides implicit casts (WHERE, VALUES, LIMIT, the argument
 * of another cast).
 */
final class RuleExpr {
    private final DeparseContext ctx;

    RuleExpr(DeparseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * get_parameter for an external parameter: inside a SQL function's body (the outermost
     * namespace has the argument names) an argument with a name prints as that name, qualified
     * with the function's name when some level printed has a range table (so that "RETURN a + b"
     * stays short but a name that could also be a column cannot be read as one); otherwise $n.
     */
    private void parameter(Expr.Param p) {
        StringBuilder buf = ctx.buf;
        DeparseNamespace outer = ctx.namespaces.isEmpty() ? null : ctx.namespaces.get(ctx.namespaces.size() - 1);
        if (outer != null && outer.argnames != null && p.number() > 0 && p.number() <= outer.argnames.size()) {
            String argname = outer.argnames.get(p.number() - 1);
            // as get_parameter: an unnamed argument among named ones has the name "" (proargnames)
            if (argname != null) {
                boolean qualify = false;
                for (DeparseNamespace n : ctx.namespaces) if (!n.rtableNames.isEmpty()) qualify = true;
                if (qualify) buf.append(RegTypes.quote(outer.funcname)).append('.');
                buf.append(RegTypes.quote(argname));
                return;
            }
        }
        buf.append('$').append(p.number());
    }

    /** get_rule_expr(node, context, showimplicit). */
    void expr(Expr e, boolean showimplicit) {
        StringBuilder buf = ctx.buf;
        String svf = org.tusk.nodes.ExprTrees.sqlValueFunction(e);
        if (svf != null) {
            buf.append(svf);
            return;
        }
        switch (e) {
            case Expr.Var v -> variable(v);
            case Expr.WholeRowVar w -> wholeRow(w, false);
            case Expr.Const c -> constant(c, 0);
            case Expr.Param p -> parameter(p);
            case Expr.OpExpr o -> operator(o);
            case Expr.FuncExpr f -> {
                buf.append(functionName(f.proc())).append('(');
                list(f.args(), true);
                buf.append(')');
            }
            case Expr.CastFunc c -> coercionNode(e, c.arg(), c.type(), -1, showimplicit || c.explicit());
            case Expr.RelabelType r -> coercionNode(e, r.arg(), r.type(), r.typmod(), showimplicit || r.explicit());
            case Expr.CoerceViaIO c -> coercionNode(e, c.arg(), c.type(), -1, showimplicit || c.explicit());
            case Expr.CollateExpr c -> {
                // get_rule_expr T_CollateExpr
                open();
                paren(c.arg(), showimplicit, e);
                ctx.buf.append(" COLLATE ").append(org.tusk.catalog.Collations.quoted(c.collOid()));
                close();
            }
            case Expr.ArrayCoerceExpr c -> coercionNode(e, c.arg(), c.type(), -1, showimplicit || c.explicit());
            case Expr.CoerceToTypmod c -> coercionNode(e, c.arg(), c.type(), c.typmod(), showimplicit || c.explicit());
            case Expr.BoolExpr b -> bool(b);
            case Expr.NullTest n -> {
                open();
                paren(n.arg(), true, e);
                buf.append(n.isNot() ? " IS NOT NULL" : " IS NULL");
                close();
            }
            case Expr.BooleanTest t -> {
                open();
                paren(t.arg(), false, e);
                buf.append(switch (t.test()) {
                    case IS_TRUE -> " IS TRUE";
                    case IS_NOT_TRUE -> " IS NOT TRUE";
                    case IS_FALSE -> " IS FALSE";
                    case IS_NOT_FALSE -> " IS NOT FALSE";
                    case IS_UNKNOWN -> " IS UNKNOWN";
                    case IS_NOT_UNKNOWN -> " IS NOT UNKNOWN";
                });
                close();
            }
            case Expr.DistinctExpr d -> distinct(d);
            case Expr.ScalarArrayOpExpr s -> {
                open();
                paren(s.left(), true, e);
                buf.append(' ').append(s.op().name()).append(s.useOr() ? " ANY (" : " ALL (");
                paren(s.right(), true, e);
                if (s.right() instanceof Expr.SubLink sl && sl.kind() == Expr.SubLinkType.EXPR)
                    buf.append("::").append(typeName(sl.type(), sl.typmod()));
                buf.append(')');
                close();
            }
            case Expr.CaseExpr c -> caseExpr(c);
            case Expr.CoalesceExpr c -> {
                buf.append("COALESCE(");
                list(c.args(), true);
                buf.append(')');
            }
            case Expr.MinMaxExpr m -> {
                buf.append(m.greatest() ? "GREATEST(" : "LEAST(");
                list(m.args(), true);
                buf.append(')');
            }
            case Expr.NullIfExpr n -> {
                buf.append("NULLIF(");
                list(List.of(n.a(), n.b()), true);
                buf.append(')');
            }
            case Expr.ArrayExpr a -> {
                buf.append("ARRAY[");
                list(a.elements(), true);
                buf.append(']');
            }
            case Expr.SubscriptingRef r -> subscripts(r);
            case Expr.Aggref a -> aggregate(a);
            case Expr.WindowFunc w -> windowFunc(w);
            case Expr.GroupingFunc g -> {
                buf.append("GROUPING(");
                list(g.args(), true);
                buf.append(')');
            }
            case Expr.SubLink s -> sublink(s);
            case Expr.RowExpr r -> {
                // get_rule_expr's RowExpr: ROW(...), with the cast to its named row type
                buf.append("ROW(");
                list(r.args(), true);
                buf.append(')');
                if (r.type() != org.tusk.catalog.TypeOids.RECORD) buf.append("::").append(typeName(r.type(), -1));
            }
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot deparse expression node " + e.getClass().getSimpleName());
        }
    }

    /** Opening parenthesis of a node that wraps itself when PRETTYFLAG_PAREN is off. */
    private void open() {
        if (!ctx.prettyParen()) ctx.buf.append('(');
    }

    private void close() {
        if (!ctx.prettyParen()) ctx.buf.append(')');
    }

    /** get_rule_expr of a List: elements separated by ", ". */
    void list(List<Expr> args, boolean showimplicit) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) ctx.buf.append(", ");
            expr(args.get(i), showimplicit);
        }
    }

    /** get_rule_expr_paren: parentheses when PRETTYFLAG_PAREN is on and the node is not simple under its parent. */
    void paren(Expr node, boolean showimplicit, Expr parent) {
        boolean need = ctx.prettyParen() && !isSimpleNode(node, parent, ctx.prettyFlags);
        if (need) ctx.buf.append('(');
        expr(node, showimplicit);
        if (need) ctx.buf.append(')');
    }

    /**
     * get_variable: {@code refname.colname} (the prefix when the context asks for it), the column
     * named as its range table entry names it. Returns the column name (the default AS label of a
     * target list entry).
     */
    String variable(Expr.Var v) {
        if (v.varno() == org.tusk.nodes.Query.PRS2_OLD_VARNO || v.varno() == org.tusk.nodes.Query.PRS2_NEW_VARNO) {
            // a rule's OLD or NEW: PostgreSQL's rtable entries 1 and 2 of every action, named so
            ctx.buf.append(v.varno() == org.tusk.nodes.Query.PRS2_OLD_VARNO ? "old." : "new.").append(RegTypes.quote(v.name()));
            return v.name();
        }
        if (v.levelsup() >= ctx.namespaces.size() || v.varno() <= 0) {
            // a Var outside every level being printed: only its own name is known
            ctx.buf.append(RegTypes.quote(v.name()));
            return v.name();
        }
        DeparseNamespace ns = ctx.namespaces.get(v.levelsup());
        Query.RangeTblEntry rte = ns.rte(v.varno());
        String refname = ns.name(v.varno());
        String attname = v.attno() >= 1 && v.attno() <= rte.columns().size()
                ? rte.columns().get(v.attno() - 1).name() : v.name();
        if (refname != null && (ctx.varprefix || attname == null)) ctx.buf.append(RegTypes.quote(refname)).append('.');
        ctx.buf.append(attname == null ? "*" : RegTypes.quote(attname));
        return attname;
    }

    /**
     * get_variable for a whole-row Var (attnum 0): {@code refname.*}; at the top of a target list
     * ({@code toplevel}) followed by {@code ::rowtype}, so that reading the text back does not
     * expand the star into the columns.
     */
    void wholeRow(Expr.WholeRowVar w, boolean toplevel) {
        String refname = w.refname();
        if (w.present() instanceof Expr.Var v && v.levelsup() < ctx.namespaces.size() && v.varno() > 0) {
            String n = ctx.namespaces.get(v.levelsup()).name(v.varno());
            if (n != null) refname = n;
        }
        ctx.buf.append(RegTypes.quote(refname)).append(".*");
        if (toplevel) ctx.buf.append("::").append(org.tusk.catalog.BuiltinCatalog.formatType(w.type()));
    }

    /** get_oper_expr. */
    private void operator(Expr.OpExpr o) {
        StringBuilder buf = ctx.buf;
        open();
        if (o.args().size() == 2) {
            paren(o.args().get(0), true, o);
            buf.append(' ').append(o.op().name()).append(' ');
            paren(o.args().get(1), true, o);
        } else {
            buf.append(o.op().name()).append(' ');
            paren(o.args().get(0), true, o);
        }
        close();
    }

    private void bool(Expr.BoolExpr b) {
        open();
        if (b.op() == RawExpr.BoolOp.NOT) {
            ctx.buf.append("NOT ");
            paren(b.args().get(0), false, b);
        } else {
            String sep = b.op() == RawExpr.BoolOp.AND ? " AND " : " OR ";
            for (int i = 0; i < b.args().size(); i++) {
                if (i > 0) ctx.buf.append(sep);
                paren(b.args().get(i), false, b);
            }
        }
        close();
    }

    /** DistinctExpr; IS NOT DISTINCT FROM is PostgreSQL's NOT over it. */
    private void distinct(Expr.DistinctExpr d) {
        if (d.not()) {
            open();
            ctx.buf.append("NOT ");
            Expr.DistinctExpr inner = new Expr.DistinctExpr(d.eq(), d.left(), d.right(), false);
            paren(inner, false, new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(inner)));
            close();
            return;
        }
        open();
        paren(d.left(), true, d);
        ctx.buf.append(" IS DISTINCT FROM ");
        paren(d.right(), true, d);
        close();
    }

    /** CaseExpr: keywords on lines of their own when indenting; ELSE always shown. */
    private void caseExpr(Expr.CaseExpr c) {
        if (!ctx.prettyIndent()) ctx.buf.append(' ');
        ctx.appendContextKeyword("CASE", 0, DeparseContext.PRETTYINDENT_VAR, 0);
        for (Expr.CaseWhen w : c.whens()) {
            if (!ctx.prettyIndent()) ctx.buf.append(' ');
            ctx.appendContextKeyword("WHEN ", 0, 0, 0);
            expr(w.cond(), false);
            ctx.buf.append(" THEN ");
            expr(w.result(), true);
        }
        if (!ctx.prettyIndent()) ctx.buf.append(' ');
        ctx.appendContextKeyword("ELSE ", 0, 0, 0);
        expr(c.defResult(), true);
        if (!ctx.prettyIndent()) ctx.buf.append(' ');
        ctx.appendContextKeyword("END", -DeparseContext.PRETTYINDENT_VAR, 0, 0);
    }

    /** A coercion node: hidden when implicit casts are not shown, else get_coercion_expr. */
    private void coercionNode(Expr node, Expr arg, int type, int typmod, boolean show) {
        if (!show) {
            paren(arg, false, node);
            return;
        }
        coercion(arg, type, typmod, node);
    }

    /** get_coercion_expr: {@code arg::type}, a same-typed constant without its own label. */
    private void coercion(Expr arg, int type, int typmod, Expr parent) {
        if (arg instanceof Expr.Const c && c.type() == type && c.typmod() == -1) {
            constant(c, -1);
        } else {
            open();
            paren(arg, false, parent);
            close();
        }
        ctx.buf.append("::").append(typeName(type, typmod));
    }

    /** format_type_with_typemod. */
    static String typeName(int type, int typmod) {
        return FormatType.format(type, typmod, true);
    }

    /**
     * get_const_expr: {@code showtype} -1 never labels, 0 labels unless the literal reads back as
     * its type (an int4, a float-looking numeric, a boolean, an unknown), 1 always labels.
     */
    void constant(Expr.Const c, int showtype) {
        StringBuilder buf = ctx.buf;
        if (c.value() == null) {
            buf.append("NULL");
            if (showtype >= 0) buf.append("::").append(typeName(c.type(), c.typmod()));
            return;
        }
        String ext = BuiltinCatalog.type(c.type()).output().out(c.value(), ctx.output);
        boolean needLabel = false;
        switch (c.type()) {
            case TypeOids.INT4 -> {
                if (!ext.startsWith("-")) {
                    buf.append(ext);
                } else {
                    buf.append('\'').append(ext).append('\'');
                    needLabel = true;
                }
            }
            case TypeOids.NUMERIC -> {
                if (!ext.isEmpty() && Character.isDigit(ext.charAt(0))
                        && (ext.indexOf('e') >= 0 || ext.indexOf('E') >= 0 || ext.indexOf('.') >= 0)) {
                    buf.append(ext);
                } else {
                    buf.append('\'').append(ext).append('\'');
                    needLabel = true;
                }
            }
            case TypeOids.BOOL -> buf.append("t".equals(ext) || Boolean.TRUE.equals(c.value()) ? "true" : "false");
            default -> simpleQuoteLiteral(ext);
        }
        if (showtype < 0) return;
        switch (c.type()) {
            case TypeOids.BOOL, TypeOids.UNKNOWN -> needLabel = false;
            case TypeOids.INT4 -> { }
            case TypeOids.NUMERIC -> needLabel |= c.typmod() >= 0;
            default -> needLabel = true;
        }
        if (needLabel || showtype > 0) buf.append("::").append(typeName(c.type(), c.typmod()));
    }

    /** simple_quote_literal (standard_conforming_strings on): quotes doubled. */
    private void simpleQuoteLiteral(String s) {
        ctx.buf.append('\'').append(s.replace("'", "''")).append('\'');
    }

    /** printSubscripts for an assignment target: {@code [lower:upper]} or {@code [upper]} per dimension. */
    void assignmentSubscripts(List<Expr> upper, List<Expr> lower) {
        for (int i = 0; i < upper.size(); i++) {
            ctx.buf.append('[');
            if (lower != null && i < lower.size() && lower.get(i) != null) {
                expr(lower.get(i), false);
                ctx.buf.append(':');
            }
            if (upper.get(i) != null) expr(upper.get(i), false);
            ctx.buf.append(']');
        }
    }

    private void subscripts(Expr.SubscriptingRef r) {
        // the container needs parentheses unless it is a plain column (printSubscripts' caller)
        boolean need = !(r.container() instanceof Expr.Var);
        if (need) ctx.buf.append('(');
        expr(r.container(), true);
        if (need) ctx.buf.append(')');
        for (int i = 0; i < r.upper().size(); i++) {
            ctx.buf.append('[');
            if (r.lower() != null && i < r.lower().size() && r.lower().get(i) != null) {
                expr(r.lower().get(i), true);
                ctx.buf.append(':');
            }
            if (r.upper().get(i) != null) expr(r.upper().get(i), true);
            ctx.buf.append(']');
        }
    }

    /**
     * get_agg_expr: name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)]; an ordered-set
     * aggregate as name(direct args) WITHIN GROUP (ORDER BY ...) [FILTER (WHERE ...)].
     */
    private void aggregate(Expr.Aggref a) {
        StringBuilder buf = ctx.buf;
        buf.append(aggregateName(a.agg())).append('(').append(a.distinct() ? "DISTINCT " : "");
        if (a.orderedSet()) {
            list(a.directArgs(), true);
            buf.append(") WITHIN GROUP (ORDER BY ");
            aggOrder(a.order());
        } else if (a.star()) {
            buf.append('*');
        } else {
            list(a.args(), true);
        }
        if (!a.orderedSet() && !a.order().isEmpty()) {
            buf.append(" ORDER BY ");
            aggOrder(a.order());
        }
        if (a.filter() != null) {
            buf.append(") FILTER (WHERE ");
            expr(a.filter(), false);
        }
        buf.append(')');
    }

    /** get_rule_orderby over an aggregate's ORDER BY keys; a USING operator other than the default ones is printed. */
    private void aggOrder(List<Expr.AggSort> order) {
        for (int i = 0; i < order.size(); i++) {
            Expr.AggSort s = order.get(i);
            if (i > 0) ctx.buf.append(", ");
            sortExpr(s.expr());
            if (s.useOp() != null) ctx.buf.append(" USING ").append(s.useOp()).append(s.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
            else sortDirection(s.desc(), s.nullsFirst());
        }
    }

    /** get_windowfunc_expr: name(args) [FILTER (WHERE ...)] OVER name-or-spec. */
    private void windowFunc(Expr.WindowFunc w) {
        StringBuilder buf = ctx.buf;
        buf.append(w.agg() != null ? aggregateName(w.agg()) : RegTypes.quote(w.name())).append('(');
        if (w.star()) buf.append('*');
        else list(w.args(), true);
        if (w.filter() != null) {
            buf.append(") FILTER (WHERE ");
            expr(w.filter(), false);
        }
        buf.append(") OVER ");
        for (Query.WindowClause wc : ctx.windowClause) {
            if (wc.winref() != w.winref()) continue;
            if (wc.name() != null) buf.append(RegTypes.quote(wc.name()));
            else windowSpec(wc, ctx.windowTList);
            return;
        }
        throw PgException.error(SqlState.INTERNAL_ERROR, "could not find window clause for winref " + w.winref());
    }

    /** get_rule_windowspec: (PARTITION BY ... ORDER BY ... frame). */
    void windowSpec(Query.WindowClause wc, List<Query.TargetEntry> tlist) {
        StringBuilder buf = ctx.buf;
        buf.append('(');
        boolean needspace = false;
        if (!wc.partitionClause().isEmpty()) {
            buf.append("PARTITION BY ");
            String sep = "";
            for (int resno : wc.partitionClause()) {
                buf.append(sep);
                sortGroupClause(resno, tlist, false);
                sep = ", ";
            }
            needspace = true;
        }
        if (!wc.orderClause().isEmpty()) {
            if (needspace) buf.append(' ');
            buf.append("ORDER BY ");
            orderBy(wc.orderClause(), tlist, false);
            needspace = true;
        }
        int fo = wc.frameOptions();
        if ((fo & WindowFrame.NONDEFAULT) != 0) {
            if (needspace) buf.append(' ');
            if ((fo & WindowFrame.RANGE) != 0) buf.append("RANGE ");
            else if ((fo & WindowFrame.ROWS) != 0) buf.append("ROWS ");
            else buf.append("GROUPS ");
            if ((fo & WindowFrame.BETWEEN) != 0) buf.append("BETWEEN ");
            if ((fo & WindowFrame.START_UNBOUNDED_PRECEDING) != 0) buf.append("UNBOUNDED PRECEDING ");
            else if ((fo & WindowFrame.START_CURRENT_ROW) != 0) buf.append("CURRENT ROW ");
            else if ((fo & WindowFrame.START_OFFSET) != 0) {
                expr(wc.startOffset(), false);
                buf.append((fo & WindowFrame.START_OFFSET_PRECEDING) != 0 ? " PRECEDING " : " FOLLOWING ");
            }
            if ((fo & WindowFrame.BETWEEN) != 0) {
                buf.append("AND ");
                if ((fo & WindowFrame.END_UNBOUNDED_FOLLOWING) != 0) buf.append("UNBOUNDED FOLLOWING ");
                else if ((fo & WindowFrame.END_CURRENT_ROW) != 0) buf.append("CURRENT ROW ");
                else if ((fo & WindowFrame.END_OFFSET) != 0) {
                    expr(wc.endOffset(), false);
                    buf.append((fo & WindowFrame.END_OFFSET_PRECEDING) != 0 ? " PRECEDING " : " FOLLOWING ");
                }
            }
            if ((fo & WindowFrame.EXCLUDE_CURRENT_ROW) != 0) buf.append("EXCLUDE CURRENT ROW ");
            else if ((fo & WindowFrame.EXCLUDE_GROUP) != 0) buf.append("EXCLUDE GROUP ");
            else if ((fo & WindowFrame.EXCLUDE_TIES) != 0) buf.append("EXCLUDE TIES ");
            buf.setLength(buf.length() - 1); // the trailing space
        }
        buf.append(')');
    }

    /** get_rule_orderby: each key, then DESC / NULLS FIRST / NULLS LAST where not the default. */
    void orderBy(List<Query.SortClause> sort, List<Query.TargetEntry> tlist, boolean forceColno) {
        String sep = "";
        for (Query.SortClause s : sort) {
            ctx.buf.append(sep);
            sortGroupClause(s.resno(), tlist, forceColno);
            sortDirection(s.desc(), s.nullsFirst());
            sep = ", ";
        }
    }

    private void sortDirection(boolean desc, boolean nullsFirst) {
        if (!desc) {
            if (nullsFirst) ctx.buf.append(" NULLS FIRST");
        } else {
            ctx.buf.append(" DESC");
            if (!nullsFirst) ctx.buf.append(" NULLS LAST");
        }
    }

    /**
     * get_rule_sortgroupclause: the entry's expression, a constant labelled (a bare integer
     * would be read as a column number), anything but a Var in parentheses where it could be
     * misread as cube() or rollup(); or the column number ({@code forceColno}).
     */
    Expr sortGroupClause(int resno, List<Query.TargetEntry> tlist, boolean forceColno) {
        Query.TargetEntry tle = null;
        for (Query.TargetEntry t : tlist) if (t.resno() == resno) tle = t;
        if (tle == null) throw PgException.error(SqlState.INTERNAL_ERROR, "ORDER/GROUP BY expression not found in targetlist");
        if (forceColno) {
            ctx.buf.append(tle.resno());
        } else {
            sortExpr(tle.expr());
        }
        return tle.expr();
    }

    private void sortExpr(Expr e) {
        if (e instanceof Expr.Const c) {
            constant(c, 1);
        } else if (e instanceof Expr.Var) {
            expr(e, true);
        } else {
            boolean need = ctx.prettyParen() || e instanceof Expr.FuncExpr || e instanceof Expr.Aggref
                    || e instanceof Expr.WindowFunc;
            if (need) ctx.buf.append('(');
            expr(e, true);
            if (need) ctx.buf.append(')');
        }
    }

    /**
     * get_sublink_expr: {@code (EXISTS (...))}, {@code (x IN (...))}, {@code (x op ANY/ALL (...))},
     * {@code (SELECT ...)}, {@code ARRAY(SELECT ...)}; the subquery deparsed at the current indentation.
     */
    private void sublink(Expr.SubLink s) {
        StringBuilder buf = ctx.buf;
        buf.append(s.kind() == Expr.SubLinkType.ARRAY ? "ARRAY(" : "(");
        String opname = null;
        if (s.testexpr() != null) {
            Expr.OpExpr op = firstCombiningOperator(s.testexpr());
            expr(op.args().get(0), true);
            opname = op.op().name();
        }
        boolean needParen = true;
        switch (s.kind()) {
            case EXISTS -> buf.append("EXISTS ");
            case ANY -> buf.append("=".equals(opname) ? " IN " : " " + opname + " ANY ");
            case ALL -> buf.append(' ').append(opname).append(" ALL ");
            case EXPR, ARRAY -> needParen = false;
        }
        if (needParen) buf.append('(');
        QueryDeparser.getQueryDef(s.subselect(), buf, ctx, null, false);
        buf.append(needParen ? "))" : ")");
    }

    private static Expr.OpExpr firstCombiningOperator(Expr testexpr) {
        if (testexpr instanceof Expr.OpExpr o) return o;
        if (testexpr instanceof Expr.BoolExpr b && !b.args().isEmpty()) return firstCombiningOperator(b.args().get(0));
        if (testexpr instanceof Expr.BooleanTest t) return firstCombiningOperator(t.arg());
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot deparse sublink test expression "
                + testexpr.getClass().getSimpleName());
    }

    /** get_simple_binary_op_name: the operator's name if it is binary, else null. */
    private static String simpleBinaryOpName(Expr.OpExpr o) {
        return o.args().size() == 2 ? o.op().name() : null;
    }

    /** isSimpleNode: whether {@code node} needs no parentheses as an argument of {@code parent}. */
    static boolean isSimpleNode(Expr node, Expr parent, int prettyFlags) {
        if (node == null) return false;
        switch (node) {
            case Expr.Var v -> { return true; }
            case Expr.WholeRowVar w -> { return true; }
            case Expr.Const c -> { return true; }
            case Expr.Param p -> { return true; }
            case Expr.SubscriptingRef r -> { return true; }
            case Expr.ArrayExpr a -> { return true; }
            case Expr.CoalesceExpr c -> { return true; }
            case Expr.MinMaxExpr m -> { return true; }
            case Expr.NullIfExpr n -> { return true; }
            case Expr.Aggref a -> { return true; }
            case Expr.GroupingFunc g -> { return true; }
            case Expr.WindowFunc w -> { return true; }
            case Expr.FuncExpr f -> { return true; }
            // PostgreSQL's casts through functions and length coercions are FuncExprs: function-like
            case Expr.CastFunc f -> { return true; }
            case Expr.CoerceToTypmod f -> { return true; }
            case Expr.CaseExpr c -> { return true; }
            case Expr.RelabelType r -> { return isSimpleNode(r.arg(), node, prettyFlags); }
            case Expr.CoerceViaIO c -> { return isSimpleNode(c.arg(), node, prettyFlags); }
            case Expr.ArrayCoerceExpr c -> { return isSimpleNode(c.arg(), node, prettyFlags); }
            case Expr.OpExpr o -> {
                if ((prettyFlags & DeparseContext.PRETTYFLAG_PAREN) != 0 && parent instanceof Expr.OpExpr po) {
                    String op = simpleBinaryOpName(o);
                    if (op == null) return false;
                    boolean isLoPriOp = "+-".indexOf(op.charAt(0)) >= 0;
                    boolean isHiPriOp = "*/%".indexOf(op.charAt(0)) >= 0;
                    if (!(isLoPriOp || isHiPriOp)) return false;
                    String parentOp = simpleBinaryOpName(po);
                    if (parentOp == null) return false;
                    boolean isLoPriParent = "+-".indexOf(parentOp.charAt(0)) >= 0;
                    boolean isHiPriParent = "*/%".indexOf(parentOp.charAt(0)) >= 0;
                    if (!(isLoPriParent || isHiPriParent)) return false;
                    if (isHiPriOp && isLoPriParent) return true;
                    if (isLoPriOp && isHiPriParent) return false;
                    // same priority: (a - b) - c needs none, a - (b - c) does
                    return node == po.args().get(0);
                }
                return simpleUnderParent(parent);
            }
            case Expr.SubLink s -> { return simpleUnderParent(parent); }
            case Expr.NullTest n -> { return simpleUnderParent(parent); }
            case Expr.BooleanTest b -> { return simpleUnderParent(parent); }
            case Expr.DistinctExpr d -> { return simpleUnderParent(parent); }
            case Expr.ScalarArrayOpExpr s -> { return simpleUnderParent(parent); }
            case Expr.BoolExpr b -> {
                if (parent instanceof Expr.BoolExpr pb) {
                    if ((prettyFlags & DeparseContext.PRETTYFLAG_PAREN) != 0) {
                        switch (b.op()) {
                            case NOT, AND -> {
                                if (pb.op() == RawExpr.BoolOp.AND || pb.op() == RawExpr.BoolOp.OR) return true;
                            }
                            case OR -> {
                                if (pb.op() == RawExpr.BoolOp.OR) return true;
                            }
                        }
                    }
                    return false;
                }
                return ownParentheses(parent);
            }
            default -> { return false; }
        }
    }

    /** The parent-node switch isSimpleNode applies to operator-like nodes. */
    private static boolean simpleUnderParent(Expr parent) {
        return parent instanceof Expr.BoolExpr || ownParentheses(parent);
    }

    /** Parents whose syntax delimits their arguments (own parentheses or other separators). */
    private static boolean ownParentheses(Expr parent) {
        return parent instanceof Expr.FuncExpr || parent instanceof Expr.SubscriptingRef || parent instanceof Expr.ArrayExpr
                || parent instanceof Expr.CoalesceExpr || parent instanceof Expr.MinMaxExpr
                || parent instanceof Expr.NullIfExpr || parent instanceof Expr.Aggref || parent instanceof Expr.GroupingFunc
                || parent instanceof Expr.WindowFunc || parent instanceof Expr.CaseExpr;
    }

    /**
     * generate_function_name (without the argument-type check): the function's name, schema-
     * qualified when it is a user function the search path would not find by that name.
     */
    /**
     * generate_function_name for an aggregate: a user's aggregate is schema-qualified when the
     * search path would not find it. An aggregate node without its pg_proc OID (one bound to a
     * polymorphic call's types) is found by name and argument types, and left bare when two
     * schemas have one.
     */
    static String aggregateName(org.tusk.catalog.PgAggregate agg) {
        String name = RegTypes.quote(agg.name());
        if (agg.oid() != 0) {
            String schema = org.tusk.catalog.RoutineVisibilityBuiltins.schemaIfInvisible(agg.oid());
            return schema == null ? name : RegTypes.quote(schema) + "." + name;
        }
        var names = org.tusk.catalog.ObjectNames.current();
        var P = org.tusk.catalog.SystemCatalogs.PG_PROC;
        java.util.List<Object[]> rows = names.rows(P, v -> agg.name().equals(P.get(v, "proname"))
                && "a".equals(String.valueOf(P.get(v, "prokind")))
                && java.util.Arrays.equals((int[]) P.get(v, "proargtypes"), agg.argTypes().stream().mapToInt(Integer::intValue).toArray()));
        if (rows.size() != 1) return name;
        String schema = org.tusk.catalog.RoutineVisibilityBuiltins.schemaIfInvisible(
                org.tusk.catalog.CatalogScan.oid(P.get(rows.get(0), "oid")));
        return schema == null ? name : RegTypes.quote(schema) + "." + name;
    }

    static String functionName(org.tusk.catalog.PgProc proc) {
        String name = RegTypes.quote(proc.name());
        if (Integer.compareUnsigned(proc.oid(), org.tusk.catalog.CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) return name;
        String schema = org.tusk.catalog.RoutineVisibilityBuiltins.schemaIfInvisible(proc.oid());
        return schema == null ? name : RegTypes.quote(schema) + "." + name;
    }
}
