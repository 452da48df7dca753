package org.tusk.rewrite;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.PolicyInfo;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;

/**
 * get_row_security_policies' combination rules: which policies apply to a command and a role,
 * permissive ones ORed, restrictive ones ANDed, default deny, and the WITH CHECK options of
 * INSERT and UPDATE (WITH CHECK, else USING; the SELECT policies' USING for a row that must be
 * readable). Each policy expression stands for itself as a named constant.
 */
class RowSecurityTest {
    private static final int ALICE = 100, BOB = 101, STAFF = 200;

    private static PolicyInfo policy(String name, char cmd, boolean permissive, int[] roles, String qual, String check) {
        return new PolicyInfo(1, name, 1, cmd, permissive, roles, qual, check);
    }

    /** Each expression becomes a text constant naming it, so the combination can be read back. */
    private static final RowSecurity.PolicyExpr NAMED = (p, text) -> new Expr.Const(TypeOids.TEXT, -1, text, -1);

    private static String show(Expr e) {
        return switch (e) {
            case Expr.Const c when c.value() instanceof Boolean b -> b.toString();
            case Expr.Const c -> (String) c.value();
            case Expr.BoolExpr b -> "(" + String.join(b.op() == RawExpr.BoolOp.OR ? " or " : " and ",
                    b.args().stream().map(RowSecurityTest::show).toList()) + ")";
            default -> e.toString();
        };
    }

    private static String quals(RowSecurity.Applied a) {
        return String.join(" & ", a.securityQuals().stream().map(RowSecurityTest::show).toList());
    }

    private static String checks(RowSecurity.Applied a) {
        return String.join(" & ", a.withCheckOptions().stream()
                .map(w -> (w.polname() == null ? "" : w.polname() + ":") + show(w.qual())).toList());
    }

    private static final List<PolicyInfo> POLICIES = List.of(
            policy("mine", PolicyInfo.CMD_ALL, true, new int[] {0}, "own", null),
            policy("staff_read", PolicyInfo.CMD_SELECT, true, new int[] {STAFF}, "published", null),
            policy("cap", PolicyInfo.CMD_ALL, false, new int[] {0}, "small", "tiny"),
            policy("ins", PolicyInfo.CMD_INSERT, true, new int[] {ALICE}, null, "valid"));

    @Test
    void selectOrsPermissiveAndAndsRestrictive() {
        // alice is not in STAFF: only "mine" is permissive for her
        RowSecurity.Applied alice = RowSecurity.policies("t", Query.CommandType.SELECT, false, false, ALICE, Set.of(ALICE),
                POLICIES, NAMED);
        assertEquals("small & own", quals(alice));
        assertEquals("", checks(alice));
        // bob has STAFF's privileges: "mine" or "staff_read"
        RowSecurity.Applied bob = RowSecurity.policies("t", Query.CommandType.SELECT, false, false, BOB, Set.of(BOB, STAFF),
                POLICIES, NAMED);
        assertEquals("small & (own or published)", quals(bob));
    }

    @Test
    void noPermissivePolicyDeniesEverything() {
        List<PolicyInfo> onlyRestrictive = List.of(policy("cap", PolicyInfo.CMD_ALL, false, new int[] {0}, "small", null));
        RowSecurity.Applied a = RowSecurity.policies("t", Query.CommandType.SELECT, false, false, ALICE, Set.of(ALICE),
                onlyRestrictive, NAMED);
        assertEquals("false", quals(a));
        RowSecurity.Applied ins = RowSecurity.policies("t", Query.CommandType.INSERT, false, false, ALICE, Set.of(ALICE),
                List.of(), NAMED);
        assertEquals("false", checks(ins));
        assertEquals("t", ins.withCheckOptions().get(0).relname());
        assertEquals(Query.WithCheckOption.WCO_RLS_INSERT_CHECK, ins.withCheckOptions().get(0).kind());
    }

    @Test
    void insertChecksWithCheckThenRestrictiveByName() {
        RowSecurity.Applied a = RowSecurity.policies("t", Query.CommandType.INSERT, false, false, ALICE, Set.of(ALICE),
                POLICIES, NAMED);
        assertEquals("", quals(a));
        // "mine" has no WITH CHECK: its USING checks the new row; "cap" uses its WITH CHECK
        assertEquals("(own or valid) & cap:tiny", checks(a));
        // RETURNING: the new row must also be readable (SELECT policies' USING)
        RowSecurity.Applied ret = RowSecurity.policies("t", Query.CommandType.INSERT, true, false, ALICE, Set.of(ALICE),
                POLICIES, NAMED);
        assertEquals("(own or valid) & cap:tiny & own & cap:small", checks(ret));
    }

    @Test
    void updateFiltersOldRowsAndChecksNewOnes() {
        RowSecurity.Applied a = RowSecurity.policies("t", Query.CommandType.UPDATE, false, false, BOB, Set.of(BOB, STAFF),
                POLICIES, NAMED);
        assertEquals("small & own", quals(a));
        assertEquals("own & cap:tiny", checks(a));
        assertTrue(a.withCheckOptions().stream().allMatch(w -> w.kind() == Query.WithCheckOption.WCO_RLS_UPDATE_CHECK));
        // with a WHERE the SELECT policies filter too, and the new row must stay readable
        RowSecurity.Applied where = RowSecurity.policies("t", Query.CommandType.UPDATE, true, false, BOB, Set.of(BOB, STAFF),
                POLICIES, NAMED);
        assertEquals("small & own & small & (own or published)", quals(where));
        assertEquals("own & cap:tiny & (own or published) & cap:small", checks(where));
    }

    @Test
    void deleteAndLockingBringInTheirCommandsPolicies() {
        RowSecurity.Applied del = RowSecurity.policies("t", Query.CommandType.DELETE, false, false, ALICE, Set.of(ALICE),
                POLICIES, NAMED);
        assertEquals("small & own", quals(del));
        assertEquals("", checks(del));
        List<PolicyInfo> withUpdate = List.of(policy("r", PolicyInfo.CMD_SELECT, true, new int[] {0}, "readable", null),
                policy("u", PolicyInfo.CMD_UPDATE, true, new int[] {0}, "writable", null));
        RowSecurity.Applied locked = RowSecurity.policies("t", Query.CommandType.SELECT, false, true, ALICE, Set.of(ALICE),
                withUpdate, NAMED);
        assertEquals("readable & writable", quals(locked));
    }

    @Test
    void policiesApplyToPublicOrRolesWhosePrivilegesTheUserHas() {
        PolicyInfo staff = policy("s", PolicyInfo.CMD_ALL, true, new int[] {STAFF}, "x", null);
        assertTrue(RowSecurity.appliesTo(staff, BOB, Set.of(BOB, STAFF)));
        assertFalse(RowSecurity.appliesTo(staff, ALICE, Set.of(ALICE)));
        assertTrue(RowSecurity.appliesTo(policy("p", PolicyInfo.CMD_ALL, true, new int[] {0}, "x", null), ALICE, Set.of(ALICE)));
        assertEquals(List.of("mine", "staff_read", "cap"), RowSecurity.forCommand(POLICIES, PolicyInfo.CMD_SELECT, BOB,
                Set.of(BOB, STAFF)).stream().map(PolicyInfo::name).toList());
        assertEquals(List.of("mine", "cap", "ins"), RowSecurity.forCommand(POLICIES, PolicyInfo.CMD_INSERT, ALICE,
                Set.of(ALICE)).stream().map(PolicyInfo::name).toList());
    }
}
