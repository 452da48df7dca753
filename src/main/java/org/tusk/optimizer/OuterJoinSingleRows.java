package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * The single-row FROM items below outer joins (a FROM-less subquery, one over a one-row VALUES
 * list, a constant-folding function call), which {@link SubqueryPullUp} leaves where they are
 * when an outer join lies between them and the top of FROM. PostgreSQL pulls them up there too
 * (pull_up_simple_subquery, pull_up_constant_function), turning the item into an RTE_RESULT and
 * its output expressions into PlaceHolderVars wherever an outer join above can null them
 * (pullup_replace_vars with need_phvs). Such a PlaceHolderVar is evaluated at the RTE_RESULT, a
 * one-row Result whose output the outer join nulls: here, that is the item itself, kept as a
 * FROM item of its own (a constant function becomes a FROM-less subquery of its value, planned
 * as that Result). What PostgreSQL replaces by the bare expressions is replaced here likewise:
 * <ul>
 *   <li>an item no outer join can null (on the preserved side of every outer join above it):
 *       every reference, at any depth (no PlaceHolderVar is needed anywhere);</li>
 *   <li>an item on a nullable side: the references in the quals of the joins at or below the
 *       lowest outer join that nulls it, where its row is never null-extended
 *       (replace_vars_in_jointree stops needing PlaceHolderVars at lowest_nulling_outer_join),
 *       except that join's own quals when it is a FULL join (which keep them, so that a
 *       var-free expression still tells which side it came from); references above it keep
 *       reading the item's column, which goes NULL with the null-extended row.</li>
 * </ul>
 * On a nullable side only rows of var-free expressions are treated so (no column of this level,
 * no sub-select): one reading items beside it is a LATERAL PlaceHolderVar, evaluated at a join,
 * which we do not have. Where no outer join nulls the item, a LATERAL row is the same value at
 * every reference, as the items it reads are nulled (or not) below it. VALUES lists stay as they
 * are, as PostgreSQL pulls them up only outside outer joins (pull_up_simple_values).
 *
 * <p>Of remove_useless_result_rtes: an item nothing reads any more is dropped from an inner
 * join without quals, and a LEFT JOIN ON TRUE to a single-row item becomes an inner join
 * ({@link #innerJoinsOnTrue}).
 */
final class OuterJoinSingleRows {
    private OuterJoinSingleRows() {}

    /** {@code q} with the references to its single-row items below outer joins replaced where their row is certain. */
    static Query pullUp(Query q, FunctionCallContext ctx, java.util.Set<Integer> keptForLateral) {
        // a grouping-sets query wraps every non-Var output in a PlaceHolderVar (see SubqueryPullUp)
        if (!q.groupingSets().isEmpty() || hasSemiOrAnti(q.fromList())) return q;
        List<SubqueryPullUp.Item> items = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) SubqueryPullUp.collectAll(n, true, false, items);
        for (SubqueryPullUp.Item it : items) {
            if (it.innerOnly() || keptForLateral.contains(it.rtindex())) continue;
            Query.RangeTblEntry rte = q.rangeTable().get(it.rtindex() - 1);
            List<Expr> row = rowOf(rte, ctx);
            // a row reading the items beside it (LATERAL) is the same value wherever no outer
            // join nulls it; below one it would need a PlaceHolderVar evaluated at a join
            if (row == null || it.nullable() && !varFree(row)) continue;
            if (it.nullable()) {
                q = replaceBelowNulling(q, it.rtindex(), row);
                // find_dependent_phvs: with no reference left above the outer join, it is useless too
                int[] reads = IndexOnlyScans.columnReads(q, it.rtindex(), row.size());
                if (java.util.Arrays.stream(reads).allMatch(n -> n == 0)) q = withoutUseless(q, it.rtindex());
            } else {
                q = RowPresence.replaceVars(q, it.rtindex(), row);
                // nothing reads it any more: remove_useless_result_rtes drops it from an inner join
                q = withoutUseless(q, it.rtindex());
            }
            if (rte.kind() == Query.RteKind.FUNCTION) q = withEntry(q, it.rtindex(), resultSubquery(rte, row));
        }
        return q;
    }

    /** The one row of single-row item {@code rte}, or null if it is not one. */
    private static List<Expr> rowOf(Query.RangeTblEntry rte, FunctionCallContext ctx) {
        return switch (rte.kind()) {
            case FUNCTION -> SubqueryPullUp.constantFunction(rte, ctx);
            case SUBQUERY -> SubqueryPullUp.singleRow(rte, ctx);
            default -> null;
        };
    }

    /**
     * remove_useless_result_rtes' JOIN_LEFT case: a LEFT JOIN (or RIGHT JOIN, mirrored) whose
     * nullable side is a single-row item and whose condition is empty or TRUE matches every row
     * with that one row, never null-extending: it is an inner join. PostgreSQL then drops the
     * RTE_RESULT, its PlaceHolderVars evaluated by the other side, unless a LATERAL item reads
     * them (find_dependent_phvs_in_jointree): such an item is added to {@code keptForLateral},
     * to stay a Result of its own.
     */
    static Query innerJoinsOnTrue(Query q, FunctionCallContext ctx, java.util.Set<Integer> keptForLateral) {
        if (hasSemiOrAnti(q.fromList())) return q;
        List<Query.JoinNode> from = new ArrayList<>();
        boolean changed = false;
        for (Query.JoinNode n : q.fromList()) {
            Query.JoinNode m = innerOnTrue(q, n, ctx, keptForLateral);
            changed |= m != n;
            from.add(m);
        }
        return changed ? withFrom(q, from) : q;
    }

    private static Query.JoinNode innerOnTrue(Query q, Query.JoinNode n, FunctionCallContext ctx, java.util.Set<Integer> kept) {
        if (!(n instanceof Query.JoinNode.Join j)) return n;
        Query.JoinNode l = innerOnTrue(q, j.left(), ctx, kept), r = innerOnTrue(q, j.right(), ctx, kept);
        Query.JoinNode nullable = j.type() == Query.JoinType.LEFT ? r : j.type() == Query.JoinType.RIGHT ? l : null;
        boolean onTrue = j.quals() == null || j.quals() instanceof Expr.Const c && Boolean.TRUE.equals(c.value());
        if (onTrue && nullable instanceof Query.JoinNode.RangeRef ref
                && rowOf(q.rangeTable().get(ref.rtindex() - 1), ctx) != null) {
            if (readByLateral(q, ref.rtindex())) kept.add(ref.rtindex());
            return new Query.JoinNode.Join(Query.JoinType.INNER, l, r, null, j.rtindex(), j.usingNames());
        }
        return l == j.left() && r == j.right() ? j
                : new Query.JoinNode.Join(j.type(), l, r, j.quals(), j.rtindex(), j.usingNames());
    }

    /** Whether a LATERAL item of {@code q} reads a column of item {@code rtindex}. */
    private static boolean readByLateral(Query q, int rtindex) {
        boolean[] found = {false};
        VarLevels.VarMapper probe = (v, depth) -> {
            if (v.levelsup() == depth && v.varno() == rtindex) found[0] = true;
            return null;
        };
        for (int i = 0; i < q.rangeTable().size(); i++) {
            Query.RangeTblEntry r = q.rangeTable().get(i);
            if (i + 1 == rtindex || !r.lateral()) continue;
            if (r.subquery() != null) VarLevels.mapQuery(r.subquery(), 1, probe);
            if (r.functions() != null) for (Query.RangeTblFunction f : r.functions()) VarLevels.map(f.funcexpr(), 0, probe);
            if (r.values() != null) for (List<Expr> row : r.values()) for (Expr e : row) VarLevels.map(e, 0, probe);
        }
        return found[0];
    }

    /**
     * remove_useless_results_recurse's JOIN_INNER case for item {@code rtindex}, which nothing
     * reads: an inner join with the item as one side becomes its other side. The join's quals
     * (which read only that side now) stay where PostgreSQL's FromExpr would keep them: in the
     * ON condition of the inner join above, or of the outer join whose nullable side it is, or
     * in WHERE at the top of FROM; below a preserved or FULL side the join is left as it is.
     */
    private static Query withoutUseless(Query q, int rtindex) {
        List<Query.JoinNode> from = new ArrayList<>();
        List<Expr> where = new ArrayList<>(ScanPaths.conjuncts(q.where()));
        boolean changed = false;
        for (Query.JoinNode n : q.fromList()) {
            Dropped d = withoutUseless(n, rtindex);
            if (d == null) {
                from.add(n);
                continue;
            }
            from.add(d.node());
            if (d.quals() != null) where.addAll(ScanPaths.conjuncts(d.quals()));
            changed = true;
        }
        if (!changed) return q;
        Expr w = where.isEmpty() ? null : where.size() == 1 ? where.get(0)
                : new Expr.BoolExpr(org.tusk.nodes.RawExpr.BoolOp.AND, List.copyOf(where));
        Query out = withFrom(q, from);
        return new Query(out.commandType(), out.utilityStmt(), out.rangeTable(), out.targetList(), w, out.sortClause(),
                out.limitCount(), out.limitOffset(), out.aggregates(), out.resultRelation(), out.valuesLists(), out.sourceQuery(),
                out.returningList(), out.fromList(), out.groupClause(), out.havingQual(), out.distinctClause(),
                out.hasDistinctOn(), out.setOperations(), out.cteList(), out.windowClause(), out.groupingSets(), out.onConflict(),
                out.rowMarks(), out.mergeActionList(), out.withCheckOptions());
    }

    /** A join tree node without the useless item, and the quals of the inner join it was dropped from (null: none). */
    private record Dropped(Query.JoinNode node, Expr quals) {}

    /** {@code n} without item {@code rtindex} (see {@link #withoutUseless(Query, int)}), or null when nothing changes. */
    private static Dropped withoutUseless(Query.JoinNode n, int rtindex) {
        if (!(n instanceof Query.JoinNode.Join j)) return null;
        if (j.type() == Query.JoinType.INNER) {
            if (j.left() instanceof Query.JoinNode.RangeRef r && r.rtindex() == rtindex) return new Dropped(j.right(), j.quals());
            if (j.right() instanceof Query.JoinNode.RangeRef r && r.rtindex() == rtindex) return new Dropped(j.left(), j.quals());
        }
        Dropped l = withoutUseless(j.left(), rtindex), r = withoutUseless(j.right(), rtindex);
        List<Expr> quals = new ArrayList<>(ScanPaths.conjuncts(j.quals()));
        Query.JoinNode left = j.left(), right = j.right();
        // quals of a side may join this join's ON condition where they filter that side before it
        if (l != null && (l.quals() == null || j.type() == Query.JoinType.INNER || j.type() == Query.JoinType.RIGHT)) {
            left = l.node();
            quals.addAll(ScanPaths.conjuncts(l.quals()));
        }
        if (r != null && (r.quals() == null || j.type() == Query.JoinType.INNER || j.type() == Query.JoinType.LEFT)) {
            right = r.node();
            quals.addAll(ScanPaths.conjuncts(r.quals()));
        }
        if (left == j.left() && right == j.right()) return null;
        Expr on = quals.isEmpty() ? null : quals.size() == 1 ? quals.get(0)
                : new Expr.BoolExpr(org.tusk.nodes.RawExpr.BoolOp.AND, List.copyOf(quals));
        return new Dropped(new Query.JoinNode.Join(j.type(), left, right, on, j.rtindex(), j.usingNames()), null);
    }

    /** No column of this level (at any depth) and no sub-select: the same value wherever it is evaluated. */
    private static boolean varFree(List<Expr> row) {
        for (Expr e : row) {
            if (VarLevels.refersToLevel(e) || ExprTrees.any(e, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan
                    || x instanceof Expr.WholeRowVar)) return false;
        }
        return true;
    }

    private static boolean hasSemiOrAnti(List<Query.JoinNode> from) {
        for (Query.JoinNode n : from) if (hasSemiOrAnti(n)) return true;
        return false;
    }

    private static boolean hasSemiOrAnti(Query.JoinNode n) {
        return n instanceof Query.JoinNode.Join j && (j.type() == Query.JoinType.SEMI || j.type() == Query.JoinType.ANTI
                || hasSemiOrAnti(j.left()) || hasSemiOrAnti(j.right()));
    }

    /**
     * {@code q} with the columns of its item {@code rtindex}, which an outer join nulls, replaced
     * by {@code row} in the quals of the lowest join nulling it and of the joins below.
     */
    static Query replaceBelowNulling(Query q, int rtindex, List<Expr> row) {
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) from.add(replaceBelowNulling(n, rtindex, row, false));
        return withFrom(q, from);
    }

    /**
     * replace_vars_in_jointree for an item on a nullable side: {@code n} with the item's columns
     * replaced by {@code row} in the quals of the lowest join nulling it and of the joins below
     * ({@code inRegion}: {@code n} is below that join).
     */
    private static Query.JoinNode replaceBelowNulling(Query.JoinNode n, int rtindex, List<Expr> row, boolean inRegion) {
        if (!(n instanceof Query.JoinNode.Join j)) return n;
        if (inRegion) {
            return new Query.JoinNode.Join(j.type(), replaceBelowNulling(j.left(), rtindex, row, true),
                    replaceBelowNulling(j.right(), rtindex, row, true), columns(j.quals(), rtindex, row), j.rtindex(),
                    j.usingNames());
        }
        boolean inLeft = contains(j.left(), rtindex);
        if (!inLeft && !contains(j.right(), rtindex)) return j;
        Query.JoinNode side = inLeft ? j.left() : j.right();
        boolean nulls = j.type() == Query.JoinType.FULL
                || (inLeft ? j.type() == Query.JoinType.RIGHT : j.type() == Query.JoinType.LEFT);
        boolean lowest = nulls && !nulledWithin(side, rtindex);
        Query.JoinNode replaced = replaceBelowNulling(side, rtindex, row, lowest);
        // a FULL join's own quals keep the column (need_phvs stays on for them)
        Expr quals = lowest && j.type() != Query.JoinType.FULL ? columns(j.quals(), rtindex, row) : j.quals();
        return new Query.JoinNode.Join(j.type(), inLeft ? replaced : j.left(), inLeft ? j.right() : replaced, quals,
                j.rtindex(), j.usingNames());
    }

    /** The item's columns (not its row-present column) in {@code e} replaced by {@code row}. */
    private static Expr columns(Expr e, int rtindex, List<Expr> row) {
        if (e == null) return null;
        return VarLevels.map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() == rtindex
                && v.attno() >= 1 && v.attno() <= row.size() ? VarLevels.incrementLevelsUp(row.get(v.attno() - 1), depth) : null);
    }

    /** Whether a join within {@code n} has item {@code rtindex} on its nullable side. */
    private static boolean nulledWithin(Query.JoinNode n, int rtindex) {
        if (!(n instanceof Query.JoinNode.Join j)) return false;
        boolean inLeft = contains(j.left(), rtindex);
        if (!inLeft && !contains(j.right(), rtindex)) return false;
        if (j.type() == Query.JoinType.FULL || (inLeft ? j.type() == Query.JoinType.RIGHT : j.type() == Query.JoinType.LEFT))
            return true;
        return nulledWithin(inLeft ? j.left() : j.right(), rtindex);
    }

    private static boolean contains(Query.JoinNode n, int rtindex) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> r.rtindex() == rtindex;
            case Query.JoinNode.Join j -> contains(j.left(), rtindex) || contains(j.right(), rtindex);
        };
    }

    /**
     * The RTE_RESULT a constant function becomes, computing its value: a FROM-less subquery of
     * it, which plans as a one-row Result.
     */
    private static Query.RangeTblEntry resultSubquery(Query.RangeTblEntry rte, List<Expr> row) {
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int i = 0; i < row.size(); i++)
            tlist.add(new Query.TargetEntry(row.get(i), i + 1, rte.columns().get(i).name(), false));
        Query sub = new Query(Query.CommandType.SELECT, null, List.of(), List.copyOf(tlist), null, List.of(), null, null,
                List.of());
        return new Query.RangeTblEntry(Query.RteKind.SUBQUERY, rte.refname(), null, null, null, rte.columns(), null, sub,
                null, null, null, 0, false, rte.lateral(), false, List.of(), false);
    }

    private static Query withEntry(Query q, int rtindex, Query.RangeTblEntry rte) {
        List<Query.RangeTblEntry> rt = new ArrayList<>(q.rangeTable());
        rt.set(rtindex - 1, rte);
        return new Query(q.commandType(), q.utilityStmt(), List.copyOf(rt), q.targetList(), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), q.fromList(), q.groupClause(), q.havingQual(), q.distinctClause(),
                q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(),
                q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }

    private static Query withFrom(Query q, List<Query.JoinNode> from) {
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), q.where(), q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), List.copyOf(from), q.groupClause(), q.havingQual(), q.distinctClause(),
                q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(),
                q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }
}
