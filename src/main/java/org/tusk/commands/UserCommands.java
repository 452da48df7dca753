package org.tusk.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.SharedCatalog;
import org.tusk.libpq.Md5Password;
import org.tusk.libpq.PasswordType;
import org.tusk.libpq.ScramSha256;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.Stmt.OptionItem;
import org.tusk.utils.adt.DateTimes;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * CREATE ROLE/USER/GROUP, ALTER ROLE, ALTER ROLE ... RENAME TO and DROP ROLE (PostgreSQL 15's
 * commands/user.c: CreateRole, AlterRole, RenameRole, DropRole), with its permission rules,
 * messages and SQLSTATEs. Passwords are stored as encrypt_password does (libpq/crypt.c): a
 * SCRAM-SHA-256 verifier when password_encryption is scram-sha-256, an md5 hash when it is md5,
 * and unchanged when the client already sent an encrypted form. DROP ROLE also removes the
 * role's memberships, both ways (RoleMembershipCommands). CREATE ROLE's IN ROLE, ROLE and ADMIN
 * options add memberships as GRANT role TO role would, granted by the current user.
 */
public final class UserCommands {
    private UserCommands() {}

    /** The options after parsing, null for "not given" (PostgreSQL's dXXX OptionItem pointers). */
    private static final class Options {
        Boolean superuser, inherit, createRole, createDb, canLogin, replication, bypassRls;
        Integer connLimit;
        boolean passwordGiven;
        String password;
        String validUntil;
        List<String> addRoleTo = List.of(), roleMembers = List.of(), adminMembers = List.of();

        @SuppressWarnings("unchecked")
        private static List<String> names(OptionItem d) {
            return (List<String>) d.value();
        }

        static Options of(List<OptionItem> elems) {
            Options o = new Options();
            Map<String, OptionItem> seen = new HashMap<>();
            for (OptionItem d : elems) {
                if (seen.put(d.name(), d) != null) throw DefElems.conflicting();
                switch (d.name()) {
                    case "superuser" -> o.superuser = DefElems.bool(d);
                    case "inherit" -> o.inherit = DefElems.bool(d);
                    case "createrole" -> o.createRole = DefElems.bool(d);
                    case "createdb" -> o.createDb = DefElems.bool(d);
                    case "canlogin" -> o.canLogin = DefElems.bool(d);
                    case "isreplication" -> o.replication = DefElems.bool(d);
                    case "bypassrls" -> o.bypassRls = DefElems.bool(d);
                    case "connectionlimit" -> o.connLimit = DefElems.int32(d);
                    case "password" -> {
                        o.passwordGiven = true;
                        o.password = (String) d.value();
                    }
                    case "validUntil" -> o.validUntil = DefElems.string(d);
                    case "sysid" -> { } // accepted and ignored, as PostgreSQL does (with a NOTICE)
                    case "addroleto" -> o.addRoleTo = names(d);
                    case "role" -> o.roleMembers = names(d);
                    case "admin" -> o.adminMembers = names(d);
                    default -> throw new IllegalStateException("option \"" + d.name() + "\" not recognized");
                }
            }
            if (o.connLimit != null && o.connLimit < -1)
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid connection limit: " + o.connLimit);
            return o;
        }
    }

    /** CreateRole. */
    public static void createRole(Stmt.CreateRoleStmt s, SharedObjectEnv env) {
        Options o = Options.of(s.options());
        if (s.options().stream().anyMatch(d -> d.name().equals("sysid")))
            env.notice("SYSID can no longer be specified");
        SharedCatalog shared = env.sharedCatalog();
        shared.lockRoles();
        BootstrapCatalog cat = shared.current();
        Role me = Roles.current(cat, env);
        boolean superuser = o.superuser != null && o.superuser;
        boolean replication = o.replication != null && o.replication;
        boolean bypassRls = o.bypassRls != null && o.bypassRls;
        if (superuser) {
            if (!me.superuser()) throw denied("must be superuser to create superusers");
        } else if (replication) {
            if (!me.superuser()) throw denied("must be superuser to create replication users");
        } else if (bypassRls) {
            if (!me.superuser()) throw denied("must be superuser to create bypassrls users");
        } else if (!Roles.haveCreateRolePrivilege(me)) {
            throw denied("permission denied to create role");
        }
        checkReservedName(s.role());
        if (cat.role(s.role()).isPresent())
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "role \"" + s.role() + "\" already exists");
        String validUntil = o.validUntil == null ? null : parseValidUntil(o.validUntil, env);
        String password = o.passwordGiven ? encryptPassword(o.password, s.role(), env) : null;
        int oid;
        do {
            oid = env.newObjectId();
        } while (cat.role(oid).isPresent() || cat.database(oid).isPresent());
        boolean canLogin = o.canLogin != null ? o.canLogin : s.kind() == Stmt.CreateRoleStmt.Kind.USER;
        shared.putRole(new Role(oid, s.role(), superuser, o.inherit == null || o.inherit,
                o.createRole != null && o.createRole, o.createDb != null && o.createDb, canLogin, replication, bypassRls,
                o.connLimit == null ? -1 : o.connLimit, password, validUntil));
        // CreateRole: IN ROLE (the new role joins them), then ROLE and ADMIN (they join it), granted by us.
        Role created = shared.current().role(oid).orElseThrow();
        for (String name : o.addRoleTo) {
            Role r = shared.current().role(name).orElseThrow(() -> Roles.doesNotExist(name));
            RoleMembershipCommands.addRoleMems(r, List.of(created), env.currentUserId(), false, env);
        }
        RoleMembershipCommands.addRoleMems(created, resolveAll(shared, o.roleMembers), env.currentUserId(), false, env);
        RoleMembershipCommands.addRoleMems(created, resolveAll(shared, o.adminMembers), env.currentUserId(), true, env);
    }

    private static List<Role> resolveAll(SharedCatalog shared, List<String> names) {
        List<Role> out = new ArrayList<>();
        for (String n : names) out.add(shared.current().role(n).orElseThrow(() -> Roles.doesNotExist(n)));
        return out;
    }

    /** AlterRole. */
    public static void alterRole(Stmt.AlterRoleStmt s, SharedObjectEnv env) {
        if (s.newName() != null) {
            renameRole(s, env);
            return;
        }
        Options o = Options.of(s.options());
        SharedCatalog shared = env.sharedCatalog();
        shared.lockRoles();
        BootstrapCatalog cat = shared.current();
        Role me = Roles.current(cat, env);
        Role r = Roles.resolve(cat, s.role(), env);
        if (r.superuser() || o.superuser != null) {
            if (!me.superuser()) throw denied("must be superuser to alter superuser roles or change superuser attribute");
        } else if (r.replication() || o.replication != null) {
            if (!me.superuser()) throw denied("must be superuser to alter replication roles or change replication attribute");
        } else if (o.bypassRls != null) {
            if (!me.superuser()) throw denied("must be superuser to change bypassrls attribute");
        } else if (!Roles.haveCreateRolePrivilege(me)) {
            if (o.inherit != null || o.createRole != null || o.createDb != null || o.canLogin != null || o.connLimit != null
                    || o.validUntil != null) {
                throw denied("permission denied");
            }
            if (o.passwordGiven && r.oid() != me.oid())
                throw denied("must have CREATEROLE privilege to change another user's password");
        }
        if (o.superuser != null && !o.superuser && r.oid() == BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "permission denied: bootstrap user must be superuser");
        String validUntil = o.validUntil == null ? r.validUntil() : parseValidUntil(o.validUntil, env);
        String password = o.passwordGiven ? encryptPassword(o.password, r.name(), env) : r.password();
        shared.putRole(new Role(r.oid(), r.name(), o.superuser != null ? o.superuser : r.superuser(),
                o.inherit != null ? o.inherit : r.inherit(), o.createRole != null ? o.createRole : r.createRole(),
                o.createDb != null ? o.createDb : r.createDb(), o.canLogin != null ? o.canLogin : r.canLogin(),
                o.replication != null ? o.replication : r.replication(), o.bypassRls != null ? o.bypassRls : r.bypassRls(),
                o.connLimit != null ? o.connLimit : r.connLimit(), password, validUntil));
    }

    /** RenameRole. */
    private static void renameRole(Stmt.AlterRoleStmt s, SharedObjectEnv env) {
        SharedCatalog shared = env.sharedCatalog();
        shared.lockRoles();
        BootstrapCatalog cat = shared.current();
        Role me = Roles.current(cat, env);
        Role r = Roles.resolve(cat, s.role(), env);
        if (r.oid() == env.sessionUserId())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
        if (r.oid() == env.currentUserId())
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "current user cannot be renamed");
        checkReservedName(s.newName());
        if (cat.role(s.newName()).isPresent())
            throw PgException.error(SqlState.DUPLICATE_OBJECT, "role \"" + s.newName() + "\" already exists");
        if (r.superuser()) {
            if (!me.superuser()) throw denied("must be superuser to rename superusers");
        } else if (!Roles.haveCreateRolePrivilege(me)) {
            throw denied("permission denied to rename role");
        }
        String password = r.password();
        // An md5 hash is salted with the role name: it cannot survive a rename.
        if (password != null && PasswordType.of(password) == PasswordType.MD5) {
            password = null;
            env.notice("MD5 password cleared because of role rename");
        }
        shared.putRole(new Role(r.oid(), s.newName(), r.superuser(), r.inherit(), r.createRole(), r.createDb(),
                r.canLogin(), r.replication(), r.bypassRls(), r.connLimit(), password, r.validUntil()));
    }

    /** DropRole. */
    public static void dropRole(Stmt.DropRoleStmt s, SharedObjectEnv env) {
        SharedCatalog shared = env.sharedCatalog();
        shared.lockRoles();
        BootstrapCatalog cat = shared.current();
        Role me = Roles.current(cat, env);
        if (!Roles.haveCreateRolePrivilege(me)) throw denied("permission denied to drop role");
        for (String name : s.roles()) {
            cat = shared.current();
            Role r = cat.role(name).orElse(null);
            if (r == null) {
                if (s.missingOk()) {
                    env.notice("role \"" + name + "\" does not exist, skipping");
                    continue;
                }
                throw Roles.doesNotExist(name);
            }
            if (r.oid() == env.currentUserId())
                throw PgException.error("55006", "current user cannot be dropped");
            if (r.oid() == env.sessionUserId())
                throw PgException.error("55006", "session user cannot be dropped");
            if (r.superuser() && !me.superuser()) throw denied("must be superuser to drop superusers");
            if (r.oid() == BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID) {
                throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop role " + r.name() + " because it is required by the database system");
            }
            List<String> deps = new ArrayList<>();
            shared.lockDatabases();
            for (BootstrapCatalog.Database d : shared.current().databases()) {
                if (d.dba() == r.oid()) deps.add("owner of database " + d.name());
                else if (d.acl() != null && d.acl().stream().anyMatch(a -> a.startsWith(r.oid() + "=")))
                    deps.add("privileges for database " + d.name());
            }
            // PostgreSQL's pg_shdepend covers every database; Tusk sees the current one's catalogs.
            deps.addAll(env.roleDependenciesHere(r.oid()));
            if (!deps.isEmpty()) {
                throw PgException.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "role \"" + r.name() + "\" cannot be dropped because some objects depend on it")
                        .withDetail(String.join("\n", deps));
            }
            shared.removeRole(r.oid());
            shared.dropSettings(0, r.oid());
            RoleMembershipCommands.dropMemberships(r.oid(), env);
        }
    }

    private static PgException denied(String message) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }

    /** IsReservedName: "pg_" names are for built-in roles. */
    private static void checkReservedName(String name) {
        if (name.startsWith("pg_")) {
            throw PgException.error("42939", "role name \"" + name + "\" is reserved")
                    .withDetail("Role names starting with \"pg_\" are reserved.");
        }
    }

    private static String parseValidUntil(String text, SharedObjectEnv env) {
        Instant t = DateTimes.timestamptzIn(text, env.inputSettings());
        return t.toString();
    }

    /**
     * encrypt_password (libpq/crypt.c) with the empty-password rule of CreateRole/AlterRole: an
     * empty string clears the password with a NOTICE; an already encrypted secret is kept.
     */
    private static String encryptPassword(String password, String role, SharedObjectEnv env) {
        if (password == null) return null;
        if (password.isEmpty()) {
            env.notice("empty string is not a valid password, clearing password");
            return null;
        }
        if (PasswordType.of(password) != PasswordType.PLAINTEXT) return password;
        return env.passwordEncryption().equals("md5") ? Md5Password.encrypt(password, role)
                : ScramSha256.buildVerifier(password);
    }
}
