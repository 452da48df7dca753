package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * Per-query-level planner state (PostgreSQL's PlannerInfo) with the statement-wide counters
 * (PlannerGlobal). {@code planParams} are the exec parameters that subqueries below this level
 * read for Vars of this level (plan_params): each is set by whoever evaluates at this level,
 * a SubPlan from its arguments or a NestLoop from its outer tuple.
 */
final class PlannerInfo {
    /** Statement-wide: exec parameter and CTE numbering, and how many outer references were replaced. */
    static final class Global {
        int nextParamId;
        int nextCteId;
        /** glob->subplans' next plan_id: SubPlans and materialized WITH queries are numbered from 1 as they are made. */
        int nextPlanId = 1;
        int outerRefs;
        /**
         * The SubPlans being built (innermost last): each sub-select's level and the exec
         * parameters of levels above it that its expressions were given ({@link #noteOuterParam}).
         */
        final List<ExtParamFrame> extParamFrames = new ArrayList<>();

        /** A sub-select being planned for a SubPlan of {@code level}, with the outer parameters it reads. */
        record ExtParamFrame(PlannerInfo level, java.util.Set<Integer> ids) {}

        /**
         * An outer reference replaced by parameter {@code id} of level {@code owner}: an external
         * parameter of every SubPlan being built whose own level lies below {@code owner}.
         */
        void noteOuterParam(PlannerInfo owner, int id) {
            for (ExtParamFrame f : extParamFrames)
                for (PlannerInfo l = f.level().parent; l != null; l = l.parent)
                    if (l == owner) {
                        f.ids().add(id);
                        break;
                    }
        }
        /** root->hasAlternativeSubPlans: some EXISTS has two plans, to be chosen between once the plan is built. */
        boolean hasAlternativeSubPlans;
        /** The range table entries of every level planned (glob->finalrtable), each once however often it is planned. */
        final java.util.Set<Query.RangeTblEntry> rangeTable =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        /**
         * The query levels planned with an empty FROM list: replace_empty_jointree gives each an
         * RTE_RESULT entry, which counts in glob->finalrtable as well.
         */
        final java.util.Set<Query> emptyFromLevels =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final FunctionCallContext ctx;
        final ExecEnvironment env;
        /**
         * The plan node heading each query level that planned WITH queries, by identity, with
         * their ids in order (SS_attach_initplans: a level's CTE subplans hang on its top node).
         */
        final Map<Plan, List<org.tusk.nodes.PlannedStmt.LevelCte>> levelCtes = new java.util.IdentityHashMap<>();

        /** Records {@code top} as the top node of {@code level}'s plan, which lists the level's WITH queries. */
        Plan attachCtes(PlannerInfo level, Plan top) {
            if (!level.ctes.isEmpty()) {
                List<org.tusk.nodes.PlannedStmt.LevelCte> ids = new java.util.ArrayList<>();
                for (var c : level.ctes.entrySet())
                    ids.add(new org.tusk.nodes.PlannedStmt.LevelCte(c.getValue().cteId(), c.getKey(), c.getValue().plan()));
                ids.sort(java.util.Comparator.comparingInt(org.tusk.nodes.PlannedStmt.LevelCte::cteId));
                levelCtes.merge(top, List.copyOf(ids), (a, b) -> {
                    List<org.tusk.nodes.PlannedStmt.LevelCte> l = new java.util.ArrayList<>(a);
                    l.addAll(b);
                    return List.copyOf(l);
                });
            }
            return top;
        }

        /** list_length(glob->finalrtable). */
        int rangeTableSize() {
            return rangeTable.size() + emptyFromLevels.size();
        }

        Global(FunctionCallContext ctx, ExecEnvironment env) {
            this.ctx = ctx;
            this.env = env;
        }
    }

    /**
     * An exec parameter standing for {@code item}, an expression of this level (PlannerParamItem):
     * a Var (levelsup 0) or an aggregate call this level computes for a sub-select (an
     * outer-level Aggref, levelsup 0, its arguments in this level's frame).
     */
    record PlanParam(int id, Expr item) {
        /** The Var the parameter stands for; lateral references are always Vars. */
        Expr.Var var() { return (Expr.Var) item; }
    }

    /** A planned WITH query of this level. */
    record CtePlan(int cteId, Plan plan) {}

    final Global glob;
    final PlannerInfo parent;
    /** The level's query; replaced once, before planning, by its pulled-up form ({@link SubqueryPullUp}). */
    Query query;
    final List<PlanParam> planParams = new ArrayList<>();
    final Map<String, CtePlan> ctes = new HashMap<>();
    /**
     * Sub-selects that stand for one value wherever they occur at this level, by their query's
     * identity: the MIN/MAX sub-selects of {@link MinMaxAggregates}, each of which PostgreSQL
     * plans once as an InitPlan whose output Param replaces every call of its aggregate. The
     * slot holds the SubPlan once the first occurrence is planned.
     */
    final Map<Query, Expr.SubPlan[]> sharedSubPlans = new java.util.IdentityHashMap<>();
    /**
     * The MULTIEXPR SubPlans of this level's SET lists by subLinkId: the copies of one
     * {@code SET (a, b) = (SELECT ...)} sub-select, one per target column, plan as one SubPlan.
     */
    final Map<Integer, Expr.SubPlan> multiExprSubPlans = new HashMap<>();
    /** Recursive CTEs being planned at this level: name to work table. */
    final Map<String, WorkTable> workTables = new HashMap<>();

    /** A recursive CTE's work table: the exec parameter holding it and its estimated rows. */
    record WorkTable(int paramId, double rows) {}
    /**
     * query_pathkeys handed to the scan of range table entry {@link #orderedRel} (null: none
     * wanted; see {@link ScanOrder}), the row limit it is costed for (negative: all), and whether
     * the chosen scan delivers that order, so that no Sort is needed.
     */
    List<ScanOrder.Key> scanOrder;
    int orderedRel;
    double scanLimit = -1;
    boolean scanOrderProvided;
    /**
     * Whether the scan delivers the grouping's group_pathkeys instead ({@link GroupPathkeys}: the
     * level's scan was asked for them), so that the sorted grouping needs no Sort below it.
     */
    boolean groupOrderProvided;
    /**
     * Run conditions the parent level found for this level's window functions when it planned
     * this level as a subquery in FROM ({@link WindowQualPushdown}); empty otherwise.
     */
    List<WindowQualPushdown.RunCondition> runConditions = List.of();

    /**
     * For a subquery whose unread outputs the level above replaced by NULLs: the references to
     * its WITH queries, by name, before that (their cterefcount), which {@link CteInlining} decides on.
     */
    Map<String, Integer> parsedCteRefs = Map.of();

    PlannerInfo(Global glob, PlannerInfo parent, Query query) {
        this.glob = glob;
        this.parent = parent;
        this.query = query;
    }

    int newParamId() { return glob.nextParamId++; }

    /** assign_param_for_var: the parameter for this level's column (varno, attno), shared by equal references. */
    int paramFor(Expr.Var v) {
        for (PlanParam p : planParams)
            if (p.item() instanceof Expr.Var pv && pv.varno() == v.varno() && pv.attno() == v.attno()) return p.id();
        int id = newParamId();
        planParams.add(new PlanParam(id, new Expr.Var(v.varno(), v.attno(), v.type(), v.typmod(), v.name(), -1, 0)));
        return id;
    }

    /**
     * assign_param_for_aggref (replace_outer_agg): the parameter for aggregate call {@code agg}
     * of this level (levelsup 0, in this level's frame), shared by references to the same call.
     * Its value is the one this level's Agg node computes, read when a SubPlan evaluates its
     * arguments.
     */
    int paramForAgg(Expr.Aggref agg) {
        for (PlanParam p : planParams)
            if (p.item() instanceof Expr.Aggref pa && pa.aggno() == agg.aggno()) return p.id();
        int id = newParamId();
        planParams.add(new PlanParam(id, agg));
        return id;
    }

    PlannerInfo ancestor(int levelsup) {
        PlannerInfo p = this;
        for (int i = 0; i < levelsup; i++) p = p.parent;
        return p;
    }
}
