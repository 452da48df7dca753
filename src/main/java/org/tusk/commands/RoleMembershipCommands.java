package org.tusk.commands;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.BootstrapCatalog.AuthMember;
import org.tusk.catalog.BootstrapCatalog.Role;
import org.tusk.catalog.RoleMembership;
import org.tusk.catalog.SharedCatalog;
import org.tusk.nodes.Stmt;
import org.tusk.nodes.Stmt.RoleSpec;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * GRANT role TO role and REVOKE role FROM role (PostgreSQL 15's commands/user.c: GrantRole,
 * AddRoleMems, DelRoleMems), and the membership clean-up of DROP ROLE. Rows go to
 * pg_auth_members through the session's {@link SharedCatalog}, so they are transactional like
 * every other role change.
 *
 * <p>Permission: to change the members of a superuser one must be a superuser; of any other role,
 * have CREATEROLE or the admin option on it (is_admin_of_role). A grantor other than the current
 * user may be named only by a superuser. A grant that would make a role a member of itself,
 * directly or through others, is refused (0LP01 "role \"a\" is a member of role \"b\"").
 */
public final class RoleMembershipCommands {
    private RoleMembershipCommands() {}

    /** GrantRole. */
    public static void grantRole(Stmt.GrantRoleStmt s, SharedObjectEnv env) {
        SharedCatalog shared = env.sharedCatalog();
        shared.lockMembers();
        BootstrapCatalog cat = shared.current();
        int grantor = s.grantor() != null ? Roles.resolve(cat, s.grantor(), env).oid() : env.currentUserId();
        List<Role> grantees = new ArrayList<>();
        for (RoleSpec r : s.grantees()) grantees.add(Roles.resolve(cat, r, env));
        for (String name : s.roles()) {
            Role role = cat.role(name).orElseThrow(() -> Roles.doesNotExist(name));
            if (s.isGrant()) addRoleMems(role, grantees, grantor, s.adminOption(), env);
            else delRoleMems(role, grantees, s.adminOption(), env);
        }
    }

    /** The permission test common to AddRoleMems and DelRoleMems. */
    private static void checkMayChangeMembers(BootstrapCatalog cat, Role role, SharedObjectEnv env) {
        Role me = Roles.current(cat, env);
        if (role.superuser()) {
            if (!me.superuser()) throw denied("must be superuser to alter superusers");
        } else if (!Roles.haveCreateRolePrivilege(me) && !RoleMembership.isAdminOfRole(cat, me.oid(), role.oid())) {
            throw denied("must have admin option on role \"" + role.name() + "\"");
        }
    }

    /** AddRoleMems: makes each of {@code members} a member of {@code role}. */
    public static void addRoleMems(Role role, List<Role> members, int grantor, boolean admin, SharedObjectEnv env) {
        if (members.isEmpty()) return;
        SharedCatalog shared = env.sharedCatalog();
        shared.lockMembers();
        BootstrapCatalog cat = shared.current();
        checkMayChangeMembers(cat, role, env);
        if (grantor != env.currentUserId() && !Roles.current(cat, env).superuser())
            throw denied("must be superuser to set grantor");
        for (Role m : members) {
            cat = shared.current();
            // Membership loops, including a role in itself; superuserness is ignored, else no one
            // could ever be granted a superuser-privileged role.
            if (RoleMembership.isMemberOfRoleNosuper(cat, role.oid(), m.oid())) {
                throw PgException.error("0LP01", "role \"" + role.name() + "\" is a member of role \"" + m.name() + "\"");
            }
            AuthMember existing = cat.member(role.oid(), m.oid());
            if (existing != null && (!admin || existing.adminOption())) {
                env.notice("role \"" + m.name() + "\" is already a member of role \"" + role.name() + "\"");
                continue;
            }
            shared.putMember(new AuthMember(role.oid(), m.oid(), grantor, admin));
        }
    }

    /** DelRoleMems: removes the memberships, or with {@code adminOnly} only their admin option. */
    public static void delRoleMems(Role role, List<Role> members, boolean adminOnly, SharedObjectEnv env) {
        if (members.isEmpty()) return;
        SharedCatalog shared = env.sharedCatalog();
        shared.lockMembers();
        BootstrapCatalog cat = shared.current();
        checkMayChangeMembers(cat, role, env);
        for (Role m : members) {
            AuthMember existing = shared.current().member(role.oid(), m.oid());
            if (existing == null) {
                env.warning("01000", "role \"" + m.name() + "\" is not a member of role \"" + role.name() + "\"");
                continue;
            }
            if (adminOnly) shared.putMember(new AuthMember(existing.roleid(), existing.member(), existing.grantor(), false));
            else shared.removeMember(role.oid(), m.oid());
        }
    }

    /** DropRole's "remove it from any roles, and remove any roles from it". */
    public static void dropMemberships(int roleOid, SharedObjectEnv env) {
        SharedCatalog shared = env.sharedCatalog();
        shared.lockMembers();
        for (AuthMember m : shared.current().members()) {
            if (m.roleid() == roleOid || m.member() == roleOid) shared.removeMember(m.roleid(), m.member());
        }
    }

    private static PgException denied(String message) {
        return PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, message);
    }
}
