package org.tusk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The visibility map, index-only scans and bitmap scans as a user sees them: EXPLAIN shows the
 * new nodes, their answers equal a sequential scan's, and the map VACUUM set (and the clearing
 * of an UPDATE) survives kill -9 of every process, through WAL replay.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IndexOnlyBitmapScanIT {
    private static String plan(Connection c, String sql) throws SQLException {
        return String.join("\n", TuskServer.rows(c, "explain (costs off) " + sql));
    }

    private static String analyzed(Connection c, String sql) throws SQLException {
        return String.join("\n", TuskServer.rows(c, "explain (analyze, costs off, timing off, summary off) " + sql));
    }

    /** The rows of {@code sql} with every index path off: a sequential scan's answer. */
    private static List<String> bySeqScan(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set enable_indexscan = off");
            s.execute("set enable_bitmapscan = off");
            try {
                return TuskServer.rows(c, sql);
            } finally {
                s.execute("reset enable_indexscan");
                s.execute("reset enable_bitmapscan");
            }
        }
    }

    private static void load(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table vt (a int, b int, c text)");
            s.execute("insert into vt select g, g % 100, 'row ' || g from generate_series(1, 10000) g");
            s.execute("create index vt_a on vt(a)");
            s.execute("create index vt_b on vt(b)");
            s.execute("vacuum analyze vt");
        }
    }

    @Test
    void newNodesAnswerAsASeqScanDoes() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            load(c);
            assertEquals(List.of("t"), TuskServer.rows(c,
                    "select relpages > 50 and relallvisible = relpages from pg_class where relname = 'vt'"));

            String ios = "select a from vt where a < 200 order by a";
            assertTrue(plan(c, ios).contains("Index Only Scan using vt_a on vt"), plan(c, ios));
            assertTrue(analyzed(c, ios).contains("Heap Fetches: 0"), analyzed(c, ios));
            assertEquals(bySeqScan(c, ios), TuskServer.rows(c, ios));

            String or = "select a, b, c from vt where a = 3 or a = 500 or b = 7 order by a";
            String p = plan(c, or);
            assertTrue(p.contains("Bitmap Heap Scan on vt") && p.contains("BitmapOr")
                    && p.contains("Recheck Cond: ((a = 3) OR (a = 500) OR (b = 7))"), p);
            assertTrue(analyzed(c, or).contains("Heap Blocks: exact="), analyzed(c, or));
            assertEquals(102, TuskServer.rows(c, or).size());
            assertEquals(bySeqScan(c, or), TuskServer.rows(c, or));
            // the bitmap heap scan computes the select list itself, as EXPLAIN VERBOSE shows
            String projected = String.join("\n", TuskServer.rows(c,
                    "explain (verbose, costs off) select a + 1, upper(c) from vt where a = 3 or a = 500"));
            assertTrue(projected.contains("Bitmap Heap Scan on public.vt\n  Output: (a + 1), upper(c)"), projected);

            String eq = "select count(*), sum(b) from vt where b = 42";
            assertTrue(plan(c, eq).contains("Index Only Scan using vt_b on vt"), plan(c, eq));
            assertEquals(bySeqScan(c, eq), TuskServer.rows(c, eq));
            try (Statement s = c.createStatement()) {
                s.execute("set enable_indexonlyscan = off");
                // b = 42 is every hundredth row: PostgreSQL 15 reads them through a bitmap, as an
                // index scan would visit a heap page per row (b's correlation is about 0)
                assertTrue(plan(c, eq).contains("Bitmap Heap Scan on vt") && plan(c, eq).contains("Bitmap Index Scan on vt_b"),
                        plan(c, eq));
                assertEquals(bySeqScan(c, eq), TuskServer.rows(c, eq));
                s.execute("set enable_indexscan = off");
                assertTrue(plan(c, eq).contains("Bitmap Heap Scan on vt") && plan(c, eq).contains("Bitmap Index Scan on vt_b"),
                        plan(c, eq));
                assertEquals(bySeqScan(c, eq), TuskServer.rows(c, eq));
                s.execute("reset enable_indexscan");
                assertEquals(bySeqScan(c, eq), TuskServer.rows(c, eq));
                s.execute("reset enable_indexonlyscan");
            }

            // Rows changed after VACUUM: their pages are fetched, and what is seen is right.
            try (Statement s = c.createStatement()) {
                s.execute("delete from vt where a between 10 and 19");
                s.execute("update vt set a = -a where a between 20 and 24");
            }
            assertTrue(!analyzed(c, ios).contains("Heap Fetches: 0"), analyzed(c, ios));
            assertEquals(bySeqScan(c, ios), TuskServer.rows(c, ios));
            assertEquals(bySeqScan(c, or), TuskServer.rows(c, or));
        }
    }

    @Test
    void theMapAndItsClearingSurviveKillDashNine() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            try (Connection c = server.connect()) {
                load(c);
                try (Statement s = c.createStatement()) {
                    s.execute("update vt set c = 'changed' where a = 5");
                }
            }
            DurabilityIT.killEverything(server);
            server.startAgain();
            try (Connection c = server.connect()) {
                String ios = "select a from vt where a < 200 order by a";
                String p = analyzed(c, ios);
                assertTrue(p.contains("Index Only Scan using vt_a on vt"), p);
                // Page 0 (a = 5) was cleared by the update and replayed so; page 1 stayed all-visible.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Heap Fetches: (\\d+)").matcher(p);
                assertTrue(m.find(), p);
                int fetches = Integer.parseInt(m.group(1));
                assertTrue(fetches > 100 && fetches < 199, p);
                assertEquals(bySeqScan(c, ios), TuskServer.rows(c, ios));
                try (Statement s = c.createStatement()) {
                    s.execute("vacuum vt");
                }
                assertTrue(analyzed(c, ios).contains("Heap Fetches: 0"), analyzed(c, ios));
                assertEquals(List.of("t"), TuskServer.rows(c,
                        "select relallvisible = relpages from pg_class where relname = 'vt'"));
            }
        }
    }
}
