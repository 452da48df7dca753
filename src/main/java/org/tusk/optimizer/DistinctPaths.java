package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * planner.c create_distinct_paths and create_ordered_paths for a plain DISTINCT: the sorted
 * implementation (Sort on the DISTINCT keys, ORDER BY's first, then Unique) and the hashed one
 * (HashAggregate on the keys, then a Sort for ORDER BY) are costed as costsize.c does and kept as
 * add_path keeps them ({@link PathChoice}), the sorted one offered first and counting as sorted.
 *
 * <ul>
 *   <li>Unique over Sort: cost_sort of the input, then cpu_operator_cost per input row and key
 *       (create_upper_unique_path).</li>
 *   <li>HashAggregate: cpu_operator_cost per input row and key before the first row, then
 *       cpu_tuple_cost per group (cost_agg, AGG_HASHED), the groups being estimate_num_groups'
 *       ({@link GroupCounts}) over the DISTINCT expressions, and the target list's evaluation
 *       cost per group ({@link TargetCosts}: create_agg_path charges the input path's target
 *       again, the Unique path does not).</li>
 *   <li>With ORDER BY, the hashed path is sorted on top only when it is the cheapest of the two
 *       (create_ordered_paths sorts the cheapest input path alone); the Unique path is in order
 *       already.</li>
 * </ul>
 * So a DISTINCT over few rows, whose costs are within add_path's fuzz factor, is sorted (the
 * sorted path has pathkeys, the hashed one none), and one over many rows with few groups hashed.
 * Not modelled: hash tables spilling beyond hash_mem, presorted input paths, and a LIMIT's fraction of rows (the totals decide).
 */
final class DistinctPaths {
    private DistinctPaths() {}

    /**
     * Whether hashing the rows of {@code input} on {@code keyCount} DISTINCT keys (then sorting
     * the groups when {@code ordered}) costs less than sorting them for a Unique.
     */
    static boolean hashCheaper(PlannerInfo info, Query q, Plan input, int keyCount, boolean ordered) {
        PlanCosts costs = new PlanCosts(info.glob.env, info.glob.ctx);
        PlanCosts.Estimate in = costs.of(input);
        double rows = in.rows();
        List<Expr> distinctExprs = new ArrayList<>();
        for (int r : q.distinctClause()) distinctExprs.add(q.targetList().get(r - 1).expr());
        double groups = new GroupCounts(q, info.glob.env).estimate(distinctExprs, rows);

        double keyCost = ScanPaths.CPU_OPERATOR_COST * keyCount * rows;
        // cost_sort: disable_cost when enable_sort is off
        double sortOff = ScanPaths.setting(info.glob.ctx, "enable_sort", true) ? 0 : ScanPaths.DISABLE_COST;
        PlanCosts.Estimate sort = PlanCosts.sort(in);
        double uniqueStartup = sort.startup() + sortOff, uniqueTotal = sort.total() + sortOff + keyCost;
        // create_agg_path: the target list (the input path's own) is evaluated once per group on top
        List<Expr> target = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) target.add(te.expr());
        double targetCost = TargetCosts.perTuple(target, info.glob.env);
        double hashStartup = in.total() + keyCost,
                hashTotal = hashStartup + (ScanPaths.CPU_TUPLE_COST + targetCost) * groups;

        PathChoice<Boolean> distinctRel = new PathChoice<>();
        distinctRel.add(false, uniqueStartup, uniqueTotal, true);
        distinctRel.add(true, hashStartup, hashTotal, false);
        PathChoice.Candidate<Boolean> cheapest = distinctRel.cheapest();
        if (!ordered || !cheapest.payload()) return cheapest.payload();

        // create_ordered_paths: the Unique path as it is (if add_path kept it), the hashed one sorted
        PlanCosts.Estimate sorted = PlanCosts.sort(new PlanCosts.Estimate(hashStartup, hashTotal, groups, in.width()));
        // (the distinct rel's paths in the order of its path list, cheapest total first)
        PathChoice<Boolean> orderedRel = new PathChoice<>();
        orderedRel.add(true, sorted.startup() + sortOff, sorted.total() + sortOff, true);
        if (distinctRel.kept(false)) orderedRel.add(false, uniqueStartup, uniqueTotal, true);
        return orderedRel.cheapest().payload();
    }
}
