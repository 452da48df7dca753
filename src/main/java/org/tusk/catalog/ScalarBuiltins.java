package org.tusk.catalog;

import static org.tusk.catalog.BuiltinRegistry.box;
import static org.tusk.catalog.BuiltinRegistry.l;
import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.PgCast.Method;
import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.FloatMath;
import org.tusk.utils.adt.IntMath;

/**
 * The scalar long tail of pg_proc.dat/pg_operator.dat for booleans and integers: the boolean
 * comparison functions (bool.c), gcd/lcm and the bitwise operators (int.c, int8.c), and the
 * functions named after a type that implement its casts (pg_proc's int4(float8), float8(int4),
 * ... which is how {@code float8(x)} is spelled as a function call).
 */
final class ScalarBuiltins {
    private ScalarBuiltins() {}

    static void register(BuiltinRegistry r) {
        boolFunctions(r);
        integerFunctions(r);
        floatFunctions(r);
        RegexBuiltins.register(r);
        StringBuiltins.register(r);
        castFunctions(r);
    }

    /** booleq, boolne, boollt, boolgt, boolle, boolge: false sorts before true (boolcmp). */
    private static void boolFunctions(BuiltinRegistry r) {
        List<Integer> bb = List.of(BOOL, BOOL);
        r.fn("booleq", bb, BOOL, (c, a) -> a[0].equals(a[1]));
        r.fn("boolne", bb, BOOL, (c, a) -> !a[0].equals(a[1]));
        r.fn("boollt", bb, BOOL, (c, a) -> Boolean.compare((Boolean) a[0], (Boolean) a[1]) < 0);
        r.fn("boolgt", bb, BOOL, (c, a) -> Boolean.compare((Boolean) a[0], (Boolean) a[1]) > 0);
        r.fn("boolle", bb, BOOL, (c, a) -> Boolean.compare((Boolean) a[0], (Boolean) a[1]) <= 0);
        r.fn("boolge", bb, BOOL, (c, a) -> Boolean.compare((Boolean) a[0], (Boolean) a[1]) >= 0);
    }

    private static void integerFunctions(BuiltinRegistry r) {
        for (int ty : new int[] {INT2, INT4, INT8}) {
            int bits = BuiltinRegistry.bits(ty);
            // int2and ... int8not (pg_operator: & | # ~), int2shl ... int8shr (<< >>, shift count int4)
            r.op("&", ty, ty, ty, (c, a) -> box(ty, l(a[0]) & l(a[1])));
            r.op("|", ty, ty, ty, (c, a) -> box(ty, l(a[0]) | l(a[1])));
            r.op("#", ty, ty, ty, (c, a) -> box(ty, l(a[0]) ^ l(a[1])));
            r.op("~", 0, ty, ty, (c, a) -> box(ty, ~l(a[0])));
            r.op("<<", ty, INT4, ty, (c, a) -> box(ty, IntMath.shl(l(a[0]), (Integer) a[1], bits)));
            r.op(">>", ty, INT4, ty, (c, a) -> box(ty, IntMath.shr(l(a[0]), (Integer) a[1], bits)));
            if (ty != INT2) { // pg_proc has gcd/lcm for int4, int8 and numeric only
                r.fn("gcd", List.of(ty, ty), ty, (c, a) -> box(ty, IntMath.gcd(l(a[0]), l(a[1]), bits)));
                r.fn("lcm", List.of(ty, ty), ty, (c, a) -> box(ty, IntMath.lcm(l(a[0]), l(a[1]), bits)));
            }
        }
    }

    /** float.c's dexp, dlog1, dlog10, dcbrt, dsign, hyperbolic and radian trigonometric functions, |/ and ||/. */
    private static void floatFunctions(BuiltinRegistry r) {
        List<Integer> d = List.of(FLOAT8);
        r.fn("exp", d, FLOAT8, (c, a) -> FloatMath.exp(dv(a[0])));
        r.fn("ln", d, FLOAT8, (c, a) -> FloatMath.log(dv(a[0]), false));
        r.fn("log", d, FLOAT8, (c, a) -> FloatMath.log(dv(a[0]), true));
        r.fn("log10", d, FLOAT8, (c, a) -> FloatMath.log(dv(a[0]), true));
        r.fn("cbrt", d, FLOAT8, (c, a) -> FloatMath.cbrt(dv(a[0])));
        r.fn("sign", d, FLOAT8, (c, a) -> FloatMath.sign(dv(a[0])));
        r.fn("sinh", d, FLOAT8, (c, a) -> FloatMath.sinh(dv(a[0])));
        r.fn("cosh", d, FLOAT8, (c, a) -> FloatMath.cosh(dv(a[0])));
        r.fn("tanh", d, FLOAT8, (c, a) -> FloatMath.tanh(dv(a[0])));
        r.fn("asinh", d, FLOAT8, (c, a) -> FloatMath.asinh(dv(a[0])));
        r.fn("acosh", d, FLOAT8, (c, a) -> FloatMath.acosh(dv(a[0])));
        r.fn("atanh", d, FLOAT8, (c, a) -> FloatMath.atanh(dv(a[0])));
        r.fn("sin", d, FLOAT8, (c, a) -> FloatMath.trig(dv(a[0]), Math::sin));
        r.fn("cos", d, FLOAT8, (c, a) -> FloatMath.trig(dv(a[0]), Math::cos));
        r.fn("tan", d, FLOAT8, (c, a) -> FloatMath.trig(dv(a[0]), Math::tan));
        r.fn("cot", d, FLOAT8, (c, a) -> FloatMath.trig(dv(a[0]), x -> 1.0 / Math.tan(x)));
        r.fn("asin", d, FLOAT8, (c, a) -> FloatMath.arc(dv(a[0]), Math::asin));
        r.fn("acos", d, FLOAT8, (c, a) -> FloatMath.arc(dv(a[0]), Math::acos));
        r.fn("atan", d, FLOAT8, (c, a) -> Math.atan(dv(a[0])));
        r.fn("atan2", List.of(FLOAT8, FLOAT8), FLOAT8, (c, a) -> Math.atan2(dv(a[0]), dv(a[1])));
        r.fn("degrees", d, FLOAT8, (c, a) -> Math.toDegrees(dv(a[0])));
        r.fn("radians", d, FLOAT8, (c, a) -> Math.toRadians(dv(a[0])));
        r.op("|/", 0, FLOAT8, FLOAT8, (c, a) -> org.tusk.utils.adt.Floats.sqrt(dv(a[0])));
        r.op("||/", 0, FLOAT8, FLOAT8, (c, a) -> FloatMath.cbrt(dv(a[0])));
    }

    private static double dv(Object o) { return ((Number) o).doubleValue(); }

    /** pg_type names of the types whose casts have functions (the function carries the target's name). */
    private static final Map<Integer, String> TYPNAMES = Map.ofEntries(
            Map.entry(BOOL, "bool"), Map.entry(INT2, "int2"), Map.entry(INT4, "int4"), Map.entry(INT8, "int8"),
            Map.entry(FLOAT4, "float4"), Map.entry(FLOAT8, "float8"), Map.entry(NUMERIC, "numeric"),
            Map.entry(OID, "oid"), Map.entry(TEXT, "text"), Map.entry(VARCHAR, "varchar"), Map.entry(BPCHAR, "bpchar"),
            Map.entry(NAME, "name"), Map.entry(DATE, "date"), Map.entry(TIME, "time"), Map.entry(TIMESTAMP, "timestamp"),
            Map.entry(TIMESTAMPTZ, "timestamptz"), Map.entry(INTERVAL, "interval"));

    /**
     * For every function cast registered so far, the pg_proc entry it comes from: a function named
     * after the target type taking the source type (dtoi4 is int4(float8)). Casts by relabelling or
     * through I/O have no function; calls like text(x) for those are coercions (ParseFunc).
     */
    private static void castFunctions(BuiltinRegistry r) {
        List<PgCast> casts = new ArrayList<>(r.casts.values());
        casts.sort((x, y) -> x.source() != y.source() ? Integer.compare(x.source(), y.source())
                : Integer.compare(x.target(), y.target()));
        for (PgCast cast : casts) {
            String name = TYPNAMES.get(cast.target());
            if (cast.method() != Method.FUNCTION || name == null) continue;
            boolean zoneDependent = cast.source() == TIMESTAMPTZ || cast.target() == TIMESTAMPTZ;
            r.fn(name, List.of(cast.source()), cast.target(), zoneDependent ? Volatility.STABLE : Volatility.IMMUTABLE,
                    true, cast.impl());
        }
    }
}
