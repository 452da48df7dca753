package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BYTEA;
import static org.tusk.catalog.TypeOids.INTERNAL;
import static org.tusk.catalog.TypeOids.NUMERIC;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.NumericAggState;

/**
 * The support functions over an internal state that pg_proc.dat lists for avg(numeric) and
 * sum(numeric), which CREATE AGGREGATE may name (numeric_avg_accum, numeric_avg, numeric_sum,
 * numeric_avg_combine, numeric_avg_serialize, numeric_avg_deserialize): numeric.c's functions over
 * {@link NumericAggState}. Strictness is pg_proc.dat's: the transition, combine and final
 * functions are called with a NULL state and start one (or return NULL); the serialization pair
 * is strict.
 */
final class InternalStateAggregateSupport {
    private InternalStateAggregateSupport() {}

    static void register(BuiltinRegistry r) {
        Volatility i = Volatility.IMMUTABLE;
        r.fn("numeric_avg_accum", List.of(INTERNAL, NUMERIC), INTERNAL, i, false, (c, a) -> {
            NumericAggState s = a[0] == null ? new NumericAggState() : (NumericAggState) a[0];
            if (a[1] != null) s.accum((BigDecimal) a[1]);
            return s;
        });
        r.fn("numeric_avg_combine", List.of(INTERNAL, INTERNAL), INTERNAL, i, false, (c, a) -> {
            if (a[1] == null) return a[0];
            NumericAggState s = a[0] == null ? new NumericAggState() : (NumericAggState) a[0];
            s.combine((NumericAggState) a[1]);
            return s;
        });
        r.fn("numeric_avg", List.of(INTERNAL), NUMERIC, i, false, (c, a) -> a[0] == null ? null : ((NumericAggState) a[0]).avg());
        r.fn("numeric_sum", List.of(INTERNAL), NUMERIC, i, false, (c, a) -> a[0] == null ? null : ((NumericAggState) a[0]).sum());
        r.fn("numeric_avg_serialize", List.of(INTERNAL), BYTEA, i, true, (c, a) -> ((NumericAggState) a[0]).serialize());
        r.fn("numeric_avg_deserialize", List.of(BYTEA, INTERNAL), INTERNAL, i, true,
                (c, a) -> NumericAggState.deserialize((byte[]) a[0]));
    }
}
