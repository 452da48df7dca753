package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.INT4;
import static org.tusk.catalog.TypeOids.TRIGGER;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.executor.TriggerFunctions;
import org.tusk.utils.adt.TrigFuncs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The built-ins of triggers: the trigger pseudo-type (pg_type.dat, trigger_in/trigger_out
 * refuse, as pseudo-types' I/O functions do), suppress_redundant_updates_trigger() (trigfuncs.c;
 * the executor runs it as a trigger, a direct call is refused as CALLED_AS_TRIGGER refuses it)
 * pg_trigger_depth() (trigger.c) and the RI_FKey_* functions of ri_triggers.c.
 */
final class TriggerBuiltins {
    private TriggerBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(TRIGGER, "trigger", "trigger", 4, true, 'P', false, (s, z) -> {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type trigger");
        }, (v, z) -> {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot display a value of type trigger");
        }));
        r.fn("suppress_redundant_updates_trigger", List.of(), TRIGGER, Volatility.VOLATILE, true, (c, a) -> {
            throw TrigFuncs.notCalledAsTrigger("suppress_redundant_updates_trigger");
        });
        r.fn("pg_trigger_depth", List.of(), INT4, Volatility.STABLE, true, (c, a) -> TriggerFunctions.depth(c));
        // ri_triggers.c's trigger functions: Tusk's executor enforces foreign keys itself
        // (executor.RiTriggers) rather than through pg_trigger rows naming these, but they are
        // pg_proc rows as in PostgreSQL, and a direct call is refused as ri_CheckTrigger refuses it
        for (String action : new String[] {"check_ins", "check_upd", "cascade_del", "cascade_upd", "restrict_del",
                "restrict_upd", "setnull_del", "setnull_upd", "setdefault_del", "setdefault_upd", "noaction_del",
                "noaction_upd"}) {
            String name = "RI_FKey_" + action;
            r.fn(name, List.of(), TRIGGER, Volatility.VOLATILE, true, (c, a) -> {
                throw TrigFuncs.notCalledByTriggerManager(name);
            });
        }
    }
}
