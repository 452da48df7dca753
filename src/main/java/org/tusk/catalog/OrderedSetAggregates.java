package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.OrderedSetAggs;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The built-in ordered-set aggregates percentile_disc, percentile_cont and mode, and the
 * hypothetical-set aggregates rank, dense_rank, percent_rank and cume_dist (pg_aggregate.dat
 * rows of aggkind 'o' and 'h'; final functions in {@link OrderedSetAggs}), with the pg_proc rows
 * of their support functions (pg_proc.dat): the type {@code internal}, the transition functions
 * ordered_set_transition and ordered_set_transition_multi, and one final function per aggregate
 * (percentile_disc_final, rank_final, ...). CREATE AGGREGATE ... ORDER BY names these to build a
 * user ordered-set aggregate; {@link #forFinal} gives it the built-in's behaviour.
 *
 * <p>The support functions cannot be called outside an aggregate: no SQL value has type
 * internal, and, as AggCheckCallContext in orderedsetaggs.c, they refuse to run.
 */
final class OrderedSetAggregates {
    private OrderedSetAggregates() {}

    /** The final function of one aggregate, given what {@link OrderedSetAggregate#finish} receives. */
    @FunctionalInterface
    interface Final {
        Object apply(Object[] direct, List<Object[]> rows, Comparator<Object[]> order, int argType);
    }

    /** One built-in ordered-set behaviour; {@code finalFn} is the name of its pg_proc final function. */
    record Builtin(char kind, int numDirectArgs, String finalFn, Final fn) implements OrderedSetAggregate, BuiltinFunction {
        @Override
        public Object finish(FunctionCallContext ctx, Object[] direct, List<Object[]> rows, Comparator<Object[]> order,
                             int argType) {
            return fn.apply(direct, rows, order, argType);
        }

        /** A call of the final function itself, outside an aggregate (AggCheckCallContext fails). */
        @Override
        public Object invoke(FunctionCallContext ctx, Object[] args) {
            throw notInAggregate();
        }
    }

    private static PgException notInAggregate() {
        return PgException.error(SqlState.INTERNAL_ERROR, "ordered-set aggregate called in non-aggregate context");
    }

    static void register(BuiltinRegistry r) {
        PgType.Output none = (v, z) -> String.valueOf(v);
        // internal_in: no value of type internal can be written
        r.type(new PgType(INTERNAL, "internal", "internal", 8, true, 'P', false, (s, z) -> {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type internal");
        }, none));
        // the transition functions of every ordered-set aggregate; not strict, as pg_proc.dat
        BuiltinFunction transition = (ctx, args) -> {
            throw notInAggregate();
        };
        r.fn("ordered_set_transition", List.of(INTERNAL, ANY), INTERNAL, PgProc.Volatility.IMMUTABLE, false, transition);
        r.fn("ordered_set_transition_multi", List.of(INTERNAL, ANY), INTERNAL, PgProc.Volatility.IMMUTABLE, false, transition);

        // percentile_disc(float8) / (float8[]) WITHIN GROUP (anyelement)
        add(r, "percentile_disc", List.of(FLOAT8, ANYELEMENT), ANYELEMENT, new Builtin('o', 1, "percentile_disc_final",
                (d, rows, o, t) -> OrderedSetAggs.percentileDisc(d[0], OrderedSetAggs.firstColumn(rows))));
        add(r, "percentile_disc", List.of(FLOAT8_ARRAY, ANYELEMENT), ANYARRAY, new Builtin('o', 1,
                "percentile_disc_multi_final",
                (d, rows, o, t) -> OrderedSetAggs.percentileDiscMulti((ArrayValue) d[0], OrderedSetAggs.firstColumn(rows), t)));
        // percentile_cont over float8 and interval, with a fraction or an array of them
        for (int ty : new int[] {FLOAT8, INTERVAL}) {
            OrderedSetAggs.Lerp lerp = ty == FLOAT8 ? OrderedSetAggs.FLOAT8_LERP : OrderedSetAggs.INTERVAL_LERP;
            String tn = ty == FLOAT8 ? "float8" : "interval";
            add(r, "percentile_cont", List.of(FLOAT8, ty), ty, new Builtin('o', 1, "percentile_cont_" + tn + "_final",
                    (d, rows, o, t) -> OrderedSetAggs.percentileCont(d[0], OrderedSetAggs.firstColumn(rows), lerp)));
            add(r, "percentile_cont", List.of(FLOAT8_ARRAY, ty), ArrayTypes.arrayOf(ty), new Builtin('o', 1,
                    "percentile_cont_" + tn + "_multi_final",
                    (d, rows, o, t) -> OrderedSetAggs.percentileContMulti((ArrayValue) d[0], OrderedSetAggs.firstColumn(rows),
                            ty, lerp)));
        }
        // mode() WITHIN GROUP (anyelement)
        add(r, "mode", List.of(ANYELEMENT), ANYELEMENT, new Builtin('o', 0, "mode_final",
                (d, rows, o, t) -> OrderedSetAggs.mode(OrderedSetAggs.firstColumn(rows),
                        (x, y) -> o.compare(new Object[] {x}, new Object[] {y}))));
        // rank(VARIADIC "any") WITHIN GROUP (VARIADIC "any") and its kin
        add(r, "rank", List.of(ANY), INT8, new Builtin('h', 1, "rank_final", (d, rows, o, t) -> OrderedSetAggs.rank(d, rows, o)));
        add(r, "dense_rank", List.of(ANY), INT8, new Builtin('h', 1, "dense_rank_final",
                (d, rows, o, t) -> OrderedSetAggs.denseRank(d, rows, o)));
        add(r, "percent_rank", List.of(ANY), FLOAT8, new Builtin('h', 1, "percent_rank_final",
                (d, rows, o, t) -> OrderedSetAggs.percentRank(d, rows, o)));
        add(r, "cume_dist", List.of(ANY), FLOAT8, new Builtin('h', 1, "cume_dist_final",
                (d, rows, o, t) -> OrderedSetAggs.cumeDist(d, rows, o)));
    }

    /**
     * The aggregate and its final function's pg_proc row: the state (internal), then the direct
     * arguments, or with FINALFUNC_EXTRA (percentile_disc, mode) every argument, as pg_proc.dat;
     * the hypothetical finals are VARIADIC "any" after the state.
     */
    private static void add(BuiltinRegistry r, String name, List<Integer> argTypes, int result, Builtin impl) {
        r.aggs.computeIfAbsent(name, k -> new ArrayList<>()).add(new PgAggregate(name, argTypes, result, impl));
        boolean extra = argTypes.contains(ANYELEMENT);
        List<Integer> finalArgs = new ArrayList<>();
        finalArgs.add(INTERNAL);
        finalArgs.addAll(extra || impl.kind() == 'h' ? argTypes : argTypes.subList(0, impl.numDirectArgs()));
        r.fn(impl.finalFn(), List.copyOf(finalArgs), result, PgProc.Volatility.IMMUTABLE, false, impl);
    }

    /**
     * The built-in behaviour behind final function {@code proc} (a user ordered-set aggregate
     * naming, say, percentile_disc_final), or null if it is not one of them.
     */
    static OrderedSetAggregate forFinal(PgProc proc) {
        return proc != null && proc.impl() instanceof Builtin b && b.finalFn().equals(proc.name()) ? b : null;
    }
}
