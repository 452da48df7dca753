package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * subquery_planner's transfer of HAVING clauses into WHERE: a HAVING conjunct without
 * aggregates, GROUPING(), volatile functions or sub-selects filters rows as well before grouping
 * as after it, and before grouping it can use an index or restrict a scan. With a plain GROUP BY
 * it moves to WHERE; without GROUP BY (an aggregate over all rows, GROUP BY ()) a copy goes to
 * WHERE and it stays in HAVING too, since it must still decide whether the one group appears
 * even when no row is left; with grouping sets it stays in HAVING only, as the sets that do not
 * group its columns see them as NULL.
 */
final class HavingToWhere {
    private HavingToWhere() {}

    static Query transfer(Query q) {
        if (q.havingQual() == null || q.setOperations() != null) return q;
        boolean groupingSets = !q.groupClause().isEmpty() && !q.groupingSets().isEmpty();
        List<Expr> where = new ArrayList<>(ScanPaths.conjuncts(q.where()));
        List<Expr> having = new ArrayList<>();
        boolean changed = false;
        for (Expr clause : ScanPaths.conjuncts(q.havingQual())) {
            if (groupingSets || mustStayInHaving(clause)) {
                having.add(clause);
            } else if (!q.groupClause().isEmpty()) {
                where.add(clause);
                changed = true;
            } else {
                where.add(clause);
                having.add(clause);
                changed = true;
            }
        }
        if (!changed) return q;
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), ScanPaths.and(where),
                q.sortClause(), q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(), q.valuesLists(),
                q.sourceQuery(), q.returningList(), q.fromList(), q.groupClause(), ScanPaths.and(having),
                q.distinctClause(), q.hasDistinctOn(), q.setOperations(), q.cteList(), q.windowClause(),
                q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList(), q.withCheckOptions());
    }

    /** contain_agg_clause, contain_volatile_functions or contain_subplans. */
    private static boolean mustStayInHaving(Expr clause) {
        return Clauses.containsVolatileFunctions(clause) || ExprTrees.any(clause, x -> x instanceof Expr.Aggref
                || x instanceof Expr.GroupingFunc || x instanceof Expr.SubLink || x instanceof Expr.SubPlan);
    }
}
