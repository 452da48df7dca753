package org.tusk.executor;

import java.util.List;

import org.tusk.catalog.TriggerInfo;
import org.tusk.utils.cache.Relation;

/**
 * What a trigger function is called with (PostgreSQL's TriggerData, commands/trigger.h), passed
 * to the function's language handler ({@link TriggerFunctionHandler}) as fmgr passes it in
 * fcinfo->context.
 *
 * @param event     tg_event: the operation ({@link #TRIGGER_EVENT_INSERT} ...) or'ed with
 *                  {@link #TRIGGER_EVENT_ROW} and {@link #TRIGGER_EVENT_BEFORE} / {@link #TRIGGER_EVENT_INSTEAD}
 * @param relation  tg_relation: the table the trigger is on
 * @param trigger   tg_trigger: the pg_trigger row (name, arguments, ...)
 * @param trigTuple tg_trigtuple: the row inserted (INSERT), the old row (UPDATE, DELETE), for
 *                  row-level triggers; null for statement-level ones
 * @param newTuple  tg_newtuple: the new row of an UPDATE's row-level trigger, else null
 * @param oldTable  tg_oldtable: the transition table named by REFERENCING OLD TABLE (the rows
 *                  the statement deleted or the old rows it updated), or null
 * @param newTable  tg_newtable: REFERENCING NEW TABLE's rows, or null
 */
public record TriggerData(int event, Relation relation, TriggerInfo trigger, Object[] trigTuple, Object[] newTuple,
                          List<Object[]> oldTable, List<Object[]> newTable) {
    public static final int TRIGGER_EVENT_INSERT = 0, TRIGGER_EVENT_DELETE = 1, TRIGGER_EVENT_UPDATE = 2,
            TRIGGER_EVENT_TRUNCATE = 3, TRIGGER_EVENT_OPMASK = 3, TRIGGER_EVENT_ROW = 4, TRIGGER_EVENT_BEFORE = 8,
            TRIGGER_EVENT_INSTEAD = 0x10;

    public int operation() { return event & TRIGGER_EVENT_OPMASK; }
    public boolean firedForRow() { return (event & TRIGGER_EVENT_ROW) != 0; }
    public boolean firedBefore() { return (event & TRIGGER_EVENT_BEFORE) != 0; }
    public boolean firedInstead() { return (event & TRIGGER_EVENT_INSTEAD) != 0; }
    public boolean firedAfter() { return !firedBefore() && !firedInstead(); }

    /** TG_OP: "INSERT", "UPDATE", "DELETE" or "TRUNCATE". */
    public String op() {
        return switch (operation()) {
            case TRIGGER_EVENT_INSERT -> "INSERT";
            case TRIGGER_EVENT_DELETE -> "DELETE";
            case TRIGGER_EVENT_UPDATE -> "UPDATE";
            default -> "TRUNCATE";
        };
    }

    /** TG_WHEN: "BEFORE", "AFTER" or "INSTEAD OF". */
    public String when() { return firedBefore() ? "BEFORE" : firedInstead() ? "INSTEAD OF" : "AFTER"; }

    /** TG_LEVEL: "ROW" or "STATEMENT". */
    public String level() { return firedForRow() ? "ROW" : "STATEMENT"; }

    /** The pg_trigger tgtype event bit of an operation (TRIGGER_EVENT_INSERT ... ). */
    static int typeBit(int operation) {
        return switch (operation) {
            case TRIGGER_EVENT_INSERT -> TriggerInfo.TRIGGER_TYPE_INSERT;
            case TRIGGER_EVENT_DELETE -> TriggerInfo.TRIGGER_TYPE_DELETE;
            case TRIGGER_EVENT_UPDATE -> TriggerInfo.TRIGGER_TYPE_UPDATE;
            default -> TriggerInfo.TRIGGER_TYPE_TRUNCATE;
        };
    }
}
