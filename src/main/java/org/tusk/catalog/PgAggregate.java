package org.tusk.catalog;

/**
 * A built-in aggregate (pg_aggregate row). {@code argType == 0} means the argument-less
 * form count(*). Transition is strict: NULL inputs are skipped (except for count(*)), and a
 * state that is still null at the end yields NULL (count's initial state is 0, not null).
 */
public record PgAggregate(String name, int argType, int resultType, Impl impl) {
    public interface Impl {
        /** Initial state (may be null, meaning "no input yet"). */
        Object init();

        Object transition(Object state, Object value);

        Object finish(Object state);
    }
}
