package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * {@code x IN (SELECT ...)} (an ANY sublink) at the top of WHERE as a semi join
 * (subselect.c convert_ANY_sublink_to_join, for plain subqueries). In WHERE a row is kept
 * when the comparison is true for some row of the subquery; false and unknown both drop it,
 * so the sublink means the same as
 * <pre>  EXISTS (SELECT 1 FROM f WHERE w AND (x = e))</pre>
 * for {@code x IN (SELECT e FROM f WHERE w)}, whose correlating clause {@code x = e} is then
 * a join clause of the semi join {@link SemiJoins} builds (an equality: a hash key). The
 * rewrite applies when the subquery reads nothing of the outer levels (PostgreSQL's condition:
 * the sub-select is then planned once as the inner side), its output expressions have no
 * set-returning or volatile function, sub-select, aggregate or window function, and the test
 * reads this level's columns (the test may hold sub-selects that read only this level and call
 * nothing volatile, as PostgreSQL allows). A sub-select with grouping, DISTINCT, LIMIT, windows,
 * WITH or row locks, or with outputs that may not be copied, is instead the subquery
 * "ANY_subquery" in FROM of the EXISTS (convert_ANY_sublink_to_join's general form). Not done
 * here: a sub-select without FROM or with a set operation; NOT IN, which is not a semi join.
 */
final class AnySublinks {
    private AnySublinks() {}

    /** The EXISTS sublink equivalent to the ANY sublink {@code s} in WHERE, or null if it does not apply. */
    static Expr.SubLink asExists(Expr.SubLink s) {
        if (s.kind() != Expr.SubLinkType.ANY || s.testexpr() == null) return null;
        Query sub = s.subselect();
        // convert_ANY_sublink_to_join's conditions: the sub-select reads nothing of the outer
        // levels, the test reads this level and calls nothing volatile
        if (sub.fromList().isEmpty() || referencesOuter(sub)) return null;
        if (!plainTest(s.testexpr()) || !VarLevels.refersToLevel(s.testexpr())) return null;
        List<Expr> outputs = new ArrayList<>();
        for (Query.TargetEntry te : sub.targetList()) if (!te.resjunk()) outputs.add(te.expr());
        boolean simple = simple(sub);
        for (Expr o : outputs) simple &= plain(o);
        if (!simple) return overSubquery(s, sub);
        // the test in the subquery's frame: this level's Vars one level out, the sublink's
        // columns its output expressions (a sublink nested in the test keeps its own
        // SubLinkParams; it becomes a SubPlan of this level in the join clause, SemiJoins.join)
        Expr test = inSubqueryFrame(s.testexpr(), outputs);
        List<Expr> where = new ArrayList<>(ScanPaths.conjuncts(sub.where()));
        where.add(test);
        Expr w = where.size() == 1 ? where.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(where));
        Query exists = new Query(sub.commandType(), sub.utilityStmt(), sub.rangeTable(), sub.targetList(), w,
                sub.sortClause(), sub.limitCount(), sub.limitOffset(), sub.aggregates(), sub.resultRelation(),
                sub.valuesLists(), sub.sourceQuery(), sub.returningList(), sub.fromList(), sub.groupClause(),
                sub.havingQual(), sub.distinctClause(), sub.hasDistinctOn(), sub.setOperations(), sub.cteList(),
                sub.windowClause(), sub.groupingSets(), sub.onConflict(), sub.rowMarks(), sub.mergeActionList());
        return new Expr.SubLink(Expr.SubLinkType.EXISTS, null, exists, s.type(), s.typmod(), s.location());
    }

    /**
     * Whether the sub-select's rows are those of its FROM and WHERE, one per row it reads
     * (is_simple_subquery's part that matters here): no set operation, grouping, aggregate,
     * DISTINCT, window, LIMIT/OFFSET, WITH or row lock. Only then may its WHERE be merged with
     * the test into one EXISTS; a LIMIT in particular keeps only some rows as candidates.
     */
    private static boolean simple(Query sub) {
        return sub.setOperations() == null && !sub.hasGrouping() && sub.distinctClause().isEmpty()
                && sub.windowClause().isEmpty() && sub.limitCount() == null && sub.limitOffset() == null
                && sub.cteList().isEmpty() && sub.rowMarks().isEmpty();
    }

    /**
     * convert_ANY_sublink_to_join for a sub-select that is not simple: it becomes a subquery in
     * FROM named "ANY_subquery", and the test, over that subquery's columns, the WHERE of an
     * EXISTS over it, whose semi join SemiJoins builds with the subquery's scan as inner side.
     */
    private static Expr.SubLink overSubquery(Expr.SubLink s, Query sub) {
        List<ColumnDef> cols = new ArrayList<>();
        List<Expr> columnVars = new ArrayList<>();
        for (Query.TargetEntry te : sub.targetList()) {
            if (te.resjunk()) continue;
            cols.add(new ColumnDef(te.name(), te.expr().type(), te.expr().typmod()));
            columnVars.add(new Expr.Var(1, te.resno(), te.expr().type(), te.expr().typmod(), te.name(), -1, 0));
        }
        // the sub-select moves one level further down, below the EXISTS's query
        Query.RangeTblEntry rte = new Query.RangeTblEntry(Query.RteKind.SUBQUERY, ANY_SUBQUERY, null, null, null,
                List.copyOf(cols), null, VarLevels.incrementLevelsUp(sub, 1), null, null, null, 0, false, false);
        Expr test = inSubqueryFrame(s.testexpr(), columnVars);
        Query exists = new Query(Query.CommandType.SELECT, null, List.of(rte), List.of(), test, List.of(), null, null,
                List.of(), 0, List.of(), null, List.of(), List.of(new Query.JoinNode.RangeRef(1)), List.of(), null,
                List.of(), false, null, List.of());
        return new Expr.SubLink(Expr.SubLinkType.EXISTS, null, exists, s.type(), s.typmod(), s.location());
    }

    /** The alias PostgreSQL gives the subquery an ANY sublink is joined to (convert_ANY_sublink_to_join). */
    static final String ANY_SUBQUERY = "ANY_subquery";

    /** The sublink's test one level down, its SubLinkParams replaced by {@code columns}. */
    private static Expr inSubqueryFrame(Expr testexpr, List<Expr> columns) {
        return ExprTrees.map(VarLevels.incrementLevelsUp(testexpr, 1), x -> switch (x) {
            case Expr.SubLinkParam p -> columns.get(p.colno() - 1);
            case Expr.SubLink nested -> nested;
            default -> null;
        });
    }

    /**
     * {@code q} with each top-level WHERE conjunct {@code x IN (SELECT e)} whose sub-select has
     * no FROM and nothing else (no WHERE, grouping, sorting, LIMIT, WITH) replaced by the test
     * itself, {@code x = e}. PostgreSQL gets there in three steps: convert_ANY_sublink_to_join
     * makes a semi join with the sub-select, pull_up_simple_subquery turns that into an
     * RTE_RESULT, and remove_useless_results_recurse turns a semi join with an RTE_RESULT inner
     * side into a filter of its outer side. It must happen before this level's own FROM items
     * are pulled up, as pull_up_sublinks does: the test must read this level's columns then
     * (convert_ANY_sublink_to_join's upper_varnos), even if a pulled-up constant replaces them
     * afterwards (a test reading no column stays a SubPlan).
     */
    static Query replaceResultSublinks(Query q) {
        if (q.where() == null || q.setOperations() != null) return q;
        List<Expr> conjuncts = ScanPaths.conjuncts(q.where());
        List<Expr> out = null;
        for (int i = 0; i < conjuncts.size(); i++) {
            Expr c = conjuncts.get(i);
            Expr replaced = c instanceof Expr.SubLink s ? asFilter(s) : null;
            if (replaced == null) {
                if (out != null) out.add(c);
                continue;
            }
            if (out == null) out = new ArrayList<>(conjuncts.subList(0, i));
            out.add(replaced);
        }
        if (out == null) return q;
        Expr w = out.size() == 1 ? out.get(0) : new Expr.BoolExpr(RawExpr.BoolOp.AND, List.copyOf(out));
        return new Query(q.commandType(), q.utilityStmt(), q.rangeTable(), q.targetList(), w,
                q.sortClause(), q.limitCount(), q.limitOffset(), q.aggregates(), q.resultRelation(),
                q.valuesLists(), q.sourceQuery(), q.returningList(), q.fromList(), q.groupClause(),
                q.havingQual(), q.distinctClause(), q.hasDistinctOn(), q.setOperations(), q.cteList(),
                q.windowClause(), q.groupingSets(), q.onConflict(), q.rowMarks(), q.mergeActionList());
    }

    /** The test of the ANY sublink {@code s} over a FROM-less, WHERE-less sub-select, its outputs substituted; null if it does not apply. */
    private static Expr asFilter(Expr.SubLink s) {
        if (s.kind() != Expr.SubLinkType.ANY || s.testexpr() == null) return null;
        Query sub = s.subselect();
        if (sub.commandType() != Query.CommandType.SELECT || sub.utilityStmt() != null || !sub.fromList().isEmpty()
                || !sub.rangeTable().isEmpty() || sub.where() != null || sub.setOperations() != null
                || sub.hasGrouping() || !sub.aggregates().isEmpty() || sub.havingQual() != null
                || !sub.distinctClause().isEmpty() || !sub.sortClause().isEmpty() || sub.limitCount() != null
                || sub.limitOffset() != null || !sub.cteList().isEmpty() || !sub.windowClause().isEmpty()
                || !sub.rowMarks().isEmpty() || referencesOuter(sub)) {
            return null;
        }
        List<Expr> outputs = new ArrayList<>();
        for (Query.TargetEntry te : sub.targetList()) if (!te.resjunk()) outputs.add(te.expr());
        // is_simple_subquery: nothing volatile or set-returning in the output (the sub-select stays)
        for (Expr o : outputs) if (!plain(o)) return null;
        if (!plainTest(s.testexpr()) || !VarLevels.refersToLevel(s.testexpr())) return null;
        boolean[] nested = {false};
        Expr test = ExprTrees.map(s.testexpr(), x -> switch (x) {
            case Expr.SubLinkParam p -> outputs.get(p.colno() - 1);
            case Expr.SubLink l -> {
                nested[0] = true;
                yield l;
            }
            default -> null;
        });
        return nested[0] ? null : test;
    }

    /** Whether the subquery (at any depth) reads a Var or aggregate of the levels around it. */
    static boolean referencesOuter(Query sub) {
        boolean[] found = {false};
        VarLevels.mapQuery(sub, 0, new VarLevels.VarMapper() {
            public Expr map(Expr.Var v, int depth) {
                if (v.levelsup() > depth) found[0] = true;
                return null;
            }

            public int aggLevelsUp(Expr.Aggref a, int depth) {
                if (a.levelsup() > depth) found[0] = true;
                return a.levelsup();
            }
        });
        return found[0];
    }

    /**
     * The test of a sublink that may become a join clause (convert_ANY_sublink_to_join's
     * contain_volatile_functions check): as {@link #plain}, except that it may hold sub-selects
     * (evaluated as SubPlans of this level in the join clause) that call nothing volatile.
     */
    private static boolean plainTest(Expr e) {
        if (Clauses.containsVolatileFunctions(e)) return false;
        return !ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().retset();
            case Expr.SubPlan p -> true;
            case Expr.Aggref a -> true;
            case Expr.WindowFunc w -> true;
            default -> false;
        });
    }

    /** An expression that may be copied into a join clause: no SRF or volatile function, sub-select, aggregate, window. */
    private static boolean plain(Expr e) {
        return !ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE || f.proc().retset();
            case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.SubLink l -> true;
            case Expr.SubPlan p -> true;
            case Expr.Aggref a -> true;
            case Expr.WindowFunc w -> true;
            default -> false;
        });
    }
}
