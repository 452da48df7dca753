package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;
import static org.tusk.utils.adt.RangeTypes.ANYRANGE;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.RangeBound;
import org.tusk.utils.adt.RangeIO;
import org.tusk.utils.adt.RangeTypes;
import org.tusk.utils.adt.RangeValue;
import org.tusk.utils.adt.Ranges;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The range types of pg_type.dat/pg_range.dat (int4range, numrange, tsrange, tstzrange,
 * daterange, int8range) with range_in/range_out, the pseudo-type anyrange, and the built-ins of
 * pg_proc.dat and pg_operator.dat on anyrange: the constructors, the comparison operators
 * (range_eq ... range_cmp, the btree opclass range_ops), @&gt; &lt;@ &amp;&amp; &lt;&lt; &gt;&gt;
 * &amp;&lt; &amp;&gt; -|- + * -, lower/upper and the flag inquiries, range_merge and
 * range_intersect_agg. A range value carries its type's OID, so one implementation serves every
 * range type, user-defined ones included; parse analysis binds anyelement to the range's subtype.
 */
final class RangeBuiltins {
    private RangeBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.type(new PgType(ANYRANGE, "anyrange", "anyrange", -1, false, PgType.CAT_PSEUDO, false, (s, z) -> {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type anyrange");
        }, (v, z) -> String.valueOf(v)));
        r.type(new PgType(ANYCOMPATIBLERANGE, "anycompatiblerange", "anycompatiblerange", -1, false, PgType.CAT_PSEUDO, false,
                (s, z) -> {
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cannot accept a value of type anycompatiblerange");
                }, (v, z) -> String.valueOf(v)));
        for (RangeTypes.Info info : RangeTypes.builtins().values()) {
            r.type(rangeType(info));
            int t = info.rangeOid(), sub = info.subtype();
            // range_constructor2/3: not strict, a NULL bound is infinite
            r.fn(info.name(), List.of(sub, sub), t, Volatility.IMMUTABLE, false,
                    (c, a) -> Ranges.construct(t, a[0], a[1], "[)"));
            r.fn(info.name(), List.of(sub, sub, TEXT), t, Volatility.IMMUTABLE, false, (c, a) -> {
                if (a[2] == null)
                    throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "range constructor flags argument must not be null");
                return Ranges.construct(t, a[0], a[1], (String) a[2]);
            });
        }
        registerOperators(r);
        registerFunctions(r);
    }

    /** prosrc of the constructor functions DefineRange makes (makeRangeConstructors). */
    static final String CONSTRUCTOR2 = "range_constructor2", CONSTRUCTOR3 = "range_constructor3";

    static boolean isConstructor(String prosrc) {
        return CONSTRUCTOR2.equals(prosrc) || CONSTRUCTOR3.equals(prosrc);
    }

    /**
     * range_constructor2/3 for a pg_proc row (a user range type's constructor): the range type
     * is the function's result type, as the C function reads it with get_fn_expr_rettype; null if
     * {@code prosrc} is not a range constructor.
     */
    static BuiltinFunction constructor(String prosrc, int rangeType) {
        if (CONSTRUCTOR2.equals(prosrc)) return (c, a) -> Ranges.construct(rangeType, a[0], a[1], "[)");
        if (!CONSTRUCTOR3.equals(prosrc)) return null;
        return (c, a) -> {
            if (a[2] == null)
                throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "range constructor flags argument must not be null");
            return Ranges.construct(rangeType, a[0], a[1], (String) a[2]);
        };
    }

    /** The pg_type row of a range type: typcategory 'R', range_in/range_out through the subtype's I/O. */
    static PgType rangeType(RangeTypes.Info info) {
        int t = info.rangeOid();
        return new PgType(t, info.name(), info.name(), -1, false, 'R', false, (s, z) -> rangeIn(t, s, z),
                (v, settings) -> RangeIO.out((RangeValue) v, x -> BuiltinCatalog.type(info.subtype()).output().out(x, settings)));
    }

    /** range_in: parse the punctuation, convert the bounds with the subtype's input function, make_range. */
    static RangeValue rangeIn(int t, String s, org.tusk.utils.adt.InputSettings zone) {
        RangeIO.Parsed p = RangeIO.parse(s);
        if (p.empty()) return Ranges.empty(t);
        PgType sub = BuiltinCatalog.type(RangeTypes.info(t).subtype());
        RangeBound lb = p.lower() == null ? RangeBound.infinite(true) : new RangeBound(sub.input().in(p.lower(), zone), false, p.lowerInc(), true);
        RangeBound ub = p.upper() == null ? RangeBound.infinite(false) : new RangeBound(sub.input().in(p.upper(), zone), false, p.upperInc(), false);
        return Ranges.make(t, lb, ub, false);
    }

    private static RangeValue rv(Object o) { return (RangeValue) o; }

    private static void registerOperators(BuiltinRegistry r) {
        r.op("=", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.eq(rv(a[0]), rv(a[1])));
        r.op("<>", ANYRANGE, ANYRANGE, BOOL, (c, a) -> !Ranges.eq(rv(a[0]), rv(a[1])));
        r.op("<", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) < 0);
        r.op("<=", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) <= 0);
        r.op(">", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) > 0);
        r.op(">=", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) >= 0);
        r.op("@>", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.contains(rv(a[0]), rv(a[1])));
        r.op("<@", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.contains(rv(a[1]), rv(a[0])));
        r.op("@>", ANYRANGE, ANYELEMENT, BOOL, (c, a) -> Ranges.containsElem(rv(a[0]), a[1]));
        r.op("<@", ANYELEMENT, ANYRANGE, BOOL, (c, a) -> Ranges.containsElem(rv(a[1]), a[0]));
        r.op("&&", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.overlaps(rv(a[0]), rv(a[1])));
        r.op("<<", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.before(rv(a[0]), rv(a[1])));
        r.op(">>", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.after(rv(a[0]), rv(a[1])));
        r.op("&<", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.overLeft(rv(a[0]), rv(a[1])));
        r.op("&>", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.overRight(rv(a[0]), rv(a[1])));
        r.op("-|-", ANYRANGE, ANYRANGE, BOOL, (c, a) -> Ranges.adjacent(rv(a[0]), rv(a[1])));
        r.op("+", ANYRANGE, ANYRANGE, ANYRANGE, (c, a) -> Ranges.union(rv(a[0]), rv(a[1]), true));
        r.op("*", ANYRANGE, ANYRANGE, ANYRANGE, (c, a) -> Ranges.intersect(rv(a[0]), rv(a[1])));
        r.op("-", ANYRANGE, ANYRANGE, ANYRANGE, (c, a) -> Ranges.minus(rv(a[0]), rv(a[1])));
    }

    private static void registerFunctions(BuiltinRegistry r) {
        List<Integer> one = List.of(ANYRANGE), two = List.of(ANYRANGE, ANYRANGE);
        r.fn("lower", one, ANYELEMENT, (c, a) -> Ranges.lower(rv(a[0])));
        r.fn("upper", one, ANYELEMENT, (c, a) -> Ranges.upper(rv(a[0])));
        r.fn("isempty", one, BOOL, (c, a) -> rv(a[0]).isEmpty());
        r.fn("lower_inc", one, BOOL, (c, a) -> (rv(a[0]).flags() & RangeValue.LB_INC) != 0);
        r.fn("upper_inc", one, BOOL, (c, a) -> (rv(a[0]).flags() & RangeValue.UB_INC) != 0);
        r.fn("lower_inf", one, BOOL, (c, a) -> (rv(a[0]).flags() & RangeValue.LB_INF) != 0);
        r.fn("upper_inf", one, BOOL, (c, a) -> (rv(a[0]).flags() & RangeValue.UB_INF) != 0);
        r.fn("range_merge", two, ANYRANGE, (c, a) -> Ranges.union(rv(a[0]), rv(a[1]), false));
        r.fn("range_cmp", two, INT4, (c, a) -> Integer.signum(Ranges.cmp(rv(a[0]), rv(a[1]))));
        // the functions behind the operators, callable by name as in PostgreSQL
        r.fn("range_eq", two, BOOL, (c, a) -> Ranges.eq(rv(a[0]), rv(a[1])));
        r.fn("range_ne", two, BOOL, (c, a) -> !Ranges.eq(rv(a[0]), rv(a[1])));
        r.fn("range_lt", two, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) < 0);
        r.fn("range_le", two, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) <= 0);
        r.fn("range_gt", two, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) > 0);
        r.fn("range_ge", two, BOOL, (c, a) -> Ranges.cmp(rv(a[0]), rv(a[1])) >= 0);
        r.fn("range_contains", two, BOOL, (c, a) -> Ranges.contains(rv(a[0]), rv(a[1])));
        r.fn("range_contained_by", two, BOOL, (c, a) -> Ranges.contains(rv(a[1]), rv(a[0])));
        r.fn("range_contains_elem", List.of(ANYRANGE, ANYELEMENT), BOOL, (c, a) -> Ranges.containsElem(rv(a[0]), a[1]));
        r.fn("elem_contained_by_range", List.of(ANYELEMENT, ANYRANGE), BOOL, (c, a) -> Ranges.containsElem(rv(a[1]), a[0]));
        r.fn("range_overlaps", two, BOOL, (c, a) -> Ranges.overlaps(rv(a[0]), rv(a[1])));
        r.fn("range_before", two, BOOL, (c, a) -> Ranges.before(rv(a[0]), rv(a[1])));
        r.fn("range_after", two, BOOL, (c, a) -> Ranges.after(rv(a[0]), rv(a[1])));
        r.fn("range_overleft", two, BOOL, (c, a) -> Ranges.overLeft(rv(a[0]), rv(a[1])));
        r.fn("range_overright", two, BOOL, (c, a) -> Ranges.overRight(rv(a[0]), rv(a[1])));
        r.fn("range_adjacent", two, BOOL, (c, a) -> Ranges.adjacent(rv(a[0]), rv(a[1])));
        r.fn("range_union", two, ANYRANGE, (c, a) -> Ranges.union(rv(a[0]), rv(a[1]), true));
        r.fn("range_intersect", two, ANYRANGE, (c, a) -> Ranges.intersect(rv(a[0]), rv(a[1])));
        r.fn("range_minus", two, ANYRANGE, (c, a) -> Ranges.minus(rv(a[0]), rv(a[1])));
        // range_intersect_agg(anyrange): range_intersect as transition function, strict (NULLs skipped)
        r.agg("range_intersect_agg", ANYRANGE, ANYRANGE, new BuiltinRegistry.SimpleAgg(() -> null,
                (s, v) -> v == null ? s : s == null ? v : Ranges.intersect(rv(s), rv(v)), s -> s));
    }
}
