package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PGobject;

/**
 * time with time zone, bit, bit varying and money as pgjdbc writes and reads them, in text and,
 * with binaryTransferEnable naming the four types and server-side prepared statements from the
 * first execution, in binary (timetz_send/recv, bit_send/recv, cash_send/recv).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TimeTzBitMoneyIT {
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    private static Connection binaryConnection() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "tusk");   // TuskServer.start()'s trust-authenticated superuser
        p.setProperty("sslResponseTimeout", "20000");
        p.setProperty("prepareThreshold", "-1");
        p.setProperty("binaryTransferEnable", "1266,1560,1562,790");
        return DriverManager.getConnection(server.jdbcUrl(), p);
    }

    private static PGobject obj(String type, String value) throws Exception {
        PGobject o = new PGobject();
        o.setType(type);
        o.setValue(value);
        return o;
    }

    private void roundTrip(Connection c, String table, boolean binary) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("create table " + table + " (id int, t timetz, b bit(4), v varbit(8), m money)");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + table + " values (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < 6; i++) {
                ps.setInt(1, i);
                ps.setObject(2, obj("timetz", "12:30:0" + i + ".25-05"));
                ps.setObject(3, obj("bit", i % 2 == 0 ? "1010" : "0101"));
                ps.setObject(4, obj("varbit", "1".repeat(i + 1)));
                ps.setObject(5, obj("money", "$1,234.5" + i));
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("select t, b, v, m, (t + interval '1 hour')::text, b & ?, m * 2, t::text from " + table
                + " where id = ?")) {
            for (int i = 0; i < 6; i++) {
                ps.setObject(1, obj("bit", "0110"));
                ps.setInt(2, i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertTrue(OffsetTime.of(12, 30, i, 250_000_000, ZoneOffset.ofHours(-5)).isEqual(rs.getObject(1, OffsetTime.class)));
                    // pgjdbc prints timetz values itself (in UTC); the server's text is checked through ::text
                    assertEquals("12:30:0" + i + ".25-05", rs.getString(8));
                    if (binary) {
                        // pgjdbc has no decoder of its own for bit and money: their send forms arrive as is
                        assertArrayEquals(new byte[] {0, 0, 0, 4, (byte) (i % 2 == 0 ? 0xa0 : 0x50)}, rs.getBytes(2));
                        assertArrayEquals(java.nio.ByteBuffer.allocate(8).putLong(123450 + i).array(), rs.getBytes(4));
                    } else {
                        assertEquals(i % 2 == 0 ? "1010" : "0101", rs.getString(2));
                        assertEquals("1".repeat(i + 1), rs.getString(3));
                        assertEquals("$1,234.5" + i, rs.getString(4));
                    }
                    assertEquals("13:30:0" + i + ".25-05", rs.getString(5));
                    if (!binary) {
                        assertEquals(i % 2 == 0 ? "0010" : "0100", rs.getString(6));
                        assertEquals(String.format("$2,469.%02d", 2 * i), rs.getString(7));
                    }
                }
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select sum(m), bit_or(b), min(t)::text, max(v) from " + table)) {
            assertTrue(rs.next());
            if (!binary) {
                assertEquals("$7,407.15", rs.getString(1));
                assertEquals("1111", rs.getString(2));
                assertEquals("111111", rs.getString(4));
            }
            assertEquals("12:30:00.25-05", rs.getString(3));
        }
    }

    @Test
    void textTransfer() throws Exception {
        try (Connection c = server.connect()) {
            roundTrip(c, "ttbm_text", false);
        }
    }

    @Test
    void binaryTransfer() throws Exception {
        try (Connection c = binaryConnection()) {
            roundTrip(c, "ttbm_binary", true);
        }
    }

    @Test
    void lengthErrorsReachTheClient() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table ttbm_len (b bit(4))");
            java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> st.execute("insert into ttbm_len values (B'101')"));
            assertEquals("22026", e.getSQLState());
            assertTrue(e.getMessage().contains("bit string length 3 does not match type bit(4)"), e.getMessage());
        }
    }
}
