package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.error.SqlState;

/**
 * Parse analysis of array constructs: transformArrayExpr (ARRAY[...], with the target type of
 * an enclosing cast pushed down), transformContainerSubscripts / array_subscript_transform
 * (a[i], a[l:u]), make_scalar_array_op (x op ANY/ALL (array)) and the ARRAY(subquery) sublink
 * (parse_expr.c, parse_node.c, parse_oper.c, arraysubs.c).
 */
final class ArrayAnalysis {
    private ArrayAnalysis() {}

    /**
     * ARRAY[...]; {@code targetArray} is the array type of an enclosing cast (0 if none), to
     * which elements are coerced as explicitly as that cast.
     */
    static Expr transformArrayExpr(Analyzer a, RawExpr.ArrayExpr raw, int targetArray) {
        int targetElem = targetArray == 0 ? 0 : ArrayTypes.elementOf(targetArray);
        List<Expr> elems = new ArrayList<>();
        List<Integer> locs = new ArrayList<>();
        boolean nested = false;
        for (RawExpr r : raw.elements()) {
            if (r instanceof RawExpr.ArrayExpr sub) {
                // a bracket list inside ARRAY[...]: a sub-array of the same target type
                elems.add(transformArrayExpr(a, sub, targetArray));
                nested = true;
            } else {
                elems.add(a.transformExpr(r));
            }
            locs.add(r.location());
        }
        int arrayType, elemType;
        boolean multidims;
        if (targetArray != 0) {
            arrayType = targetArray;
            elemType = targetElem;
            multidims = nested;
        } else {
            if (elems.isEmpty())
                throw a.err("42P18", "cannot determine type of empty array", raw.location())
                        .withHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
            int common = ParseCoerce.selectCommonType(elems, locs, "ARRAY", a.src());
            // int2vector and oidvector elements are scalars here (transformArrayExpr does not take them as sub-arrays)
            int e = common == 22 || common == 30 ? 0 : ArrayTypes.elementOf(common);   // int2vector, oidvector
            if (e != 0) {
                // the elements are arrays themselves: one more dimension
                arrayType = common;
                elemType = e;
                multidims = true;
            } else {
                arrayType = ArrayTypes.arrayOf(common);
                if (arrayType == 0)
                    throw a.err(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                            + BuiltinCatalog.formatType(common), raw.location());
                elemType = common;
                multidims = false;
            }
        }
        int want = multidims ? arrayType : elemType;
        Context ctx = targetArray != 0 ? Context.EXPLICIT : Context.IMPLICIT;
        List<Expr> coerced = new ArrayList<>();
        for (int i = 0; i < elems.size(); i++) {
            Expr e = elems.get(i);
            if (!ParseCoerce.canCoerce(e.type(), want, ctx))
                throw a.err(targetArray != 0 ? "42846" : SqlState.DATATYPE_MISMATCH, (targetArray != 0 ? "cannot cast type "
                        : "ARRAY could not convert type ") + BuiltinCatalog.formatType(e.type()) + " to "
                        + BuiltinCatalog.formatType(want), locs.get(i));
            coerced.add(a.coerce(e, want, -1, ctx, locs.get(i)));
        }
        return new Expr.ArrayExpr(elemType, arrayType, List.copyOf(coerced), multidims, raw.location());
    }

    /** a[i][j], a[l:u]: transformContainerSubscripts for arrays. */
    static Expr transformIndirection(Analyzer a, RawExpr.Indirection ind) {
        return subscripting(a, a.transformExpr(ind.arg()), ind);
    }

    private static Expr subscripting(Analyzer a, Expr c, RawExpr.Indirection ind) {
        return subscripting(a, c, c.type(), ind, argLocation(ind.arg()));
    }

    /**
     * transformContainerSubscripts for an assignment target: {@code container} (of type
     * {@code containerType}, a domain's base type) subscripted by {@code subscripts}; the
     * result's type is what the assigned value must be (the element, or the array for a slice).
     */
    static Expr.SubscriptingRef assignmentSubscripting(Analyzer a, Expr container, int containerType,
                                                       List<RawExpr.Subscript> subscripts, int location) {
        return (Expr.SubscriptingRef) subscripting(a, container, containerType,
                new RawExpr.Indirection(null, subscripts, location), location);
    }

    private static Expr subscripting(Analyzer a, Expr c, int ct, RawExpr.Indirection ind, int location) {
        if (ct == UNKNOWN) {
            // an unknown literal being subscripted is taken as text[]... PostgreSQL refuses it as unknown
            throw a.err(SqlState.DATATYPE_MISMATCH, "cannot subscript type unknown because it does not support subscripting",
                    location);
        }
        if (ct == JSONB) return jsonbSubscripting(a, c, ind);
        int et = ArrayTypes.elementOf(ct);
        if (et == 0) et = ArrayTypes.rawElementOf(ct);
        if (et == 0)
            throw a.err(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + BuiltinCatalog.formatType(ct)
                    + " because it does not support subscripting", location);
        List<RawExpr.Subscript> subs = ind.subscripts();
        if (subs.size() > ArrayValue.MAXDIM)
            throw a.err(SqlState.PROGRAM_LIMIT_EXCEEDED, "number of array dimensions (" + subs.size()
                    + ") exceeds the maximum allowed (" + ArrayValue.MAXDIM + ")", -1);   // no position, as array_subscript_transform
        boolean slice = false;
        for (RawExpr.Subscript s : subs) slice |= s.slice();
        List<Expr> upper = new ArrayList<>(), lower = slice ? new ArrayList<>() : null;
        for (RawExpr.Subscript s : subs) {
            upper.add(s.upper() == null ? null : subscript(a, s.upper()));
            if (slice) {
                if (s.slice()) lower.add(s.lower() == null ? null : subscript(a, s.lower()));
                else lower.add(new Expr.Const(INT4, -1, 1, -1));   // [i] among slices means [1:i]
            }
        }
        return new Expr.SubscriptingRef(c, java.util.Collections.unmodifiableList(upper),
                lower == null ? null : java.util.Collections.unmodifiableList(lower), slice ? ct : et, ct);
    }

    /**
     * jsonb_subscript_transform: no slices; each subscript becomes integer or text, whichever
     * one of the two its type coerces to implicitly (an unknown literal is text); the result is
     * always jsonb.
     */
    private static Expr jsonbSubscripting(Analyzer a, Expr c, RawExpr.Indirection ind) {
        List<Expr> upper = new ArrayList<>();
        for (RawExpr.Subscript s : ind.subscripts()) {
            if (s.slice()) {
                RawExpr at = s.upper() != null ? s.upper() : s.lower();
                throw a.err(SqlState.DATATYPE_MISMATCH, "jsonb subscript does not support slices",
                        at != null ? at.location() : -1);
            }
            Expr e = a.transformExpr(s.upper());
            int from = e.type();
            int target;
            if (from == UNKNOWN) {
                target = TEXT;
            } else {
                boolean toInt = ParseCoerce.canCoerce(from, INT4, Context.IMPLICIT);
                boolean toText = ParseCoerce.canCoerce(from, TEXT, Context.IMPLICIT);
                if (toInt && toText)
                    throw a.err(SqlState.DATATYPE_MISMATCH, "subscript type " + BuiltinCatalog.formatType(from)
                            + " is not supported", s.upper().location())
                            .withHint("jsonb subscript must be coercible to only one type, integer or text.");
                if (!toInt && !toText)
                    throw a.err(SqlState.DATATYPE_MISMATCH, "subscript type " + BuiltinCatalog.formatType(from)
                            + " is not supported", s.upper().location())
                            .withHint("jsonb subscript must be coercible to either integer or text.");
                target = toInt ? INT4 : TEXT;
            }
            upper.add(a.coerce(e, target, -1, Context.IMPLICIT, s.upper().location()));
        }
        return new Expr.SubscriptingRef(c, java.util.Collections.unmodifiableList(upper), null, JSONB, JSONB);
    }

    /** exprLocation of an A_Indirection is that of its innermost argument. */
    private static int argLocation(RawExpr e) {
        return e instanceof RawExpr.Indirection ind ? argLocation(ind.arg()) : e.location();
    }

    private static Expr subscript(Analyzer a, RawExpr r) {
        Expr e = a.transformExpr(r);
        if (!ParseCoerce.canCoerce(e.type(), INT4, Context.ASSIGNMENT))
            throw a.err(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer", r.location());
        return a.coerce(e, INT4, -1, Context.ASSIGNMENT, r.location());
    }

    /** transformAExprOpAny / transformAExprOpAll: both operands, then make_scalar_array_op. */
    static Expr transformScalarArrayOp(Analyzer a, RawExpr.ScalarArrayOp raw) {
        Expr l = a.transformExpr(raw.left());
        Expr r = a.transformExpr(raw.right());
        return makeScalarArrayOp(a, raw.op(), !raw.all(), l, r, raw.left().location(), raw.right().location(),
                raw.location());
    }

    /** make_scalar_array_op: {@code l op ANY|ALL (r)}, r being an array of the operator's right type. */
    static Expr makeScalarArrayOp(Analyzer a, String opName, boolean useOr, Expr l, Expr r, int lloc, int rloc,
                                  int location) {
        int rt = r.type();
        int elem;
        if (rt == UNKNOWN) {
            elem = UNKNOWN;
        } else {
            elem = ArrayTypes.elementOf(rt);
            if (elem == 0)
                throw a.err("42809", "op ANY/ALL (array) requires array on right side", location);
        }
        Expr placeholder = new Expr.Const(elem, -1, null, rloc);
        Expr test = a.makeOp(opName, l, placeholder, lloc, rloc, location);
        if (!(test instanceof Expr.OpExpr op))
            throw a.err("42809", "op ANY/ALL (array) requires operator not returning a set", location);
        if (op.type() != BOOL)
            throw a.err("42809", "op ANY/ALL (array) requires operator to yield boolean", location);
        // enforce_generic_type_consistency: a polymorphic right operand (anyenum = anyenum) is
        // the type it was bound to, so the array is that type's array
        int declRight = op.op().right();
        if (declRight == BuiltinCatalog.ANYENUM || declRight == org.tusk.catalog.TypeOids.ANYELEMENT
                || declRight == org.tusk.catalog.TypeOids.ANYNONARRAY)
            declRight = op.args().get(1).type();
        int want = ArrayTypes.arrayOf(declRight);
        if (want == 0)
            throw a.err(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                    + BuiltinCatalog.formatType(declRight), location);
        if (r.type() != want) r = a.coerce(r, want, -1, Context.IMPLICIT, rloc);
        return new Expr.ScalarArrayOpExpr(op.op(), useOr, op.args().get(0), r);
    }

    /** The ARRAY(subquery) sublink: one output column, whose array type is the result. */
    static Expr arraySubLink(Analyzer a, Query q, List<Query.TargetEntry> cols, int location) {
        if (cols.size() != 1) throw a.err(SqlState.SYNTAX_ERROR, "subquery must return only one column", location);
        int ct = cols.get(0).expr().type();
        if (ct == UNKNOWN) ct = TEXT;
        // get_promoted_array_type: the type's own array type if it has one (int2vector[]), else an array itself
        int at = ArrayTypes.arrayOf(ct) != 0 ? ArrayTypes.arrayOf(ct) : ArrayTypes.isArray(ct) ? ct : 0;
        if (at == 0)
            throw a.err(SqlState.UNDEFINED_OBJECT, "could not find array type for data type " + BuiltinCatalog.formatType(ct), location);
        return new Expr.SubLink(Expr.SubLinkType.ARRAY, null, q, at, -1, location);
    }
}
