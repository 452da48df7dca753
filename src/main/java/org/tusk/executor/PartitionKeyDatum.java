package org.tusk.executor;

import java.util.List;

import org.tusk.catalog.PartitionKey;
import org.tusk.nodes.Expr;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * FormPartitionKeyDatum (execPartition.c): the partition key values of a row of a partitioned
 * table, in the table's own column order. A column element copies the row's column; an
 * expression element evaluates the key's stored expression (partexprs, analysed once when the
 * former is opened, as ExecInitPartitionDispatchInfo prepares partexprs state once per statement).
 */
public final class PartitionKeyDatum {
    private final PartitionKey key;
    /** Per key element, the analysed expression; null for a column element. */
    private final Expr[] exprs;
    private final ExecContext ctx;

    private PartitionKeyDatum(PartitionKey key, Expr[] exprs, ExecContext ctx) {
        this.key = key;
        this.exprs = exprs;
        this.ctx = ctx;
    }

    /** The key former of partitioned table {@code parent}, whose key is {@code key}. */
    public static PartitionKeyDatum open(Relation parent, PartitionKey key, ExecContext ctx) {
        Expr[] exprs = new Expr[key.count()];
        String text = key.expressionsText();
        if (text != null) {
            ConstraintSupport support = ctx.requireEnv().constraintSupport();
            if (support == null)
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "partition key of \"" + parent.name()
                        + "\" cannot be evaluated here");
            List<Expr> cooked = support.cookIndexExpressions(parent, text, false, ctx);
            int next = 0;
            for (int i = 0; i < exprs.length; i++) if (key.isExpression(i)) exprs[i] = cooked.get(next++);
        }
        return new PartitionKeyDatum(key, exprs, ctx);
    }

    public PartitionKey key() { return key; }

    /**
     * Element {@code i} as pg_get_partkeydef_columns prints it for ExecBuildSlotPartitionKeyDescription:
     * a column's name, or the expression deparsed under the current search path (names it does
     * not see qualified), not the stored text, whose names are all bound to their schemas.
     */
    public String displayName(int i) {
        if (exprs[i] == null) return key.displayName(i);
        // pg_get_partkeydef_worker: an expression in parentheses unless it is a bare function call
        String text = org.tusk.utils.ruleutils.Deparser.deparse(exprs[i]);
        return org.tusk.utils.ruleutils.RuleUtils.looksLikeFunction(exprs[i]) ? text : "(" + text + ")";
    }

    /** The key values of {@code row} (in the partitioned table's column order). */
    public Object[] form(Object[] row) {
        Object[] out = new Object[key.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = exprs[i] != null ? ExprEvaluator.eval(exprs[i], row, null, ctx) : row[key.attnum(i) - 1];
        }
        return out;
    }
}
