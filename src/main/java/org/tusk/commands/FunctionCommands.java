package org.tusk.commands;

import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.PgProc.Volatility;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.SqlFunctionRunner;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * CREATE [OR REPLACE] FUNCTION and DROP FUNCTION (PostgreSQL's commands/functioncmds.c
 * CreateFunction/interpret_function_parameter_list/compute_function_attributes and
 * RemoveObjects for OBJECT_FUNCTION), for LANGUAGE sql. The body is validated as
 * fmgr_sql_validator does with check_function_bodies on: every statement is analysed and the
 * final one must yield the declared result; an error inside an AS '...' body points into the
 * CREATE statement where the body's text is (function_parse_error_transpose).
 *
 * <p>The sql and plpgsql languages exist. C functions fail as PostgreSQL fails for a missing library
 * (58P01, no shared libraries can be loaded); any other language is one this database does not
 * have (42704, with PostgreSQL's hint for one that is an installable extension). A plpgsql body is
 * compiled by plpgsql_validator (the language handler's {@code validateFunction}) before it is stored.
 * DO runs an anonymous code block through the language's inline handler (ExecuteDoStmt).
 */
public final class FunctionCommands {
    private FunctionCommands() {}

    /** Languages PostgreSQL ships as extensions (CREATE EXTENSION's hint applies to them). */
    private static final Set<String> EXTENSION_LANGUAGES = Set.of("plperl", "plperlu", "plpython3u",
            "pltcl", "pltclu");

    public static void create(Stmt.CreateFunctionStmt s, String queryString, ExecContext ctx) {
        create(s, queryString, ctx, n -> { });
    }

    /** CreateFunction; NOTICEs (an argument or result type that is only a shell) go to {@code notices}. */
    public static void create(Stmt.CreateFunctionStmt s, String queryString, ExecContext ctx, Consumer<String> notices) {
        ExecEnvironment env = ctx.env();
        FunctionDdl functions = env.catalog().functions();
        List<String> qn = s.name();
        if (qn.size() > 2) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", qn));
        }
        String name = qn.get(qn.size() - 1);
        String language = s.language();
        if (s.sqlBody() != null) {
            if (language == null) language = "sql";
            else if (!language.equals("sql")) {
                throw PgException.error("42P13", "inline SQL function body only valid for language SQL");
            }
        }
        if (language == null) throw PgException.error("42P13", "no language specified");
        switch (language) {
            case "sql", "plpgsql", "internal" -> { }
            case "c" -> throw PgException.error("58P01", "could not access file \"" + s.asText() + "\": No such file or directory");
            default -> {
                PgException e = PgException.error(SqlState.UNDEFINED_OBJECT, "language \"" + language + "\" does not exist");
                throw EXTENSION_LANGUAGES.contains(language)
                        ? e.withHint("Use CREATE EXTENSION to load the language into the database.") : e;
            }
        }
        if (s.asLink() != null) {
            throw PgException.error("42P13", "only one AS item needed for language \"" + language + "\"");
        }
        int nsp = functions.targetNamespace(qn.size() == 2 ? qn.get(0) : null);
        Stmt.FunctionAttributes attrs = s.attributes();
        if (attrs.procedure() && (s.volatility() != null || s.strict() != null || attrs.leakproof() || attrs.window()
                || attrs.cost() != null || attrs.rows() != null)) {
            // compute_function_attributes: these describe how a function's result may be used, which a procedure has not
            throw PgException.error("42P13", "invalid attribute in procedure definition");
        }
        // compute_function_attributes: -1 for "not given", the default chosen below
        float procost = attrs.cost() == null ? -1 : positiveOption("COST", attrs.cost());
        float prorows = attrs.rows() == null ? -1 : positiveOption("ROWS", attrs.rows());
        // CreateFunction, after the schema's CREATE privilege: a leakproof function may see rows a
        // security barrier hides, so only a superuser vouches for it
        if (attrs.leakproof() && !env.currentUserIsSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "only superuser can define a leakproof function");
        }

        // interpret_function_parameter_list
        List<Integer> argTypes = new ArrayList<>();
        List<String> argNames = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<org.tusk.nodes.Expr> defaultExprs = new ArrayList<>();
        List<org.tusk.nodes.Query> bodyQueries = List.of();
        boolean anyNamed = false;
        Set<String> seen = new HashSet<>();
        int variadicType = 0;
        List<org.tusk.catalog.ColumnDef> outColumns = new ArrayList<>();
        StringBuilder modes = new StringBuilder();
        boolean anyOut = false;
        Set<String> outSeen = new HashSet<>();
        for (Stmt.FunctionParameter p : s.params()) {
            modes.append(p.mode());
            if (p.mode() == 'o' || p.mode() == 'b' || p.mode() == 't') {
                // an OUT, INOUT or TABLE parameter is a column of the result (interpret_function_parameter_list)
                anyOut = true;
                int t = ParseCoerce.resolveTypeName(p.type(), queryString).oid();
                String col = p.name() == null ? "column" + (outColumns.size() + 1) : p.name();
                if (p.name() != null && !outSeen.add(p.name())) {
                    throw PgException.error("42P13", "parameter name \"" + p.name() + "\" used more than once");
                }
                outColumns.add(new org.tusk.catalog.ColumnDef(col, t));
                if (p.mode() != 'b') {
                    if (p.defaultSql() != null) throw PgException.error("42P13", "only input parameters can have default values");
                    // a procedure's OUT parameter is also part of its signature (interpret_function_parameter_list,
                    // PostgreSQL 14 and later): CALL passes a placeholder for it
                    if (!attrs.procedure() || p.mode() == 't') continue;
                }
            }
            if (variadicType != 0) throw PgException.error("42P13", "VARIADIC parameter must be the last input parameter");
            int t = ParseCoerce.resolveTypeName(p.type(), queryString).oid();
            if (p.mode() == 'v') {
                // interpret_function_parameter_list: the element type of the array, or "any" itself
                variadicType = switch (t) {
                    case TypeOids.ANY -> TypeOids.ANY;
                    case TypeOids.ANYARRAY -> TypeOids.ANYELEMENT;
                    case TypeOids.ANYCOMPATIBLEARRAY -> TypeOids.ANYCOMPATIBLE;
                    default -> org.tusk.catalog.ArrayTypes.elementOf(t);
                };
                if (variadicType == 0) throw PgException.error("42P13", "VARIADIC parameter must be an array");
            }
            argTypes.add(t);
            ShellTypes.checkArgument(t, p.type(), language, notices);
            if (p.name() != null) {
                if (!seen.add(p.name())) throw PgException.error("42P13", "parameter name \"" + p.name() + "\" used more than once");
                anyNamed = true;
            }
            argNames.add(p.name() == null ? "" : p.name());
            if (p.defaultSql() != null) {
                // proargdefaults binds the names the default resolves now (StoredNamePins)
                int argType = t;
                var pinned = org.tusk.catalog.StoredNamePins.analyze(p.defaultSql(), () -> org.tusk.parser.Analyzer
                        .analyzeArgumentDefault(p.defaultSql(), p.name() == null ? "" : p.name(), argType,
                                ctx.inputSettings(), ctx.session().currentDatabase(), env));
                defaultExprs.add(pinned.result());
                defaults.add(pinned.text());
            } else if (!defaults.isEmpty()) {
                throw PgException.error("42P13", "input parameters after one with a default value must also have defaults");
            }
        }
        int resultType;
        if (anyOut) {
            // OUT parameters decide the result: their one type, or record for several; a procedure
            // with output parameters always returns record
            int required = outColumns.size() == 1 && !attrs.procedure() ? outColumns.get(0).typeOid() : TypeOids.RECORD;
            if (s.returnType() != null) {
                int declared = ParseCoerce.resolveTypeName(s.returnType(), queryString).oid();
                if (declared != required) {
                    throw PgException.error("42P13", "function result type must be "
                            + org.tusk.catalog.BuiltinCatalog.formatType(required) + " because of OUT parameters");
                }
            }
            resultType = required;
        } else if (s.attributes().procedure()) {
            resultType = TypeOids.VOID;   // CreateFunction: a procedure without OUT parameters returns void
        } else {
            if (s.returnType() == null) throw PgException.error("42P13", "function result type must be specified");
            resultType = resolveResult(s.returnType(), queryString);
            ShellTypes.checkResult(resultType, s.returnType(), language, notices);
            // fmgr_sql_validator: a SQL function cannot be a trigger function
            if (resultType == org.tusk.catalog.TypeOids.TRIGGER && !language.equals("plpgsql"))
                throw PgException.error("42P13", "SQL functions cannot return type trigger");
        }
        Volatility vol = s.volatility() == null ? Volatility.VOLATILE : switch (s.volatility()) {
            case "immutable" -> Volatility.IMMUTABLE;
            case "stable" -> Volatility.STABLE;
            default -> Volatility.VOLATILE;
        };
        boolean standard = s.sqlBody() != null;
        String body = standard ? s.sqlBody() : s.asText();
        if (body == null) throw PgException.error("42P13", "no function body specified");
        List<String> names = anyNamed ? argNames : List.of();

        if (language.equals("internal")) {
            if (standard) throw PgException.error("42P13", "inline SQL function body only valid for language SQL");
            // interpret_AS_clause: an empty AS '' means the function's own name (pre-6.5 compatibility)
            if (body.isEmpty()) body = name;
            // fmgr_internal_validator
            if (attrs.window() ? org.tusk.catalog.BuiltinCatalog.windowImplementation(body) == null
                    : org.tusk.catalog.InternalFunctions.lookup(body) == null) {
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "there is no built-in function named \"" + body + "\"");
            }
        }
        SqlFunctionRunner runner = language.equals("internal") ? null : ctx.sqlFunctionRunner();
        boolean plpgsql = language.equals("plpgsql");
        if (plpgsql && standard) throw PgException.error("42P13", "inline SQL function body only valid for language SQL");
        boolean polyArgs = argTypes.stream().anyMatch(FunctionCommands::isPolymorphic);
        if (standard && polyArgs) {
            // interpret_AS_clause: a parsed body is analysed now, when the argument types are not known yet
            throw PgException.error("42P13", "SQL function with unquoted function body cannot have polymorphic arguments");
        }
        if (runner != null && !plpgsql && polyArgs) {
            // fmgr_sql_validator: with polymorphic arguments only the raw parse can be checked; the body
            // is analysed at each call with the call's actual types
            try {
                org.tusk.parser.Parser.parse(body, ctx.session().scanSettings());
            } catch (PgException e) {
                throw transpose(e, queryString, body, s, name);
            }
        } else if (runner != null && !plpgsql && standard) {
            // interpret_AS_clause: a SQL-standard body is analysed before the function exists (it
            // cannot call itself); only such a body is stored parsed, so only its objects are dependencies
            try {
                // prosqlbody binds the names the body resolves now (StoredNamePins)
                String written = body;
                List<org.tusk.catalog.ColumnDef> outs = outColumns;
                var pinned = org.tusk.catalog.StoredNamePins.analyze(written, () -> runner.validate(written, argTypes, names,
                        resultType, outs.stream().map(org.tusk.catalog.ColumnDef::typeOid).toList(), ctx));
                bodyQueries = pinned.result();
                body = pinned.text();
            } catch (PgException e) {
                throw transpose(e, queryString, body, s, name);
            }
        }
        // fmgr_sql_validator runs after ProcedureCreate (and CommandCounterIncrement), so an AS
        // '...' body may call the function itself; a failure aborts the statement, row included
        boolean validateAfterCreate = runner != null && !plpgsql && !standard && !polyArgs;
        SqlFunction f = new SqlFunction(0, name, nsp, 0, argTypes, names,
                defaults.isEmpty() ? null : String.join(", ", defaults), defaults.size(), resultType, s.retset(),
                s.strict() != null && s.strict(), vol, body, standard, variadicType,
                anyOut ? modes.toString() : null, outColumns);
        if (attrs.procedure()) f = f.asProcedure();
        if (language.equals("internal")) f = f.withLanguage(org.tusk.catalog.InternalFunctions.INTERNAL_LANGUAGE_ID);
        if (plpgsql) {
            f = f.withLanguage(SqlFunction.PLPGSQL_LANGUAGE_ID);
            if (runner != null) {
                try {
                    runner.validateFunction(f, ctx);
                } catch (PgException e) {
                    throw transposePl(e, queryString, body, s);
                }
            }
        }
        f = f.withSecurity(attrs.securityDefiner(), attrs.leakproof(),
                FunctionConfig.apply(List.of(), attrs.settings(), ctx.session()::canonicalSettingName));
        // a window function in LANGUAGE internal runs the built-in implementation its AS names
        if (attrs.window() && language.equals("internal")) f = f.asWindow();
        else if (attrs.window()) refuseRoutineKind(functions, f, "w", s.replace());
        if (prorows > 0 && !s.retset()) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "ROWS is not applicable when function does not return a set");
        }
        int oid = functions.create(f, s.replace());
        boolean internal = language.equals("internal");
        if (procost > 0 || prorows > 0 || internal) {
            // CreateFunction's defaults: SQL and PL functions are assumed more expensive than built-in ones
            float cost = procost > 0 ? procost : internal ? 1 : 100;
            env.commandCounterIncrement();
            functions.alterRow(oid, row -> {
                PG_PROC.set(row, "procost", cost);
                if (prorows > 0) PG_PROC.set(row, "prorows", prorows);
            });
        }
        if (validateAfterCreate) {
            env.commandCounterIncrement();
            try {
                runner.validate(body, argTypes, names, resultType,
                        outColumns.stream().map(org.tusk.catalog.ColumnDef::typeOid).toList(), ctx);
            } catch (PgException e) {
                throw transpose(e, queryString, body, s, name);
            }
        }
        org.tusk.catalog.ObjectAddress self = new org.tusk.catalog.ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, oid, 0);
        // ProcedureCreate with replace: the old definition's dependencies go, the new one's are recorded
        if (s.replace()) env.catalog().dependencies().deleteDependencyRecordsFor(self);
        RoutineDependencies.record(env.catalog(), oid, defaultExprs, bodyQueries);
        recordTypeDependencies(env, oid, argTypes, resultType);
    }

    /** COST and ROWS as compute_function_attributes reads them (defGetNumeric), which must be positive. */
    static float positiveOption(String what, String value) {
        float v;
        try {
            v = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw PgException.error(SqlState.SYNTAX_ERROR, what + " requires a numeric value");
        }
        if (v <= 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, what + " must be positive");
        return v;
    }

    /**
     * ProcedureCreate's dependencies on the argument and result types, for the types users create
     * (built-in ones are pinned): DROP TYPE then refuses, or cascades to the function.
     */
    private static void recordTypeDependencies(ExecEnvironment env, int oid, List<Integer> argTypes, int resultType) {
        org.tusk.catalog.ObjectAddress fn = new org.tusk.catalog.ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, oid, 0);
        Set<Integer> done = new HashSet<>();
        // CREATE OR REPLACE keeps the function's OID and signature: its rows are there already
        for (var d : env.catalog().dependencies().dependenciesOf(fn)) {
            if (d.referenced().classId() == org.tusk.catalog.BaseTypeDdl.TYPE_RELATION_ID) done.add(d.referenced().objectId());
        }
        List<Integer> all = new ArrayList<>(argTypes);
        all.add(resultType);
        for (int t : all) {
            if (Integer.compareUnsigned(t, org.tusk.catalog.CastDdl.FIRST_NORMAL_OBJECT_ID) < 0 || !done.add(t)) continue;
            if (!ShellTypes.isShell(t) && !isBaseType(t)) continue;
            env.catalog().dependencies().recordDependencyOn(fn,
                    new org.tusk.catalog.ObjectAddress(org.tusk.catalog.BaseTypeDdl.TYPE_RELATION_ID, t, 0),
                    org.tusk.catalog.DependencyType.NORMAL);
        }
    }

    /** Whether {@code t} is a user base type (dependencies on other user types are not recorded yet). */
    private static boolean isBaseType(int t) {
        org.tusk.catalog.TypeCache.UserType u = org.tusk.catalog.TypeCache.current() == null ? null
                : org.tusk.catalog.TypeCache.current().type(t);
        return u != null && u.typtype() == 'b' && u.typelem() == 0;
    }

    /**
     * Window functions written in SQL or PL/pgSQL are not run by Tusk yet. ProcedureCreate's
     * checks against an existing routine of the same signature come first, as in PostgreSQL, so
     * CREATE OR REPLACE of another kind of routine gives its error; otherwise 0A000.
     */
    private static void refuseRoutineKind(FunctionDdl functions, SqlFunction f, String kind, boolean replace) {
        String existing = functions.kindOf(f.namespace(), f.name(), f.argTypes());
        if (existing != null) {
            if (!replace) throw PgException.error("42723", "function \"" + f.name() + "\" already exists with same argument types");
            if (!existing.equals(kind)) {
                throw PgException.error("42809", "cannot change routine kind")
                        .withDetail("\"" + f.name() + "\" is " + FunctionDdl.describeKind(existing) + ".");
            }
        }
        throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE FUNCTION ... WINDOW is not supported yet");
    }

    /**
     * function_parse_error_transpose for plpgsql_validator: a syntax error's position in the body
     * becomes its position in the CREATE statement; the compilation CONTEXT line stays.
     */
    private static PgException transposePl(PgException e, String queryString, String body, Stmt.CreateFunctionStmt s) {
        if (e.position() <= 0 || s.bodyLocation() < 0) return e;
        int at = queryString.indexOf(body, s.bodyLocation());
        int position = at < 0 ? 0 : org.tusk.parser.Lexer.position(queryString, at) - 1 + e.position();
        PgException out = new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), position);
        return e.context() != null ? out.withContext(e.context()) : out;
    }

    /**
     * ExecuteDoStmt: the code block goes to its language's inline handler; only plpgsql has one
     * (sql has none: 0A000).
     */
    public static void executeDo(Stmt.DoStmt d, ExecContext ctx) {
        String language = d.language() == null ? "plpgsql" : d.language();
        switch (language) {
            case "plpgsql" -> { }
            case "sql", "c", "internal" -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "language \"" + language + "\" does not support inline code execution");
            default -> {
                PgException e = PgException.error(SqlState.UNDEFINED_OBJECT, "language \"" + language + "\" does not exist");
                throw EXTENSION_LANGUAGES.contains(language)
                        ? e.withHint("Use CREATE EXTENSION to load the language into the database.") : e;
            }
        }
        SqlFunctionRunner runner = ctx.sqlFunctionRunner();
        if (runner == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "DO is not supported here");
        runner.inline(d.code(), ctx);
    }

    /** IsPolymorphicType: the pseudo-types a call resolves (anyelement, anyarray, anycompatible*, anyrange, ...). */
    private static boolean isPolymorphic(int t) {
        return t == TypeOids.ANYELEMENT || t == TypeOids.ANYARRAY || t == TypeOids.ANYNONARRAY
                || t == TypeOids.ANYCOMPATIBLE || t == TypeOids.ANYCOMPATIBLEARRAY || t == org.tusk.utils.adt.RangeTypes.ANYRANGE
                || t == TypeOids.ANYCOMPATIBLERANGE
                || t == org.tusk.catalog.BuiltinCatalog.ANYENUM;
    }

    private static int resolveResult(TypeName tn, String queryString) {
        int t = ParseCoerce.resolveTypeName(tn, queryString).oid();
        if (t == TypeOids.RECORD) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "functions returning record are not supported yet");
        }
        return t;
    }

    /**
     * function_parse_error_transpose: an error position inside the body becomes a position in
     * the CREATE statement when the body's text can be found there; otherwise the body's text is
     * shown as the internal query (CONTEXT "SQL function ...").
     */
    private static PgException transpose(PgException e, String queryString, String body, Stmt.CreateFunctionStmt s,
                                         String name) {
        if (s.sqlBody() != null) {
            // check_sql_fn_retval's result mismatch (42P13) is PostgreSQL's fmgr_sql_validator's, run
            // under its "SQL function" error context; analysis errors of the body have none
            if ("42P13".equals(e.sqlState()) && e.context() == null) e = e.withContext("SQL function \"" + name + "\"");
            // RETURN expr is analysed as part of the statement: positions are the statement's already
            if (e.position() <= 0 || s.bodyLocation() < 0) {
                if (e.position() <= 0) return e;
                PgException out = new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
                return e.context() != null ? out.withContext(e.context()) : out;
            }
            PgException out = new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(),
                    s.bodyLocation() + e.position());
            return e.context() != null ? out.withContext(e.context()) : out;
        }
        if (e.position() > 0 && s.bodyLocation() >= 0) {
            int at = queryString.indexOf(body, s.bodyLocation());
            if (at >= 0) {
                // the error now points into the CREATE statement itself, which replaces the function's context
                PgException out = new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(),
                        at + e.position());
                return e.context() != null ? out.withContext(e.context()) : out;
            }
        }
        return e.withContext("SQL function \"" + name + "\"");
    }

    /**
     * findDependentObjects' refusal of a pinned object: a built-in function (pg_catalog, which the
     * search path always searches first unless named later) has a pg_proc row written by
     * bootstrap and cannot be dropped, even with IF EXISTS.
     */
    private static void refuseBuiltin(Stmt.DropFunctionStmt.FunctionRef ref, String queryString) {
        if (ref.argTypes() == null || ref.objtype().equals("procedure")) return;
        List<String> qn = ref.name();
        if (qn.size() > 2 || qn.size() == 2 && !qn.get(0).equals("pg_catalog")) return;
        List<Integer> in = new ArrayList<>();
        for (TypeName tn : ref.argTypes()) in.add(ParseCoerce.resolveTypeName(tn, queryString).oid());
        for (org.tusk.catalog.PgProc p : org.tusk.catalog.BuiltinCatalog.functions(qn.get(qn.size() - 1))) {
            if (p.argTypes().equals(in) && org.tusk.catalog.BuiltinCatalog.isBuiltinRoutine(p.oid())) {
                throw PgException.error("2BP01", "cannot drop function " + org.tusk.utils.adt.RegProcs.regprocedureOut(p.oid())
                        + " because it is required by the database system");
            }
        }
    }

    /**
     * RemoveObjects(OBJECT_FUNCTION / OBJECT_PROCEDURE / OBJECT_ROUTINE): LookupFuncWithArgs for
     * each name ({@link RoutineLookup}), then RemoveFunctionById through performMultipleDeletions.
     */
    public static void drop(Stmt.DropFunctionStmt s, String queryString, ExecEnvironment env, Consumer<String> notices) {
        FunctionDdl functions = env.catalog().functions();
        List<SqlFunction> victims = new ArrayList<>();
        for (Stmt.DropFunctionStmt.FunctionRef ref : s.functions()) {
            refuseBuiltin(ref, queryString);
            SqlFunction found = RoutineLookup.lookup(functions, ref, queryString, s.missingOk());
            if (found == null) {
                // does_not_exist_skipping: the names as the grammar produced them (INT is pg_catalog.int4)
                String shown = String.join(".", ref.name());
                String sig = shown + "()";
                if (ref.argTypes() != null) {
                    List<String> written = new ArrayList<>();
                    for (TypeName tn : ref.argTypes()) written.add(String.join(".", tn.names()) + (tn.array() ? "[]" : ""));
                    sig = shown + "(" + String.join(",", written) + ")";
                }
                notices.accept(ref.objtype() + " " + sig + " does not exist, skipping");
                continue;
            }
            victims.add(found);
        }
        if (victims.isEmpty()) return;
        // RemoveObjects: performMultipleDeletions, so dependent objects (triggers) block or cascade
        List<org.tusk.catalog.ObjectAddress> targets = new ArrayList<>();
        for (SqlFunction f : victims) targets.add(new org.tusk.catalog.ObjectAddress(FunctionDdl.PROCEDURE_RELATION_ID, f.oid(), 0));
        env.catalog().dependencies().performDeletion(targets, s.cascade());
    }
}
