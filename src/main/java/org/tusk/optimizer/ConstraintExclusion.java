package org.tusk.optimizer;

import java.util.List;

import org.tusk.catalog.TypeOids;
import org.tusk.catalog.TypeCache;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * plancat.c relation_excluded_by_constraints, the part that needs no catalog: an inheritance
 * member (an "other member" rel, which constraint_exclusion's default {@code partition} covers)
 * whose restriction clauses refute one another cannot return a row, and is left out of its
 * Append. The refutation is predtest.c's weak refutation of the restriction list by itself,
 * for the rule {@code foo IS NULL} weakly refutes any clause strict for {@code foo}
 * (predicate_refuted_by_simple_clause, clause_is_strict_for). Not yet: the members' CHECK
 * constraints, and predtest.c's other refutation rules.
 */
final class ConstraintExclusion {
    private ConstraintExclusion() {}

    /** Whether the restriction clauses (conjuncts) of an inheritance member refute one another. */
    static boolean selfContradictory(List<Expr> restrictions) {
        if (restrictions.size() < 2) return false;
        for (Expr c : restrictions) {
            // row IS NULL does not act in the simple way meant here (argisrow)
            if (!(c instanceof Expr.NullTest n) || n.isNot() || isRow(n.arg())) continue;
            for (Expr p : restrictions) if (p != c && strictFor(p, n.arg())) return true;
        }
        return false;
    }

    /**
     * clause_is_strict_for with allow_false: whether {@code clause} is NULL (or false) whenever
     * {@code subexpr} is NULL: it is that expression, or a strict operator or function with an
     * argument strict for it.
     */
    private static boolean strictFor(Expr clause, Expr subexpr) {
        while (clause instanceof Expr.RelabelType r) clause = r.arg();
        if (ExprTrees.equal(clause, subexpr)) return true;
        List<Expr> args = switch (clause) {
            case Expr.OpExpr o when o.op().strict() -> o.args();
            case Expr.FuncExpr f when f.proc().strict() && !f.proc().retset() -> f.args();
            default -> null;
        };
        if (args == null) return false;
        for (Expr a : args) if (strictFor(a, subexpr)) return true;
        return false;
    }

    private static boolean isRow(Expr e) {
        return e.type() == TypeOids.RECORD || e instanceof Expr.RowExpr || TypeCache.lookupComposite(e.type()) != null;
    }
}
