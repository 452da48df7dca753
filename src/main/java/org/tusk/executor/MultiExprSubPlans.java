package org.tusk.executor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;

/**
 * The projection of a SET list that holds multiple-column assignments ({@code SET (a, b) =
 * (SELECT ...)}): its MULTIEXPR subplans run first, once each for the row at hand, and set the
 * Params the assigned columns then read (execExpr.c ExecPushExprSetupSteps evaluating the
 * MULTIEXPR SubPlans that expr_setup_walker found before the rest of the target list). Each
 * list's subplans are found once (one SubPlan may sit in several columns' expressions, as copies
 * of one plan_id).
 */
final class MultiExprSubPlans {
    private final Map<List<Expr>, List<Expr.SubPlan>> byList = new IdentityHashMap<>();

    /** The values of {@code tlist} over {@code tuple}, after its MULTIEXPR subplans ran for this tuple. */
    Object[] project(List<Expr> tlist, Object[] tuple, ExecContext ctx) {
        for (Expr.SubPlan sp : byList.computeIfAbsent(tlist, MultiExprSubPlans::find))
            SubPlanEvaluator.eval(sp, tuple, null, ctx);
        return Executor.project(tlist, tuple, null, ctx);
    }

    private static List<Expr.SubPlan> find(List<Expr> tlist) {
        List<Expr.SubPlan> out = new ArrayList<>();
        for (Expr e : tlist) {
            ExprTrees.any(e, x -> {
                if (x instanceof Expr.SubPlan sp && sp.kind() == Expr.SubLinkType.MULTIEXPR
                        && out.stream().noneMatch(o -> o == sp || o.planId() == sp.planId()))
                    out.add(sp);
                return false;
            });
        }
        return List.copyOf(out);
    }
}
