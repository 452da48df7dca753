package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.Stmt;

/** The routine kind and security options of CREATE/ALTER FUNCTION as gram.y's createfunc_opt_list takes them. */
class FunctionAttributesGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void createFunctionCollectsSecurityOptionsAndSetClauses() {
        Stmt.CreateFunctionStmt c = (Stmt.CreateFunctionStmt) one("create function f(int) returns int language sql "
                + "security definer leakproof set work_mem = '1MB' set search_path to a, \"B\" as 'select 1'");
        Stmt.FunctionAttributes a = c.attributes();
        assertTrue(a.securityDefiner());
        assertTrue(a.leakproof());
        assertFalse(a.procedure());
        assertFalse(a.window());
        assertEquals(List.of("work_mem", "search_path"), a.settings().stream().map(Stmt.VariableSetStmt::name).toList());
        assertEquals(2, a.settings().get(1).args().size());
        // the defaults may be spelled out
        Stmt.CreateFunctionStmt d = (Stmt.CreateFunctionStmt) one(
                "create function f() returns int external security invoker not leakproof language sql as 'select 1'");
        assertFalse(d.attributes().securityDefiner());
        assertFalse(d.attributes().leakproof());
    }

    @Test
    void procedureAndWindowAreRoutineKinds() {
        Stmt.CreateFunctionStmt p = (Stmt.CreateFunctionStmt) one("create or replace procedure p(a int) language sql as 'select 1'");
        assertTrue(p.attributes().procedure());
        assertTrue(p.replace());
        assertNull(p.returnType());
        Stmt.CreateFunctionStmt w = (Stmt.CreateFunctionStmt) one("create function w(int) returns int language sql window as 'select 1'");
        assertTrue(w.attributes().window());
    }

    @Test
    void alterFunctionKeepsSetAndResetClausesInOrder() {
        Stmt.AlterFunctionStmt a = (Stmt.AlterFunctionStmt) one(
                "alter function f(int) security definer set work_mem = '2MB' reset search_path reset all");
        assertEquals(List.of("security"), a.actions().stream().map(Stmt.DefElem::name).toList());
        assertEquals(List.of(Stmt.VariableSetStmt.Kind.VALUE, Stmt.VariableSetStmt.Kind.RESET, Stmt.VariableSetStmt.Kind.RESET_ALL),
                a.settings().stream().map(Stmt.VariableSetStmt::kind).toList());
    }
}
