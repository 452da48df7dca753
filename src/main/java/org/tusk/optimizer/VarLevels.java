package org.tusk.optimizer;

import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;

/**
 * Rewrites the Vars of an expression together with those of every query level nested in it
 * (SubLink subqueries, and below them FROM subqueries, VALUES, function calls, CTEs), knowing
 * at each Var how many levels below the starting level it sits (rewriteManip.c's
 * IncrementVarSublevelsUp and ReplaceVarsFromTargetList, which walk with a sublevels_up count).
 * The planner uses it when it moves an expression from one query level to another (a pulled-up
 * sub-select's conjuncts, a pulled-up subquery's output expressions).
 */
public final class VarLevels {
    private VarLevels() {}

    /** What to put in place of a Var found {@code depth} levels below the starting level; null keeps it. */
    @FunctionalInterface
    public interface VarMapper extends VarTreeMutator.VarMapper {}


    /**
     * IncrementVarSublevelsUp: every Var and aggregate call referring to the starting level or
     * above moves {@code delta} levels.
     */
    public static Expr incrementLevelsUp(Expr e, int delta) {
        if (delta == 0) return e;
        return map(e, 0, shifter(delta));
    }

    /**
     * IncrementVarSublevelsUp(query, delta, 1) for a query that moves {@code delta} levels
     * further down: what in it refers to levels above it (outer Vars, aggregates and CTE
     * references) moves with it; what it refers to within itself stays.
     */
    public static Query incrementLevelsUp(Query q, int delta) {
        return delta == 0 ? q : mapQuery(q, 1, shifter(delta));
    }

    private static VarMapper shifter(int delta) {
        return new VarMapper() {
            public Expr map(Expr.Var v, int depth) {
                return v.levelsup() >= depth
                        ? new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), v.location(), v.levelsup() + delta)
                        : null;
            }

            public int cteLevelsUp(int ctelevelsup, int depth) {
                return ctelevelsup >= depth ? ctelevelsup + delta : ctelevelsup;
            }

            public int aggLevelsUp(Expr.Aggref a, int depth) {
                return a.levelsup() >= depth ? a.levelsup() + delta : a.levelsup();
            }

            public Expr.GroupingFunc groupingFunc(Expr.GroupingFunc g, int depth) {
                return g.levelsup() >= depth
                        ? new Expr.GroupingFunc(g.args(), g.refs(), g.levelsup() + delta, g.location()) : g;
            }
        };
    }

    /**
     * ReplaceVarsFromTargetList for a pulled-up subquery: each Var of range table entry
     * {@code varno} of the starting level becomes {@code exprs.get(attno - 1)} (expressions of
     * the starting level), moved down to where the Var was.
     */
    static Expr substitute(Expr e, int varno, List<Expr> exprs) {
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() == varno
                ? incrementLevelsUp(exprs.get(v.attno() - 1), depth) : null);
    }

    /** Whether {@code e} (including nested query levels) refers to any range table entry of the starting level. */
    static boolean refersToLevel(Expr e) {
        boolean[] found = {false};
        map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth) found[0] = true;
            return null;
        });
        return found[0];
    }

    /** Whether {@code e} (including nested query levels) refers to range table entry {@code varno} of the starting level. */
    static boolean refersTo(Expr e, int varno) {
        boolean[] found = {false};
        map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth && v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    /** The Vars of {@code e}, which lies {@code depth} levels below the starting level, mapped by {@code f}. */
    public static Expr map(Expr e, int depth, VarMapper f) {
        return VarTreeMutator.map(e, depth, f);
    }

    /** query_tree_mutator: every expression of {@code q} (at {@code depth}) and of the levels below it. */
    static Query mapQuery(Query q, int depth, VarMapper f) {
        return VarTreeMutator.mapQuery(q, depth, f);
    }
}
