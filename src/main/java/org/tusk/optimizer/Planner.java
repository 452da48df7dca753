package org.tusk.optimizer;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.PgProc;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExprEvaluator;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;
import org.tusk.utils.error.PgException;

/**
 * The planner (PostgreSQL's planner.c/createplan.c, for the single-relation case): constant-folds
 * immutable expressions (eval_const_expressions), then builds
 * <pre>
 *   [Limit] -> [Sort] -> [Agg] -> SeqScan(rel, qual, tlist) | Result(tlist, one-time qual)
 * </pre>
 * The scan of a catalog table is a SeqScan or an IndexScan as {@link ScanPaths} decides.
 * INSERT/UPDATE/DELETE become a ModifyTable node (see {@link #plan(Query, FunctionCallContext, ExecEnvironment)}).
 * Without aggregation the scan/result node projects the final target list (including resjunk
 * sort columns); with aggregation the scan emits raw tuples and Agg projects. Sort keys and
 * visible columns refer to positions in that final target list.
 */
public final class Planner {
    private Planner() {}

    public static PlannedStmt plan(Query q, FunctionCallContext ctx) {
        return plan(q, ctx, null);
    }

    /**
     * Plans {@code q}; {@code env} (null when the backend has no storage) gives the table and
     * index sizes and the indexes path selection considers for scans of catalog tables.
     */
    public static PlannedStmt plan(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        return switch (q.commandType()) {
            case UTILITY -> new PlannedStmt(null, q.utilityStmt(), List.of(), List.of(), List.of());
            case INSERT, UPDATE, DELETE, MERGE -> planModify(q, ctx, env);
            case SELECT -> planSelect(q, ctx, env);
        };
    }

    /**
     * INSERT/UPDATE/DELETE: ModifyTable over a ValuesScan, the planned SELECT, or a scan of the
     * target table emitting its raw scan tuples (values, then TID) filtered by WHERE.
     */
    private static PlannedStmt planModify(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        // SS_process_ctes; MERGE's WHEN clauses are not walked by the query mutator, so its WITH stays as written
        if (q.commandType() != Query.CommandType.MERGE) q = CteInlining.process(q);
        PlannerInfo info = new PlannerInfo(new PlannerInfo.Global(ctx, env), null, q);
        info.glob.rangeTable.addAll(q.rangeTable());
        for (Query.CommonTableExpr cte : q.cteList()) planCte(info, cte);
        PlannedStmt planned = planModify(info);
        Plan top = resolveAlternatives(info, withModifyingCtes(info, info.glob.attachCtes(info, planned.planTree())));
        return new PlannedStmt(top, null, planned.columnNames(), planned.columnTypes(), planned.columnTypmods(),
                q.commandType(), info.glob.rangeTableSize(), java.util.Collections.unmodifiableMap(info.glob.levelCtes));
    }

    /** set_plan_references' fix_alternative_subplan, when the planner made any AlternativeSubPlan. */
    private static Plan resolveAlternatives(PlannerInfo info, Plan plan) {
        if (!info.glob.hasAlternativeSubPlans) return plan;
        return AlternativeSubPlans.resolve(plan, new PlanCosts(info.glob.env, info.glob.ctx), info.glob.levelCtes);
    }

    /**
     * The data-modifying WITH queries of the top query level, which run to completion whether
     * or not anything reads them (ExecPostprocessPlan's es_auxmodifytables): the plan is wrapped
     * so that the executor finishes them after the main query.
     */
    private static Plan withModifyingCtes(PlannerInfo info, Plan plan) {
        List<Plan.CteScan> modifying = new ArrayList<>();
        for (Query.CommonTableExpr cte : info.query.cteList()) {
            if (cte.query().commandType() == Query.CommandType.SELECT) continue;
            PlannerInfo.CtePlan p = info.ctes.get(cte.name());
            modifying.add(new Plan.CteScan(p.cteId(), p.plan()));
        }
        return modifying.isEmpty() ? plan : new Plan.ModifyingCtes(plan, List.copyOf(modifying));
    }

    /** ModifyTable for the query of {@code info}, whose WITH queries are already planned. */
    private static PlannedStmt planModify(PlannerInfo info) {
        Query q = info.query;
        FunctionCallContext ctx = info.glob.ctx;
        ExecEnvironment env = info.glob.env;
        Query.RangeTblEntry target = q.resultRte();
        Expr where = q.where() == null ? null : fold(SubLinks.process(q.where(), info), ctx);
        if (where instanceof Expr.Const c && Boolean.TRUE.equals(c.value())) where = null;
        List<Expr> newRow = null;
        if (q.commandType() != Query.CommandType.DELETE) {
            newRow = new ArrayList<>();
            for (Query.TargetEntry te : q.targetList()) newRow.add(fold(SubLinks.process(te.expr(), info), ctx));
            newRow = List.copyOf(newRow);
        }
        List<Expr> returning = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        for (Query.TargetEntry te : q.returningList()) {
            returning.add(fold(SubLinks.process(te.expr(), info), ctx));
            names.add(te.name());
            types.add(te.expr().type());
            typmods.add(te.expr().typmod());
        }
        Plan plan;
        if (q.commandType() == Query.CommandType.MERGE) {
            plan = MergePlanning.plan(info);
        } else if (q.commandType() == Query.CommandType.INSERT) {
            Plan source;
            if (q.sourceQuery() != null) {
                source = planQuery(new PlannerInfo(info.glob, info, q.sourceQuery()));
            } else {
                List<List<Expr>> rows = new ArrayList<>();
                for (List<Expr> row : q.valuesLists()) rows.add(foldAll(SubLinks.processAll(row, info), ctx));
                source = new Plan.ValuesScan(List.copyOf(rows), rows.isEmpty() ? 0 : rows.get(0).size());
            }
            plan = new Plan.ModifyTable(q.commandType(), target, source, newRow, where, List.copyOf(returning),
                    q.onConflict() == null ? null : onConflict(q, info)).withWithChecks(withChecks(info));
        } else {
            // the children left after partition pruning; a partitioned target is changed only through them
            List<org.tusk.utils.cache.Relation> children = target.inh() && !ModifyJoin.viewTarget(q)
                    ? Inheritance.expand(target, q.resultRelation(), where, env, ctx) : List.of();
            Inheritance.TableModify one = (rte, w, row, ret, root) -> modifyOne(info, rte, w, row, ret, root);
            plan = children.isEmpty() && !Inheritance.isPartitioned(target)
                    ? one.plan(target, where, newRow, List.copyOf(returning), null)
                    : Inheritance.modifyAppend(target, q.resultRelation(), children, where, newRow, List.copyOf(returning),
                            one);
        }
        return new PlannedStmt(plan, null, List.copyOf(names), List.copyOf(types), List.copyOf(typmods), q.commandType());
    }

    /**
     * UPDATE or DELETE of one table ({@code rte}: the target, or an inheritance child standing in
     * for it, with {@code where}, {@code newRow} and {@code returning} already translated to its
     * columns): ModifyTable over a scan of the table emitting its raw scan tuples (values, then
     * TID) filtered by WHERE, or, with FROM/USING, over the join of the table with the other items.
     */
    private static Plan modifyOne(PlannerInfo info, Query.RangeTblEntry rte, Expr where, List<Expr> newRow,
                                  List<Expr> returning, org.tusk.utils.cache.Relation root) {
        Query q = info.query;
        if (!ModifyJoin.applies(q)) {
            // the target alone (not a child of an inherited one, planned as one member of many):
            // distribute_qual_to_rels' pseudoconstant conjuncts gate the scan from a Result
            // above it (create_gating_plan), and one folded to FALSE or NULL leaves no scan at all
            List<Expr> gating = new ArrayList<>();
            Expr scanWhere = where;
            if (rte == q.resultRte() && root == null && where != null) {
                List<Expr> rest = new ArrayList<>();
                for (Expr c : ScanPaths.conjuncts(where)) (gatingQual(c) ? gating : rest).add(c);
                scanWhere = rest.isEmpty() ? null : ScanPaths.and(rest);
            }
            Plan scan;
            if (constantFalse(gating)) {
                scan = dummyRel(rte.scanWidth(), SetRefs.single(q.resultRelation(), rte.scanWidth()), q.rangeTable());
            } else {
                scan = ScanPaths.scan(rte, scanWhere, null, info.glob.env, info.glob.ctx, null, -1, null, true).plan();
                if (!gating.isEmpty()) scan = new Plan.GatingResult(scan, ScanPaths.and(gating));
            }
            return new Plan.ModifyTable(q.commandType(), rte, scan, newRow, where, returning, null, root)
                    .withWithChecks(withChecks(info, rte));
        }
        // UPDATE ... FROM / DELETE ... USING: a join whose tuples carry the other items' columns
        // a child standing in for the target joins with the statement's WHERE on its own columns
        ModifyJoin join = rte == q.resultRte() ? new ModifyJoin(q, q.where())
                : new ModifyJoin(q.withResultRte(rte), Inheritance.adjustToChild(q.where(), q.resultRte(), q.resultRelation(),
                        rte.table()));
        join.collect(where);
        if (newRow != null) for (Expr e : newRow) join.collect(e);
        for (Expr e : returning) join.collectReturning(e);
        List<Plan.WithCheck> checks = withChecks(info, rte);
        for (Plan.WithCheck c : checks) join.collect(c.qual());
        Plan source = join.plan(info);
        List<Plan.WithCheck> fixed = new ArrayList<>();
        for (Plan.WithCheck c : checks) fixed.add(c.withQual(join.fix(c.qual())));
        return new Plan.ModifyTable(q.commandType(), rte, source, newRow == null ? null : join.fixAll(newRow),
                join.fix(where), List.copyOf(join.fixAllReturning(returning)), null, root).withWithChecks(fixed);
    }

    /**
     * The statement's WITH CHECK OPTION checks (the rewriter's withCheckOptions, innermost view
     * first), planned as RETURNING is: SubLinks made subplans, constants folded. A check with no
     * qual (a view that only passes CASCADED down) has nothing to test and is left out.
     */
    private static List<Plan.WithCheck> withChecks(PlannerInfo info) {
        return withChecks(info, info.query.resultRte());
    }

    /**
     * The same for the rows written to {@code rte}: the target, or an inheritance child standing
     * in for it, whose checks read the child's columns (adjust_appendrel_attrs on
     * ri_WithCheckOptions, as the row-level security checks of a partitioned table need).
     */
    private static List<Plan.WithCheck> withChecks(PlannerInfo info, Query.RangeTblEntry rte) {
        Query q = info.query;
        List<Plan.WithCheck> out = new ArrayList<>();
        for (Query.WithCheckOption w : q.withCheckOptions()) {
            if (w.qual() == null) continue;
            Expr qual = rte == q.resultRte() || rte.table() == null ? w.qual()
                    : Inheritance.adjustToChild(w.qual(), q.resultRte(), q.resultRelation(), rte.table());
            out.add(new Plan.WithCheck(w.relname(), fold(SubLinks.process(qual, info), info.glob.ctx), w.kind(), w.polname()));
        }
        return List.copyOf(out);
    }

    /**
     * ON CONFLICT's plan part: SET and WHERE rewritten onto the tuple the executor builds, the
     * existing row's scan tuple (columns, TID) followed by the proposed row (EXCLUDED).
     */
    private static Plan.OnConflict onConflict(Query q, PlannerInfo info) {
        Query.OnConflictExpr oc = q.onConflict();
        int natts = q.resultRte().columns().size();
        java.util.function.Function<Expr, Expr> fix = e -> e == null ? null : org.tusk.nodes.ExprTrees.map(
                fold(SubLinks.process(e, info), info.glob.ctx), x -> {
                    if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() != Expr.Var.RESOLVED) {
                        int pos = v.varno() == oc.exclRelIndex() ? natts + 1 + v.attno() : v.attno();
                        return new Expr.Var(Expr.Var.RESOLVED, pos, v.type(), v.typmod(), v.name(), v.location(), 0);
                    }
                    return null;
                });
        List<Expr> set = new ArrayList<>();
        for (Query.TargetEntry te : oc.onConflictSet()) set.add(fix.apply(te.expr()));
        // preprocess_expression of the inference elements and WHERE (EXPRKIND_ARBITER_ELEM, EXPRKIND_QUAL)
        List<Query.InferenceElem> elems = new ArrayList<>();
        for (Query.InferenceElem el : oc.arbiterElems()) elems.add(el.withExpr(fold(el.expr(), info.glob.ctx)));
        Query.OnConflictExpr folded = oc.withExpressions(elems,
                oc.arbiterWhere() == null ? null : fold(oc.arbiterWhere(), info.glob.ctx), oc.onConflictSet(), oc.onConflictWhere());
        List<org.tusk.utils.cache.Relation> arbiters = ArbiterInference.infer(folded, q.resultRte().table(), info.glob.env,
                info.glob.ctx);
        return new Plan.OnConflict(oc.doUpdate(), arbiters, List.copyOf(set), fix.apply(oc.onConflictWhere()));
    }

    private static PlannedStmt planSelect(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        PlannerInfo info = new PlannerInfo(new PlannerInfo.Global(ctx, env), null, q);
        Plan plan = resolveAlternatives(info, withModifyingCtes(info, planQuery(info)));
        List<String> names = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Integer> typmods = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) {
            if (te.resjunk()) continue;
            names.add(te.name());
            types.add(te.expr().type());
            typmods.add(te.expr().typmod());
        }
        return new PlannedStmt(plan, null, List.copyOf(names), List.copyOf(types), List.copyOf(typmods))
                .withRangeTableSize(info.glob.rangeTableSize())
                .withLevelCtes(java.util.Collections.unmodifiableMap(info.glob.levelCtes));
    }

    /**
     * subquery_planner + grouping_planner for one query level: WITH queries, the join tree (or
     * set operation), then
     * <pre>
     *   [Limit] <- [Unique] <- [Sort] <- [Agg | projection] <- joins and scans | Result
     * </pre>
     * The result's tuples are the query's target list, resjunk entries included.
     */
    static Plan planQuery(PlannerInfo info) {
        info.glob.rangeTable.addAll(info.query.rangeTable());
        if (info.query.rangeTable().isEmpty() && info.query.setOperations() == null) info.glob.emptyFromLevels.add(info.query);
        // prepjointree.c, then analyzejoins.c: outer joins first reduced, then useless ones removed
        // SS_process_ctes' inlining first, so that inlined WITH queries are pulled up like other subqueries
        // (HAVING clauses that need no grouping join WHERE before outer joins are reduced, so they can help)
        // (preprocess_function_rtes: set-returning SQL functions in FROM become subqueries, to be pulled up too)
        Query inlined = FunctionInlining.inlineSetReturningFunctions(CteInlining.process(info.query, info.parsedCteRefs), info.glob.ctx,
                info.glob.env);
        // pull_up_sublinks, for the sub-selects that leave nothing to join: before FROM items are pulled up
        inlined = AnySublinks.replaceResultSublinks(inlined);
        Query pulledUp = OuterJoinReduction.reduce(HavingToWhere.transfer(
                SubqueryPullUp.pullUp(inlined, info.glob.ctx, info.glob.rangeTable::add)));
        IndexLocks.lock(pulledUp, info.glob.env);
        Query reduced = JoinRemoval.removeUselessJoins(pulledUp, info.glob.env);
        if (reduced != pulledUp) {
            // a removed join may have been the only reader of a computed output of a subquery on
            // an outer join's nullable side, which kept that subquery from being pulled up (PostgreSQL
            // pulls it up first, its output a PlaceHolderVar, and removes the joins after): it is
            // pulled up now, and the joins to it are looked at again
            Query again = SubqueryPullUp.pullUp(reduced, info.glob.ctx, info.glob.rangeTable::add);
            if (again != reduced) {
                IndexLocks.lock(again, info.glob.env);
                reduced = JoinRemoval.removeUselessJoins(again, info.glob.env);
            }
        }
        info.query = reduced;
        // planagg.c: MIN/MAX answered from the first row of an ordered (index) scan
        info.query = MinMaxAggregates.rewrite(info, info.query);
        Query q = info.query;
        FunctionCallContext ctx = info.glob.ctx;
        for (Query.CommonTableExpr cte : q.cteList()) planCte(info, cte);
        // subquery_planner preprocesses the target list before the quals: its sub-selects take
        // their SubPlan numbers, and its outer references their exec parameters, first
        List<Expr> processedTlist = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) processedTlist.add(processSkippingAggs(te.expr(), info));

        Plan plan;
        SetRefs layout;
        List<Expr> quals = new ArrayList<>();
        if (q.setOperations() != null) {
            plan = SetOps.plan(info, q.setOperations());
            layout = new SetRefs(java.util.Map.of(0, 0), plan.width());
        } else if (q.fromList().isEmpty()) {
            Expr where = q.where() == null ? null : fold(SubLinks.process(q.where(), info), ctx);
            if (where instanceof Expr.Const c && Boolean.TRUE.equals(c.value())) where = null;
            plan = new Plan.Result(List.of(), where, true);
            layout = new SetRefs(java.util.Map.of(), 0);
        } else {
            List<Expr> where = new ArrayList<>();
            List<SemiJoins.Pulled> semi = new ArrayList<>();
            java.util.ArrayDeque<Expr> todo = new java.util.ArrayDeque<>(ScanPaths.conjuncts(q.where()));
            while (!todo.isEmpty()) {
                Expr raw = todo.poll();
                SemiJoins.Pulled p = SemiJoins.tryPullUp(info, raw);
                if (p != null) {
                    semi.add(p);
                    for (Expr h : p.hoisted()) todo.addAll(ScanPaths.conjuncts(h));
                    continue;
                }
                for (Expr c : ScanPaths.conjuncts(BoolFolding.dropConstantOrArms(fold(SubLinks.process(raw, info), ctx))))
                    if (!(c instanceof Expr.Const k && Boolean.TRUE.equals(k.value()))) where.add(c);
            }
            quals.addAll(where);
            // distribute_qual_to_rels: a conjunct that reads no relation of the level and calls
            // nothing volatile is pseudoconstant; it gates the whole join tree (create_gating_plan)
            // instead of filtering a scan or join
            List<Expr> gating = new ArrayList<>();
            for (Expr c : where) if (gatingQual(c)) gating.add(c);
            where.removeAll(gating);
            info.scanOrder = ScanOrder.required(q);
            boolean groupOrder = false;
            if (info.scanOrder != null) {
                info.orderedRel = ((Query.JoinNode.RangeRef) q.fromList().get(0)).rtindex();
                info.scanLimit = constantLimit(q, ctx);
            } else {
                // a sorted grouping's group_pathkeys are the query_pathkeys (standard_qp_callback)
                List<Integer> groupKeys = GroupPathkeys.sortedGroupingKeys(info, q);
                info.scanOrder = groupKeys == null ? null : ScanOrder.requiredForGrouping(q, groupKeys);
                if (info.scanOrder != null) {
                    info.orderedRel = ((Query.JoinNode.RangeRef) q.fromList().get(0)).rtindex();
                    groupOrder = true;
                }
            }
            JoinPlanner joins = new JoinPlanner(info);
            JoinPlanner.Rel rel = joins.plan(where);
            gating.addAll(joins.gatingQuals);
            // a semi-join above the scan does not keep its order
            if (!semi.isEmpty()) info.scanOrderProvided = false;
            if (groupOrder) {
                // the scan's order serves the grouping, not ORDER BY
                info.groupOrderProvided = info.scanOrderProvided;
                info.scanOrderProvided = false;
            }
            for (SemiJoins.Pulled p : semi) rel = SemiJoins.join(info, rel, p);
            plan = constantFalse(gating) || joins.provedEmpty || provenDummy(rel.plan()) ? dummyRel(rel.plan().width(), rel.layout(), q.rangeTable())
                    : gating.isEmpty() ? rel.plan() : new Plan.GatingResult(rel.plan(), ScanPaths.and(gating));
            layout = rel.layout();
        }

        List<Expr> tlist = new ArrayList<>();
        for (Expr te : processedTlist) tlist.add(layout.fix(fold(te, ctx)));

        // Set-returning functions: one ProjectSet per level of nesting computes them from the target below it
        List<SrfPlanner> srfLevels = new ArrayList<>();
        List<Expr> projected = tlist;
        while (SrfPlanner.hasSrfs(projected)) {
            // entries without calls are computed by the top ProjectSet (volatile ones once per row it
            // emits), unless grouping reads them by position below or they are sort or DISTINCT keys;
            // a lower level's input target holds only what the level above reads, all computed below
            boolean top = srfLevels.isEmpty();
            boolean windowed = WindowPlanner.hasWindowFuncs(projected);
            SrfPlanner level = new SrfPlanner(projected, q.hasGrouping() || windowed ? null
                    : i -> top && q.sortClause().stream().noneMatch(s -> s.resno() == i + 1) && !q.distinctClause().contains(i + 1),
                    windowed || GroupingSetPlanner.needed(q, projected, q.havingQual()));
            srfLevels.add(level);
            projected = level.inputTarget();
        }
        // Window functions: the node below computes the window input target, WindowAggs the rest
        WindowPlanner windows = WindowPlanner.hasWindowFuncs(projected) ? new WindowPlanner(q, projected) : null;
        List<Expr> lower = windows == null ? projected : windows.inputTarget();
        RowLocking locking = q.rowMarks().isEmpty() ? null : RowLocking.prepare(q, layout, projected, quals,
                e -> fold(SubLinks.process(e, info), ctx));
        // make_sort_input_target: volatile entries are computed above an explicit Sort
        SortInputTarget sortInput = null;
        if (SortInputTarget.applies(q, srfLevels.isEmpty() && windows == null && locking == null) && !info.scanOrderProvided) {
            List<Integer> sortResnos = new ArrayList<>();
            for (Query.SortClause s : neededSortClauses(q)) sortResnos.add(s.resno());
            if (!sortResnos.isEmpty()) sortInput = SortInputTarget.of(tlist, sortResnos);
        }
        if (q.hasGrouping()) {
            plan = planAgg(info, q, plan, layout, tlist, lower);
        } else if (sortInput != null) {
            plan = project(plan, sortInput.inputTarget);
        } else {
            plan = project(plan, locking == null ? lower : locking.withScanTuple(lower, layout));
        }
        if (windows != null) plan = windows.plan(plan, info);
        for (int i = srfLevels.size() - 1; i >= 0; i--) plan = srfLevels.get(i).plan(plan);

        // DISTINCT [ON], ORDER BY
        List<Plan.SortKey> sortKeys = new ArrayList<>();
        for (Query.SortClause s : neededSortClauses(q))
                sortKeys.add(new Plan.SortKey(s.resno() - 1, s.desc(), s.nullsFirst(), SortGroupTypes.of(tlist.get(s.resno() - 1))));
        if (!q.distinctClause().isEmpty()) {
            List<Integer> cols = new ArrayList<>();
            for (int r : q.distinctClause()) cols.add(r - 1);
            List<Plan.SortKey> keys = new ArrayList<>(sortKeys);
            for (int c : cols) {
                boolean present = false;
                for (Plan.SortKey k : keys) present |= k.column() == c;
                if (!present) keys.add(new Plan.SortKey(c, false, false, SortGroupTypes.of(tlist.get(c))));
            }
            List<Integer> types = new ArrayList<>();
            for (int c : cols) types.add(SortGroupTypes.of(tlist.get(c)));
            // create_distinct_paths' numDistinctRows: estimate_num_groups over the DISTINCT expressions
            double numDistinct = distinctGroups(info, q, plan);
            Plan unique = new Plan.Unique(new Plan.Sort(plan, List.copyOf(keys)), List.copyOf(cols), List.copyOf(types),
                    numDistinct);
            Plan hashed = null;
            if (!q.hasDistinctOn() && ScanPaths.setting(ctx, "enable_hashagg", true)
                    && cols.stream().noneMatch(c -> org.tusk.catalog.OperatorHashing.knownNotHashable(tlist.get(c).type()))) {
                List<Expr> hashKeys = new ArrayList<>(), identity = new ArrayList<>();
                for (int c : cols) hashKeys.add(column(c, tlist.get(c)));
                for (int c = 0; c < tlist.size(); c++) identity.add(column(c, tlist.get(c)));
                hashed = new Plan.Agg(plan, Plan.AggStrategy.HASHED, List.copyOf(hashKeys), List.of(), List.copyOf(identity), null)
                        .withNumGroups(numDistinct);
            }
            plan = hashed != null && DistinctPaths.hashCheaper(info, q, plan, cols.size(), !sortKeys.isEmpty()) ? hashed : unique;
            if (plan == unique) sortKeys.clear();
        }
        if (!sortKeys.isEmpty() && !info.scanOrderProvided && !GroupingSetPlanner.providesOrder(q, plan)
                && !SetOps.providesOrder(q, plan))
            plan = new Plan.Sort(plan, sortInput == null ? List.copyOf(sortKeys) : sortInput.keysOverInput(sortKeys));
        if (sortInput != null) plan = new Plan.SubqueryScan(plan, null, sortInput.finalTarget);
        if (locking != null) plan = locking.plan(plan);
        if (q.limitCount() != null || q.limitOffset() != null) {
            Expr offset = q.limitOffset() == null ? null : fold(SubLinks.process(q.limitOffset(), info), ctx);
            Expr count = q.limitCount() == null ? null : fold(SubLinks.process(q.limitCount(), info), ctx);
            if (limitNeeded(offset, count)) plan = new Plan.Limit(plan, offset, count);
        }
        // SS_attach_initplans: the level's WITH queries belong to its top node
        return info.glob.attachCtes(info, plan);
    }

    /**
     * limit_needed: no Limit node for LIMIT ALL (a NULL constant) and OFFSET 0 or NULL, which
     * let every row through.
     */
    private static boolean limitNeeded(Expr offset, Expr count) {
        if (count != null && !(count instanceof Expr.Const c && c.value() == null)) return true;
        if (offset == null) return false;
        if (!(offset instanceof Expr.Const c)) return true;
        return c.value() != null && ((Number) c.value()).longValue() != 0;
    }

    /**
     * The ORDER BY items that need sorting (make_pathkeys_for_sortclauses): not a pseudoconstant,
     * and not made redundant by the level's WHERE equivalence classes, as pathkey_is_redundant
     * drops a key whose class holds a constant or was sorted on by an earlier key.
     */
    private static List<Query.SortClause> neededSortClauses(Query q) {
        if (q.sortClause().isEmpty()) return q.sortClause();
        java.util.Set<Integer> constant = java.util.Set.of();
        java.util.Map<Integer, Integer> equated = java.util.Map.of();
        if (q.where() != null) {
            RedundantSortKeys redundant = new RedundantSortKeys(q);
            constant = redundant.constantKeys();
            equated = redundant.equatedKeys();
        }
        List<Query.SortClause> out = new ArrayList<>();
        java.util.Set<Integer> sortedClasses = new java.util.HashSet<>();
        for (Query.SortClause s : q.sortClause()) {
            if (pseudoConstant(q.targetList().get(s.resno() - 1).expr()) || constant.contains(s.resno())) continue;
            if (!sortedClasses.add(equated.getOrDefault(s.resno(), s.resno()))) continue;
            out.add(s);
        }
        return out;
    }

    /**
     * Whether a sort key is the same for every row of the level, so sorting on it is redundant:
     * get_eclass_for_sort_expr's pseudoconstant (no Var of this level, nothing volatile, no
     * set-returning function, aggregate or window function), whose equivalence class makes
     * pathkey_is_redundant drop the key. A key holding a sub-select is kept (Tusk's MIN/MAX
     * rewrite leaves sub-selects where PostgreSQL's pathkeys still see the aggregates).
     */
    static boolean pseudoConstant(Expr e) {
        return !org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() == 0 || x instanceof Expr.WholeRowVar
                || x instanceof Expr.Aggref a && a.levelsup() == 0 || x instanceof Expr.WindowFunc
                || x instanceof Expr.GroupingFunc || x instanceof Expr.SubLink || x instanceof Expr.SubPlan)
                && !Clauses.returnsSet(e) && !Clauses.containsVolatileFunctions(e);
    }

    /**
     * Whether a (planned) group key is a pseudoconstant of the level: no column of the level,
     * nothing volatile or set-returning, no aggregate or window function, and a sub-select only
     * as an InitPlan's output (a parameter in PostgreSQL).
     */
    static boolean constantGroupKey(Expr e) {
        return !org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() == 0
                || x instanceof Expr.WholeRowVar || x instanceof Expr.Aggref || x instanceof Expr.WindowFunc
                || x instanceof Expr.GroupingFunc || x instanceof Expr.SubLink
                || x instanceof Expr.SubPlan sp && !sp.parParams().isEmpty())
                && !Clauses.returnsSet(e) && !Clauses.containsVolatileFunctions(e);
    }

    /**
     * {@code call} (a call of function {@code funcOid}) replaced by what {@code inliner} makes of
     * it, simplified in turn, or {@code call} itself when nothing is inlined. The function is in
     * the active set while its body is simplified (inline_function's active_fns), so a body that
     * calls it again is left as a call.
     */
    private static Expr inlineAndFold(Expr call, int funcOid, java.util.function.Supplier<Expr> inliner, FunctionCallContext ctx) {
        java.util.Set<Integer> active = ctx.inliningFunctions();
        if (active == null || active.contains(funcOid)) return call;
        Expr inlined = inliner.get();
        if (inlined == null) return call;
        active.add(funcOid);
        try {
            return fold(inlined, ctx);
        } finally {
            active.remove(funcOid);
        }
    }

    /** LIMIT count (+ OFFSET) when both are constants, for costing an ordered scan; -1 otherwise. */
    /** A LIMIT or OFFSET expression constant-folded, unless it has a sub-select or a volatile call. */
    private static Expr foldedLimit(Expr e, FunctionCallContext ctx) {
        if (e == null || org.tusk.nodes.ExprTrees.any(e, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)
                || Clauses.containsVolatileFunctions(e)) return e;
        return fold(e, ctx);
    }

    private static double constantLimit(Query q, FunctionCallContext ctx) {
        // preprocess_limit looks at the folded expressions: LIMIT 1 is int8(1) until then
        Expr count = foldedLimit(q.limitCount(), ctx);
        if (!(count instanceof Expr.Const c) || !(c.value() instanceof Number n)) return -1;
        double offset = 0;
        if (q.limitOffset() != null) {
            Expr off = foldedLimit(q.limitOffset(), ctx);
            if (!(off instanceof Expr.Const o) || !(o.value() instanceof Number on)) return -1;
            offset = Math.max(0, on.doubleValue());
        }
        return Math.max(0, n.doubleValue()) + offset;
    }

    /** A Var reading column {@code c} (0-based) of the node's input, typed like {@code like}. */
    static Expr column(int c, Expr like) {
        return new Expr.Var(Expr.Var.RESOLVED, c + 1, like.type(), like.typmod(), null, -1, 0);
    }

    /** SubLinks.process, leaving Aggrefs to the Agg node (their arguments are planned with the aggregate list). */
    private static Expr processSkippingAggs(Expr e, PlannerInfo info) {
        return org.tusk.nodes.ExprTrees.map(e, x -> switch (x) {
            case Expr.Aggref a when a.levelsup() > 0 -> SubLinks.outerAgg(a, info);
            case Expr.Aggref a -> a;
            case Expr.GroupingFunc g when g.levelsup() > 0 -> SubLinks.outerGrouping(g, info);
            case Expr.SubLink s -> SubLinks.process(s, info);
            case Expr.Var v when v.levelsup() > 0 -> SubLinks.process(v, info);
            default -> null;
        });
    }

    /**
     * The Agg node: PLAIN without GROUP BY; otherwise HASHED, or SORTED (input sorted on the
     * group keys, appended as extra columns) when enable_hashagg is off.
     */
    private static Plan planAgg(PlannerInfo info, Query q, Plan input, SetRefs layout, List<Expr> tlist, List<Expr> out) {
        FunctionCallContext ctx = info.glob.ctx;
        List<Expr.Aggref> aggs = new ArrayList<>();
        for (Expr.Aggref a : q.aggregates()) {
            List<Expr> args = new ArrayList<>();
            for (Expr x : a.args()) args.add(layout.fix(fold(SubLinks.process(x, info), ctx)));
            Expr filter = a.filter() == null ? null : layout.fix(fold(SubLinks.process(a.filter(), info), ctx));
            List<Expr.AggSort> order = new ArrayList<>();
            for (Expr.AggSort o : a.order())
                order.add(o.withExpr(layout.fix(fold(SubLinks.process(o.expr(), info), ctx))));
            List<Expr> direct = new ArrayList<>();
            for (Expr x : a.directArgs()) direct.add(layout.fix(fold(SubLinks.process(x, info), ctx)));
            aggs.add(a.withParts(List.copyOf(direct), List.copyOf(args), filter, List.copyOf(order)));
        }
        Expr having = q.havingQual() == null ? null : layout.fix(fold(processSkippingAggs(q.havingQual(), info), ctx));
        // make_ands_implicit: a HAVING folded to true filters nothing
        if (having instanceof Expr.Const c && Boolean.TRUE.equals(c.value())) having = null;
        List<Expr> keys = new ArrayList<>();
        for (int r : q.groupClause()) keys.add(tlist.get(r - 1));
        if (GroupingSetPlanner.needed(q, out, having) && (!q.groupClause().isEmpty() || !q.groupingSets().isEmpty()))
            return GroupingSetPlanner.plan(q, input, out, having, List.copyOf(aggs), keys, out == tlist, info);
        if (q.groupClause().isEmpty())
            return new Plan.Agg(input, Plan.AggStrategy.PLAIN, List.of(), List.copyOf(aggs), List.copyOf(out), having);
        // columns functionally dependent on a grouped primary key need not be keys
        keys.clear();
        List<Integer> groupResnos = UselessGroupByColumns.remaining(q, info.glob.env);
        for (int r : groupResnos) keys.add(tlist.get(r - 1));
        // create_grouping_paths: hashing needs every aggregate to take its input in any order
        // (numOrderedAggs == 0); one with DISTINCT or ORDER BY makes the grouping sorted
        boolean orderedAggs = false;
        for (Expr.Aggref a : aggs) orderedAggs |= a.distinct() || !a.order().isEmpty();
        // keys that are the same for every input row (their pathkeys redundant, as a
        // pseudoconstant's equivalence class makes them) need no sort: the input is in group
        // order already, and add_path prefers that sorted aggregation to hashing, which costs
        // the same per row and more to start
        if (!keys.isEmpty() && keys.stream().allMatch(Planner::constantGroupKey))
            return new Plan.Agg(input, Plan.AggStrategy.SORTED, List.copyOf(keys), List.copyOf(aggs), List.copyOf(out),
                    having);
        // get_number_of_groups: estimate_num_groups over the remaining GROUP BY expressions
        List<Expr> groupExprs = new ArrayList<>();
        for (int r : groupResnos) groupExprs.add(q.targetList().get(r - 1).expr());
        double numGroups = new GroupCounts(q, info.glob.env).estimate(groupExprs,
                new PlanCosts(info.glob.env, ctx).of(input).rows());
        if (!orderedAggs && ScanPaths.setting(ctx, "enable_hashagg", true))
            return new Plan.Agg(input, Plan.AggStrategy.HASHED, List.copyOf(keys), List.copyOf(aggs), List.copyOf(out),
                    having).withNumGroups(numGroups);
        int w = input.width();
        List<Expr> proj = new ArrayList<>();
        for (int c = 0; c < w; c++) proj.add(new Expr.Var(Expr.Var.RESOLVED, c + 1, 0, -1, null, -1, 0));
        List<Plan.SortKey> sk = new ArrayList<>();
        List<Expr> keyCols = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            proj.add(keys.get(k));
            sk.add(new Plan.SortKey(w + k, false, false, SortGroupTypes.of(keys.get(k))));
            keyCols.add(column(w + k, keys.get(k)));
        }
        // input read in group order already (an index scan on the keys) needs no Sort
        Plan keyed = new Plan.SubqueryScan(input, null, List.copyOf(proj));
        Plan sorted = info.groupOrderProvided ? keyed : new Plan.Sort(keyed, List.copyOf(sk));
        return new Plan.Agg(sorted, Plan.AggStrategy.SORTED, List.copyOf(keyCols), List.copyOf(aggs), List.copyOf(out),
                having).withNumGroups(numGroups);
    }

    /** estimate_num_groups over a level's DISTINCT expressions, in the rows of {@code input}. */
    private static double distinctGroups(PlannerInfo info, Query q, Plan input) {
        List<Expr> distinctExprs = new ArrayList<>();
        for (int r : q.distinctClause()) distinctExprs.add(q.targetList().get(r - 1).expr());
        return new GroupCounts(q, info.glob.env).estimate(distinctExprs, new PlanCosts(info.glob.env, info.glob.ctx).of(input).rows());
    }

    /** Projects {@code tlist} over {@code plan}'s tuples, into the scan itself where it can (a scan without a target list). */
    static Plan project(Plan plan, List<Expr> tlist) {
        return switch (plan) {
            case Plan.SeqScan s when s.targetList() == null -> new Plan.SeqScan(s.rte(), s.qual(), List.copyOf(tlist));
            case Plan.IndexScan s when s.targetList() == null -> new Plan.IndexScan(s.rte(), s.index(), s.indexQuals(),
                    s.qual(), List.copyOf(tlist), s.backward(), s.indexOnly(), s.orderBys());
            case Plan.BitmapHeapScan s when s.targetList() == null -> new Plan.BitmapHeapScan(s.rte(), s.bitmap(),
                    s.recheck(), s.qual(), List.copyOf(tlist));
            case Plan.Result r when r.targetList().isEmpty() -> new Plan.Result(List.copyOf(tlist), r.qual(), r.emptyTuple());
            // a gating Result projects itself (create_gating_plan gives it the path's target list):
            // the final expressions are computed above the gate; a join below emits just the
            // columns they read (its reltarget), a scan its own columns (use_physical_tlist)
            case Plan.GatingResult g when g.child() instanceof Plan.NestLoop || g.child() instanceof Plan.HashJoin
                    || g.child() instanceof Plan.MergeJoin -> {
                List<Expr> vars = new ArrayList<>();
                for (Expr e : tlist) org.tusk.nodes.ExprTrees.map(e, x -> {
                    if (x instanceof Expr.Var v && v.levelsup() == 0 && !vars.contains(v)) vars.add(v);
                    return null;
                });
                List<Expr> above = new ArrayList<>();
                for (Expr e : tlist) above.add(org.tusk.nodes.ExprTrees.map(e, x -> x instanceof Expr.Var v && v.levelsup() == 0
                        ? column(vars.indexOf(v), v) : null));
                yield new Plan.SubqueryScan(new Plan.GatingResult(project(g.child(), vars), g.qual()), null, List.copyOf(above));
            }
            default -> new Plan.SubqueryScan(plan, null, List.copyOf(tlist));
        };
    }

    /**
     * generate_recursion_path: a recursive UNION (without ALL) removes duplicates with a hash
     * table, so every column's type must hash (grouping_is_hashable).
     */
    private static void checkRecursiveUnionHashable(Query.SetOp.Op op) {
        for (int type : op.colTypes())
            if (org.tusk.catalog.OperatorHashing.knownNotHashable(type))
                throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                        "could not implement recursive UNION").withDetail("All column datatypes must be hashable.");
    }

    /** The sort/group types of a set operation's column types ({@link SortGroupTypes}). */
    static List<Integer> colSortTypes(List<Integer> colTypes) {
        List<Integer> types = new ArrayList<>();
        for (int t : colTypes) types.add(SortGroupTypes.of(t));
        return List.copyOf(types);
    }

    /** Plans a WITH query of this level once; its scans share the result (CteScan) or, recursive, a RecursiveUnion. */
    private static void planCte(PlannerInfo info, Query.CommonTableExpr cte) {
        Plan plan;
        if (cte.recursive()) {
            int wt = info.newParamId();
            PlannerInfo cq = new PlannerInfo(info.glob, info, CteInlining.process(cte.query()));
            // a WITH written on the recursive UNION itself belongs to the UNION's level
            for (Query.CommonTableExpr inner : cq.query.cteList()) planCte(cq, inner);
            Query.SetOp.Op op = (Query.SetOp.Op) cq.query.setOperations();
            if (!op.all()) checkRecursiveUnionHashable(op);
            // the non-recursive term is planned first: the work table's estimated size, which the
            // recursive term's join choices depend on, is a multiple of its rows (set_cte_size_estimates)
            Plan nonRecursive = SetOps.plan(cq, op.left());
            double ntRows = new PlanCosts(info.glob.env, info.glob.ctx).of(nonRecursive).rows();
            double factor = ScanPaths.setting(info.glob.ctx, "recursive_worktable_factor", 10.0);
            info.workTables.put(cte.name(), new PlannerInfo.WorkTable(wt, Math.max(1, Math.rint(factor * ntRows))));
            plan = info.glob.attachCtes(cq, new Plan.RecursiveUnion(nonRecursive, SetOps.plan(cq, op.right()), wt, !op.all(),
                    colSortTypes(op.colTypes())));
        } else if (cte.query().commandType() != Query.CommandType.SELECT) {
            PlannerInfo mq = new PlannerInfo(info.glob, info, cte.query());
            for (Query.CommonTableExpr inner : cte.query().cteList()) planCte(mq, inner);
            plan = info.glob.attachCtes(mq, planModify(mq).planTree());
        } else {
            plan = planQuery(new PlannerInfo(info.glob, info, cte.query()));
        }
        // SS_process_ctes: the WITH query's plan is one of the statement's subplans, numbered as they are,
        // and its output is signalled through a Param of its own (assign_special_exec_param), which
        // takes the next parameter number after those its planning assigned
        info.glob.nextPlanId++;
        info.newParamId();
        info.ctes.put(cte.name(), new PlannerInfo.CtePlan(info.glob.nextCteId++, plan));
    }

    /**
     * Whether a conjunct of the level's WHERE folded to constant FALSE or NULL. Such a clause
     * reads no relation and is not below an outer join, so PostgreSQL places it at the top of the
     * join tree (distribute_qual_to_rels' pseudoconstant case), where it makes the base rel
     * (relation_excluded_by_constraints) or the join rel (restriction_is_constant_false) dummy.
     */
    private static boolean constantFalse(List<Expr> where) {
        for (Expr c : where)
            if (c instanceof Expr.Const k && (k.value() == null || Boolean.FALSE.equals(k.value()))) return true;
        return false;
    }

    /**
     * Whether a WHERE conjunct (sub-selects planned, outer references made parameters) is
     * pseudoconstant: it reads no column of the level, not even through a SubPlan's arguments,
     * and calls nothing volatile (distribute_qual_to_rels: empty relids, !contain_volatile_functions).
     */
    static boolean gatingQual(Expr c) {
        return !org.tusk.nodes.ExprTrees.any(c, x -> x instanceof Expr.Var v && v.levelsup() == 0
                || x instanceof Expr.WholeRowVar || x instanceof Expr.SubLink)
                && !Clauses.containsVolatileFunctions(c) && !Clauses.returnsSet(c);
    }

    /**
     * is_dummy_rel of the level's joined rel: an input proved empty (an inheritance tree whose
     * every member was excluded, a partitioned table pruned to nothing: a lone constant-false
     * Result) empties the joins above it as populate_joinrel_with_paths marks them dummy: an
     * inner or semi join with either input empty, a left or anti join with its outer input
     * empty, a full join with both. Such a level is planned as a dummy rel, as PostgreSQL's is.
     */
    static boolean provenDummy(Plan p) {
        return switch (p) {
            case Plan.Result r -> r.qual() instanceof Expr.Const k && Boolean.FALSE.equals(k.value());
            case Plan.NestLoop j -> joinDummy(j.type(), j.outer(), j.inner());
            case Plan.HashJoin j -> joinDummy(j.type(), j.outer(), j.inner());
            case Plan.MergeJoin j -> joinDummy(j.type(), j.outer(), j.inner());
            case Plan.Memoize m -> provenDummy(m.child());
            case Plan.Sort s -> provenDummy(s.child());
            default -> false;
        };
    }

    private static boolean joinDummy(Query.JoinType type, Plan outer, Plan inner) {
        return switch (type) {
            case INNER, SEMI -> provenDummy(outer) || provenDummy(inner);
            case LEFT, ANTI -> provenDummy(outer);
            case RIGHT -> provenDummy(inner);
            case FULL -> provenDummy(outer) && provenDummy(inner);
        };
    }

    /**
     * A dummy rel's plan (set_dummy_rel_pathlist, create_gating_plan without input): a Result
     * that never emits a row, "One-Time Filter: false", in place of the scans and joins. Its
     * tuple keeps the joined tuple's layout, each position the column Var it stands for (so
     * EXPLAIN names them as PostgreSQL does); a TID or system column position is a NULL. None of
     * them is ever evaluated.
     */
    private static Plan dummyRel(int width, SetRefs layout, List<Query.RangeTblEntry> rangeTable) {
        List<Expr> columns = new ArrayList<>();
        for (int pos = 1; pos <= width; pos++) {
            int[] at = layout.columnAt(pos);
            int rtindex = at == null ? 0 : at[0];
            Query.RangeTblEntry rte = rtindex == 0 ? null : rangeTable.get(rtindex - 1);
            int attno = at == null ? 0 : at[1];
            if (rte != null && attno >= 1 && rte.columns() != null && attno <= rte.columns().size()) {
                var c = rte.columns().get(attno - 1);
                columns.add(new Expr.Var(rtindex, attno, c.typeOid(), c.typmod(), c.name(), -1));
            } else {
                columns.add(new Expr.Const(org.tusk.catalog.TypeOids.TEXT, -1, null, -1));
            }
        }
        return new Plan.Result(List.copyOf(columns), new Expr.Const(org.tusk.catalog.TypeOids.BOOL, -1, false, -1), true);
    }

    /**
     * eval_const_expressions, simplified: a function, operator or cast whose inputs are all
     * constants and which is immutable (and does not depend on the session time zone) is
     * evaluated now. Errors it raises (division by zero, overflow) are raised at plan time, as
     * in PostgreSQL.
     */
    public static Expr fold(Expr e, FunctionCallContext ctx) {
        switch (e) {
            case Expr.OpExpr o -> {
                List<Expr> args = foldAll(o.args(), ctx);
                if (o.op().strict() && BoolFolding.hasNullInput(args)) return BoolFolding.nullConst(o.type());
                Expr n = new Expr.OpExpr(o.op(), args, o.type(), o.location());
                if (allConst(args) && o.op().volatility() == PgProc.Volatility.IMMUTABLE && !zoneDependent(args, o.type()))
                    return new Expr.Const(o.type(), -1, ExprEvaluator.eval(n, null, null, ctx), o.location());
                Expr simplified = BooleanEquality.simplify(o.op(), args);
                if (simplified != null) return simplified;
                // simplify_function on the OpExpr's opfuncid: an operator whose function is a
                // simple SQL function becomes that function's expression, as a call of it would
                if (o.op().funcOid() == 0) return n;
                return inlineAndFold(n, o.op().funcOid(), () -> FunctionInlining.inlineOperator((Expr.OpExpr) n, ctx), ctx);
            }
            case Expr.FuncExpr f -> {
                List<Expr> args = foldAll(f.args(), ctx);
                if (f.proc().strict() && !f.proc().retset() && BoolFolding.hasNullInput(args))
                    return BoolFolding.nullConst(f.type());
                Expr n = new Expr.FuncExpr(f.proc(), args, f.type(), f.location(), f.sqlSyntax());
                if (allConst(args) && f.proc().volatility() == PgProc.Volatility.IMMUTABLE && !f.proc().retset()
                        && !zoneDependent(args, f.type())) {
                    try {
                        return new Expr.Const(f.type(), -1, ExprEvaluator.eval(n, null, null, ctx), f.location());
                    } catch (PgException err) {
                        // evaluate_function runs a LANGUAGE sql built-in's body (fmgr_sql's error context)
                        if (!org.tusk.catalog.SqlLanguageBuiltins.isSqlLanguage(f.proc())) throw err;
                        throw err.withContext("SQL function \"" + f.proc().name() + "\" statement 1");
                    }
                }
                // inline_function: a simple SQL function becomes its body's expression, then simplified in turn
                return inlineAndFold(n, f.proc().oid(), () -> FunctionInlining.inlineScalar((Expr.FuncExpr) n, ctx), ctx);
            }
            case Expr.CastFunc c -> {
                Expr arg = fold(c.arg(), ctx);
                Expr n = new Expr.CastFunc(c.cast(), arg, c.type(), c.explicit());
                if (arg instanceof Expr.Const && !zoneDependent(List.of(arg), c.type()))
                    return new Expr.Const(c.type(), -1, ExprEvaluator.eval(n, null, null, ctx), -1);
                return n;
            }
            case Expr.BoolExpr b -> { return BoolFolding.simplify(new Expr.BoolExpr(b.op(), foldAll(b.args(), ctx))); }
            case Expr.ArrayExpr a -> {
                // ARRAY[...] of constants is a constant array (eval_const_expressions evaluates an
                // ArrayExpr whose elements are all Consts), so x IN (1, 2) shows as x = ANY ('{1,2}')
                List<Expr> elems = foldAll(a.elements(), ctx);
                Expr n = new Expr.ArrayExpr(a.elemType(), a.type(), elems, a.multidims(), a.location());
                if (allConst(elems)) return new Expr.Const(a.type(), -1, ExprEvaluator.eval(n, null, null, ctx), -1);
                return n;
            }
            case Expr.RowExpr r -> {
                // a ROW(...) of constants is a constant of its row type, as an ArrayExpr of
                // constants is (eval_const_expressions' RowExpr case), so it shows as '(1,2)'::record
                List<Expr> args = foldAll(r.args(), ctx);
                Expr n = new Expr.RowExpr(args, r.type(), r.colnames(), r.location());
                if (allConst(args)) return new Expr.Const(r.type(), -1, ExprEvaluator.eval(n, null, null, ctx), -1);
                return n;
            }
            case Expr.ScalarArrayOpExpr s -> {
                return new Expr.ScalarArrayOpExpr(s.op(), s.useOr(), fold(s.left(), ctx), fold(s.right(), ctx));
            }
            case Expr.NullTest n -> { return new Expr.NullTest(fold(n.arg(), ctx), n.isNot()); }
            case Expr.BooleanTest b -> { return new Expr.BooleanTest(fold(b.arg(), ctx), b.test()); }
            case Expr.CoerceViaIO c -> { return new Expr.CoerceViaIO(fold(c.arg(), ctx), c.type(), c.location(), c.explicit()); }
            case Expr.CollateExpr c -> { return new Expr.CollateExpr(fold(c.arg(), ctx), c.collOid(), c.location()); }
            case Expr.RelabelType r -> { return new Expr.RelabelType(fold(r.arg(), ctx), r.type(), r.typmod(), r.explicit()); }
            case Expr.CoerceToDomain c -> { return new Expr.CoerceToDomain(fold(c.arg(), ctx), c.type(), c.location()); }
            case Expr.CoerceToTypmod c -> {
                return new Expr.CoerceToTypmod(fold(c.arg(), ctx), c.type(), c.typmod(), c.explicit());
            }
            case Expr.CoalesceExpr c -> { return new Expr.CoalesceExpr(foldAll(c.args(), ctx), c.type()); }
            case Expr.MinMaxExpr m -> { return new Expr.MinMaxExpr(m.greatest(), m.lt(), foldAll(m.args(), ctx), m.type()); }
            case Expr.NullIfExpr n -> { return new Expr.NullIfExpr(n.eq(), fold(n.a(), ctx), fold(n.b(), ctx), n.type()); }
            case Expr.DistinctExpr d -> { return new Expr.DistinctExpr(d.eq(), fold(d.left(), ctx), fold(d.right(), ctx), d.not()); }
            case Expr.CaseExpr c -> {
                List<Expr.CaseWhen> whens = new ArrayList<>();
                for (Expr.CaseWhen w : c.whens()) whens.add(new Expr.CaseWhen(fold(w.cond(), ctx), w.result()));
                return new Expr.CaseExpr(whens, c.defResult(), c.type());
            }
            default -> { return e; }
        }
    }

    private static boolean zoneDependent(List<Expr> args, int result) {
        if (result == TIMESTAMPTZ) return true;
        for (Expr a : args) if (a.type() == TIMESTAMPTZ) return true;
        return false;
    }

    private static List<Expr> foldAll(List<Expr> l, FunctionCallContext ctx) {
        List<Expr> out = new ArrayList<>(l.size());
        for (Expr e : l) out.add(fold(e, ctx));
        return out;
    }

    private static boolean allConst(List<Expr> l) {
        for (Expr e : l) if (!(e instanceof Expr.Const)) return false;
        return true;
    }
}
