package org.tusk.catalog;

import java.util.List;

/**
 * A built-in aggregate (pg_aggregate row). {@code argType == 0} means the argument-less
 * form count(*); {@code argTypes} lists all argument types (one for most aggregates, two for
 * string_agg). Transition is strict in the first argument: rows where it is NULL are skipped
 * (except for count(*)), and a state that is still null at the end yields NULL (count's initial
 * state is 0, not null). A two-argument aggregate receives its arguments as an Object[].
 *
 * <p>{@code variadicType} is pg_proc.provariadic: for an aggregate declared with a VARIADIC array
 * parameter (always its last) the array's element type, else 0.
 */
public record PgAggregate(String name, List<Integer> argTypes, int resultType, Impl impl, int variadicType, int oid) {
    /**
     * A built-in aggregate, or a user's whose pg_proc OID is not needed ({@code oid}: a user
     * aggregate's pg_proc row, which ruleutils and stored-text binding name it by; 0 otherwise).
     */
    public PgAggregate(String name, List<Integer> argTypes, int resultType, Impl impl, int variadicType) {
        this(name, argTypes, resultType, impl, variadicType, 0);
    }

    /** An aggregate without a VARIADIC parameter. */
    public PgAggregate(String name, List<Integer> argTypes, int resultType, Impl impl) {
        this(name, argTypes, resultType, impl, 0);
    }

    public interface Impl {
        /** Initial state (may be null, meaning "no input yet"). */
        Object init();

        Object transition(Object state, Object value);

        Object finish(Object state);

        /**
         * The transition as the executor calls it: with the calling context, which an aggregate
         * whose support functions are SQL functions needs to run them. Built-ins ignore it.
         */
        default Object transition(FunctionCallContext ctx, Object state, Object value) {
            return transition(state, value);
        }

        /** The final function as the executor calls it (see {@link #transition(FunctionCallContext, Object, Object)}). */
        default Object finish(FunctionCallContext ctx, Object state) {
            return finish(state);
        }

        /**
         * What decides whether two aggregates over the same inputs can share one transition state
         * (prepagg.c's find_compatible_trans: the same transition function and initial value, and
         * a final function that does not modify the state), as a value compared with equals; null
         * when the state is never shared.
         */
        default Object sharedTransitionKey() { return null; }

        /** Whether rows whose (first) argument is NULL are skipped; array_agg and the like keep them. */
        default boolean strict() { return true; }

        /**
         * aggsortop, as the B-tree strategy of the argument type's default operator class: 1
         * ({@code <}) for an aggregate that returns its smallest input (min, bool_and), 5
         * ({@code >}) for one returning its largest (max, bool_or), 0 for any other. The planner
         * answers such an aggregate from the first row of an ordered scan (planagg.c).
         */
        default int sortStrategy() { return 0; }
    }

    public PgAggregate(String name, int argType, int resultType, Impl impl) {
        this(name, argType == 0 ? List.of() : List.of(argType), resultType, impl);
    }

    /** The (first) argument type, 0 for count(*). */
    public int argType() { return argTypes.isEmpty() ? 0 : argTypes.get(0); }
}
