package org.tusk.rewrite;

import org.tusk.nodes.Query;

/**
 * view_query_is_auto_updatable (rewriteHandler.c): why a view's query cannot be updated through
 * automatically, in PostgreSQL's words, checked in PostgreSQL's order.
 */
public final class ViewUpdatability {
    private ViewUpdatability() {}

    /** The DETAIL for a view PostgreSQL would update automatically, which Tusk cannot yet. */
    static final String NOT_YET = "Automatically updatable views are not supported by Tusk yet.";

    /** The reason {@code viewQuery} is not automatically updatable, or null if PostgreSQL would update through it. */
    public static String notAutoUpdatableReason(Query viewQuery) {
        if (!viewQuery.distinctClause().isEmpty()) return "Views containing DISTINCT are not automatically updatable.";
        if (!viewQuery.groupClause().isEmpty()) return "Views containing GROUP BY are not automatically updatable.";
        if (viewQuery.havingQual() != null) return "Views containing HAVING are not automatically updatable.";
        if (viewQuery.setOperations() != null) {
            return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
        }
        if (!viewQuery.cteList().isEmpty()) return "Views containing WITH are not automatically updatable.";
        if (viewQuery.limitCount() != null || viewQuery.limitOffset() != null) {
            return "Views containing LIMIT or OFFSET are not automatically updatable.";
        }
        if (viewQuery.hasAggs()) return "Views that return aggregate functions are not automatically updatable.";
        String single = "Views that do not select from a single table or view are not automatically updatable.";
        if (viewQuery.fromList().size() != 1 || !(viewQuery.fromList().get(0) instanceof Query.JoinNode.RangeRef ref)) {
            return single;
        }
        Query.RangeTblEntry base = viewQuery.rangeTable().get(ref.rtindex() - 1);
        if (base.kind() != Query.RteKind.RELATION || base.table() == null
                || (base.table().relkind() != 'r' && base.table().relkind() != 'v')) {
            return single;
        }
        return null;
    }
}
