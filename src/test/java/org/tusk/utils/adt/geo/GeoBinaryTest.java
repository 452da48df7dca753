package org.tusk.utils.adt.geo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The on-disk struct layouts (geo_decls.h) and the send/recv wire forms. */
class GeoBinaryTest {
    @Test
    void pointStructIsTwoNativeDoubles() {
        byte[] b = GeoBinary.fixedToDisk(new Point(1.5, -2));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(16, b.length);
        assertEquals(1.5, bb.getDouble());
        assertEquals(-2.0, bb.getDouble());
        assertEquals(new Point(1.5, -2), GeoBinary.fixedFromDisk(600, b));
    }

    @Test
    void fixedLayoutsRoundTrip() {
        Box box = GeoText.boxIn("(1,2),(3,4)");
        byte[] b = GeoBinary.fixedToDisk(box);
        assertEquals(32, b.length);
        // high corner first
        assertEquals(3.0, ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getDouble());
        assertEquals(box, GeoBinary.fixedFromDisk(603, b));
        Circle c = GeoText.circleIn("<(1,2),3>");
        assertEquals(24, GeoBinary.fixedToDisk(c).length);
        assertEquals(c, GeoBinary.fixedFromDisk(718, GeoBinary.fixedToDisk(c)));
        Line l = GeoText.lineIn("{1,2,3}");
        assertEquals(l, GeoBinary.fixedFromDisk(628, GeoBinary.fixedToDisk(l)));
        Lseg s = GeoText.lsegIn("[(1,2),(3,4)]");
        assertEquals(s, GeoBinary.fixedFromDisk(601, GeoBinary.fixedToDisk(s)));
    }

    @Test
    void varlenaLayouts() {
        Path p = GeoText.pathIn("[(1,2),(3,4)]");
        byte[] b = GeoBinary.pathToDisk(p);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(12 + 32, b.length);
        assertEquals(2, bb.getInt());
        assertEquals(0, bb.getInt());   // open
        assertEquals(0, bb.getInt());   // padding
        assertEquals(1.0, bb.getDouble());
        assertEquals(p, GeoBinary.pathFromDisk(b));
        Polygon poly = GeoText.polygonIn("((0,0),(2,0),(1,3))");
        b = GeoBinary.polygonToDisk(poly);
        bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        assertEquals(4 + 32 + 48, b.length);
        assertEquals(3, bb.getInt());
        assertEquals(2.0, bb.getDouble());   // boundbox.high.x
        assertEquals(3.0, bb.getDouble());   // boundbox.high.y
        Polygon back = GeoBinary.polygonFromDisk(b);
        assertEquals(poly, back);
        assertEquals(poly.boundbox(), back.boundbox());
    }

    @Test
    void wireForms() {
        assertArrayEquals(ByteBuffer.allocate(16).putDouble(1).putDouble(2).array(), GeoBinary.send(new Point(1, 2)));
        Path p = GeoText.pathIn("((1,2),(3,4))");
        byte[] w = GeoBinary.send(p);
        assertEquals(1, w[0]);
        assertEquals(2, ByteBuffer.wrap(w, 1, 4).getInt());
        assertEquals(p, GeoBinary.recv(602, w));
        // box_recv reorders the corners
        byte[] boxWire = ByteBuffer.allocate(32).putDouble(0).putDouble(0).putDouble(2).putDouble(2).array();
        assertEquals(GeoText.boxIn("(2,2),(0,0)"), GeoBinary.recv(603, boxWire));
        Polygon poly = (Polygon) GeoBinary.recv(604, GeoBinary.send(GeoText.polygonIn("((0,0),(2,0),(1,3))")));
        assertEquals(GeoText.boxIn("(2,3),(0,0)"), poly.boundbox());
        byte[] badCircle = ByteBuffer.allocate(24).putDouble(0).putDouble(0).putDouble(-1).array();
        PgException e = assertThrows(PgException.class, () -> GeoBinary.recv(718, badCircle));
        assertEquals("invalid radius in external \"circle\" value", e.getMessage());
        byte[] badPath = ByteBuffer.allocate(5).put((byte) 0).putInt(0).array();
        e = assertThrows(PgException.class, () -> GeoBinary.recv(602, badPath));
        assertEquals("invalid number of points in external \"path\" value", e.getMessage());
    }

    @Test
    void rawSubscripts() {
        assertEquals(1.0, GeoSubscript.element(new Point(1, 2), 0));
        assertEquals(2.0, GeoSubscript.element(new Point(1, 2), 1));
        assertEquals(null, GeoSubscript.element(new Point(1, 2), 2));
        assertEquals(new Point(3, 4), GeoSubscript.element(GeoText.boxIn("(1,2),(3,4)"), 0));
        assertEquals(3.0, GeoSubscript.element(GeoText.lineIn("{1,2,3}"), 2));
    }
}
