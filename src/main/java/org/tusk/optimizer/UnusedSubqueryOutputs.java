package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * remove_unused_subquery_outputs (allpaths.c): before a subquery in FROM is planned, each
 * output column the level above never reads is replaced by a NULL constant of its type, so
 * that nothing computes it. Besides saving work this is visible: a sub-select in an unread
 * column is not run, so its errors ("more than one row returned by a subquery ...") cannot
 * happen, and EXPLAIN shows {@code NULL::type} in its place.
 *
 * <p>A column is kept when something in the subquery itself depends on it (ORDER BY, GROUP BY,
 * DISTINCT ON, a window's keys: ressortgroupref), when it returns a set (it decides how many
 * rows there are) or when it calls a volatile function (its side effects must happen). Nothing
 * is removed from a set operation, a plain DISTINCT (every column is part of the key) or when
 * the level above reads the whole row.
 */
final class UnusedSubqueryOutputs {
    private UnusedSubqueryOutputs() {}

    /**
     * {@code sub} with the columns not read replaced; {@code reads} counts by attno the Vars of
     * the subquery's entry in the level above (index 0: whole-row references), as
     * {@link IndexOnlyScans#columnReads} gives them.
     */
    static Query remove(Query sub, int[] reads) {
        if (sub.commandType() != Query.CommandType.SELECT || sub.setOperations() != null) return sub;
        if (!sub.distinctClause().isEmpty() && !sub.hasDistinctOn()) return sub;
        if (reads[0] > 0 || pulledUpByPostgres(sub)) return sub;
        Set<Integer> keys = sortGroupResnos(sub);
        List<Query.TargetEntry> tl = new ArrayList<>(sub.targetList());
        boolean changed = false;
        for (int i = 0; i < tl.size(); i++) {
            Query.TargetEntry te = tl.get(i);
            int attno = te.resno();
            if (te.resjunk() || attno < reads.length && reads[attno] > 0 || keys.contains(attno)) continue;
            if (Clauses.returnsSet(te.expr()) || Clauses.containsVolatileFunctions(te.expr())) continue;
            tl.set(i, new Query.TargetEntry(new Expr.Const(te.expr().type(), te.expr().typmod(), null, -1), te.resno(),
                    te.name(), false));
            changed = true;
        }
        if (!changed) return sub;
        return new Query(sub.commandType(), sub.utilityStmt(), sub.rangeTable(), List.copyOf(tl), sub.where(),
                sub.sortClause(), sub.limitCount(), sub.limitOffset(), sub.aggregates(), sub.resultRelation(),
                sub.valuesLists(), sub.sourceQuery(), sub.returningList(), sub.fromList(), sub.groupClause(),
                sub.havingQual(), sub.distinctClause(), sub.hasDistinctOn(), sub.setOperations(), sub.cteList(),
                sub.windowClause(), sub.groupingSets(), sub.onConflict(), sub.rowMarks(), sub.mergeActionList(),
                sub.withCheckOptions());
    }

    /**
     * Whether PostgreSQL would have pulled the subquery up into its parent before this step
     * (is_simple_subquery: no aggregation, grouping, window, sort, DISTINCT, LIMIT/OFFSET,
     * set-returning target, row locks or WITH). Tusk plans such a subquery on its own and EXPLAIN
     * draws it as pulled up; its unread columns are left alone so that the plan shows the
     * columns PostgreSQL's flattened plan computes.
     */
    private static boolean pulledUpByPostgres(Query q) {
        if (q.hasGrouping() || !q.sortClause().isEmpty() || !q.distinctClause().isEmpty() || !q.windowClause().isEmpty()
                || q.limitCount() != null || q.limitOffset() != null || !q.rowMarks().isEmpty() || !q.cteList().isEmpty())
            return false;
        for (Query.TargetEntry te : q.targetList())
            if (ExprTrees.any(te.expr(), x -> x instanceof Expr.FuncExpr f && f.proc().retset())) return false;
        return true;
    }

    /** The resnos that carry a ressortgroupref: ORDER BY, GROUP BY, DISTINCT (ON) and window keys. */
    private static Set<Integer> sortGroupResnos(Query q) {
        Set<Integer> s = new HashSet<>();
        for (Query.SortClause c : q.sortClause()) s.add(c.resno());
        s.addAll(q.groupClause());
        s.addAll(q.distinctClause());
        for (Query.WindowClause w : q.windowClause()) {
            s.addAll(w.partitionClause());
            for (Query.SortClause c : w.orderClause()) s.add(c.resno());
        }
        return s;
    }
}
