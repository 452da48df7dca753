package org.tusk.utils.ruleutils;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.nodes.Query;
import org.tusk.utils.adt.RegTypes;

import static org.tusk.utils.ruleutils.DeparseContext.PRETTYINDENT_JOIN;
import static org.tusk.utils.ruleutils.DeparseContext.PRETTYINDENT_STD;
import static org.tusk.utils.ruleutils.DeparseContext.PRETTYINDENT_VAR;

/**
 * ruleutils.c get_from_clause and get_from_clause_item: the FROM list, each item a table
 * ({@code ONLY} when it excludes its children), a parenthesized subquery or VALUES list, a
 * function call, a CTE name or a join, followed by the alias and column aliases PostgreSQL
 * would print (the alias when it differs from the relation's or CTE's name, and always for
 * subqueries, VALUES and functions; column aliases when the names differ from the underlying
 * ones, and always for functions).
 */
final class FromClauseDeparser {
    private final DeparseContext ctx;
    private final RuleExpr exprs;

    FromClauseDeparser(DeparseContext ctx, RuleExpr exprs) {
        this.ctx = ctx;
        this.exprs = exprs;
    }

    /** get_from_clause: {@code prefix} (" FROM ") and the items, wrapped as the target list is. */
    void fromClause(Query query, String prefix) {
        StringBuilder buf = ctx.buf;
        boolean first = true;
        for (Query.JoinNode item : query.fromList()) {
            if (first) {
                ctx.appendContextKeyword(prefix, -PRETTYINDENT_STD, PRETTYINDENT_STD, 2);
                first = false;
                fromClauseItem(item, query);
                continue;
            }
            buf.append(", ");
            StringBuilder itembuf = new StringBuilder();
            ctx.buf = itembuf;
            fromClauseItem(item, query);
            ctx.buf = buf;
            if (ctx.prettyIndent() && ctx.wrapColumn >= 0) {
                if (!itembuf.isEmpty() && itembuf.charAt(0) == '\n') {
                    DeparseContext.removeStringInfoSpaces(buf);
                } else {
                    int lineStart = buf.lastIndexOf("\n") + 1;
                    if ((buf.length() - lineStart) + itembuf.length() > ctx.wrapColumn)
                        ctx.appendContextKeyword("", -PRETTYINDENT_STD, PRETTYINDENT_STD, PRETTYINDENT_VAR);
                }
            }
            buf.append(itembuf);
        }
    }

    private void fromClauseItem(Query.JoinNode node, Query query) {
        DeparseNamespace dpns = ctx.namespaces.get(0);
        switch (node) {
            case Query.JoinNode.RangeRef ref -> rangeItem(query.rangeTable().get(ref.rtindex() - 1), dpns.name(ref.rtindex()));
            case Query.JoinNode.Join j -> join(j, query, dpns);
        }
    }

    private void rangeItem(Query.RangeTblEntry rte, String refname) {
        StringBuilder buf = ctx.buf;
        if (isLateral(rte)) buf.append("LATERAL ");
        boolean printAlias;
        List<String> underlying;
        switch (rte.kind()) {
            case RELATION -> {
                if (!rte.inh() && rte.isTable()) buf.append("ONLY ");
                String relname = rte.table() != null ? RuleUtils.relationName(rte.table().oid()) : rte.relname();
                buf.append(relname);
                String plain = rte.table() != null ? rte.table().name() : rte.relname();
                printAlias = !refname.equals(plain);
                underlying = rte.table() != null ? tableColumns(rte) : names(rte.columns());
            }
            case SUBQUERY -> {
                buf.append('(');
                QueryDeparser.getQueryDef(rte.subquery(), buf, ctx, null, true);
                buf.append(')');
                printAlias = true;
                underlying = new ArrayList<>();
                for (Query.TargetEntry te : rte.subquery().targetList()) if (!te.resjunk()) underlying.add(te.name());
            }
            case VALUES -> {
                buf.append('(');
                QueryDeparser.valuesDef(ctx, exprs, rte.values());
                buf.append(')');
                printAlias = true;
                underlying = new ArrayList<>();
                for (int i = 1; i <= rte.columns().size(); i++) underlying.add("column" + i);
            }
            case FUNCTION -> {
                function(rte);
                printAlias = true;
                underlying = null; // a function's column aliases are always printed
            }
            case CTE -> {
                buf.append(RegTypes.quote(rte.cteName()));
                printAlias = !refname.equals(rte.cteName());
                underlying = null;
            }
            default -> throw new IllegalStateException("unexpected range table entry in FROM: " + rte.kind());
        }
        if (printAlias) buf.append(' ').append(RegTypes.quote(refname));
        List<String> colnames = names(rte.columns());
        if (rte.kind() == Query.RteKind.FUNCTION || (underlying != null && !underlying.equals(colnames))) {
            columnAliasList(colnames);
        }
    }

    /**
     * rte->lateral as PostgreSQL's parser sets it: LATERAL written for a subquery; for a
     * function, whether its arguments read FROM items of this level (transformRangeFunction's
     * contain_vars_of_level). Tusk marks every function entry lateral, so the arguments decide.
     */
    private static boolean isLateral(Query.RangeTblEntry rte) {
        if (rte.kind() != Query.RteKind.FUNCTION) return rte.lateral();
        List<org.tusk.nodes.Expr> calls = new ArrayList<>();
        if (rte.functions() == null || rte.functions().isEmpty()) calls.add(rte.function());
        else for (Query.RangeTblFunction f : rte.functions()) calls.add(f.funcexpr());
        for (org.tusk.nodes.Expr e : calls) {
            if (e != null && org.tusk.nodes.ExprTrees.any(e, x -> x instanceof org.tusk.nodes.Expr.Var v && v.levelsup() == 0))
                return true;
        }
        return false;
    }

    /** A function in FROM: the call, or ROWS FROM (...) for several; WITH ORDINALITY. */
    private void function(Query.RangeTblEntry rte) {
        StringBuilder buf = ctx.buf;
        List<Query.RangeTblFunction> fns = rte.functions();
        if (fns == null || fns.size() <= 1) {
            exprs.expr(fns == null || fns.isEmpty() ? rte.function() : fns.get(0).funcexpr(), true);
        } else {
            buf.append("ROWS FROM(");
            for (int i = 0; i < fns.size(); i++) {
                if (i > 0) buf.append(", ");
                exprs.expr(fns.get(i).funcexpr(), true);
            }
            buf.append(')');
        }
        if (rte.funcOrdinality()) buf.append(" WITH ORDINALITY");
    }

    /** A join: "(l JOIN r ON (...))", USING, LEFT/RIGHT/FULL/CROSS, the alias after the parenthesis. */
    private void join(Query.JoinNode.Join j, Query query, DeparseNamespace dpns) {
        StringBuilder buf = ctx.buf;
        Query.RangeTblEntry jrte = query.rangeTable().get(j.rtindex() - 1);
        String alias = jrte.refname();
        boolean needParenOnRight = ctx.prettyParen() && !(j.right() instanceof Query.JoinNode.RangeRef)
                && !(j.right() instanceof Query.JoinNode.Join rj && query.rangeTable().get(rj.rtindex() - 1).refname() != null);
        if (!ctx.prettyParen() || alias != null) buf.append('(');
        fromClauseItem(j.left(), query);
        String keyword = switch (j.type()) {
            case INNER -> j.quals() != null ? " JOIN " : " CROSS JOIN ";
            case LEFT -> " LEFT JOIN ";
            case FULL -> " FULL JOIN ";
            case RIGHT -> " RIGHT JOIN ";
            default -> throw new IllegalStateException("unexpected join type " + j.type());
        };
        ctx.appendContextKeyword(keyword, -PRETTYINDENT_STD, PRETTYINDENT_STD, PRETTYINDENT_JOIN);
        if (needParenOnRight) buf.append('(');
        fromClauseItem(j.right(), query);
        if (needParenOnRight) buf.append(')');
        if (!j.usingNames().isEmpty()) {
            buf.append(" USING (");
            for (int i = 0; i < j.usingNames().size(); i++) {
                if (i > 0) buf.append(", ");
                buf.append(RegTypes.quote(j.usingNames().get(i)));
            }
            buf.append(')');
        } else if (j.quals() != null) {
            buf.append(" ON ");
            if (!ctx.prettyParen()) buf.append('(');
            exprs.expr(j.quals(), false);
            if (!ctx.prettyParen()) buf.append(')');
        } else if (j.type() != Query.JoinType.INNER) {
            buf.append(" ON TRUE");
        }
        if (!ctx.prettyParen() || alias != null) buf.append(')');
        if (alias != null) buf.append(' ').append(RegTypes.quote(dpns.name(j.rtindex())));
    }

    /** get_column_alias_list. */
    private void columnAliasList(List<String> names) {
        if (names.isEmpty()) return;
        ctx.buf.append('(');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) ctx.buf.append(", ");
            ctx.buf.append(RegTypes.quote(names.get(i)));
        }
        ctx.buf.append(')');
    }

    private static List<String> names(List<ColumnDef> cols) {
        List<String> out = new ArrayList<>();
        for (ColumnDef c : cols) out.add(c.name());
        return out;
    }

    /** The table's current attribute names, the ones a column alias list would be compared with. */
    private static List<String> tableColumns(Query.RangeTblEntry rte) {
        List<String> out = new ArrayList<>();
        var desc = rte.table().desc();
        for (int i = 0; i < desc.natts() && out.size() < rte.columns().size(); i++) out.add(desc.attr(i).name());
        return out;
    }
}
