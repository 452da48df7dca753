package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * Which sort keys of a level (ORDER BY, a window's PARTITION BY + ORDER BY) its top-level WHERE
 * makes redundant, as pathkeys.c's pathkey_is_redundant finds through the equivalence classes
 * (equivclass.c) those conjuncts build: a key in a class holding a constant is the same in every
 * row, and a key in the class of an earlier key is sorted already. Only what process_equivalence
 * would accept counts: a mergejoinable equality of non-volatile expressions that the level's
 * outer joins do not delay (distribute_qual_to_rels' check_outerjoin_delay and
 * check_equivalence_delay: an expression reading a nullable side of an outer join must read all
 * of that join's relations, else its value above the join is not the one the qual saw).
 */
final class RedundantSortKeys {
    private final Query q;
    /** The level's outer joins, each as {nullable relations, all relations}. */
    private final List<Set<Integer>[]> outerJoins = new ArrayList<>();

    RedundantSortKeys(Query q) {
        this.q = q;
        for (Query.JoinNode n : q.fromList()) collectOuterJoins(n);
    }

    /**
     * The target entries (resnos) that a top-level WHERE conjunct {@code expr = constant} pins to
     * one value: an equivalence class holding a constant (relabelings stripped, as EC members are).
     */
    Set<Integer> constantKeys() {
        Set<Integer> out = new HashSet<>();
        for (Expr c : ScanPaths.conjuncts(q.where())) {
            if (!equivalence(c)) continue;
            Expr.OpExpr op = (Expr.OpExpr) c;
            Expr l = stripRelabel(op.args().get(0)), r = stripRelabel(op.args().get(1));
            Expr pinned = r instanceof Expr.Const k && k.value() != null ? l : l instanceof Expr.Const k && k.value() != null ? r : null;
            if (pinned == null) continue;
            for (Query.TargetEntry te : q.targetList())
                if (ExprTrees.equal(stripRelabel(te.expr()), pinned)) out.add(te.resno());
        }
        return out;
    }

    /**
     * The target entries (resnos) that top-level WHERE conjuncts {@code a = b} put into one
     * equivalence class, each mapped to its class's smallest resno (entries in no such class are
     * absent). Both sides must be some entry's expression (relabelings stripped).
     */
    Map<Integer, Integer> equatedKeys() {
        Map<Integer, Integer> cls = new HashMap<>();
        for (Expr c : ScanPaths.conjuncts(q.where())) {
            if (!equivalence(c)) continue;
            Expr.OpExpr op = (Expr.OpExpr) c;
            int a = resnoOf(stripRelabel(op.args().get(0))), b = resnoOf(stripRelabel(op.args().get(1)));
            if (a < 0 || b < 0) continue;
            int ca = cls.getOrDefault(a, a), cb = cls.getOrDefault(b, b), to = Math.min(ca, cb), from = Math.max(ca, cb);
            cls.put(a, to);
            cls.put(b, to);
            for (Map.Entry<Integer, Integer> e : cls.entrySet()) if (e.getValue() == from) e.setValue(to);
        }
        return cls;
    }

    /**
     * Whether a WHERE conjunct is one process_equivalence takes: a strict, non-volatile btree
     * equality (mergejoinable, across the types of one operator family too) of non-volatile
     * operands, not delayed by an outer join as a whole or on either side.
     */
    private boolean equivalence(Expr c) {
        if (!(c instanceof Expr.OpExpr op) || !op.op().name().equals("=") || op.args().size() != 2) return false;
        Expr l = op.args().get(0), r = op.args().get(1);
        if (!op.op().strict() || op.op().volatility() == org.tusk.catalog.PgProc.Volatility.VOLATILE
                || !org.tusk.catalog.OperatorMerging.oprcanmerge("=", op.op().left(), op.op().right())
                || WindowQualPushdown.containsVolatile(l) || WindowQualPushdown.containsVolatile(r)) return false;
        return outerJoins.isEmpty() || !delayed(c) && !delayed(l) && !delayed(r);
    }

    /**
     * check_outerjoin_delay: whether an expression reads the nullable side of an outer join
     * without reading all of that join's relations (the set read growing by each such join, as
     * the qual would have to be evaluated above it).
     */
    private boolean delayed(Expr e) {
        Set<Integer> rels = JoinPlanner.varnos(e);
        boolean delayed = false, found = true;
        while (found) {
            found = false;
            for (Set<Integer>[] oj : outerJoins) {
                if (!overlaps(rels, oj[0]) || rels.containsAll(oj[1])) continue;
                rels.addAll(oj[1]);
                delayed = found = true;
            }
        }
        return delayed;
    }

    @SuppressWarnings("unchecked")
    private void collectOuterJoins(Query.JoinNode n) {
        if (!(n instanceof Query.JoinNode.Join j)) return;
        collectOuterJoins(j.left());
        collectOuterJoins(j.right());
        Set<Integer> left = new HashSet<>(), right = new HashSet<>();
        relids(j.left(), left);
        relids(j.right(), right);
        Set<Integer> nullable = switch (j.type()) {
            case LEFT -> right;
            case RIGHT -> left;
            case FULL -> {
                Set<Integer> both = new HashSet<>(left);
                both.addAll(right);
                yield both;
            }
            default -> null;
        };
        if (nullable == null) return;
        Set<Integer> all = new HashSet<>(left);
        all.addAll(right);
        outerJoins.add(new Set[] {nullable, all});
    }

    private static void relids(Query.JoinNode n, Set<Integer> out) {
        switch (n) {
            case Query.JoinNode.RangeRef r -> out.add(r.rtindex());
            case Query.JoinNode.Join j -> {
                relids(j.left(), out);
                relids(j.right(), out);
            }
        }
    }

    private static boolean overlaps(Set<Integer> a, Set<Integer> b) {
        for (int x : a) if (b.contains(x)) return true;
        return false;
    }

    /** The resno of the first target entry whose expression is {@code e} (relabelings stripped), or -1. */
    private int resnoOf(Expr e) {
        for (Query.TargetEntry te : q.targetList())
            if (ExprTrees.equal(stripRelabel(te.expr()), e)) return te.resno();
        return -1;
    }

    static Expr stripRelabel(Expr e) {
        while (e instanceof Expr.RelabelType r) e = r.arg();
        return e;
    }
}
