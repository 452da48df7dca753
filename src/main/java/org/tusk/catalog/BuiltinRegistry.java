package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.PgCast.Method;
import org.tusk.catalog.PgProc.Volatility;

/**
 * Collects the built-in types, functions, operators, casts and aggregates while
 * {@link BuiltinCatalog} initialises its class, PostgreSQL's pg_proc.dat/pg_operator.dat/pg_cast.dat
 * in code. Each area of built-ins (numbers, strings, arrays, catalog functions, ...) is a class with a
 * static {@code register(BuiltinRegistry)} method called once from BuiltinCatalog's initialiser;
 * nothing registers later, so the frozen tables are immutable and need no lock.
 */
class BuiltinRegistry {
    final List<PgType> types = new ArrayList<>();

    void type(PgType t) { types.add(t); }

    final Map<String, List<PgProc>> procs = new HashMap<>();
    final Map<String, List<PgOperator>> ops = new HashMap<>();
    final Map<Long, PgCast> casts = new HashMap<>();
    final Map<String, List<PgAggregate>> aggs = new HashMap<>();
    private int nextOid = org.tusk.access.transam.OidGenerator.FIRST_BUILTIN_AUTO_OID;

    /** PostgreSQL 15's pg_proc OIDs by name and argument types (pg_proc.dat), read once while the tables are built. */
    private final Pg15ProcOids pgOids = Pg15ProcOids.load();
    private final java.util.Set<Integer> usedPgOids = new java.util.HashSet<>();

    /**
     * The OID of built-in function {@code name(args)}: PostgreSQL's (pg_proc.dat) when PostgreSQL
     * has a function of that name and argument types that no earlier entry took, else one of
     * Tusk's own ({@link #takeOid}). A VARIADIC "any" function ({@code variadicAny}, declared
     * without arguments here) is PostgreSQL's function of that name whose last parameter is
     * VARIADIC "any".
     */
    int oidFor(String name, List<Integer> args, boolean variadicAny) {
        Integer oid = variadicAny && args.isEmpty() ? pgOids.variadicAny(name) : pgOids.oid(name, args);
        if (oid != null && usedPgOids.add(oid)) return oid;
        return takeOid();
    }

    /** The next Tusk-only built-in function's OID, within the range the OID counter leaves to built-ins. */
    int takeOid() {
        if (nextOid >= org.tusk.access.transam.OidGenerator.FIRST_BUILTIN_AUTO_OID
                + org.tusk.access.transam.OidGenerator.BUILTIN_AUTO_OIDS) {
            throw new IllegalStateException("the built-in function OID range is exhausted");
        }
        return nextOid++;
    }

    void op(String name, int l, int r, int res, BuiltinFunction f) {
        ops.computeIfAbsent(name, k -> new ArrayList<>()).add(new PgOperator(name, l, r, res, Volatility.IMMUTABLE, f));
    }

    void fn(String name, List<Integer> args, int res, Volatility v, boolean strict, BuiltinFunction f) {
        procs.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new PgProc(oidFor(name, args, false), name, args, res, strict, v, false, f));
    }

    void fn(String name, List<Integer> args, int res, BuiltinFunction f) { fn(name, args, res, Volatility.IMMUTABLE, true, f); }

    void cast(int s, int t, char ctx, BuiltinFunction f) {
        casts.put(((long) s << 32) | t, new PgCast(s, t, ctx, f == null ? Method.BINARY : Method.FUNCTION, f));
    }

    /**
     * A cast PostgreSQL makes by relabelling (castmethod 'b') whose value Tusk holds in another
     * Java form, converted by {@code f}: binary-coercible all the same (IsBinaryCoercible).
     */
    void relabelCast(int s, int t, char ctx, BuiltinFunction f) {
        casts.put(((long) s << 32) | t, new PgCast(s, t, ctx, Method.FUNCTION, f, true));
    }

    void ioCast(int s, int t, char ctx) { casts.put(((long) s << 32) | t, new PgCast(s, t, ctx, Method.IO, null)); }

    static int bits(int type) { return type == INT2 ? 16 : type == INT4 ? 32 : 64; }

    static Object box(int type, long v) {
        return switch (type) {
            case INT2 -> (short) v;
            case INT4 -> (int) v;
            default -> v;
        };
    }

    static long l(Object o) { return ((Number) o).longValue(); }
    static double d(Object o) { return ((Number) o).doubleValue(); }
    static float f(Object o) { return (Float) o; }
    static BigDecimal n(Object o) { return (BigDecimal) o; }

    /** proargnames and proargdefaults of built-ins callable in named notation, by function name. */
    final Map<String, BuiltinCatalog.ParameterInfo> parameters = new HashMap<>();

    /**
     * Names every overload of {@code name}'s parameters; {@code defaults} holds, per parameter, the
     * text of its default value (null: none) and {@code types} the type name that text is cast to.
     */
    void parameters(String name, List<String> names, List<String> defaults, List<String> types) {
        parameters.put(name, new BuiltinCatalog.ParameterInfo(names, defaults, types));
    }

    /** The overloads (name, declared argument types) whose last parameter is VARIADIC (pg_proc.provariadic). */
    final Map<String, java.util.Set<List<Integer>>> variadics = new HashMap<>();

    /**
     * Marks the overload of {@code name} with {@code args}, whose last argument is an array, as
     * declared VARIADIC over that array's element type, as pg_proc.dat's provariadic does.
     */
    void variadic(String name, List<Integer> args) {
        variadics.computeIfAbsent(name, k -> new java.util.HashSet<>()).add(List.copyOf(args));
    }

    final Map<String, List<PgWindowFunc>> windowFuncs = new HashMap<>();

    void window(String name, List<Integer> args, int res, PgWindowFunc.Impl impl) {
        windowFuncs.computeIfAbsent(name, k -> new ArrayList<>()).add(new PgWindowFunc(name, args, res, impl));
    }

    void agg(String name, int arg, int res, PgAggregate.Impl impl) {
        int strategy = SORT_STRATEGIES.getOrDefault(name, 0);
        // polymorphic implementations are bound per call (ParsePolymorphic) and stay unwrapped
        if (strategy != 0 && impl instanceof SimpleAgg) impl = new SortOpAgg(impl, strategy);
        aggs.computeIfAbsent(name, k -> new ArrayList<>()).add(new PgAggregate(name, arg, res, impl));
    }

    /**
     * pg_aggregate.aggsortop of the built-in aggregates that have one, as B-tree strategies
     * (min and bool_and/every are the {@code <} of their type, max and bool_or its {@code >}).
     */
    private static final Map<String, Integer> SORT_STRATEGIES =
            Map.of("min", 1, "max", 5, "bool_and", 1, "every", 1, "bool_or", 5);

    /**
     * A built-in aggregate with an aggsortop: {@code inner} as it is, telling its sort strategy
     * (for monomorphic ones; min/max of arrays and enums have none here).
     */
    record SortOpAgg(PgAggregate.Impl inner, int sortStrategy) implements PgAggregate.Impl {
        public Object init() { return inner.init(); }
        public Object transition(Object s, Object v) { return inner.transition(s, v); }
        public Object finish(Object s) { return inner.finish(s); }
        @Override public Object transition(FunctionCallContext ctx, Object s, Object v) { return inner.transition(ctx, s, v); }
        @Override public Object finish(FunctionCallContext ctx, Object s) { return inner.finish(ctx, s); }
        @Override public Object sharedTransitionKey() { return inner.sharedTransitionKey(); }
        @Override public boolean strict() { return inner.strict(); }
    }

    record SimpleAgg(java.util.function.Supplier<Object> initial,
                     java.util.function.BinaryOperator<Object> trans,
                     java.util.function.UnaryOperator<Object> fin) implements PgAggregate.Impl {
        public Object init() { return initial.get(); }
        public Object transition(Object s, Object v) { return trans.apply(s, v); }
        public Object finish(Object s) { return s == null ? null : fin.apply(s); }
    }}
