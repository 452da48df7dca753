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
 * Scan choice from the costs PostgreSQL computes once ANALYZE has run: cost_index charges the
 * heap by the index's correlation with the table's physical order (btcostestimate's
 * indexCorrelation), and the scan candidates are compared by those costs over the statistics'
 * selectivities. An index on a column stored in its order is scanned as such, one on a column
 * in random order through a bitmap (or not at all), as PostgreSQL 15 plans them; the answers
 * are the sequential scan's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class IndexCorrelationCostIT {
    private static String plan(Connection c, String sql) throws SQLException {
        return String.join("\n", TuskServer.rows(c, "explain (costs off) " + sql));
    }

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

    @Test
    void correlationDecidesBetweenIndexAndBitmapScan() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                // a: a permutation of 0..9999 scattered over the heap; b: in heap order
                s.execute("create table corr_t (a int, b int, c text)");
                s.execute("insert into corr_t select (g * 7919) % 10000, g, repeat('x', 40) from generate_series(1, 10000) g");
                s.execute("create index corr_t_a on corr_t(a)");
                s.execute("create index corr_t_b on corr_t(b)");
                s.execute("analyze corr_t");
            }
            assertEquals(List.of("t", "t"), TuskServer.rows(c,
                    "select abs(correlation) < 0.1 from pg_stats where tablename = 'corr_t' and attname = 'a'"
                            + " union all select correlation = 1 from pg_stats where tablename = 'corr_t' and attname = 'b'"));

            String ordered = "select * from corr_t where b < 300";
            assertEquals("Index Scan using corr_t_b on corr_t\n  Index Cond: (b < 300)", plan(c, ordered));
            assertEquals(bySeqScan(c, ordered), TuskServer.rows(c, ordered));

            String scattered = "select * from corr_t where a between 1000 and 1400";
            assertTrue(plan(c, scattered).startsWith("Bitmap Heap Scan on corr_t"), plan(c, scattered));
            assertEquals(bySeqScan(c, scattered).size(), TuskServer.rows(c, scattered).size());
            assertEquals(401, TuskServer.rows(c, scattered).size());

            // without bitmap scans, 401 random heap reads cost more than reading the table
            try (Statement s = c.createStatement()) {
                s.execute("set enable_bitmapscan = off");
            }
            assertEquals("Seq Scan on corr_t\n  Filter: ((a >= 1000) AND (a <= 1400))", plan(c, scattered));
            assertEquals("Index Scan using corr_t_b on corr_t\n  Index Cond: ((b >= 1000) AND (b <= 1400))",
                    plan(c, "select * from corr_t where b between 1000 and 1400"));
        }
    }
}
