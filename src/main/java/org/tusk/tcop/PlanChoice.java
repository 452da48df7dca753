package org.tusk.tcop;

import org.tusk.nodes.PlannedStmt;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether one execution of a prepared statement gets a custom plan (planned for its parameter
 * values) or the generic one (planned once with the parameters as Params), and the cost figures
 * the choice is made from: plancache.c's choose_custom_plan and the fields it reads on a
 * CachedPlanSource (num_custom_plans, total_custom_cost, generic_cost). One per prepared
 * statement; per-backend state, no locking.
 *
 * <p>As in PostgreSQL: a statement without parameters always uses the generic plan; otherwise
 * {@code plan_cache_mode} decides, and under {@code auto} the first five executions get custom
 * plans, after which the generic plan is used as long as its cost is below the custom plans'
 * average, planning cost included ({@link #customPlanCost}).
 */
final class PlanChoice {
    /** plan_cache_mode's values. */
    enum Mode { AUTO, FORCE_GENERIC_PLAN, FORCE_CUSTOM_PLAN }

    private static final int CUSTOM_PLANS_BEFORE_GENERIC = 5;

    /** A plan's total cost (the top node's, as EXPLAIN shows it). */
    interface PlanCoster {
        double totalCost(PlannedStmt p);
    }

    private int numCustomPlans;
    private double totalCustomCost;
    /**
     * Custom plans not costed yet. Tusk's plans do not carry their costs (EXPLAIN computes them
     * again), so a custom plan is costed only when the average is wanted: a statement executed once,
     * as the extended protocol's unnamed one usually is, is never costed. At most five wait.
     */
    private final List<PlannedStmt> uncosted = new ArrayList<>(CUSTOM_PLANS_BEFORE_GENERIC);
    /** The generic plan's cost, or -1 until one has been made. */
    private double genericCost = -1;

    /** choose_custom_plan. */
    boolean chooseCustom(Mode mode, int nparams, PlanCoster coster) {
        if (nparams == 0) return false;
        if (mode == Mode.FORCE_GENERIC_PLAN) return false;
        if (mode == Mode.FORCE_CUSTOM_PLAN) return true;
        if (numCustomPlans < CUSTOM_PLANS_BEFORE_GENERIC) return true;
        costPending(coster);
        // Before the generic plan exists its cost is -1: it is made, and the choice made again.
        return genericCost >= totalCustomCost / numCustomPlans;
    }

    void customPlanned(PlannedStmt p, PlanCoster coster) {
        numCustomPlans++;
        uncosted.add(p);
        if (uncosted.size() >= CUSTOM_PLANS_BEFORE_GENERIC) costPending(coster);
    }

    void genericPlanned(double cost) {
        genericCost = cost;
    }

    private void costPending(PlanCoster coster) {
        for (PlannedStmt p : uncosted) totalCustomCost += customPlanCost(coster.totalCost(p), p.rangeTableSize());
        uncosted.clear();
    }

    /**
     * cached_plan_cost with include_planner: a custom plan is made anew at every execution, so it
     * is charged for planning, as 1000 cpu_operator_costs per relation in the range table plus one.
     */
    static double customPlanCost(double planCost, int rangeTableSize) {
        return planCost + 1000.0 * org.tusk.optimizer.PlanCosts.CPU_OPERATOR_COST * (rangeTableSize + 1);
    }

    static Mode mode(String setting) {
        return switch (setting) {
            case "force_generic_plan" -> Mode.FORCE_GENERIC_PLAN;
            case "force_custom_plan" -> Mode.FORCE_CUSTOM_PLAN;
            default -> Mode.AUTO;
        };
    }
}
