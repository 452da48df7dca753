package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** acl.c's membership questions over a small pg_auth_members. */
class RoleMembershipTest {
    private static BootstrapCatalog.Role role(int oid, String name, boolean superuser, boolean inherit) {
        return new BootstrapCatalog.Role(oid, name, superuser, inherit, false, false, true, false, false, -1, null, null);
    }

    // admins (100) <- staff (101) <- ann (102, inherits); bob (103, NOINHERIT) is in staff with admin option
    private static final BootstrapCatalog CAT = new BootstrapCatalog(
            List.of(role(10, "postgres", true, true), role(100, "admins", false, true), role(101, "staff", false, true),
                    role(102, "ann", false, true), role(103, "bob", false, false)),
            List.of(), List.of(),
            List.of(new BootstrapCatalog.AuthMember(100, 101, 10, false), new BootstrapCatalog.AuthMember(101, 102, 10, false),
                    new BootstrapCatalog.AuthMember(101, 103, 10, true)));

    @Test
    void membershipIsTransitive() {
        assertEquals(Set.of(102, 101, 100), RoleMembership.rolesMemberOf(CAT, 102, true));
        assertTrue(RoleMembership.hasPrivsOfRole(CAT, 102, 100));
        assertTrue(RoleMembership.isMemberOfRole(CAT, 102, 100));
        assertFalse(RoleMembership.hasPrivsOfRole(CAT, 100, 102));
    }

    @Test
    void noinheritRolesAreMembersWithoutThePrivileges() {
        assertEquals(Set.of(103), RoleMembership.rolesMemberOf(CAT, 103, true));
        assertFalse(RoleMembership.hasPrivsOfRole(CAT, 103, 101));
        assertTrue(RoleMembership.isMemberOfRole(CAT, 103, 101));
        assertTrue(RoleMembership.isMemberOfRole(CAT, 103, 100));
    }

    @Test
    void adminOptionAndSuperusers() {
        assertTrue(RoleMembership.isAdminOfRole(CAT, 103, 101));
        assertFalse(RoleMembership.isAdminOfRole(CAT, 102, 101));
        assertFalse(RoleMembership.isAdminOfRole(CAT, 101, 101));
        assertTrue(RoleMembership.isAdminOfRole(CAT, 10, 101));
        assertTrue(RoleMembership.hasPrivsOfRole(CAT, 10, 102));
        // the loop check ignores superuserness
        assertFalse(RoleMembership.isMemberOfRoleNosuper(CAT, 10, 102));
        assertTrue(RoleMembership.isMemberOfRoleNosuper(CAT, 102, 100));
    }

    @Test
    void aclMaskCountsInheritedGrants() {
        int[] acl = {100, 10, Acl.ACL_SELECT, Acl.PUBLIC, 10, Acl.ACL_USAGE};
        assertEquals(Acl.ACL_USAGE, Acl.mask(acl, 102));
        assertEquals(Acl.ACL_SELECT | Acl.ACL_USAGE, Acl.mask(acl, RoleMembership.rolesMemberOf(CAT, 102, true)));
        assertEquals(Acl.ACL_USAGE, Acl.mask(acl, RoleMembership.rolesMemberOf(CAT, 103, true)));
    }

    @Test
    void oidTextRoundTrips() {
        int[] acl = Acl.defaultAcl(10, Acl.ACL_ALL_RIGHTS_DATABASE, Acl.ACL_CREATE_TEMP | Acl.ACL_CONNECT);
        assertEquals(List.of("=Tc/10", "10=CTc/10"), Acl.toOidText(acl));
        assertEquals(List.of("=Tc/10", "10=CTc/10"), Acl.toOidText(Acl.fromOidText(List.of("=Tc/10", "10=CTc/10"))));
        assertEquals(List.of("102=C*/10"), Acl.toOidText(Acl.fromOidText(List.of("102=C*/10"))));
    }
}
