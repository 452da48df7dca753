package org.tusk.pl.plpgsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.error.PgException;

/** The compiler's statement trees and its syntax errors, as pl_gram.y reports them. */
class PlCompilerTest {
    private static final PlCompiler.Types TYPES = text -> switch (text.strip().toLowerCase()) {
        case "int", "integer" -> new int[] {TypeOids.INT4, -1};
        case "text" -> new int[] {TypeOids.TEXT, -1};
        case "record" -> new int[] {TypeOids.RECORD, -1};
        default -> throw PgException.error("42704", "type \"" + text.strip() + "\" does not exist");
    };

    private static PlTree.Function compile(String body) {
        return PlCompiler.compile(body, new PlCompiler.Signature("f", "f(integer)", List.of(TypeOids.INT4), List.of("a"),
                null, List.of(), TypeOids.INT4, false, false), TYPES);
    }

    @Test
    void statementsBecomeTheirTree() {
        PlTree.Function fn = compile("""
                declare
                  x int := 1;
                  r record;
                begin
                  x := x + a;
                  if x > 2 then raise notice 'x is %', x; elsif x > 1 then null; else x := 0; end if;
                  for i in reverse 10..1 by 2 loop exit when i < 3; end loop;
                  for r in select * from t loop continue; end loop;
                  select count(*) into strict x from t;
                  return x;
                end""");
        List<PlTree.Stmt> body = fn.action().body();
        assertEquals(6, body.size());
        PlTree.Assign assign = assertInstanceOf(PlTree.Assign.class, body.get(0));
        assertEquals("x", assign.target().datum().name());
        assertEquals("SELECT x + a", assign.expr().query);
        PlTree.If i = assertInstanceOf(PlTree.If.class, body.get(1));
        assertEquals(1, i.elsifs().size());
        assertInstanceOf(PlTree.Raise.class, i.then().get(0));
        PlTree.ForInt loop = assertInstanceOf(PlTree.ForInt.class, body.get(2));
        assertEquals(true, loop.reverse());
        assertEquals("SELECT 2", loop.step().query);
        PlTree.ForQuery fq = assertInstanceOf(PlTree.ForQuery.class, body.get(3));
        assertEquals("select * from t", fq.query().query);
        PlTree.ExecSql sel = assertInstanceOf(PlTree.ExecSql.class, body.get(4));
        assertEquals("select count(*) from t", sel.sql().query);
        assertEquals(true, sel.strict());
        assertEquals(9, sel.lineno());
        assertInstanceOf(PlTree.Return.class, body.get(5));
    }

    @Test
    void syntaxErrorsNameTheTokenAndLine() {
        PgException e = assertThrows(PgException.class, () -> compile("\nbegin\n  foo bar;\nend"));
        assertEquals("syntax error at or near \"foo\"", e.getMessage());
        assertEquals("compilation of PL/pgSQL function \"f\" near line 3", e.context());
        assertEquals(10, e.position());
    }

    @Test
    void raiseParametersMustMatchTheFormat() {
        PgException e = assertThrows(PgException.class, () -> compile("begin raise notice 'a % b %', 1; end"));
        assertEquals("too few parameters specified for RAISE", e.getMessage());
    }

    @Test
    void unknownConditionsAreRefused() {
        PgException e = assertThrows(PgException.class,
                () -> compile("begin null; exception when no_such_thing then null; end"));
        assertEquals("unrecognized exception condition \"no_such_thing\"", e.getMessage());
    }

    @Test
    void conditionsMatchTheirCodesAndClasses() {
        assertEquals(true, ExceptionConditions.matches("division_by_zero", "22012"));
        assertEquals(true, ExceptionConditions.matches("data_exception", "22012"));
        assertEquals(false, ExceptionConditions.matches("others", "57014"));
        assertEquals(true, ExceptionConditions.matches("P0001", "P0001"));
    }
}
