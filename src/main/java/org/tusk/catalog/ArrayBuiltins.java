package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArrayFuncs;
import org.tusk.utils.adt.ArrayIO;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Comparisons;
import org.tusk.utils.adt.OutputSettings;

/**
 * The array types of the built-in base types (pg_type.dat's "_" rows, with array_in/array_out)
 * and the polymorphic array functions, operators and aggregates (pg_proc.dat / pg_operator.dat
 * entries over anyarray, anyelement, anycompatible...): comparison, containment, concatenation,
 * dimensions, searching, array_to_string/string_to_array, array_fill and array_agg. Each
 * polymorphic entry is bound to its resolved element type at parse analysis
 * ({@link PolymorphicFunction}).
 */
final class ArrayBuiltins {
    private ArrayBuiltins() {}

    /** Element types whose arrays are registered, with format_type's name of the element. */
    private static final Map<Integer, String> ELEMENTS = Map.ofEntries(
            Map.entry(BOOL, "boolean"), Map.entry(BYTEA, "bytea"), Map.entry(CHAR, "\"char\""), Map.entry(NAME, "name"),
            Map.entry(INT8, "bigint"), Map.entry(INT2, "smallint"), Map.entry(INT4, "integer"), Map.entry(TEXT, "text"),
            Map.entry(OID, "oid"), Map.entry(XID, "xid"),
            Map.entry(SystemColumnBuiltins.TID, "tid"), Map.entry(SystemColumnBuiltins.CID, "cid"), Map.entry(FLOAT4, "real"), Map.entry(FLOAT8, "double precision"),
            Map.entry(INET, "inet"), Map.entry(BPCHAR, "character"), Map.entry(VARCHAR, "character varying"),
            Map.entry(DATE, "date"), Map.entry(TIME, "time without time zone"),
            Map.entry(TIMESTAMP, "timestamp without time zone"), Map.entry(TIMESTAMPTZ, "timestamp with time zone"),
            Map.entry(INTERVAL, "interval"), Map.entry(NUMERIC, "numeric"), Map.entry(UUID, "uuid"),
            Map.entry(JSON, "json"), Map.entry(JSONB, "jsonb"), Map.entry(PG_LSN, "pg_lsn"), Map.entry(XID8, "xid8"),
            Map.entry(PG_SNAPSHOT, "pg_snapshot"), Map.entry(TXID_SNAPSHOT, "txid_snapshot"),
            Map.entry(IntrospectionBuiltins.INT2VECTOR, "int2vector"), Map.entry(IntrospectionBuiltins.OIDVECTOR, "oidvector"),
            Map.entry(org.tusk.utils.adt.RegTypes.REGTYPE, "regtype"),
            // the built-in range types' arrays (_int4range ...): usable in expressions, not stored as columns yet
            Map.entry(org.tusk.utils.adt.RangeTypes.INT4RANGE, "int4range"), Map.entry(org.tusk.utils.adt.RangeTypes.NUMRANGE, "numrange"),
            Map.entry(org.tusk.utils.adt.RangeTypes.TSRANGE, "tsrange"), Map.entry(org.tusk.utils.adt.RangeTypes.TSTZRANGE, "tstzrange"),
            Map.entry(org.tusk.utils.adt.RangeTypes.DATERANGE, "daterange"), Map.entry(org.tusk.utils.adt.RangeTypes.INT8RANGE, "int8range"));

    static void register(BuiltinRegistry r) {
        for (Map.Entry<Integer, String> e : ELEMENTS.entrySet()) {
            int elem = e.getKey();
            int arr = ArrayTypes.arrayOf(elem);
            String typname = "_" + CatalogRows.builtinType(elem).typname();
            r.type(new PgType(arr, typname, e.getValue() + "[]", -1, false, 'A', false,
                    (s, z) -> ArrayIO.in(s, elem, x -> BuiltinCatalog.type(elem).input().in(x, z)),
                    (v, os) -> out(v, elem, os)));
        }
        pseudo(r);
        operators(r);
        functions(r);
        aggregates(r);
    }

    private static void pseudo(BuiltinRegistry r) {
        PgType.Output none = (v, z) -> String.valueOf(v);
        PgType.Input refuse = (s, z) -> {
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot accept a value of a pseudo-type");
        };
        r.type(new PgType(ANYELEMENT, "anyelement", "anyelement", 4, true, 'P', false, refuse, none));
        // anyarray_out: array_out with the element type the value itself carries (pg_statistic.stavaluesN)
        PgType.Output anyarrayOut = (v, os) -> v instanceof ArrayValue a ? out(a, a.elemType(), os) : String.valueOf(v);
        r.type(new PgType(ANYARRAY, "anyarray", "anyarray", -1, false, 'P', false, refuse, anyarrayOut));
        r.type(new PgType(ANYNONARRAY, "anynonarray", "anynonarray", 4, true, 'P', false, refuse, none));
        r.type(new PgType(ANYCOMPATIBLE, "anycompatible", "anycompatible", 4, true, 'P', false, refuse, none));
        r.type(new PgType(ANYCOMPATIBLEARRAY, "anycompatiblearray", "anycompatiblearray", -1, false, 'P', false, refuse, none));
    }

    /** array_out of a value of array type with element {@code elem} (any of the Java forms). */
    static String out(Object v, int elem, OutputSettings os) {
        return ArrayIO.out(ArrayValue.of(v, elem), x -> BuiltinCatalog.type(elem).output().out(x, os));
    }

    static ArrayValue arr(Object v, int arrayType) {
        return v == null ? null : ArrayValue.of(v, ArrayTypes.elementOf(arrayType));
    }

    /** A polymorphic function whose body needs only the resolved types, not a binding step of its own. */
    private interface Body {
        Object apply(FunctionCallContext c, Object[] a, List<Integer> argTypes, int resultType);
    }

    private static void poly(BuiltinRegistry r, String name, List<Integer> args, int result, boolean strict, Body body) {
        PolymorphicFunction f = (argTypes, resultType) -> (c, a) -> body.apply(c, a, argTypes, resultType);
        r.fn(name, args, result, Volatility.IMMUTABLE, strict, f);
    }

    private static void polyOp(BuiltinRegistry r, String name, int l, int rt, int result, Body body) {
        PolymorphicFunction f = (argTypes, resultType) -> (c, a) -> body.apply(c, a, argTypes, resultType);
        r.op(name, l, rt, result, f);
    }

    private static void operators(BuiltinRegistry r) {
        // btree comparison (array_eq, array_ne, array_lt, ... over array_cmp)
        String[] names = {"=", "<>", "<", "<=", ">", ">="};
        for (String n : names) {
            polyOp(r, n, ANYARRAY, ANYARRAY, BOOL, (c, a, t, res) -> {
                int cmp = Comparisons.compare(arr(a[0], t.get(0)), arr(a[1], t.get(1)));
                return switch (n) {
                    case "=" -> cmp == 0;
                    case "<>" -> cmp != 0;
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            });
        }
        polyOp(r, "@>", ANYARRAY, ANYARRAY, BOOL, (c, a, t, res) -> ArrayFuncs.contains(arr(a[0], t.get(0)), arr(a[1], t.get(1))));
        polyOp(r, "<@", ANYARRAY, ANYARRAY, BOOL, (c, a, t, res) -> ArrayFuncs.contains(arr(a[1], t.get(1)), arr(a[0], t.get(0))));
        polyOp(r, "&&", ANYARRAY, ANYARRAY, BOOL, (c, a, t, res) -> ArrayFuncs.overlaps(arr(a[0], t.get(0)), arr(a[1], t.get(1))));
        polyOp(r, "||", ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY,
                (c, a, t, res) -> ArrayFuncs.cat(arr(a[0], t.get(0)), arr(a[1], t.get(1))));
        polyOp(r, "||", ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLEARRAY,
                (c, a, t, res) -> ArrayFuncs.append(arr(a[0], t.get(0)), a[1], t.get(1)));
        polyOp(r, "||", ANYCOMPATIBLE, ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY,
                (c, a, t, res) -> ArrayFuncs.prepend(a[0], arr(a[1], t.get(1)), t.get(0)));
    }

    private static void functions(BuiltinRegistry r) {
        poly(r, "array_length", List.of(ANYARRAY, INT4), INT4, true, (c, a, t, res) -> ArrayFuncs.length(arr(a[0], t.get(0)), (Integer) a[1]));
        poly(r, "array_lower", List.of(ANYARRAY, INT4), INT4, true, (c, a, t, res) -> ArrayFuncs.lower(arr(a[0], t.get(0)), (Integer) a[1]));
        poly(r, "array_upper", List.of(ANYARRAY, INT4), INT4, true, (c, a, t, res) -> ArrayFuncs.upper(arr(a[0], t.get(0)), (Integer) a[1]));
        poly(r, "array_ndims", List.of(ANYARRAY), INT4, true, (c, a, t, res) -> ArrayFuncs.ndims(arr(a[0], t.get(0))));
        poly(r, "array_dims", List.of(ANYARRAY), TEXT, true, (c, a, t, res) -> ArrayIO.dimsText(arr(a[0], t.get(0))));
        poly(r, "cardinality", List.of(ANYARRAY), INT4, true, (c, a, t, res) -> arr(a[0], t.get(0)).size());
        // non-strict, as PostgreSQL's: a NULL array counts as empty
        poly(r, "array_append", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLE), ANYCOMPATIBLEARRAY, false,
                (c, a, t, res) -> ArrayFuncs.append(arr(a[0], t.get(0)), a[1], t.get(1)));
        poly(r, "array_prepend", List.of(ANYCOMPATIBLE, ANYCOMPATIBLEARRAY), ANYCOMPATIBLEARRAY, false,
                (c, a, t, res) -> ArrayFuncs.prepend(a[0], arr(a[1], t.get(1)), t.get(0)));
        poly(r, "array_cat", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLEARRAY), ANYCOMPATIBLEARRAY, false,
                (c, a, t, res) -> ArrayFuncs.cat(arr(a[0], t.get(0)), arr(a[1], t.get(1))));
        poly(r, "array_position", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLE), INT4, false,
                (c, a, t, res) -> a[0] == null ? null : ArrayFuncs.position(arr(a[0], t.get(0)), a[1], null));
        poly(r, "array_position", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, INT4), INT4, false, (c, a, t, res) -> {
            if (a[0] == null) return null;
            if (a[2] == null) throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.INVALID_PARAMETER_VALUE,
                    "initial position must not be null");
            return ArrayFuncs.position(arr(a[0], t.get(0)), a[1], (Integer) a[2]);
        });
        poly(r, "array_positions", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLE), INT4_ARRAY, false,
                (c, a, t, res) -> a[0] == null ? null : ArrayFuncs.positions(arr(a[0], t.get(0)), a[1], INT4));
        poly(r, "array_remove", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLE), ANYCOMPATIBLEARRAY, false,
                (c, a, t, res) -> a[0] == null ? null : ArrayFuncs.replace(arr(a[0], t.get(0)), a[1], null, true));
        poly(r, "array_replace", List.of(ANYCOMPATIBLEARRAY, ANYCOMPATIBLE, ANYCOMPATIBLE), ANYCOMPATIBLEARRAY, false,
                (c, a, t, res) -> a[0] == null ? null : ArrayFuncs.replace(arr(a[0], t.get(0)), a[1], a[2], false));
        poly(r, "array_to_string", List.of(ANYARRAY, TEXT), TEXT, true, (c, a, t, res) -> ArrayFuncs.toText(arr(a[0], t.get(0)),
                (String) a[1], null, x -> elemOut(x, t.get(0), c)));
        poly(r, "array_to_string", List.of(ANYARRAY, TEXT, TEXT), TEXT, false, (c, a, t, res) -> a[0] == null || a[1] == null ? null
                : ArrayFuncs.toText(arr(a[0], t.get(0)), (String) a[1], (String) a[2], x -> elemOut(x, t.get(0), c)));
        r.fn("string_to_array", List.of(TEXT, TEXT), TEXT_ARRAY, Volatility.IMMUTABLE, false,
                (c, a) -> a[0] == null ? null : ArrayFuncs.fromText((String) a[0], (String) a[1], null, TEXT));
        r.fn("string_to_array", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY, Volatility.IMMUTABLE, false,
                (c, a) -> a[0] == null ? null : ArrayFuncs.fromText((String) a[0], (String) a[1], (String) a[2], TEXT));
        poly(r, "array_fill", List.of(ANYELEMENT, INT4_ARRAY), ANYARRAY, false, (c, a, t, res) -> fill(a, null, t));
        poly(r, "array_fill", List.of(ANYELEMENT, INT4_ARRAY, INT4_ARRAY), ANYARRAY, false, (c, a, t, res) -> fill(a, a[2], t));
    }

    private static Object fill(Object[] a, Object lbs, List<Integer> t) {
        if (a[1] == null || (a.length > 2 && a[2] == null))
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.NULL_VALUE_NOT_ALLOWED,
                    "dimension array or low bound array cannot be null");
        return ArrayFuncs.fill(a[0], ArrayValue.of(a[1], INT4), lbs == null ? null : ArrayValue.of(lbs, INT4), t.get(0));
    }

    private static String elemOut(Object x, int arrayType, FunctionCallContext c) {
        return BuiltinCatalog.type(ArrayTypes.elementOf(arrayType)).output().out(x, c.outputSettings());
    }

    private static void aggregates(BuiltinRegistry r) {
        // array_agg(anynonarray): NULL inputs are kept (array_agg_transfn is not strict)
        r.agg("array_agg", ANYNONARRAY, ANYARRAY, (PolymorphicAggregate) (argTypes, resultType) -> new ArrayAgg(argTypes.get(0), false));
        r.agg("array_agg", ANYARRAY, ANYARRAY, (PolymorphicAggregate) (argTypes, resultType)
                -> new ArrayAgg(ArrayTypes.elementOf(argTypes.get(0)), true));
    }

    /** array_agg's transition state: the inputs so far (accumArrayResult / accumArrayResultArr). */
    private record ArrayAgg(int elemType, boolean ofArrays) implements PgAggregate.Impl {
        public Object init() { return null; }

        public boolean strict() { return false; }

        @SuppressWarnings("unchecked")
        public Object transition(Object state, Object value) {
            List<Object> s = state == null ? new ArrayList<>() : (List<Object>) state;
            if (ofArrays) {
                if (value == null)
                    throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.NULL_VALUE_NOT_ALLOWED,
                            "cannot accumulate null arrays");
                ArrayValue a = ArrayValue.of(value, elemType);
                if (a.size() == 0)
                    throw org.tusk.utils.error.PgException.error("2202E", "cannot accumulate empty arrays");
                if (!s.isEmpty() && !java.util.Arrays.equals(((ArrayValue) s.get(0)).dims(), a.dims()))
                    throw org.tusk.utils.error.PgException.error("2202E", "cannot accumulate arrays of different dimensionality");
                s.add(a);
            } else {
                s.add(value);
            }
            return s;
        }

        @SuppressWarnings("unchecked")
        public Object finish(Object state) {
            if (state == null) return null;
            List<Object> s = (List<Object>) state;
            if (!ofArrays) return ArrayValue.of1d(elemType, s);
            List<ArrayValue> subs = new ArrayList<>();
            for (Object o : s) subs.add((ArrayValue) o);
            return ArrayFuncs.ofSubArrays(elemType, subs);
        }
    }
}
