package org.tusk.parser;

import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.DomainInfo;
import org.tusk.catalog.TypeCache;
import org.tusk.catalog.PgCast;
import org.tusk.catalog.PgType;
import org.tusk.nodes.Expr;
import org.tusk.nodes.TypeName;
import org.tusk.utils.adt.InputSettings;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Type coercion, as PostgreSQL's parse_coerce.c: can_coerce_type(), coerce_type() (unknown
 * literals are converted right here by the target type's input function, so their errors point
 * at the literal), find_coercion_pathway() over the built-in pg_cast table with the automatic
 * I/O conversion rules, select_common_type(), and typmod coercion for varchar(n)/numeric(p,s).
 */
public final class ParseCoerce {
    private ParseCoerce() {}

    public enum Context { IMPLICIT, ASSIGNMENT, EXPLICIT }

    static boolean isStringCategory(int t) {
        return t == TEXT || t == VARCHAR || t == NAME || t == BPCHAR;
    }

    static char category(int t) { return BuiltinCatalog.type(t).category(); }

    static boolean isPreferred(int t) { return BuiltinCatalog.type(t).preferred(); }

    private static boolean contextAllows(char castContext, Context ctx) {
        return switch (castContext) {
            case 'i' -> true;
            case 'a' -> ctx != Context.IMPLICIT;
            default -> ctx == Context.EXPLICIT;
        };
    }

    public static boolean canCoerce(int from, int to, Context ctx) {
        if (from == to || from == UNKNOWN || to == ANY) return true;
        // find_coercion_pathway works on base types: a domain converts as its base type does,
        // and a value becomes a domain as it would become the base type (then is checked)
        int fromBase = TypeCache.baseType(from), toBase = TypeCache.baseType(to);
        if (fromBase != from || toBase != to) return canCoerce(fromBase, toBase, ctx);
        if (to == AnyEnum.ANYENUM) return AnyEnum.isEnum(from);
        if (to == org.tusk.utils.adt.RangeTypes.ANYRANGE || to == org.tusk.catalog.TypeOids.ANYCOMPATIBLERANGE)
            return org.tusk.utils.adt.RangeTypes.isRange(org.tusk.catalog.TypeCache.baseType(from));
        // a named composite is binary-coercible to record; a record (row constructor) converts
        // to a named composite field by field (coerce_record_to_complex checks the fields)
        if (to == RECORD && org.tusk.catalog.TypeCache.lookupComposite(from) != null) return true;
        if (from == RECORD && org.tusk.catalog.TypeCache.lookupComposite(to) != null) return true;
        // polymorphic targets: any type, any array, any non-array (the whole signature is
        // checked for consistency by ParsePolymorphic)
        if (to == ANYELEMENT || to == ANYCOMPATIBLE) return true;
        if (to == ANYNONARRAY) return !ArrayTypes.isArray(from);
        if (to == ANYARRAY || to == ANYCOMPATIBLEARRAY) return ArrayTypes.isArray(from);
        // array to array: when the elements can be coerced (find_coercion_pathway's array coercion)
        int ef = ArrayTypes.elementOf(from), et = ArrayTypes.elementOf(to);
        if (ef != 0 && et != 0 && BuiltinCatalog.cast(from, to) == null) return canCoerce(ef, et, ctx);
        PgCast c = BuiltinCatalog.cast(from, to);
        if (c != null) return contextAllows(c.context(), ctx);
        // record has I/O functions (record_out), so a row converts to a string type by I/O as in find_coercion_pathway
        if (from == RECORD && isStringCategory(to)) return ctx != Context.IMPLICIT;
        // and so has anyarray (anyarray_out: pg_stats.histogram_bounds::text)
        if (from == ANYARRAY && isStringCategory(to)) return ctx != Context.IMPLICIT;
        if (category(from) == PgType.CAT_PSEUDO || category(to) == PgType.CAT_PSEUDO) return false;
        if (isStringCategory(to)) return ctx != Context.IMPLICIT;
        if (isStringCategory(from)) return ctx == Context.EXPLICIT;
        return false;
    }

    /**
     * The coercion node built for a cast the user wrote, marked as such (coerce_type's cformat
     * COERCE_EXPLICIT_CAST), so that deparsing shows it wherever it stands; a length coercion
     * carries its own flag, and a constant folded at parse time needs none.
     */
    static Expr markExplicit(Expr e) {
        return switch (e) {
            case Expr.CastFunc c -> new Expr.CastFunc(c.cast(), c.arg(), c.type(), true);
            case Expr.CoerceViaIO c -> new Expr.CoerceViaIO(c.arg(), c.type(), c.location(), true);
            case Expr.ArrayCoerceExpr c -> new Expr.ArrayCoerceExpr(c.arg(), c.elemExpr(), c.type(), c.elemType(), true);
            case Expr.RelabelType r -> new Expr.RelabelType(r.arg(), r.type(), r.typmod(), true);
            default -> e;
        };
    }

    /**
     * Coerces expr (of type from) to type to. The caller has checked canCoerce(); typmod -1
     * means none. location is the 0-based offset used for errors (-1 for none).
     */
    public static Expr coerce(Expr expr, int to, int typmod, Context ctx, String src, int location, InputSettings zone) {
        int from = expr.type();
        Expr result;
        if (to == ANY) return expr;
        if (expr instanceof Expr.CollateExpr c && from != to) {
            // coerce_type: the coercion goes under the COLLATE, which stays on top when the
            // target type is collatable (so that 'x' COLLATE "C" still converts as a literal)
            Expr coerced = coerce(c.arg(), to, typmod, ctx, src, location, zone);
            return org.tusk.catalog.Collations.typeCollation(to) != 0
                    ? new Expr.CollateExpr(coerced, c.collOid(), c.location()) : coerced;
        }
        DomainInfo domain = from == to ? null : TypeCache.lookupDomain(to);
        if (domain != null) return coerceToDomain(expr, domain, typmod, ctx, src, location, zone);
        int domainElem = from == UNKNOWN ? ArrayTypes.elementOf(to) : 0;
        if (domainElem != 0 && TypeCache.lookupDomain(domainElem) != null) {
            // array_in of an array of a domain reads each element with domain_in: the literal is
            // read as an array of the domain's base type, then each element is checked as the domain
            int baseArray = ArrayTypes.arrayOf(TypeCache.baseType(domainElem));
            if (baseArray != 0) {
                Expr asBase = coerce(expr, baseArray, -1, ctx, src, location, zone);
                Expr elem = coerce(new Expr.Var(Expr.Var.RESOLVED, 1, ArrayTypes.elementOf(baseArray), -1, "element", -1),
                        domainElem, -1, ctx, src, location, zone);
                return new Expr.ArrayCoerceExpr(asBase, elem, to, domainElem);
            }
        }
        if (from != to && TypeCache.lookupDomain(from) != null) {
            // a domain value is its base type's value: relabel it, then convert as the base type
            expr = new Expr.RelabelType(expr, TypeCache.baseType(from), -1);
            from = expr.type();
        }
        if (from == to) {
            result = expr;
        } else if (from == UNKNOWN && expr instanceof Expr.Const c) {
            Object v = null;
            if (c.value() != null) {
                try {
                    // interval_in reads the field qualifier of its typmod (a bare '1' in YEAR means years)
                    v = to == INTERVAL && typmod >= 0 ? org.tusk.utils.adt.IntervalParse.parse((String) c.value(),
                            typmod >>> 16, zone.intervalStyle())
                            : BuiltinCatalog.type(to).input().in((String) c.value(), zone);
                } catch (PgException e) {
                    throw withPosition(e, src, c.location());
                }
                if (to == org.tusk.utils.adt.RegTypes.REGCLASS && v != null) pinRegclassLiteral(c, ((Number) v).intValue(), src);
            }
            int loc = c.location() >= 0 ? c.location() : location;
            result = new Expr.Const(to, -1, v, loc);
        } else if (from == UNKNOWN) {
            result = new Expr.CoerceViaIO(expr, to, location);
        } else if (to == RECORD && org.tusk.catalog.TypeCache.lookupComposite(from) != null) {
            // coerce_type: a composite value is a record as it is, with no RelabelType over it
            result = expr;
        } else if (ArrayTypes.elementOf(from) != 0 && ArrayTypes.elementOf(to) != 0 && BuiltinCatalog.cast(from, to) == null) {
            // ArrayCoerceExpr: each element through the element coercion, reading it as Var(RESOLVED, 1)
            int ef = ArrayTypes.elementOf(from), et = ArrayTypes.elementOf(to);
            Expr elem = coerce(new Expr.Var(Expr.Var.RESOLVED, 1, ef, -1, "element", -1), et, typmod, ctx, src, location, zone);
            result = new Expr.ArrayCoerceExpr(expr, elem, to, et);
        } else {
            PgCast c = BuiltinCatalog.cast(from, to);
            if (c == null) result = new Expr.CoerceViaIO(expr, to, location);
            else result = switch (c.method()) {
                case BINARY -> new Expr.RelabelType(expr, to, -1);
                case IO -> new Expr.CoerceViaIO(expr, to, location);
                case FUNCTION -> new Expr.CastFunc(org.tusk.catalog.BitBuiltins.withLength(c, typmod), expr, to);
            };
        }
        if (typmod >= 0 && (to == VARCHAR || to == BPCHAR || to == NUMERIC || to == TIMESTAMP || to == TIMESTAMPTZ
                || to == TIME || to == INTERVAL || to == TIMETZ || to == BIT || to == VARBIT) && typmod != result.typmod())
            result = new Expr.CoerceToTypmod(result, to, typmod, ctx == Context.EXPLICIT);
        else if (typmod >= 0 && !(result instanceof Expr.ArrayCoerceExpr) && typmod != result.typmod()) {
            // coerce_type_typmod on an array type: the length coercion applies to each element
            // (an ArrayCoerceExpr over the element type's length coercion), so char(5)[] pads and checks.
            int et = ArrayTypes.elementOf(to);
            if (et == VARCHAR || et == BPCHAR || et == NUMERIC || et == TIMESTAMP || et == TIMESTAMPTZ
                    || et == TIME || et == INTERVAL || et == TIMETZ || et == BIT || et == VARBIT) {
                Expr elem = new Expr.CoerceToTypmod(new Expr.Var(Expr.Var.RESOLVED, 1, et, -1, "element", -1),
                        et, typmod, ctx == Context.EXPLICIT);
                result = new Expr.ArrayCoerceExpr(result, elem, to, et);
            }
        } else if (typmod < 0 && from == to && ctx == Context.EXPLICIT && result.typmod() >= 0) {
            // coerce_type_typmod with a negative target typmod: no length coercion, but a RelabelType
            // (COERCE_EXPLICIT_CAST) so the expression exposes the typmod asked for: numeric(18,3)::numeric
            result = new Expr.RelabelType(result, to, -1, true);
        }
        return result;
    }

    /**
     * coerce_to_domain: the value is converted to the domain's base type (with the base typmod,
     * typtypmod of the deepest level, unless the caller's is given), then checked by a
     * CoerceToDomain node at run time.
     */
    private static Expr coerceToDomain(Expr expr, DomainInfo domain, int typmod, Context ctx, String src, int location,
                                       InputSettings zone) {
        int base = domain.baseType(), baseTypmod = domain.baseTypmod();
        for (DomainInfo d = TypeCache.lookupDomain(base); d != null; d = TypeCache.lookupDomain(base)) {
            base = d.baseType();
            baseTypmod = d.baseTypmod();
        }
        Expr arg = coerce(expr, base, baseTypmod >= 0 ? baseTypmod : typmod, ctx, src, location, zone);
        int loc = expr instanceof Expr.Const c && c.location() >= 0 ? c.location() : location;
        return new Expr.CoerceToDomain(arg, domain.oid(), loc);
    }

    /**
     * Whether a stored text being pinned has, at {@code location}, a name written as one plain
     * identifier (a type_function_name, or with {@code colId} a ColId), so that {@code schema.}
     * may go before it: not SQL's special forms (POSITION(a IN b), a multi-word type name).
     */
    static boolean plainNameAt(String src, int location, boolean colId) {
        if (location < 0 || location >= src.length()) return false;
        Token t = new Lexer(src.substring(location)).next();
        return t.start() == 0 && (colId ? Keywords.isColId(t) : Keywords.isFuncName(t));
    }

    /**
     * A regclass literal naming a relation without its schema, in a stored text being pinned
     * ({@link org.tusk.catalog.StoredNamePins}): the literal gets the relation's qualified name.
     */
    private static void pinRegclassLiteral(Expr.Const c, int relOid, String src) {
        if (c.location() < 0 || src == null || c.location() >= src.length()
                || !org.tusk.catalog.StoredNamePins.collecting(src)) return;
        if (org.tusk.utils.adt.RegTypes.qualifiedName((String) c.value()).size() != 1) return;
        // scanned again with the default settings: a literal holding a backslash the session's
        // scan read otherwise (standard_conforming_strings off) is left as written
        Token t = new Lexer(src.substring(c.location())).next();
        if (t.start() != 0 || t.kind() != Token.Kind.SCONST) return;
        if (src.substring(c.location(), c.location() + t.end()).indexOf('\\') >= 0 && !c.value().equals(t.value())) return;
        org.tusk.catalog.StoredNamePins.noteRegclassLiteral(src, c.location(), t.end(), relOid);
    }

    static PgException withPosition(PgException e, String src, int location) {
        if (e.position() != 0 || location < 0) return e;
        PgException p = new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(),
                Lexer.position(src, location), e.getCause());
        return e.context() == null ? p : p.withContext(e.context());
    }

    /** Resolved type of a TypeName: OID and typmod. */
    public record ResolvedType(int oid, int typmod) {}

    /** typenameTypeIdAndMod(). */
    public static ResolvedType resolveTypeName(TypeName tn, String src) {
        List<String> names = tn.names();
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : null;
        String name = tn.lastName();
        PgType t = schema == null || schema.equals("pg_catalog") ? BuiltinCatalog.typeByName(name) : null;
        if (t == null) {
            // user-defined types (enum types) live in the heap catalogs, found through the search path
            int userOid = org.tusk.catalog.TypeCache.lookupInstalledName(schema, name);
            if (userOid != 0) t = BuiltinCatalog.type(userOid);
            if (userOid != 0 && schema == null && org.tusk.catalog.StoredNamePins.collecting(src)
                    && plainNameAt(src, tn.location(), false)) {
                int nsp = org.tusk.catalog.ObjectNames.current().userType(userOid).map(r -> r.namespace()).orElse(0);
                org.tusk.catalog.StoredNamePins.note(src, tn.location(), nsp);
            }
        }
        if (t == null || t.oid() == ANY) {
            String shown = String.join(".", names.size() > 1 && names.get(0).equals("pg_catalog") && names.size() == 2
                    && !tn.typmods().isEmpty() ? List.of(name) : names.subList(names.size() > 1 && names.get(0).equals("pg_catalog") ? 1 : 0, names.size()));
            throw PgException.errorAt(SqlState.UNDEFINED_OBJECT, "type \"" + shown + "\" does not exist",
                    Lexer.position(src, tn.location()));
        }
        int typmod = -1;
        List<Integer> mods = tn.typmods();
        if (!mods.isEmpty()) {
            if (t.oid() == VARCHAR || t.oid() == BPCHAR) {
                if (mods.size() != 1) throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                        "invalid type modifier", Lexer.position(src, tn.location()));
                int n = mods.get(0);
                if (n < 1) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                        "length for type " + t.typname() + " must be at least 1", Lexer.position(src, tn.location()));
                typmod = n + 4;
            } else if (t.oid() == NUMERIC) {
                int p = mods.get(0), s = mods.size() > 1 ? mods.get(1) : 0;
                if (mods.size() > 2) throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                        "invalid NUMERIC type modifier", Lexer.position(src, tn.location()));
                if (p < 1 || p > 1000) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                        "NUMERIC precision " + p + " must be between 1 and 1000", Lexer.position(src, tn.location()));
                // numerictypmodin (PostgreSQL 15): a negative scale rounds to the left of the point
                if (s < -1000 || s > 1000) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                        "NUMERIC scale " + s + " must be between -1000 and 1000", Lexer.position(src, tn.location()));
                typmod = ((p << 16) | (s & 0x7ff)) + 4;
            } else if (t.oid() == BIT || t.oid() == VARBIT) {
                typmod = BitTypmods.typmodIn(t, mods, src, tn.location());
            } else if (t.oid() == TIMESTAMP || t.oid() == TIMESTAMPTZ || t.oid() == TIME || t.oid() == TIMETZ) {
                // anytime_typmodin: the fractional-second precision, 0..6
                if (mods.size() != 1) throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                        "invalid type modifier", Lexer.position(src, tn.location()));
                int p = mods.get(0);
                String what = t.oid() == TIME ? "TIME" : t.oid() == TIMETZ ? "TIME WITH TIME ZONE"
                        : t.oid() == TIMESTAMP ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
                if (p < 0) throw PgException.errorAt(SqlState.INVALID_PARAMETER_VALUE,
                        what + "(" + p + ") precision must not be negative", Lexer.position(src, tn.location()));
                typmod = Math.min(p, 6);
            } else if (t.oid() == INTERVAL) {
                typmod = DateTimeGrammar.intervalTypmod(mods);
            } else {
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "type modifier is not allowed for type \""
                        + t.typname() + "\"", Lexer.position(src, tn.location()));
            }
        }
        if (tn.array()) {
            // type[]: the element type's array type (typenameTypeId with arrayBounds); the typmod
            // stays the element's, as an array column's atttypmod is (char(5)[] has typmod 9)
            int arr = ArrayTypes.arrayOf(t.oid());
            if (arr == 0)   // an array type has none (_int4[]); int2vector and oidvector do (_int2vector)
                throw PgException.errorAt(SqlState.UNDEFINED_OBJECT, "could not find array type for data type "
                        + t.sqlName(), Lexer.position(src, tn.location()));
            return new ResolvedType(arr, typmod);
        }
        return new ResolvedType(t.oid(), typmod);
    }

    /** select_common_type(): the type CASE/COALESCE/GREATEST branches are coerced to. */
    /** {@code context} null asks for 0 rather than an error when the inputs have no common type. */
    public static int selectCommonType(List<Expr> exprs, List<Integer> locations, String context, String src) {
        // inputs all of one type (a domain included) give that type; otherwise domains count as their base types
        int same = UNKNOWN;
        boolean allSame = true;
        for (Expr e : exprs) {
            if (e.type() == UNKNOWN) continue;
            if (same == UNKNOWN) same = e.type();
            else if (same != e.type()) allSame = false;
        }
        if (allSame && same != UNKNOWN) return same;
        int ptype = UNKNOWN;
        char pcat = 0;
        for (int i = 0; i < exprs.size(); i++) {
            int ntype = TypeCache.baseType(exprs.get(i).type());
            if (ntype == UNKNOWN) continue;
            if (ptype == UNKNOWN) {
                ptype = ntype;
                pcat = category(ntype);
                continue;
            }
            if (ntype == ptype) continue;
            char ncat = category(ntype);
            if (ncat != pcat) {
                if (context == null) return 0;   // select_common_type with no context: InvalidOid, no error
                throw PgException.errorAt(SqlState.DATATYPE_MISMATCH, context + " types "
                        + BuiltinCatalog.formatType(ptype) + " and " + BuiltinCatalog.formatType(ntype) + " cannot be matched",
                        Lexer.position(src, locations.get(i)));
            }
            if (!isPreferred(ptype) && canCoerce(ptype, ntype, Context.IMPLICIT) && !canCoerce(ntype, ptype, Context.IMPLICIT)) {
                ptype = ntype;
            }
        }
        return ptype == UNKNOWN ? TEXT : ptype;
    }
}
