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
 *
 * <p>A relation whose scan emits only some of its columns (a narrowed target list, as
 * createplan.c builds for a scan under a Hash or Materialize node, CP_SMALL_TLIST) has a column
 * map: attribute number to 1-based position within its block; its other columns are not in the
 * tuple, and a Var of one of them is a planner error, never a read of another column.
 */
final class SetRefs {
    /** rtindex to offset of its first column. */
    final Map<Integer, Integer> offsets;
    /** rtindex to its column map (index attno, value 1-based position in its block, 0 absent), for narrowed relations only. */
    final Map<Integer, int[]> columns;
    final int width;

    SetRefs(Map<Integer, Integer> offsets, int width) {
        this(offsets, Map.of(), width);
    }

    private SetRefs(Map<Integer, Integer> offsets, Map<Integer, int[]> columns, int width) {
        this.offsets = Map.copyOf(offsets);
        this.columns = Map.copyOf(columns);
        this.width = width;
    }

    static SetRefs single(int rtindex, int width) {
        return new SetRefs(Map.of(rtindex, 0), width);
    }

    /** One relation whose scan emits the columns {@code map} places (see {@link #columns}), {@code width} of them. */
    static SetRefs narrowed(int rtindex, int[] map, int width) {
        return new SetRefs(Map.of(rtindex, 0), Map.of(rtindex, map.clone()), width);
    }

    /** The same layout with more (or fewer) trailing positions: a Sort's appended key columns. */
    SetRefs withWidth(int newWidth) {
        return new SetRefs(offsets, columns, newWidth);
    }

    /** The layout of a join: {@code outer}'s columns, then {@code inner}'s. */
    static SetRefs concat(SetRefs outer, SetRefs inner) {
        Map<Integer, Integer> m = new HashMap<>(outer.offsets);
        for (var e : inner.offsets.entrySet()) m.put(e.getKey(), e.getValue() + outer.width);
        Map<Integer, int[]> c = outer.columns;
        if (!inner.columns.isEmpty()) {
            c = new HashMap<>(outer.columns);
            c.putAll(inner.columns);
        }
        return new SetRefs(m, c, outer.width + inner.width);
    }

    /** The 1-based position of column {@code attno} of {@code rtindex} in the tuple, or -1 when it is not there. */
    int position(int rtindex, int attno) {
        Integer off = offsets.get(rtindex);
        if (off == null) return -1;
        int[] map = columns.get(rtindex);
        if (map == null) return off + attno;
        if (attno < 1 || attno >= map.length || map[attno] == 0) return -1;
        return off + map[attno];
    }

    /** The relation and attribute number at 1-based position {@code pos}, or null (a TID, a system column, a computed column). */
    int[] columnAt(int pos) {
        for (var e : columns.entrySet()) {
            int off = offsets.get(e.getKey());
            int[] map = e.getValue();
            for (int a = 1; a < map.length; a++) if (map[a] != 0 && off + map[a] == pos) return new int[] {e.getKey(), a};
        }
        int rtindex = 0, offset = -1;
        for (var e : offsets.entrySet())
            if (e.getValue() < pos && e.getValue() > offset) {
                rtindex = e.getKey();
                offset = e.getValue();
            }
        if (rtindex == 0 || columns.containsKey(rtindex)) return null;
        return new int[] {rtindex, pos - offset};
    }

    Expr fix(Expr e) {
        return ExprTrees.map(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED) {
                Integer off = offsets.get(v.varno());
                if (off == null) throw new IllegalStateException("Var of range table entry " + v.varno() + " not in input");
                int pos = position(v.varno(), v.attno());
                if (pos < 0) throw new IllegalStateException("column " + v.attno() + " of range table entry " + v.varno()
                        + " not in input");
                return new Expr.Var(Expr.Var.RESOLVED, pos, v.type(), v.typmod(), v.name(), v.location(), 0);
            }
            return null;
        });
    }
}
