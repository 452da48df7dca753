package org.tusk.catalog;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Role membership questions answered from pg_auth_members (PostgreSQL 15's utils/adt/acl.c:
 * roles_is_member_of, has_privs_of_role, is_member_of_role, is_member_of_role_nosuper,
 * is_admin_of_role).
 *
 * <p>Membership is transitive. "Has the privileges of" follows only roles with rolinherit: a
 * NOINHERIT role's own memberships are not expanded (ROLERECURSE_PRIVS), though it may still SET
 * ROLE to them ("is a member of", ROLERECURSE_MEMBERS). A superuser has the privileges of, and is
 * a member of, every role; it is never a member "nosuper" unless by grants. Every answer reads
 * the {@link BootstrapCatalog} it is given (the transaction's view), so nothing is cached here.
 */
public final class RoleMembership {
    private RoleMembership() {}

    /**
     * roles_is_member_of: {@code roleId} and every role it is (transitively) a member of; with
     * {@code privsOnly} memberships of NOINHERIT roles are not followed.
     */
    public static Set<Integer> rolesMemberOf(BootstrapCatalog cat, int roleId, boolean privsOnly) {
        Set<Integer> out = new LinkedHashSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        out.add(roleId);
        todo.add(roleId);
        while (!todo.isEmpty()) {
            int member = todo.poll();
            if (privsOnly && !cat.role(member).map(BootstrapCatalog.Role::inherit).orElse(true)) continue;
            for (BootstrapCatalog.AuthMember m : cat.members()) {
                if (m.member() == member && out.add(m.roleid())) todo.add(m.roleid());
            }
        }
        return out;
    }

    private static boolean superuser(BootstrapCatalog cat, int roleId) {
        return cat.role(roleId).map(BootstrapCatalog.Role::superuser).orElse(false);
    }

    /** has_privs_of_role: whether {@code member} holds the privileges of {@code role}. */
    public static boolean hasPrivsOfRole(BootstrapCatalog cat, int member, int role) {
        if (member == role) return true;
        if (superuser(cat, member)) return true;
        return rolesMemberOf(cat, member, true).contains(role);
    }

    /** is_member_of_role: whether {@code member} may SET ROLE to {@code role}. */
    public static boolean isMemberOfRole(BootstrapCatalog cat, int member, int role) {
        if (member == role) return true;
        if (superuser(cat, member)) return true;
        return rolesMemberOf(cat, member, false).contains(role);
    }

    /** is_member_of_role_nosuper: membership by grants alone (the loop check of AddRoleMems). */
    public static boolean isMemberOfRoleNosuper(BootstrapCatalog cat, int member, int role) {
        if (member == role) return true;
        return rolesMemberOf(cat, member, false).contains(role);
    }

    /**
     * is_admin_of_role: whether {@code member} may grant and revoke membership in {@code role}:
     * a superuser, or a role that is (or is a member of) a member of {@code role} WITH ADMIN
     * OPTION. By policy a role never has the admin option on itself.
     */
    public static boolean isAdminOfRole(BootstrapCatalog cat, int member, int role) {
        if (superuser(cat, member)) return true;
        if (member == role) return false;
        for (int r : rolesMemberOf(cat, member, false)) {
            BootstrapCatalog.AuthMember m = cat.member(role, r);
            if (m != null && m.adminOption()) return true;
        }
        return false;
    }
}
