package org.tusk.executor;

import org.tusk.nodes.Plan;
import org.tusk.nodes.Query;
import org.tusk.utils.cache.Relation;

/**
 * The statement-level triggers of a partitioned table that an UPDATE or DELETE names (in
 * PostgreSQL, those of the root ResultRelInfo, fired by ExecBSUpdateTriggers and friends from
 * fireBSTriggers/fireASTriggers of the one ModifyTable node). Tusk plans such a statement as an
 * Append of one ModifyTable per leaf, none of which is the root, so the Append fires them: BEFORE
 * STATEMENT before the first leaf is changed and AFTER STATEMENT once the last one is done.
 *
 * <p>Their transition tables are filled by the leaves: while the statement runs, the root's
 * triggers are the context's transition capture for the root, to which each leaf's ModifyTable
 * adds its changed rows converted to the root's layout (TransitionCaptureState with its
 * child-to-root maps).
 */
final class RootStatementTriggers {
    private final RelationTriggers triggers;
    private final int operation;
    private final int rootOid;
    private final ExecContext ctx;

    private RootStatementTriggers(RelationTriggers triggers, int operation, int rootOid, ExecContext ctx) {
        this.triggers = triggers;
        this.operation = operation;
        this.rootOid = rootOid;
        this.ctx = ctx;
    }

    /**
     * The root's statement triggers, their BEFORE ones fired now, if {@code append} is an UPDATE or
     * DELETE of a partitioned table's leaves and the table has triggers; null otherwise.
     */
    static RootStatementTriggers begin(Plan.Append append, ExecContext ctx) {
        if (append.children().isEmpty() || !(append.children().get(0) instanceof Plan.ModifyTable first)) return null;
        Relation root = first.rootRelation();
        if (root == null || first.operation() == Query.CommandType.INSERT) return null;
        RelationTriggers t = RelationTriggers.open(root, ctx);
        if (t == null) return null;
        int op = first.operation() == Query.CommandType.UPDATE ? TriggerData.TRIGGER_EVENT_UPDATE : TriggerData.TRIGGER_EVENT_DELETE;
        t.beforeStatement(op);
        if (t.capturesTransitions()) ctx.setTransitionCapture(root.oid(), t);
        return new RootStatementTriggers(t, op, root.oid(), ctx);
    }

    /** ExecAS*Triggers and AfterTriggerEndQuery for the root. */
    void end() {
        ctx.setTransitionCapture(rootOid, null);
        triggers.afterStatement(operation);
        triggers.endOfStatement();
    }
}
