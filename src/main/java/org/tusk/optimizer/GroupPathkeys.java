package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;

/**
 * The GROUP BY keys, in sort order, that a level's grouping reads its input sorted on when that
 * grouping is sure to be sorted (planner.c's group_pathkeys, which standard_qp_callback makes
 * the query_pathkeys): the first rollup's keys for grouping sets (preprocess_grouping_sets), the
 * GROUP BY keys left after remove_useless_groupby_columns otherwise. Grouping is sure to be
 * sorted when hashing is off (enable_hashagg, whose disable_cost the sorted paths never beat) or
 * impossible (an aggregate with DISTINCT or ORDER BY: numOrderedAggs &gt; 0), and every key can be
 * sorted. Other levels ask nothing of their scan here: their grouping is hashed unless the costs
 * of the plan above the scan say otherwise.
 */
final class GroupPathkeys {
    private GroupPathkeys() {}

    /** The keys' target list resnos in sort order, or null (see the class comment). */
    static List<Integer> sortedGroupingKeys(PlannerInfo info, Query q) {
        if (!q.hasGrouping() || q.groupClause().isEmpty()) return null;
        boolean orderedAggs = false;
        for (Expr.Aggref a : q.aggregates()) orderedAggs |= a.distinct() || !a.order().isEmpty();
        if (!orderedAggs && ScanPaths.setting(info.glob.ctx, "enable_hashagg", true)) return null;
        List<Expr> keyExprs = new ArrayList<>();
        for (int r : q.groupClause()) keyExprs.add(q.targetList().get(r - 1).expr());
        List<Expr> tlist = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) tlist.add(te.expr());
        if (!GroupingSetPlanner.needed(q, tlist, q.havingQual())) return UselessGroupByColumns.remaining(q, info.glob.env);
        for (Expr k : keyExprs) if (!GroupingOperators.sortable(k.type())) return null;
        List<List<Integer>> sets = new ArrayList<>();
        if (q.groupingSets().isEmpty()) sets.add(q.groupClause());
        else sets.addAll(q.groupingSets());
        // hashing excluded, the sorted path is the one GroupingSetStrategy takes
        GroupingSetStrategy.Choice sorted = GroupingSetStrategy.choose(q, sets, keyExprs, false, false, null);
        return sorted.rollups().isEmpty() ? null : sorted.rollups().get(0).keys();
    }
}
