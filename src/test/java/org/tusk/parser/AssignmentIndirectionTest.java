package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.utils.error.PgException;

/** process_matched_tle and strip_indirection over assignment trees built by hand. */
class AssignmentIndirectionTest {
    private static final int INT4_ARRAY = 1007, COMPOSITE = 90000, DOMAIN = 90001;

    private static Expr column(int type) {
        return new Expr.Var(1, 2, type, -1, "f", 7);
    }

    private static Expr i(int v) {
        return new Expr.Const(TypeOids.INT4, -1, v, -1);
    }

    private static Expr element(int subscript, int value) {
        return new Expr.SubscriptingAssign(column(INT4_ARRAY), List.of(i(subscript)), null, i(value), INT4_ARRAY);
    }

    @Test
    void laterSubscriptAssignmentsApplyToTheEarlierResult() {
        Expr first = element(1, 10), second = element(2, 20);
        Expr.SubscriptingAssign merged = assertInstanceOf(Expr.SubscriptingAssign.class,
                AssignmentIndirection.merge(first, second, "f"));
        assertSame(first, merged.container());
        assertEquals(i(20), merged.value());
        // a third one nests over both
        Expr.SubscriptingAssign third = assertInstanceOf(Expr.SubscriptingAssign.class,
                AssignmentIndirection.merge(merged, element(3, 30), "f"));
        assertSame(merged, third.container());
    }

    @Test
    void fieldAssignmentsToOneColumnMergeIntoOneFieldStore() {
        Expr a = new Expr.FieldStore(column(COMPOSITE), List.of(i(1)), List.of(1), COMPOSITE);
        Expr b = new Expr.FieldStore(column(COMPOSITE), List.of(i(2)), List.of(2), COMPOSITE);
        Expr.FieldStore m = assertInstanceOf(Expr.FieldStore.class, AssignmentIndirection.merge(a, b, "f"));
        assertEquals(List.of(1, 2), m.fieldnums());
        assertEquals(List.of(i(1), i(2)), m.newvals());
    }

    @Test
    void aDomainCoercionStaysOnTopOfTheNest() {
        Expr a = new Expr.CoerceToDomain(element(1, 1), DOMAIN, -1);
        Expr b = new Expr.CoerceToDomain(element(2, 2), DOMAIN, -1);
        Expr.CoerceToDomain m = assertInstanceOf(Expr.CoerceToDomain.class, AssignmentIndirection.merge(a, b, "f"));
        Expr.SubscriptingAssign s = assertInstanceOf(Expr.SubscriptingAssign.class, m.arg());
        assertSame(((Expr.CoerceToDomain) a).arg(), s.container());
        assertEquals(i(1), AssignmentIndirection.strip(a));
    }

    @Test
    void aWholeColumnAssignmentDoesNotMerge() {
        PgException e = assertThrows(PgException.class, () -> AssignmentIndirection.merge(element(1, 1), i(5), "f"));
        assertEquals("multiple assignments to same column \"f\"", e.getMessage());
        assertEquals("42601", e.sqlState());
        // assignments over different bottoms (not the same old value) do not nest either
        Expr other = new Expr.SubscriptingAssign(new Expr.Const(INT4_ARRAY, -1, null, -1), List.of(i(1)), null, i(1), INT4_ARRAY);
        assertThrows(PgException.class, () -> AssignmentIndirection.merge(element(1, 1), other, "f"));
    }

    @Test
    void stripLeavesTheInnermostValue() {
        Expr inner = new Expr.SubscriptingAssign(new Expr.CaseTestExpr(INT4_ARRAY, -1), List.of(i(2)), null, i(42), INT4_ARRAY);
        Expr fs = new Expr.FieldStore(new Expr.Const(COMPOSITE, -1, null, -1), List.of(inner), List.of(2), COMPOSITE);
        assertEquals(i(42), AssignmentIndirection.strip(fs));
    }
}
