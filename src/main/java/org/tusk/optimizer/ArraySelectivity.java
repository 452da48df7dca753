package org.tusk.optimizer;

import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

import org.tusk.catalog.ArrayTypes;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.ArrayValue;

/**
 * Selectivity of {@code scalar op ANY/ALL (array)} (selfuncs.c scalararraysel, PostgreSQL 15) and
 * the array length the planner assumes (estimate_array_length).
 *
 * <p>Each element's selectivity is the operator's own restriction estimate for one element: for
 * a constant array, with that element's value (against the column's statistics when it has
 * them), else the same for every element, supplied by the caller. The elements combine as independent events, {@code s1 + s2 - s1*s2}
 * for ANY and {@code s1 * s2} for ALL, except that for = ANY the elements are mutually exclusive
 * (a value equals at most one of them) and for &lt;&gt; ALL their complements are, so there the
 * disjoint sums {@code sum(s2)} and {@code 1 - sum(1 - s2)} are used while they stay within
 * [0, 1]. An array that is neither a constant nor an ARRAY[...] constructor is assumed to have
 * ten elements.
 */
final class ArraySelectivity {
    private ArraySelectivity() {}

    /** estimate_array_length's guess for an array of unknown length. */
    static final int DEFAULT_ARRAY_LENGTH = 10;

    /**
     * estimate_array_length: a constant's element count (0 for NULL), an ARRAY[...]'s number of
     * items, else {@link #DEFAULT_ARRAY_LENGTH}.
     */
    static int arrayLength(Expr array) {
        if (array instanceof Expr.RelabelType r) array = r.arg();
        if (array instanceof Expr.Const c) {
            if (c.value() == null) return 0;
            return ArrayValue.of(c.value(), ArrayTypes.elementOf(c.type())).size();
        }
        if (array instanceof Expr.ArrayExpr a && !a.multidims()) return a.elements().size();
        return DEFAULT_ARRAY_LENGTH;
    }

    /** scalararraysel for {@code o}, each element's selectivity being {@code elementSel}'s. */
    static double of(Expr.ScalarArrayOpExpr o, DoubleSupplier elementSel) {
        return of(o, element -> elementSel.getAsDouble());
    }

    /**
     * scalararraysel for {@code o} when the estimator can use the element's value (column
     * statistics): for a constant array each element is passed as a Const of the operator's right
     * type (a NULL element counts 0, the operator being strict); otherwise {@code elementSel} is
     * asked with null, once per assumed element.
     */
    static double of(Expr.ScalarArrayOpExpr o, ToDoubleFunction<Expr.Const> elementSel) {
        if (o.right() instanceof Expr.Const c && c.value() == null) return 0.0;   // a strict operator over a NULL array
        int n = arrayLength(o.right());
        ArrayValue constant = o.right() instanceof Expr.Const c
                ? ArrayValue.of(c.value(), ArrayTypes.elementOf(c.type())) : null;
        String op = o.op().name();
        boolean isEquality = o.useOr() && op.equals("=");
        boolean isInequality = !o.useOr() && op.equals("<>");
        double s1 = o.useOr() ? 0.0 : 1.0, disjoint = s1;
        for (int i = 0; i < n; i++) {
            double s2;
            if (constant == null) s2 = elementSel.applyAsDouble(null);
            else if (constant.get(i) == null) s2 = 0.0;
            else s2 = elementSel.applyAsDouble(new Expr.Const(o.op().right(), -1, constant.get(i), -1));
            if (o.useOr()) {
                s1 = s1 + s2 - s1 * s2;
                if (isEquality) disjoint += s2;
            } else {
                s1 = s1 * s2;
                if (isInequality) disjoint += s2 - 1.0;
            }
        }
        // accept the disjoint-probability estimate if it is in range
        if ((isEquality || isInequality) && disjoint >= 0.0 && disjoint <= 1.0) s1 = disjoint;
        return Math.max(0.0, Math.min(1.0, s1));
    }
}
