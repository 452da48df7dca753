package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.List;

import org.tusk.utils.adt.FloatAccum;
import org.tusk.utils.adt.NumericAccum;

/**
 * The statistical aggregates of pg_aggregate.dat: var_pop, var_samp, variance, stddev_pop,
 * stddev_samp and stddev over int2, int4, int8 and numeric (numeric result, numeric.c) and over
 * float4 and float8 (float8 result, float.c), and the two-argument float8 aggregates regr_count,
 * regr_sxx, regr_syy, regr_sxy, regr_avgx, regr_avgy, regr_r2, regr_slope, regr_intercept,
 * covar_pop, covar_samp and corr. A row is used only when every argument is non-NULL (the
 * transition functions are strict).
 */
final class StatisticalAggregates {
    private StatisticalAggregates() {}

    /** Their states are never null, so an empty group still reaches the final function (which gives NULL or 0). */
    private static final String[] NAMES = {"var_pop", "var_samp", "variance", "stddev_pop", "stddev_samp", "stddev"};

    private static boolean isVariance(String name) { return name.startsWith("var"); }

    private static boolean isSample(String name) { return !name.endsWith("_pop"); }

    static void register(BuiltinRegistry r) {
        for (String name : NAMES) {
            boolean variance = isVariance(name), sample = isSample(name);
            for (int ty : new int[] {INT2, INT4, INT8, NUMERIC}) {
                r.agg(name, ty, NUMERIC, new PgAggregate.Impl() {
                    public Object init() { return NumericAccum.EMPTY; }
                    public Object transition(Object s, Object v) {
                        BigDecimal x = v instanceof BigDecimal bd ? bd : BigDecimal.valueOf(((Number) v).longValue());
                        return ((NumericAccum) s).accum(x);
                    }
                    public Object finish(Object s) { return ((NumericAccum) s).result(variance, sample); }
                });
            }
            for (int ty : new int[] {FLOAT4, FLOAT8}) {
                r.agg(name, ty, FLOAT8, new PgAggregate.Impl() {
                    public Object init() { return FloatAccum.initial(); }
                    public Object transition(Object s, Object v) { return FloatAccum.accum((double[]) s, ((Number) v).doubleValue()); }
                    public Object finish(Object s) { return FloatAccum.variance((double[]) s, sample, !variance); }
                });
            }
        }
        registerStateFunctions(r);
        // regr_count(y, x): int8inc_float8_float8, counting rows where both are non-NULL
        regr(r, "regr_count", INT8, new PgAggregate.Impl() {
            public Object init() { return 0L; }
            public Object transition(Object s, Object v) { return bothPresent(v) ? (Long) s + 1 : s; }
            public Object finish(Object s) { return s; }
        });
        for (String name : List.of("regr_sxx", "regr_syy", "regr_sxy", "regr_avgx", "regr_avgy", "regr_r2", "regr_slope",
                "regr_intercept", "covar_pop", "covar_samp", "corr")) {
            regr(r, name, FLOAT8, new PgAggregate.Impl() {
                public Object init() { return FloatAccum.initialRegr(); }
                public Object transition(Object s, Object v) {
                    if (!bothPresent(v)) return s;
                    Object[] yx = (Object[]) v;
                    return FloatAccum.regrAccum((double[]) s, ((Number) yx[0]).doubleValue(), ((Number) yx[1]).doubleValue());
                }
                public Object finish(Object s) { return FloatAccum.regrFinal(name, (double[]) s); }
            });
        }
    }

    /** The transition and combine functions as SQL functions over the float8[] state, as pg_proc.dat has them. */
    static void registerStateFunctions(BuiltinRegistry r) {
        r.fn("float8_accum", List.of(FLOAT8_ARRAY, FLOAT8), FLOAT8_ARRAY, (c, a) -> FloatAccum.toArray(
                FloatAccum.accum(state(a[0], "float8_accum", 3), ((Number) a[1]).doubleValue()), FLOAT8));
        r.fn("float8_regr_accum", List.of(FLOAT8_ARRAY, FLOAT8, FLOAT8), FLOAT8_ARRAY, (c, a) -> FloatAccum.toArray(
                FloatAccum.regrAccum(state(a[0], "float8_regr_accum", 6), ((Number) a[1]).doubleValue(),
                        ((Number) a[2]).doubleValue()), FLOAT8));
        r.fn("float8_combine", List.of(FLOAT8_ARRAY, FLOAT8_ARRAY), FLOAT8_ARRAY, (c, a) -> FloatAccum.toArray(
                FloatAccum.combine(state(a[0], "float8_combine", 3), state(a[1], "float8_combine", 3)), FLOAT8));
        r.fn("float8_regr_combine", List.of(FLOAT8_ARRAY, FLOAT8_ARRAY), FLOAT8_ARRAY, (c, a) -> FloatAccum.toArray(
                FloatAccum.regrCombine(state(a[0], "float8_regr_combine", 6), state(a[1], "float8_regr_combine", 6)), FLOAT8));
    }

    private static double[] state(Object v, String caller, int n) {
        return FloatAccum.fromArray(org.tusk.utils.adt.ArrayValue.of(v, FLOAT8), caller, n);
    }

    private static boolean bothPresent(Object v) {
        Object[] yx = (Object[]) v;
        return yx[0] != null && yx[1] != null;
    }

    private static void regr(BuiltinRegistry r, String name, int result, PgAggregate.Impl impl) {
        r.aggs.computeIfAbsent(name, k -> new java.util.ArrayList<>())
                .add(new PgAggregate(name, List.of(FLOAT8, FLOAT8), result, impl));
    }
}
