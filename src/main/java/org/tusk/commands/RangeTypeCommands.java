package org.tusk.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.catalog.BtreeOpclasses;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.Collations;
import org.tusk.catalog.InternalFunctions;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE TYPE name AS RANGE (SUBTYPE = ..., SUBTYPE_OPCLASS = ..., COLLATION = ..., CANONICAL = ...,
 * SUBTYPE_DIFF = ..., MULTIRANGE_TYPE_NAME = ...): typecmds.c DefineRange. The parameters are
 * read as DefineRange reads them (an unknown or repeated one is an error); the range type, its
 * array type and its pg_range row are written by {@code catalog.TypeDdl.createRange}, and the two
 * constructor functions name(subtype, subtype) and name(subtype, subtype, text) are pg_proc rows
 * of LANGUAGE internal naming range_constructor2/3 (makeRangeConstructors).
 *
 * <p>Not done: a CANONICAL function (PostgreSQL requires it to be a C function, which Tusk cannot
 * create) and the multirange type (no multirange types yet), so MULTIRANGE_TYPE_NAME is refused
 * (0A000) and no multirange type is made.
 */
public final class RangeTypeCommands {
    private RangeTypeCommands() {}

    /** ERRCODE_INVALID_OBJECT_DEFINITION. */
    private static final String INVALID_OBJECT_DEFINITION = "42P17";

    private static final List<String> KNOWN = List.of("subtype", "subtype_opclass", "collation", "canonical",
            "subtype_diff", "multirange_type_name");

    public static void define(Stmt.CreateRangeStmt s, String queryString, ExecEnvironment env) {
        List<String> qn = s.name();
        if (qn.size() > 2) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", qn));
        }
        Map<String, Stmt.DefElem> els = new HashMap<>();
        for (Stmt.DefElem d : s.params()) {
            String key = d.name().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(key)) {
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "type attribute \"" + d.name() + "\" not recognized",
                        org.tusk.parser.Lexer.position(queryString, d.location()));
            }
            if (els.put(key, d) != null) {
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                        org.tusk.parser.Lexer.position(queryString, d.location()));
            }
        }
        if (!els.containsKey("subtype")) {
            throw PgException.error(INVALID_OBJECT_DEFINITION, "type attribute \"subtype\" is required");
        }
        int subtype = ParseCoerce.resolveTypeName(new TypeName(names(els.get("subtype")), List.of(), false, -1), queryString).oid();
        // DefineRange: disallow ranges of pseudotypes
        if (BuiltinCatalog.type(subtype).category() == org.tusk.catalog.PgType.CAT_PSEUDO || subtype == TypeOids.UNKNOWN) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "range subtype cannot be " + BuiltinCatalog.formatType(subtype));
        }
        if (els.containsKey("canonical")) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "range types with a CANONICAL function are not supported yet");
        }
        if (els.containsKey("multirange_type_name")) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "multirange types are not supported yet");
        }
        int subtypeCollation = Collations.typeCollation(subtype);
        int collation = 0;
        if (subtypeCollation != 0) {
            collation = els.containsKey("collation") ? Collations.lookup(names(els.get("collation"))) : subtypeCollation;
        } else if (els.containsKey("collation")) {
            throw PgException.error(INVALID_OBJECT_DEFINITION,
                    "range collation specified but subtype does not support collation");
        }
        int opclass = subtypeOpclass(env, subtype, els.get("subtype_opclass"));
        int subDiff = els.containsKey("subtype_diff") ? subtypeDiff(env, names(els.get("subtype_diff")), subtype) : 0;
        org.tusk.access.common.DatumType stored = org.tusk.access.common.DatumType.forOid(subtype);
        char align = stored != null ? stored.typalign() : subtypeAlign(env, subtype);
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        int typeOid = env.catalog().typeDdl().createRange(schema, name, subtype, align, collation, opclass, subDiff);
        makeConstructors(env, env.catalog().types().type(typeOid), subtype);
    }

    /** typalign of a subtype the tuple code has no DatumType for (from its pg_type row). */
    private static char subtypeAlign(ExecEnvironment env, int subtype) {
        Object[] r = env.catalog().types().typeRow(subtype);
        return r == null ? 'i' : ((String) org.tusk.catalog.SystemCatalogs.PG_TYPE.get(r, "typalign")).charAt(0);
    }

    /**
     * makeRangeConstructors: name(subtype, subtype) and name(subtype, subtype, text), immutable,
     * not strict (a NULL bound is infinite), in the type's schema; they go with the type at DROP TYPE.
     */
    private static void makeConstructors(ExecEnvironment env, org.tusk.catalog.TypeCache.UserType t, int subtype) {
        List<List<Integer>> sigs = List.of(List.of(subtype, subtype), List.of(subtype, subtype, TypeOids.TEXT));
        String[] prosrc = {"range_constructor2", "range_constructor3"};
        for (int i = 0; i < sigs.size(); i++) {
            List<Integer> args = sigs.get(i);
            List<String> argNames = new ArrayList<>();
            for (int k = 0; k < args.size(); k++) argNames.add("");
            SqlFunction f = new SqlFunction(0, t.name(), t.namespace(), 0, args, List.copyOf(argNames), null, 0, t.oid(),
                    false, false, PgProc.Volatility.IMMUTABLE, prosrc[i], false, 0, null, List.of(),
                    InternalFunctions.INTERNAL_LANGUAGE_ID);
            env.catalog().functions().create(f, false);
        }
    }

    /**
     * findRangeSubOpclass: the named btree operator class, which must accept the subtype, or the
     * subtype's default btree class.
     */
    private static int subtypeOpclass(ExecEnvironment env, int subtype, Stmt.DefElem given) {
        if (given == null) {
            if (!BtreeOpclasses.hasDefault(subtype)) {
                throw PgException.error(SqlState.UNDEFINED_OBJECT, "data type " + BuiltinCatalog.formatType(subtype)
                        + " has no default operator class for access method \"btree\"")
                        .withHint("You must specify an operator class for the range type or define a default operator class for the subtype.");
            }
            return BtreeOpclasses.defaultFor(subtype);
        }
        List<String> n = names(given);
        BtreeOpclasses.Opclass oc = BtreeOpclasses.byName(n.get(n.size() - 1));
        if (oc == null) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator class \"" + String.join(".", n)
                    + "\" does not exist for access method \"btree\"");
        }
        if (oc.inputType() != subtype && !(oc.inputType() == TypeOids.TEXT && subtype == 1043)) {
            throw PgException.error(SqlState.DATATYPE_MISMATCH, "operator class \"" + oc.name()
                    + "\" does not accept data type " + BuiltinCatalog.formatType(subtype));
        }
        return oc.oid();
    }

    /** findRangeSubtypeDiffFunction: name(subtype, subtype) returning double precision, immutable. */
    private static int subtypeDiff(ExecEnvironment env, List<String> qn, int subtype) {
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        List<Integer> args = List.of(subtype, subtype);
        String sig = String.join(".", qn) + "(" + BuiltinCatalog.formatType(subtype) + ", "
                + BuiltinCatalog.formatType(subtype) + ")";
        int oid = 0, result = 0;
        PgProc.Volatility volatility = null;
        for (SqlFunction f : env.catalog().functions().candidates(schema, name)) {
            if (f.argTypes().equals(args)) {
                oid = f.oid();
                result = f.resultType();
                volatility = f.volatility();
                break;
            }
        }
        if (oid == 0 && (schema == null || schema.equals("pg_catalog"))) {
            for (PgProc p : BuiltinCatalog.functions(name)) {
                if (p.argTypes().equals(args) && p.oid() != 0) {
                    oid = p.oid();
                    result = p.resultType();
                    volatility = p.volatility();
                    break;
                }
            }
        }
        if (oid == 0) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + sig + " does not exist");
        if (result != TypeOids.FLOAT8) {
            throw PgException.error(INVALID_OBJECT_DEFINITION, "function " + sig + " must return type double precision");
        }
        if (volatility != PgProc.Volatility.IMMUTABLE) {
            throw PgException.error(INVALID_OBJECT_DEFINITION, "range subtype diff function " + sig + " must be immutable");
        }
        return oid;
    }

    private static List<String> names(Stmt.DefElem d) {
        if (d.list() != null) return d.list();
        if (d.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a parameter");
        return List.of(d.value());
    }
}
