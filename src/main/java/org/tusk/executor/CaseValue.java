package org.tusk.executor;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.nodes.Expr;

/**
 * The value a {@link Expr.CaseTestExpr} stands for while a nested assignment is evaluated
 * (execExprInterp.c's innermost_caseval, which ExecEvalFieldStoreDeForm and
 * ExecEvalSubscriptingRefOld set before the new field or element value is computed). The
 * CaseTestExpr is always the bottom of the nested assignment's chain of containers
 * ({@link #needsOld}), so the enclosing assignment hands the old field or element down that
 * chain as an argument ({@link #evalWithOld}) rather than binding it in a slot: nested
 * assignments nest by recursion, and nothing outlives the evaluation.
 */
final class CaseValue {
    private CaseValue() {}

    /**
     * Evaluates the new value {@code e} of a nested assignment ({@link #needsOld} holds) with its
     * CaseTestExpr standing for {@code old}: the chain of assignments, domain checks and
     * relabelings down to the CaseTestExpr is evaluated as {@link ExprEvaluator} would, each
     * working on the value below it.
     */
    static Object evalWithOld(Expr e, Object old, Object[] tuple, Object[] aggValues, FunctionCallContext ctx) {
        return switch (e) {
            case Expr.CaseTestExpr c -> old;
            case Expr.FieldStore f -> RowEval.fieldStore(f, org.tusk.catalog.TypeCache.lookupComposite(f.type()).types(), true, old,
                    tuple, aggValues, ctx);
            case Expr.SubscriptingAssign a -> ArrayEval.assign(a, true, old, tuple, aggValues, ctx);
            case Expr.CoerceToDomain d -> DomainConstraints.check(d.type(), evalWithOld(d.arg(), old, tuple, aggValues, ctx), ctx);
            case Expr.RelabelType r -> evalWithOld(r.arg(), old, tuple, aggValues, ctx);
            default -> throw new IllegalStateException("not a nested assignment: " + e);
        };
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
