package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * What the node below an explicit Sort computes, and what is left for a projection above it
 * (planner.c make_sort_input_target). A target-list entry that is not a sort key and calls a
 * volatile function is computed after the Sort, once per row the Sort hands up: so
 * {@code select nextval('s') from t order by x limit 2} takes two values from the sequence, in
 * the output's order, rather than one per row of t in scan order.
 *
 * <p>Only the volatile case of make_sort_input_target is followed. Its other cases need what this
 * planner does not have: "expensive" entries are judged by procost (cost_qual_eval), and
 * set-returning functions are planned by SrfPlanner, which already computes entries without calls
 * above the sort. The split is made only for a plain level (no grouping, window functions,
 * set-returning functions, DISTINCT, row locking or set operation), where the final target is
 * the sort's input target.
 */
final class SortInputTarget {
    /** The entries computed below the Sort: the kept target-list entries, then the Vars the postponed ones read. */
    final List<Expr> inputTarget;
    /** The final target list, over the Sort's output (inputTarget's columns). */
    final List<Expr> finalTarget;
    /** For each final target-list entry that is kept below, its column (0-based) in inputTarget; -1 if postponed. */
    private final int[] inputColumn;

    private SortInputTarget(List<Expr> inputTarget, List<Expr> finalTarget, int[] inputColumn) {
        this.inputTarget = inputTarget;
        this.finalTarget = finalTarget;
        this.inputColumn = inputColumn;
    }

    /**
     * The split for {@code tlist} (the level's final target list, its Vars resolved to the scan's
     * columns) sorted on {@code sortResnos} (1-based target-list positions), or null when nothing
     * is postponed.
     */
    static SortInputTarget of(List<Expr> tlist, List<Integer> sortResnos) {
        boolean[] postpone = new boolean[tlist.size()];
        boolean any = false;
        for (int i = 0; i < tlist.size(); i++) {
            Expr e = tlist.get(i);
            if (sortResnos.contains(i + 1) || !Clauses.containsVolatileFunctions(e)) continue;
            // a postponed entry reads only plain columns of the level; one holding a sub-plan or a
            // whole-row reference stays below (its inputs are not plain columns to carry up)
            if (ExprTrees.any(e, x -> x instanceof Expr.SubPlan || x instanceof Expr.SubLink || x instanceof Expr.WholeRowVar
                    || x instanceof Expr.Aggref || x instanceof Expr.WindowFunc || x instanceof Expr.Var v && v.varno() != Expr.Var.RESOLVED))
                continue;
            postpone[i] = true;
            any = true;
        }
        if (!any) return null;
        List<Expr> input = new ArrayList<>();
        int[] inputColumn = new int[tlist.size()];
        for (int i = 0; i < tlist.size(); i++) {
            inputColumn[i] = postpone[i] ? -1 : input.size();
            if (!postpone[i]) input.add(tlist.get(i));
        }
        // pull_var_clause of the postponed entries, added as add_new_columns_to_pathtarget does:
        // a column they read that is not already a kept entry is carried up after the kept ones
        java.util.Map<Integer, Integer> columnOf = new java.util.HashMap<>();
        for (int c = 0; c < input.size(); c++)
            if (input.get(c) instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED) columnOf.putIfAbsent(v.attno(), c);
        for (int i = 0; i < tlist.size(); i++) {
            if (!postpone[i]) continue;
            ExprTrees.any(tlist.get(i), x -> {
                if (x instanceof Expr.Var v && !columnOf.containsKey(v.attno())) {
                    columnOf.put(v.attno(), input.size());
                    input.add(v);
                }
                return false;
            });
        }
        List<Expr> fin = new ArrayList<>();
        for (int i = 0; i < tlist.size(); i++) {
            Expr e = tlist.get(i);
            fin.add(postpone[i]
                    ? ExprTrees.map(e, x -> x instanceof Expr.Var v
                            ? new Expr.Var(Expr.Var.RESOLVED, columnOf.get(v.attno()) + 1, v.type(), v.typmod(), v.name(), v.location(), 0)
                            : null)
                    : Planner.column(inputColumn[i], e));
        }
        return new SortInputTarget(List.copyOf(input), List.copyOf(fin), inputColumn);
    }

    /** Whether make_sort_input_target applies to this level at all (see the class comment). */
    static boolean applies(Query q, boolean plainLevel) {
        return plainLevel && !q.sortClause().isEmpty() && q.distinctClause().isEmpty() && q.setOperations() == null
                && q.rowMarks().isEmpty() && !q.hasGrouping();
    }

    /** The sort keys, their columns moved to inputTarget's. */
    List<Plan.SortKey> keysOverInput(List<Plan.SortKey> keys) {
        List<Plan.SortKey> out = new ArrayList<>(keys.size());
        for (Plan.SortKey k : keys) out.add(new Plan.SortKey(inputColumn[k.column()], k.desc(), k.nullsFirst(), k.type()));
        return out;
    }
}
