package org.tusk.rewrite;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Catalog;
import org.tusk.catalog.TriggerInfo;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;
import org.tusk.utils.cache.Relation;

/**
 * A view with INSTEAD OF row triggers as the target of INSERT, UPDATE or DELETE
 * (rewriteHandler.c's view_has_instead_trigger and ApplyRetrieveRule's result-relation case).
 *
 * <p>Such a view is not rewritten onto a base relation: it stays the statement's result
 * relation and the executor hands each row to its triggers. INSERT needs nothing more, its rows
 * come from its VALUES or SELECT. UPDATE and DELETE need the view's rows as their source, so a
 * copy of the view's entry is appended as the <em>last</em> range table entry and expanded into
 * the view's query (without a SELECT check of its own: PostgreSQL clears the copy's
 * requiredPerms, the target's privileges having been checked already), and every reference of
 * the statement to the view's row, in the join tree, WHERE, the SET list and at any level of
 * their sublinks, is moved to that entry; RETURNING keeps reading the result relation, which
 * there stands for the row the trigger returned. The planner reads the last entry as the
 * source of the view's rows (see {@code optimizer/package-info.java}).
 */
final class ViewInsteadTriggers {
    private ViewInsteadTriggers() {}

    /** view_has_instead_trigger: whether {@code view} has an INSTEAD OF row trigger for {@code cmd}, enabled or not. */
    static boolean has(Relation view, Query.CommandType cmd, Catalog catalog) {
        int bit = switch (cmd) {
            case INSERT -> TriggerInfo.TRIGGER_TYPE_INSERT;
            case UPDATE -> TriggerInfo.TRIGGER_TYPE_UPDATE;
            case DELETE -> TriggerInfo.TRIGGER_TYPE_DELETE;
            default -> 0;
        };
        if (bit == 0) return false;
        for (TriggerInfo t : catalog.triggersOf(view)) if (t.instead() && t.forRow() && t.forEvent(bit)) return true;
        return false;
    }

    /**
     * ApplyRetrieveRule for a view that is the result relation of UPDATE or DELETE: {@code q}
     * with the view's rows as its source, as described above; {@code q} itself otherwise.
     */
    static Query withViewSource(Query q, RewriteHandler handler) {
        Query.RangeTblEntry target = q.resultRte();
        if (target == null || target.table() == null || target.table().relkind() != 'v'
                || (q.commandType() != Query.CommandType.UPDATE && q.commandType() != Query.CommandType.DELETE)) {
            return q;
        }
        int r = q.resultRelation();
        List<Query.RangeTblEntry> rt = new ArrayList<>(q.rangeTable());
        rt.add(handler.expandViewSource(target));
        int k = rt.size();
        VarTreeMutator.VarMapper toSource = (v, depth) -> v.levelsup() == depth && v.varno() == r
                ? new Expr.Var(k, v.attno(), v.type(), v.typmod(), v.name(), v.location(), v.levelsup()) : null;
        Query moved = VarTreeMutator.mapQuery(q, 0, toSource);
        List<Query.JoinNode> from = new ArrayList<>();
        for (Query.JoinNode j : moved.fromList()) from.add(redirect(j, r, k));
        return new Query(moved.commandType(), moved.utilityStmt(), List.copyOf(rt), moved.targetList(), moved.where(),
                moved.sortClause(), moved.limitCount(), moved.limitOffset(), moved.aggregates(), r, moved.valuesLists(),
                moved.sourceQuery(), q.returningList(), List.copyOf(from), moved.groupClause(), moved.havingQual(),
                moved.distinctClause(), moved.hasDistinctOn(), moved.setOperations(), moved.cteList(), moved.windowClause(),
                moved.groupingSets(), moved.onConflict(), moved.rowMarks(), moved.mergeActionList(), moved.withCheckOptions());
    }

    /** The join tree with its reference to entry {@code from} made a reference to entry {@code to}. */
    private static Query.JoinNode redirect(Query.JoinNode n, int from, int to) {
        return switch (n) {
            case Query.JoinNode.RangeRef ref -> ref.rtindex() == from ? new Query.JoinNode.RangeRef(to) : ref;
            case Query.JoinNode.Join j -> new Query.JoinNode.Join(j.type(), redirect(j.left(), from, to),
                    redirect(j.right(), from, to), j.quals(), j.rtindex(), j.usingNames());
        };
    }
}
