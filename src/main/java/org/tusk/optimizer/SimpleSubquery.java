package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;

/**
 * prepjointree.c pull_up_simple_subquery for a subquery in FROM that reads FROM items of its
 * own: its range table is appended to the parent's (its Vars renumbered, its references to the
 * levels above moved one level down), every reference to its output columns, at this level and
 * in the levels below (sub-selects, LATERAL items), is replaced by the output expression
 * (ReplaceVarsFromTargetList), and its join tree takes the place of its RangeTblRef, so that its
 * tables join freely with the parent's. A view, which the rewriter makes such a subquery, is
 * planned the same way.
 *
 * <p>Only a subquery reached from the top of FROM through inner joins is pulled up (the
 * caller's choice): below the nullable side of an outer join PostgreSQL wraps the output
 * expressions in PlaceHolderVars so that they go NULL with a null-extended row, which we do not
 * have. The subquery's WHERE joins the qualifications of that inner join (or the parent's
 * WHERE), which is equivalent as every join above it is inner too.
 */
final class SimpleSubquery {
    private SimpleSubquery() {}

    /** Whether {@code rte} is a subquery that reads FROM items (one without is a single-row item). */
    static boolean hasFrom(Query.RangeTblEntry rte) {
        return rte.subquery() != null && !rte.subquery().fromList().isEmpty();
    }

    /**
     * {@code q} with its subquery {@code rtindex} pulled up, or null when the subquery is not
     * simple (is_simple_subquery) or its output cannot replace its columns here.
     */
    static Query pullUp(Query q, int rtindex, FunctionCallContext ctx, Consumer<Query.RangeTblEntry> merged) {
        Query.RangeTblEntry rte = q.rangeTable().get(rtindex - 1);
        if (!isSimple(rte.subquery())) return null;
        // PostgreSQL pulls up a subquery that reads the items beside it (LATERAL) too, its
        // items then reading those at the parent's level; our join planner cannot yet place an
        // outer join, a VALUES list or a join clause that reads an item outside it by lateral
        // parameters, and plans such a subquery well as a parameterized scan of its own
        if (readsParentLevel(rte.subquery())) return null;
        // as pull_up_simple_subquery does, the subquery's own simple subqueries are pulled up
        // into it first, and what is left must still be simple
        // (what they bring is counted below, with the rest of the subquery's range table)
        Query sub = SubqueryPullUp.pullUp(rte.subquery(), ctx, r -> {});
        if (!isSimple(sub)) return null;
        int offset = q.rangeTable().size();
        Query renumbered = VarTreeMutator.mapQuery(sub, 0, new Renumber(offset));
        List<Expr> row = new ArrayList<>();
        for (Query.TargetEntry te : renumbered.targetList()) if (!te.resjunk()) row.add(te.expr());
        if (row.size() != rte.columns().size() || !SubqueryPullUp.pullable(row)) return null;
        // see SubqueryPullUp: without PlaceHolderVars a grouping-sets query keeps the subquery
        if (!q.groupingSets().isEmpty() && !SubqueryPullUp.allVars(row)) return null;

        Query replaced = VarLevels.mapQuery(q, 0, (v, depth) -> v.levelsup() == depth && v.varno() == rtindex
                ? VarLevels.incrementLevelsUp(row.get(v.attno() - 1), depth) : null);
        List<Query.RangeTblEntry> rt = new ArrayList<>(replaced.rangeTable());
        // a LATERAL subquery's items may read the items beside it once they are the parent's
        for (Query.RangeTblEntry r : renumbered.rangeTable()) rt.add(rte.lateral() && !r.lateral() ? lateral(r) : r);
        for (Query.RangeTblEntry r : sub.rangeTable()) merged.accept(r);

        List<Query.JoinNode> items = new ArrayList<>();
        for (Query.JoinNode n : renumbered.fromList()) items.add(renumber(n, offset));
        List<Expr> subQuals = ScanPaths.conjuncts(renumbered.where());
        List<Expr> topQuals = new ArrayList<>();
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode n : replaced.fromList()) {
            if (n instanceof Query.JoinNode.RangeRef r && r.rtindex() == rtindex) {
                // a FROM-list item: its items join the parent's list (the subquery's quals are
                // distributed before the parent's WHERE, as deconstruct_jointree meets them)
                from.addAll(items);
                topQuals.addAll(subQuals);
            } else {
                from.add(replace(n, rtindex, items, subQuals));
            }
        }
        topQuals.addAll(ScanPaths.conjuncts(replaced.where()));
        uniqueNames(rt, from, offset);
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), replaced.targetList(),
                ScanPaths.and(topQuals), q.sortClause(), replaced.limitCount(), replaced.limitOffset(),
                replaced.aggregates(), q.resultRelation(), replaced.valuesLists(), replaced.sourceQuery(),
                replaced.returningList(), List.copyOf(from), q.groupClause(), replaced.havingQual(),
                q.distinctClause(), q.hasDistinctOn(), q.setOperations(), replaced.cteList(), q.windowClause(),
                q.groupingSets(), replaced.onConflict(), q.rowMarks(), q.mergeActionList(),
                replaced.withCheckOptions());
    }

    /**
     * is_simple_subquery: a plain SELECT over FROM items without aggregation, grouping, window
     * functions, DISTINCT, ORDER BY, LIMIT/OFFSET, FOR UPDATE, WITH or set operation, whose
     * output has no set-returning or volatile function (nor, here, a sub-select, aggregate or
     * window function, which SubqueryPullUp.pullable rejects).
     */
    static boolean isSimple(Query sub) {
        return sub != null && sub.commandType() == Query.CommandType.SELECT && sub.setOperations() == null
                && sub.cteList().isEmpty() && !sub.hasGrouping() && sub.windowClause().isEmpty()
                && sub.distinctClause().isEmpty() && !sub.hasDistinctOn() && sub.sortClause().isEmpty()
                && sub.limitCount() == null && sub.limitOffset() == null && sub.rowMarks().isEmpty()
                && !sub.fromList().isEmpty();
    }

    /** Whether anything in {@code sub} (at any depth) reads the level {@code sub} is a FROM item of. */
    private static boolean readsParentLevel(Query sub) {
        boolean[] found = {false};
        VarTreeMutator.mapQuery(sub, 0, (v, depth) -> {
            if (v.levelsup() == depth + 1) found[0] = true;
            return null;
        });
        return found[0];
    }

    /**
     * The inner join node {@code n} with the RangeTblRef {@code rtindex} replaced by the
     * subquery's items (cross-joined) and the subquery's quals joining that join's ON
     * qualification, ahead of it.
     */
    private static Query.JoinNode replace(Query.JoinNode n, int rtindex, List<Query.JoinNode> items, List<Expr> subQuals) {
        if (!(n instanceof Query.JoinNode.Join j) || j.type() != Query.JoinType.INNER) return n;
        boolean left = isRef(j.left(), rtindex), right = isRef(j.right(), rtindex);
        if (!left && !right)
            return new Query.JoinNode.Join(j.type(), replace(j.left(), rtindex, items, subQuals),
                    replace(j.right(), rtindex, items, subQuals), j.quals(), j.rtindex(), j.usingNames());
        Query.JoinNode joined = items.get(0);
        for (int i = 1; i < items.size(); i++)
            joined = new Query.JoinNode.Join(Query.JoinType.INNER, joined, items.get(i), null, 0);
        List<Expr> quals = new ArrayList<>(subQuals);
        quals.addAll(ScanPaths.conjuncts(j.quals()));
        return new Query.JoinNode.Join(j.type(), left ? joined : j.left(), right ? joined : j.right(),
                ScanPaths.and(quals), j.rtindex(), j.usingNames());
    }

    /**
     * EXPLAIN gives every relation it shows a name unique in the statement (set_rtable_names),
     * the first entry of the flattened range table keeping its alias and a later one with a
     * taken alias getting {@code alias_N}. A level names its own entries alike, so the entries
     * pulled up (after {@code offset}) whose alias an entry of the level already has are
     * renamed here, in range table order, as set_rtable_names would name them: a view read
     * twice shows its table as {@code t} and {@code t_1}.
     */
    private static void uniqueNames(List<Query.RangeTblEntry> rt, List<Query.JoinNode> from, int offset) {
        List<Integer> scanned = new ArrayList<>();
        for (Query.JoinNode n : from) refs(n, scanned);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i : scanned) if (i <= offset && rt.get(i - 1).refname() != null) used.add(rt.get(i - 1).refname());
        java.util.Collections.sort(scanned);
        for (int i : scanned) {
            Query.RangeTblEntry r = rt.get(i - 1);
            if (i <= offset || r.refname() == null) continue;
            String name = r.refname();
            for (int n = 1; used.contains(name); n++) name = r.refname() + "_" + n;
            used.add(name);
            if (!name.equals(r.refname())) rt.set(i - 1, renamed(r, name));
        }
    }

    private static void refs(Query.JoinNode n, List<Integer> out) {
        switch (n) {
            case Query.JoinNode.RangeRef r -> out.add(r.rtindex());
            case Query.JoinNode.Join j -> {
                refs(j.left(), out);
                refs(j.right(), out);
            }
        }
    }

    private static Query.RangeTblEntry renamed(Query.RangeTblEntry r, String refname) {
        return new Query.RangeTblEntry(r.kind(), refname, r.schema(), r.relname(), r.relation(), r.columns(),
                r.table(), r.subquery(), r.values(), r.function(), r.cteName(), r.ctelevelsup(), r.selfReference(),
                r.lateral(), r.inh(), r.functions(), r.funcOrdinality());
    }

    private static boolean isRef(Query.JoinNode n, int rtindex) {
        return n instanceof Query.JoinNode.RangeRef r && r.rtindex() == rtindex;
    }

    /** The subquery's join tree in the parent's numbering. */
    private static Query.JoinNode renumber(Query.JoinNode n, int offset) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> new Query.JoinNode.RangeRef(r.rtindex() + offset);
            case Query.JoinNode.Join j -> new Query.JoinNode.Join(j.type(), renumber(j.left(), offset),
                    renumber(j.right(), offset), j.quals(), j.rtindex() == 0 ? 0 : j.rtindex() + offset, j.usingNames());
        };
    }

    private static Query.RangeTblEntry lateral(Query.RangeTblEntry r) {
        return new Query.RangeTblEntry(r.kind(), r.refname(), r.schema(), r.relname(), r.relation(), r.columns(),
                r.table(), r.subquery(), r.values(), r.function(), r.cteName(), r.ctelevelsup(), r.selfReference(), true,
                r.inh(), r.functions(), r.funcOrdinality());
    }

    /**
     * OffsetVarNodes plus IncrementVarSublevelsUp(-1) over the subquery: its own Vars (at any
     * depth below it) move by {@code offset}; what it reads of the levels above it (Vars, CTE
     * references, aggregates) is one level nearer once it is part of its parent.
     */
    private record Renumber(int offset) implements VarTreeMutator.VarMapper {
        public Expr map(Expr.Var v, int depth) {
            if (v.levelsup() == depth)
                return new Expr.Var(v.varno() + offset, v.attno(), v.type(), v.typmod(), v.name(), v.location(), v.levelsup());
            if (v.levelsup() > depth)
                return new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), v.location(), v.levelsup() - 1);
            return null;
        }

        public int cteLevelsUp(int ctelevelsup, int depth) {
            return ctelevelsup > depth ? ctelevelsup - 1 : ctelevelsup;
        }

        public int aggLevelsUp(Expr.Aggref a, int depth) {
            return a.levelsup() > depth ? a.levelsup() - 1 : a.levelsup();
        }

        public Expr.GroupingFunc groupingFunc(Expr.GroupingFunc g, int depth) {
            return g.levelsup() > depth ? new Expr.GroupingFunc(g.args(), g.refs(), g.levelsup() - 1, g.location()) : g;
        }
    }
}
