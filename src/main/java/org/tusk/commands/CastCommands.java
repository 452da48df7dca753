package org.tusk.commands;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_CAST;
import static org.tusk.catalog.SystemCatalogs.PG_TYPE;

import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.CastDdl;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TypeCache;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE CAST and DROP CAST (functioncmds.c CreateCast, and RemoveObjects for OBJECT_CAST with
 * get_cast_oid), with PostgreSQL's checks and messages: no pseudo-types, ownership of one of the
 * types, the cast function's signature (one to three arguments, the first binary-coercible from
 * the source, the result binary-coercible to the target, no set), superuser and physical
 * compatibility for WITHOUT FUNCTION. The row is written by {@link CastDdl}; coercion then finds it
 * through {@code BuiltinCatalog.cast}.
 */
public final class CastCommands {
    private CastCommands() {}

    public static void create(Stmt.CreateCastStmt s, String queryString, ExecEnvironment env, Consumer<String> warnings) {
        int source = ParseCoerce.resolveTypeName(s.source(), queryString).oid();
        int target = ParseCoerce.resolveTypeName(s.target(), queryString).oid();
        TypeCache types = env.catalog().types();
        Object[] srow = types.typeRow(source), trow = types.typeRow(target);
        if ("p".equals(PG_TYPE.get(srow, "typtype"))) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "source data type " + BuiltinCatalog.formatType(source) + " is a pseudo-type");
        }
        if ("p".equals(PG_TYPE.get(trow, "typtype"))) {
            throw PgException.error(SqlState.WRONG_OBJECT_TYPE, "target data type " + BuiltinCatalog.formatType(target) + " is a pseudo-type");
        }
        if (!env.currentUserIsSuperuser() && oid(PG_TYPE.get(srow, "typowner")) != env.currentUserId()
                && oid(PG_TYPE.get(trow, "typowner")) != env.currentUserId()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of type "
                    + BuiltinCatalog.formatType(source) + " or type " + BuiltinCatalog.formatType(target));
        }
        if ("d".equals(PG_TYPE.get(srow, "typtype"))) warnings.accept("cast will be ignored because the source data type is a domain");
        else if ("d".equals(PG_TYPE.get(trow, "typtype"))) warnings.accept("cast will be ignored because the target data type is a domain");

        int function = 0, nargs = 0;
        char method;
        if (s.function() != null) {
            method = 'f';
            Signature f = function(s.function(), queryString, env);
            function = f.oid();
            nargs = f.argTypes().size();
            if (nargs < 1 || nargs > 3) throw invalid("cast function must take one to three arguments");
            if (!binaryCoercible(source, f.argTypes().get(0), types)) {
                throw invalid("argument of cast function must match or be binary-coercible from source data type");
            }
            if (nargs > 1 && f.argTypes().get(1) != TypeOids.INT4) throw invalid("second argument of cast function must be type integer");
            if (nargs > 2 && f.argTypes().get(2) != TypeOids.BOOL) throw invalid("third argument of cast function must be type boolean");
            if (!binaryCoercible(f.result(), target, types)) {
                throw invalid("return data type of cast function must match or be binary-coercible to target data type");
            }
            if (f.retset()) throw invalid("cast function must not return a set");
        } else if (s.inout()) {
            method = 'i';
        } else {
            method = 'b';
            // a binary-compatible cast can break the type system: only a superuser may vouch for it
            if (!env.currentUserIsSuperuser()) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to create a cast WITHOUT FUNCTION");
            }
            if (!PG_TYPE.get(srow, "typlen").equals(PG_TYPE.get(trow, "typlen"))
                    || !PG_TYPE.get(srow, "typbyval").equals(PG_TYPE.get(trow, "typbyval"))
                    || !PG_TYPE.get(srow, "typalign").equals(PG_TYPE.get(trow, "typalign"))) {
                throw invalid("source and target data types are not physically compatible");
            }
            if ("c".equals(PG_TYPE.get(srow, "typtype")) || "c".equals(PG_TYPE.get(trow, "typtype"))) {
                throw invalid("composite data types are not binary-compatible");
            }
            if ("e".equals(PG_TYPE.get(srow, "typtype")) || "e".equals(PG_TYPE.get(trow, "typtype"))) {
                throw invalid("enum data types are not binary-compatible");
            }
            if (oid(PG_TYPE.get(srow, "typelem")) != 0 && "A".equals(PG_TYPE.get(srow, "typcategory"))
                    || oid(PG_TYPE.get(trow, "typelem")) != 0 && "A".equals(PG_TYPE.get(trow, "typcategory"))) {
                throw invalid("array data types are not binary-compatible");
            }
            if ("d".equals(PG_TYPE.get(srow, "typtype")) || "d".equals(PG_TYPE.get(trow, "typtype"))) {
                throw invalid("domain data types must not be marked binary-compatible");
            }
        }
        // a cast from a type to itself is a length coercion, which needs the typmod argument
        if (source == target && nargs < 2) throw invalid("source data type and target data type are the same");

        CastDdl casts = env.catalog().castDdl();
        if (casts.rowFor(source, target) != null) {
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "cast from type " + BuiltinCatalog.formatType(source)
                    + " to type " + BuiltinCatalog.formatType(target) + " already exists");
        }
        casts.create(source, target, function, s.context(), method, env.catalog().dependencies());
    }

    /** RemoveObjects(OBJECT_CAST): the pg_cast row and what depends on it. */
    public static void drop(Stmt.DropCastStmt s, String queryString, ExecEnvironment env, Consumer<String> notices) {
        int source, target;
        try {
            source = ParseCoerce.resolveTypeName(s.source(), queryString).oid();
            target = ParseCoerce.resolveTypeName(s.target(), queryString).oid();
        } catch (PgException e) {
            if (s.missingOk() && SqlState.UNDEFINED_OBJECT.equals(e.sqlState())) {
                notices.accept(e.getMessage() + ", skipping");
                return;
            }
            throw e;
        }
        String desc = "cast from type " + BuiltinCatalog.formatType(source) + " to type " + BuiltinCatalog.formatType(target);
        Object[] row = env.catalog().castDdl().rowFor(source, target);
        if (row == null) {
            if (s.missingOk()) {
                notices.accept(desc + " does not exist, skipping");
                return;
            }
            throw PgException.error(SqlState.UNDEFINED_OBJECT, desc + " does not exist");
        }
        int castOid = oid(PG_CAST.get(row, "oid"));
        if (Integer.compareUnsigned(castOid, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw PgException.error("2BP01", "cannot drop cast from " + BuiltinCatalog.formatType(source) + " to "
                    + BuiltinCatalog.formatType(target) + " because it is required by the database system");
        }
        env.catalog().dependencies().performDeletion(List.of(new ObjectAddress(CastDdl.CAST_RELATION_ID, castOid, 0)),
                s.cascade());
    }

    /** A cast function's signature: a user function's or a built-in's. */
    private record Signature(int oid, List<Integer> argTypes, int result, boolean retset) {}

    private static Signature function(Stmt.DropFunctionStmt.FunctionRef ref, String queryString, ExecEnvironment env) {
        List<String> qn = ref.name();
        if (ref.argTypes() != null && (qn.size() == 1 || qn.get(0).equals("pg_catalog"))) {
            List<Integer> args = ref.argTypes().stream().map(t -> ParseCoerce.resolveTypeName(t, queryString).oid()).toList();
            for (PgProc p : BuiltinCatalog.functions(qn.get(qn.size() - 1))) {
                if (p.argTypes().equals(args) && !hasUser(ref, queryString, env)) {
                    return new Signature(p.oid(), p.argTypes(), p.resultType(), p.retset());
                }
            }
        }
        SqlFunction f = RoutineLookup.lookup(env.catalog().functions(), ref, queryString, false);
        return new Signature(f.oid(), f.argTypes(), f.resultType(), f.retset());
    }

    private static boolean hasUser(Stmt.DropFunctionStmt.FunctionRef ref, String queryString, ExecEnvironment env) {
        try {
            return RoutineLookup.lookup(env.catalog().functions(), ref, queryString, true) != null;
        } catch (PgException e) {
            return false;
        }
    }

    /** IsBinaryCoercible, for CreateCast's checks: the same type, or a binary cast between them. */
    private static boolean binaryCoercible(int from, int to, TypeCache types) {
        if (from == to) return true;
        org.tusk.catalog.PgCast c = BuiltinCatalog.cast(from, to);
        return c != null && c.method() == org.tusk.catalog.PgCast.Method.BINARY && c.context() == 'i';
    }

    private static PgException invalid(String message) {
        return PgException.error("42P17", message);
    }

    /** The written name of a type for messages that quote the statement's text. */
    static String written(TypeName t) {
        return String.join(".", t.names());
    }
}
