package org.tusk.commands;

import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.RoleMembership;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.UserAggregate;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

/**
 * ALTER FUNCTION and ALTER AGGREGATE (PostgreSQL's functioncmds.c AlterFunction, and
 * alter.c's AlterObjectRename_internal / AlterObjectNamespace_internal / AlterObjectOwner_internal
 * for OBJECT_FUNCTION and OBJECT_AGGREGATE): the routine is found as LookupFuncWithArgs finds it,
 * and only its pg_proc row changes.
 *
 * <p>SECURITY DEFINER/INVOKER sets prosecdef, which the call handler honours by running the
 * function as its owner; SET/RESET clauses change proconfig ({@link FunctionConfig}).
 */
public final class AlterFunctionCommands {
    private AlterFunctionCommands() {}

    /** The routine an ALTER names: its OID, signature for messages, and current name/schema/owner. */
    record Target(int oid, String name, int namespace, int owner, List<Integer> argTypes, boolean retset) {}

    public static void alter(Stmt.AlterFunctionStmt s, String queryString, ExecEnvironment env,
                             java.util.function.UnaryOperator<String> canonicalSettingName) {
        FunctionDdl functions = env.catalog().functions();
        Target t = lookup(functions, s.aggregate(), s.function(), queryString, s.actions());
        boolean superuser = env.currentUserIsSuperuser();
        if (!superuser && env.currentUserId() != t.owner()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of "
                    + (s.aggregate() ? "aggregate " : "function ") + t.name());
        }
        if (s.newName() != null || s.newSchema() != null) {
            String name = s.newName() != null ? s.newName() : t.name();
            int nsp = s.newSchema() != null ? functions.targetNamespace(s.newSchema()) : t.namespace();
            if (s.newSchema() != null && nsp == t.namespace()) {
                throw PgException.error("42723", "function " + signature(t.name(), t.argTypes())
                        + " is already in schema \"" + s.newSchema() + "\"");
            }
            // IsThereFunctionInNamespace
            if (functions.find(nsp, name, t.argTypes()) != null || functions.aggregates().find(nsp, name, t.argTypes()) != null) {
                String schema = s.newSchema() != null ? s.newSchema() : env.catalog().namespaceName(nsp);
                throw PgException.error("42723", "function " + signature(name, t.argTypes())
                        + " already exists in schema \"" + schema + "\"");
            }
            functions.alterRow(t.oid(), row -> {
                PG_PROC.set(row, "proname", name);
                PG_PROC.set(row, "pronamespace", nsp);
            });
            return;
        }
        functions.alterRow(t.oid(), row -> {
            for (Stmt.DefElem d : s.actions()) apply(row, d, t, superuser);
            if (!s.settings().isEmpty()) {
                // update_proconfig_value: the SET/RESET clauses change the function's own settings
                SqlFunction f = functions.byOid(t.oid());
                List<String> config = FunctionConfig.apply(f == null ? List.of() : f.config(), s.settings(), canonicalSettingName);
                PG_PROC.set(row, "proconfig", config.isEmpty() ? null : config.toArray(new String[0]));
            }
        });
    }

    /** AlterFunction: one element of the alterfunc_opt_list (compute_common_attribute). */
    private static void apply(Object[] row, Stmt.DefElem d, Target t, boolean superuser) {
        switch (d.name()) {
            case "volatility" -> PG_PROC.set(row, "provolatile", d.value().substring(0, 1));
            case "strict" -> PG_PROC.set(row, "proisstrict", Boolean.parseBoolean(d.value()));
            case "leakproof" -> {
                boolean leakproof = Boolean.parseBoolean(d.value());
                // a leakproof function may see rows a security barrier hides, so only a superuser vouches for it
                if (leakproof && !superuser) {
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "only superuser can define a leakproof function");
                }
                PG_PROC.set(row, "proleakproof", leakproof);
            }
            case "security" -> PG_PROC.set(row, "prosecdef", Boolean.parseBoolean(d.value()));
            case "parallel" -> PG_PROC.set(row, "proparallel", switch (d.value().toLowerCase(Locale.ROOT)) {
                case "safe" -> "s";
                case "restricted" -> "r";
                case "unsafe" -> "u";
                default -> throw PgException.error(SqlState.SYNTAX_ERROR,
                        "parameter \"parallel\" must be SAFE, RESTRICTED, or UNSAFE");
            });
            case "cost" -> PG_PROC.set(row, "procost", FunctionCommands.positiveOption("COST", d.value()));
            case "rows" -> {
                float rows = FunctionCommands.positiveOption("ROWS", d.value());
                if (!t.retset()) {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "ROWS is not applicable when function does not return a set");
                }
                PG_PROC.set(row, "prorows", rows);
            }
            default -> throw new IllegalStateException("unknown ALTER FUNCTION action " + d.name());
        }
    }

    /**
     * AlterObjectOwner_internal: a superuser, or a role with the owner's privileges giving the
     * routine to a role it is a member of that may create in the routine's schema.
     */
    public static void alterOwner(Stmt.AlterFunctionOwnerStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        FunctionDdl functions = env.catalog().functions();
        Target t = lookup(functions, s.aggregate(), s.function(), null);
        BootstrapCatalog cat = shared.sharedCatalog().current();
        Role me = Roles.current(cat, shared);
        Role newOwner = Roles.resolve(cat, s.newOwner(), shared);
        if (newOwner.oid() == t.owner()) return;
        if (!me.superuser()) {
            if (!RoleMembership.hasPrivsOfRole(cat, me.oid(), t.owner())) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of "
                        + (s.aggregate() ? "aggregate " : "function ") + t.name());
            }
            if (!RoleMembership.isMemberOfRole(cat, me.oid(), newOwner.oid())) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + newOwner.name() + "\"");
            }
            if (!RelationOwnerCommands.mayCreateIn(env.catalog(), cat, newOwner, t.namespace())) {
                throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for schema "
                        + env.catalog().namespaceName(t.namespace()));
            }
        }
        setOwner(functions, t.oid(), t.owner(), newOwner.oid());
    }

    /**
     * The catalog part of giving a routine a new owner (AlterObjectOwner_internal, also
     * REASSIGN OWNED): proowner, and proacl rewritten as aclnewowner does, the old owner's
     * grants becoming the new owner's.
     */
    static void setOwner(FunctionDdl functions, int routine, int oldOwner, int newOwner) {
        functions.alterRow(routine, row -> {
            PG_PROC.set(row, "proowner", newOwner);
            int[] acl = (int[]) PG_PROC.get(row, "proacl");
            if (acl != null) PG_PROC.set(row, "proacl", Acl.newOwner(acl, oldOwner, newOwner));
        });
    }

    /** LookupFuncWithArgs / LookupAggWithArgs with PostgreSQL's messages. */
    static Target lookup(FunctionDdl functions, boolean aggregate, Stmt.DropFunctionStmt.FunctionRef ref,
                                 String queryString) {
        return lookup(functions, aggregate, ref, queryString, null);
    }

    /** The same, refusing for a procedure the {@code actions} that only describe a function's result. */
    static Target lookup(FunctionDdl functions, boolean aggregate, Stmt.DropFunctionStmt.FunctionRef ref,
                         String queryString, List<Stmt.DefElem> actions) {
        List<String> qn = ref.name();
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        String shown = String.join(".", qn);
        List<Integer> types = null;
        if (ref.argTypes() != null) {
            types = new ArrayList<>();
            for (TypeName tn : ref.argTypes()) {
                types.add(tn.names().size() == 1 && tn.lastName().equals("any") && !tn.array()
                        ? org.tusk.catalog.TypeOids.ANY : ParseCoerce.resolveTypeName(tn, queryString).oid());
            }
        }
        if (aggregate) {
            for (UserAggregate a : functions.aggregates().candidates(schema, name)) {
                if (a.argTypes().equals(types)) {
                    return new Target(a.oid(), a.name(), a.namespace(), a.owner(), a.argTypes(), false);
                }
            }
            throw PgException.error(SqlState.UNDEFINED_FUNCTION, "aggregate " + shown + "("
                    + (types.isEmpty() ? "*" : signatureArgs(types)) + ") does not exist");
        }
        if (!ref.objtype().equals("function")) {
            // ALTER PROCEDURE / ROUTINE: LookupFuncWithArgs with a procedure's OUT parameters in its signature
            SqlFunction r = RoutineLookup.lookup(functions, ref, queryString, false);
            if (r.procedure() && actions != null) {
                for (Stmt.DefElem d : actions) {
                    // AlterFunction: what only describes a function's result is refused for a procedure
                    if (d.name().equals("volatility") || d.name().equals("strict") || d.name().equals("leakproof")
                            || d.name().equals("parallel")) {
                        throw PgException.errorAt("42P13", "invalid attribute in procedure definition",
                                org.tusk.parser.Lexer.position(queryString, d.location()));
                    }
                }
            }
            return new Target(r.oid(), r.name(), r.namespace(), r.owner(), r.argTypes(), r.retset());
        }
        List<SqlFunction> cands = functions.candidates(schema, name);
        SqlFunction found = null;
        if (types == null) {
            if (cands.size() > 1) {
                throw new PgException(Severity.ERROR, "42725", "function name \"" + shown + "\" is not unique", null,
                        "Specify the argument list to select the function unambiguously.", 0);
            }
            if (cands.isEmpty()) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "could not find a function named \"" + shown + "\"");
            found = cands.get(0);
        } else {
            for (SqlFunction f : cands) if (f.argTypes().equals(types)) found = f;
            if (found == null) {
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + shown + "(" + signatureArgs(types)
                        + ") does not exist");
            }
        }
        return new Target(found.oid(), found.name(), found.namespace(), found.owner(), found.argTypes(), found.retset());
    }

    /** funcname_signature_string. */
    private static String signature(String name, List<Integer> types) {
        return name + "(" + signatureArgs(types) + ")";
    }

    private static String signatureArgs(List<Integer> types) {
        List<String> s = new ArrayList<>();
        for (int t : types) s.add(BuiltinCatalog.formatType(t));
        return String.join(", ", s);
    }
}
