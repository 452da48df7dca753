package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

class ParserTest {
    private static String err(String sql) {
        PgException e = assertThrows(PgException.class, () -> Parser.parse(sql));
        return e.sqlState() + " " + e.getMessage() + " @" + e.position();
    }

    private static RawExpr expr(String sql) {
        Stmt.SelectStmt s = (Stmt.SelectStmt) Parser.parse("select " + sql).get(0).stmt();
        return s.targetList().get(0).val();
    }

    /** Renders an expression tree with explicit parentheses. */
    private static String tree(RawExpr e) {
        return switch (e) {
            case RawExpr.AConst c -> String.valueOf(c.value());
            case RawExpr.ColumnRef c -> String.join(".", c.fields());
            case RawExpr.AExpr a -> a.lexpr() == null ? "(" + a.op() + tree(a.rexpr()) + ")"
                    : "(" + tree(a.lexpr()) + " " + a.op() + " " + tree(a.rexpr()) + ")";
            case RawExpr.BoolExpr b -> b.op() == RawExpr.BoolOp.NOT ? "(NOT " + tree(b.args().get(0)) + ")"
                    : "(" + String.join(" " + b.op() + " ", b.args().stream().map(ParserTest::tree).toList()) + ")";
            case RawExpr.NullTest n -> "(" + tree(n.arg()) + (n.isNot() ? " IS NOT NULL)" : " IS NULL)");
            case RawExpr.TypeCast t -> "(" + tree(t.arg()) + "::" + t.type().lastName() + ")";
            case RawExpr.Between b -> "(" + tree(b.arg()) + " BETWEEN " + tree(b.low()) + " AND " + tree(b.high()) + ")";
            case RawExpr.Like l -> "(" + tree(l.arg()) + (l.not() ? " NOT" : "") + " LIKE " + tree(l.pattern()) + ")";
            case RawExpr.FuncCall f -> String.join(".", f.name()) + "(" + String.join(", ", f.args().stream().map(ParserTest::tree).toList()) + ")";
            default -> e.toString();
        };
    }

    @Test
    void splitsStatementsWithSpans() {
        String q = "select 1; select 2 ;;  show all";
        List<RawStmt> stmts = Parser.parse(q);
        assertEquals(3, stmts.size());
        assertEquals("select 1", stmts.get(0).text(q));
        assertEquals(" select 2 ", stmts.get(1).text(q));
        assertEquals("  show all", stmts.get(2).text(q));
        assertTrue(Parser.parse("").isEmpty());
        assertTrue(Parser.parse("  ; -- nothing\n ;").isEmpty());
    }

    @Test
    void precedenceFollowsGramY() {
        assertEquals("(1 + (2 * 3))", tree(expr("1 + 2 * 3")));
        assertEquals("((10 - 2) - 3)", tree(expr("10 - 2 - 3")));
        assertEquals("(-2 ^ 2)", tree(expr("-2 ^ 2")), "unary minus binds tighter than ^ (and folds into the constant)");
        assertEquals("((-a) ^ 2)", tree(expr("-a ^ 2")));
        assertEquals("(-(32768::int2))", tree(expr("-32768::int2")));
        assertEquals("((a = 1) OR ((b = 2) AND (NOT (c = 3))))", tree(expr("a = 1 or b = 2 and not c = 3")));
        assertEquals("((a = b) IS NULL)", tree(expr("a = b is null")));
        assertEquals("((a || b) = c)", tree(expr("a || b = c")));
        assertEquals("((a + 1) BETWEEN 1 AND (2 + 3))", tree(expr("a + 1 between 1 and 2 + 3")));
        assertEquals("((x BETWEEN 1 AND 2) AND y)", tree(expr("x between 1 and 2 and y")));
        assertEquals("(a NOT LIKE (b || c))", tree(expr("a not like b || c")));
        assertEquals("pg_catalog.now()", tree(expr("pg_catalog.now()")));
    }

    @Test
    void nonAssociativeComparisonIsASyntaxError() {
        assertEquals("42601 syntax error at or near \"=\" @14", err("select 1 < 2 = true"));
    }

    @Test
    void syntaxErrorsCarryPositions() {
        assertEquals("42601 syntax error at end of input @11", err("select 1 +"));
        assertEquals("42601 syntax error at or near \"selec\" @1", err("selec 1"));
        assertEquals("42601 syntax error at end of input @14", err("select 1 from"));
        assertEquals("42601 syntax error at or near \"from\" @15", err("select 1 from from"));
        assertEquals("42601 syntax error at or near \"'b'\" @12", err("select 'a' 'b'"));
        assertEquals("42601 syntax error at or near \"2\" @10", err("select 1 2"));
        assertEquals("42601 syntax error at or near \")\" @11", err("select (1))"));
        // a syntax error anywhere fails the whole string
        assertEquals("42601 syntax error at end of input @19", err("select 1; select +"));
    }

    @Test
    void firstErrorWins() {
        // the scanner error lies after the grammar error, so the grammar error is reported
        assertEquals("42601 syntax error at or near \"2\" @10", err("select 1 2 'unterminated"));
    }

    @Test
    void columnLabels() {
        Stmt.SelectStmt s = (Stmt.SelectStmt) Parser.parse("select 1 a, 2 as b, 3 as from, 4 \"X\"").get(0).stmt();
        assertEquals(List.of("a", "b", "from", "X"), s.targetList().stream().map(Stmt.ResTarget::name).toList());
    }

    @Test
    void selectClauses() {
        Stmt.SelectStmt s = (Stmt.SelectStmt) Parser.parse(
                "select * from pg_catalog.pg_stat_activity as a where pid <> 0 order by 1 desc nulls last, b limit 5 offset 2")
                .get(0).stmt();
        Stmt.RangeVar from = (Stmt.RangeVar) s.from().get(0);
        assertEquals("pg_catalog", from.schema());
        assertEquals("pg_stat_activity", from.name());
        assertEquals("a", from.alias());
        assertEquals(2, s.sortClause().size());
        assertTrue(s.sortClause().get(0).desc());
        assertEquals(Boolean.FALSE, s.sortClause().get(0).nullsFirst());
        assertNotNull(s.limitCount());
        assertNotNull(s.limitOffset());
        Stmt.SelectStmt f = (Stmt.SelectStmt) Parser.parse("select 1 offset 1 rows fetch first 3 rows only").get(0).stmt();
        assertEquals(3, ((RawExpr.AConst) f.limitCount()).value());
    }

    @Test
    void setShowReset() {
        var s = (Stmt.VariableSetStmt) Parser.parse("SET LOCAL search_path TO foo, \"Bar\"").get(0).stmt();
        assertEquals("search_path", s.name());
        assertTrue(s.isLocal());
        assertEquals(2, s.args().size());
        s = (Stmt.VariableSetStmt) Parser.parse("set session work_mem = default").get(0).stmt();
        assertEquals(Stmt.VariableSetStmt.Kind.DEFAULT, s.kind());
        s = (Stmt.VariableSetStmt) Parser.parse("set time zone 'Europe/Berlin'").get(0).stmt();
        assertEquals("timezone", s.name());
        s = (Stmt.VariableSetStmt) Parser.parse("set my.opt = -1.5").get(0).stmt();
        assertEquals("my.opt", s.name());
        assertEquals("-1.5", ((RawExpr.AConst) s.args().get(0)).value());
        assertEquals("timezone", ((Stmt.VariableShowStmt) Parser.parse("show time zone").get(0).stmt()).name());
        assertEquals("all", ((Stmt.VariableShowStmt) Parser.parse("SHOW ALL").get(0).stmt()).name());
        assertEquals(Stmt.VariableSetStmt.Kind.RESET_ALL, ((Stmt.VariableSetStmt) Parser.parse("reset all").get(0).stmt()).kind());
        assertEquals("42601 syntax error at end of input @9", err("set foo "));
    }

    @Test
    void transactionStatements() {
        var b = (Stmt.TransactionStmt) Parser.parse("begin isolation level repeatable read, read only").get(0).stmt();
        assertEquals(Stmt.TransactionStmt.Kind.BEGIN, b.kind());
        assertEquals(List.of("isolation level repeatable read", "read only"), b.options());
        assertEquals(Stmt.TransactionStmt.Kind.START,
                ((Stmt.TransactionStmt) Parser.parse("start transaction").get(0).stmt()).kind());
        assertEquals(Stmt.TransactionStmt.Kind.COMMIT, ((Stmt.TransactionStmt) Parser.parse("END").get(0).stmt()).kind());
        assertEquals(Stmt.TransactionStmt.Kind.ROLLBACK, ((Stmt.TransactionStmt) Parser.parse("abort work").get(0).stmt()).kind());
        var r = (Stmt.TransactionStmt) Parser.parse("rollback to savepoint sp1").get(0).stmt();
        assertEquals(Stmt.TransactionStmt.Kind.ROLLBACK_TO, r.kind());
        assertEquals("sp1", r.savepointName());
        assertEquals("sp2", ((Stmt.TransactionStmt) Parser.parse("release sp2").get(0).stmt()).savepointName());
        assertEquals(Stmt.TransactionStmt.Kind.SAVEPOINT, ((Stmt.TransactionStmt) Parser.parse("savepoint x").get(0).stmt()).kind());
        assertTrue(((Stmt.TransactionStmt) Parser.parse("commit and chain").get(0).stmt()).chain());
    }

    @Test
    void knownButUnsupportedStatementsParse() {
        List<RawStmt> l = Parser.parse("create conversion c for 'LATIN1' to 'UTF8' from f; select 1");
        assertEquals("CREATE CONVERSION", ((Stmt.UnsupportedStmt) l.get(0).stmt()).tag());
        assertInstanceOf(Stmt.SelectStmt.class, l.get(1).stmt());
    }

    @Test
    void ruleStatementsKeepTheirConditionAndActionsAsText() {
        String sql = "create or replace rule r as on update to s.t where old.a <> new.a do instead "
                + "(insert into log values (old.a, new.a); ; delete from t2 where b = old.a); drop rule if exists r on t cascade;"
                + " alter rule r on t rename to r2; create rule n as on delete to t do nothing";
        List<RawStmt> l = Parser.parse(sql);
        Stmt.CreateRuleStmt c = (Stmt.CreateRuleStmt) l.get(0).stmt();
        assertEquals("r", c.name());
        assertEquals("t", c.relation().name());
        assertEquals("update", c.event());
        assertTrue(c.instead() && c.replace());
        assertEquals("old.a <> new.a", c.whereText());
        assertEquals(List.of("insert into log values (old.a, new.a)", "delete from t2 where b = old.a"), c.actionTexts());
        Stmt.DropRuleStmt d = (Stmt.DropRuleStmt) l.get(1).stmt();
        assertTrue(d.missingOk() && d.cascade());
        assertEquals("r2", ((Stmt.RenameRuleStmt) l.get(2).stmt()).newName());
        Stmt.CreateRuleStmt n = (Stmt.CreateRuleStmt) l.get(3).stmt();
        assertTrue(!n.instead() && n.actions().isEmpty() && n.whereText() == null);
    }

    @Test
    void lockStatementModesAndTheirWordsAsNames() {
        Stmt.LockStmt l = (Stmt.LockStmt) Parser.parse("lock table only a, b * in share row exclusive mode nowait").get(0).stmt();
        assertEquals(6, l.mode());
        assertTrue(l.nowait());
        assertEquals(2, l.relations().size());
        assertEquals(8, ((Stmt.LockStmt) Parser.parse("lock t").get(0).stmt()).mode());
        assertEquals(1, ((Stmt.LockStmt) Parser.parse("LOCK t IN ACCESS SHARE MODE").get(0).stmt()).mode());
        assertEquals(4, ((Stmt.LockStmt) Parser.parse("lock t in share update exclusive mode").get(0).stmt()).mode());
        // unreserved keywords stay usable as names
        Parser.parse("select mode, access, exclusive from lock");
        Parser.parse("select mode(), access(1)");
    }
}
