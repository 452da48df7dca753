package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.utils.error.PgException;

/** CREATE/ALTER/DROP TYPE (enum) and CREATE/DROP FUNCTION as gram.y parses them. */
class UserDefinedGrammarTest {
    private static Stmt one(String sql) {
        return Parser.parse(sql).get(0).stmt();
    }

    @Test
    void enumStatements() {
        Stmt.CreateEnumStmt c = (Stmt.CreateEnumStmt) one("CREATE TYPE s.mood AS ENUM ('sad', 'ok')");
        assertEquals(List.of("s", "mood"), c.name());
        assertEquals(List.of("sad", "ok"), c.labels());
        assertEquals(List.of(), ((Stmt.CreateEnumStmt) one("create type e as enum ()")).labels());
        Stmt.AlterEnumStmt a = (Stmt.AlterEnumStmt) one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok'");
        assertEquals("meh", a.newVal());
        assertEquals("ok", a.neighbor());
        assertTrue(a.before() && a.skipIfExists() && a.oldVal() == null && !a.renameType());
        a = (Stmt.AlterEnumStmt) one("alter type mood rename value 'sad' to 'blue'");
        assertEquals("sad", a.oldVal());
        assertEquals("blue", a.newVal());
        assertTrue(((Stmt.AlterEnumStmt) one("alter type mood rename to feeling")).renameType());
        Stmt.DropTypeStmt d = (Stmt.DropTypeStmt) one("drop type if exists a, b.c cascade");
        assertEquals(List.of(List.of("a"), List.of("b", "c")), d.names());
        assertTrue(d.missingOk() && d.cascade());
        Stmt.CompositeTypeStmt ct = (Stmt.CompositeTypeStmt) one("create type s.t as (a int, b varchar(3) collate \"C\")");
        assertEquals(List.of("s", "t"), ct.name());
        assertEquals(List.of("a", "b"), ct.attributes().stream().map(Stmt.CompositeAttribute::name).toList());
        assertEquals(List.of(), ((Stmt.CompositeTypeStmt) one("create type e as ()")).attributes());
        Stmt.CreateRangeStmt r = (Stmt.CreateRangeStmt) one("create type s.r as range (subtype = float8, subtype_diff = float8mi, collation = \"C\")");
        assertEquals(List.of("s", "r"), r.name());
        assertEquals(List.of("subtype=float8", "subtype_diff=float8mi", "collation=C"),
                r.params().stream().map(e -> e.name() + "=" + e.value()).toList());
    }

    @Test
    void createFunctionTakesNamedAndUnnamedArgumentsDefaultsAttributesAndBodies() {
        String sql = "create or replace function f(a int, text, b double precision default 1.5) returns int "
                + "language sql immutable strict as $$ select a $$";
        Stmt.CreateFunctionStmt f = (Stmt.CreateFunctionStmt) one(sql);
        assertTrue(f.replace());
        assertEquals(3, f.params().size());
        assertEquals("a", f.params().get(0).name());
        assertNull(f.params().get(1).name());
        assertEquals("text", f.params().get(1).type().lastName());
        assertEquals("b", f.params().get(2).name());
        assertEquals("float8", f.params().get(2).type().lastName());
        assertEquals("1.5", f.params().get(2).defaultSql());
        assertEquals("sql", f.language());
        assertEquals("immutable", f.volatility());
        assertEquals(Boolean.TRUE, f.strict());
        assertEquals(" select a ", f.asText());
        assertEquals(sql.indexOf("$$"), f.bodyLocation());

        Stmt.CreateFunctionStmt r = (Stmt.CreateFunctionStmt) one("create function g(int) returns int return $1 + 1");
        assertEquals("SELECT $1 + 1", r.sqlBody());
        Stmt.CreateFunctionStmt b = (Stmt.CreateFunctionStmt) one(
                "create function h() returns int begin atomic; select 1; return 2; end");
        assertEquals("select 1;\nRETURN 2;\n", b.sqlBody());
        PgException dup = assertThrows(PgException.class,
                () -> one("create function x() returns int language sql as 'select 1' return 1"));
        assertEquals("duplicate function body specified", dup.getMessage());
        // argument modes are parsed (the command decides what it supports): name first or mode first
        Stmt.CreateFunctionStmt modes = (Stmt.CreateFunctionStmt) one(
                "create function x(out a int, b inout text, variadic c int[], in d int) returns int as ''");
        assertEquals(List.of('o', 'b', 'v', 'i'), modes.params().stream().map(Stmt.FunctionParameter::mode).toList());
        assertEquals(List.of("a", "b", "c", "d"), modes.params().stream().map(Stmt.FunctionParameter::name).toList());
    }

    @Test
    void createAggregateInBothSyntaxesAndDropAggregate() {
        Stmt.CreateAggregateStmt old = (Stmt.CreateAggregateStmt) one(
                "create aggregate newsum (sfunc1 = int4pl, basetype = int4, stype1 = int4, initcond1 = '0')");
        assertNull(old.args());
        assertEquals(List.of("sfunc1", "basetype", "stype1", "initcond1"),
                old.definition().stream().map(Stmt.CreateAggregateStmt.AggDefElem::name).toList());
        assertEquals("0", old.definition().get(3).value());
        Stmt.CreateAggregateStmt star = (Stmt.CreateAggregateStmt) one(
                "create or replace aggregate newcnt (*) (sfunc = int8inc, stype = int8, \"Parallel\" = safe)");
        assertTrue(star.replace());
        assertEquals(List.of(), star.args());
        assertEquals("Parallel", star.definition().get(2).name());
        Stmt.CreateAggregateStmt ordered = (Stmt.CreateAggregateStmt) one(
                "create aggregate p(float8 order by anyelement) (stype = internal, sfunc = f)");
        assertEquals(1, ordered.directArgs());
        assertEquals(List.of('v'), ((Stmt.CreateAggregateStmt) one("create aggregate l(variadic items anyarray) (stype = anyelement, sfunc = f)"))
                .args().stream().map(Stmt.FunctionParameter::mode).toList());
        Stmt.DropAggregateStmt drop = (Stmt.DropAggregateStmt) one("drop aggregate if exists a(int4), b(*) cascade");
        assertTrue(drop.missingOk() && drop.cascade());
        assertEquals(List.of(1, 0), drop.aggregates().stream().map(r -> r.argTypes().size()).toList());
    }

    @Test
    void namedAndVariadicCallArguments() {
        Stmt.SelectStmt s = (Stmt.SelectStmt) one("select f(1, b => 2, c := 3), g(variadic array[1])");
        RawExpr.FuncCall f = (RawExpr.FuncCall) s.targetList().get(0).val();
        assertInstanceOf(RawExpr.NamedArg.class, f.args().get(1));
        assertEquals("c", ((RawExpr.NamedArg) f.args().get(2)).name());
        RawExpr.FuncCall g = (RawExpr.FuncCall) s.targetList().get(1).val();
        assertInstanceOf(RawExpr.VariadicArg.class, g.args().get(0));
        assertThrows(PgException.class, () -> one("select g(variadic array[1], 2)"));
    }

    @Test
    void dropFunctionWithAndWithoutArgumentLists() {
        Stmt.DropFunctionStmt d = (Stmt.DropFunctionStmt) one("drop function if exists f(int, b text), g restrict");
        assertTrue(d.missingOk());
        assertFalse(d.cascade());
        assertEquals(2, d.functions().get(0).argTypes().size());
        assertNull(d.functions().get(1).argTypes());
    }

    @Test
    void returnsTableMakesTableParametersOfASetofFunction() {
        Stmt.CreateFunctionStmt f = (Stmt.CreateFunctionStmt) one(
                "create function tf(n int, out x int) returns table (a int, b text) language sql as 'select 1, 2'");
        assertTrue(f.retset());
        assertNull(f.returnType());
        assertEquals(List.of('i', 'o', 't', 't'), f.params().stream().map(Stmt.FunctionParameter::mode).toList());
        assertEquals(List.of("a", "b"), f.params().subList(2, 4).stream().map(Stmt.FunctionParameter::name).toList());
        Stmt.CreateFunctionStmt s = (Stmt.CreateFunctionStmt) one("create function s() returns setof int language sql as 'select 1'");
        assertTrue(s.retset());
        assertNotNull(s.returnType());
        assertThrows(PgException.class, () -> one("create function tf() returns table () language sql as 'select 1'"));
    }
}
