package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * [NOT] EXISTS in WHERE as a semi (anti) join (subselect.c convert_EXISTS_sublink_to_join,
 * simplified): when the subquery is a plain SELECT over FROM items (no grouping, DISTINCT,
 * LIMIT, set operation, WITH or LATERAL) whose WHERE conjuncts either do not refer to this
 * query or are simple comparisons between this query's columns and its own, the subquery's
 * FROM is planned as the inner side of a join with this query's rows, the correlating
 * conjuncts being the join clauses (equalities become hash keys). Anything else stays a SubPlan.
 * The join is placed above this level's join tree, where the WHERE conjunct would be checked.
 */
final class SemiJoins {
    private SemiJoins() {}

    /**
     * A pulled-up [NOT] EXISTS: the inner side, the correlating clauses (in the subquery's terms)
     * and, for EXISTS, the subquery's conjuncts that read only this and outer levels, moved up to
     * this level's WHERE (in this level's terms).
     */
    record Pulled(boolean anti, JoinPlanner.Rel inner, List<Expr> clauses, List<Expr> hoisted) {}

    /** The conjunct as a semi/anti join, or null if it must stay a SubPlan. */
    static Pulled tryPullUp(PlannerInfo info, Expr conjunct) {
        boolean anti = false;
        Expr e = conjunct;
        if (e instanceof Expr.BoolExpr b && b.op() == RawExpr.BoolOp.NOT && b.args().size() == 1) {
            anti = true;
            e = b.args().get(0);
        }
        // x IN (SELECT ...) (not under NOT) as the EXISTS it is equivalent to in WHERE
        if (!anti && e instanceof Expr.SubLink any && any.kind() == Expr.SubLinkType.ANY) {
            e = AnySublinks.asExists(any);
            if (e == null) return null;
        }
        if (!(e instanceof Expr.SubLink s) || s.kind() != Expr.SubLinkType.EXISTS) return null;
        Query sub = s.subselect();
        if (sub.setOperations() != null || !sub.cteList().isEmpty() || sub.hasGrouping() || !sub.distinctClause().isEmpty()
                || !limitIsNoOp(info, sub) || sub.limitOffset() != null || sub.fromList().isEmpty()) return null;
        for (Query.RangeTblEntry r : sub.rangeTable())
            if (r.lateral() || r.kind() == Query.RteKind.CTE) return null;
        List<Expr> local = new ArrayList<>(), hoisted = new ArrayList<>(),
                pseudoconstant = new ArrayList<>();
        List<Expr> correlated = new ArrayList<>();
        for (Expr c : ScanPaths.conjuncts(sub.where())) {
            boolean outer = ExprTrees.any(c, x -> x instanceof Expr.Var v && v.levelsup() == 1);
            // EXISTS (... WHERE p AND q) with q free of the subquery's own relations is
            // q AND EXISTS (... WHERE p): q moves up and is planned (pulled up itself) there,
            // as pull_up_sublinks does with the quals of the semi join it makes; so does a
            // pseudoconstant q (it reads nothing), which distribute_qual_to_rels would push from
            // the semi join's quals to the top of the join tree as a gating qual
            if (!anti && !VarLevels.refersToLevel(c) && !ExprTrees.any(c, x -> x instanceof Expr.Aggref)) {
                if (refersOutside(c)) {
                    hoisted.add(VarLevels.incrementLevelsUp(c, -1));
                    continue;
                }
                if (!ExprTrees.any(c, x -> x instanceof Expr.SubLink) && !Clauses.containsVolatileFunctions(c)
                        && !Clauses.returnsSet(c)) {
                    pseudoconstant.add(VarLevels.incrementLevelsUp(c, -1));
                    continue;
                }
            }
            if (!outer) {
                local.add(c);
                continue;
            }
            // a sub-select in the clause is allowed when it reads nothing of the subquery's own
            // relations: it is then a SubPlan of this level evaluated in the join clause (join)
            boolean simple = !ExprTrees.any(c, x -> x instanceof Expr.SubLink l && VarLevels.refersToLevel(l)
                    || x instanceof Expr.Aggref || x instanceof Expr.Var v && v.levelsup() > 1);
            if (!simple) return null;
            correlated.add(c);
        }
        // convert_EXISTS_sublink_to_join: the WHERE clause must read the parent query
        if (correlated.isEmpty() && hoisted.isEmpty()) return null;
        hoisted.addAll(pseudoconstant);
        // a semi join's equalities form equivalence classes (an anti join's do not: its quals
        // are those of an outer join); what they imply among one side's members restricts that side
        if (!anti) {
            SemiJoinEquivalences.Derived d = SemiJoinEquivalences.derive(correlated);
            correlated = d.joinClauses();
            local.addAll(d.innerClauses());
            for (Expr c : d.outerClauses()) hoisted.add(VarLevels.incrementLevelsUp(c, -1));
        }
        // join trees with ON clauses referring to this query cannot be pulled up
        for (Query.JoinNode n : sub.fromList()) if (refersOut(n)) return null;
        // remove_useless_joins runs over the join tree the semi join is part of: a LEFT JOIN of the
        // subquery's FROM that nothing reads is dropped from the inner side too
        PlannerInfo child = new PlannerInfo(info.glob, info, JoinRemoval.removeUselessJoins(sub, info.glob.env));
        JoinPlanner.Rel[] inner = new JoinPlanner.Rel[1];
        List<PlannerInfo.PlanParam> params = SubLinks.collectParams(info, () -> {
            List<Expr> where = new ArrayList<>();
            for (Expr c : local) where.add(Planner.fold(SubLinks.process(c, child), info.glob.ctx));
            JoinPlanner joins = new JoinPlanner(child);
            inner[0] = joins.withGating(joins.plan(where));
        });
        // the inner side must not need values of this level's rows
        if (!params.isEmpty() || !inner[0].lateralParams().isEmpty()) return null;
        return new Pulled(anti, inner[0], correlated, List.copyOf(hoisted));
    }

    /**
     * simplify_EXISTS_query's LIMIT rule: whether an EXISTS may ignore the subquery's LIMIT, a
     * constant that is null (no limit) or positive (at least one row still comes back).
     */
    private static boolean limitIsNoOp(PlannerInfo info, Query sub) {
        if (sub.limitCount() == null) return true;
        if (!(Planner.fold(sub.limitCount(), info.glob.ctx) instanceof Expr.Const c)) return false;
        return c.value() == null || ((Number) c.value()).longValue() > 0;
    }

    /** Whether {@code c}, a conjunct of the subquery, refers to this level (one up) at any depth. */
    private static boolean refersOutside(Expr c) {
        boolean[] found = {false};
        VarLevels.map(c, 0, (v, depth) -> {
            if (v.levelsup() == depth + 1) found[0] = true;
            return null;
        });
        return found[0];
    }

    private static boolean refersOut(Query.JoinNode n) {
        return switch (n) {
            case Query.JoinNode.RangeRef r -> false;
            case Query.JoinNode.Join j -> ExprTrees.any(j.quals(), x -> x instanceof Expr.Var v && v.levelsup() > 0
                    || x instanceof Expr.SubLink) || refersOut(j.left()) || refersOut(j.right());
        };
    }

    /** Joins {@code outer} (this level's rows) with the pulled-up subquery. */
    static JoinPlanner.Rel join(PlannerInfo info, JoinPlanner.Rel outer, Pulled p) {
        JoinPlanner.Rel inner = p.inner();
        int ow = outer.plan().width();
        List<Expr> outerKeys = new ArrayList<>(), innerKeys = new ArrayList<>(), rest = new ArrayList<>(),
                all = new ArrayList<>();
        for (Expr clause : p.clauses()) {
            Expr c = outerSubPlans(info, clause, outer.layout());
            all.add(joined(c, outer.layout(), inner.layout(), ow));
            if (c instanceof Expr.OpExpr op && op.op().name().equals("=") && org.tusk.catalog.IntegerOpFamily.oneFamily(op.op())
                    && op.args().size() == 2) {
                Expr a = op.args().get(0), b = op.args().get(1);
                if (onlyLevel(a, 1) && onlyLevel(b, 0)) {
                    outerKeys.add(outer.layout().fix(ExprTrees.incrementLevelsUp(a, -1)));
                    innerKeys.add(inner.layout().fix(b));
                    continue;
                }
                if (onlyLevel(b, 1) && onlyLevel(a, 0)) {
                    outerKeys.add(outer.layout().fix(ExprTrees.incrementLevelsUp(b, -1)));
                    innerKeys.add(inner.layout().fix(a));
                    continue;
                }
            }
            rest.add(joined(c, outer.layout(), inner.layout(), ow));
        }
        Query.JoinType type = p.anti() ? Query.JoinType.ANTI : Query.JoinType.SEMI;
        Expr joinQual = ScanPaths.and(rest);
        // add_paths_to_joinrel's order: the nested loops (all clauses as the join filter), then
        // the hash join on the equalities; PathChoice keeps the cheapest as add_path does
        PathChoice<Plan> choice = new PathChoice<>();
        nestLoops(info, choice, type, outer.plan(), inner.plan(), ScanPaths.and(all));
        if (!outerKeys.isEmpty())
            offer(info, choice, new Plan.HashJoin(type, outer.plan(), inner.plan(), List.copyOf(outerKeys),
                    List.copyOf(innerKeys), joinQual, null), ScanPaths.setting(info.glob.ctx, "enable_hashjoin", true));
        Plan plan = choice.cheapest().payload();
        double cost = outer.cost() + inner.cost() + (outerKeys.isEmpty() ? outer.rows() * inner.rows() : outer.rows() + inner.rows())
                * JoinPlanner.CPU_OPERATOR_COST;
        return new JoinPlanner.Rel(plan, outer.layout().withWidth(ow + inner.plan().width()), outer.relids(),
                Math.max(1, outer.rows() * 0.5), cost, outer.lateralParams(), null, null);
    }

    /**
     * match_unsorted_outer for the semi (anti) join: the nested loop over the
     * inner side as it is, and over its materialized form (unless enable_material is off or the
     * inner node keeps its rows anyway), whichever add_path keeps. A semi join's inner scan stops
     * at the first match, so rescanning a cheap inner side can beat storing it.
     */
    private static void nestLoops(PlannerInfo info, PathChoice<Plan> choice, Query.JoinType type, Plan outer, Plan inner,
                                  Expr joinQual) {
        boolean on = ScanPaths.setting(info.glob.ctx, "enable_nestloop", true);
        offer(info, choice, new Plan.NestLoop(type, outer, inner, joinQual, null, List.of(), false, false), on);
        if (ScanPaths.setting(info.glob.ctx, "enable_material", true) && !Plan.materializesOutput(inner))
            offer(info, choice, new Plan.NestLoop(type, outer, inner, joinQual, null, List.of(), false, true), on);
    }

    /** add_path for one candidate; a disabled join method adds disable_cost, as costsize.c does. */
    private static void offer(PlannerInfo info, PathChoice<Plan> choice, Plan plan, boolean enabled) {
        PlanCosts.Estimate e = new PlanCosts(info.glob.env, info.glob.ctx).of(plan);
        double disabled = enabled ? 0 : JoinPlanner.DISABLE_COST;
        choice.add(plan, e.startup() + disabled, e.total() + disabled, false);
    }

    /**
     * The sub-selects of a correlating clause (in the subquery's terms), which read only this
     * level: SubPlans of this level over the outer rows (their Vars resolved to the outer input,
     * which begins the joined tuple), as the join quals PostgreSQL's pull_up_sublinks leaves a
     * nested SubLink in are preprocessed at the level of the join.
     */
    private static Expr outerSubPlans(PlannerInfo info, Expr c, SetRefs outer) {
        return ExprTrees.map(c, x -> x instanceof Expr.SubLink l
                ? outer.fix(Planner.fold(SubLinks.process(VarLevels.incrementLevelsUp(l, -1), info), info.glob.ctx))
                : null);
    }

    /** Whether every Var of {@code e} is of query level {@code levelsup} (and there is one; a resolved one is neither). */
    private static boolean onlyLevel(Expr e, int levelsup) {
        boolean[] any = {false};
        boolean other = ExprTrees.any(e, x -> {
            if (x instanceof Expr.Var v) {
                if (v.levelsup() != levelsup || v.varno() == Expr.Var.RESOLVED) return true;
                any[0] = true;
            }
            return false;
        });
        return any[0] && !other;
    }

    /** A correlating clause over the joined tuple: this level's Vars from the outer part, the subquery's after it. */
    private static Expr joined(Expr c, SetRefs outer, SetRefs inner, int ow) {
        return ExprTrees.map(c, x -> {
            if (!(x instanceof Expr.Var v)) return null;
            // a SubPlan's reference to the outer row (outerSubPlans): already a position in it
            if (v.varno() == Expr.Var.RESOLVED) return v;
            if (v.levelsup() == 1) return outer.fix(new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), -1, 0));
            Expr.Var f = (Expr.Var) inner.fix(v);
            return new Expr.Var(Expr.Var.RESOLVED, f.attno() + ow, v.type(), v.typmod(), v.name(), -1, 0);
        });
    }
}
