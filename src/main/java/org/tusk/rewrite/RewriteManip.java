package org.tusk.rewrite;

import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;

/**
 * The Var surgery of PostgreSQL's rewriteManip.c that the rewriter needs: ReplaceVarsFromTargetList
 * (a view's column becomes the view's expression for it), ChangeVarNodes (range table entry
 * {@code n} becomes entry {@code m}) and IncrementVarSublevelsUp, each over an expression and
 * every query level nested in it, knowing at each Var how many levels below the starting level
 * it sits, on the walk both it and the planner use ({@link org.tusk.nodes.VarTreeMutator}).
 */
public final class RewriteManip {
    private RewriteManip() {}

    /** What to put in place of a Var found {@code depth} levels below the starting level; null keeps it. */
    @FunctionalInterface
    interface VarMapper extends VarTreeMutator.VarMapper {}

    /** IncrementVarSublevelsUp: Vars of the starting level or above move {@code delta} levels outwards. */
    static Expr incrementLevelsUp(Expr e, int delta) {
        if (delta == 0 || e == null) return e;
        return map(e, 0, (v, depth) -> v.levelsup() >= depth ? withVar(v, v.varno(), v.levelsup() + delta) : null);
    }

    /** ChangeVarNodes: Vars of entry {@code from} at the starting level refer to entry {@code to} instead. */
    static Expr changeVarNodes(Expr e, int from, int to) {
        if (from == to || e == null) return e;
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() == from ? withVar(v, to, v.levelsup()) : null);
    }

    /**
     * ReplaceVarsFromTargetList: every Var of entry {@code varno} of the starting level, at any
     * depth, becomes {@code exprs.get(attno - 1)} (an expression of the starting level) moved
     * down to where the Var was.
     */
    static Expr replaceVars(Expr e, int varno, List<Expr> exprs) {
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() == varno && v.attno() >= 1
                && v.attno() <= exprs.size() ? incrementLevelsUp(exprs.get(v.attno() - 1), depth) : null);
    }

    /** The same for a whole query (its own level is the starting level). */
    static Query replaceVars(Query q, int varno, List<Expr> exprs) {
        return mapQuery(q, 0, (v, depth) -> v.levelsup() == depth && v.varno() == varno && v.attno() >= 1
                && v.attno() <= exprs.size() ? incrementLevelsUp(exprs.get(v.attno() - 1), depth) : null);
    }

    /** Whether {@code e} refers, at any depth, to entry {@code varno} of the starting level with a level-0-relative Var. */
    static boolean refersTo(Expr e, int varno) {
        boolean[] found = {false};
        map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth && v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    /** OffsetVarNodes: Vars of the starting level (varno &gt; 0) move {@code k} places along the range table. */
    static Expr offsetVarNodes(Expr e, int k) {
        if (k == 0 || e == null) return e;
        return map(e, 0, (v, depth) -> v.levelsup() == depth && v.varno() > 0 ? withVar(v, v.varno() + k, v.levelsup()) : null);
    }

    /** The join tree item with its range table references moved {@code k} places. */
    static Query.JoinNode offsetJoin(Query.JoinNode n, int k) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> new Query.JoinNode.RangeRef(r.rtindex() + k);
            case Query.JoinNode.Join j -> new Query.JoinNode.Join(j.type(), offsetJoin(j.left(), k), offsetJoin(j.right(), k),
                    offsetVarNodes(j.quals(), k), j.rtindex() + k, j.usingNames());
        };
    }

    /** Whether a Var with {@code varno} occurs anywhere in {@code e}, whatever its level (the rule markers). */
    static boolean refersToAnyLevel(Expr e, int varno) {
        boolean[] found = {false};
        map(e, 0, (v, depth) -> {
            if (v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    static boolean refersToAnyLevel(Query q, int varno) {
        boolean[] found = {false};
        mapQuery(q, 0, (v, depth) -> {
            if (v.varno() == varno) found[0] = true;
            return null;
        });
        return found[0];
    }

    /**
     * The rule markers (OLD and NEW Vars, levelsup 0 at whatever level they stand) replaced by
     * expressions of the starting level, moved down to where each marker was.
     */
    static VarMapper markers(List<Expr> oldExprs, List<Expr> newExprs) {
        return (v, depth) -> {
            List<Expr> l = v.varno() == RuleActions.OLD_VARNO ? oldExprs : v.varno() == RuleActions.NEW_VARNO ? newExprs : null;
            if (l == null) return null;
            return incrementLevelsUp(l.get(v.attno() - 1), depth);
        };
    }

    private static Expr.Var withVar(Expr.Var v, int varno, int levelsup) {
        return new Expr.Var(varno, v.attno(), v.type(), v.typmod(), v.name(), v.location(), levelsup);
    }

    static Expr map(Expr e, int depth, VarMapper f) {
        return VarTreeMutator.map(e, depth, f);
    }

    static List<Expr> mapAll(List<Expr> l, int depth, VarMapper f) {
        return VarTreeMutator.mapAll(l, depth, f);
    }

    static List<Query.TargetEntry> mapTargets(List<Query.TargetEntry> l, int depth, VarMapper f) {
        return VarTreeMutator.mapTargets(l, depth, f);
    }

    /** query_tree_mutator: every expression of {@code q} (at {@code depth}) and of the levels below it. */
    static Query mapQuery(Query q, int depth, VarMapper f) {
        return VarTreeMutator.mapQuery(q, depth, f);
    }
}
