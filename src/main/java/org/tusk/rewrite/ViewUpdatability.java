package org.tusk.rewrite;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * view_query_is_auto_updatable and view_col_is_auto_updatable (rewriteHandler.c): whether, and
 * why not, a view's query can be updated through automatically, in PostgreSQL's words, checked
 * in PostgreSQL's order. A simple view selects from exactly one table or view (its "base
 * relation") without DISTINCT, grouping, set operations, WITH, LIMIT/OFFSET, aggregates, window
 * functions or set-returning functions in its select list; a column of it is updatable when it
 * is a plain user column of the base relation.
 */
public final class ViewUpdatability {
    private ViewUpdatability() {}

    /** The reason {@code viewQuery} is not automatically updatable, or null if it is (columns not checked). */
    public static String notAutoUpdatableReason(Query viewQuery) {
        return notAutoUpdatableReason(viewQuery, false);
    }

    /**
     * view_query_is_auto_updatable: with {@code checkCols}, a view none of whose columns is
     * updatable is refused as well (INSERT and UPDATE need one).
     */
    public static String notAutoUpdatableReason(Query viewQuery, boolean checkCols) {
        if (!viewQuery.distinctClause().isEmpty()) return "Views containing DISTINCT are not automatically updatable.";
        if (!viewQuery.groupClause().isEmpty() || !viewQuery.groupingSets().isEmpty()) {
            return "Views containing GROUP BY are not automatically updatable.";
        }
        if (viewQuery.havingQual() != null) return "Views containing HAVING are not automatically updatable.";
        if (viewQuery.setOperations() != null) {
            return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
        }
        if (!viewQuery.cteList().isEmpty()) return "Views containing WITH are not automatically updatable.";
        if (viewQuery.limitCount() != null || viewQuery.limitOffset() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        if (viewQuery.hasAggs()) return "Views that return aggregate functions are not automatically updatable.";
        if (!viewQuery.windowClause().isEmpty()) return "Views that return window functions are not automatically updatable.";
        for (Query.TargetEntry te : viewQuery.targetList()) {
            if (returnsSet(te.expr())) return "Views that return set-returning functions are not automatically updatable.";
        }
        String single = "Views that do not select from a single table or view are not automatically updatable.";
        int base = baseRelationIndex(viewQuery);
        if (base == 0) return single;
        if (checkCols) {
            boolean found = false;
            for (Query.TargetEntry te : viewQuery.targetList()) {
                if (columnNotUpdatableReason(te, base) == null) {
                    found = true;
                    break;
                }
            }
            if (!found) return "Views that have no updatable columns are not automatically updatable.";
        }
        return null;
    }

    /**
     * The range table index of the view's base relation (a table, partitioned table or view that
     * is the only item of its FROM), or 0 if it has none.
     */
    static int baseRelationIndex(Query viewQuery) {
        if (viewQuery.fromList().size() != 1 || !(viewQuery.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) {
            return 0;
        }
        Query.RangeTblEntry base = viewQuery.rangeTable().get(ref.rtindex() - 1);
        if (base.kind() != Query.RteKind.RELATION || base.table() == null) return 0;
        char k = base.table().relkind();
        return k == 'r' || k == 'v' || k == 'p' ? ref.rtindex() : 0;
    }

    /** view_col_is_auto_updatable: why the view column of {@code te} cannot be assigned, or null. */
    static String columnNotUpdatableReason(Query.TargetEntry te, int baseIndex) {
        if (te.resjunk()) return "Junk view columns are not updatable.";
        if (!(te.expr() instanceof Expr.Var v) || v.varno() != baseIndex || v.levelsup() != 0) {
            return "View columns that are not columns of their base relation are not updatable.";
        }
        if (v.attno() < 0) return "View columns that refer to system columns are not updatable.";
        if (v.attno() == 0) return "View columns that return whole-row references are not updatable.";
        return null;
    }

    private static boolean returnsSet(Expr e) {
        return ExprTrees.any(e, x -> x instanceof Expr.FuncExpr f && f.proc() != null && f.proc().retset());
    }
}
