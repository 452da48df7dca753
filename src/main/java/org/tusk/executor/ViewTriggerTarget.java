package org.tusk.executor;

import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * A view as the result relation of INSERT, UPDATE or DELETE: the view has INSTEAD OF row
 * triggers for the command, so the rewriter left it as the target (rewriteHandler.c's
 * view_has_instead_trigger) and each row is handed to them instead of being stored
 * (nodeModifyTable.c: ExecInsert's, ExecUpdate's and ExecDelete's trig_*_instead_row branches,
 * trigger.c's ExecIRInsertTriggers, ExecIRUpdateTriggers, ExecIRDeleteTriggers).
 *
 * <p>Nothing is written to the view, so there are no indexes, constraints or AFTER ROW events
 * (views cannot have those triggers). The row a trigger returns is what RETURNING reads for
 * INSERT and UPDATE (the NEW row as the trigger left it); DELETE's RETURNING reads the OLD row.
 * A trigger returning NULL means the row was not changed: it is not counted and not returned.
 */
final class ViewTriggerTarget {
    private final RelationTriggers triggers;

    private ViewTriggerTarget(RelationTriggers triggers) {
        this.triggers = triggers;
    }

    /**
     * CheckValidResultRel for RELKIND_VIEW: the view must have an INSTEAD OF row trigger for
     * {@code operation} (a TriggerData operation), else 55000 with PostgreSQL's HINT.
     */
    static ViewTriggerTarget open(Relation view, RelationTriggers triggers, int operation) {
        if (triggers == null || !triggers.definesInsteadRow(operation)) throw notUpdatable(view, operation);
        return new ViewTriggerTarget(triggers);
    }

    private static PgException notUpdatable(Relation view, int operation) {
        String verb, doing, event;
        switch (operation) {
            case TriggerData.TRIGGER_EVENT_INSERT -> { verb = "insert into"; doing = "inserting into"; event = "INSERT"; }
            case TriggerData.TRIGGER_EVENT_UPDATE -> { verb = "update"; doing = "updating"; event = "UPDATE"; }
            default -> { verb = "delete from"; doing = "deleting from"; event = "DELETE"; }
        }
        return PgException.error(SqlState.WRONG_OBJECT_TYPE, "cannot " + verb + " view \"" + view.name() + "\"")
                .withHint("To enable " + doing + " the view, provide an INSTEAD OF " + event
                        + " trigger or an unconditional ON " + event + " DO INSTEAD rule.");
    }

    /** ExecIRInsertTriggers: the row as the triggers returned it, or null when one returned NULL. */
    Object[] insert(Object[] newRow) {
        return triggers.insteadRow(TriggerData.TRIGGER_EVENT_INSERT, null, newRow);
    }

    /** ExecIRUpdateTriggers: the new row as the triggers returned it, or null when one returned NULL. */
    Object[] update(Object[] oldRow, Object[] newRow) {
        return triggers.insteadRow(TriggerData.TRIGGER_EVENT_UPDATE, oldRow, newRow);
    }

    /** ExecIRDeleteTriggers: whether the row counts as deleted (no trigger returned NULL). */
    boolean delete(Object[] oldRow) {
        return triggers.insteadRow(TriggerData.TRIGGER_EVENT_DELETE, oldRow, null) != null;
    }
}
