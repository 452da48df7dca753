package org.tusk.parser;

import static org.junit.jupiter.api.Assertions.*;
import static org.tusk.catalog.TypeOids.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.parser.ParseCoerce.Context;

class TypeResolutionTest {
    @Test
    void castContextsFollowPgCast() {
        assertTrue(ParseCoerce.canCoerce(INT4, INT8, Context.IMPLICIT));
        assertFalse(ParseCoerce.canCoerce(INT8, INT4, Context.IMPLICIT));
        assertTrue(ParseCoerce.canCoerce(INT8, INT4, Context.ASSIGNMENT));
        assertFalse(ParseCoerce.canCoerce(BOOL, INT4, Context.ASSIGNMENT));
        assertTrue(ParseCoerce.canCoerce(BOOL, INT4, Context.EXPLICIT));
        assertTrue(ParseCoerce.canCoerce(UNKNOWN, TIMESTAMPTZ, Context.IMPLICIT));
        // automatic I/O conversion: to string types in assignment, from string types only explicitly
        assertTrue(ParseCoerce.canCoerce(INTERVAL, TEXT, Context.ASSIGNMENT));
        assertFalse(ParseCoerce.canCoerce(TEXT, INT4, Context.ASSIGNMENT));
        assertTrue(ParseCoerce.canCoerce(TEXT, INT4, Context.EXPLICIT));
        assertFalse(ParseCoerce.canCoerce(BOOL, DATE, Context.EXPLICIT));
    }

    @Test
    void candidateSelection() {
        List<List<Integer>> plus = List.of(List.of(INT2, INT2), List.of(INT4, INT4), List.of(INT8, INT8),
                List.of(FLOAT4, FLOAT4), List.of(FLOAT8, FLOAT8), List.of(NUMERIC, NUMERIC));
        assertEquals(1, ParseFunc.select(plus, List.of(INT4, INT4)), "exact match");
        assertEquals(1, ParseFunc.select(plus, List.of(INT2, INT4)), "most exact matches");
        assertEquals(2, ParseFunc.select(plus, List.of(INT4, INT8)));
        assertEquals(5, ParseFunc.select(plus, List.of(INT4, NUMERIC)));
        assertEquals(4, ParseFunc.select(plus, List.of(NUMERIC, FLOAT8)));
        assertEquals(1, ParseFunc.select(plus, List.of(UNKNOWN, INT4)), "unknown assumed to be the known type");
        // all candidates numeric: unknowns resolve to the category's preferred type, float8
        assertEquals(4, ParseFunc.select(plus, List.of(UNKNOWN, UNKNOWN)));
        List<List<Integer>> mixed = List.of(List.of(INT4, INT4), List.of(INTERVAL, INTERVAL), List.of(DATE, INT4));
        assertEquals(ParseFunc.AMBIGUOUS, ParseFunc.select(mixed, List.of(UNKNOWN, UNKNOWN)), "category conflict");
        assertEquals(ParseFunc.NONE, ParseFunc.select(plus, List.of(TEXT, INT4)));
        List<List<Integer>> eq = List.of(List.of(INT4, INT4), List.of(TEXT, TEXT), List.of(NAME, NAME), List.of(BOOL, BOOL));
        assertEquals(1, ParseFunc.select(eq, List.of(UNKNOWN, UNKNOWN)), "unknowns prefer the string category's preferred type");
        List<List<Integer>> power = List.of(List.of(FLOAT8, FLOAT8), List.of(NUMERIC, NUMERIC));
        assertEquals(0, ParseFunc.select(power, List.of(INT4, INT4)), "preferred type float8 wins");
        List<List<Integer>> round = List.of(List.of(FLOAT8), List.of(NUMERIC));
        assertEquals(1, ParseFunc.select(round, List.of(NUMERIC)));
    }

    @Test
    void commonTypeForCaseAndCoalesce() {
        String src = "x";
        var c = (java.util.function.IntFunction<org.tusk.nodes.Expr>) t -> new org.tusk.nodes.Expr.Const(t, -1, null, 0);
        assertEquals(NUMERIC, ParseCoerce.selectCommonType(List.of(c.apply(INT4), c.apply(NUMERIC)), List.of(0, 0), "CASE", src));
        assertEquals(FLOAT8, ParseCoerce.selectCommonType(List.of(c.apply(FLOAT8), c.apply(INT4)), List.of(0, 0), "CASE", src));
        assertEquals(TEXT, ParseCoerce.selectCommonType(List.of(c.apply(UNKNOWN), c.apply(UNKNOWN)), List.of(0, 0), "CASE", src));
        assertEquals(INT8, ParseCoerce.selectCommonType(List.of(c.apply(UNKNOWN), c.apply(INT8)), List.of(0, 0), "CASE", src));
        var e = assertThrows(org.tusk.utils.error.PgException.class,
                () -> ParseCoerce.selectCommonType(List.of(c.apply(INT4), c.apply(TEXT)), List.of(0, 0), "COALESCE", src));
        assertEquals("COALESCE types integer and text cannot be matched", e.getMessage());
    }
}
