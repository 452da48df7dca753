package org.tusk.executor;

import java.util.function.Supplier;

import org.tusk.nodes.Expr;

/**
 * The value a {@link Expr.CaseTestExpr} stands for while a nested assignment is evaluated
 * (execExprInterp.c's innermost_caseval, which ExecEvalFieldStoreDeForm and
 * ExecEvalSubscriptingRefOld set before the new field or element value is computed). Nested
 * assignments nest: each binding is saved and restored around the evaluation it serves, so an
 * inner one never leaks into its enclosing assignment's other values. The slot belongs to the
 * evaluating thread only.
 */
final class CaseValue {
    private CaseValue() {}

    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

    /** The value of a CaseTestExpr: the old field or element of the innermost enclosing assignment. */
    static Object current() {
        return CURRENT.get();
    }

    /** Evaluates {@code value} with CaseTestExpr bound to {@code old}, restoring the previous binding after. */
    static Object with(Object old, Supplier<Object> value) {
        Object saved = CURRENT.get();
        CURRENT.set(old);
        try {
            return value.get();
        } finally {
            CURRENT.set(saved);
        }
    }

    /**
     * isAssignmentIndirectionExpr: whether {@code e} assigns into the value a CaseTestExpr stands
     * for (a nested FieldStore or SubscriptingAssign, possibly under a domain coercion), so that
     * the enclosing assignment must fetch the old field or element first.
     */
    static boolean needsOld(Expr e) {
        while (true) {
            switch (e) {
                case Expr.CaseTestExpr c -> { return true; }
                case Expr.FieldStore f -> e = f.arg();
                case Expr.SubscriptingAssign s -> e = s.container();
                case Expr.CoerceToDomain d -> e = d.arg();
                case Expr.RelabelType r -> e = r.arg();
                default -> { return false; }
            }
        }
    }
}
