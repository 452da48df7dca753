package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.Acl;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.DefaultAcls;
import org.tusk.catalog.RoleMembership;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * ALTER DEFAULT PRIVILEGES (aclchk.c ExecAlterDefaultPrivilegesStmt, SetDefaultACLsInSchemas,
 * SetDefaultACL): for each target role (the current one without FOR ROLE, which needs
 * membership in each named role) and each schema (all schemas without IN SCHEMA), the grant or
 * revoke is applied to the role's default ACL for tables, sequences or functions (routines), as
 * the object's owner granting ({@link DefaultAcls}). New tables, sequences and functions the role
 * creates start with it. Defaults for types and schemas are refused (0A000).
 */
public final class DefaultPrivilegeCommands {
    private DefaultPrivilegeCommands() {}

    public static void execute(Stmt.AlterDefaultPrivilegesStmt s, SharedObjectEnv shared, ExecEnvironment env) {
        char objtype = s.objtype();
        if (objtype != DefaultAcls.RELATION && objtype != DefaultAcls.SEQUENCE && objtype != DefaultAcls.FUNCTION) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "default privileges on types and schemas are not supported yet");
        }
        Stmt.GrantStmt g = s.action();
        int allRights = switch (objtype) {
            case DefaultAcls.SEQUENCE -> Acl.ACL_ALL_RIGHTS_SEQUENCE;
            case DefaultAcls.FUNCTION -> Acl.ACL_ALL_RIGHTS_FUNCTION;
            default -> Acl.ACL_ALL_RIGHTS_RELATION;
        };
        int privileges = 0;
        if (g.privileges() == null) {
            privileges = allRights;
        } else {
            for (String p : g.privileges()) {
                int bit = Acl.anyPrivilegeBit(p);
                if (bit == 0) throw PgException.error(SqlState.SYNTAX_ERROR, "unrecognized privilege type \"" + p + "\"");
                if ((bit & allRights) == 0) {
                    throw PgException.error("0LP01", "invalid privilege type " + p.toUpperCase(java.util.Locale.ROOT) + " for "
                            + (objtype == DefaultAcls.SEQUENCE ? "sequence" : objtype == DefaultAcls.FUNCTION ? "function" : "relation"));
                }
                privileges |= bit;
            }
        }
        BootstrapCatalog cat = shared.sharedCatalog().current();
        int[] grantees = new int[g.grantees().size()];
        for (int i = 0; i < grantees.length; i++) {
            Stmt.RoleSpec r = g.grantees().get(i);
            if (r.kind() == Stmt.RoleSpec.Kind.PUBLIC) {
                if (g.isGrant() && g.grantOption()) throw PgException.error("0LP01", "grant options can only be granted to roles");
                grantees[i] = Acl.PUBLIC;
            } else {
                grantees[i] = Roles.resolve(cat, r, shared).oid();
            }
        }
        List<Integer> roles = new ArrayList<>();
        if (s.roles().isEmpty()) {
            roles.add(env.currentUserId());
        } else {
            for (Stmt.RoleSpec r : s.roles()) {
                BootstrapCatalog.Role role = Roles.resolve(cat, r, shared);
                // ExecAlterDefaultPrivilegesStmt: check_is_member_of_role
                if (!env.currentUserIsSuperuser() && !RoleMembership.isMemberOfRole(cat, env.currentUserId(), role.oid()))
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be member of role \"" + role.name() + "\"");
                roles.add(role.oid());
            }
        }
        List<Integer> namespaces = new ArrayList<>();
        if (s.schemas().isEmpty()) {
            namespaces.add(0);
        } else {
            for (String schema : s.schemas()) {
                int nsp = env.catalog().namespaceOid(schema);
                if (nsp == 0) throw PgException.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
                namespaces.add(nsp);
            }
        }
        DefaultAcls acls = env.catalog().defaultAcls();
        final int privs = privileges;
        for (int role : roles) {
            for (int nsp : namespaces) {
                acls.set(role, nsp, objtype, acl -> Acl.update(acl, g.isGrant(), privs, g.grantOption(), grantees, role,
                        g.cascade()));
            }
        }
    }
}
