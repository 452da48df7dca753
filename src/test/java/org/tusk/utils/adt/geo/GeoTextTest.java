package org.tusk.utils.adt.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** Text input and output of the geometric types; expected strings are PostgreSQL 15's. */
class GeoTextTest {
    private static String pt(String s) { return GeoText.pointOut(GeoText.pointIn(s), 1); }

    @Test
    void pointSpellings() {
        assertEquals("(0,0)", pt("(0.0,0.0)"));
        assertEquals("(5.1,34.5)", pt("(5.1, 34.5)"));
        assertEquals("(1e-300,-1e-300)", pt("(1e-300,-1e-300)"));
        assertEquals("(1e+300,Infinity)", pt("(1e+300,Inf)"));
        assertEquals("(NaN,NaN)", pt(" ( Nan , NaN ) "));
        assertEquals("(10,10)", pt("10.0,10.0"));
        assertEquals("(-Infinity,1)", pt("(-infinity,1)"));
    }

    @Test
    void pointErrors() {
        for (String s : new String[] {"(1,2", "asdf", "(1,2)x", "1,", "(,1)", "(1 2)", ""}) {
            PgException e = assertThrows(PgException.class, () -> GeoText.pointIn(s));
            assertEquals("invalid input syntax for type point: \"" + s + "\"", e.getMessage());
            assertEquals("22P02", e.sqlState());
        }
        PgException e = assertThrows(PgException.class, () -> GeoText.pointIn("1e400,1"));
        assertEquals("\"1e400\" is out of range for type double precision", e.getMessage());
        assertEquals("22003", e.sqlState());
    }

    @Test
    void extraFloatDigits() {
        Point p = GeoText.pointIn("(0.1,0.2)").add(GeoText.pointIn("(0.2,0.1)"));
        assertEquals("(0.30000000000000004,0.30000000000000004)", GeoText.pointOut(p, 1));
        assertEquals("(0.3,0.3)", GeoText.pointOut(p, 0));
        assertEquals("<(1,1),3.14159265359>", GeoText.circleOut(GeoText.circleIn("<(1,1),3.14159265358979>"), -3));
    }

    @Test
    void otherTypes() {
        assertEquals("[(1,2),(3,4)]", GeoText.lsegOut(GeoText.lsegIn("   (  1  ,  2  )  ,  (  3 , 4 )   "), 1));
        assertEquals("(3,4),(1,2)", GeoText.boxOut(GeoText.boxIn("(1,2,3,4)"), 1));
        assertEquals("(3,4),(1,2)", GeoText.boxOut(GeoText.boxIn("((1,2),(3,4))"), 1));
        assertEquals("(2,2),(0,0)", GeoText.boxOut(GeoText.boxIn("(0,2),(2,0)"), 1));
        assertEquals("[(1,2),(3,4)]", GeoText.pathOut(GeoText.pathIn("[  ( 1 , 2 ) , ( 3 , 4 ) ]"), 1));
        assertEquals("((1,2),(3,4))", GeoText.pathOut(GeoText.pathIn("1,2,3,4"), 1));
        assertEquals("((1,2),(3,4))", GeoText.pathOut(GeoText.pathIn("((1,2),(3,4))"), 1));
        assertEquals("((1,2),(3,4))", GeoText.polygonOut(GeoText.polygonIn("(1,2),(3,4)"), 1));
        assertEquals("((1,2),(3,4))", GeoText.polygonOut(GeoText.polygonIn("1,2,3,4"), 1));
        assertEquals("<(1,2),3>", GeoText.circleOut(GeoText.circleIn("  < ( 1 , 2 ) , 3 >  "), 1));
        assertEquals("<(1,3),5>", GeoText.circleOut(GeoText.circleIn("1,3,5"), 1));
        assertEquals("<(1,2),3>", GeoText.circleOut(GeoText.circleIn("((1,2),3)"), 1));
        assertEquals("{1,2,3}", GeoText.lineOut(GeoText.lineIn(" { 1 , 2 , 3 } "), 1));
        assertEquals("{1,-1,0}", GeoText.lineOut(GeoText.lineIn("[(0,0),(1,1)]"), 1));
        assertEquals("{1,-1,0}", GeoText.lineOut(GeoText.lineIn("(0,0),(1,1)"), 1));
    }

    @Test
    void otherErrors() {
        assertSyntax("lseg", () -> GeoText.lsegIn("asdf"), "asdf");
        assertSyntax("box", () -> GeoText.boxIn("(1,2),(3,4),(5,6)"), "(1,2),(3,4),(5,6)");
        assertSyntax("box", () -> GeoText.boxIn("[(1,2),(3,4)]"), "[(1,2),(3,4)]");
        assertSyntax("path", () -> GeoText.pathIn("[(1,2),(3,4)"), "[(1,2),(3,4)");
        assertSyntax("polygon", () -> GeoText.polygonIn("((1,2),(3,4)"), "((1,2),(3,4)");
        assertSyntax("circle", () -> GeoText.circleIn("<(1,2),-1>"), "<(1,2),-1>");
        assertSyntax("circle", () -> GeoText.circleIn("<(1,2),1"), "<(1,2),1");
        PgException e = assertThrows(PgException.class, () -> GeoText.lineIn("{0,0,1}"));
        assertEquals("invalid line specification: A and B cannot both be zero", e.getMessage());
        e = assertThrows(PgException.class, () -> GeoText.lineIn("[(1,1),(1,1)]"));
        assertEquals("invalid line specification: must be two distinct points", e.getMessage());
        assertEquals("22023", e.sqlState());
    }

    private static void assertSyntax(String type, org.junit.jupiter.api.function.Executable f, String input) {
        PgException e = assertThrows(PgException.class, f);
        assertEquals("invalid input syntax for type " + type + ": \"" + input + "\"", e.getMessage());
    }
}
