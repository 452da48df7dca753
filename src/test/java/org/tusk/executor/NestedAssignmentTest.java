package org.tusk.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.utils.adt.ArrayFuncs;
import org.tusk.utils.adt.ArrayValue;

/** A nested assignment works on the old element or slice of its container (ExecEvalSubscriptingRefOld). */
class NestedAssignmentTest {
    private static final int INT4_ARRAY = 1007;

    private static Expr.Const i(int v) {
        return new Expr.Const(TypeOids.INT4, -1, v, -1);
    }

    @Test
    void anAssignmentIntoASliceSeesTheOldSlice() {
        ArrayValue a = ArrayValue.of1d(TypeOids.INT4, List.of(1, 2, 3));
        // a[2:3] = (old a[2:3])[2] := 99, i.e. a[3] = 99 through the slice
        Expr inner = new Expr.SubscriptingAssign(new Expr.CaseTestExpr(INT4_ARRAY, -1), List.of(i(2)), null, i(99), INT4_ARRAY);
        Expr outer = new Expr.SubscriptingAssign(new Expr.Const(INT4_ARRAY, -1, a, -1), List.of(i(3)), List.of(i(2)), inner,
                INT4_ARRAY);
        Object r = ExprEvaluator.eval(outer, new Object[0], null, null);
        assertEquals(List.of(1, 2, 99), ArrayValue.of(r, TypeOids.INT4).elementList());
    }

    @Test
    void aNestedAssignmentIntoANullContainerStartsFromNull() {
        Expr inner = new Expr.SubscriptingAssign(new Expr.CaseTestExpr(INT4_ARRAY, -1), List.of(i(1)), null, i(5), INT4_ARRAY);
        Expr outer = new Expr.SubscriptingAssign(new Expr.Const(INT4_ARRAY, -1, null, -1), List.of(i(2)), List.of(i(2)), inner,
                INT4_ARRAY);
        Object r = ExprEvaluator.eval(outer, new Object[0], null, null);
        ArrayValue v = ArrayValue.of(r, TypeOids.INT4);
        assertEquals(List.of(5), v.elementList());
        assertEquals(2, v.lbounds()[0]);
        assertEquals(5, ArrayFuncs.element(v, new int[] {2}));
    }

    @Test
    void nestedAssignmentsEachSeeTheirOwnOldValue() {
        // three levels, each working on the old value the level above hands it:
        // a[2:3] := (old a[2:3] = {2,3})[1:2] := (old {2,3})[1] := 7
        int int4 = TypeOids.INT4;
        ArrayValue a = ArrayValue.of1d(int4, List.of(1, 2, 3));
        Expr innermost = new Expr.SubscriptingAssign(new Expr.CaseTestExpr(INT4_ARRAY, -1), List.of(i(1)), null, i(7), INT4_ARRAY);
        Expr inner = new Expr.SubscriptingAssign(new Expr.CaseTestExpr(INT4_ARRAY, -1), List.of(i(2)), List.of(i(1)), innermost,
                INT4_ARRAY);
        Expr outer = new Expr.SubscriptingAssign(new Expr.Const(INT4_ARRAY, -1, a, -1), List.of(i(3)), List.of(i(2)), inner,
                INT4_ARRAY);
        Object r = ExprEvaluator.eval(outer, new Object[0], null, null);
        assertEquals(List.of(1, 7, 3), ArrayValue.of(r, int4).elementList());
    }

    @Test
    void aCaseTestExprOutsideAnAssignmentIsAnError() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ExprEvaluator.eval(new Expr.CaseTestExpr(INT4_ARRAY, -1), new Object[0], null, null));
    }
}
