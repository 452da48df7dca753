package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What ANALYZE stores for a column (most common values, histogram bounds, correlation) as the
 * pg_stats view shows it, and the scan row estimates EXPLAIN prints from them: each expected
 * value is what PostgreSQL 15 shows for the same table (the whole table is the sample, so its
 * statistics are deterministic).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ColumnStatisticsIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table cs (a int, b text, c float8, d int)");
            s.execute("insert into cs select i, 'v' || (i % 7), i % 13 * 1.5, case when i % 5 = 0 then null else i % 250 end"
                    + " from generate_series(1, 3000) i");
            s.execute("analyze cs");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        return Jdbc.rowsShowingNull(c, sql);
    }

    /** The rows EXPLAIN estimates for the top node of {@code sql}'s plan. */
    private static long estimate(Connection c, String sql) throws Exception {
        String top = rows(c, "explain " + sql).get(0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rows=(\\d+)").matcher(top);
        if (!m.find()) throw new AssertionError("no estimate in " + top);
        return Long.parseLong(m.group(1));
    }

    @Test
    void analyzeGathersStatisticsOfIndexExpressionColumns() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table cx (a int, b text)",
                    "insert into cx select g, 'X' || (g % 10) from generate_series(1, 1000) g",
                    "create index cx_plain on cx (a)", "create index cx_lower on cx (a, lower(b))",
                    "create index cx_part on cx ((a % 7)) where a > 500", "create index cx_none on cx ((a * 2)) where a < 0",
                    "analyze cx");
            // the expression columns only (as compute_index_stats), a partial index's from the rows it admits
            assertEquals(List.of("cx_lower|lower|0|10|{x0,x1,x2,x3,x4,x5,x6,x7,x8,x9}", "cx_part|expr|0|7|{4,5,6,0,1,2,3}"),
                    rows(c, "select tablename, attname, null_frac, n_distinct, most_common_vals from pg_stats"
                            + " where tablename like 'cx_%' order by 1, 2"));
            // REINDEX CONCURRENTLY carries them to the new index (CopyStatistics); DROP INDEX removes them
            Jdbc.exec(c, "reindex index concurrently cx_lower");
            assertEquals(List.of("cx_lower|1"), rows(c, "select starelid::regclass, count(*) from pg_statistic"
                    + " where starelid = 'cx_lower'::regclass group by 1"));
            long oid = Long.parseLong(rows(c, "select 'cx_lower'::regclass::oid").get(0));
            Jdbc.exec(c, "drop index cx_lower");
            assertEquals(List.of("0"), rows(c, "select count(*) from pg_statistic where starelid = " + oid));
            Jdbc.exec(c, "drop table cx");
        }
    }

    @Test
    void pgStatsShowsMostCommonValuesHistogramAndCorrelation() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "a|0|4|-1|null|null|101|1",
                    "b|0|3|7|{v1,v2,v3,v4,v0,v5,v6}|{0.143,0.143,0.143,0.143,0.14266667,0.14266667,0.14266667}|null|0.1428581",
                    "c|0|8|13|{1.5,3,4.5,6,7.5,9,10.5,12,13.5,15,0,16.5,18}|13|null|0.07861934",
                    "d|0.2|4|200|100|100|100|0.08829654"),
                    rows(c, "select attname, null_frac, avg_width, n_distinct,"
                            + " case when attname = 'd' then array_length(most_common_vals::text::int[], 1)::text else most_common_vals::text end,"
                            + " case when attname in ('c', 'd') then array_length(most_common_freqs, 1)::text else most_common_freqs::text end,"
                            + " array_length(histogram_bounds::text::int[], 1), correlation"
                            + " from pg_stats where tablename = 'cs' order by attname"));
            assertEquals(List.of("{1,30,60}|{2940,2970,3000}"),
                    rows(c, "select (histogram_bounds::text::int[])[1:3], (histogram_bounds::text::int[])[99:101]"
                            + " from pg_stats where tablename = 'cs' and attname = 'a'"));
            // a: histogram (<, int4lt 97) and correlation; b: MCV (=, texteq 98, default collation 100) and correlation (<, text_lt 664)
            assertEquals(List.of("1|97|0|3|97|0|0", "2|98|100|3|664|0|0"),
                    rows(c, "select staattnum, staop1, stacoll1, stakind2, staop2, stakind3, staop3 from pg_statistic"
                            + " where starelid = 'cs'::regclass and staattnum in (1, 2) order by 1"));
        }
    }

    @Test
    void scanEstimatesUseTheStatistics() throws Exception {
        try (Connection c = server.connect()) {
            // a histogram interpolation, an MCV hit, an MCV miss, a null fraction, a range pair, <> over MCVs
            assertEquals(99, estimate(c, "select * from cs where a < 100"));
            assertEquals(429, estimate(c, "select * from cs where b = 'v3'"));
            assertEquals(1, estimate(c, "select * from cs where b = 'zz'"));
            assertEquals(600, estimate(c, "select * from cs where d is null"));
            assertEquals(201, estimate(c, "select * from cs where a between 1000 and 1200"));
            assertEquals(2769, estimate(c, "select * from cs where c <> 4.5"));
        }
    }

    @Test
    void analyzeOfAPartitionedTableAnalyzesItsPartitionsAndTheWholeTree() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table cs_p (a int, b text) partition by range (a)");
            s.execute("create table cs_p1 partition of cs_p for values from (0) to (10)");
            s.execute("create table cs_p2 partition of cs_p for values from (10) to (100)");
            s.execute("insert into cs_p select g, 'x' || (g % 3) from generate_series(0, 50) g");
            s.execute("analyze cs_p");
            // as PostgreSQL 15: the partitions get their own pages and rows, the partitioned table
            // the whole tree's rows (it has no pages), and pg_stats an inherited row for it
            assertEquals(List.of("cs_p|-1|51", "cs_p1|1|10", "cs_p2|1|41"), Jdbc.rowsShowingNull(c,
                    "select relname, relpages, reltuples from pg_class where relname like 'cs\\_p%' order by 1"));
            assertEquals(List.of("cs_p|a|t|-1|0", "cs_p|b|t|3|0", "cs_p1|a|f|-1|0", "cs_p1|b|f|-0.3|0", "cs_p2|a|f|-1|0",
                            "cs_p2|b|f|3|0"), Jdbc.rowsShowingNull(c, "select tablename, attname, inherited, n_distinct, null_frac "
                            + "from pg_stats where tablename like 'cs\\_p%' order by 1, 2"));
            // ANALYZE without names takes the partitioned tables too
            s.execute("create table cs_q (a int) partition by list (a)");
            s.execute("create table cs_q1 partition of cs_q for values in (1, 2)");
            s.execute("insert into cs_q select 1 + g % 2 from generate_series(1, 20) g");
            s.execute("analyze");
            assertEquals(List.of("cs_q|-1|20", "cs_q1|1|20"), Jdbc.rowsShowingNull(c,
                    "select relname, relpages, reltuples from pg_class where relname like 'cs\\_q%' order by 1"));
            assertEquals(List.of("cs_q|t|2", "cs_q1|f|2"), Jdbc.rowsShowingNull(c,
                    "select tablename, inherited, n_distinct from pg_stats where tablename like 'cs\\_q%' order by 1"));
        }
    }
}
