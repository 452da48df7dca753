package org.tusk.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.utils.adt.RecordValue;

/**
 * A whole-row reference (ExecEvalWholeRowVar) over a scan tuple laid out as columns then ctid: the
 * row when the table's ctid is there, NULL when an outer join null-extended the table, and a row
 * of NULLs (not NULL) for a stored row whose columns are all NULL.
 */
class WholeRowVarTest {
    private static final int ROWTYPE = 90_001;

    private static Expr.WholeRowVar wholeRow() {
        Expr.Var a = new Expr.Var(Expr.Var.RESOLVED, 1, TypeOids.INT4, -1, "a", -1);
        Expr.Var b = new Expr.Var(Expr.Var.RESOLVED, 2, TypeOids.TEXT, -1, "b", -1);
        Expr.Var ctid = new Expr.Var(Expr.Var.RESOLVED, 3, 27, -1, "ctid", -1);
        return new Expr.WholeRowVar(new Expr.RowExpr(List.of(a, b), ROWTYPE, List.of("a", "b"), -1), ctid, "t", -1);
    }

    @Test
    void aStoredRowIsTheRowOfItsColumns() {
        RecordValue r = (RecordValue) ExprEvaluator.eval(wholeRow(), new Object[] {7, "x", "(0,1)"}, null, null);
        assertEquals(ROWTYPE, r.typeOid());
        assertEquals(List.of(7, "x"), r.values());
    }

    @Test
    void aStoredRowOfNullsIsARowNotNull() {
        Object v = ExprEvaluator.eval(wholeRow(), new Object[] {null, null, "(0,2)"}, null, null);
        assertEquals(Arrays.asList(null, null), ((RecordValue) v).values());
        // IS NULL still holds field-wise (ExecEvalRowNull), IS NOT NULL does not
        assertTrue(RowEval.nullTest(v, false));
    }

    @Test
    void aNullExtendedRowIsNull() {
        assertNull(ExprEvaluator.eval(wholeRow(), new Object[] {null, null, null}, null, null));
        Expr field = new Expr.FieldSelect(wholeRow(), 1, TypeOids.INT4, -1);
        assertNull(ExprEvaluator.eval(field, new Object[] {null, null, null}, null, null));
    }

    @Test
    void treeWalkersSeeTheColumnsAndTheCtid() {
        assertEquals(2, ExprTrees.children(wholeRow()).size());
        // a mutator that moves every Var one column right reaches the ctid too (setrefs over a join)
        Expr moved = ExprTrees.map(wholeRow(), x -> x instanceof Expr.Var v
                ? new Expr.Var(v.varno(), v.attno() + 1, v.type(), v.typmod(), v.name(), -1) : null);
        assertEquals(4, ((Expr.Var) ((Expr.WholeRowVar) moved).present()).attno());
        assertNull(ExprEvaluator.eval(moved, new Object[] {"(9,9)", 1, "x", null}, null, null));
        assertEquals(ROWTYPE, moved.type());
    }
}
