package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;

/**
 * Set-returning functions in the target list (planner.c make_pathtarget_srfs): each call has a
 * level, one more than the highest level of the calls in its arguments (1 when there are none),
 * and each level is one ProjectSet, lowest first, so calls of one level run in lock step and a
 * call over another call's rows runs once per row of it. One SrfPlanner plans the highest level
 * of a target list: the node below computes the target with those calls taken out, and the
 * ProjectSet runs them and computes what remains. The input target may still hold lower-level
 * calls; the planner then plans it again, until no call is left.
 *
 * <p>With grouping or windows below, the input target keeps each entry without calls in its
 * order, with (for windows and grouping sets, which read it by resno) a NULL placeholder at the
 * position of an entry with calls, and appends after them the arguments of
 * this level's calls and the other operands those entries need (lower-level calls among them).
 * The ProjectSet's target list reads the former entries back as Vars and recomputes the latter
 * from the appended columns and the calls' values. Without them, the input target is only what
 * the ProjectSet reads, as split_pathtarget_at_srfs builds it: Vars, sort and DISTINCT key
 * entries, the calls' arguments, and entries holding sub-selects or aggregates; every other
 * entry is computed by the ProjectSet (a constant needs nothing below), and one calling
 * volatile functions so runs once per row emitted, not once per input row.
 */
final class SrfPlanner {
    private final List<Expr> lower = new ArrayList<>();
    private final List<Expr.FuncExpr> srfs = new ArrayList<>();
    private final List<Expr> upper = new ArrayList<>();
    private final int level;
    /**
     * split_pathtarget_at_srfs' need_extra_projection: a call of the top level is nested in an
     * expression of the target list, which a Result above the ProjectSet computes.
     */
    private final boolean extraProjection;

    /** Whether any entry of {@code tlist} calls a set-returning function. */
    static boolean hasSrfs(List<Expr> tlist) {
        for (Expr e : tlist) if (isOrHasSrf(e)) return true;
        return false;
    }

    private static boolean isSrf(Expr e) { return e instanceof Expr.FuncExpr f && f.proc().retset(); }

    private static boolean isOrHasSrf(Expr e) { return ExprTrees.any(e, SrfPlanner::isSrf); }

    /** The level of the calls in {@code e}: 0 without calls. */
    private static int level(Expr e) {
        int[] max = {0};
        ExprTrees.any(e, x -> {
            if (isSrf(x)) {
                int l = 0;
                for (Expr a : ((Expr.FuncExpr) x).args()) l = Math.max(l, level(a));
                max[0] = Math.max(max[0], l + 1);
                return false;
            }
            return false;
        });
        return max[0];
    }

    /**
     * @param liftVolatile which entries (0-based) without calls may be computed in the ProjectSet
     *     (those that are no sort or DISTINCT key): null for none, when grouping reads the input
     *     target by position (which then keeps every entry in its place)
     */
    SrfPlanner(List<Expr> tlist, java.util.function.IntPredicate liftVolatile) {
        this(tlist, liftVolatile, true);
    }

    /**
     * @param keepPositions with {@code liftVolatile} null: whether the input target keeps a NULL
     *     placeholder in place of each entry with calls (windows and grouping sets read it by
     *     resno); otherwise, under a plain grouping, it holds only the entries without calls
     *     and what the calls read, as PostgreSQL's grouping target does
     */
    SrfPlanner(List<Expr> tlist, java.util.function.IntPredicate liftVolatile, boolean keepPositions) {
        int top = 0;
        for (Expr e : tlist) top = Math.max(top, level(e));
        this.level = top;
        boolean nested = false;
        for (Expr e : tlist) nested |= level(e) == top && !isSrf(e);
        this.extraProjection = nested;
        List<Expr> pending = new ArrayList<>();
        if (liftVolatile == null) {
            // grouping reads the input target by position: every entry keeps its place
            List<Boolean> lifted = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (Expr e : tlist) {
                boolean up = isOrHasSrf(e);
                lifted.add(up);
                positions.add(lower.size());
                if (!up || keepPositions) lower.add(up ? new Expr.Const(e.type(), -1, null, -1) : e);
            }
            for (int i = 0; i < tlist.size(); i++) {
                Expr e = tlist.get(i);
                pending.add(lifted.get(i) ? split(e) : Planner.column(positions.get(i), e));
            }
        } else {
            // split_pathtarget_at_srfs: the node below computes only what the ProjectSet reads
            // (Vars, sort and DISTINCT keys, the calls' arguments); the other entries are
            // computed by the ProjectSet itself, so a constant is not computed below
            for (int i = 0; i < tlist.size(); i++) {
                Expr e = tlist.get(i);
                if (isOrHasSrf(e)) pending.add(split(e));
                else if (!liftVolatile.test(i) || !computableAbove(e)) pending.add(lowerColumn(e));
                else if (Clauses.containsVolatileFunctions(e)) pending.add(splitVolatile(e));
                else pending.add(ExprTrees.map(e, x -> x instanceof Expr.Var ? lowerColumn(x) : null));
            }
        }
        // the calls' values follow the input target's columns
        int width = lower.size();
        for (Expr e : pending)
            upper.add(ExprTrees.map(e, x -> x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.attno() < 0
                    ? new Expr.Var(Expr.Var.RESOLVED, width - v.attno(), v.type(), v.typmod(), null, -1, 0) : null));
    }

    /** The target list the node below computes. */
    List<Expr> inputTarget() { return List.copyOf(lower); }

    /** The ProjectSet over {@code input} (which computes {@link #inputTarget()}). */
    Plan plan(Plan input) {
        if (!extraProjection) return new Plan.ProjectSet(input, List.copyOf(srfs), List.copyOf(upper));
        // the ProjectSet computes the calls, then passes on the input columns the target reads
        // (add_sp_items_to_pathtarget: the level's SRFs, then the later levels' input Vars); the
        // Result above it computes the target from those
        int width = lower.size();
        List<Expr> middle = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (int k = 0; k < srfs.size(); k++) {
            middle.add(new Expr.Var(Expr.Var.RESOLVED, width + k + 1, srfs.get(k).type(), -1, null, -1, 0));
            sources.add(width + k + 1);
        }
        for (Expr e : upper)
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0 && !sources.contains(v.attno())) {
                    middle.add(v);
                    sources.add(v.attno());
                }
                return false;
            });
        List<Expr> result = new ArrayList<>();
        for (Expr e : upper)
            result.add(ExprTrees.map(e, x -> x instanceof Expr.Var v && v.varno() == Expr.Var.RESOLVED && v.levelsup() == 0
                    ? new Expr.Var(Expr.Var.RESOLVED, sources.indexOf(v.attno()) + 1, v.type(), v.typmod(), v.name(), -1, 0)
                    : null));
        return new Plan.SubqueryScan(new Plan.ProjectSet(input, List.copyOf(srfs), List.copyOf(middle)), null,
                List.copyOf(result));
    }

    /**
     * An expression with calls, rewritten over the input target and the values of this level's
     * calls (negative attnos); calls of lower levels are computed below like any operand.
     */
    private Expr split(Expr e) {
        return ExprTrees.map(e, x -> {
            if (isSrf(x) && level(x) == level) {
                Expr.FuncExpr f = (Expr.FuncExpr) x;
                List<Expr> args = new ArrayList<>();
                for (Expr a : f.args()) args.add(lowerColumn(a));
                srfs.add(new Expr.FuncExpr(f.proc(), List.copyOf(args), f.type(), f.location()));
                return new Expr.Var(Expr.Var.RESOLVED, -srfs.size(), f.type(), -1, null, -1, 0);
            }
            if (level(x) == level) return null; // rebuild from its mutated children
            return lowerColumn(x);
        });
    }

    /**
     * An entry without calls that calls volatile functions, computed in the ProjectSet once per
     * row it emits, as nodeProjectSet.c evaluates the non-set entries of its target list at each
     * step (split_pathtarget_at_srfs leaves them in the top target): the volatile calls stay here,
     * what they and their surroundings read comes from the input target.
     */
    private Expr splitVolatile(Expr e) {
        return ExprTrees.map(e, x -> {
            if (!(x instanceof Expr.SubLink || x instanceof Expr.SubPlan) && Clauses.containsVolatileFunctions(x)) {
                return null;   // rebuilt from its lowered operands
            }
            return lowerColumn(x);
        });
    }

    /**
     * Whether the ProjectSet can compute an entry without calls from the Vars below: not when it
     * holds a sub-select (its arguments are set up below) or an aggregate or window function
     * (Var-like in split_pathtarget_walker: values of the node below).
     */
    private static boolean computableAbove(Expr e) {
        return !ExprTrees.any(e, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan || x instanceof Expr.Aggref
                || x instanceof Expr.WindowFunc || x instanceof Expr.GroupingFunc || x instanceof Expr.ExecParam);
    }

    /** {@code e} (without calls of this level) as a column of the input target: constants stay, anything else is appended once. */
    private Expr lowerColumn(Expr e) {
        if (e instanceof Expr.Const) return e;
        for (int i = 0; i < lower.size(); i++) if (ExprTrees.equal(lower.get(i), e)) return Planner.column(i, e);
        lower.add(e);
        return Planner.column(lower.size() - 1, e);
    }
}
