package org.tusk.executor;

import java.util.BitSet;
import java.util.List;

import org.tusk.access.index.IndexKeyFormer;
import org.tusk.nodes.Expr;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The keys one index holds for a table row (PostgreSQL's FormIndexDatum, with the partial-index
 * test ExecInsertIndexTuples and the index build make first, ExecQual of ii_PredicateState): a
 * plain key column copies the row's column, an expression column evaluates the index's stored
 * expression on the row, and a row for which a partial index's predicate is not true gets no
 * entry (null). Opened once per statement per index (ExecOpenIndices' BuildIndexInfo), since the
 * stored expressions are analysed again from their text.
 */
public final class IndexKeys implements IndexKeyFormer {
    private final Relation.IndexInfo info;
    private final List<Expr> expressions;
    private final Expr predicate;
    private final ExecContext ctx;

    private IndexKeys(Relation.IndexInfo info, List<Expr> expressions, Expr predicate, ExecContext ctx) {
        this.info = info;
        this.expressions = expressions;
        this.predicate = predicate;
        this.ctx = ctx;
    }

    /** BuildIndexInfo for {@code index} of {@code heap}. */
    public static IndexKeys open(Relation heap, Relation index, ExecContext ctx) {
        Relation.IndexInfo info = index.index();
        List<Expr> exprs = List.of();
        Expr pred = null;
        if (info.hasExpressions() || info.predicate() != null) {
            ConstraintSupport support = ctx.requireEnv().constraintSupport();
            if (support == null) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "index \"" + index.name() + "\" cannot be maintained here");
            }
            if (info.hasExpressions()) exprs = support.cookIndexExpressions(heap, info.expressions(), false, ctx);
            if (info.predicate() != null) pred = support.cookIndexExpressions(heap, info.predicate(), true, ctx).get(0);
        }
        return new IndexKeys(info, exprs, pred, ctx);
    }

    @Override
    public Object[] form(Object[] row) {
        if (predicate != null && !Boolean.TRUE.equals(ExprEvaluator.eval(predicate, row, null, ctx))) return null;
        // FormIndexDatum: every index column, the INCLUDE columns after the keys
        Object[] keys = new Object[info.natts()];
        int expr = 0;
        for (int k = 0; k < keys.length; k++) {
            int attnum = info.attnum(k);
            keys[k] = attnum == 0 ? ExprEvaluator.eval(expressions.get(expr++), row, null, ctx) : row[attnum - 1];
        }
        return keys;
    }

    /** Whether this index is partial (has a predicate). */
    public boolean isPartial() {
        return predicate != null;
    }

    /**
     * RelationGetIndexAttrBitmap's part for this index: the table columns its keys, expressions
     * and predicate read. An UPDATE that changes none of them may be HOT.
     */
    public void addIndexedAttrs(BitSet attrs) {
        for (int k = 0; k < info.natts(); k++) if (info.attnum(k) > 0) attrs.set(info.attnum(k));
        for (Expr e : expressions) collect(e, attrs);
        if (predicate != null) collect(predicate, attrs);
    }

    private static void collect(Expr e, BitSet attrs) {
        if (e instanceof Expr.Var v && v.levelsup() == 0 && v.attno() > 0) attrs.set(v.attno());
        for (Expr c : org.tusk.nodes.ExprTrees.children(e)) collect(c, attrs);
    }
}
