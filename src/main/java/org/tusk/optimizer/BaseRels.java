package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;

/**
 * The scan of one range table entry with the quals pushed down to it (set_base_rel_pathlists):
 * a table through {@link ScanPaths}, a system view, a subquery (planned one level down), a
 * function call, a VALUES list, a WITH query or a recursive query's work table. Subqueries and
 * functions may refer to other FROM items of this level (LATERAL): those references become exec
 * parameters that the nested loop joining this relation sets ({@link JoinPlanner.Rel#lateralParams}).
 */
final class BaseRels {
    private final PlannerInfo info;

    BaseRels(PlannerInfo info) {
        this.info = info;
    }

    /** is_target_rel: the statement changes the item's rows or locks them (a row mark). */
    boolean isTarget(int rtindex) {
        return rtindex == info.query.resultRelation() || RowLocking.marks(info.query, rtindex);
    }

    JoinPlanner.Rel scan(int rtindex, List<Expr> quals) {
        // distribute_qual_to_rels: a restriction that reads no relation and calls nothing volatile
        // (an equivalence class's "1 = 2") is pseudoconstant: create_gating_plan puts it in a
        // Result above the scan ("One-Time Filter"), checked once, instead of in the scan's filter
        List<Expr> gating = new ArrayList<>();
        for (Expr c : quals) if (Planner.gatingQual(c)) gating.add(c);
        if (!gating.isEmpty()) {
            List<Expr> rest = new ArrayList<>(quals);
            rest.removeAll(gating);
            JoinPlanner.Rel r = scan(rtindex, rest);
            Expr qual = ScanPaths.and(gating);
            // clause_selectivity: a pseudoconstant counts as 1.0, except a constant FALSE or NULL as 0;
            // no table and scan quals, so that no parameterized scan is built without the gate
            boolean constantFalse = qual instanceof Expr.Const k && !Boolean.TRUE.equals(k.value());
            return new JoinPlanner.Rel(new Plan.GatingResult(r.plan(), qual), r.layout(), r.relids(),
                    constantFalse ? 1 : r.rows(), r.cost(), r.lateralParams(), null, null);
        }
        Query.RangeTblEntry rte = info.query.rangeTable().get(rtindex - 1);
        double sel = 1.0;
        for (Expr c : quals) sel *= c instanceof Expr.OpExpr op && op.op().name().equals("=")
                ? JoinPlanner.DEFAULT_EQ_SEL : JoinPlanner.DEFAULT_INEQ_SEL;
        Expr qual = ScanPaths.and(quals);
        List<PlannerInfo.PlanParam> lateral = List.of();
        Plan plan;
        double rows;
        switch (rte.kind()) {
            case RELATION -> {
                List<org.tusk.utils.cache.Relation> children = rte.isTable() && rte.inh()
                        ? Inheritance.expand(rte, rtindex, qual, info.glob.env, info.glob.ctx) : List.of();
                boolean system = rte.isTable() && rtindex != info.query.resultRelation()
                        && SystemColumnRefs.referenced(info.query, rtindex, rte.columns().size());
                if (!children.isEmpty() || Inheritance.isPartitioned(rte)) {
                    // rows to be locked carry their TID and tableoid (the row mark's junk columns)
                    system |= RowLocking.marks(info.query, rtindex) || rtindex != info.query.resultRelation()
                            && SystemColumnRefs.ctidReferenced(info.query, rtindex, rte.columns().size());
                    // expand_inherited_rtentry: the table and its descendants, appended.
                    plan = Inheritance.append(rte, rtindex, children, qual, system, isTarget(rtindex),
                            info.glob.env, info.glob.ctx);
                    if (info.scanOrder != null && rtindex == info.orderedRel && !system && !isTarget(rtindex)
                            && plan instanceof Plan.Append) {
                        int[] reads = info.query.rowMarks() == null || info.query.rowMarks().isEmpty()
                                ? IndexOnlyScans.columnReads(info.query, rtindex, rte.columns().size()) : null;
                        Plan merged = Inheritance.orderedAppend(rte, rtindex, children, qual, info.scanOrder, info.scanLimit,
                                reads, plan, info.glob.env, info.glob.ctx);
                        if (merged != null) {
                            plan = merged;
                            info.scanOrderProvided = true;
                        }
                    }
                    // the appendrel's rows: each member's own estimate (a partitioned table has no pages of its own)
                    rows = JoinPlanner.tableRows(rte, info.glob.env) + Inheritance.leafRows(rte, children, info.glob.env);
                    return new JoinPlanner.Rel(plan, SetRefs.single(rtindex, plan.width()), java.util.Set.of(rtindex),
                            Math.max(1, rows * sel), rows * JoinPlanner.CPU_TUPLE_COST, List.of(), null, null);
                }
                if (rte.isTable()) {
                    // a ctid read above the scan (t.ctid or a whole-row reference over a join) needs it emitted
                    boolean ctid = SystemColumnRefs.ctidReferenced(info.query, rtindex, rte.columns().size());
                    RelSize.Estimate size = RelSize.of(rte.table(), info.glob.env);
                    rows = size.tuples();
                    // the target of UPDATE ... FROM / DELETE ... USING also emits its TID (the ctid junk column)
                    // so does a table whose rows FOR UPDATE/SHARE locks (its row mark's ctid junk column)
                    // (and its system columns, when the statement's WHERE or SET reads them)
                    List<Expr> tlist = rtindex == info.query.resultRelation()
                            ? SystemColumnRefs.referenced(info.query, rtindex, rte.columns().size())
                                    ? SystemColumnRefs.physicalWithSystem(rte) : ModifyJoin.targetScanList(rte)
                            : system ? SystemColumnRefs.physicalWithSystem(rte)
                            : RowLocking.marks(info.query, rtindex) || ctid ? ModifyJoin.targetScanList(rte) : null;
                    // the columns the query reads, for index-only scans; not for rows to be locked or changed
                    int[] reads = tlist == null && (info.query.rowMarks() == null || info.query.rowMarks().isEmpty())
                            ? IndexOnlyScans.columnReads(info.query, rtindex, rte.columns().size()) : null;
                    if (info.scanOrder != null && rtindex == info.orderedRel) {
                        ScanPaths.Choice choice = ScanPaths.scan(rte, qual, tlist, info.glob.env, info.glob.ctx,
                                info.scanOrder, info.scanLimit, reads, isTarget(rtindex));
                        plan = choice.plan();
                        info.scanOrderProvided = choice.ordered();
                    } else {
                        plan = ScanPaths.scan(rte, qual, tlist, info.glob.env, info.glob.ctx, null, -1, reads,
                                isTarget(rtindex)).plan();
                    }
                    double cost = size.pages() + rows * JoinPlanner.CPU_TUPLE_COST;
                    if (plan instanceof Plan.IndexScan) cost = Math.min(cost, 10 + rows * sel * 4);
                    return new JoinPlanner.Rel(plan, SetRefs.single(rtindex, plan.width()), java.util.Set.of(rtindex),
                            Math.max(1, rows * sel), cost, List.of(), rte, List.copyOf(quals));
                }
                plan = new Plan.SeqScan(rte, qual, null);
                rows = 1000;
            }
            case SUBQUERY -> {
                Plan[] sub = new Plan[1];
                // only a SELECT's columns reads are all where IndexOnlyScans counts them
                Query subquery = info.query.commandType() != Query.CommandType.SELECT ? rte.subquery()
                        : UnusedSubqueryOutputs.remove(rte.subquery(),
                                IndexOnlyScans.columnReads(info.query, rtindex, rte.columns().size()));
                List<WindowQualPushdown.RunCondition> runConditions = List.of();
                if (!quals.isEmpty() || WindowQualPushdown.applies(subquery) || !Clauses.pullableTargetList(subquery)) {
                    // set_subquery_pathlist: clauses pushed into the subquery (into each arm of a set
                    // operation) or turned into run conditions, for any subquery that was not pulled up
                    WindowQualPushdown.Result r = WindowQualPushdown.apply(subquery, rtindex, quals);
                    subquery = r.subquery();
                    runConditions = r.runConditions();
                    qual = ScanPaths.and(r.upperQuals());
                }
                PlannerInfo subInfo = new PlannerInfo(info.glob, info, subquery);
                subInfo.runConditions = runConditions;
                if (subquery != rte.subquery()) {
                    // the parser's cterefcount, counted before unread outputs lost their references
                    java.util.Map<String, Integer> refs = new java.util.HashMap<>();
                    for (Query.CommonTableExpr cte : rte.subquery().cteList())
                        refs.put(cte.name(), CteInlining.referenceCount(rte.subquery(), cte.name()));
                    subInfo.parsedCteRefs = refs;
                }
                lateral = SubLinks.collectParams(info, () -> sub[0] = Planner.planQuery(subInfo));
                // a subquery with windows is never pulled up: its scan stays, even without a filter (then
                // EXPLAIN leaves it out, as setrefs.c removes a trivial SubqueryScan). So does the scan
                // of a statement's only FROM item, whose projection EXPLAIN then shows on it unless it
                // is trivial (trivial_subqueryscan: the subquery's columns in order), and of a lone
                // subquery locking rows (its rows carry their addresses, which the scan drops). Other
                // subqueries' plans stay bare, as the level above reads their top node's kind
                boolean soleTopItem = (info.parent == null || topBelowProjections(sub[0]) instanceof Plan.LockRows)
                        && info.query.commandType() == Query.CommandType.SELECT
                        && info.query.fromList().size() == 1
                        && info.query.fromList().get(0) instanceof Query.JoinNode.RangeRef ref && ref.rtindex() == rtindex;
                // an INTERSECT/EXCEPT's scan stays too: its rows carry the flag column the scan drops
                plan = qual == null && runConditions.isEmpty() && !WindowQualPushdown.applies(subquery) && !soleTopItem
                        && !(topBelowProjections(sub[0]) instanceof Plan.SetOp) ? sub[0] : new Plan.SubqueryScan(sub[0], qual, null, rte);
                rows = sub[0] instanceof Plan.Result ? 1 : 1000;
            }
            case FUNCTION -> {
                List<Expr> fns = new ArrayList<>();
                lateral = SubLinks.collectParams(info, () -> {
                    for (Query.RangeTblFunction f : rte.functions())
                        fns.add(Planner.fold(lateralParams(SubLinks.process(f.funcexpr(), info)), info.glob.ctx));
                });
                plan = new Plan.FunctionScan(rte, List.copyOf(fns), qual);
                // PostgreSQL's default prorows for a set-returning function; one row otherwise
                rows = PlanCosts.functionRows(fns);
            }
            case VALUES -> {
                List<List<Expr>> rowsList = new ArrayList<>();
                for (List<Expr> r : rte.values()) {
                    List<Expr> out = new ArrayList<>();
                    for (Expr e : r) out.add(Planner.fold(SubLinks.process(e, info), info.glob.ctx));
                    rowsList.add(List.copyOf(out));
                }
                // the scan carries its range table entry, which EXPLAIN names ("*VALUES*_1" in a sub-select)
                plan = new Plan.SubqueryScan(new Plan.ValuesScan(List.copyOf(rowsList), rte.columns().size()), qual, null, rte);
                rows = rowsList.size();
            }
            case CTE -> {
                PlannerInfo owner = info.ancestor(rte.ctelevelsup());
                if (rte.selfReference()) {
                    PlannerInfo.WorkTable wt = owner.workTables.get(rte.cteName());
                    plan = new Plan.WorkTableScan(wt.paramId(), rte.columns().size(), wt.rows(), rte);
                    rows = wt.rows();
                } else {
                    PlannerInfo.CtePlan cte = owner.ctes.get(rte.cteName());
                    plan = new Plan.CteScan(cte.cteId(), cte.plan(), rte);
                    rows = 1000;
                }
                if (qual != null) plan = new Plan.SubqueryScan(plan, qual, null, rte);
            }
            default -> throw new IllegalStateException("cannot scan range table entry of kind " + rte.kind());
        }
        // a whole-row reference to the item tells its rows from null-extended ones by this column
        if (RowPresence.referenced(info.query, rtindex, rte.columns().size())) plan = RowPresence.emit(plan, rte);
        return new JoinPlanner.Rel(plan, SetRefs.single(rtindex, plan.width()), java.util.Set.of(rtindex),
                Math.max(1, rows * sel), rows * JoinPlanner.CPU_TUPLE_COST, lateral, null, null);
    }

    /** The node under the projections (SubqueryScans without a FROM item) the planner put over it. */
    private static Plan topBelowProjections(Plan p) {
        while (p instanceof Plan.SubqueryScan s && s.rte() == null) p = s.child();
        return p;
    }

    /** A function in FROM reads other FROM items of this level through exec parameters set by the join. */
    private Expr lateralParams(Expr e) {
        return ExprTrees.map(e, x -> x instanceof Expr.Var v && v.levelsup() == 0
                ? new Expr.ExecParam(info.paramFor(v), v.type(), v.typmod()) : null);
    }
}
