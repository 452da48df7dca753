package org.tusk.utils.ruleutils;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.nodes.Expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layout rules of the query deparser: appendContextKeyword's indentation and isSimpleNode's parentheses. */
class DeparseLayoutTest {
    @Test
    void contextKeywordIndentsAsPostgres() {
        StringBuilder sb = new StringBuilder(" SELECT t.a ");
        DeparseContext ctx = new DeparseContext(sb, List.of(), DeparseContext.PRETTYFLAG_INDENT, 0, 8);
        ctx.appendContextKeyword(" FROM ", -8, 8, 2);
        sb.append("t");
        ctx.appendContextKeyword(" WHERE ", -8, 8, 1);
        assertEquals(" SELECT t.a\n   FROM t\n  WHERE ", sb.toString());
        assertEquals(8, ctx.indentLevel);
    }

    @Test
    void withoutIndentKeywordsAreAppendedInline() {
        StringBuilder sb = new StringBuilder("SELECT 1");
        DeparseContext ctx = new DeparseContext(sb, List.of(), 0, 0, 0);
        ctx.appendContextKeyword(" LIMIT ", -8, 8, 0);
        assertEquals("SELECT 1 LIMIT ", sb.toString());
    }

    @Test
    void deepIndentationWrapsAround() {
        StringBuilder sb = new StringBuilder();
        DeparseContext ctx = new DeparseContext(sb, List.of(), DeparseContext.PRETTYFLAG_INDENT, 0, 56);
        ctx.appendContextKeyword("X", 0, 0, 0);
        // PRETTYINDENT_LIMIT + (56 - 40) / 4 = 44, modulo 40 = 4
        assertEquals("\n    X", sb.toString());
    }

    private static Expr.Var var(int attno) {
        return new Expr.Var(1, attno, TypeOids.INT4, -1, "c" + attno, -1);
    }

    private static Expr.OpExpr op(String name, Expr l, Expr r) {
        return new Expr.OpExpr(new org.tusk.catalog.PgOperator(name, TypeOids.INT4, TypeOids.INT4, TypeOids.INT4,
                org.tusk.catalog.PgProc.Volatility.IMMUTABLE, null), List.of(l, r), TypeOids.INT4, -1);
    }

    @Test
    void prettyParenthesesFollowOperatorPriority() {
        int flags = DeparseContext.PRETTYFLAG_PAREN;
        Expr.OpExpr sum = op("+", var(1), var(2));
        Expr.OpExpr times = op("*", sum, var(3));
        Expr.OpExpr plusTimes = op("+", op("*", var(1), var(2)), var(3));
        assertFalse(RuleExpr.isSimpleNode(sum, times, flags), "(a + b) * c keeps its parentheses");
        assertTrue(RuleExpr.isSimpleNode(plusTimes.args().get(0), plusTimes, flags), "a * b + c needs none");
        Expr.OpExpr minus = op("-", var(1), op("-", var(2), var(3)));
        assertFalse(RuleExpr.isSimpleNode(minus.args().get(1), minus, flags), "a - (b - c) keeps them");
        Expr.OpExpr leftMinus = op("-", op("-", var(1), var(2)), var(3));
        assertTrue(RuleExpr.isSimpleNode(leftMinus.args().get(0), leftMinus, flags), "(a - b) - c drops them");
        assertFalse(RuleExpr.isSimpleNode(sum, times, 0), "without PRETTYFLAG_PAREN nothing is simple under an operator");
    }
}
