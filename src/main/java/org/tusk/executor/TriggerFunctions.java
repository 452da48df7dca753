package org.tusk.executor;

import java.util.HashMap;
import java.util.Map;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgProc;
import org.tusk.utils.adt.TrigFuncs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Calls a trigger function (trigger.c ExecCallTriggerFunc): built-in trigger functions
 * (utils/adt/trigfuncs.c) directly, a function of a procedural language through the handler that
 * language installed ({@link #installLanguageHandler}, as a PL's call handler is found through
 * pg_language). Keeps MyTriggerDepth, the nesting depth pg_trigger_depth() reports: a trigger's
 * own statements fire triggers in turn, one level deeper.
 *
 * <p>The handlers are installed once per backend process at start-up and the depth belongs to
 * the process's one session, as PostgreSQL's globals do; a depth left over by an error is reset
 * when the next top-level statement starts ({@link #resetDepth}).
 */
public final class TriggerFunctions {
    private TriggerFunctions() {}

    private static final Map<String, TriggerFunctionHandler> BUILTIN = Map.of(
            "suppress_redundant_updates_trigger", (fn, td, ctx) -> TrigFuncs.suppressRedundantUpdatesTrigger(td.event(),
                    td.trigTuple(), td.newTuple()),
            "tsvector_update_trigger", (fn, td, ctx) -> tsvectorUpdate(td, false),
            "tsvector_update_trigger_column", (fn, td, ctx) -> tsvectorUpdate(td, true));

    /** tsvector_update_trigger[_column] with the trigger's table described by its columns. */
    private static Object[] tsvectorUpdate(TriggerData td, boolean configColumn) {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<Integer> types = new java.util.ArrayList<>();
        for (int i = 0; i < td.relation().desc().natts(); i++) {
            names.add(td.relation().desc().attr(i).name());
            types.add(td.relation().atttypid(i + 1));
        }
        return org.tusk.tsearch.TsVectorUpdateTrigger.fire(
                configColumn ? "tsvector_update_trigger_column" : "tsvector_update_trigger", configColumn, td.event(),
                td.trigger().args(), new org.tusk.tsearch.TsVectorUpdateTrigger.Columns(names, types), td.trigTuple(),
                td.newTuple());
    }

    private static final Map<Integer, TriggerFunctionHandler> LANGUAGES = new HashMap<>();
    private static int depth;

    /** Makes {@code handler} run the trigger functions of language {@code languageOid} (pg_language OID). */
    public static synchronized void installLanguageHandler(int languageOid, TriggerFunctionHandler handler) {
        LANGUAGES.put(languageOid, handler);
    }

    /** pg_trigger_depth(): how many trigger functions are running (0 outside any). */
    public static int depth() { return depth; }

    /** Forgets a depth an error left behind (AfterTriggerBeginXact / the top of a statement). */
    public static void resetDepth() { depth = 0; }

    /** ExecCallTriggerFunc: runs the function, one trigger level deeper. */
    static Object[] call(int fnOid, TriggerData td, ExecContext ctx) {
        TriggerFunctionHandler h = handlerFor(fnOid, ctx);
        depth++;
        try {
            return h.callTrigger(fnOid, td, ctx);
        } finally {
            depth--;
        }
    }

    private static TriggerFunctionHandler handlerFor(int fnOid, ExecContext ctx) {
        PgProc builtin = BuiltinCatalog.functionByOid(fnOid);
        if (builtin != null) {
            TriggerFunctionHandler h = BUILTIN.get(builtin.name());
            if (h != null) return h;
            throw PgException.error(SqlState.INTERNAL_ERROR, "function " + builtin.name() + " is not a trigger function");
        }
        int lang = ctx.requireEnv().catalog().triggers().functionLanguage(fnOid);
        TriggerFunctionHandler h;
        synchronized (TriggerFunctions.class) {
            h = LANGUAGES.get(lang);
        }
        if (h == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions of language with OID " + lang
                    + " cannot be called");
        }
        return h;
    }
}
