package org.tusk.utils.adt.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The geometric operators and functions; every expected value was printed by PostgreSQL 15. */
class GeoOpsTest {
    private static Point pt(String s) { return GeoText.pointIn(s); }
    private static Box box(String s) { return GeoText.boxIn(s); }
    private static Lseg lseg(String s) { return GeoText.lsegIn(s); }
    private static Line line(String s) { return GeoText.lineIn(s); }
    private static Path path(String s) { return GeoText.pathIn(s); }
    private static Polygon poly(String s) { return GeoText.polygonIn(s); }
    private static Circle circle(String s) { return GeoText.circleIn(s); }
    private static String out(Point p) { return GeoText.pointOut(p, 1); }
    private static String f8(double d) { return org.tusk.utils.adt.Floats.float8out(d, 1); }

    @Test
    void pointArithmetic() {
        assertEquals("31.55724956329369", f8(pt("(-3,4)").distance(pt("(5.1,34.5)"))));
        assertEquals("1.4142135623730952e-300", f8(pt("(1e-300,-1e-300)").distance(pt("(0,0)"))));
        assertEquals("(2.0999999999999996,38.5)", out(pt("(-3,4)").add(pt("(5.1,34.5)"))));
        assertEquals("(-153.3,-83.1)", out(pt("(-3,4)").mul(pt("(5.1,34.5)"))));
        assertEquals("(-0,0)", out(pt("(0,0)").mul(pt("(-3,4)"))));
        assertEquals("(9.999999999999999e-301,7e-300)", out(pt("(1e-300,-1e-300)").mul(pt("(-3,4)"))));
        PgException e = assertThrows(PgException.class, () -> pt("(1,2)").div(pt("(0,0)")));
        assertEquals("division by zero", e.getMessage());
        assertTrue(pt("(1,2)").same(pt("(1,2.0000001)")));
        assertTrue(pt("(NaN,1)").same(pt("(NaN,1)")));
        assertFalse(pt("(NaN,1)").same(pt("(1,1)")));
    }

    @Test
    void boxes() {
        Box b = box("(-2,2),(-8,-10)");
        assertEquals(72.0, b.area());
        assertEquals("(-5,-4)", out(b.center()));
        assertEquals("<(-5,-4),6.708203932499369>", GeoText.circleOut(b.toCircle(), 1));
        assertEquals("((-8,-10),(-8,2),(-2,2),(-2,-10))", GeoText.polygonOut(b.toPolygon(), 1));
        assertEquals("(0.4,1.2),(-5.6,1.2)", GeoText.boxOut(b.div(pt("(1,2)")), 1));
        assertEquals("(12,-2),(-6,-26)", GeoText.boxOut(b.mul(pt("(1,2)")), 1));
        assertTrue(box("(2,2),(0,0)").overlaps(box("(3,3),(1,1)")));
        assertEquals("(2,2),(1,1)", GeoText.boxOut(box("(2,2),(0,0)").intersect(box("(3,3),(1,1)")), 1));
        assertNull(box("(2,2),(0,0)").intersect(box("(-2,-3),(-8,-10)")));
        assertEquals(0, box("(2,2),(0,0)").compareArea(box("(3,3),(1,1)")));
        assertTrue(pt("(1,1)").equals(box("(2,2),(0,0)").closestPoint(pt("(1,1)"))));
        assertEquals("(2,2)", out(box("(2,2),(0,0)").closestPoint(pt("(10,10)"))));
    }

    @Test
    void linesAndSegments() {
        assertEquals("(-2.0689655172413794,-5.172413793103448)", out(line("{-0.4,-1,-6}").closestPoint(pt("(0,0)"))));
        assertEquals("5.570860145311557", f8(line("{-0.4,-1,-6}").distance(pt("(0,0)"))));
        assertEquals("(0.5,0.5)", out(line("[(0,0),(6,6)]").closestPoint(pt("(-3,4)"))));
        assertEquals("(1,1)", out(lseg("[(0,0),(2,2)]").intersection(lseg("[(0,2),(2,0)]"))));
        assertNull(lseg("[(0,0),(1,1)]").intersection(lseg("[(3,0),(4,1)]")));
        assertEquals("(1,1)", out(lseg("[(1,1),(2,0)]").closestPoint(pt("(0,0)"))));
        assertEquals("{1,-1,1}", GeoText.lineOut(Line.of(pt("(1,2)"), pt("(3,4)")), 1));
        assertEquals("{-1,0,1}", GeoText.lineOut(Line.of(pt("(1,2)"), pt("(1,4)")), 1));
        assertEquals("{0,-1,2}", GeoText.lineOut(Line.of(pt("(1,2)"), pt("(3,2)")), 1));
        assertTrue(line("{1,-1,0}").same(line("{2,-2,0}")));
        assertTrue(line("{0,-1,5}").parallel(line("{0,3,0}")));
        assertEquals("(-5,5)", out(line("{0,-1,5}").intersection(line("{1,0,5}"))));
        assertEquals(2.5, pt("(1,2)").slope(pt("(3,7)")));
    }

    @Test
    void pathsAndPolygons() {
        Path open = path("[(0,0),(3,0),(4,5),(1,6)]");
        assertEquals("11.261297173761166", f8(open.length()));
        assertNull(open.area());
        assertEquals(16.0, path("((1,2),(7,8),(5,6),(3,-4))").area());
        PgException e = assertThrows(PgException.class, open::toPolygon);
        assertEquals("open path cannot be converted to polygon", e.getMessage());
        assertNull(open.add(path("((1,1))")));
        Polygon tri = poly("((2,0),(2,4),(0,0))");
        assertEquals("(1.3333333333333333,1.3333333333333333)", out(tri.center()));
        assertEquals("<(1.3333333333333333,1.3333333333333333),2.0416890506363647>", GeoText.circleOut(tri.toCircle(), 1));
        assertTrue(tri.contains(pt("(1,1)")));
        assertEquals("0.5547001962252291", f8(poly("((3,1),(3,3),(1,0))").distance(pt("(1,1)"))));
        Polygon square = poly("((0,0),(0,10),(10,10),(10,0))");
        assertTrue(square.contains(tri));
        assertFalse(tri.contains(square));
        assertTrue(poly("((1,2),(3,4),(5,6),(7,8))").same(poly("((7,8),(5,6),(3,4),(1,2))")));
        assertTrue(square.overlaps(tri));
    }

    @Test
    void circles() {
        Circle c = circle("<(5,1),3>");
        assertEquals("28.274333882308138", f8(c.area()));
        assertEquals("(7.121320343559642,3.1213203435596424),(2.8786796564403576,-1.1213203435596424)",
                GeoText.boxOut(c.toBox(), 1));
        assertEquals("((2,1),(5,4),(8,1.0000000000000004),(5.000000000000001,-2))", GeoText.polygonOut(c.toPolygon(4), 1));
        assertEquals("207.51303816327962", f8(circle("<(100,200),10>").distance(c)));
        assertTrue(circle("<(1,2),100>").contains(c));
        PgException e = assertThrows(PgException.class, () -> circle("<(3,5),0>").toPolygon(12));
        assertEquals("cannot convert circle with radius zero to polygon", e.getMessage());
        e = assertThrows(PgException.class, () -> c.toPolygon(1));
        assertEquals("must request at least 2 points", e.getMessage());
    }
}
