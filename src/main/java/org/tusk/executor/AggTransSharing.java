package org.tusk.executor;

import java.util.List;
import java.util.Objects;

import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * Which aggregates of an Agg node share work (prepagg.c's find_compatible_agg and
 * find_compatible_trans, done once per node): an Aggref equal to an earlier one shares its
 * result, and one with the same inputs (arguments, DISTINCT, ORDER BY, FILTER) whose
 * transition function and initial value match an earlier one's shares its transition state,
 * so the transition function runs once per row for both. Nothing volatile is shared, since
 * each call must then be evaluated on its own.
 */
public final class AggTransSharing {
    private AggTransSharing() {}

    /** For each aggregate, the index of the aggregate whose final value it takes (itself if none earlier is equal). */
    static int[] aggNumbers(List<Expr.Aggref> aggs) {
        int[] no = new int[aggs.size()];
        for (int i = 0; i < no.length; i++) {
            no[i] = i;
            if (volatileInputs(aggs.get(i)) || !aggs.get(i).directArgs().isEmpty()) continue;
            for (int j = 0; j < i; j++) {
                if (no[j] == j && aggs.get(j).agg() == aggs.get(i).agg() && sameInputs(aggs.get(i), aggs.get(j))) {
                    no[i] = j;
                    break;
                }
            }
        }
        return no;
    }

    /** For each aggregate, the index of the aggregate whose transition state it advances (itself if none). */
    public static int[] transNumbers(List<Expr.Aggref> aggs) {
        int[] no = new int[aggs.size()];
        for (int i = 0; i < no.length; i++) {
            no[i] = i;
            Expr.Aggref a = aggs.get(i);
            Object key = a.agg().impl().sharedTransitionKey();
            if (key == null || !a.directArgs().isEmpty() || volatileInputs(a)) continue;
            for (int j = 0; j < i; j++) {
                Expr.Aggref b = aggs.get(j);
                if (no[j] == j && key.equals(b.agg().impl().sharedTransitionKey()) && sameInputs(a, b)) {
                    no[i] = j;
                    break;
                }
            }
        }
        return no;
    }

    private static boolean sameInputs(Expr.Aggref a, Expr.Aggref b) {
        if (a.star() != b.star() || a.distinct() != b.distinct() || a.args().size() != b.args().size()
                || a.order().size() != b.order().size() || !b.directArgs().isEmpty()) return false;
        for (int k = 0; k < a.args().size(); k++) if (!ExprTrees.equal(a.args().get(k), b.args().get(k))) return false;
        for (int k = 0; k < a.order().size(); k++) {
            Expr.AggSort x = a.order().get(k), y = b.order().get(k);
            if (x.desc() != y.desc() || x.nullsFirst() != y.nullsFirst() || !Objects.equals(x.useOp(), y.useOp())
                    || !ExprTrees.equal(x.expr(), y.expr())) return false;
        }
        return a.filter() == null ? b.filter() == null : b.filter() != null && ExprTrees.equal(a.filter(), b.filter());
    }

    private static boolean volatileInputs(Expr.Aggref a) {
        for (Expr e : a.args()) if (isVolatile(e)) return true;
        return a.filter() != null && isVolatile(a.filter());
    }

    private static boolean isVolatile(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.SubPlan s -> true;
            default -> false;
        });
    }
}
