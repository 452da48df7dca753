package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.OrderedSetAggs;

/**
 * The built-in ordered-set aggregates percentile_disc, percentile_cont and mode, and the
 * hypothetical-set aggregates rank, dense_rank, percent_rank and cume_dist (pg_aggregate.dat
 * rows of aggkind 'o' and 'h'; final functions in {@link OrderedSetAggs}).
 */
final class OrderedSetAggregates {
    private OrderedSetAggregates() {}

    /** The final function of one aggregate, given what {@link OrderedSetAggregate#finish} receives. */
    @FunctionalInterface
    private interface Final {
        Object apply(Object[] direct, List<Object[]> rows, Comparator<Object[]> order, int argType);
    }

    private record Builtin(char kind, int numDirectArgs, Final fn) implements OrderedSetAggregate {
        @Override
        public Object finish(FunctionCallContext ctx, Object[] direct, List<Object[]> rows, Comparator<Object[]> order,
                             int argType) {
            return fn.apply(direct, rows, order, argType);
        }
    }

    static void register(BuiltinRegistry r) {
        // percentile_disc(float8) / (float8[]) WITHIN GROUP (anyelement)
        add(r, "percentile_disc", List.of(FLOAT8, ANYELEMENT), ANYELEMENT, new Builtin('o', 1,
                (d, rows, o, t) -> OrderedSetAggs.percentileDisc(d[0], OrderedSetAggs.firstColumn(rows))));
        add(r, "percentile_disc", List.of(FLOAT8_ARRAY, ANYELEMENT), ANYARRAY, new Builtin('o', 1,
                (d, rows, o, t) -> OrderedSetAggs.percentileDiscMulti((ArrayValue) d[0], OrderedSetAggs.firstColumn(rows), t)));
        // percentile_cont over float8 and interval, with a fraction or an array of them
        for (int ty : new int[] {FLOAT8, INTERVAL}) {
            OrderedSetAggs.Lerp lerp = ty == FLOAT8 ? OrderedSetAggs.FLOAT8_LERP : OrderedSetAggs.INTERVAL_LERP;
            add(r, "percentile_cont", List.of(FLOAT8, ty), ty, new Builtin('o', 1,
                    (d, rows, o, t) -> OrderedSetAggs.percentileCont(d[0], OrderedSetAggs.firstColumn(rows), lerp)));
            add(r, "percentile_cont", List.of(FLOAT8_ARRAY, ty), ArrayTypes.arrayOf(ty), new Builtin('o', 1,
                    (d, rows, o, t) -> OrderedSetAggs.percentileContMulti((ArrayValue) d[0], OrderedSetAggs.firstColumn(rows),
                            ty, lerp)));
        }
        // mode() WITHIN GROUP (anyelement)
        add(r, "mode", List.of(ANYELEMENT), ANYELEMENT, new Builtin('o', 0,
                (d, rows, o, t) -> OrderedSetAggs.mode(OrderedSetAggs.firstColumn(rows),
                        (x, y) -> o.compare(new Object[] {x}, new Object[] {y}))));
        // rank(VARIADIC "any") WITHIN GROUP (VARIADIC "any") and its kin
        add(r, "rank", List.of(ANY), INT8, new Builtin('h', 1, (d, rows, o, t) -> OrderedSetAggs.rank(d, rows, o)));
        add(r, "dense_rank", List.of(ANY), INT8, new Builtin('h', 1, (d, rows, o, t) -> OrderedSetAggs.denseRank(d, rows, o)));
        add(r, "percent_rank", List.of(ANY), FLOAT8, new Builtin('h', 1,
                (d, rows, o, t) -> OrderedSetAggs.percentRank(d, rows, o)));
        add(r, "cume_dist", List.of(ANY), FLOAT8, new Builtin('h', 1, (d, rows, o, t) -> OrderedSetAggs.cumeDist(d, rows, o)));
    }

    private static void add(BuiltinRegistry r, String name, List<Integer> argTypes, int result, Builtin impl) {
        r.aggs.computeIfAbsent(name, k -> new ArrayList<>()).add(new PgAggregate(name, argTypes, result, impl));
    }
}
