package org.tusk.catalog;

import java.util.List;

/**
 * An aggregate declared with polymorphic types (array_agg, jsonb_agg, ...): parse analysis
 * resolves the actual input type and binds the transition implementation for it, as
 * {@link PolymorphicFunction} does for functions. The unbound implementation is never run.
 */
@FunctionalInterface
public interface PolymorphicAggregate extends PgAggregate.Impl {
    PgAggregate.Impl bind(List<Integer> argTypes, int resultType);

    default Object init() { throw unbound(); }
    default Object transition(Object state, Object value) { throw unbound(); }
    default Object finish(Object state) { throw unbound(); }

    private static IllegalStateException unbound() {
        return new IllegalStateException("polymorphic aggregate run before its types were resolved");
    }
}
