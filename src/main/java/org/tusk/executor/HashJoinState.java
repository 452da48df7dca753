package org.tusk.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * nodeHashjoin.c: builds a hash table of the inner rows on their keys (rows with a NULL key
 * can never match and are kept aside only for FULL and RIGHT joins), then probes it with each
 * outer row. LEFT, FULL and ANTI joins emit unmatched outer rows NULL-extended; FULL and RIGHT
 * joins finally emit the inner rows no outer row matched (a RIGHT join's outer side is the
 * nullable one); SEMI joins emit each outer row with a match once (inner columns NULL).
 */
final class HashJoinState extends PlanState {
    private final Plan.HashJoin plan;
    private final PlanState outer, inner;
    private final ExecContext ctx;
    private final int ow, iw;
    private Map<DatumKey, List<Integer>> table;
    private final List<Object[]> innerRows = new ArrayList<>();
    private boolean[] innerMatched;
    private final ArrayDeque<Object[]> out = new ArrayDeque<>();
    private boolean outerDone, finished;

    HashJoinState(Plan.HashJoin plan, PlanState outer, PlanState inner, ExecContext ctx) {
        this.plan = plan;
        this.outer = outer;
        this.inner = inner;
        this.ctx = ctx;
        this.ow = plan.outer().width();
        this.iw = plan.inner().width();
    }

    private DatumKey key(List<Expr> keys, Object[] t) {
        Object[] k = new Object[keys.size()];
        int[] types = new int[k.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = ExprEvaluator.eval(keys.get(i), t, null, ctx);
            if (k[i] == null) return null;
            types[i] = DatumKey.typeOf(keys.get(i));   // hashed and matched as its type's hash opclass does (hashbpchar)
        }
        return new DatumKey(k, types);
    }

    private void build() {
        table = new HashMap<>();
        Object[] t;
        while ((t = inner.next()) != null) {
            innerRows.add(t);
            DatumKey k = key(plan.innerKeys(), t);
            if (k != null) table.computeIfAbsent(k, x -> new ArrayList<>()).add(innerRows.size() - 1);
        }
        innerMatched = new boolean[innerRows.size()];
    }

    @Override
    public Object[] next() {
        if (table == null) build();
        while (out.isEmpty()) {
            if (finished) return null;
            if (outerDone) {
                finished = true;
                if (plan.type() == Query.JoinType.FULL || plan.type() == Query.JoinType.RIGHT) {
                    for (int i = 0; i < innerRows.size(); i++) {
                        if (innerMatched[i]) continue;
                        Object[] j = Executor.concat(null, ow, innerRows.get(i), iw);
                        if (ExprEvaluator.qual(plan.otherQual(), j, null, ctx)) out.add(j);
                    }
                }
                continue;
            }
            Object[] o = outer.next();
            if (o == null) {
                outerDone = true;
                continue;
            }
            DatumKey k = key(plan.outerKeys(), o);
            boolean matched = false;
            List<Integer> cands = k == null ? List.of() : table.getOrDefault(k, List.of());
            boolean semi = plan.type() == Query.JoinType.SEMI || plan.type() == Query.JoinType.ANTI;
            // ExecHashTableInsert puts each inner row at the head of its bucket's chain, so
            // ExecScanHashBucket meets the matches of one outer row latest-inserted first
            for (int c = cands.size() - 1; c >= 0; c--) {
                int idx = cands.get(c);
                Object[] j = Executor.concat(o, ow, innerRows.get(idx), iw);
                if (!ExprEvaluator.qual(plan.joinQual(), j, null, ctx)) continue;
                matched = true;
                innerMatched[idx] = true;
                if (semi) break;
                if (ExprEvaluator.qual(plan.otherQual(), j, null, ctx)) out.add(j);
            }
            if (plan.type() == Query.JoinType.SEMI) {
                if (matched) {
                    Object[] j = Executor.concat(o, ow, null, iw);
                    if (ExprEvaluator.qual(plan.otherQual(), j, null, ctx)) out.add(j);
                }
                continue;
            }
            if (!matched && plan.type() != Query.JoinType.INNER && plan.type() != Query.JoinType.RIGHT) {
                Object[] j = Executor.concat(o, ow, null, iw);
                if (ExprEvaluator.qual(plan.otherQual(), j, null, ctx)) out.add(j);
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
