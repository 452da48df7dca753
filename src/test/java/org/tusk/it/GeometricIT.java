package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;

/**
 * The geometric types on a real server: table columns of every type stored and read back
 * (also through COPY and after a restart, so the on-disk form is what is read), operators in
 * WHERE, raw subscripts, the ORDER BY error for point, and binary results and parameters.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GeometricIT extends OneServerPerClass {

    @Test
    void storedValuesSurviveCopyAndRestart() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE shapes (id int, p point, s lseg, pa path, b box, po polygon, l line, ci circle, ps point[])",
                    "INSERT INTO shapes VALUES (1, '(1,2)', '[(0,0),(3,4)]', '[(0,0),(3,4),(5,5)]', '(2,2),(0,0)', "
                            + "'((0,0),(4,0),(0,4))', '{1,-1,0}', '<(1,1),2>', '{\"(1,2)\",\"(3,4)\"}')");
            ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn("COPY shapes (id, p, pa, b) FROM STDIN",
                    new StringReader("2\t(NaN,Infinity)\t((1,1),(2,2),(3,1))\t(0,0),(-1,-1)\n3\t(-3.5,1e-300)\t\\N\t(1,1),(1,1)\n"));
        }
        server.stop("fast");
        server.startAgain();
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "1|(1,2)|[(0,0),(3,4)]|[(0,0),(3,4),(5,5)]|(2,2),(0,0)|((0,0),(4,0),(0,4))|{1,-1,0}|<(1,1),2>|{\"(1,2)\",\"(3,4)\"}",
                    "2|(NaN,Infinity)|null|((1,1),(2,2),(3,1))|(0,0),(-1,-1)|null|null|null|null",
                    "3|(-3.5,1e-300)|null|null|(1,1),(1,1)|null|null|null|null"),
                    rowsShowingNull(c, "SELECT * FROM shapes ORDER BY id"));
            assertEquals(List.of("1|5|t|8|t"), rowsShowingNull(c, "SELECT id, @-@ s, p <@ b, area(po::path), po @> p FROM shapes WHERE id = 1"));
            assertEquals(List.of("1", "3"), rowsShowingNull(c, "SELECT id FROM shapes WHERE b && box '(1,1),(5,5)' ORDER BY id"));
            assertEquals(List.of("1|2|(0,0)"), rowsShowingNull(c, "SELECT id, p[1], (b[1]) FROM shapes WHERE id = 1"));
            org.postgresql.util.PSQLException e = assertThrows(org.postgresql.util.PSQLException.class,
                    () -> rowsShowingNull(c, "SELECT p FROM shapes ORDER BY p"));
            assertEquals("42883", e.getSQLState());
            e = assertThrows(org.postgresql.util.PSQLException.class, () -> rowsShowingNull(c, "SELECT b, count(*) FROM shapes GROUP BY b"));
            assertEquals("could not identify an equality operator for type box", e.getServerErrorMessage().getMessage());
            assertEquals(List.of("{(1,1),(0,0);(3,3),(2,2)}|(3,3),(2,2)"),
                    rowsShowingNull(c, "SELECT v, v[2] FROM (SELECT '{(0,0),(1,1);(2,2),(3,3)}'::box[] AS v) s"));
            assertEquals(List.of("2"), rowsShowingNull(c, "SELECT count(*) FROM shapes WHERE p <-> point '(0,0)' < 100 OR p[0] <> p[0]"));
        }
    }

    @Test
    void binaryResultsAndParameters() throws Exception {
        // prepareThreshold=-1: pgjdbc binds parameters and asks for results in binary for the types it
        // knows, point and box among them (point_send/point_recv, box_send/box_recv)
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl() + (server.jdbcUrl().contains("?") ? "&" : "?")
                + "prepareThreshold=-1&binaryTransfer=true", server.user(), null)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::point + point '(0.5,1)', box(?::point, point '(0,0)')")) {
                ps.setObject(1, new org.postgresql.geometric.PGpoint(0.1, -2));
                ps.setObject(2, new org.postgresql.geometric.PGpoint(3, 4));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(new org.postgresql.geometric.PGpoint(0.6, -1), rs.getObject(1));
                    assertEquals(new org.postgresql.geometric.PGbox(3, 4, 0, 0), rs.getObject(2));
                }
            }
        }
        assertArrayEquals(ByteBuffer.allocate(16).putDouble(0.1).putDouble(-2).array(),
                org.tusk.utils.adt.geo.GeoBinary.send(org.tusk.utils.adt.geo.GeoText.pointIn("(0.1,-2)")));
    }
}
