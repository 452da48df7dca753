package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** COLLATE in column definitions, ALTER COLUMN TYPE, expressions and index elements (gram.y). */
class CollateGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void columnDefinitionKeepsItsCollateClause() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create table t (a text collate \"C\" not null, b text, "
                + "c varchar(3) collate pg_catalog.\"POSIX\")");
        assertEquals(List.of("C"), c.columns().get(0).collation());
        assertEquals(23, c.columns().get(0).collationLocation());
        assertEquals(true, c.columns().get(0).notNull());
        assertNull(c.columns().get(1).collation());
        assertEquals(List.of("pg_catalog", "POSIX"), c.columns().get(2).collation());
    }

    @Test
    void twoCollateClausesOnOneColumnAreASyntaxError() {
        PgException e = assertThrows(PgException.class, () -> one("create table t (a text collate \"C\" collate \"C\")"));
        assertEquals("42601", e.sqlState());
        assertEquals("multiple COLLATE clauses not allowed", e.getMessage());
    }

    @Test
    void partitionColumnOptionsMayNameACollation() {
        Stmt.CreateStmt c = (Stmt.CreateStmt) one("create table p1 partition of p (a collate \"POSIX\") "
                + "for values from ('a') to ('m')");
        assertEquals(List.of("POSIX"), c.columns().get(0).collation());
        assertNull(c.columns().get(0).type());
    }

    @Test
    void alterColumnTypeTakesACollation() {
        Stmt.AlterTableStmt a = (Stmt.AlterTableStmt) one("alter table t alter column a type text collate \"C\" using a");
        Stmt.AlterTableCmd.AlterColumnType t = (Stmt.AlterTableCmd.AlterColumnType) a.cmds().get(0);
        assertEquals(List.of("C"), t.collation());
        assertEquals("a", t.usingSql());
    }

    @Test
    void collateInAnExpressionIsACollateClauseBindingTighterThanOperators() {
        Stmt.SelectStmt s = (Stmt.SelectStmt) one("select a || b collate \"C\" from t");
        RawExpr.AExpr concat = assertInstanceOf(RawExpr.AExpr.class, s.targetList().get(0).val());
        RawExpr.CollateClause cc = assertInstanceOf(RawExpr.CollateClause.class, concat.rexpr());
        assertEquals(List.of("C"), cc.collname());
        assertInstanceOf(RawExpr.ColumnRef.class, cc.arg());
    }

    @Test
    void indexExpressionsTopLevelCollateBecomesTheElementsCollation() {
        Stmt.IndexStmt i = (Stmt.IndexStmt) one("create index i on t ((c1::text collate \"C\"))");
        Stmt.IndexElem e = i.params().get(0);
        assertEquals("c1::text", e.exprSql());
        assertEquals(List.of("C"), e.collation());
        assertInstanceOf(RawExpr.TypeCast.class, e.expr());
        // an element COLLATE written after the parentheses wins
        e = ((Stmt.IndexStmt) one("create index i on t ((b collate \"C\") collate \"POSIX\")")).params().get(0);
        assertEquals("b", e.exprSql());
        assertEquals(List.of("POSIX"), e.collation());
    }
}
