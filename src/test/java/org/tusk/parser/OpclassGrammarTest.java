package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** CREATE OPERATOR CLASS / FAMILY, ALTER OPERATOR FAMILY and DROP OPERATOR CLASS / FAMILY as gram.y parses them. */
class OpclassGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createClassWithItems() {
        Stmt.CreateOpClassStmt c = (Stmt.CreateOpClassStmt) one("create operator class s.myops default for type int4"
                + " using btree family fam as operator 1 < (int4, int4), operator 3 = for search,"
                + " function 1 (int4, int4) cmp(int4, int4), function 2 sortsupport(internal), storage int4");
        assertEquals(List.of("s", "myops"), c.name());
        assertTrue(c.isDefault());
        assertEquals("btree", c.amName());
        assertEquals(List.of("fam"), c.family());
        assertEquals(5, c.items().size());
        Stmt.OpClassItem lt = c.items().get(0);
        assertEquals(Stmt.OpClassItemKind.OPERATOR, lt.kind());
        assertEquals(1, lt.number());
        assertEquals(List.of("<"), lt.name());
        assertEquals(2, lt.classArgs().size());
        assertTrue(c.items().get(1).classArgs().isEmpty());
        Stmt.OpClassItem f = c.items().get(2);
        assertEquals(Stmt.OpClassItemKind.FUNCTION, f.kind());
        assertEquals(List.of("cmp"), f.name());
        assertEquals(2, f.classArgs().size());
        assertEquals(2, f.functionArgs().size());
        assertEquals(Stmt.OpClassItemKind.STORAGE, c.items().get(4).kind());
    }

    @Test
    void familyStatements() {
        Stmt.CreateOpFamilyStmt f = (Stmt.CreateOpFamilyStmt) one("create operator family fam using hash");
        assertEquals("hash", f.amName());
        Stmt.AlterOpFamilyStmt add = (Stmt.AlterOpFamilyStmt) one(
                "alter operator family fam using btree add operator 1 < (int4, int8), function 1 c(int4, int8)");
        assertEquals(false, add.isDrop());
        assertEquals(2, add.items().size());
        Stmt.AlterOpFamilyStmt drop = (Stmt.AlterOpFamilyStmt) one(
                "alter operator family fam using btree drop operator 1 (int4, int8), function 1 (int4)");
        assertTrue(drop.isDrop());
        assertEquals(1, drop.items().get(1).classArgs().size());
        assertNull(drop.items().get(0).name());
    }

    @Test
    void dropClassAndFamily() {
        Stmt.DropOpClassStmt d = (Stmt.DropOpClassStmt) one("drop operator class if exists s.c using btree cascade");
        assertTrue(d.missingOk() && d.cascade() && !d.family());
        assertEquals(List.of("s", "c"), d.name());
        Stmt.DropOpClassStmt f = (Stmt.DropOpClassStmt) one("drop operator family fam using hash");
        assertTrue(f.family());
        // DROP OPERATOR is still DROP OPERATOR
        assertTrue(one("drop operator = (int4, int4)") instanceof Stmt.DropOperatorStmt);
    }

    @Test
    void missingUsingIsASyntaxError() {
        PgException e = assertThrows(PgException.class, () -> one("create operator class c for type int4 as operator 1 <"));
        assertEquals("42601", e.sqlState());
    }
}
