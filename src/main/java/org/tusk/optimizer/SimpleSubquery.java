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
 * <p>On the nullable side of an outer join PostgreSQL wraps output expressions in
 * PlaceHolderVars so that they go NULL with a null-extended row; we have none, so there a
 * subquery is pulled up only when every output column is a plain column of its own tables,
 * which goes NULL by itself, or when its other outputs are read only at or below the lowest
 * outer join nulling it (where PostgreSQL needs no PlaceHolderVar either, and the expressions
 * replace them: {@link OuterJoinSingleRows#replaceBelowNulling}). Its WHERE moves to the nearest join tree node that applies it with
 * the same effect ({@link #replace}); below a FULL join a single item's WHERE has no such place
 * and the subquery stays. A subquery that reads the items beside it (LATERAL references) stays
 * too, as planned by its own scan (see {@link #pullUp}).
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
    static Query pullUp(Query q, int rtindex, boolean nullable, FunctionCallContext ctx,
                        Consumer<Query.RangeTblEntry> merged) {
        Query.RangeTblEntry rte = q.rangeTable().get(rtindex - 1);
        if (!isSimple(rte.subquery())) return null;
        // PostgreSQL pulls up a subquery that reads the items beside it (LATERAL) too, its
        // items then reading those at the parent's level; our join planner cannot yet place an
        // outer join, a VALUES list or a join clause that reads an item outside it by lateral
        // parameters, and plans such a subquery well as a parameterized scan of its own
        // -- except the simplest form, one table whose WHERE alone reads the items beside it
        // (lateralWhereOnly): its conjuncts become quals of the join node that takes them, as
        // deconstruct_jointree's postponed quals do, once that node covers what they read
        boolean lateralWhere = readsParentLevel(rte.subquery());
        if (lateralWhere && !lateralWhereOnly(rte.subquery())) return null;
        // as pull_up_simple_subquery does, the subquery's own simple subqueries are pulled up
        // into it first, and what is left must still be simple
        // (what they bring is counted below, with the rest of the subquery's range table)
        Query sub = SubqueryPullUp.pullUp(rte.subquery(), ctx, r -> {});
        if (!isSimple(sub)) return null;
        if (lateralWhere && !lateralWhereOnly(sub)) return null;
        int offset = q.rangeTable().size();
        Query renumbered = VarTreeMutator.mapQuery(sub, 0, new Renumber(offset));
        List<Expr> row = new ArrayList<>();
        for (Query.TargetEntry te : renumbered.targetList()) if (!te.resjunk()) row.add(te.expr());
        if (row.size() != rte.columns().size() || !SubqueryPullUp.pullable(row)) return null;
        // see SubqueryPullUp: without PlaceHolderVars a grouping-sets query keeps the subquery,
        // and so does an outer join's nullable side, where only a column of the subquery's own
        // tables goes NULL with the null-extended row as its output must (a constant or an
        // expression such as COALESCE(x, 0) would not)
        // -- unless nothing reads such an output above the lowest outer join nulling the
        // subquery: at or below it, where its row is never null-extended, the expression itself
        // replaces the column (replace_vars_in_jointree, need_phvs off), and no PlaceHolderVar
        // is needed at all
        int natts = rte.columns().size();
        if (!q.groupingSets().isEmpty() && !SubqueryPullUp.allVars(row)) return null;
        if (nullable && !SubqueryPullUp.allVars(row)) {
            Query below = OuterJoinSingleRows.replaceBelowNulling(q, rtindex, row);
            int[] reads = IndexOnlyScans.columnReads(below, rtindex, natts);
            for (int i = 0; i < row.size(); i++) if (!(row.get(i) instanceof Expr.Var) && reads[i + 1] > 0) return null;
            q = below;
        }
        // nor may a whole-row reference be nulled there: its row-present column (RowPresence)
        // becomes the constant TRUE, which only the subquery's own scan can null
        if ((nullable || !q.groupingSets().isEmpty()) && RowPresence.referenced(q, rtindex, natts)) return null;

        Query replaced = RowPresence.replaceVars(q, rtindex, row);
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
                Query.JoinNode m = replace(n, rtindex, items, subQuals, topQuals);
                if (m == null) return null;
                from.add(m);
            }
        }
        topQuals.addAll(ScanPaths.conjuncts(replaced.where()));
        // a LATERAL subquery's WHERE reads items outside it: each join node must cover what its quals read
        if (lateralWhere) for (Query.JoinNode n : from) if (!qualsCovered(n)) return null;
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
     * output has no set-returning or volatile function (nor, here, an aggregate or
     * window function, which SubqueryPullUp.pullable rejects).
     */
    static boolean isSimple(Query sub) {
        return sub != null && sub.commandType() == Query.CommandType.SELECT && sub.setOperations() == null
                && sub.cteList().isEmpty() && !sub.hasGrouping() && sub.windowClause().isEmpty()
                && sub.distinctClause().isEmpty() && !sub.hasDistinctOn() && sub.sortClause().isEmpty()
                && sub.limitCount() == null && sub.limitOffset() == null && sub.rowMarks().isEmpty()
                && !sub.fromList().isEmpty();
    }

    /**
     * Whether {@code sub} is one plain table (no other range table entry) whose WHERE is the only
     * part reading the level above: its output columns are then its own table's and go NULL with
     * a null-extended row, and its table reads nothing beside it.
     */
    private static boolean lateralWhereOnly(Query sub) {
        if (sub.rangeTable().size() != 1 || sub.rangeTable().get(0).kind() != Query.RteKind.RELATION
                || sub.fromList().size() != 1 || !(sub.fromList().get(0) instanceof Query.JoinNode.RangeRef)) return false;
        for (Query.TargetEntry te : sub.targetList()) if (readsLevelAbove(te.expr())) return false;
        return true;
    }

    private static boolean readsLevelAbove(Expr e) {
        boolean[] found = {false};
        VarLevels.map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth + 1) found[0] = true;
            return null;
        });
        return found[0] || org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Aggref a && a.levelsup() > 0);
    }

    /** Whether every join node in {@code n} covers the relations its quals read (at this level). */
    private static boolean qualsCovered(Query.JoinNode n) {
        if (!(n instanceof Query.JoinNode.Join j)) return true;
        if (j.quals() != null) {
            java.util.Set<Integer> reads = new java.util.HashSet<>();
            VarLevels.map(j.quals(), 0, (v, depth) -> {
                if (v.levelsup() == depth) reads.add(v.varno());
                return null;
            });
            List<Integer> covered = new ArrayList<>();
            refs(j, covered);
            if (!covered.containsAll(reads)) return false;
        }
        return qualsCovered(j.left()) && qualsCovered(j.right());
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
     * Join tree node {@code n} with the RangeTblRef {@code rtindex} replaced by the subquery's
     * items; null when its quals have nowhere to go. Several items become a chain of inner joins
     * whose last one carries the quals. A single item's quals go up to the nearest node that
     * can apply them with the same effect ({@code pending} passes them on): an inner join's ON,
     * the ON of the outer join whose nullable side the item is on (A LEFT JOIN (B WHERE p) ON c
     * is A LEFT JOIN B ON p AND c), past an outer join whose non-nullable side it is on (that
     * join does not null its columns), up to the parent's WHERE; a FULL join takes none.
     */
    private static Query.JoinNode replace(Query.JoinNode n, int rtindex, List<Query.JoinNode> items,
                                          List<Expr> subQuals, List<Expr> pending) {
        if (n instanceof Query.JoinNode.RangeRef r) {
            if (r.rtindex() != rtindex) return n;
            if (items.size() == 1) {
                pending.addAll(subQuals);
                return items.get(0);
            }
            Query.JoinNode joined = items.get(0);
            for (int i = 1; i < items.size(); i++)
                joined = new Query.JoinNode.Join(Query.JoinType.INNER, joined, items.get(i),
                        i == items.size() - 1 ? ScanPaths.and(subQuals) : null, 0);
            return joined;
        }
        Query.JoinNode.Join j = (Query.JoinNode.Join) n;
        List<Expr> fromLeft = new ArrayList<>(), fromRight = new ArrayList<>();
        Query.JoinNode l = replace(j.left(), rtindex, items, subQuals, fromLeft);
        Query.JoinNode r = replace(j.right(), rtindex, items, subQuals, fromRight);
        if (l == null || r == null) return null;
        if (l == j.left() && r == j.right()) return j;
        List<Expr> quals = new ArrayList<>();
        switch (j.type()) {
            case INNER -> {
                quals.addAll(fromLeft);
                quals.addAll(fromRight);
            }
            case LEFT -> {
                pending.addAll(fromLeft);
                quals.addAll(fromRight);
            }
            case RIGHT -> {
                quals.addAll(fromLeft);
                pending.addAll(fromRight);
            }
            default -> {
                if (!fromLeft.isEmpty() || !fromRight.isEmpty()) return null;
            }
        }
        quals.addAll(ScanPaths.conjuncts(j.quals()));
        return new Query.JoinNode.Join(j.type(), l, r, ScanPaths.and(quals), j.rtindex(), j.usingNames());
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
