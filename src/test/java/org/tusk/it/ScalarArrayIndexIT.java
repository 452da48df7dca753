package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code IN (...)} and {@code = ANY (array)} as B-tree index conditions through a real server:
 * the plans PostgreSQL 15 shows for them (Index Cond with the array, estimated rows), and that
 * the answers are the rows a sequential scan finds, without duplicates, in index order.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ScalarArrayIndexIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table tin (id int primary key, v text)");
            s.execute("insert into tin select g, 'v' || g from generate_series(1, 30000) g");
            s.execute("analyze tin");
            s.execute("create table pr (a int, b int, c text, primary key (a, b))");
            s.execute("insert into pr select g % 100, g / 100, 'c' || g from generate_series(0, 19999) g");
            s.execute("analyze pr");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return collect(rs);
        }
    }

    private static List<String> collect(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
            out.add(sb.toString());
        }
        return out;
    }

    private static String plan(Connection c, String q) throws SQLException {
        return String.join("\n", rows(c, "explain (costs off) " + q));
    }

    @Test
    void inListOnThePrimaryKeyIsAnIndexScanOfThreeRows() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from tin where id in (1,2,3)";
            assertEquals("""
                    Index Scan using tin_pkey on tin
                      Index Cond: (id = ANY ('{1,2,3}'::integer[]))""", plan(c, q));
            String costed = rows(c, "explain " + q).get(0);
            assertTrue(costed.startsWith("Index Scan using tin_pkey on tin") && costed.contains(" rows=3 "), costed);
            assertEquals(List.of("1|v1", "2|v2", "3|v3"), rows(c, q));
        }
    }

    @Test
    void duplicatesAndNullsInTheListReturnEachRowOnceInIndexOrder() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select id from tin where id in (70, 3, null, 42, 3, 29999, 200000)";
            assertTrue(plan(c, q).contains("Index Cond: (id = ANY ('{70,3,NULL,42,3,29999,200000}'::integer[]))"), plan(c, q));
            assertEquals(List.of("3", "42", "70", "29999"), rows(c, q));
            // a list of nothing but NULLs matches nothing
            assertEquals(List.of(), rows(c, "select id from tin where id = any ('{NULL,NULL}'::int[])"));
        }
    }

    @Test
    void descendingOrderIsABackwardScanWithoutSort() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select id, v from tin where id in (5, 300, 17, 5) order by id desc";
            assertEquals("""
                    Index Scan Backward using tin_pkey on tin
                      Index Cond: (id = ANY ('{5,300,17,5}'::integer[]))""", plan(c, q));
            assertEquals(List.of("300|v300", "17|v17", "5|v5"), rows(c, q));
            // reading only the key: index-only, still backward
            String only = "select id from tin where id in (5, 300, 17, 5) order by id desc";
            assertEquals("""
                    Index Only Scan Backward using tin_pkey on tin
                      Index Cond: (id = ANY ('{5,300,17,5}'::integer[]))""", plan(c, only));
            assertEquals(List.of("300", "17", "5"), rows(c, only));
        }
    }

    @Test
    void anyOnTheSecondColumnOfAMultiColumnIndex() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select a, b, c from pr where a = 3 and b in (5, 7, 5, null)";
            // PostgreSQL 15 reads the three rows through a bitmap (b's values are scattered over the heap)
            assertEquals("""
                    Bitmap Heap Scan on pr
                      Recheck Cond: ((a = 3) AND (b = ANY ('{5,7,5,NULL}'::integer[])))
                      ->  Bitmap Index Scan on pr_pkey
                            Index Cond: ((a = 3) AND (b = ANY ('{5,7,5,NULL}'::integer[])))""", plan(c, q));
            assertEquals(List.of("3|5|c503", "3|7|c703"), rows(c, q));
            // arrays on both columns: every combination; PostgreSQL 15 reads them through a bitmap (heap order)
            String both = "select a, b from pr where a in (4, 3) and b in (7, 5)";
            assertEquals(List.of("3|5", "4|5", "3|7", "4|7"), rows(c, both));
            // and an index scan returns them in index order
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("set enable_bitmapscan = off");
                try {
                    assertEquals(List.of("3|5", "3|7", "4|5", "4|7"), rows(c, both));
                } finally {
                    s.execute("reset enable_bitmapscan");
                }
            }
        }
    }

    @Test
    void bitmapScanOrsTheElementsTids() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_indexscan = off");
            String q = "select id from tin where id in (5, 3, 5, 24000)";
            assertEquals("""
                    Bitmap Heap Scan on tin
                      Recheck Cond: (id = ANY ('{5,3,5,24000}'::integer[]))
                      ->  Bitmap Index Scan on tin_pkey
                            Index Cond: (id = ANY ('{5,3,5,24000}'::integer[]))""", plan(c, q));
            assertEquals(List.of("3", "5", "24000"), rows(c, q));
        }
    }

    @Test
    void notEqualAllStaysAFilter() throws Exception {
        try (Connection c = server.connect()) {
            String p = plan(c, "select id from tin where id <> all ('{1,2}') and v = 'v3'");
            assertTrue(p.startsWith("Seq Scan on tin") && p.contains("Filter: ((id <> ALL ('{1,2}'::integer[])) AND (v = 'v3'::text))"), p);
            assertEquals(List.of("3"), rows(c, "select id from tin where id <> all ('{1,2}') and v = 'v3'"));
        }
    }

    @Test
    void preparedStatementWithParametersInTheArray() throws Exception {
        try (Connection c = server.connect();
             PreparedStatement ps = c.prepareStatement("select id, v from tin where id = any (array[?, ?]) order by id")) {
            // enough executions for the driver to switch to a named server-side statement
            for (int i = 0; i < 8; i++) {
                ps.setInt(1, 900 + i);
                ps.setInt(2, 10 + i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertEquals(List.of((10 + i) + "|v" + (10 + i), (900 + i) + "|v" + (900 + i)), collect(rs));
                }
            }
            try (PreparedStatement arr = c.prepareStatement("select id from tin where id = any (?)")) {
                arr.setArray(1, c.createArrayOf("int4", new Integer[] {8, null, 2, 8}));
                try (ResultSet rs = arr.executeQuery()) {
                    assertEquals(List.of("2", "8"), collect(rs));
                }
            }
        }
    }
}
