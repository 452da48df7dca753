package org.tusk.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.adt.Comparisons;

/**
 * nodeMergejoin.c: both inputs arrive sorted ascending on their key columns, NULLs last, and
 * the keys compare by their merge operator's btree family (keyTypes: bpcharcmp for character). The
 * runs of equal keys on both sides are joined pairwise (checked against the join qual); keys
 * with a NULL never match. With no keys at all (a clauseless FULL JOIN ON TRUE) every pair is
 * one run; a constant-false join qual makes every row unmatched, inner rows first. LEFT and FULL joins emit unmatched outer rows, FULL and RIGHT
 * joins unmatched inner rows, NULL-extended. Both inputs are read into memory first.
 */
final class MergeJoinState extends PlanState {
    private final Plan.MergeJoin plan;
    private final PlanState outer, inner;
    private final ExecContext ctx;
    private final int ow, iw;
    private List<Object[]> os, is;
    private int i, j;
    private final ArrayDeque<Object[]> out = new ArrayDeque<>();
    private final boolean constFalseJoin;

    MergeJoinState(Plan.MergeJoin plan, PlanState outer, PlanState inner, ExecContext ctx) {
        this.plan = plan;
        this.outer = outer;
        this.inner = inner;
        this.ctx = ctx;
        this.ow = plan.outer().width();
        this.iw = plan.inner().width();
        this.constFalseJoin = constFalse(plan.joinQual());
    }

    private static List<Object[]> all(PlanState s) {
        List<Object[]> l = new ArrayList<>();
        Object[] t;
        while ((t = s.next()) != null) l.add(t);
        return l;
    }

    /**
     * MJCompare: outer row vs inner row key by key, in the inputs' sort order (ascending, NULLs
     * last). A NULL-vs-NULL key compares equal for ordering but can never match, and nothing
     * matches under a constant-false join qual: such an otherwise equal pair reports +1, so the
     * inner side advances (its row unmatched), as PostgreSQL's executor does.
     */
    private int compare(Object[] o, Object[] in) {
        boolean nullEqNull = false;
        int result = 0;
        for (int k = 0; k < plan.outerKeys().size(); k++) {
            Object a = o[plan.outerKeys().get(k)], b = in[plan.innerKeys().get(k)];
            if (a == null && b == null) {
                nullEqNull = true;
                continue;
            }
            result = a == null ? 1 : b == null ? -1 : Comparisons.compare(keyType(k), a, b);
            if (result != 0) break;
        }
        if (result == 0 && (nullEqNull || constFalseJoin)) result = 1;
        return result;
    }

    /** The type whose btree operator family compares key pair {@code k} (0 if unknown: by the values' own form). */
    private int keyType(int k) {
        return k < plan.keyTypes().size() ? plan.keyTypes().get(k) : 0;
    }

    /** Whether the join qual is a constant FALSE or NULL (mj_ConstFalseJoin): no pair ever matches. */
    private static boolean constFalse(Expr q) {
        return q instanceof Expr.Const c && !Boolean.TRUE.equals(c.value());
    }

    private void emitOuter(Object[] o) {
        if (plan.type() == Query.JoinType.INNER || plan.type() == Query.JoinType.RIGHT) return;
        Object[] t = Executor.concat(o, ow, null, iw);
        if (ExprEvaluator.qual(plan.otherQual(), t, null, ctx)) out.add(t);
    }

    private void emitInner(Object[] in) {
        if (plan.type() != Query.JoinType.FULL && plan.type() != Query.JoinType.RIGHT) return;
        Object[] t = Executor.concat(null, ow, in, iw);
        if (ExprEvaluator.qual(plan.otherQual(), t, null, ctx)) out.add(t);
    }

    @Override
    public Object[] next() {
        if (os == null) {
            os = all(outer);
            is = all(inner);
        }
        while (out.isEmpty()) {
            if (i >= os.size() && j >= is.size()) return null;
            if (i >= os.size()) {
                emitInner(is.get(j++));
                continue;
            }
            if (j >= is.size()) {
                emitOuter(os.get(i++));
                continue;
            }
            int c = compare(os.get(i), is.get(j));
            if (c < 0) {
                emitOuter(os.get(i++));
            } else if (c > 0) {
                emitInner(is.get(j++));
            } else {
                int i2 = i, j2 = j;
                while (i2 < os.size() && compare(os.get(i2), is.get(j)) == 0) i2++;
                while (j2 < is.size() && compare(os.get(i), is.get(j2)) == 0) j2++;
                boolean[] innerMatched = new boolean[j2 - j];
                for (int a = i; a < i2; a++) {
                    boolean matched = false;
                    for (int b = j; b < j2; b++) {
                        Object[] t = Executor.concat(os.get(a), ow, is.get(b), iw);
                        if (!ExprEvaluator.qual(plan.joinQual(), t, null, ctx)) continue;
                        matched = true;
                        innerMatched[b - j] = true;
                        if (ExprEvaluator.qual(plan.otherQual(), t, null, ctx)) out.add(t);
                    }
                    if (!matched) emitOuter(os.get(a));
                }
                for (int b = j; b < j2; b++) if (!innerMatched[b - j]) emitInner(is.get(b));
                i = i2;
                j = j2;
            }
        }
        return out.poll();
    }

    @Override
    public void close() {
        outer.close();
        inner.close();
    }
}
