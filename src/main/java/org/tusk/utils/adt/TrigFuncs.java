package org.tusk.utils.adt;

import java.util.Arrays;

import org.tusk.utils.error.PgException;

/**
 * utils/adt/trigfuncs.c: built-in trigger functions that need no procedural language.
 */
public final class TrigFuncs {
    private TrigFuncs() {}

    /** E_R_I_E_TRIGGER_PROTOCOL_VIOLATED. */
    private static final String TRIGGER_PROTOCOL_VIOLATED = "39P01";

    private static final int OPMASK = 3, UPDATE = 2, ROW = 4, BEFORE = 8, INSTEAD = 0x10;

    /**
     * suppress_redundant_updates_trigger: as a BEFORE UPDATE ROW trigger, skips an update whose
     * new row equals the old one (PostgreSQL compares the tuples' data bytes; here the column
     * values are compared, NULL equal to NULL, which is the same for rows of one table), so
     * no new row version is written. {@code event} is tg_event.
     */
    public static Object[] suppressRedundantUpdatesTrigger(int event, Object[] oldRow, Object[] newRow) {
        if ((event & OPMASK) != UPDATE)
            throw PgException.error(TRIGGER_PROTOCOL_VIOLATED, "suppress_redundant_updates_trigger: must be fired on update");
        if ((event & (BEFORE | INSTEAD)) != BEFORE)
            throw PgException.error(TRIGGER_PROTOCOL_VIOLATED, "suppress_redundant_updates_trigger: must be fired before update");
        if ((event & ROW) == 0)
            throw PgException.error(TRIGGER_PROTOCOL_VIOLATED, "suppress_redundant_updates_trigger: must be fired for each row");
        return Arrays.deepEquals(oldRow, newRow) ? null : newRow;
    }

    /** What a direct call of a trigger function reports (CALLED_AS_TRIGGER fails). */
    /** ri_CheckTrigger's refusal of an RI_FKey_* function called other than as a trigger. */
    public static PgException notCalledByTriggerManager(String name) {
        return PgException.error(TRIGGER_PROTOCOL_VIOLATED, "function \"" + name + "\" was not called by trigger manager");
    }

    public static PgException notCalledAsTrigger(String name) {
        return PgException.error(TRIGGER_PROTOCOL_VIOLATED, name + ": must be called as trigger");
    }
}
