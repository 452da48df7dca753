package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.BuiltinFunction;
import org.tusk.catalog.PgAggregate;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.PolymorphicAggregate;
import org.tusk.catalog.PolymorphicFunction;
import org.tusk.utils.adt.RangeTypes;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Polymorphic type resolution (parse_coerce.c: check_generic_type_consistency,
 * enforce_generic_type_consistency). Family 1 (anyelement, anyarray, anynonarray) requires all
 * its arguments to agree exactly on one element type; family 2 (anycompatible,
 * anycompatiblearray) takes the common type of its arguments' element types, as
 * select_common_type does, and the arguments are then coerced to it. Unknown-type literals take
 * the resolved type. The bound catalog entry carries the concrete signature and the
 * implementation bound to it.
 */
final class ParsePolymorphic {
    private ParsePolymorphic() {}

    /** ANYRANGEOID: family 1 too; a range argument binds anyelement to its subtype. */
    static final int ANYRANGE = RangeTypes.ANYRANGE;

    static boolean isPolymorphic(int t) {
        return t == ANYELEMENT || t == ANYARRAY || t == ANYNONARRAY || t == ANYCOMPATIBLE || t == ANYCOMPATIBLEARRAY
                || t == ANYRANGE || t == ANYCOMPATIBLERANGE;
    }

    static boolean anyPolymorphic(List<Integer> types) {
        for (int t : types) if (isPolymorphic(t)) return true;
        return false;
    }

    /**
     * IsPolymorphicType for the declared types of a user function, which include anyenum: a
     * built-in function on anyenum is bound to its enum type by {@link AnyEnum} instead (its
     * body needs the type, EnumBuiltins.bindFor), so {@link #isPolymorphic} leaves it out.
     */
    static boolean isPolymorphicUserType(int t) {
        return isPolymorphic(t) || t == AnyEnum.ANYENUM;
    }

    /** A failure of resolution: the message of enforce_generic_type_consistency and its detail. */
    static final class Inconsistent extends Exception {
        final String detail;

        Inconsistent(String message, String detail) {
            super(message, null, false, false);
            this.detail = detail;
        }
    }

    record Resolved(List<Integer> args, int result) {}

    /** check_generic_type_consistency: whether the actual types can match the declared ones. */
    static boolean consistent(List<Integer> declared, List<Integer> actual) {
        if (!anyPolymorphic(declared)) return true;
        try {
            resolve(declared, actual, 0, false);
            return true;
        } catch (Inconsistent e) {
            return false;
        }
    }

    private static String name(int t) { return BuiltinCatalog.formatType(t); }

    /**
     * Resolves the polymorphic declared types; {@code strict} also requires every polymorphic
     * slot to be determined (enforce), else unresolved slots stay as declared.
     */
    static Resolved resolve(List<Integer> declared, List<Integer> actual, int declaredResult, boolean strict)
            throws Inconsistent {
        int elem = 0, arrElem = 0, rangeType = 0, compatRange = 0;
        boolean nonArray = declaredResult == ANYNONARRAY, family1 = false, family2 = false;
        boolean enumDeclared = declaredResult == AnyEnum.ANYENUM;
        List<Integer> compat = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            int d = declared.get(i), a = actual.get(i);
            if (d == ANYNONARRAY) nonArray = true;
            if (d == ANYELEMENT || d == ANYNONARRAY || d == ANYARRAY || d == ANYRANGE || d == AnyEnum.ANYENUM) family1 = true;
            if (d == AnyEnum.ANYENUM) enumDeclared = true;
            if (d == ANYCOMPATIBLE || d == ANYCOMPATIBLEARRAY || d == ANYCOMPATIBLERANGE) family2 = true;
            if (a == UNKNOWN) continue;
            switch (d) {
                case ANYELEMENT, ANYNONARRAY, AnyEnum.ANYENUM -> {
                    if (elem == 0) elem = a;
                    else if (elem != a)
                        throw new Inconsistent("arguments declared \"anyelement\" are not all alike", name(elem) + " versus " + name(a));
                }
                case ANYARRAY -> {
                    int ae = ArrayTypes.elementOf(a);
                    if (ae == 0) throw new Inconsistent("argument declared anyarray is not an array but type " + name(a), null);
                    if (arrElem == 0) arrElem = ae;
                    else if (arrElem != ae)
                        throw new Inconsistent("arguments declared \"anyarray\" are not all alike", name(ArrayTypes.arrayOf(arrElem)) + " versus " + name(a));
                }
                case ANYRANGE -> {
                    a = org.tusk.catalog.TypeCache.baseType(a);   // a domain over a range acts as its range type
                    if (!RangeTypes.isRange(a)) throw new Inconsistent("argument declared anyrange is not a range type but type " + name(a), null);
                    if (rangeType == 0) rangeType = a;
                    else if (rangeType != a)
                        throw new Inconsistent("arguments declared \"anyrange\" are not all alike", name(rangeType) + " versus " + name(a));
                }
                case ANYCOMPATIBLERANGE -> {
                    a = org.tusk.catalog.TypeCache.baseType(a);
                    if (!RangeTypes.isRange(a))
                        throw new Inconsistent("argument declared anycompatiblerange is not a range type but type " + name(a), null);
                    if (compatRange == 0) compatRange = a;
                    else if (compatRange != a)
                        throw new Inconsistent("arguments declared \"anycompatiblerange\" are not all alike",
                                name(compatRange) + " versus " + name(a));
                }
                case ANYCOMPATIBLE -> compat.add(a);
                case ANYCOMPATIBLEARRAY -> {
                    int ae = ArrayTypes.elementOf(a);
                    if (ae == 0) throw new Inconsistent("argument declared anycompatiblearray is not an array but type " + name(a), null);
                    compat.add(ae);
                }
                default -> { }
            }
        }
        if (arrElem != 0) {
            if (elem != 0 && elem != arrElem)
                throw new Inconsistent("argument declared anyarray is not consistent with argument declared anyelement",
                        name(ArrayTypes.arrayOf(arrElem)) + " versus " + name(elem));
            elem = arrElem;
        }
        if (rangeType != 0) {
            // the range's subtype is what anyelement means in the same call
            int sub = RangeTypes.info(rangeType).subtype();
            if (elem != 0 && elem != sub)
                throw new Inconsistent("argument declared anyrange is not consistent with argument declared anyelement",
                        name(rangeType) + " versus " + name(elem));
            elem = sub;
        }
        if (nonArray && elem != 0 && ArrayTypes.isArray(elem))
            throw new Inconsistent("type matched to anynonarray is an array type: " + name(elem), null);
        // enforce_generic_type_consistency: anyenum also requires the element type to be an enum
        if (enumDeclared && elem != 0 && !AnyEnum.isEnum(org.tusk.catalog.TypeCache.baseType(elem)))
            throw new Inconsistent("type matched to anyenum is not an enum type: " + name(elem), null);
        int common = 0;
        if (compatRange != 0) {
            // the range fixes the common type: its subtype, to which every anycompatible argument must coerce
            common = RangeTypes.info(compatRange).subtype();
            for (int t : compat)
                if (!ParseCoerce.canCoerce(t, common, ParseCoerce.Context.IMPLICIT))
                    throw new Inconsistent("argument declared anycompatiblerange is not consistent with argument declared anycompatible",
                            name(compatRange) + " versus " + name(t));
        } else if (!compat.isEmpty()) common = commonType(compat);
        else if (family2) common = TEXT;   // all unknown: resolved as text
        if (family1 && elem == 0 && strict)
            throw new Inconsistent("could not determine polymorphic type because input has type unknown", null);
        List<Integer> args = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) args.add(subst(declared.get(i), elem, common, rangeType, compatRange, strict));
        int result = declaredResult == 0 ? 0 : subst(declaredResult, elem, common, rangeType, compatRange, strict);
        return new Resolved(args, result);
    }

    private static int subst(int d, int elem, int common, int rangeType, int compatRange, boolean strict)
            throws Inconsistent {
        return switch (d) {
            case ANYCOMPATIBLERANGE -> {
                if (compatRange != 0 || !strict) yield compatRange == 0 ? d : compatRange;
                throw new Inconsistent(common == 0 ? "could not determine polymorphic type because input has type unknown"
                        : "could not find range type for data type " + name(common), null);
            }
            case ANYRANGE -> {
                if (rangeType != 0 || !strict) yield rangeType == 0 ? d : rangeType;
                throw new Inconsistent(elem == 0 ? "could not determine polymorphic type because input has type unknown"
                        : "could not find range type for data type " + name(elem), null);
            }
            case ANYELEMENT, ANYNONARRAY, AnyEnum.ANYENUM -> elem == 0 ? d : elem;
            case ANYCOMPATIBLE -> common == 0 ? d : common;
            case ANYARRAY, ANYCOMPATIBLEARRAY -> {
                int e = d == ANYARRAY ? elem : common;
                if (e == 0) yield d;
                // arrays have no array type of their own (typarray 0); int2vector and oidvector,
                // subscriptable but not true arrays, do (_int2vector, _oidvector)
                int arr = ArrayTypes.arrayOf(e);
                if (arr == 0) throw new Inconsistent("could not find array type for data type " + name(e), null);
                yield arr;
            }
            default -> d;
        };
    }

    /** select_common_type_from_oids for the anycompatible family. */
    private static int commonType(List<Integer> types) throws Inconsistent {
        int ptype = types.get(0);
        char pcat = ParseCoerce.category(ptype);
        for (int t : types) {
            if (t == ptype) continue;
            if (ParseCoerce.category(t) != pcat)
                throw new Inconsistent("arguments declared \"anycompatible\" are not all alike", name(ptype) + " versus " + name(t));
            if (!ParseCoerce.isPreferred(ptype) && ParseCoerce.canCoerce(ptype, t, ParseCoerce.Context.IMPLICIT)
                    && !ParseCoerce.canCoerce(t, ptype, ParseCoerce.Context.IMPLICIT))
                ptype = t;
        }
        for (int t : types)
            if (!ParseCoerce.canCoerce(t, ptype, ParseCoerce.Context.IMPLICIT))
                throw new Inconsistent("arguments declared \"anycompatible\" are not all alike", name(ptype) + " versus " + name(t));
        return ptype;
    }

    /** enforce_generic_type_consistency, raising PostgreSQL's error. */
    static Resolved enforce(Analyzer a, List<Integer> declared, List<Integer> actual, int declaredResult, int location) {
        try {
            return resolve(declared, actual, declaredResult, true);
        } catch (Inconsistent e) {
            PgException ex = a.err(SqlState.DATATYPE_MISMATCH, e.getMessage(), location);
            return throwWith(ex, e.detail);
        }
    }

    private static Resolved throwWith(PgException ex, String detail) {
        throw detail == null ? ex : ex.withDetail(detail);
    }

    static PgProc bind(Analyzer a, PgProc p, List<Integer> actual, int location) {
        if (!anyPolymorphic(p.argTypes()) && !isPolymorphic(p.resultType())) {
            // "any" takes the argument as it is; a function that needs its type (pg_typeof) binds to it
            if (!(p.impl() instanceof PolymorphicFunction pf) || !p.argTypes().contains(org.tusk.catalog.TypeOids.ANY)) return p;
            List<Integer> bound = new java.util.ArrayList<>(p.argTypes());
            for (int i = 0; i < bound.size(); i++) if (bound.get(i) == org.tusk.catalog.TypeOids.ANY) bound.set(i, actual.get(i));
            return new PgProc(p.oid(), p.name(), List.copyOf(bound), p.resultType(), p.strict(), p.volatility(), false,
                    pf.bind(bound, p.resultType()));
        }
        Resolved r = enforce(a, p.argTypes(), actual, p.resultType(), location);
        BuiltinFunction impl = p.impl() instanceof PolymorphicFunction pf ? pf.bind(r.args(), r.result()) : p.impl();
        return new PgProc(p.oid(), p.name(), List.copyOf(r.args()), r.result(), p.strict(), p.volatility(), false, impl);
    }

    static PgOperator bind(Analyzer a, PgOperator op, int lt, int rt, int location) {
        boolean prefix = op.left() == 0;
        List<Integer> declared = prefix ? List.of(op.right()) : List.of(op.left(), op.right());
        if (!anyPolymorphic(declared) && !isPolymorphic(op.result())) return op;
        Resolved r = enforce(a, declared, prefix ? List.of(rt) : List.of(lt, rt), op.result(), location);
        BuiltinFunction impl = op.impl() instanceof PolymorphicFunction pf ? pf.bind(r.args(), r.result()) : op.impl();
        return new PgOperator(op.name(), prefix ? 0 : r.args().get(0), r.args().get(prefix ? 0 : 1), r.result(),
                op.volatility(), impl, op.strict(), op.funcOid());
    }

    static PgAggregate bind(Analyzer a, PgAggregate agg, List<Integer> actual, int location) {
        if (!anyPolymorphic(agg.argTypes()) && !isPolymorphic(agg.resultType())) {
            // "any" takes the argument as it is (an unknown literal as text, as the caller coerces
            // it); an implementation that needs the argument types (json_object_agg) binds to them
            if (!(agg.impl() instanceof PolymorphicAggregate pa) || !agg.argTypes().contains(org.tusk.catalog.TypeOids.ANY))
                return agg;
            List<Integer> bound = new java.util.ArrayList<>(agg.argTypes());
            for (int i = 0; i < bound.size(); i++)
                if (bound.get(i) == org.tusk.catalog.TypeOids.ANY)
                    bound.set(i, actual.get(i) == org.tusk.catalog.TypeOids.UNKNOWN ? org.tusk.catalog.TypeOids.TEXT : actual.get(i));
            return new PgAggregate(agg.name(), agg.argTypes(), agg.resultType(), pa.bind(List.copyOf(bound), agg.resultType()));
        }
        Resolved r = enforce(a, agg.argTypes(), actual, agg.resultType(), location);
        PgAggregate.Impl impl = agg.impl() instanceof PolymorphicAggregate pa ? pa.bind(r.args(), r.result()) : agg.impl();
        return new PgAggregate(agg.name(), List.copyOf(r.args()), r.result(), impl);
    }
}
