package org.tusk.catalog;

/**
 * A user aggregate that also has a moving-aggregate implementation (MSFUNC/MINVFUNC): it runs as
 * its plain implementation everywhere except in window frames whose head moves, where the window
 * executor asks for {@link #moving()}.
 */
public record MovingUserAggregate(UserAggregateImpl plain, MovingAggregateImpl moving) implements PgAggregate.Impl {
    @Override public Object init() { return plain.init(); }
    @Override public boolean strict() { return plain.strict(); }
    @Override public Object transition(FunctionCallContext ctx, Object state, Object value) {
        return plain.transition(ctx, state, value);
    }
    @Override public Object finish(FunctionCallContext ctx, Object state) { return plain.finish(ctx, state); }
    @Override public Object transition(Object state, Object value) { return plain.transition(state, value); }
    @Override public Object finish(Object state) { return plain.finish(state); }
}
