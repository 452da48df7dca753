package org.tusk.optimizer;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;

/**
 * A custom plan's parameters (eval_const_expressions with boundParams, clauses.c): every {@code $n}
 * of the query, at every level, becomes a Const holding the value bound to it, so that the planner
 * sees the values as it sees literals (selectivity from the statistics of that value, partition
 * pruning, LIKE prefixes as index bounds, constant folding). PostgreSQL does this for the plans it
 * makes for one execution (plancache.c's custom plans, one-shot statements); a generic plan keeps
 * the Params, evaluated at run time. A {@code $n} the walk does not reach stays a Param, whose value
 * is still bound at run time.
 */
public final class BoundParams {
    private BoundParams() {}

    /**
     * {@code q} with its parameters replaced by the values {@code ctx} has bound; {@code q} itself
     * when it has none. (The mutator copies the whole tree, and copies an aggregate's arguments
     * twice, once in the level's aggregate list: a WITH query they read would count two references
     * and no longer be inlined. Only a statement with parameters pays for, and risks, that.)
     */
    public static Query asConstants(Query q, FunctionCallContext ctx) {
        if (!hasParams(q)) return q;
        return VarTreeMutator.mapQuery(q, 0, new VarTreeMutator.VarMapper() {
            @Override public Expr map(Expr.Var v, int depth) { return null; }

            @Override public Expr param(Expr.Param p, int depth) {
                return new Expr.Const(p.type(), -1, ctx.paramValue(p.number()), -1);
            }
        });
    }

    /** Whether any $n is in the query's expressions, at any level the walk reaches. */
    static boolean hasParams(Query q) {
        boolean[] found = {false};
        VarTreeMutator.mapQuery(q, 0, new VarTreeMutator.VarMapper() {
            @Override public Expr map(Expr.Var v, int depth) { return null; }

            @Override public Expr param(Expr.Param p, int depth) {
                found[0] = true;
                return null;
            }
        });
        return found[0];
    }
}
