package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.BOOL;
import static org.tusk.catalog.TypeOids.INT4;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.adt.EnumValue;
import org.tusk.utils.adt.Enums;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The built-ins of enum types (pg_proc.dat/pg_operator.dat entries on anyenum): the pseudo-type
 * anyenum, the comparison operators enum_eq ... enum_ge, enum_cmp, enum_first, enum_last and
 * enum_range. Parse analysis binds anyenum to the actual enum type of the call
 * (enforce_generic_type_consistency); functions that need that type at run time even for a NULL
 * argument (enum_first(NULL::mood)) are {@link TypeBound} and are bound to it then, as
 * get_fn_expr_argtype lets PostgreSQL's C functions look at their call's types.
 */
final class EnumBuiltins {
    private EnumBuiltins() {}

    /** ANYENUMOID and ANYARRAYOID. */
    static final int ANYENUM = 3500, ANYARRAY = 2277;

    /** A polymorphic function body that needs the call's actual enum type. */
    interface TypeBound extends BuiltinFunction {
        BuiltinFunction bind(int enumType);

        @Override
        default Object invoke(FunctionCallContext ctx, Object[] args) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not determine actual enum type");
        }
    }

    static void register(BuiltinRegistry r) {
        r.type(new PgType(ANYENUM, "anyenum", "anyenum", 4, true, PgType.CAT_PSEUDO, false, (s, z) -> {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type anyenum");
        }, (v, z) -> String.valueOf(v)));
        r.op("=", ANYENUM, ANYENUM, BOOL, (c, a) -> a[0].equals(a[1]));
        r.op("<>", ANYENUM, ANYENUM, BOOL, (c, a) -> !a[0].equals(a[1]));
        r.op("<", ANYENUM, ANYENUM, BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) < 0);
        r.op(">", ANYENUM, ANYENUM, BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) > 0);
        r.op("<=", ANYENUM, ANYENUM, BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) <= 0);
        r.op(">=", ANYENUM, ANYENUM, BOOL, (c, a) -> Comparisons.compare(a[0], a[1]) >= 0);
        r.fn("enum_cmp", List.of(ANYENUM, ANYENUM), INT4, (c, a) -> Integer.signum(Comparisons.compare(a[0], a[1])));
        r.fn("enum_larger", List.of(ANYENUM, ANYENUM), ANYENUM,
                (c, a) -> Comparisons.compare(a[0], a[1]) >= 0 ? a[0] : a[1]);
        r.fn("enum_smaller", List.of(ANYENUM, ANYENUM), ANYENUM,
                (c, a) -> Comparisons.compare(a[0], a[1]) <= 0 ? a[0] : a[1]);
        // enum_first/last/range look only at the argument's type: not strict, stable (ALTER TYPE changes the answer)
        r.fn("enum_first", List.of(ANYENUM), ANYENUM, Volatility.STABLE, false,
                (TypeBound) t -> (c, a) -> Enums.first(t));
        r.fn("enum_last", List.of(ANYENUM), ANYENUM, Volatility.STABLE, false,
                (TypeBound) t -> (c, a) -> Enums.last(t));
        r.fn("enum_range", List.of(ANYENUM), ANYARRAY, Volatility.STABLE, false,
                (TypeBound) t -> (c, a) -> Enums.range(t, null, null));
        r.fn("enum_range", List.of(ANYENUM, ANYENUM), ANYARRAY, Volatility.STABLE, false,
                (TypeBound) t -> (c, a) -> Enums.range(t, (EnumValue) a[0], (EnumValue) a[1]));
        registerAggregates(r);
    }

    /** min(anyenum) and max(anyenum): enum_smaller/enum_larger as transition functions. */
    static void registerAggregates(BuiltinRegistry r) {
        r.agg("min", ANYENUM, ANYENUM, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || Comparisons.compare(v, s) < 0 ? v : s, s -> s));
        r.agg("max", ANYENUM, ANYENUM, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> s == null || Comparisons.compare(v, s) > 0 ? v : s, s -> s));
    }

    /** The function to run for a call of {@code p} whose anyenum arguments are {@code enumType}. */
    static BuiltinFunction bindFor(PgProc p, int enumType) {
        return p.impl() instanceof TypeBound tb ? tb.bind(enumType) : p.impl();
    }
}
