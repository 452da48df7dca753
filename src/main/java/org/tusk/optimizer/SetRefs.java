package org.tusk.optimizer;

import java.util.HashMap;
import java.util.Map;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * Where each range table entry's columns sit in a node's input tuple (the job of setrefs.c's
 * fix_join_expr, done as the plan is built): a scan's tuple is its relation's, a join's is its
 * outer input's followed by its inner input's. {@link #fix} rewrites this level's Vars into
 * direct positions ({@link Expr.Var#RESOLVED}).
 */
final class SetRefs {
    /** rtindex to offset of its first column. */
    final Map<Integer, Integer> offsets;
    final int width;

    SetRefs(Map<Integer, Integer> offsets, int width) {
        this.offsets = Map.copyOf(offsets);
        this.width = width;
    }

    static SetRefs single(int rtindex, int width) {
        return new SetRefs(Map.of(rtindex, 0), width);
    }

    /** The layout of a join: {@code outer}'s columns, then {@code inner}'s. */
    static SetRefs concat(SetRefs outer, SetRefs inner) {
        Map<Integer, Integer> m = new HashMap<>(outer.offsets);
        for (var e : inner.offsets.entrySet()) m.put(e.getKey(), e.getValue() + outer.width);
        return new SetRefs(m, outer.width + inner.width);
    }

    Expr fix(Expr e) {
        return ExprTrees.map(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED) {
                Integer off = offsets.get(v.varno());
                if (off == null) throw new IllegalStateException("Var of range table entry " + v.varno() + " not in input");
                return new Expr.Var(Expr.Var.RESOLVED, off + v.attno(), v.type(), v.typmod(), v.name(), v.location(), 0);
            }
            return null;
        });
    }
}
