package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.IntSumTransitions;

/**
 * The SQL-callable transition functions of sum(int2) and sum(int4), int2_sum(int8, int2) and
 * int4_sum(int8, int4) (pg_proc.dat; not strict), which user aggregates name as their SFUNC.
 */
final class IntSumBuiltins {
    private IntSumBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("int4_sum", List.of(INT8, INT4), INT8, Volatility.IMMUTABLE, false,
                (c, a) -> IntSumTransitions.sum((Long) a[0], (Number) a[1]));
        r.fn("int2_sum", List.of(INT8, INT2), INT8, Volatility.IMMUTABLE, false,
                (c, a) -> IntSumTransitions.sum((Long) a[0], (Number) a[1]));
    }
}
