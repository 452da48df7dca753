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
 * and pg_trigger_depth() (trigger.c).
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
    }
}
