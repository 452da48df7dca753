package org.tusk.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * Walks and rebuilds a Query with every query level below it (PostgreSQL's query_tree_walker
 * and query_tree_mutator with QTW flags for range tables): FROM subqueries, CTEs, INSERT's
 * source query and the queries of SubLinks anywhere in the expressions.
 */
public final class QueryWalker {
    private QueryWalker() {}

    /**
     * Rebuilds {@code q}: every range table entry is offered to {@code rte} (with its 1-based
     * index) and replaced by what it returns, and {@code sub} is applied to every query one level
     * down (subquery entries after {@code rte}, CTEs, the source query, SubLink queries).
     */
    public static Query mutate(Query q, BiFunction<Query.RangeTblEntry, Integer, Query.RangeTblEntry> rte,
                               UnaryOperator<Query> sub) {
        // Parts that come back unchanged are kept, and a query none of whose parts changed is
        // returned as it is: most statements have no view, SubLink or CTE to rewrite, and the
        // rewriter walks every statement.
        List<Query.RangeTblEntry> rt = new ArrayList<>(q.rangeTable().size());
        boolean changed = false;
        for (int i = 0; i < q.rangeTable().size(); i++) {
            Query.RangeTblEntry old = q.rangeTable().get(i);
            Query.RangeTblEntry r = rte.apply(old, i + 1);
            r = switch (r.kind()) {
                case SUBQUERY -> {
                    Query s = sub.apply(r.subquery());
                    yield s == r.subquery() ? r : withSubquery(r, s);
                }
                case FUNCTION -> {
                    Expr f = exprs(r.function(), sub);
                    yield withCalls(f == r.function() ? r : withFunction(r, f), sub);
                }
                case VALUES -> {
                    List<List<Expr>> v = exprLists(r.values(), sub);
                    yield v == r.values() ? r : withValues(r, v);
                }
                default -> r;
            };
            changed |= r != old;
            rt.add(r);
        }
        List<Query.CommonTableExpr> ctes = new ArrayList<>(q.cteList().size());
        for (Query.CommonTableExpr c : q.cteList()) {
            Query s = sub.apply(c.query());
            changed |= s != c.query();
            ctes.add(s == c.query() ? c : c.withQuery(s));
        }
        List<Query.JoinNode> from = new ArrayList<>(q.fromList().size());
        for (Query.JoinNode j : q.fromList()) {
            Query.JoinNode n = joinNode(j, sub);
            changed |= n != j;
            from.add(n);
        }
        List<Query.TargetEntry> targetList = targets(q.targetList(), sub), returning = targets(q.returningList(), sub);
        Expr where = exprs(q.where(), sub), limitCount = exprs(q.limitCount(), sub), limitOffset = exprs(q.limitOffset(), sub),
                having = exprs(q.havingQual(), sub);
        List<Expr.Aggref> aggregates = aggs(q.aggregates(), sub);
        List<List<Expr>> valuesLists = exprLists(q.valuesLists(), sub);
        Query source = q.sourceQuery() == null ? null : sub.apply(q.sourceQuery());
        List<Query.WithCheckOption> wcos = new ArrayList<>(q.withCheckOptions().size());
        for (Query.WithCheckOption w : q.withCheckOptions()) {
            Expr qual = exprs(w.qual(), sub);
            changed |= qual != w.qual();
            wcos.add(qual == w.qual() ? w : w.withQual(qual));
        }
        changed |= targetList != q.targetList() || returning != q.returningList() || where != q.where()
                || limitCount != q.limitCount() || limitOffset != q.limitOffset() || having != q.havingQual()
                || aggregates != q.aggregates() || valuesLists != q.valuesLists() || source != q.sourceQuery();
        if (!changed) return q;
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), targetList,
                where, q.sortClause(), limitCount, limitOffset,
                aggregates, q.resultRelation(), valuesLists,
                source, returning,
                List.copyOf(from), q.groupClause(), having, q.distinctClause(), q.hasDistinctOn(),
                q.setOperations(), List.copyOf(ctes), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList(),
                List.copyOf(wcos));
    }

    /** Calls {@code visit} on {@code q} and every query level below it. */
    public static void forEachQuery(Query q, Consumer<Query> visit) {
        visit.accept(q);
        mutate(q, (r, i) -> r, s -> {
            forEachQuery(s, visit);
            return s;
        });
    }

    private static Query.JoinNode joinNode(Query.JoinNode j, UnaryOperator<Query> sub) {
        if (j instanceof Query.JoinNode.Join x) {
            Query.JoinNode left = joinNode(x.left(), sub), right = joinNode(x.right(), sub);
            Expr quals = exprs(x.quals(), sub);
            if (left == x.left() && right == x.right() && quals == x.quals()) return j;
            return new Query.JoinNode.Join(x.type(), left, right, quals, x.rtindex(), x.usingNames());
        }
        return j;
    }

    private static List<Query.TargetEntry> targets(List<Query.TargetEntry> tl, UnaryOperator<Query> sub) {
        List<Query.TargetEntry> out = new ArrayList<>(tl.size());
        boolean changed = false;
        for (Query.TargetEntry te : tl) {
            Expr e = exprs(te.expr(), sub);
            changed |= e != te.expr();
            out.add(e == te.expr() ? te : new Query.TargetEntry(e, te.resno(), te.name(), te.resjunk()));
        }
        return changed ? out : tl;
    }

    private static List<Expr.Aggref> aggs(List<Expr.Aggref> l, UnaryOperator<Query> sub) {
        List<Expr.Aggref> out = new ArrayList<>(l.size());
        boolean changed = false;
        for (Expr.Aggref a : l) {
            Expr.Aggref n = (Expr.Aggref) exprs(a, sub);
            changed |= n != a;
            out.add(n);
        }
        return changed ? out : l;
    }

    private static List<List<Expr>> exprLists(List<List<Expr>> lists, UnaryOperator<Query> sub) {
        if (lists == null) return null;
        List<List<Expr>> out = new ArrayList<>(lists.size());
        boolean changed = false;
        for (List<Expr> l : lists) {
            List<Expr> row = new ArrayList<>(l.size());
            for (Expr e : l) {
                Expr n = exprs(e, sub);
                changed |= n != e;
                row.add(n);
            }
            out.add(row);
        }
        return changed ? out : lists;
    }

    /** The expression with the query of every SubLink in it replaced by {@code sub}'s result. */
    static Expr exprs(Expr e, UnaryOperator<Query> sub) {
        // most expressions hold no SubLink: keep them as they are rather than copy every node
        if (e == null || !ExprTrees.any(e, x -> x instanceof Expr.SubLink)) return e;
        return ExprTrees.map(e, x -> x instanceof Expr.SubLink s
                ? s.with(exprs(s.testexpr(), sub), sub.apply(s.subselect()))
                : null);
    }

    static Query.RangeTblEntry withSubquery(Query.RangeTblEntry r, Query q) {
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), r.columns(), r.table(),
                q, r.values(), r.function(), r.cteName(), r.ctelevelsup(), r.selfReference(), r.lateral(), r.inh(),
                r.functions(), r.funcOrdinality());
    }

    private static Query.RangeTblEntry withFunction(Query.RangeTblEntry r, Expr f) {
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), r.columns(), r.table(),
                r.subquery(), r.values(), f, r.cteName(), r.ctelevelsup(), r.selfReference(), r.lateral(), r.inh(),
                r.functions(), r.funcOrdinality());
    }

    /** The calls of a function scan entry, their sublinks walked too. */
    private static Query.RangeTblEntry withCalls(Query.RangeTblEntry r, java.util.function.UnaryOperator<Query> sub) {
        if (r.functions().isEmpty()) return r;
        List<Query.RangeTblFunction> calls = new ArrayList<>();
        boolean changed = false;
        for (Query.RangeTblFunction f : r.functions()) {
            Expr e = exprs(f.funcexpr(), sub);
            changed |= e != f.funcexpr();
            calls.add(e == f.funcexpr() ? f : new Query.RangeTblFunction(e, f.columnCount(), f.funccoltypes()));
        }
        if (!changed) return r;
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), r.columns(), r.table(),
                r.subquery(), r.values(), r.function(), r.cteName(), r.ctelevelsup(), r.selfReference(), r.lateral(), r.inh(),
                List.copyOf(calls), r.funcOrdinality());
    }

    private static Query.RangeTblEntry withValues(Query.RangeTblEntry r, List<List<Expr>> values) {
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), r.columns(), r.table(),
                r.subquery(), values, r.function(), r.cteName(), r.ctelevelsup(), r.selfReference(), r.lateral(), r.inh(),
                r.functions(), r.funcOrdinality());
    }
}
