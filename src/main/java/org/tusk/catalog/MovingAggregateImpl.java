package org.tusk.catalog;

import java.util.Arrays;

/**
 * The moving-aggregate implementation of a user aggregate (pg_aggregate's aggmtransfn,
 * aggminvtransfn, aggmfinalfn, aggmtranstype, aggminitval), which the window executor uses for
 * frames whose head moves (nodeWindowAgg.c's use_ma_code): rows entering the frame go through
 * the forward function, rows leaving it through the inverse one.
 *
 * <p>The strictness rules that depend on how many rows the state holds (the first non-NULL input
 * becoming the state, the last row never removed by the inverse function) need the executor's
 * count of aggregated rows (transValueCount), so they live in the executor; this class only
 * makes the calls.
 *
 * @param transFn    the forward transition function (msfunc), bound to concrete types
 * @param invFn      the inverse transition function (minvfunc); same strictness as transFn
 * @param finalFn    the moving final function (mfinalfunc), or null: the state is the result
 * @param initValue  aggminitval read with the moving state type, or null
 * @param nargs      the number of aggregated arguments
 * @param finalExtra MFINALFUNC_EXTRA: one NULL per argument after the state
 */
public record MovingAggregateImpl(PgProc transFn, PgProc invFn, PgProc finalFn, Object initValue, int nargs,
                                  boolean finalExtra) {

    /** Whether a row with a NULL input is left out (the forward and inverse functions agree on it). */
    public boolean strict() {
        return transFn.strict();
    }

    /** The inputs of one row as an argument list: agg(*) has none, one argument is the value itself. */
    public Object[] inputs(Object value) {
        return nargs == 0 ? new Object[0] : nargs == 1 ? new Object[] {value} : (Object[]) value;
    }

    /** Calls the forward transition function with the state and the row's inputs. */
    public Object forward(FunctionCallContext ctx, Object state, Object[] inputs) {
        return call(transFn, ctx, state, inputs);
    }

    /** Calls the inverse transition function; a NULL result means it could not remove the row. */
    public Object inverse(FunctionCallContext ctx, Object state, Object[] inputs) {
        return call(invFn, ctx, state, inputs);
    }

    /** finalize_windowaggregate with the moving final function (strict: NULL for a NULL argument). */
    public Object finish(FunctionCallContext ctx, Object state) {
        if (finalFn == null) return state;
        Object[] args = new Object[finalExtra ? nargs + 1 : 1];
        args[0] = state;
        if (finalFn.strict() && Arrays.asList(args).contains(null)) return null;
        return finalFn.impl().invoke(ctx, args);
    }

    private static Object call(PgProc fn, FunctionCallContext ctx, Object state, Object[] inputs) {
        Object[] args = new Object[inputs.length + 1];
        args[0] = state;
        System.arraycopy(inputs, 0, args, 1, inputs.length);
        return fn.impl().invoke(ctx, args);
    }
}
