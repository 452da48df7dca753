package org.tusk.parser;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** CREATE VIEW, CREATE TABLE AS, SELECT INTO, DROP/ALTER VIEW, INHERITS and ONLY in the grammar. */
class CreateAsGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createView() {
        var v = (Stmt.ViewStmt) one("create or replace temp view s.v (x, y) as select a, b from t where a > 1; select 1");
        assertTrue(v.replace());
        assertTrue(v.temp());
        assertEquals("s", v.view().schema());
        assertEquals(List.of("x", "y"), v.aliases());
        assertEquals("select a, b from t where a > 1", v.queryText());
        assertEquals("cascaded", ((Stmt.ViewStmt) one("create view v as select 1 with check option")).checkOption());
        assertEquals(Stmt.DropStmt.ObjectType.VIEW, ((Stmt.DropStmt) one("drop view if exists v, w cascade")).kind());
        var r = (Stmt.RenameStmt) one("alter view v rename to w");
        assertEquals("w", r.newName());
    }

    @Test
    void createTableAsAndSelectInto() {
        var c = (Stmt.CreateTableAsStmt) one("create temp table if not exists t (a, b) as select 1, 2 with no data");
        assertEquals(List.of("a", "b"), c.colNames());
        assertTrue(c.temp() && c.ifNotExists() && !c.withData() && !c.isSelectInto());
        var plain = (Stmt.CreateTableAsStmt) one("create table t as select * from u");
        assertTrue(plain.withData());
        assertInstanceOf(Stmt.CreateStmt.class, one("create table t (a int)"));
        var into = (Stmt.CreateTableAsStmt) one("select a into temporary table t2 from u where a > 0 order by a");
        assertTrue(into.isSelectInto() && into.temp());
        assertEquals("t2", into.relation().name());
        assertEquals(1, into.query().from().size());
        PgException nested = assertThrows(PgException.class, () -> one("select * from (select 1 into x) s"));
        assertEquals("SELECT ... INTO is not allowed here", nested.getMessage());
        assertThrows(PgException.class, () -> one("insert into t select 1 into x"));
    }

    @Test
    void inheritsAndOnly() {
        var c = (Stmt.CreateStmt) one("create table c (x int) inherits (p, s.q)");
        assertEquals(List.of("p", "q"), c.inhRelations().stream().map(Stmt.RangeVar::name).toList());
        var s = (Stmt.SelectStmt) one("select * from only p, q");
        assertFalse(((Stmt.RangeVar) s.from().get(0)).inh());
        assertTrue(((Stmt.RangeVar) s.from().get(1)).inh());
        assertFalse(((Stmt.DeleteStmt) one("delete from only p where x = 1")).relation().inh());
        assertFalse(((Stmt.UpdateStmt) one("update only p as pp set x = 1")).relation().inh());
    }
}
