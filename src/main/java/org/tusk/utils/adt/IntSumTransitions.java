package org.tusk.utils.adt;

/**
 * The transition functions of sum(int2) and sum(int4) (int.c's int2_sum and int4_sum): the
 * running sum is an int8 that starts NULL; the functions are not strict, so a NULL state takes
 * the first input and a NULL input leaves the state alone. As in PostgreSQL there is no
 * overflow check: an int8 sum of int4 inputs cannot overflow in practice.
 */
public final class IntSumTransitions {
    private IntSumTransitions() {}

    /** int4_sum / int2_sum: {@code state} (int8, may be null) plus {@code value} (int2 or int4, may be null). */
    public static Long sum(Long state, Number value) {
        if (state == null) return value == null ? null : value.longValue();
        if (value == null) return state;
        return state + value.longValue();
    }
}
