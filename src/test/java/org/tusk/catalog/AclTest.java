package org.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** ACL arithmetic as acl.c does it: defaults, masks, grant options, cascading revokes, text form. */
class AclTest {
    private static final int OWNER = 10, A = 100, B = 200;

    private static String text(int[] acl) {
        return String.join(",", Acl.toText(acl, oid -> oid == OWNER ? "postgres" : oid == A ? "alice" : "bob"));
    }

    @Test
    void defaultAclGivesTheOwnerEverything() {
        int[] acl = Acl.effective(null, OWNER);
        assertEquals("postgres=arwdDxt/postgres", text(acl));
        assertEquals(Acl.ACL_ALL_RIGHTS_RELATION, Acl.mask(acl, OWNER));
        assertEquals(0, Acl.mask(acl, A));
    }

    @Test
    void grantsWithOptionsAndPublic() {
        int[] acl = Acl.update(Acl.defaultAcl(OWNER), true, Acl.ACL_SELECT | Acl.ACL_INSERT, true, new int[] {A}, OWNER, false);
        acl = Acl.update(acl, true, Acl.ACL_SELECT, false, new int[] {Acl.PUBLIC}, OWNER, false);
        assertEquals("postgres=arwdDxt/postgres,alice=a*r*/postgres,=r/postgres", text(acl));
        assertEquals(Acl.ACL_SELECT, Acl.mask(acl, B) & 0xFFFF);
        assertEquals(Acl.ACL_SELECT | Acl.ACL_INSERT, Acl.mask(acl, A) >>> 16);
    }

    @Test
    void revokeOfAGrantOptionNeedsCascadeWhenItWasUsed() {
        int[] acl = Acl.update(Acl.defaultAcl(OWNER), true, Acl.ACL_INSERT, true, new int[] {A}, OWNER, false);
        acl = Acl.update(acl, true, Acl.ACL_INSERT, false, new int[] {B}, A, false);
        int[] granted = acl;
        assertThrows(Acl.DependentPrivilegesException.class,
                () -> Acl.update(granted, false, Acl.ACL_INSERT, false, new int[] {A}, OWNER, false));
        int[] after = Acl.update(granted, false, Acl.ACL_INSERT, false, new int[] {A}, OWNER, true);
        assertEquals("postgres=arwdDxt/postgres", text(after));
        // GRANT OPTION FOR takes only the option: the privilege stays.
        int[] optionOnly = Acl.update(Acl.update(Acl.defaultAcl(OWNER), true, Acl.ACL_UPDATE, true, new int[] {A}, OWNER,
                false), false, Acl.ACL_UPDATE, true, new int[] {A}, OWNER, false);
        assertEquals(List.of("postgres=arwdDxt/postgres", "alice=w/postgres"), Acl.toText(optionOnly,
                oid -> oid == OWNER ? "postgres" : "alice"));
        assertArrayEquals(new int[] {OWNER, OWNER, Acl.ACL_ALL_RIGHTS_RELATION},
                Acl.update(optionOnly, false, Acl.ACL_UPDATE, false, new int[] {A}, OWNER, false));
    }
}
