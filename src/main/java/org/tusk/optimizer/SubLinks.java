package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * Sublinks to SubPlans (subselect.c make_subplan/build_subplan) and outer references to exec
 * parameters (SS_replace_correlation_vars). A Var of a query {@code k} levels up, and an
 * aggregate call that query computes, becomes an ExecParam registered in that level's
 * {@link PlannerInfo#planParams}; a SubLink's subquery is
 * planned one level down, and the parameters it registered at this level become the SubPlan's
 * {@code parParams}, whose values its {@code args} (Vars of this level) supply at evaluation.
 * The copies of one MULTIEXPR SubLink (one per column of a multiple-column assignment) share
 * one SubPlan, whose output columns go to {@code paramIds}.
 */
final class SubLinks {
    private SubLinks() {}

    /** Replaces the SubLinks and outer-level Vars of an expression of {@code info}'s query. */
    static Expr process(Expr e, PlannerInfo info) {
        if (e == null) return null;
        return ExprTrees.map(e, x -> switch (x) {
            case Expr.Var v when v.levelsup() > 0 -> {
                info.glob.outerRefs++;
                PlannerInfo owner = info.ancestor(v.levelsup());
                int id = owner.paramFor(v);
                info.glob.noteOuterParam(owner, id);
                yield new Expr.ExecParam(id, v.type(), v.typmod());
            }
            case Expr.Aggref a when a.levelsup() > 0 -> outerAgg(a, info);
            case Expr.GroupingFunc g when g.levelsup() > 0 -> outerGrouping(g, info);
            case Expr.SubLink s -> makeSubPlan(s, info);
            default -> null;
        });
    }

    /**
     * replace_outer_agg: an aggregate call computed by the query {@code levelsup} levels up
     * becomes an ExecParam of that level, whose value its Agg node has when a SubPlan passes it.
     */
    static Expr outerAgg(Expr.Aggref a, PlannerInfo info) {
        info.glob.outerRefs++;
        Expr.Aggref there = (Expr.Aggref) VarLevels.incrementLevelsUp(a, -a.levelsup());
        PlannerInfo owner = info.ancestor(a.levelsup());
        int id = owner.paramForAgg(there);
        info.glob.noteOuterParam(owner, id);
        return new Expr.ExecParam(id, a.type(), -1);
    }

    /**
     * replace_outer_grouping: a GROUPING() call about the grouping of the query
     * {@code levelsup} levels up becomes an ExecParam of that level, which that level's Agg
     * computes when a SubPlan passes it (a new parameter every time, as PostgreSQL does not
     * match duplicate calls either).
     */
    static Expr outerGrouping(Expr.GroupingFunc g, PlannerInfo info) {
        info.glob.outerRefs++;
        Expr.GroupingFunc there = (Expr.GroupingFunc) VarLevels.incrementLevelsUp(g, -g.levelsup());
        PlannerInfo owner = info.ancestor(g.levelsup());
        int id = owner.newParamId();
        owner.planParams.add(new PlannerInfo.PlanParam(id, there));
        info.glob.noteOuterParam(owner, id);
        return new Expr.ExecParam(id, g.type(), -1);
    }

    static List<Expr> processAll(List<Expr> l, PlannerInfo info) {
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(process(e, info));
        return out;
    }

    /** The parameters registered at {@code info} while {@code body} runs, which it consumes (plan_params). */
    static List<PlannerInfo.PlanParam> collectParams(PlannerInfo info, Runnable body) {
        List<PlannerInfo.PlanParam> saved = new ArrayList<>(info.planParams);
        info.planParams.clear();
        try {
            body.run();
            return List.copyOf(info.planParams);
        } finally {
            info.planParams.clear();
            info.planParams.addAll(saved);
        }
    }

    private static Expr makeSubPlan(Expr.SubLink s, PlannerInfo info) {
        if (s.kind() == Expr.SubLinkType.MULTIEXPR) {
            // the copies of a multiple-column assignment's sub-select (one per target column) are
            // one SubPlan, which sets a Param per output column (make_subplan's MULTIEXPR case)
            Expr.SubPlan made = info.multiExprSubPlans.get(s.subLinkId());
            if (made == null) {
                made = buildSubPlan(s, info);
                info.multiExprSubPlans.put(s.subLinkId(), made);
            }
            return made;
        }
        Expr.SubPlan[] shared = s.testexpr() == null ? info.sharedSubPlans.get(s.subselect()) : null;
        if (shared != null && shared[0] != null) return shared[0];
        Expr.SubPlan made = buildSubPlan(s, info);
        if (shared != null) shared[0] = made;
        if (shared == null && s.kind() == Expr.SubLinkType.EXISTS && made.correlated() && !made.parParams().isEmpty()) {
            // make_subplan: a correlated EXISTS may also be answered from a hash of the subquery's
            // rows; the plan's last pass picks the cheaper of the two (AlternativeSubPlan)
            Expr.SubPlan hashed = ExistsToAny.hashedAlternative(s, info);
            if (hashed != null) {
                info.glob.hasAlternativeSubPlans = true;
                return new Expr.AlternativeSubPlan(List.of(made, hashed));
            }
        }
        return made;
    }

    private static Expr.SubPlan buildSubPlan(Expr.SubLink s, PlannerInfo info) {
        int refsBefore = info.glob.outerRefs;
        Plan[] plan = new Plan[1];
        PlannerInfo.Global.ExtParamFrame frame = new PlannerInfo.Global.ExtParamFrame(info, new java.util.TreeSet<>());
        info.glob.extParamFrames.add(frame);
        List<PlannerInfo.PlanParam> params;
        try {
            params = collectParams(info, () -> plan[0] = Planner.planQuery(new PlannerInfo(info.glob, info, s.subselect())));
        } finally {
            info.glob.extParamFrames.remove(info.glob.extParamFrames.size() - 1);
        }
        boolean correlated = info.glob.outerRefs != refsBefore;
        List<Integer> parParams = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        for (PlannerInfo.PlanParam p : params) {
            parParams.add(p.id());
            // build_subplan: the sub-selects in a GROUPING() argument are processed (SS_process_sublinks)
            // before the SubPlan takes its number; the Agg computes the call by its grouping references
            args.add(p.item() instanceof Expr.GroupingFunc g && ExprTrees.any(g, x -> x instanceof Expr.SubLink)
                    ? new Expr.GroupingFunc(processAll(g.args(), info), g.refs(), g.levelsup(), g.location()) : p.item());
        }
        List<Integer> paramIds = new ArrayList<>();
        Expr testexpr = null;
        if (s.kind() == Expr.SubLinkType.MULTIEXPR) {
            // build_subplan: a MULTIEXPR subplan's output columns go to Params of this level
            for (Query.TargetEntry te : s.subselect().targetList()) if (!te.resjunk()) paramIds.add(info.newParamId());
        } else if (s.testexpr() != null) {
            int ncols = plan[0].width();
            for (int i = 0; i < ncols; i++) paramIds.add(info.newParamId());
            // a sublink nested in the test (in its left-hand side) has SubLinkParams of its own
            testexpr = ExprTrees.map(s.testexpr(), x -> switch (x) {
                case Expr.SubLinkParam p -> new Expr.ExecParam(paramIds.get(p.colno() - 1), p.type(), p.typmod());
                case Expr.SubLink nested -> nested;
                default -> null;
            });
            // eval_const_expressions simplifies the test before make_subplan judges whether it
            // hashes (an operator's SQL function inlined can make it a hashable one, or swap its sides)
            testexpr = Planner.fold(process(testexpr, info), info.glob.ctx);
        } else if (parParams.isEmpty() && (s.kind() == Expr.SubLinkType.EXPR || s.kind() == Expr.SubLinkType.EXISTS
                || s.kind() == Expr.SubLinkType.ARRAY)) {
            // build_subplan: an initplan (no parameters from this level) returns its value in a
            // Param of its own, generate_new_exec_param's, made once the sub-select is planned;
            // EXPLAIN shows it as "InitPlan n (returns $id)" and where the value is read
            paramIds.add(info.newParamId());
        }
        boolean valued = s.kind() == Expr.SubLinkType.EXPR || s.kind() == Expr.SubLinkType.ARRAY
                || s.kind() == Expr.SubLinkType.MULTIEXPR;
        int type = valued ? s.type() : TypeOids.BOOL;
        return new Expr.SubPlan(s.kind(), plan[0], testexpr, List.copyOf(paramIds), List.copyOf(parParams), List.copyOf(args),
                correlated, type, valued ? s.typmod() : -1, info.glob.nextPlanId++, false, List.copyOf(frame.ids()));
    }
}
