package org.tusk.commands;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_OPCLASS;
import static org.tusk.catalog.SystemCatalogs.PG_OPERATOR;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.CastDdl;
import org.tusk.catalog.ObjectAddress;
import org.tusk.catalog.OpclassDdl;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.SystemCatalogs;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.TypeName;
import org.tusk.parser.ParseCoerce;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE OPERATOR CLASS, CREATE OPERATOR FAMILY, ALTER OPERATOR FAMILY ... ADD / DROP, and DROP
 * OPERATOR CLASS / FAMILY (opclasscmds.c DefineOpClass, DefineOpFamily, AlterOpFamilyAdd,
 * AlterOpFamilyDrop, and RemoveObjects for OBJECT_OPCLASS / OBJECT_OPFAMILY). The members are
 * checked as assignOperTypes / assignProcTypes check them for btree and hash (the two access
 * methods Tusk knows operator classes for) and stored by {@link OpclassDdl}.
 */
public final class OpclassCommands {
    private OpclassCommands() {}

    /** ERRCODE_INVALID_OBJECT_DEFINITION. */
    private static final String INVALID_OBJECT_DEFINITION = "42P17";

    /** BTMaxStrategyNumber / BTNProcs and HTMaxStrategyNumber / HASHNProcs (PostgreSQL 15). */
    private static final int BT_STRATEGIES = 5, BT_PROCS = 5, HASH_STRATEGIES = 1, HASH_PROCS = 3;

    /** get_index_am_oid: btree and hash; 42704 for a name PostgreSQL does not know. */
    static int accessMethod(String name) {
        return switch (name) {
            case "btree" -> SystemCatalogs.BTREE_AM_OID;
            case "hash" -> SystemCatalogs.HASH_AM_OID;
            case "gist", "gin", "spgist", "brin" -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "access method \"" + name + "\" is not supported");
            default -> throw PgException.error(SqlState.UNDEFINED_OBJECT, "access method \"" + name + "\" does not exist");
        };
    }

    private static void requireSuperuser(ExecEnvironment env, String what) {
        if (!env.currentUserIsSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be superuser to " + what);
        }
    }

    /** DefineOpFamily. */
    public static void defineFamily(Stmt.CreateOpFamilyStmt s, ExecEnvironment env) {
        int am = accessMethod(s.amName());
        requireSuperuser(env, "create an operator family");
        int nsp = namespace(env, s.name());
        env.catalog().opclassDdl().createFamily(last(s.name()), nsp, am, s.amName());
    }

    /** DefineOpClass. */
    public static void defineClass(Stmt.CreateOpClassStmt s, String queryString, ExecEnvironment env) {
        OpclassDdl ddl = env.catalog().opclassDdl();
        int am = accessMethod(s.amName());
        int nsp = namespace(env, s.name());
        int type = type(s.dataType(), queryString);
        requireSuperuser(env, "create an operator class");
        String name = last(s.name());
        int family;
        if (s.family() != null) {
            family = findFamily(env, s.family(), am, s.amName(), false);
        } else {
            // a family of the class's own name in its schema, created if missing
            family = ddl.lookup(true, name, nsp, am);
            if (family == 0) family = ddl.createFamily(name, nsp, am, s.amName());
        }
        int keyType = 0;
        List<OpclassDdl.Member> members = new ArrayList<>();
        for (Stmt.OpClassItem item : s.items()) {
            switch (item.kind()) {
                case OPERATOR -> members.add(operatorMember(env, item, am, type, queryString, true));
                case FUNCTION -> members.add(functionMember(env, item, am, type, queryString));
                case STORAGE -> {
                    if (keyType != 0) throw PgException.error(SqlState.SYNTAX_ERROR, "storage type specified more than once");
                    keyType = type(item.storage(), queryString);
                }
            }
        }
        // btree and hash have amstorage false: the key type must be the input type
        if (keyType != 0 && keyType != type) {
            throw PgException.error(INVALID_OBJECT_DEFINITION,
                    "storage type cannot be different from data type for access method \"" + s.amName() + "\"");
        }
        int opclass = ddl.createClass(new OpclassDdl.ClassDefinition(name, nsp, am, s.amName(), family, type, s.isDefault(),
                0), env.catalog().dependencies());
        ddl.addMembers(family, am, opclass, members, env.catalog().dependencies());
    }

    /** AlterOpFamily: ADD or DROP members. */
    public static void alterFamily(Stmt.AlterOpFamilyStmt s, String queryString, ExecEnvironment env) {
        OpclassDdl ddl = env.catalog().opclassDdl();
        int am = accessMethod(s.amName());
        int family = findFamily(env, s.name(), am, s.amName(), false);
        requireSuperuser(env, "alter an operator family");
        if (s.isDrop()) {
            List<ObjectAddress> targets = new ArrayList<>();
            for (Stmt.OpClassItem item : s.items()) {
                boolean op = item.kind() == Stmt.OpClassItemKind.OPERATOR;
                checkNumber(item.number(), op, am);
                int left = type(item.classArgs().get(0), queryString);
                int right = item.classArgs().size() > 1 ? type(item.classArgs().get(1), queryString) : left;
                int member = ddl.memberOid(family, op, item.number(), left, right);
                targets.add(new ObjectAddress(op ? OpclassDdl.AMOP_RELATION_ID : OpclassDdl.AMPROC_RELATION_ID, member, 0));
            }
            env.catalog().dependencies().performDeletion(targets, false, true);
            return;
        }
        List<OpclassDdl.Member> members = new ArrayList<>();
        for (Stmt.OpClassItem item : s.items()) {
            switch (item.kind()) {
                case OPERATOR -> {
                    if (item.classArgs().isEmpty()) {
                        throw PgException.error(SqlState.SYNTAX_ERROR,
                                "operator argument types must be specified in ALTER OPERATOR FAMILY");
                    }
                    members.add(operatorMember(env, item, am, 0, queryString, false));
                }
                case FUNCTION -> members.add(functionMember(env, item, am, 0, queryString));
                case STORAGE -> throw PgException.error(SqlState.SYNTAX_ERROR,
                        "STORAGE cannot be specified in ALTER OPERATOR FAMILY");
            }
        }
        ddl.addMembers(family, am, 0, members, env.catalog().dependencies());
    }

    /** RemoveObjects for OBJECT_OPCLASS / OBJECT_OPFAMILY. */
    public static void drop(Stmt.DropOpClassStmt s, ExecEnvironment env, Consumer<String> notices) {
        int am = accessMethod(s.amName());
        String what = s.family() ? "operator family" : "operator class";
        int oid = s.family() ? findFamily(env, s.name(), am, s.amName(), true) : findClass(env, s.name(), am);
        if (oid == 0) {
            String msg = what + " \"" + String.join(".", s.name()) + "\" does not exist for access method \"" + s.amName() + "\"";
            if (!s.missingOk()) throw PgException.error(SqlState.UNDEFINED_OBJECT, msg);
            notices.accept(msg + ", skipping");
            return;
        }
        if (Integer.compareUnsigned(oid, CastDdl.FIRST_NORMAL_OBJECT_ID) < 0) {
            throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + what + " "
                    + last(s.name()) + " for access method " + s.amName() + " because it is required by the database system");
        }
        checkOwner(env, s.family() ? SystemCatalogs.PG_OPFAMILY : PG_OPCLASS, oid, what, s.name());
        env.catalog().dependencies().performDeletion(List.of(new ObjectAddress(
                s.family() ? OpclassDdl.OPFAMILY_RELATION_ID : OpclassDdl.OPCLASS_RELATION_ID, oid, 0)), s.cascade());
    }

    private static void checkOwner(ExecEnvironment env, org.tusk.catalog.SystemCatalog c, int oid, String what, List<String> name) {
        Object[] r = env.catalog().opclassDdl().row(c, oid);
        String owner = c == PG_OPCLASS ? "opcowner" : "opfowner";
        if (r != null && oid(c.get(r, owner)) != env.currentUserId() && !env.currentUserIsSuperuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of " + what + " " + String.join(".", name));
        }
    }

    // ---- members

    /**
     * An OPERATOR item: the operator named with the given argument types, or (input, input) when
     * none are given (DefineOpClass); assignOperTypes: a search operator returns boolean.
     */
    private static OpclassDdl.Member operatorMember(ExecEnvironment env, Stmt.OpClassItem item, int am, int inputType,
                                                   String queryString, boolean inClass) {
        checkNumber(item.number(), true, am);
        int left = inputType, right = inputType;
        if (!item.classArgs().isEmpty()) {
            left = type(item.classArgs().get(0), queryString);
            right = type(item.classArgs().get(1), queryString);
        }
        String opname = last(item.name());
        Object[] op = env.catalog().operatorDdl().find(opname, 0, left, right);
        if (op == null || oid(PG_OPERATOR.get(op, "oprresult")) == 0) {   // a shell operator is not defined yet
            throw PgException.error(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + (left == 0 ? "" : BuiltinCatalog.formatType(left) + " ") + String.join(".", item.name()) + " "
                    + BuiltinCatalog.formatType(right));
        }
        int sortFamily = 0;
        if (item.orderFamily() != null) {
            // amcanorderbyop is false for btree and hash
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "access method \""
                    + (am == SystemCatalogs.BTREE_AM_OID ? "btree" : "hash") + "\" does not support ordering operators");
        } else if (oid(PG_OPERATOR.get(op, "oprresult")) != TypeOids.BOOL) {
            throw PgException.error(INVALID_OBJECT_DEFINITION, "index search operators must return boolean");
        }
        return new OpclassDdl.Member(true, item.number(), oid(PG_OPERATOR.get(op, "oid")),
                oid(PG_OPERATOR.get(op, "oprleft")), oid(PG_OPERATOR.get(op, "oprright")), sortFamily);
    }

    /** A FUNCTION item: the function, checked as assignProcTypes checks btree's and hash's support functions. */
    private static OpclassDdl.Member functionMember(ExecEnvironment env, Stmt.OpClassItem item, int am, int inputType,
                                                   String queryString) {
        checkNumber(item.number(), false, am);
        List<Integer> args = new ArrayList<>();
        for (TypeName t : item.functionArgs()) args.add(type(t, queryString));
        Routine fn = routine(env, item.name(), args);
        int n = item.number();
        int left, right;
        if (am == SystemCatalogs.BTREE_AM_OID && n == 1) {
            if (args.size() != 2) throw invalid("btree comparison functions must have two arguments");
            if (fn.result() != TypeOids.INT4) throw invalid("btree comparison functions must return integer");
            left = args.get(0);
            right = args.get(1);
        } else if (am == SystemCatalogs.HASH_AM_OID && (n == 1 || n == 2)) {
            if (args.size() != n) {
                throw invalid("hash function " + n + " must have " + (n == 1 ? "one argument" : "two arguments"));
            }
            if (fn.result() != (n == 1 ? TypeOids.INT4 : TypeOids.INT8)) {
                throw invalid("hash function " + n + " must return " + (n == 1 ? "integer" : "bigint"));
            }
            left = right = args.get(0);
        } else if (inputType != 0 || !item.classArgs().isEmpty()) {
            left = right = inputType;
        } else {
            throw PgException.error(INVALID_OBJECT_DEFINITION,
                    "associated data types must be specified for index support function");
        }
        if (!item.classArgs().isEmpty()) {
            left = type(item.classArgs().get(0), queryString);
            right = item.classArgs().size() > 1 ? type(item.classArgs().get(1), queryString) : left;
        }
        return new OpclassDdl.Member(false, n, fn.oid(), left, right, 0);
    }

    private static PgException invalid(String message) {
        return PgException.error(INVALID_OBJECT_DEFINITION, message);
    }

    private static void checkNumber(int number, boolean operator, int am) {
        boolean btree = am == SystemCatalogs.BTREE_AM_OID;
        int max = operator ? (btree ? BT_STRATEGIES : HASH_STRATEGIES) : (btree ? BT_PROCS : HASH_PROCS);
        if (number < 1 || number > max) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid " + (operator ? "operator" : "function")
                    + " number " + number + ", must be between 1 and " + max);
        }
    }

    private record Routine(int oid, int result) {}

    /** LookupFuncWithArgs: a user function of exactly these argument types, else a built-in one; 42883 if neither. */
    private static Routine routine(ExecEnvironment env, List<String> qn, List<Integer> args) {
        String schema = qn.size() >= 2 ? qn.get(qn.size() - 2) : null;
        String name = last(qn);
        for (SqlFunction f : env.catalog().functions().candidates(schema, name)) {
            if (f.argTypes().equals(args)) return new Routine(f.oid(), f.resultType());
        }
        if (schema == null || schema.equals("pg_catalog")) {
            for (PgProc p : BuiltinCatalog.functions(name)) if (p.argTypes().equals(args)) return new Routine(p.oid(), p.resultType());
        }
        throw PgException.error(SqlState.UNDEFINED_FUNCTION, "function " + String.join(".", qn) + "("
                + String.join(", ", args.stream().map(BuiltinCatalog::formatType).toList()) + ") does not exist");
    }

    // ---- names

    private static int findFamily(ExecEnvironment env, List<String> name, int am, String amName, boolean missingOk) {
        int nsp = name.size() >= 2 ? env.catalog().baseTypeDdl().creationNamespace(name.get(name.size() - 2)) : 0;
        int oid = env.catalog().opclassDdl().lookup(true, last(name), nsp, am);
        if (oid == 0 && !missingOk) {
            throw PgException.error(SqlState.UNDEFINED_OBJECT, "operator family \"" + String.join(".", name)
                    + "\" does not exist for access method \"" + amName + "\"");
        }
        return oid;
    }

    private static int findClass(ExecEnvironment env, List<String> name, int am) {
        int nsp = name.size() >= 2 ? env.catalog().baseTypeDdl().creationNamespace(name.get(name.size() - 2)) : 0;
        return env.catalog().opclassDdl().lookup(false, last(name), nsp, am);
    }

    private static int namespace(ExecEnvironment env, List<String> name) {
        return env.catalog().baseTypeDdl().creationNamespace(name.size() >= 2 ? name.get(name.size() - 2) : null);
    }

    private static String last(List<String> name) {
        return name.get(name.size() - 1);
    }

    private static int type(TypeName tn, String queryString) {
        return ParseCoerce.resolveTypeName(tn, queryString).oid();
    }
}
