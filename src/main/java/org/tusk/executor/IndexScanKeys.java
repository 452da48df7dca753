package org.tusk.executor;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.index.ScanKey;
import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.utils.adt.ArrayValue;

/**
 * ExecIndexBuildScanKeys + ExecIndexEvalRuntimeKeys / ExecIndexEvalArrayKeys (nodeIndexscan.c):
 * the scan keys of a plan's index quals, their comparison values evaluated now. A qual whose
 * clause is {@code column op ANY (array)} becomes an SK_SEARCHARRAY key holding the array's
 * elements (the index access method sorts and de-duplicates them); a null array becomes a key
 * with a null argument, which matches nothing, as {@code x = ANY (NULL)} is never true. A qual
 * {@code column IS [NOT] NULL} becomes an SK_SEARCHNULL / SK_SEARCHNOTNULL key.
 */
final class IndexScanKeys {
    private IndexScanKeys() {}

    static List<ScanKey> build(List<Plan.IndexQual> quals, FunctionCallContext ctx) {
        List<ScanKey> keys = new ArrayList<>();
        for (Plan.IndexQual q : quals) {
            if (q.clause() instanceof Expr.NullTest nt) {
                keys.add(ScanKey.searchNull(q.indexColumn(), nt.isNot()));
                continue;
            }
            Object v = ExprEvaluator.eval(q.argument(), null, null, ctx);
            if (q.isAmStrategy()) {
                keys.add(ScanKey.ofStrategyNumber(q.indexColumn(), q.strategyNumber(), v));
                continue;
            }
            if (q.clause() instanceof Expr.ScalarArrayOpExpr) {
                if (v == null) keys.add(new ScanKey(q.indexColumn(), q.strategy(), null));
                else keys.add(ScanKey.searchArray(q.indexColumn(), q.strategy(),
                        ArrayValue.of(v, ArrayTypes.elementOf(q.argument().type())).elements()));
            } else {
                keys.add(new ScanKey(q.indexColumn(), q.strategy(), v));
            }
        }
        return keys;
    }
}
