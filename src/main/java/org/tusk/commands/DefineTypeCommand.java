package org.tusk.commands;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.tusk.catalog.BaseTypeDdl;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.InternalFunctions;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.catalog.TypeCache;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE TYPE name (a shell) and CREATE TYPE name (INPUT = ..., OUTPUT = ..., ...) (a base type),
 * PostgreSQL's typecmds.c DefineType with findTypeInputFunction / findTypeOutputFunction /
 * findTypeReceiveFunction / findTypeSendFunction. The parameters are read as DefineType reads
 * them (LIKE first, then the others overriding it; an unknown one is a WARNING, a repeated one an
 * error), and the catalog rows are written by {@link BaseTypeDdl}.
 *
 * <p>Tusk can call a type's I/O functions only when they are LANGUAGE internal functions naming a
 * built-in type I/O function ({@link InternalFunctions}); C functions cannot be created at all
 * (58P01 at CREATE FUNCTION), and an I/O function in another language is refused (0A000).
 * RECEIVE and SEND are recorded but binary I/O of such a type is not done.
 */
public final class DefineTypeCommand {
    private DefineTypeCommand() {}

    /** INTERNALOID: the pseudo-type of a receive function's argument. */
    private static final int INTERNAL_TYPE = 2281;

    private static final List<String> KNOWN = List.of("like", "internallength", "input", "output", "receive", "send",
            "typmod_in", "typmod_out", "analyze", "analyse", "subscript", "category", "preferred", "delimiter", "element",
            "default", "passedbyvalue", "alignment", "storage", "collatable");

    public static void define(Stmt.DefineTypeStmt s, String queryString, ExecEnvironment env, Consumer<String> warnings) {
        List<String> qn = s.name();
        if (qn.size() > 2) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", qn));
        }
        // DefineType: a base type's representation must match the C code's expectations, so only a superuser may make one
        if (!env.currentUserIsSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create a base type");
        }
        BaseTypeDdl ddl = env.catalog().baseTypeDdl();
        TypeCache types = env.catalog().types();
        String name = qn.get(qn.size() - 1);
        int nsp = ddl.creationNamespace(qn.size() == 2 ? qn.get(0) : null);
        int typoid = types.typeOidIn(name, nsp);
        if (typoid == 0 && nsp == SystemCatalogs.PG_CATALOG_NAMESPACE && BuiltinCatalog.typeByName(name) != null) {
            typoid = BuiltinCatalog.typeByName(name).oid();
        }
        boolean defined = typoid != 0 && !(types.typeRow(typoid) != null
                && Boolean.FALSE.equals(PG_TYPE.get(types.typeRow(typoid), "typisdefined")));
        if (defined || typoid != 0 && s.definition() == null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" already exists");
        }
        if (s.definition() == null) {
            ddl.createShell(name, nsp);
            return;
        }
        if (typoid == 0) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "type \"" + name + "\" does not exist")
                    .withHint("Create the type as a shell type, then create its I/O functions, then do a full CREATE TYPE.");
        }
        Map<String, Stmt.DefElem> els = new HashMap<>();
        for (Stmt.DefElem d : s.definition()) {
            String key = d.name().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(key)) {
                warnings.accept("type attribute \"" + d.name() + "\" not recognized");
                continue;
            }
            if (key.equals("analyse")) key = "analyze";
            if (els.put(key, d) != null) {
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                        org.tusk.parser.Lexer.position(queryString, d.location()));
            }
        }
        int internalLength = -1;
        boolean byValue = false;
        char alignment = 'i', storage = 'p', category = 'U', delimiter = ',';
        if (els.containsKey("like")) {
            int like = typeOf(els.get("like"), queryString);
            Object[] r = types.typeRow(like);
            internalLength = ((Number) PG_TYPE.get(r, "typlen")).intValue();
            byValue = (Boolean) PG_TYPE.get(r, "typbyval");
            alignment = ((String) PG_TYPE.get(r, "typalign")).charAt(0);
            storage = ((String) PG_TYPE.get(r, "typstorage")).charAt(0);
        }
        if (els.containsKey("internallength")) internalLength = typeLength(els.get("internallength"));
        if (els.containsKey("category")) {
            String c = string(els.get("category"));
            category = c.isEmpty() ? '\0' : c.charAt(0);
            if (category < 32 || category > 126) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid type category \"" + c + "\": must be simple ASCII");
            }
        }
        boolean preferred = els.containsKey("preferred") && bool(els.get("preferred"));
        if (els.containsKey("delimiter")) delimiter = string(els.get("delimiter")).charAt(0);
        int elemType = 0;
        if (els.containsKey("element")) {
            elemType = typeOf(els.get("element"), queryString);
            if ("p".equals(PG_TYPE.get(types.typeRow(elemType), "typtype"))) {
                throw PgException.error(SqlState.DATATYPE_MISMATCH, "array element type cannot be "
                        + BuiltinCatalog.formatType(elemType));
            }
        }
        String defaultValue = els.containsKey("default") ? string(els.get("default")) : null;
        if (els.containsKey("passedbyvalue")) byValue = bool(els.get("passedbyvalue"));
        if (els.containsKey("alignment")) alignment = alignment(string(els.get("alignment")));
        if (els.containsKey("storage")) storage = storage(string(els.get("storage")));
        int collation = els.containsKey("collatable") && bool(els.get("collatable")) ? SystemCatalogs.DEFAULT_COLLATION_OID : 0;
        if (!els.containsKey("input")) throw PgException.error("42P17", "type input function must be specified");
        if (!els.containsKey("output")) throw PgException.error("42P17", "type output function must be specified");
        if (!els.containsKey("typmod_in") && els.containsKey("typmod_out")) {
            throw PgException.error("42P17", "type modifier output function is useless without a type modifier input function");
        }
        if (els.containsKey("typmod_in") || els.containsKey("typmod_out") || els.containsKey("analyze")
                || els.containsKey("subscript")) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "TYPMOD_IN, TYPMOD_OUT, ANALYZE and SUBSCRIPT functions of base types are not supported yet");
        }
        if (elemType != 0 && !(internalLength > 0 && !byValue && typlen(types, elemType) > 0)) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "element type cannot be specified without a subscripting function");
        }
        final int typeOid = typoid;
        Candidate in = findFunction(env, names(els.get("input")), typeOid, "input", List.of(List.of(InternalFunctions.CSTRING),
                List.of(InternalFunctions.CSTRING, org.tusk.catalog.TypeOids.OID, org.tusk.catalog.TypeOids.INT4)));
        if (in.result() != typeOid) {
            throw PgException.error("42P17", "type input function " + String.join(".", names(els.get("input")))
                    + " must return type " + BuiltinCatalog.formatType(typeOid));
        }
        Candidate out = findFunction(env, names(els.get("output")), typeOid, "output", List.of(List.of(typeOid)));
        if (out.result() != InternalFunctions.CSTRING) {
            throw PgException.error("42P17", "type output function " + String.join(".", names(els.get("output")))
                    + " must return type cstring");
        }
        int receive = 0, send = 0;
        if (els.containsKey("receive")) {
            Candidate r = findFunction(env, names(els.get("receive")), typeOid, "receive",
                    List.of(List.of(INTERNAL_TYPE), List.of(INTERNAL_TYPE,
                            org.tusk.catalog.TypeOids.OID, org.tusk.catalog.TypeOids.INT4)));
            if (r.result() != typeOid) {
                throw PgException.error("42P17", "type receive function " + String.join(".", names(els.get("receive")))
                        + " must return type " + BuiltinCatalog.formatType(typeOid));
            }
            receive = r.oid();
        }
        if (els.containsKey("send")) {
            Candidate r = findFunction(env, names(els.get("send")), typeOid, "send", List.of(List.of(typeOid)));
            if (r.result() != org.tusk.catalog.TypeOids.BYTEA) {
                throw PgException.error("42P17", "type send function " + String.join(".", names(els.get("send")))
                        + " must return type bytea");
            }
            send = r.oid();
        }
        for (Candidate c : List.of(in, out)) {
            if (c.volatility() == PgProc.Volatility.VOLATILE) {
                warnings.accept("type " + (c == in ? "input" : "output") + " function " + c.name() + " should not be volatile");
            }
            if (!c.internalIo()) {
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "type " + (c == in ? "input" : "output")
                        + " function " + c.name() + " must be a LANGUAGE internal type I/O function");
            }
        }
        ddl.defineBase(typeOid, new BaseTypeDdl.BaseType(internalLength, byValue, alignment, storage, category, preferred,
                delimiter, elemType, defaultValue, collation, in.oid(), out.oid(), receive, send), env.catalog().dependencies());
    }

    private static int typlen(TypeCache types, int t) {
        return ((Number) PG_TYPE.get(types.typeRow(t), "typlen")).intValue();
    }

    /** A support function found by findTypeInputFunction and kin. */
    private record Candidate(int oid, String name, int result, PgProc.Volatility volatility, boolean internalIo) {}

    /** LookupFuncName over the allowed argument lists, in order; "function f(args) does not exist" if none has one. */
    private static Candidate findFunction(ExecEnvironment env, List<String> qn, int typeOid, String kind,
                                          List<List<Integer>> argLists) {
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        for (List<Integer> args : argLists) {
            for (SqlFunction f : env.catalog().functions().candidates(schema, name)) {
                if (f.argTypes().equals(args)) {
                    boolean io = f.language() == InternalFunctions.INTERNAL_LANGUAGE_ID && InternalFunctions.io(f.body()) != null;
                    return new Candidate(f.oid(), String.join(".", qn), f.resultType(), f.volatility(), io);
                }
            }
        }
        List<Integer> first = argLists.get(0);
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qn) + "("
                + String.join(", ", first.stream().map(BuiltinCatalog::formatType).toList()) + ") does not exist");
    }

    private static List<String> names(Stmt.DefElem d) {
        if (d.list() != null) return d.list();
        return List.of(d.value());
    }

    private static int typeOf(Stmt.DefElem d, String queryString) {
        List<String> n = names(d);
        return ParseCoerce.resolveTypeName(new TypeName(n, List.of(), d.value() != null && d.value().endsWith("[]"), -1),
                queryString).oid();
    }

    /** defGetTypeLength: a number, or VARIABLE (-1). */
    private static int typeLength(Stmt.DefElem d) {
        String v = string(d);
        if (v.equalsIgnoreCase("variable")) return -1;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "invalid argument for \"" + d.name() + "\": \"" + v + "\"");
        }
    }

    private static String string(Stmt.DefElem d) {
        if (d.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a parameter");
        return d.value();
    }

    /** defGetBoolean: no value is true. */
    private static boolean bool(Stmt.DefElem d) {
        if (d.value() == null) return true;
        return switch (d.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a Boolean value");
        };
    }

    private static char alignment(String a) {
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "double", "float8", "pg_catalog.float8" -> 'd';
            case "int4", "pg_catalog.int4" -> 'i';
            case "int2", "pg_catalog.int2" -> 's';
            case "char", "pg_catalog.bpchar" -> 'c';
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "alignment \"" + a + "\" not recognized");
        };
    }

    private static char storage(String a) {
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "plain" -> 'p';
            case "external" -> 'e';
            case "extended" -> 'x';
            case "main" -> 'm';
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "storage \"" + a + "\" not recognized");
        };
    }
}
