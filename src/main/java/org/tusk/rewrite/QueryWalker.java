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
        List<Query.RangeTblEntry> rt = new ArrayList<>();
        for (int i = 0; i < q.rangeTable().size(); i++) {
            Query.RangeTblEntry r = rte.apply(q.rangeTable().get(i), i + 1);
            r = switch (r.kind()) {
                case SUBQUERY -> withSubquery(r, sub.apply(r.subquery()));
                case FUNCTION -> withCalls(r.function() == null ? r : withFunction(r, exprs(r.function(), sub)), sub);
                case VALUES -> r.values() == null ? r : withValues(r, exprLists(r.values(), sub));
                default -> r;
            };
            rt.add(r);
        }
        List<Query.CommonTableExpr> ctes = new ArrayList<>();
        for (Query.CommonTableExpr c : q.cteList()) {
            ctes.add(c.withQuery(sub.apply(c.query())));
        }
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode j : q.fromList()) from.add(joinNode(j, sub));
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), targets(q.targetList(), sub),
                exprs(q.where(), sub), q.sortClause(), exprs(q.limitCount(), sub), exprs(q.limitOffset(), sub),
                aggs(q.aggregates(), sub), q.resultRelation(), exprLists(q.valuesLists(), sub),
                q.sourceQuery() == null ? null : sub.apply(q.sourceQuery()), targets(q.returningList(), sub),
                List.copyOf(from), q.groupClause(), exprs(q.havingQual(), sub), q.distinctClause(), q.hasDistinctOn(),
                q.setOperations(), List.copyOf(ctes), q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList(),
                q.withCheckOptions().stream().map(w -> w.withQual(exprs(w.qual(), sub))).toList());
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
            return new Query.JoinNode.Join(x.type(), joinNode(x.left(), sub), joinNode(x.right(), sub), exprs(x.quals(), sub),
                    x.rtindex(), x.usingNames());
        }
        return j;
    }

    private static List<Query.TargetEntry> targets(List<Query.TargetEntry> tl, UnaryOperator<Query> sub) {
        List<Query.TargetEntry> out = new ArrayList<>(tl.size());
        for (Query.TargetEntry te : tl) out.add(new Query.TargetEntry(exprs(te.expr(), sub), te.resno(), te.name(), te.resjunk()));
        return out;
    }

    private static List<Expr.Aggref> aggs(List<Expr.Aggref> l, UnaryOperator<Query> sub) {
        List<Expr.Aggref> out = new ArrayList<>(l.size());
        for (Expr.Aggref a : l) out.add((Expr.Aggref) exprs(a, sub));
        return out;
    }

    private static List<List<Expr>> exprLists(List<List<Expr>> lists, UnaryOperator<Query> sub) {
        if (lists == null) return null;
        List<List<Expr>> out = new ArrayList<>(lists.size());
        for (List<Expr> l : lists) {
            List<Expr> row = new ArrayList<>(l.size());
            for (Expr e : l) row.add(exprs(e, sub));
            out.add(row);
        }
        return out;
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
        for (Query.RangeTblFunction f : r.functions()) calls.add(new Query.RangeTblFunction(exprs(f.funcexpr(), sub), f.columnCount(), f.funccoltypes()));
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
