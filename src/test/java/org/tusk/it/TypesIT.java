package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Arrays, uuid and json/jsonb as pgjdbc uses them: getArray, createArrayOf, setObject(UUID), PGobject json. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TypesIT {
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void arraysRoundTripThroughATable() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table arr_it (id int, a int[], t text[])");
            try (PreparedStatement ps = c.prepareStatement("insert into arr_it values (?, ?, ?)")) {
                ps.setInt(1, 1);
                ps.setArray(2, c.createArrayOf("int4", new Integer[] {1, null, 3}));
                ps.setArray(3, c.createArrayOf("text", new String[] {"a b", "\"q\"", "NULL"}));
                ps.executeUpdate();
            }
            try (ResultSet rs = st.executeQuery("select a, t, a[3], array_length(a, 1) from arr_it")) {
                assertTrue(rs.next());
                Array a = rs.getArray(1);
                assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) a.getArray());
                assertArrayEquals(new String[] {"a b", "\"q\"", "NULL"}, (String[]) rs.getArray(2).getArray());
                assertEquals(3, rs.getInt(3));
                assertEquals(3, rs.getInt(4));
            }
            try (ResultSet rs = st.executeQuery("select array_agg(x order by x desc), ARRAY(select id from arr_it), '[0:1]={7,8}'::int[] "
                    + "from (values (1), (2)) v(x)")) {
                assertTrue(rs.next());
                assertArrayEquals(new Integer[] {2, 1}, (Integer[]) rs.getArray(1).getArray());
                assertArrayEquals(new Integer[] {1}, (Integer[]) rs.getArray(2).getArray());
                assertEquals("[0:1]={7,8}", rs.getString(3));
            }
        }
    }

    @Test
    void uuidParametersAndResults() throws Exception {
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table uuid_it (u uuid primary key, n int)");
            try (PreparedStatement ps = c.prepareStatement("insert into uuid_it values (?, ?)")) {
                for (int i = 0; i < 7; i++) {   // past pgjdbc's prepareThreshold, so binary transfer is used too
                    ps.setObject(1, i == 0 ? u : UUID.randomUUID());
                    ps.setInt(2, i);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select u, n from uuid_it where u = ?")) {
                for (int i = 0; i < 7; i++) {
                    ps.setObject(1, u);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(u, rs.getObject(1));
                        assertEquals(0, rs.getInt(2));
                    }
                }
            }
        }
    }

    @Test
    void jsonAndJsonbValues() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table json_it (j jsonb, t json)");
            // (PGobject needs pgjdbc's type lookup, whose query uses generate_series in FROM: casts instead)
            try (PreparedStatement ps = c.prepareStatement("insert into json_it values (?::jsonb, ?::json)")) {
                ps.setString(1, "{\"b\": [1, 2], \"a\": \"x\"}");
                ps.setString(2, "{\"b\":1,  \"a\":2}");
                ps.executeUpdate();
            }
            try (ResultSet rs = st.executeQuery("select j, t, j->>'a', j #> '{b,1}', t->'a', j @> '{\"b\":[2]}' from json_it")) {
                assertTrue(rs.next());
                assertEquals("{\"a\": \"x\", \"b\": [1, 2]}", rs.getString(1));
                assertEquals("{\"b\":1,  \"a\":2}", rs.getString(2));
                assertEquals("x", rs.getString(3));
                assertEquals("2", rs.getString(4));
                assertEquals("2", rs.getString(5));
                assertTrue(rs.getBoolean(6));
            }
            try (ResultSet rs = st.executeQuery("select j->'nope' from json_it")) {
                assertTrue(rs.next());
                assertNull(rs.getString(1));
            }
        }
    }
}
