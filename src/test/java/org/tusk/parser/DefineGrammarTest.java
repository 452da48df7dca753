package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** CREATE TYPE (shell and base), CREATE/DROP CAST and CREATE/ALTER OPERATOR as gram.y parses them. */
class DefineGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void shellAndBaseTypes() {
        Stmt.DefineTypeStmt shell = (Stmt.DefineTypeStmt) one("create type s.xfloat8");
        assertEquals(List.of("s", "xfloat8"), shell.name());
        assertNull(shell.definition());
        Stmt.DefineTypeStmt base = (Stmt.DefineTypeStmt) one(
                "create type xfloat8 (input = xfloat8in, output = s.xout, like = double precision, passedbyvalue,"
                        + " internallength = -8, category = 'N', alignment = double)");
        List<Stmt.DefElem> d = base.definition();
        assertEquals(List.of("input", "output", "like", "passedbyvalue", "internallength", "category", "alignment"),
                d.stream().map(Stmt.DefElem::name).toList());
        assertEquals(List.of("s", "xout"), d.get(1).list());
        assertEquals(List.of("pg_catalog", "float8"), d.get(2).list());
        assertNull(d.get(3).value());
        assertEquals("-8", d.get(4).value());
        assertEquals("N", d.get(5).value());
        assertEquals("double", d.get(6).value());
    }

    @Test
    void casts() {
        Stmt.CreateCastStmt c = (Stmt.CreateCastStmt) one("create cast (int4 as myint) without function as implicit");
        assertNull(c.function());
        assertFalse(c.inout());
        assertEquals('i', c.context());
        c = (Stmt.CreateCastStmt) one("create cast (text as myint) with function f(text) as assignment");
        assertEquals(List.of("f"), c.function().name());
        assertEquals(1, c.function().argTypes().size());
        assertEquals('a', c.context());
        c = (Stmt.CreateCastStmt) one("create cast (myint as text) with inout");
        assertTrue(c.inout());
        assertEquals('e', c.context());
        Stmt.DropCastStmt dr = (Stmt.DropCastStmt) one("drop cast if exists (int4 as myint) cascade");
        assertTrue(dr.missingOk());
        assertTrue(dr.cascade());
        assertThrows(PgException.class, () -> one("create cast (int4 as myint)"));
    }

    @Test
    void operators() {
        Stmt.DefineOperatorStmt o = (Stmt.DefineOperatorStmt) one(
                "create operator s.=== (leftarg = int8, rightarg = text, procedure = f, commutator = ===,"
                        + " negator = <>, restrict = eqsel, hashes, merges)");
        assertEquals(List.of("s", "==="), o.name());
        assertEquals(List.of("===" ), o.definition().get(3).list());
        assertEquals(List.of("<>"), o.definition().get(4).list());
        assertNull(o.definition().get(6).value());
        Stmt.DefineOperatorStmt setof = (Stmt.DefineOperatorStmt) one("create operator # (leftarg = setof int4, rightarg = int4, function = f)");
        assertEquals("setof int4", setof.definition().get(0).value());
        Stmt.AlterOperatorStmt a = (Stmt.AlterOperatorStmt) one("alter operator === (int8, text) set (restrict = none)");
        assertEquals("none", a.options().get(0).value());
        assertEquals(List.of("==="), a.operator().name());
        // CREATE OPERATOR CLASS is not CREATE OPERATOR
        assertFalse(Parser.parse("create operator class c for type int4 using hash as operator 1 =").get(0).stmt()
                instanceof Stmt.DefineOperatorStmt);
    }
}
