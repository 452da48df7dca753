package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * preprocess_minmax_aggregates (planagg.c): a query over one table whose aggregates are all
 * MIN/MAX-like (an aggsortop, see {@link org.tusk.catalog.PgAggregate.Impl#sortStrategy}) can
 * answer each of them from the first row of
 * <pre>
 *   SELECT arg FROM tab WHERE arg IS NOT NULL AND quals ORDER BY arg [DESC] LIMIT 1
 * </pre>
 * which an index on {@code arg} returns without reading the table. When the sum of those
 * subqueries' estimated costs is below that of aggregating a scan of the table, the query is
 * rewritten so that each aggregate call is such a sub-select (planned as an InitPlan) and the
 * level itself becomes a Result over no rows, HAVING its one-time filter.
 *
 * <p>As in PostgreSQL, only a level without GROUP BY (GROUP BY () is allowed), grouping sets,
 * windows, WITH, row locks or set operations qualifies, whose FROM is one table, and whose
 * aggregates each take one immutable, non-composite argument without ORDER BY or FILTER
 * (DISTINCT does not matter for MIN/MAX). Not yet: MIN/MAX of arrays and enums and user
 * aggregates with SORTOP (they carry no sort strategy here).
 */
final class MinMaxAggregates {
    private MinMaxAggregates() {}

    /** The level's query with its MIN/MAX aggregates turned into sub-selects, or {@code q} itself. */
    static Query rewrite(PlannerInfo info, Query q) {
        if (!qualifies(q)) return q;
        // an aggregate of this level inside a sub-select of the target list or HAVING would lose its rows
        for (Query.TargetEntry te : q.targetList()) if (ExprTrees.any(te.expr(), x -> x instanceof Expr.SubLink)) return q;
        if (q.havingQual() != null && ExprTrees.any(q.havingQual(), x -> x instanceof Expr.SubLink)) return q;
        List<Expr.Aggref> aggs = new ArrayList<>();
        List<Query> subqueries = new ArrayList<>();
        for (Expr.Aggref a : q.aggregates()) {
            if (!eligible(a)) return q;
            aggs.add(a);
            subqueries.add(firstRowQuery(q, a));
        }
        if (!cheaper(info, q, subqueries)) return q;
        // each aggregate's sub-select is planned once however often the call occurs (its InitPlan's Param)
        List<Query> oneLevelDown = new ArrayList<>();
        for (Query sub : subqueries) {
            Query down = VarLevels.incrementLevelsUp(sub, 1);
            info.sharedSubPlans.put(down, new Expr.SubPlan[1]);
            oneLevelDown.add(down);
        }
        subqueries = oneLevelDown;
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList())
            tlist.add(new Query.TargetEntry(replaceAggs(te.expr(), aggs, subqueries), te.resno(), te.name(), te.resjunk()));
        Expr having = q.havingQual() == null ? null : replaceAggs(q.havingQual(), aggs, subqueries);
        // the FROM item and WHERE now live in the sub-selects; HAVING filters the one result row
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), List.copyOf(tlist), having, q.sortClause(),
                q.limitCount(), q.limitOffset(), List.of(), q.resultRelation(), q.valuesLists(), q.sourceQuery(),
                q.returningList(), List.of(), List.of(), null, q.distinctClause(), q.hasDistinctOn(), null, q.cteList(),
                q.windowClause(), List.of(), q.onConflict(), q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }

    /** The query-level conditions of preprocess_minmax_aggregates. */
    private static boolean qualifies(Query q) {
        if (q.commandType() != Query.CommandType.SELECT || q.aggregates().isEmpty()) return false;
        if (!q.groupClause().isEmpty() || !q.windowClause().isEmpty() || !q.cteList().isEmpty()
                || !q.rowMarks().isEmpty() || q.setOperations() != null) return false;
        // GROUP BY () is one empty grouping set, the same as no GROUP BY
        if (!q.groupingSets().isEmpty() && !(q.groupingSets().size() == 1 && q.groupingSets().get(0).isEmpty())) return false;
        if (q.fromList().size() != 1 || !(q.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) return false;
        Query.RangeTblEntry rte = q.rangeTable().get(ref.rtindex() - 1);
        return rte.kind() == Query.RteKind.RELATION && rte.table() != null;
    }

    /** find_minmax_aggs_walker's test of one aggregate call. */
    private static boolean eligible(Expr.Aggref a) {
        if (a.levelsup() != 0 || a.args().size() != 1 || !a.order().isEmpty() || a.filter() != null
                || !a.directArgs().isEmpty() || a.agg().impl().sortStrategy() == 0) return false;
        Expr arg = a.args().get(0);
        // not potentially indexable; and IS NOT NULL would have odd semantics for a row
        return !Clauses.containsMutableFunctions(arg) && arg.type() != TypeOids.RECORD;
    }

    /**
     * build_minmax_path's subquery: the level's FROM and WHERE, {@code arg IS NOT NULL} put
     * first unless WHERE already says so, ordered by the argument in the aggregate's direction,
     * one row.
     */
    private static Query firstRowQuery(Query q, Expr.Aggref a) {
        Expr arg = a.args().get(0);
        Expr notNull = new Expr.NullTest(arg, true);
        List<Expr> where = new ArrayList<>(ScanPaths.conjuncts(q.where()));
        if (!where.contains(notNull)) where.add(0, notNull);
        boolean desc = a.agg().impl().sortStrategy() == 5;
        return new Query(Query.CommandType.SELECT, null, q.rangeTable(),
                List.of(new Query.TargetEntry(arg, 1, a.agg().name(), false)), ScanPaths.and(where),
                List.of(new Query.SortClause(1, desc, desc)), new Expr.Const(TypeOids.INT8, -1, 1L, -1), null, List.of(), 0,
                List.of(), null, List.of(), q.fromList(), List.of(), null, List.of(), false, null, List.of(), List.of(),
                List.of(), null, List.of(), List.of(), List.of());
    }

    /**
     * Whether the sub-selects together cost less than a plain aggregate over the table's cheapest
     * scan (the comparison at the end of preprocess_minmax_aggregates). They are planned here as
     * siblings of the level, then forgotten: the statement's counters and the parameters outer
     * levels registered meanwhile are put back, so the final planning numbers them afresh.
     */
    private static boolean cheaper(PlannerInfo info, Query q, List<Query> subqueries) {
        PlannerInfo.Global glob = info.glob;
        int params = glob.nextParamId, ctes = glob.nextCteId, refs = glob.outerRefs, plans = glob.nextPlanId;
        List<List<PlannerInfo.PlanParam>> outer = new ArrayList<>();
        for (PlannerInfo p = info.parent; p != null; p = p.parent) outer.add(new ArrayList<>(p.planParams));
        try {
            PlanCosts costs = new PlanCosts(glob.env, glob.ctx);
            double minmax = 0;
            for (Query sub : subqueries) minmax += costs.of(Planner.planQuery(new PlannerInfo(glob, info.parent, sub))).total();
            Query.RangeTblEntry rte = q.rangeTable().get(((Query.JoinNode.RangeRef) q.fromList().get(0)).rtindex() - 1);
            Expr where = q.where() == null ? null : Planner.fold(SubLinks.process(q.where(), info), glob.ctx);
            int rtindex = ((Query.JoinNode.RangeRef) q.fromList().get(0)).rtindex();
            List<org.tusk.utils.cache.Relation> children = rte.inh() ? Inheritance.expand(rte, rtindex, where, glob.env, glob.ctx) : List.of();
            // a table with children is aggregated over the Append of them all
            Plan scan = children.isEmpty() && !Inheritance.isPartitioned(rte) ? ScanPaths.scan(rte, where, null, glob.env, glob.ctx)
                    : Inheritance.append(rte, rtindex, children, where, false, false, glob.env, glob.ctx);
            Plan agg = new Plan.Agg(scan, Plan.AggStrategy.PLAIN, List.of(), List.copyOf(q.aggregates()), List.of(), null);
            return minmax < costs.of(agg).total();
        } finally {
            glob.nextParamId = params;
            glob.nextCteId = ctes;
            glob.nextPlanId = plans;
            glob.outerRefs = refs;
            int i = 0;
            for (PlannerInfo p = info.parent; p != null; p = p.parent) {
                p.planParams.clear();
                p.planParams.addAll(outer.get(i++));
            }
        }
    }

    /** Each call of {@code aggs} in {@code e} replaced by its sub-select (already one level down). */
    private static Expr replaceAggs(Expr e, List<Expr.Aggref> aggs, List<Query> subqueries) {
        return ExprTrees.map(e, x -> {
            if (!(x instanceof Expr.Aggref a) || a.levelsup() != 0) return null;
            // the slot names the call: equal calls share one (find_compatible_agg)
            int i = a.aggno();
            if (i < 0 || i >= aggs.size()) return null;
            return new Expr.SubLink(Expr.SubLinkType.EXPR, null, subqueries.get(i), a.type(), -1, -1);
        });
    }
}
