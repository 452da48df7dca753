package org.tusk.catalog;

import java.util.Arrays;

/**
 * How a user-defined aggregate runs (nodeAgg.c advance_transition_function and
 * finalize_aggregate): its transition and final functions are called through their pg_proc
 * entries, built-in or LANGUAGE sql, with the executor's context.
 *
 * <p>Strictness follows nodeAgg.c. With a strict transition function, a row with any NULL input
 * is skipped; if the initial value is NULL the first row's first input becomes the state
 * (noTransValue, represented here by {@link #NO_VALUE}, never seen outside this class); a state
 * that the function turned NULL stays NULL. A non-strict transition function is called for every
 * row. A strict final function yields NULL for a NULL state (or, with FINALFUNC_EXTRA, always
 * NULL, since the extra arguments are NULL). This implementation therefore reports itself as
 * non-strict, so the executor hands it every row.
 *
 * @param transFn    the transition function, bound to concrete types
 * @param finalFn    the final function, or null (the state is the result)
 * @param initValue  the initial state converted from agginitval, or null
 * @param nargs      the number of aggregated arguments (0 for agg(*))
 * @param finalExtra FINALFUNC_EXTRA: the final function also receives one NULL per argument
 */
public record UserAggregateImpl(PgProc transFn, PgProc finalFn, Object initValue, int nargs, boolean finalExtra)
        implements PgAggregate.Impl {
    /** noTransValue: a strict transition function with a NULL initial value has not seen a row yet. */
    private static final Object NO_VALUE = new Object() {
        @Override public String toString() { return "noTransValue"; }
    };

    @Override
    public Object init() {
        return initValue == null && transFn.strict() ? NO_VALUE : initValue;
    }

    /**
     * The transition function and the initial value (agginitval as converted, compared by
     * value); CREATE AGGREGATE's final functions here are read-only (FINALFUNC_MODIFY defaults
     * to READ_ONLY), so any two aggregates that agree on these may share their state.
     */
    @Override
    public Object sharedTransitionKey() {
        return java.util.Arrays.asList(transFn.oid(), new InitValue(initValue), nargs);
    }

    /** An initial value compared by content (an array state's initcond is a Java array). */
    private record InitValue(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof InitValue v && java.util.Objects.deepEquals(value, v.value);
        }

        @Override
        public int hashCode() {
            return value instanceof Object[] a ? java.util.Arrays.deepHashCode(a) : java.util.Objects.hashCode(value);
        }
    }

    @Override
    public boolean strict() {
        return false;
    }

    @Override
    public Object transition(FunctionCallContext ctx, Object state, Object value) {
        Object[] inputs = nargs == 0 ? new Object[0] : nargs == 1 ? new Object[] {value} : (Object[]) value;
        if (transFn.strict()) {
            for (Object in : inputs) if (in == null) return state;
            if (state == NO_VALUE) return inputs.length == 0 ? null : inputs[0];
            if (state == null) return null;
        }
        Object[] args = new Object[inputs.length + 1];
        args[0] = state == NO_VALUE ? null : state;
        System.arraycopy(inputs, 0, args, 1, inputs.length);
        return transFn.impl().invoke(ctx, args);
    }

    @Override
    public Object finish(FunctionCallContext ctx, Object state) {
        if (state == NO_VALUE) state = null;
        if (finalFn == null) return state;
        Object[] args = new Object[finalExtra ? nargs + 1 : 1];
        args[0] = state;
        if (finalFn.strict() && Arrays.asList(args).contains(null)) return null;
        return finalFn.impl().invoke(ctx, args);
    }

    @Override
    public Object transition(Object state, Object value) {
        throw new IllegalStateException("a user-defined aggregate runs only with its executor context");
    }

    @Override
    public Object finish(Object state) {
        throw new IllegalStateException("a user-defined aggregate runs only with its executor context");
    }
}
