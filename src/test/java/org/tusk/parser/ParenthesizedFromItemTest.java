package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;

/** A FROM item starting with "( (" is a parenthesized select or a parenthesized joined table, as gram.y decides. */
class ParenthesizedFromItemTest {
    private static Stmt.FromItem from(String sql) {
        Stmt.SelectStmt s = (Stmt.SelectStmt) Parser.parse(sql).get(0).stmt();
        return s.from().get(0);
    }

    @Test
    void subselectWithAliasInsideParenthesesIsAJoinedTable() {
        Stmt.JoinExpr j = assertInstanceOf(Stmt.JoinExpr.class,
                from("select * from ((select f1/2 as x from int4_tbl) ss1 join int4_tbl i4 on x = f1) j"));
        assertEquals("j", j.alias());
        assertEquals("ss1", assertInstanceOf(Stmt.RangeSubselect.class, j.larg()).alias());
        assertEquals("i4", assertInstanceOf(Stmt.RangeVar.class, j.rarg()).alias());
    }

    @Test
    void joinedTableWithoutAliasAndCrossJoin() {
        Stmt.JoinExpr j = assertInstanceOf(Stmt.JoinExpr.class, from("select * from (((select 1) a) cross join t)"));
        assertNull(j.alias());
        assertEquals("a", assertInstanceOf(Stmt.RangeSubselect.class, j.larg()).alias());
    }

    @Test
    void parenthesizedSelectsStaySelects() {
        assertEquals("s", assertInstanceOf(Stmt.RangeSubselect.class, from("select * from ((select 1)) s")).alias());
        assertEquals("s", assertInstanceOf(Stmt.RangeSubselect.class,
                from("select * from ((select 1) union (select 2)) s")).alias());
        assertEquals("s", assertInstanceOf(Stmt.RangeSubselect.class,
                from("select * from ((select 1) order by 1 limit 1) s")).alias());
    }
}
