package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Numerics;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The pg_proc functions behind operators and built-in aggregates that CREATE AGGREGATE names as
 * support functions (int4pl, float8mi, int8inc, int4_avg_accum, int8_avg, ...): PostgreSQL's
 * int.c, int8.c, float.c, numeric.c entries of pg_proc.dat. The arithmetic ones are the same code
 * as the operators they implement (int4pl is "+"(int4, int4)), found in the registry by operator.
 */
final class AggregateSupportBuiltins {
    private AggregateSupportBuiltins() {}

    static void register(BuiltinRegistry r) {
        for (int t : new int[] {INT2, INT4, INT8}) {
            String p = t == INT2 ? "int2" : t == INT4 ? "int4" : "int8";
            alias(r, p + "pl", "+", t);
            alias(r, p + "mi", "-", t);
            alias(r, p + "mul", "*", t);
            alias(r, p + "div", "/", t);
            alias(r, p + "eq", "=", t);
            alias(r, p + "lt", "<", t);
            alias(r, p + "gt", ">", t);
            r.fn(p + "larger", List.of(t, t), t, (c, a) -> ((Comparable<Object>) a[0]).compareTo(a[1]) >= 0 ? a[0] : a[1]);
            r.fn(p + "smaller", List.of(t, t), t, (c, a) -> ((Comparable<Object>) a[0]).compareTo(a[1]) <= 0 ? a[0] : a[1]);
        }
        for (int t : new int[] {FLOAT4, FLOAT8}) {
            String p = t == FLOAT4 ? "float4" : "float8";
            alias(r, p + "pl", "+", t);
            alias(r, p + "mi", "-", t);
            alias(r, p + "mul", "*", t);
            alias(r, p + "div", "/", t);
            r.fn(p + "larger", List.of(t, t), t, (c, a) -> ((Comparable<Object>) a[0]).compareTo(a[1]) >= 0 ? a[0] : a[1]);
            r.fn(p + "smaller", List.of(t, t), t, (c, a) -> ((Comparable<Object>) a[0]).compareTo(a[1]) <= 0 ? a[0] : a[1]);
        }
        alias(r, "numeric_add", "+", NUMERIC);
        alias(r, "numeric_sub", "-", NUMERIC);
        alias(r, "numeric_mul", "*", NUMERIC);
        alias(r, "numeric_div", "/", NUMERIC);
        alias(r, "textcat", "||", TEXT);
        // int8inc / int8inc_any: count's transition functions (int8.c), strict, with int8 overflow checked
        r.fn("int8inc", List.of(INT8), INT8, (c, a) -> inc((Long) a[0]));
        r.fn("int8inc_any", List.of(INT8, ANY), INT8, (c, a) -> inc((Long) a[0]));
        // int2/int4_avg_accum and int8_avg: avg's transition state {count, sum} as an int8[2] (numeric.c)
        r.fn("int2_avg_accum", List.of(INT8_ARRAY, INT2), INT8_ARRAY, (c, a) -> avgAccum((ArrayValue) a[0], (Short) a[1]));
        r.fn("int4_avg_accum", List.of(INT8_ARRAY, INT4), INT8_ARRAY, (c, a) -> avgAccum((ArrayValue) a[0], (Integer) a[1]));
        r.fn("int8_avg", List.of(INT8_ARRAY), NUMERIC, (c, a) -> avgFinal((ArrayValue) a[0]));
    }

    /** Registers {@code name}(t, t) as the implementation of operator {@code op}(t, t). */
    private static void alias(BuiltinRegistry r, String name, String op, int t) {
        for (PgOperator o : r.ops.getOrDefault(op, List.of())) {
            if (o.left() == t && o.right() == t) {
                r.fn(name, List.of(t, t), o.result(), o.impl());
                return;
            }
        }
        throw new IllegalStateException("no operator " + op + " for type " + t);
    }

    private static Long inc(long v) {
        if (v == Long.MAX_VALUE) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        return v + 1;
    }

    /** int4_avg_accum: a new {count + 1, sum + value} (the state is never changed in place). */
    private static ArrayValue avgAccum(ArrayValue state, long value) {
        checkAvgState(state);
        return ArrayValue.of1d(INT8, List.of((Long) state.get(0) + 1, (Long) state.get(1) + value));
    }

    /** int8_avg: sum / count as numeric, NULL when no row was counted. */
    private static Object avgFinal(ArrayValue state) {
        checkAvgState(state);
        long n = (Long) state.get(0);
        if (n == 0) return null;
        return Numerics.div(BigDecimal.valueOf((Long) state.get(1)), BigDecimal.valueOf(n));
    }

    private static void checkAvgState(ArrayValue state) {
        if (state.ndim() != 1 || state.size() != 2 || state.hasNulls()) {
            throw PgException.error("22000", "expected 2-element int8 array");
        }
    }
}
