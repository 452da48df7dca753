package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.RawExpr;

/**
 * orclauses.c extract_restriction_or_clauses: from a join clause that is an OR, such as
 * {@code (a.x = 1 AND b.y = 2) OR (a.z = 3 AND b.w = 4)}, a restriction on one relation that the
 * clause implies, {@code a.x = 1 OR a.z = 3}: each arm's conjuncts that read only that
 * relation, ORed. Every arm must contribute (an arm without such a conjunct lets any row of the
 * relation through). The restriction is redundant with the join clause, which stays where it
 * is; it lets the relation be scanned with it (an index or BitmapOr scan) instead of whole, so
 * consider_new_or_clause adds it only when it rejects a useful fraction of the rows (selectivity
 * at most 0.9).
 */
final class OrClauses {
    /** consider_new_or_clause's threshold: a restriction passing more of the rows is not worth adding. */
    static final double USEFUL_SELECTIVITY = 0.9;

    private OrClauses() {}

    /** extract_or_clause: the restriction on range table entry {@code rtindex} that {@code clause} implies, or null. */
    static Expr extract(Expr clause, int rtindex) {
        if (!(clause instanceof Expr.BoolExpr or) || or.op() != RawExpr.BoolOp.OR) return null;
        List<Expr> arms = new ArrayList<>();
        for (Expr arm : or.args()) {
            List<Expr> mine = new ArrayList<>();
            for (Expr c : ScanPaths.conjuncts(arm)) {
                if (onlyOf(c, rtindex)) {
                    mine.add(c);
                } else if (c instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.OR) {
                    Expr sub = extract(c, rtindex);
                    if (sub != null) mine.add(sub);
                }
            }
            if (mine.isEmpty()) return null;
            Expr a = ScanPaths.and(mine);
            // make_orclause: an OR arm that is itself an OR is flattened into this one
            if (a instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.OR) arms.addAll(b.args());
            else arms.add(a);
        }
        return arms.size() == 1 ? arms.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.OR, List.copyOf(arms));
    }

    /** is_safe_restriction_clause_for: reads this relation only (and reads it), nothing volatile, no subquery. */
    private static boolean onlyOf(Expr c, int rtindex) {
        Set<Integer> v = JoinPlanner.varnos(c);
        if (v.size() != 1 || !v.contains(rtindex)) return false;
        boolean[] bad = {false};
        ExprTrees.any(c, x -> {
            if (x instanceof Expr.Var var && var.levelsup() > 0 || x instanceof Expr.SubLink || x instanceof Expr.SubPlan)
                bad[0] = true;
            return bad[0];
        });
        return !bad[0] && !Clauses.containsVolatileFunctions(c);
    }
}
