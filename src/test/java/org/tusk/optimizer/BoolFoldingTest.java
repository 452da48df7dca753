package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;

/** eval_const_expressions' AND/OR/NOT simplification and find_duplicate_ors' constant OR arms. */
class BoolFoldingTest {
    private static final Expr X = new Expr.Param(1, TypeOids.BOOL);
    private static final Expr Y = new Expr.Param(2, TypeOids.BOOL);
    private static final Expr NULL = new Expr.Const(TypeOids.BOOL, -1, null, -1);

    private static Expr bool(boolean b) {
        return new Expr.Const(TypeOids.BOOL, -1, b, -1);
    }

    private static Expr.BoolExpr and(Expr... a) {
        return new Expr.BoolExpr(RawExpr.BoolOp.AND, List.of(a));
    }

    private static Expr.BoolExpr or(Expr... a) {
        return new Expr.BoolExpr(RawExpr.BoolOp.OR, List.of(a));
    }

    @Test
    void andDropsTrueAndCollapsesOnFalse() {
        assertEquals(X, BoolFolding.simplify(and(bool(true), X)));
        assertEquals(bool(false), BoolFolding.simplify(and(X, bool(false), NULL)));
        assertEquals(and(X, NULL), BoolFolding.simplify(and(NULL, X, NULL)));
    }

    @Test
    void orDropsFalseAndCollapsesOnTrue() {
        assertEquals(or(X, Y), BoolFolding.simplify(or(bool(false), X, Y)));
        assertEquals(bool(true), BoolFolding.simplify(or(X, bool(true))));
        assertEquals(bool(false), BoolFolding.simplify(or(bool(false))));
    }

    @Test
    void notOfConstantIsConstant() {
        assertEquals(bool(false), BoolFolding.simplify(new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(bool(true)))));
        assertEquals(NULL, BoolFolding.simplify(new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(NULL))));
    }

    @Test
    void notIsPushedIntoWhatItNegatesExactly() {
        Expr i = new Expr.Param(3, TypeOids.INT4);
        assertEquals(new Expr.NullTest(i, true), BoolFolding.simplify(not(new Expr.NullTest(i, false))));
        assertEquals(X, BoolFolding.simplify(not(not(X))));
        assertEquals(new Expr.BooleanTest(X, RawExpr.BoolTestType.IS_NOT_UNKNOWN),
                BoolFolding.simplify(not(new Expr.BooleanTest(X, RawExpr.BoolTestType.IS_UNKNOWN))));
        // a row IS NULL when all fields are: NOT (r IS NULL) is not r IS NOT NULL
        Expr row = new Expr.Param(4, TypeOids.RECORD);
        assertEquals(not(new Expr.NullTest(row, false)), BoolFolding.simplify(not(new Expr.NullTest(row, false))));
        // without operator negators an operator stays under its NOT
        assertEquals(not(and(X, Y)), BoolFolding.simplify(not(and(X, Y))));
    }

    private static Expr.BoolExpr not(Expr a) {
        return new Expr.BoolExpr(RawExpr.BoolOp.NOT, List.of(a));
    }

    @Test
    void qualOrLosesNullAndFalseArms() {
        // (a = 1 AND b = 1001) OR (a = NULL AND b = NULL): the second arm folds to NULL
        assertEquals(and(X, Y), BoolFolding.dropConstantOrArms(or(and(X, Y), NULL)));
        assertEquals(bool(false), BoolFolding.dropConstantOrArms(or(NULL, bool(false))));
        assertEquals(and(X, Y), BoolFolding.dropConstantOrArms(and(X, or(Y, NULL))));
    }

    @Test
    void strictCallWithNullInput() {
        assertTrue(BoolFolding.hasNullInput(List.of(X, new Expr.Const(TypeOids.INT4, -1, null, -1))));
        assertFalse(BoolFolding.hasNullInput(List.of(X, new Expr.Const(TypeOids.INT4, -1, 1, -1))));
    }
}
