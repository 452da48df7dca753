package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

class RowGrammarTest {
    private static RawExpr expr(String sql) {
        return Parser.parseExpression(sql);
    }

    @Test
    void rowConstructors() {
        RawExpr.RowExpr r = assertInstanceOf(RawExpr.RowExpr.class, expr("ROW(1, 'a')"));
        assertTrue(r.explicit());
        assertEquals(2, r.args().size());
        assertEquals(0, ((RawExpr.RowExpr) expr("row()")).args().size());
        RawExpr.RowExpr implicit = assertInstanceOf(RawExpr.RowExpr.class, expr("(1, 2, 3)"));
        assertEquals(3, implicit.args().size());
        // a single parenthesized expression is not a row
        assertInstanceOf(RawExpr.AConst.class, expr("(1)"));
        RawExpr.AExpr cmp = assertInstanceOf(RawExpr.AExpr.class, expr("(a, b) < (1, 2)"));
        assertInstanceOf(RawExpr.RowExpr.class, cmp.lexpr());
    }

    @Test
    void aParameterTakesIndirection() {
        // c_expr: PARAM opt_indirection (copy2.sql's PL/pgSQL "return $1.f1 > 0")
        RawExpr.FieldSelection f = assertInstanceOf(RawExpr.FieldSelection.class, expr("$1.f1"));
        assertEquals("f1", f.field());
        assertInstanceOf(RawExpr.ParamRef.class, f.arg());
        assertNull(assertInstanceOf(RawExpr.FieldSelection.class, expr("$2.*")).field());
        RawExpr.AExpr cmp = assertInstanceOf(RawExpr.AExpr.class, expr("$1.f1 > 0"));
        assertInstanceOf(RawExpr.FieldSelection.class, cmp.lexpr());
    }

    @Test
    void fieldSelection() {
        RawExpr.FieldSelection f = assertInstanceOf(RawExpr.FieldSelection.class, expr("(c).f1"));
        assertEquals("f1", f.field());
        RawExpr.FieldSelection star = assertInstanceOf(RawExpr.FieldSelection.class, expr("(c).*"));
        assertNull(star.field());
        RawExpr.FieldSelection nested = assertInstanceOf(RawExpr.FieldSelection.class, expr("((c).a).b"));
        assertInstanceOf(RawExpr.FieldSelection.class, nested.arg());
        assertInstanceOf(RawExpr.Indirection.class, expr("(c).arr[1]"));
    }

    @Test
    void multipleColumnUpdate() {
        Stmt.UpdateStmt u = (Stmt.UpdateStmt) Parser.parse("update t set (a, b) = (1, default), c = 3").get(0).stmt();
        assertEquals(List.of("a", "b", "c"), u.targetList().stream().map(Stmt.ResTarget::name).toList());
        assertInstanceOf(RawExpr.SetToDefault.class, u.targetList().get(1).val());
        Stmt.UpdateStmt s = (Stmt.UpdateStmt) Parser.parse("update t set (a, b) = (select 1, 2)").get(0).stmt();
        RawExpr.MultiAssignRef m = assertInstanceOf(RawExpr.MultiAssignRef.class, s.targetList().get(1).val());
        assertEquals(2, m.colno());
        assertEquals(2, m.ncolumns());
        PgException e = assertThrows(PgException.class, () -> Parser.parse("update t set (a, b) = (1, 2, 3)"));
        assertEquals("number of columns does not match number of values", e.getMessage());
        assertEquals("source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression",
                assertThrows(PgException.class, () -> Parser.parse("update t set (a, b) = 1")).getMessage());
    }

    @Test
    void assignmentTargetsKeepTheirIndirectionInOrder() {
        Stmt.UpdateStmt u = (Stmt.UpdateStmt) Parser.parse("update t set c.f1 = 2, a[1][2:3].g = 4").get(0).stmt();
        RawExpr.IndirectAssign fa = assertInstanceOf(RawExpr.IndirectAssign.class, u.targetList().get(0).val());
        assertEquals("c", u.targetList().get(0).name());
        assertEquals("f1", fa.indirection().get(0).field());
        assertInstanceOf(RawExpr.AConst.class, fa.value());
        RawExpr.IndirectAssign sub = (RawExpr.IndirectAssign) u.targetList().get(1).val();
        assertEquals(3, sub.indirection().size());
        assertEquals(false, sub.indirection().get(0).subscript().slice());
        assertEquals(true, sub.indirection().get(1).subscript().slice());
        assertEquals("g", sub.indirection().get(2).field());
        Stmt.InsertStmt i = (Stmt.InsertStmt) Parser.parse("insert into t (c.f1, c.f2[1], d) values (1, 2, 3)").get(0).stmt();
        RawExpr.IndirectAssign target = assertInstanceOf(RawExpr.IndirectAssign.class, i.columns().get(1).val());
        assertEquals(null, target.value());
        assertEquals(2, target.indirection().size());
        assertEquals(null, i.columns().get(2).val());
        // DEFAULT through indirection parses; analysis refuses it
        assertInstanceOf(RawExpr.SetToDefault.class,
                ((RawExpr.IndirectAssign) ((Stmt.UpdateStmt) Parser.parse("update t set c.f1 = default").get(0).stmt())
                        .targetList().get(0).val()).value());
    }

    @Test
    void multipleColumnTargetsMayHaveIndirection() {
        Stmt.UpdateStmt u = (Stmt.UpdateStmt) Parser.parse("update t set (a[1], b.f) = (1, 2)").get(0).stmt();
        assertInstanceOf(RawExpr.IndirectAssign.class, u.targetList().get(0).val());
        assertEquals("b", u.targetList().get(1).name());
        // a row with a * item is counted after analysis expands it
        Stmt.UpdateStmt star = (Stmt.UpdateStmt) Parser.parse("update t set (a, b) = row(v.*) from v").get(0).stmt();
        assertInstanceOf(RawExpr.MultiAssignRef.class, star.targetList().get(0).val());
    }
}
