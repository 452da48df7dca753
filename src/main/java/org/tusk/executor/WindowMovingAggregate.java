package org.tusk.executor;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.MovingAggregateImpl;
import org.tusk.utils.error.PgException;

/**
 * The running state of one moving aggregate in a window partition (nodeWindowAgg.c's
 * WindowStatePerAggData with an inverse transition function): the transition value and how many
 * rows it holds (transValueCount), with advance_windowaggregate's and retreat_windowaggregate's
 * strictness rules.
 *
 * <p>The count matters for a strict aggregate without an initial value: the first non-NULL input
 * becomes the state (there is nothing to call the function with), and the last row is never
 * removed through the inverse function, since the state must then go back to its initial value,
 * which may be NULL where the inverse function would leave a non-NULL one.
 */
final class WindowMovingAggregate {
    private final MovingAggregateImpl impl;
    private Object value;
    private long count;

    WindowMovingAggregate(MovingAggregateImpl impl) {
        this.impl = impl;
        initialize();
    }

    /** initialize_windowaggregate: the initial value, no rows aggregated. */
    void initialize() {
        value = impl.initValue();
        count = 0;
    }

    /** advance_windowaggregate for the inputs of a row that passed FILTER. */
    void advance(FunctionCallContext ctx, Object rowValue) {
        Object[] inputs = impl.inputs(rowValue);
        if (impl.strict()) {
            for (Object in : inputs) if (in == null) return;
            if (count == 0 && value == null) {
                // noTransValue: the first input is the state
                value = inputs.length == 0 ? null : inputs[0];
                count = 1;
                return;
            }
            if (value == null) return;   // a strict function is not called with a NULL state
        }
        value = impl.forward(ctx, value, inputs);
        count++;
    }

    /**
     * retreat_windowaggregate for the inputs of a row leaving the frame (it passed FILTER);
     * false when the inverse function returned NULL, so the caller must restart the aggregate.
     */
    boolean retreat(FunctionCallContext ctx, Object rowValue) {
        Object[] inputs = impl.inputs(rowValue);
        if (impl.strict()) {
            for (Object in : inputs) if (in == null) return true;
        }
        if (value == null) {
            throw PgException.error("XX000", "aggregate transition value is NULL before inverse transition");
        }
        if (count == 1) {
            initialize();
            return true;
        }
        Object v = impl.inverse(ctx, value, inputs);
        if (v == null) return false;
        value = v;
        count--;
        return true;
    }

    /** finalize_windowaggregate with the moving final function. */
    Object finish(FunctionCallContext ctx) {
        return impl.finish(ctx, value);
    }
}
