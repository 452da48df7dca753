package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The plan of MERGE (PostgreSQL 15: ModifyTable with CMD_MERGE over the join that
 * transform_MERGE_to_join made): the join of source and target is planned as for UPDATE ...
 * FROM ({@link ModifyJoin}), so each of its tuples is the target's scan tuple (columns, then
 * TID; all NULL when a source row matched nothing) followed by the source columns that the join
 * condition, the WHEN conditions or the actions read. Every action's condition and new row are
 * rewritten onto that layout, and so is the join condition, which ModifyTable re-checks on the
 * newest version of a concurrently updated target row (EvalPlanQual).
 */
final class MergePlanning {
    private MergePlanning() {}

    static Plan plan(PlannerInfo info) {
        Query q = info.query;
        Query.RangeTblEntry target = q.resultRte();
        if (target.inh() && (Inheritance.isPartitioned(target)
                || !Inheritance.descendants(target.table().oid(), info.glob.env).isEmpty()))
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "MERGE into a table with partitions or inheritance children is not supported yet");
        Query.JoinNode.Join join = (Query.JoinNode.Join) q.fromList().get(0);
        ModifyJoin layout = new ModifyJoin(q, q.where());
        Expr on = prepare(join.quals(), info);
        layout.collect(on);
        List<Expr[]> prepared = new ArrayList<>();
        for (Query.MergeAction a : q.mergeActionList()) {
            Expr qual = prepare(a.qual(), info);
            layout.collect(qual);
            List<Expr> row = new ArrayList<>();
            for (Query.TargetEntry te : a.targetList()) {
                Expr e = prepare(te.expr(), info);
                layout.collect(e);
                row.add(e);
            }
            Expr[] both = new Expr[row.size() + 1];
            both[0] = qual;
            for (int i = 0; i < row.size(); i++) both[i + 1] = row.get(i);
            prepared.add(both);
        }
        Plan source = layout.plan(info);
        List<Plan.MergeActionPlan> actions = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Query.MergeAction a = q.mergeActionList().get(i);
            Expr[] both = prepared.get(i);
            List<Expr> row = new ArrayList<>();
            for (int j = 1; j < both.length; j++) row.add(layout.fix(both[j]));
            actions.add(new Plan.MergeActionPlan(a.matched(), a.commandType(), layout.fix(both[0]),
                    a.commandType() == Query.CommandType.INSERT || a.commandType() == Query.CommandType.UPDATE
                            ? List.copyOf(row) : null,
                    a.override()));
        }
        return new Plan.ModifyTable(Query.CommandType.MERGE, target, source, null, layout.fix(on), List.of(), null, null,
                List.copyOf(actions));
    }

    /**
     * SubLinks made SubPlans, then constant folding, as for the other statements' expressions.
     * The target's tableoid is its own OID (the target has no children here); the join carries
     * no other system column of the target but ctid.
     */
    private static Expr prepare(Expr e, PlannerInfo info) {
        if (e == null) return null;
        Query q = info.query;
        int natts = q.resultRte().columns().size();
        Expr resolved = org.tusk.nodes.ExprTrees.map(e, x -> {
            if (x instanceof Expr.Var v && v.levelsup() == 0 && v.varno() == q.resultRelation() && v.attno() > natts + 1) {
                if (v.attno() == natts + 6)
                    return new Expr.Const(org.tusk.catalog.TypeOids.OID, -1, (long) q.resultRte().table().oid(), v.location());
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "system column \"" + v.name() + "\" of the MERGE target is not supported yet");
            }
            return null;
        });
        return Planner.fold(SubLinks.process(resolved, info), info.glob.ctx);
    }
}
