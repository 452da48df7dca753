package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GiST indexes as a user sees them: over random boxes, points, circles and ranges (enough rows
 * for many page splits), every operator's index scan, bitmap scan and index-only scan returns
 * exactly the rows a sequential scan does, also after rows are added by two sessions at once
 * and after deletes and VACUUM; a kNN ORDER BY over points comes out in distance order; and an
 * EXCLUDE USING gist constraint over ranges refuses an overlapping row with PostgreSQL's 23P01.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GistIndexIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        return Jdbc.joinedRows(c, sql);
    }

    private static final List<String> QUALS = List.of(
            "b && box '(100,100),(300,250)'", "b <@ box '(0,0),(400,400)'", "b @> box '(50,50),(51,51)'",
            "b << box '(200,0),(210,10)'", "b >> box '(700,0),(710,10)'", "b &< box '(500,0),(510,10)'",
            "b <<| box '(0,300),(10,310)'", "b |>> box '(0,700),(10,710)'", "b ~= box '(10,10),(20,20)'",
            "p <@ box '(0,0),(250,250)'", "box '(0,0),(250,250)' @> p", "p << point '(100,0)'", "p >> point '(900,0)'",
            "p <<| point '(0,100)'", "p |>> point '(0,900)'", "p ~= point '(5,5)'",
            "p <@ circle '<(500,500),120>'", "p <@ polygon '((0,0),(0,500),(500,500),(250,250),(500,0))'",
            "c && circle '<(400,400),50>'", "c @> circle '<(300,300),1>'", "c << circle '<(200,0),5>'",
            "r && int4range(100, 300)", "r @> 450", "r <@ int4range(0, 2000)", "r << int4range(500, 600)",
            "r -|- int4range(100, 200)", "r = int4range(10, 20)", "b is null", "p is not null");

    private static void fill(Statement s, int from, int to) throws SQLException {
        s.execute("insert into g select i, box(point(x, y), point(x + w, y + h)), point(x, y), circle(point(x, y), w),"
                + " int4range(i % 1000, i % 1000 + (i % 37) + 1) from (select i, (i::bigint * 7919) % 1000 as x,"
                + " (i::bigint * 104729) % 1000 as y, i % 13 as w, i % 17 as h from generate_series(" + from + ", " + to + ") i) s");
    }

    private static String count(Connection c, String mode, String qual) throws SQLException {
        one(c, "select set_config('enable_seqscan', '" + (mode.equals("seq") ? "on" : "off") + "', false)");
        one(c, "select set_config('enable_indexscan', '" + (mode.equals("index") ? "on" : "off") + "', false)");
        one(c, "select set_config('enable_bitmapscan', '" + (mode.equals("bitmap") ? "on" : "off") + "', false)");
        return one(c, "select count(*), coalesce(sum(id), 0) from g where " + qual);
    }

    private static void assertSameAsSeqScan(Connection c) throws SQLException {
        for (String q : QUALS) {
            String seq = count(c, "seq", q);
            assertEquals(seq, count(c, "index", q), "index scan: " + q);
            assertEquals(seq, count(c, "bitmap", q), "bitmap scan: " + q);
        }
        Jdbc.exec(c, "reset enable_seqscan");
        Jdbc.exec(c, "reset enable_indexscan");
        Jdbc.exec(c, "reset enable_bitmapscan");
    }

    @Test
    void indexScansReturnWhatSequentialScansDo() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect(); Statement s = a.createStatement()) {
            s.execute("create table g (id int, b box, p point, c circle, r int4range)");
            fill(s, 1, 3000);
            s.execute("insert into g values (0, null, null, null, null)");
            s.execute("create index g_b on g using gist (b)");
            s.execute("create index g_p on g using gist (p)");
            s.execute("create index g_c on g using gist (c)");
            s.execute("create index g_r on g using gist (r)");
            assertSameAsSeqScan(a);
            // index-only scans over box_ops and point_ops
            Jdbc.exec(a, "set enable_seqscan = off");
            Jdbc.exec(a, "set enable_bitmapscan = off");
            String plan = one(a, "explain (costs off) select count(*) from g where p <@ box '(0,0),(250,250)'");
            assertTrue(plan.contains("Index Only Scan using g_p on g"), plan);
            assertEquals(one(a, "select count(*) from g where p <@ box '(0,0),(250,250)'"),
                    one(a, "select count(*) from (select p from g offset 0) x where p <@ box '(0,0),(250,250)'"));
            Jdbc.exec(a, "reset enable_seqscan");
            Jdbc.exec(a, "reset enable_bitmapscan");
            // two sessions inserting at once split pages under each other's scans
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try (Statement t = b.createStatement()) {
                    for (int k = 0; k < 10; k++) fill(t, 10000 + k * 300, 10000 + k * 300 + 299);
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            for (int k = 0; k < 10; k++) fill(s, 20000 + k * 300, 20000 + k * 300 + 299);
            other.get(120, TimeUnit.SECONDS);
            assertSameAsSeqScan(a);
            s.execute("delete from g where id % 3 = 0");
            s.execute("vacuum g");
            assertSameAsSeqScan(a);
        }
    }

    @Test
    void nearestNeighbourScanComesInDistanceOrder() throws Exception {
        try (Connection a = server.connect(); Statement s = a.createStatement()) {
            s.execute("create table k (id int, p point, g polygon, c circle)");
            s.execute("insert into k select i, point(x, y), polygon(box(point(x, y), point(x + i % 7, y + i % 11))),"
                    + " circle(point(x, y), i % 9) from (select i, (i * 7919) % 1000 as x, (i * 104729) % 1000 as y"
                    + " from generate_series(1, 2000) i) s");
            s.execute("create index k_p on k using gist (p)");
            s.execute("create index k_g on k using gist (g)");
            s.execute("create index k_c on k using gist (c)");
            for (String q : List.of("select p <-> point '(500,500)' from k order by p <-> point '(500,500)' limit 50",
                    "select p <-> point '(500,500)' from k where p <@ box '(0,0),(600,600)' order by p <-> point '(500,500)' limit 40",
                    "select g <-> point '(300,700)' from k order by g <-> point '(300,700)' limit 60",
                    "select c <-> point '(10,990)' from k order by c <-> point '(10,990)' limit 60")) {
                Jdbc.exec(a, "set enable_indexscan = off");
                String expected = one(a, q);
                Jdbc.exec(a, "reset enable_indexscan");
                Jdbc.exec(a, "set enable_seqscan = off");
                String plan = one(a, "explain (costs off) " + q);
                assertTrue(plan.contains("Order By: "), plan);
                assertEquals(expected, one(a, q), q);
                Jdbc.exec(a, "reset enable_seqscan");
            }
        }
    }

    @Test
    void exclusionConstraintOverRangesRefusesAnOverlap() throws Exception {
        try (Connection a = server.connect(); Statement s = a.createStatement()) {
            s.execute("create table booking (room int, during int4range, exclude using gist (during with &&))");
            s.execute("insert into booking values (1, '[1,2]'), (2, '[5,7)')");
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> s.execute("insert into booking values (3, '[2,4]')"));
            assertEquals("23P01", e.getSQLState());
            assertTrue(e.getMessage().contains("conflicting key value violates exclusion constraint \"booking_during_excl\""),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Key (during)=([2,5)) conflicts with existing key (during)=([1,3))."),
                    e.getMessage());
            s.execute("insert into booking values (4, '[3,5)')");
            assertEquals("3", one(a, "select count(*) from booking"));
        }
    }
}
