package org.tusk.nodes;

import java.util.ArrayList;
import java.util.List;

/**
 * A mutator of the Vars of an expression together with those of every query level nested in it
 * (SubLink subqueries, and below them FROM subqueries, VALUES, function calls, CTEs, ON CONFLICT
 * and RETURNING lists), knowing at each Var how many levels below the starting level it sits:
 * the walk that rewriteManip.c's IncrementVarSublevelsUp, ChangeVarNodes and
 * ReplaceVarsFromTargetList share (query_tree_mutator with a sublevels_up count). The rewriter
 * (rewrite.RewriteManip) and the planner (optimizer.VarLevels) both build their Var surgery on it.
 */
public final class VarTreeMutator {
    private VarTreeMutator() {}

    /** What to put in place of a Var found {@code depth} levels below the starting level; null keeps it. */
    @FunctionalInterface
    public interface VarMapper {
        Expr map(Expr.Var v, int depth);

        /** The ctelevelsup of a CTE reference found {@code depth} levels down (unchanged unless levels move). */
        default int cteLevelsUp(int ctelevelsup, int depth) { return ctelevelsup; }

        /** The same, given the CTE reference's range table entry (for walkers that want its name). */
        default int cteLevelsUp(Query.RangeTblEntry cteRef, int depth) { return cteLevelsUp(cteRef.ctelevelsup(), depth); }

        /** The agglevelsup of aggregate call {@code a} found {@code depth} levels down (unchanged unless levels move). */
        default int aggLevelsUp(Expr.Aggref a, int depth) { return a.levelsup(); }

        /**
         * What to put in place of GROUPING() call {@code g} (its arguments already mapped) found
         * {@code depth} levels down: a walker that moves levels changes its agglevelsup, one
         * that resolves it fills in its refs; unchanged by default.
         */
        default Expr.GroupingFunc groupingFunc(Expr.GroupingFunc g, int depth) { return g; }

        /**
         * What to put in place of range table entry {@code r} (its contents already mapped) of
         * a query {@code depth} levels down; unchanged by default. The replacement is not walked
         * again (query_tree_walker's QTW_EXAMINE_RTES_AFTER, as inline_cte visits them).
         */
        default Query.RangeTblEntry rangeTableEntry(Query.RangeTblEntry r, int depth) { return r; }

        /**
         * What to put in place of parameter {@code p} found {@code depth} levels down; null keeps
         * it (substitute_actual_srf_parameters replaces a function's arguments here).
         */
        default Expr param(Expr.Param p, int depth) { return null; }
    }

    /** The Vars of {@code e}, which lies {@code depth} levels below the starting level, mapped by {@code f}. */
    public static Expr map(Expr e, int depth, VarMapper f) {
        if (e == null) return null;
        return ExprTrees.map(e, x -> switch (x) {
            case Expr.Var v -> {
                Expr r = f.map(v, depth);
                yield r == null ? v : r;
            }
            case Expr.SubLink s -> s.with(map(s.testexpr(), depth, f), mapQuery(s.subselect(), depth + 1, f));
            case Expr.Aggref a -> {
                int levelsup = f.aggLevelsUp(a, depth);
                List<Expr.AggSort> order = new ArrayList<>();
                for (Expr.AggSort o : a.order()) order.add(o.withExpr(map(o.expr(), depth, f)));
                yield a.withParts(List.copyOf(mapAll(a.directArgs(), depth, f)), List.copyOf(mapAll(a.args(), depth, f)),
                                map(a.filter(), depth, f), List.copyOf(order))
                        .withLevelsUp(levelsup);
            }
            case Expr.Param p -> {
                Expr r = f.param(p, depth);
                yield r == null ? p : r;
            }
            case Expr.GroupingFunc g -> f.groupingFunc(new Expr.GroupingFunc(mapAll(g.args(), depth, f), g.refs(),
                    g.levelsup(), g.location()), depth);
            default -> null;
        });
    }

    public static List<Expr> mapAll(List<Expr> l, int depth, VarMapper f) {
        if (l == null) return null;
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(map(e, depth, f));
        return out;
    }

    /** The target entries of {@code l} with their expressions mapped. */
    public static List<Query.TargetEntry> mapTargets(List<Query.TargetEntry> l, int depth, VarMapper f) {
        List<Query.TargetEntry> out = new ArrayList<>(l.size());
        for (Query.TargetEntry te : l) out.add(new Query.TargetEntry(map(te.expr(), depth, f), te.resno(), te.name(), te.resjunk()));
        return List.copyOf(out);
    }

    /** query_tree_mutator: every expression of {@code q} (at {@code depth}) and of the levels below it. */
    public static Query mapQuery(Query q, int depth, VarMapper f) {
        List<Query.RangeTblEntry> rt = new ArrayList<>();
        for (Query.RangeTblEntry r : q.rangeTable()) rt.add(mapRte(r, depth, f));
        List<Expr.Aggref> aggs = new ArrayList<>();
        for (Expr.Aggref a : q.aggregates()) aggs.add((Expr.Aggref) map(a, depth, f));
        List<List<Expr>> values = null;
        if (q.valuesLists() != null) {
            values = new ArrayList<>();
            for (List<Expr> row : q.valuesLists()) values.add(mapAll(row, depth, f));
        }
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) from.add(mapJoin(n, depth, f));
        List<Query.CommonTableExpr> ctes = new ArrayList<>();
        for (Query.CommonTableExpr c : q.cteList())
            ctes.add(c.withQuery(mapQuery(c.query(), depth + 1, f)));
        Query.OnConflictExpr oc = q.onConflict();
        if (oc != null) {
            List<Query.InferenceElem> elems = new ArrayList<>();
            for (Query.InferenceElem el : oc.arbiterElems()) elems.add(el.withExpr(map(el.expr(), depth, f)));
            oc = oc.withExpressions(elems, map(oc.arbiterWhere(), depth, f),
                    oc.onConflictSet() == null ? null : mapTargets(oc.onConflictSet(), depth, f),
                    map(oc.onConflictWhere(), depth, f));
        }
        List<Query.WithCheckOption> wcos = new ArrayList<>();
        for (Query.WithCheckOption w : q.withCheckOptions())
            wcos.add(w.withQual(map(w.qual(), depth, f)));
        // a window frame's offsets are expressions of the level too (query_tree_walker walks them)
        List<Query.WindowClause> windows = q.windowClause();
        if (windows != null && !windows.isEmpty()) {
            List<Query.WindowClause> mapped = new ArrayList<>();
            for (Query.WindowClause w : windows) {
                mapped.add(new Query.WindowClause(w.name(), w.partitionClause(), w.orderClause(), w.frameOptions(),
                        map(w.startOffset(), depth, f), map(w.endOffset(), depth, f), w.winref()));
            }
            windows = List.copyOf(mapped);
        }
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), mapTargets(q.targetList(), depth, f), map(q.where(), depth, f),
                q.sortClause(), map(q.limitCount(), depth, f), map(q.limitOffset(), depth, f), List.copyOf(aggs),
                q.resultRelation(), values, q.sourceQuery() == null ? null : mapQuery(q.sourceQuery(), depth + 1, f),
                mapTargets(q.returningList(), depth, f), List.copyOf(from), q.groupClause(), map(q.havingQual(), depth, f), q.distinctClause(),
                q.hasDistinctOn(), q.setOperations(), List.copyOf(ctes), windows, q.groupingSets(),
                oc, q.rowMarks(), q.mergeActionList(), wcos);
    }

    private static Query.JoinNode mapJoin(Query.JoinNode n, int depth, VarMapper f) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> r;
            case Query.JoinNode.Join j -> new Query.JoinNode.Join(j.type(), mapJoin(j.left(), depth, f),
                    mapJoin(j.right(), depth, f), map(j.quals(), depth, f), j.rtindex(), j.usingNames());
        };
    }

    private static Query.RangeTblEntry mapRte(Query.RangeTblEntry r, int depth, VarMapper f) {
        Query sub = r.subquery() == null ? null : mapQuery(r.subquery(), depth + 1, f);
        List<List<Expr>> values = null;
        if (r.values() != null) {
            values = new ArrayList<>();
            for (List<Expr> row : r.values()) values.add(mapAll(row, depth, f));
        }
        List<Query.RangeTblFunction> calls = new ArrayList<>();
        for (Query.RangeTblFunction c : r.functions())
            calls.add(new Query.RangeTblFunction(map(c.funcexpr(), depth, f), c.columnCount(), c.funccoltypes()));
        return f.rangeTableEntry(new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(),
                r.columns(), r.table(), sub, values, map(r.function(), depth, f), r.cteName(),
                r.kind() == Query.RteKind.CTE ? f.cteLevelsUp(r, depth) : r.ctelevelsup(), r.selfReference(), r.lateral(),
                r.inh(), List.copyOf(calls), r.funcOrdinality()), depth);
    }
}
