package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.OperatorHashing;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * subselect.c's second plan for a correlated EXISTS that stays a SubPlan (make_subplan with
 * simplify_EXISTS_query and convert_EXISTS_to_ANY): when the subquery's only references to the
 * query around it are hashable equalities {@code outer_expr = inner_expr} among its WHERE
 * conjuncts, {@code EXISTS (SELECT FROM f WHERE w AND o1 = i1 AND ...)} is also
 * {@code (o1, ...) = ANY (SELECT i1, ... FROM f WHERE w)}, an uncorrelated subquery whose rows
 * can be hashed once. With NULL taken as false ({@code unknownEqFalse}) the two agree for every
 * row, so which one runs is a matter of cost, decided once the plan around them is known
 * ({@link AlternativeSubPlans}).
 */
final class ExistsToAny {
    private ExistsToAny() {}

    /**
     * The hashed ANY SubPlan equivalent to the EXISTS sublink {@code s} of {@code info}'s query,
     * or null when the subquery does not have that form (or the result would not hash).
     */
    static Expr.SubPlan hashedAlternative(Expr.SubLink s, PlannerInfo info) {
        Query sub = s.subselect();
        // simplify_EXISTS_query: what would make the subquery's row count matter
        if (sub.commandType() != Query.CommandType.SELECT || sub.setOperations() != null || sub.hasGrouping()
                || !sub.windowClause().isEmpty() || sub.limitCount() != null || sub.limitOffset() != null
                || !sub.rowMarks().isEmpty() || sub.fromList().isEmpty() || !sub.cteList().isEmpty()) {
            return null;
        }
        for (Query.TargetEntry te : sub.targetList()) if (Clauses.returnsSet(te.expr())) return null;
        if (sub.where() == null || Clauses.containsVolatileFunctions(sub.where())) return null;
        // the rest of the sub-select must not read the query around it (nor any level further out,
        // whose values would make the hashed rows change during the statement)
        Query rest = new Query(sub.commandType(), sub.utilityStmt(), sub.rangeTable(), List.of(), null, List.of(),
                null, null, sub.aggregates(), sub.resultRelation(), sub.valuesLists(), sub.sourceQuery(),
                sub.returningList(), sub.fromList(), sub.groupClause(), sub.havingQual(), sub.distinctClause(),
                sub.hasDistinctOn(), sub.setOperations(), sub.cteList(), sub.windowClause(), sub.groupingSets(),
                sub.onConflict(), sub.rowMarks(), sub.mergeActionList(), sub.withCheckOptions());
        if (AnySublinks.referencesOuter(rest)) return null;

        List<Expr> leftargs = new ArrayList<>(), rightargs = new ArrayList<>(), newWhere = new ArrayList<>();
        List<PgOperator> ops = new ArrayList<>();
        for (Expr c : ScanPaths.conjuncts(sub.where())) {
            if (c instanceof Expr.OpExpr op && op.args().size() == 2
                    && OperatorHashing.hashOk(op.op(), op.args().get(0).type())) {
                Expr l = op.args().get(0), r = op.args().get(1);
                if (readsLevel(l, 1)) {
                    leftargs.add(l);
                    rightargs.add(r);
                    ops.add(op.op());
                    continue;
                }
                if (readsLevel(r, 1)) {
                    // the outer side goes on the left, as the hashed probe expects: the commutator
                    PgOperator com = commutator(op.op());
                    if (com == null || !OperatorHashing.hashOk(com, r.type())) return null;
                    leftargs.add(r);
                    rightargs.add(l);
                    ops.add(com);
                    continue;
                }
            }
            newWhere.add(c);
        }
        if (leftargs.isEmpty()) return null;
        // nothing of the outer query may stay in the subquery, and the pulled-up sides must be
        // the outer query's only, free of sub-selects
        for (Expr e : newWhere) if (readsOuterExpr(e)) return null;
        for (Expr e : rightargs) if (readsOuterExpr(e)) return null;
        for (Expr e : leftargs) {
            if (ExprTrees.any(e, x -> x instanceof Expr.Var v && v.levelsup() != 1 || x instanceof Expr.SubLink
                    || x instanceof Expr.Aggref || x instanceof Expr.SubPlan)) {
                return null;
            }
        }

        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int i = 0; i < rightargs.size(); i++) tlist.add(new Query.TargetEntry(rightargs.get(i), i + 1, "?column?", false));
        Expr where = newWhere.isEmpty() ? null
                : newWhere.size() == 1 ? newWhere.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(newWhere));
        Query anyQuery = new Query(sub.commandType(), sub.utilityStmt(), sub.rangeTable(), List.copyOf(tlist), where,
                List.of(), null, null, sub.aggregates(), sub.resultRelation(), sub.valuesLists(), sub.sourceQuery(),
                sub.returningList(), sub.fromList(), List.of(), null, List.of(), false, null, sub.cteList(),
                sub.windowClause(), sub.groupingSets(), sub.onConflict(), sub.rowMarks(), sub.mergeActionList(),
                sub.withCheckOptions());

        Plan[] plan = new Plan[1];
        List<PlannerInfo.PlanParam> params = SubLinks.collectParams(info, () ->
                plan[0] = Planner.planQuery(new PlannerInfo(info.glob, info, anyQuery)));
        if (!params.isEmpty()) return null;
        List<Integer> paramIds = new ArrayList<>();
        List<Expr> tests = new ArrayList<>();
        for (int i = 0; i < leftargs.size(); i++) {
            int id = info.newParamId();
            paramIds.add(id);
            Expr outer = SubLinks.process(VarLevels.incrementLevelsUp(leftargs.get(i), -1), info);
            Expr.ExecParam p = new Expr.ExecParam(id, rightargs.get(i).type(), rightargs.get(i).typmod());
            tests.add(new Expr.OpExpr(ops.get(i), List.of(outer, p), TypeOids.BOOL, -1));
        }
        Expr testexpr = Planner.fold(tests.size() == 1 ? tests.get(0)
                : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(tests)), info.glob.ctx);
        Expr.SubPlan hashed = new Expr.SubPlan(Expr.SubLinkType.ANY, plan[0], testexpr, List.copyOf(paramIds), List.of(),
                List.of(), false, TypeOids.BOOL, -1, 0, true);
        // the hashed form as make_subplan builds it, or no alternative (and no plan number taken)
        if (!org.tusk.executor.SubPlanEvaluator.useHashTable(hashed)) return null;
        return new Expr.SubPlan(Expr.SubLinkType.ANY, plan[0], testexpr, List.copyOf(paramIds), List.of(),
                List.of(), false, TypeOids.BOOL, -1, info.glob.nextPlanId++, true);
    }

    /** commutator of a built-in operator: the same name with the argument types swapped. */
    private static PgOperator commutator(PgOperator op) {
        if (op.funcOid() != 0) return null;
        if (op.left() == op.right()) return op;
        for (PgOperator c : BuiltinCatalog.operators(op.name()))
            if (c.left() == op.right() && c.right() == op.left()) return c;
        return null;
    }

    /** Whether {@code e} (an expression of the subquery) reads a Var of exactly {@code level} levels up. */
    private static boolean readsLevel(Expr e, int level) {
        boolean[] found = {false};
        VarLevels.map(e, 0, (v, depth) -> {
            if (v.levelsup() == depth + level) found[0] = true;
            return null;
        });
        return found[0];
    }

    /** Whether {@code e} (an expression of the subquery) reads anything outside the subquery. */
    private static boolean readsOuterExpr(Expr e) {
        boolean[] found = {false};
        VarLevels.map(e, 0, (v, depth) -> {
            if (v.levelsup() > depth) found[0] = true;
            return null;
        });
        return found[0] || ExprTrees.any(e, x -> x instanceof Expr.Aggref a && a.levelsup() > 0);
    }
}
