package org.tusk.nodes;

import java.util.ArrayList;
import java.util.List;

/**
 * The expressions a Query holds at its own level (not those of its range table's subqueries,
 * functions or VALUES lists, which callers visit as they need): target list, RETURNING, WHERE,
 * HAVING, LIMIT/OFFSET, aggregate calls, VALUES rows and the join quals of the FROM tree. Entries
 * may be null (no WHERE, no LIMIT). Walks that look for column references (who reads which column
 * of which relation) start here.
 */
public final class QueryExpressions {
    private QueryExpressions() {}

    public static List<Expr> of(Query q) {
        List<Expr> l = new ArrayList<>();
        for (Query.TargetEntry te : q.targetList()) l.add(te.expr());
        if (q.returningList() != null) for (Query.TargetEntry te : q.returningList()) l.add(te.expr());
        l.add(q.where());
        l.add(q.havingQual());
        l.add(q.limitCount());
        l.add(q.limitOffset());
        if (q.aggregates() != null) l.addAll(q.aggregates());
        if (q.valuesLists() != null) for (List<Expr> row : q.valuesLists()) l.addAll(row);
        for (Query.JoinNode j : q.fromList()) joinQuals(j, l);
        return l;
    }

    private static void joinQuals(Query.JoinNode j, List<Expr> out) {
        if (j instanceof Query.JoinNode.Join join) {
            out.add(join.quals());
            joinQuals(join.left(), out);
            joinQuals(join.right(), out);
        }
    }
}
