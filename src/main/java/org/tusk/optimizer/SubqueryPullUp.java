package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.PgProc;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * prepjointree.c pull_up_subqueries. Simple subqueries with FROM items of their own (and the
 * views the rewriter makes into them) anywhere in the join tree are merged into the query by
 * {@link SimpleSubquery}. Then the single-row FROM items (the subqueries that reduce to one row
 * of expressions: pull_up_simple_subquery over pull_up_simple_values, then
 * remove_useless_result_rtes) are pulled up here. A FROM item that is
 * <ul>
 *   <li>a subquery {@code SELECT exprs} without FROM, or over a one-row VALUES list or a
 *       constant function call, with no
 *       WHERE, grouping, aggregates, windows, DISTINCT, ORDER BY, LIMIT, WITH or set operation, or</li>
 *   <li>a one-row VALUES list, or</li>
 *   <li>a scalar function call in FROM that constant-folds ({@link #constantFunction}),</li>
 * </ul>
 * whose output expressions have no volatile or set-returning function, aggregate or volatile sub-select,
 * is replaced by those expressions wherever the query (and the levels below it) read its
 * columns, and taken out of the join tree. This is what turns
 * {@code tenk1 b JOIN LATERAL (VALUES (a.unique1)) ss(x) ON b.unique2 = ss.x} into a join clause
 * {@code b.unique2 = a.unique1} between {@code a} and {@code b}, instead of a nested loop that
 * re-joins {@code b} for every row of {@code a}.
 *
 * <p>Only items reached from the top of FROM through inner joins are pulled up (PostgreSQL pulls
 * up below outer joins too, wrapping the expressions in PlaceHolderVars, which we do not have):
 * an inner join one of whose sides disappears is replaced by its other side, its ON condition
 * moving to WHERE, which is equivalent as every join above it is an inner join too. For the
 * same reason an item whose row is not all plain Vars is left in place in a query with
 * grouping sets (PostgreSQL wraps such expressions in PlaceHolderVars there, so that the
 * grouping-set Agg can still null them).
 */
final class SubqueryPullUp {
    private SubqueryPullUp() {}

    /** {@code q} with its single-row FROM items pulled up (q itself if there are none). */
    static Query pullUp(Query q, FunctionCallContext ctx) {
        return pullUp(q, ctx, rte -> {});
    }

    /**
     * {@code q} with its simple subqueries and single-row FROM items pulled up; {@code merged}
     * is told of every range table entry a pulled-up subquery brings into {@code q}'s range
     * table (they count in the statement's flattened range table, as they would had the
     * subquery been planned on its own).
     */
    static Query pullUp(Query q, FunctionCallContext ctx, Consumer<Query.RangeTblEntry> merged) {
        if (q.commandType() != Query.CommandType.SELECT || q.setOperations() != null || !q.rowMarks().isEmpty()) return q;
        // the simple subqueries anywhere in the join tree (pull_up_subqueries_recurse), then the
        // single-row items reached through inner joins only
        List<Item> all = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) collectAll(n, true, false, all);
        for (Item it : all) {
            Query.RangeTblEntry rte = q.rangeTable().get(it.rtindex() - 1);
            if (rte.kind() != Query.RteKind.SUBQUERY || !SimpleSubquery.hasFrom(rte)) continue;
            if (it.innerOnly() && singleRow(rte, ctx) != null) continue;
            Query pulled = SimpleSubquery.pullUp(q, it.rtindex(), it.nullable(), ctx, merged);
            if (pulled != null) q = pulled;
        }
        // a LEFT JOIN ... ON TRUE to a single-row item always finds its one row: an inner join
        java.util.Set<Integer> keptForLateral = new java.util.HashSet<>();
        q = OuterJoinSingleRows.innerJoinsOnTrue(q, ctx, keptForLateral);
        List<Integer> candidates = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) collect(n, candidates);
        for (int rtindex : candidates) {
            // its outputs were PlaceHolderVars, which a LATERAL item reading them keeps at the item
            if (keptForLateral.contains(rtindex)) continue;
            Query.RangeTblEntry rte = q.rangeTable().get(rtindex - 1);
            List<Expr> row = rte.kind() == Query.RteKind.FUNCTION ? constantFunction(rte, ctx) : singleRow(rte, ctx);
            if (row == null) continue;
            // pull_up_simple_subquery wraps the pulled-up expressions in PlaceHolderVars when the
            // query has grouping sets, so that a grouping column stays a column the Agg can set to
            // NULL instead of becoming a constant (or an expression over other columns) that no
            // set nulls; without PlaceHolderVars the item stays a scan of its own
            if (!q.groupingSets().isEmpty() && (!allVars(row) || RowPresence.referenced(q, rtindex, row.size()))) continue;
            // reached through inner joins only: its row-present column is TRUE
            q = RowPresence.replaceVars(q, rtindex, row);
            q = withoutItem(q, rtindex);
        }
        // then those below outer joins, whose PlaceHolderVars are the items themselves
        return OuterJoinSingleRows.pullUp(q, ctx, keptForLateral);
    }

    /**
     * pull_up_constant_function: a function in FROM without ORDINALITY, alone in its ROWS FROM,
     * whose call const-folds (preprocess_function_rtes: immutable, constant arguments) to a value
     * of a scalar type is a one-row item of that constant; null for anything else. A composite
     * result (several columns, or one column of the composite's field type) is left to its
     * Function Scan.
     */
    static List<Expr> constantFunction(Query.RangeTblEntry rte, FunctionCallContext ctx) {
        if (ctx == null || rte.funcOrdinality() || rte.functions() == null || rte.functions().size() != 1) return null;
        Query.RangeTblFunction f = rte.functions().get(0);
        if (rte.columns().size() != 1 || f.columnCount() != 1 || rte.columns().get(0).typeOid() != f.funcexpr().type())
            return null;
        // a lateral reference to another item cannot fold away; only a constant call is tried
        if (ExprTrees.any(f.funcexpr(), x -> x instanceof Expr.Var || x instanceof Expr.Param)) return null;
        Expr folded = Planner.fold(f.funcexpr(), ctx);
        return folded instanceof Expr.Const ? List.of(folded) : null;
    }

    static boolean allVars(List<Expr> row) {
        for (Expr e : row) if (!(e instanceof Expr.Var)) return false;
        return true;
    }

    /**
     * A FROM item of the join tree: whether it is reached from the top through inner joins
     * only, and whether an outer join above it can null-extend it.
     */
    record Item(int rtindex, boolean innerOnly, boolean nullable) {}

    static void collectAll(Query.JoinNode n, boolean innerOnly, boolean nullable, List<Item> out) {
        switch (n) {
            case Query.JoinNode.RangeRef r -> out.add(new Item(r.rtindex(), innerOnly, nullable));
            case Query.JoinNode.Join j -> {
                boolean inner = innerOnly && j.type() == Query.JoinType.INNER;
                collectAll(j.left(), inner, nullable || j.type() == Query.JoinType.RIGHT || j.type() == Query.JoinType.FULL, out);
                collectAll(j.right(), inner, nullable || j.type() == Query.JoinType.LEFT || j.type() == Query.JoinType.FULL, out);
            }
        }
    }

    /** The range table entries reached from the top of the join tree through inner joins only. */
    private static void collect(Query.JoinNode n, List<Integer> out) {
        switch (n) {
            case Query.JoinNode.RangeRef r -> out.add(r.rtindex());
            case Query.JoinNode.Join j -> {
                if (j.type() != Query.JoinType.INNER) return;
                collect(j.left(), out);
                collect(j.right(), out);
            }
        }
    }

    /** The item's one row as expressions of the parent level, or null if it cannot be pulled up. */
    static List<Expr> singleRow(Query.RangeTblEntry rte, FunctionCallContext ctx) {
        List<Expr> row;
        switch (rte.kind()) {
            case VALUES -> {
                if (rte.values() == null || rte.values().size() != 1) return null;
                row = rte.values().get(0);
            }
            case SUBQUERY -> {
                Query sub = rte.subquery();
                if (!isSimple(sub)) return null;
                List<Expr> values = null;
                if (sub.fromList().size() == 1) {
                    if (!(sub.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) return null;
                    Query.RangeTblEntry v = sub.rangeTable().get(ref.rtindex() - 1);
                    // the subquery's own one-row item, which its planning would pull up in turn
                    if (v.kind() == Query.RteKind.FUNCTION) {
                        values = constantFunction(v, ctx);
                        if (values == null) return null;
                    } else {
                        if (v.kind() != Query.RteKind.VALUES || v.values() == null || v.values().size() != 1) return null;
                        values = v.values().get(0);
                    }
                    if (!pullable(values)) return null;
                } else if (!sub.fromList().isEmpty()) {
                    return null;
                }
                row = new ArrayList<>();
                for (Query.TargetEntry te : sub.targetList()) {
                    if (te.resjunk()) continue;
                    Expr e = te.expr();
                    if (values != null) {
                        int valuesIndex = ((Query.JoinNode.RangeRef) sub.fromList().get(0)).rtindex();
                        e = VarLevels.substitute(e, valuesIndex, values);
                    }
                    // the subquery's outer references are this level's columns
                    row.add(VarLevels.incrementLevelsUp(e, -1));
                }
            }
            default -> { return null; }
        }
        if (row.size() != rte.columns().size() || !pullable(row)) return null;
        return List.copyOf(row);
    }

    /** is_simple_subquery, for the single-row case: a plain SELECT of expressions. */
    private static boolean isSimple(Query sub) {
        return sub.commandType() == Query.CommandType.SELECT && sub.setOperations() == null && sub.cteList().isEmpty()
                && !sub.hasGrouping() && sub.aggregates().isEmpty() && sub.where() == null && sub.havingQual() == null
                && sub.distinctClause().isEmpty() && sub.sortClause().isEmpty() && sub.limitCount() == null
                && sub.limitOffset() == null && sub.windowClause().isEmpty() && sub.rowMarks().isEmpty();
    }

    /**
     * Whether copying the expressions to every place that reads them keeps their meaning: no
     * volatile or set-returning function (evaluated once per row as written), aggregate or window
     * function. A sub-select is copied like any expression, as pull_up_simple_subquery copies it
     * (each copy becomes a SubPlan of its own), unless it calls a volatile function
     * (contain_volatile_functions looks into sub-selects).
     */
    static boolean pullable(List<Expr> exprs) {
        for (Expr e : exprs) {
            if (ExprTrees.any(e, x -> switch (x) {
                case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE || f.proc().retset();
                case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
                case Expr.SubLink s -> CteInlining.containsVolatile(s.subselect());
                case Expr.SubPlan s -> true;
                case Expr.Aggref a -> true;
                case Expr.WindowFunc w -> true;
                default -> false;
            })) return false;
        }
        return true;
    }

    /** The query with range table entry {@code rtindex} taken out of the join tree (remove_useless_result_rtes). */
    private static Query withoutItem(Query q, int rtindex) {
        List<Expr> moved = new ArrayList<>();
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode n : q.fromList()) {
            Query.JoinNode r = remove(n, rtindex, moved);
            if (r != null) from.add(r);
        }
        Expr where = q.where();
        if (!moved.isEmpty()) {
            List<Expr> all = new ArrayList<>(ScanPaths.conjuncts(where));
            all.addAll(moved);
            where = all.size() == 1 ? all.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(all));
        }
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), where, q.sortClause(),
                q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), List.copyOf(from), q.groupClause(), q.havingQual(), q.distinctClause(),
                q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(), q.groupingSets(), q.onConflict(),
                q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }

    /** {@code n} without the item (null if nothing is left); quals of inner joins that lose a side go to {@code moved}. */
    private static Query.JoinNode remove(Query.JoinNode n, int rtindex, List<Expr> moved) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> r.rtindex() == rtindex ? null : r;
            case Query.JoinNode.Join j -> {
                if (j.type() != Query.JoinType.INNER) yield j;
                Query.JoinNode l = remove(j.left(), rtindex, moved), r = remove(j.right(), rtindex, moved);
                if (l != null && r != null) yield new Query.JoinNode.Join(j.type(), l, r, j.quals(), j.rtindex(), j.usingNames());
                if (j.quals() != null) moved.add(j.quals());
                yield l != null ? l : r;
            }
        };
    }
}
