package org.tusk.executor;

import java.util.Map;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.PgProc;
import org.tusk.utils.adt.TrigFuncs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Calls a trigger function (trigger.c ExecCallTriggerFunc): built-in trigger functions
 * (utils/adt/trigfuncs.c) directly, a function of a procedural language through the handler the
 * session's language handlers give for it ({@link SqlFunctionRunner#triggerHandler}, as a PL's
 * call handler is found through pg_language). Counts MyTriggerDepth, the nesting depth
 * pg_trigger_depth() reports, in the session's {@link Depth}, which every statement's
 * environment carries: a trigger's own statements fire triggers in turn, one level deeper.
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

    /**
     * MyTriggerDepth of one session: how many trigger functions are running. The session keeps
     * one, which its statements' {@link ExecEnvironment#triggerDepth} hands out; the finally of
     * {@link #call} takes a level off again, also when the function fails.
     */
    public static final class Depth {
        private int depth;
    }

    /** pg_trigger_depth(): how many trigger functions of the calling session are running (0 outside any). */
    public static int depth(org.tusk.catalog.FunctionCallContext c) {
        Depth d = c instanceof ExecContext e && e.env() != null ? e.env().triggerDepth() : null;
        return d == null ? 0 : d.depth;
    }

    /** ExecCallTriggerFunc: runs the function, one trigger level deeper. */
    static Object[] call(int fnOid, TriggerData td, ExecContext ctx) {
        TriggerFunctionHandler h = handlerFor(fnOid, ctx);
        Depth d = ctx.env() == null ? null : ctx.env().triggerDepth();
        if (d != null) d.depth++;
        try {
            return h.callTrigger(fnOid, td, ctx);
        } finally {
            if (d != null) d.depth--;
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
        SqlFunctionRunner languages = ctx.sqlFunctionRunner();
        TriggerFunctionHandler h = languages == null ? null : languages.triggerHandler(lang);
        if (h == null) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions of language with OID " + lang
                    + " cannot be called");
        }
        return h;
    }
}
