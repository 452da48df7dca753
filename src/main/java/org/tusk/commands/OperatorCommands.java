package org.tusk.commands;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_OPERATOR;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.CastDdl;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.OperatorDdl;
import org.tusk.catalog.PgOperator;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE OPERATOR, ALTER OPERATOR ... SET and DROP OPERATOR (operatorcmds.c DefineOperator,
 * AlterOperator, and RemoveObjects for OBJECT_OPERATOR with LookupOperWithArgs). The rows are
 * written by {@link OperatorDdl} (OperatorCreate); operator resolution then finds them through
 * {@code BuiltinCatalog.operators}.
 *
 * <p>A built-in operator cannot be dropped (2BP01, PostgreSQL's pinned objects); a user operator
 * is dropped through pg_depend, so CASCADE takes what depends on it. The selectivity estimators
 * RESTRICT and JOIN name PostgreSQL's built-in estimators (eqsel, eqjoinsel, ...), recorded with
 * their pg_proc OIDs (Tusk's planner does not call them), or a user function of the estimator's
 * signature.
 */
public final class OperatorCommands {
    private OperatorCommands() {}

    /** PostgreSQL's restriction and join selectivity estimators (pg_proc.dat OIDs). */
    private static final Map<String, Integer> ESTIMATORS = Map.ofEntries(Map.entry("eqsel", 101), Map.entry("neqsel", 102),
            Map.entry("scalarltsel", 103), Map.entry("scalargtsel", 104), Map.entry("eqjoinsel", 105),
            Map.entry("neqjoinsel", 106), Map.entry("scalarltjoinsel", 107), Map.entry("scalargtjoinsel", 108),
            Map.entry("scalarlesel", 336), Map.entry("scalargesel", 337), Map.entry("scalarlejoinsel", 386),
            Map.entry("scalargejoinsel", 398), Map.entry("areasel", 139), Map.entry("areajoinsel", 140),
            Map.entry("positionsel", 1300), Map.entry("positionjoinsel", 1301), Map.entry("contsel", 1302),
            Map.entry("contjoinsel", 1303));

    private static final int INTERNAL_TYPE = 2281;

    /** DefineOperator. */
    public static void define(Stmt.DefineOperatorStmt s, String queryString, ExecEnvironment env, Consumer<String> warnings) {
        List<String> qn = s.name();
        String name = qn.get(qn.size() - 1);
        int nsp = env.catalog().baseTypeDdl().creationNamespace(qn.size() >= 2 ? qn.get(qn.size() - 2) : null);
        Map<String, Stmt.DefElem> els = new HashMap<>();
        boolean canMerge = false, canHash = false;
        for (Stmt.DefElem d : s.definition()) {
            String key = d.name().toLowerCase(Locale.ROOT);
            switch (key) {
                case "leftarg", "rightarg", "procedure", "function", "commutator", "negator", "restrict", "join" -> {
                    if (key.equals("procedure")) key = "function";
                    if (els.put(key, d) != null) {
                        throw PgException.errorAt(SqlState.SYNTAX_ERROR, "conflicting or redundant options",
                                org.tusk.parser.Lexer.position(queryString, d.location()));
                    }
                }
                case "hashes" -> canHash = bool(d);
                case "merges", "sort1", "sort2", "ltcmp", "gtcmp" -> canMerge = key.equals("merges") ? bool(d) : true;
                default -> warnings.accept("operator attribute \"" + d.name() + "\" not recognized");
            }
        }
        int left = argType(els.get("leftarg"), queryString), right = argType(els.get("rightarg"), queryString);
        if (!els.containsKey("function")) throw PgException.error("42P13", "operator function must be specified");
        if (left == 0 && right == 0) throw PgException.error("42P13", "operator argument types must be specified");
        if (right == 0) {
            throw PgException.error("42P13", "operator right argument type must be specified")
                    .withDetail("Postfix operators are not supported.");
        }
        List<Integer> args = left == 0 ? List.of(right) : List.of(left, right);
        Routine fn = routine(env, names(els.get("function")), args);
        int restrict = estimator(env, els.get("restrict"), List.of(INTERNAL_TYPE, org.tusk.catalog.TypeOids.OID,
                INTERNAL_TYPE, org.tusk.catalog.TypeOids.INT4));
        int join = estimator(env, els.get("join"), List.of(INTERNAL_TYPE, org.tusk.catalog.TypeOids.OID,
                INTERNAL_TYPE, org.tusk.catalog.TypeOids.INT2, INTERNAL_TYPE));
        List<String> com = els.containsKey("commutator") ? names(els.get("commutator")) : null;
        List<String> neg = els.containsKey("negator") ? names(els.get("negator")) : null;
        if (com != null) checkName(com);
        if (neg != null) checkName(neg);
        checkName(List.of(name));
        env.catalog().operatorDdl().create(new OperatorDdl.Definition(name, nsp, left, right, fn.oid(), fn.result(),
                com == null ? null : com.get(com.size() - 1), com == null ? 0 : namespaceOf(env, com),
                neg == null ? null : neg.get(neg.size() - 1), neg == null ? 0 : namespaceOf(env, neg),
                restrict, join, canMerge, canHash), env.catalog().dependencies());
    }

    /** AlterOperator: RESTRICT and JOIN may change; anything else is an error as in PostgreSQL. */
    public static void alter(Stmt.AlterOperatorStmt s, String queryString, ExecEnvironment env) {
        Stmt.DropOperatorStmt.OperatorRef ref = s.operator();
        int left = type(ref.left(), queryString), right = type(ref.right(), queryString);
        String opname = ref.name().get(ref.name().size() - 1);
        Object[] row = env.catalog().operatorDdl().find(opname, 0, left, right);
        if (row == null) throw PgException.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + signature(ref, left, right));
        int operOid = oid(PG_OPERATOR.get(row, "oid"));
        Integer restrict = null, join = null;
        for (Stmt.DefElem d : s.options()) {
            String key = d.name().toLowerCase(Locale.ROOT);
            boolean none = d.value() == null || d.value().equals("none");
            switch (key) {
                case "restrict" -> restrict = none ? 0 : estimator(env, d, List.of(INTERNAL_TYPE, org.tusk.catalog.TypeOids.OID,
                        INTERNAL_TYPE, org.tusk.catalog.TypeOids.INT4));
                case "join" -> join = none ? 0 : estimator(env, d, List.of(INTERNAL_TYPE, org.tusk.catalog.TypeOids.OID,
                        INTERNAL_TYPE, org.tusk.catalog.TypeOids.INT2, INTERNAL_TYPE));
                case "leftarg", "rightarg", "procedure", "function", "commutator", "negator", "hashes", "merges" ->
                        throw PgException.error(SqlState.SYNTAX_ERROR, "operator attribute \"" + d.name() + "\" cannot be changed");
                default -> throw PgException.error(SqlState.SYNTAX_ERROR, "operator attribute \"" + d.name() + "\" not recognized");
            }
        }
        if (Integer.compareUnsigned(operOid, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0 && !env.currentUserIsSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of operator " + String.join(".", ref.name()));
        }
        if (oid(PG_OPERATOR.get(row, "oprowner")) != env.currentUserId() && !env.currentUserIsSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of operator " + String.join(".", ref.name()));
        }
        env.catalog().operatorDdl().alter(operOid, restrict, join, env.catalog().dependencies());
    }

    public static void drop(Stmt.DropOperatorStmt s, String queryString, ExecEnvironment env, Consumer<String> notices) {
        List<ObjectAddress> targets = new ArrayList<>();
        for (Stmt.DropOperatorStmt.OperatorRef ref : s.operators()) {
            String name = String.join(".", ref.name());
            int left, right;
            try {
                left = type(ref.left(), queryString);
                right = type(ref.right(), queryString);
            } catch (PgException e) {
                // does_not_exist_skipping: a missing argument type is what is reported
                if (s.missingOk() && SqlState.UNDEFINED_OBJECT.equals(e.sqlState())) {
                    notices.accept(e.getMessage() + ", skipping");
                    continue;
                }
                throw e;
            }
            String opname = ref.name().get(ref.name().size() - 1);
            Object[] user = env.catalog().operatorDdl().find(opname, 0, left, right);
            if (user != null && Integer.compareUnsigned(oid(PG_OPERATOR.get(user, "oid")), CastDdl.FIRST_NORMAL_OBJECT_ID) >= 0) {
                targets.add(new ObjectAddress(OperatorDdl.OPERATOR_RELATION_ID, oid(PG_OPERATOR.get(user, "oid")), 0));
                continue;
            }
            PgOperator found = null;
            boolean pgCatalog = ref.name().size() == 1 || ref.name().get(0).equals("pg_catalog");
            if (pgCatalog) {
                for (PgOperator o : BuiltinCatalog.operators(opname)) if (o.left() == left && o.right() == right) found = o;
            }
            if (found == null) {
                if (s.missingOk()) {
                    notices.accept("operator " + name + " does not exist, skipping");
                    continue;
                }
                throw PgException.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + signature(ref, left, right));
            }
            String desc = "operator " + name + "(" + (left == 0 ? "NONE" : BuiltinCatalog.formatType(left)) + ","
                    + BuiltinCatalog.formatType(right) + ")";
            throw PgException.error("2BP01", "cannot drop " + desc + " because it is required by the database system");
        }
        if (!targets.isEmpty()) env.catalog().dependencies().performDeletion(targets, s.cascade());
    }

    /** op_signature_string. */
    private static String signature(Stmt.DropOperatorStmt.OperatorRef ref, int left, int right) {
        String name = String.join(".", ref.name());
        return (left == 0 ? "" : BuiltinCatalog.formatType(left) + " ") + name + " " + BuiltinCatalog.formatType(right);
    }

    /** A side's type OID, 0 for NONE. */
    private static int type(TypeName tn, String queryString) {
        if (tn == null) return 0;
        try {
            return ParseCoerce.resolveTypeName(tn, queryString).oid();
        } catch (PgException e) {
            // LookupTypeNameOid without a parse state: the error names no position
            throw new PgException(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
        }
    }

    /** LEFTARG / RIGHTARG: a type, never SETOF (DefineOperator's check). */
    private static int argType(Stmt.DefElem d, String queryString) {
        if (d == null) return 0;
        if (d.value() != null && d.value().startsWith("setof ")) {
            throw PgException.error("42P13", "SETOF type not allowed for operator argument");
        }
        // def_arg's func_type: gram.y has already made "int" pg_catalog.int4 (SystemTypeName)
        List<String> names = names(d);
        if (names.size() == 1) names = List.of(org.tusk.utils.adt.RegTypes.systemTypeName(names.get(0)));
        return type(new TypeName(names, List.of(), d.value() != null && d.value().endsWith("[]"), -1), queryString);
    }

    private record Routine(int oid, int result) {}

    /** LookupFuncName with exact argument types: a user function, else a built-in; 42883 if neither. */
    private static Routine routine(ExecEnvironment env, List<String> qn, List<Integer> args) {
        String schema = qn.size() == 2 ? qn.get(0) : null;
        String name = qn.get(qn.size() - 1);
        for (SqlFunction f : env.catalog().functions().candidates(schema, name)) {
            if (f.argTypes().equals(args)) {
                if (f.retset()) throw PgException.error("42P13", "operator function cannot return a set");
                return new Routine(f.oid(), f.resultType());
            }
        }
        if (schema == null || schema.equals("pg_catalog")) {
            for (PgProc p : BuiltinCatalog.functions(name)) if (p.argTypes().equals(args)) return new Routine(p.oid(), p.resultType());
        }
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qn) + "("
                + String.join(", ", args.stream().map(BuiltinCatalog::formatType).toList()) + ") does not exist");
    }

    /** A RESTRICT or JOIN estimator: PostgreSQL's built-in one of that name, or a user function of that signature. */
    private static int estimator(ExecEnvironment env, Stmt.DefElem d, List<Integer> args) {
        if (d == null) return 0;
        List<String> qn = names(d);
        String name = qn.get(qn.size() - 1);
        if ((qn.size() == 1 || qn.get(0).equals("pg_catalog")) && ESTIMATORS.containsKey(name)) return ESTIMATORS.get(name);
        for (SqlFunction f : env.catalog().functions().candidates(qn.size() == 2 ? qn.get(0) : null, name)) {
            if (f.argTypes().equals(args)) return f.oid();
        }
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qn) + "("
                + String.join(", ", args.stream().map(BuiltinCatalog::formatType).toList()) + ") does not exist");
    }

    /** The namespace a qualified COMMUTATOR/NEGATOR names, 0 when unqualified (the operator's own). */
    private static int namespaceOf(ExecEnvironment env, List<String> qn) {
        if (qn.size() < 2) return 0;
        String schema = qn.get(qn.size() - 2);
        if (schema.equals("pg_catalog")) return SystemCatalogs.PG_CATALOG_NAMESPACE;
        return env.catalog().baseTypeDdl().creationNamespace(schema);
    }

    /** OperatorValidateName (pg_operator.c validOperatorName): the characters and the "--" and "/*" rules. */
    private static void checkName(List<String> qn) {
        String n = qn.get(qn.size() - 1);
        boolean ok = !n.isEmpty() && n.length() < 64 && !n.contains("--") && !n.contains("/*");
        for (char c : n.toCharArray()) ok &= "~!@#^&|`?+-*/%<>=".indexOf(c) >= 0;
        if (ok && n.length() > 1 && (n.endsWith("+") || n.endsWith("-"))) {
            for (char c : n.toCharArray()) if ("~!@#^&|`?%".indexOf(c) >= 0) return;
            ok = false;
        }
        if (!ok) throw PgException.error("42602", "\"" + n + "\" is not a valid operator name");
    }

    private static List<String> names(Stmt.DefElem d) {
        if (d.value() == null) throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a parameter");
        return d.list() != null ? d.list() : List.of(d.value());
    }

    private static boolean bool(Stmt.DefElem d) {
        if (d.value() == null) return true;
        return switch (d.value().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw PgException.error(SqlState.SYNTAX_ERROR, d.name() + " requires a Boolean value");
        };
    }
}
