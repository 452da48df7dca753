package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** CREATE PROCEDURE, CALL, and DROP/ALTER PROCEDURE and ROUTINE as gram.y takes them. */
class ProcedureGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createProcedureWithoutOrReplaceIsARoutineDefinition() {
        Stmt.CreateFunctionStmt c = (Stmt.CreateFunctionStmt) one("create procedure p(inout a int, out b text) language sql as 'select 1, ''x'''");
        assertTrue(c.attributes().procedure());
        assertFalse(c.replace());
        assertEquals(List.of('b', 'o'), c.params().stream().map(Stmt.FunctionParameter::mode).toList());
    }

    @Test
    void callTakesOneFunctionCall() {
        Stmt.CallStmt c = (Stmt.CallStmt) one("call s.p(1, b => 'x')");
        assertEquals(List.of("s", "p"), c.call().name());
        assertEquals(2, c.call().args().size());
        assertThrows(PgException.class, () -> one("call 1 + 2"));
        assertThrows(PgException.class, () -> one("call p"));
    }

    @Test
    void dropKeepsTheObjectKindAndBothArgumentLists() {
        Stmt.DropFunctionStmt d = (Stmt.DropFunctionStmt) one("drop procedure if exists p(int, out text), q cascade");
        assertEquals("procedure", d.objtype());
        assertTrue(d.missingOk());
        assertTrue(d.cascade());
        Stmt.DropFunctionStmt.FunctionRef p = d.functions().get(0);
        assertEquals(1, p.argTypes().size());      // IN only: a function's signature
        assertEquals(2, p.allTypes().size());      // with OUT: a procedure's
        assertNull(d.functions().get(1).argTypes());
        assertEquals("routine", ((Stmt.DropFunctionStmt) one("drop routine r")).objtype());
        assertEquals("function", ((Stmt.DropFunctionStmt) one("drop function f(int)")).objtype());
    }

    @Test
    void alterProcedureAndRoutineNameTheirKind() {
        Stmt.AlterFunctionStmt a = (Stmt.AlterFunctionStmt) one("alter procedure p(int) rename to q");
        assertEquals("procedure", a.function().objtype());
        assertEquals("q", a.newName());
        Stmt.AlterFunctionStmt r = (Stmt.AlterFunctionStmt) one("alter routine p security definer");
        assertEquals("routine", r.function().objtype());
    }
}
