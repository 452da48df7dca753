package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * planagg.c through a real server: MIN/MAX over an indexed column becomes an InitPlan reading
 * the first row of an index scan (backwards for MAX), with the rows the plain aggregate gives,
 * and stays a plain aggregate where no index helps or the aggregate has a FILTER.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MinMaxAggregateIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table mm (a int, b int, c int)");
            // every ninth a is null (99 among them, so max(a) below 100 is 98)
            s.execute("insert into mm select case when g % 9 = 0 then null else g end, g % 10, g "
                    + "from generate_series(1, 5000) g");
            s.execute("create index mm_a on mm (a)");
            s.execute("create index mm_ba on mm (b, a)");
            s.execute("vacuum analyze mm");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String plan(Connection c, String q) throws SQLException {
        return String.join("\n", Jdbc.rowsShowingNull(c, "explain (costs off) " + q));
    }

    /** The query's rows computed by a plain Aggregate (index scans off, so no rewrite pays). */
    private static List<String> aggregated(Connection c, String q) throws SQLException {
        Jdbc.exec(c, "set enable_indexscan = off", "set enable_indexonlyscan = off", "set enable_bitmapscan = off");
        try {
            return Jdbc.rowsShowingNull(c, q);
        } finally {
            Jdbc.exec(c, "reset enable_indexscan", "reset enable_indexonlyscan", "reset enable_bitmapscan");
        }
    }

    @Test
    void maxReadsTheLastIndexEntry() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select max(a) from mm";
            String p = plan(c, q);
            assertTrue(p.startsWith("""
                    Result
                      InitPlan 1 (returns $0)
                        ->  Limit
                              ->  Index Only Scan Backward using mm_a on mm
                                    Index Cond: (a IS NOT NULL)"""), p);
            assertEquals(List.of("5000"), Jdbc.rowsShowingNull(c, q));
            assertEquals(aggregated(c, q), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void minAndMaxWithWhereAndHaving() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select min(a), max(a) + 1 from mm where a < 100 having max(a) > 5";
            String p = plan(c, q);
            assertTrue(p.contains("InitPlan 1 (returns $0)") && p.contains("InitPlan 2 (returns $1)"), p);
            assertTrue(p.contains("Index Only Scan using mm_a on mm")
                    && p.contains("Index Cond: ((a IS NOT NULL) AND (a < 100))"), p);
            assertFalse(p.contains("Aggregate"), p);
            assertEquals(List.of("1|99"), Jdbc.rowsShowingNull(c, q));
            assertEquals(aggregated(c, q), Jdbc.rowsShowingNull(c, q));
            // HAVING false: no row, as from the aggregate
            String none = "select max(a) from mm where a < 100 having max(a) > 500";
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, none));
        }
    }

    @Test
    void equalityOnALeadingColumnUsesTheMultiColumnIndex() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select max(a) from mm where b = 3";
            String p = plan(c, q);
            assertTrue(p.contains("Index Only Scan Backward using mm_ba on mm")
                    && p.contains("Index Cond: ((b = 3) AND (a IS NOT NULL))"), p);
            assertEquals(aggregated(c, q), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void noRowsGiveNull() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("null|null"), Jdbc.rowsShowingNull(c, "select min(a), max(a) from mm where a > 100000"));
        }
    }

    @Test
    void staysAnAggregateWithoutAUsefulIndexOrWithFilter() throws Exception {
        try (Connection c = server.connect()) {
            String p = plan(c, "select max(c) from mm");
            assertTrue(p.startsWith("Aggregate"), p);
            p = plan(c, "select max(a) filter (where b = 1) from mm");
            assertTrue(p.startsWith("Aggregate"), p);
            p = plan(c, "select max(a), count(*) from mm");
            assertTrue(p.startsWith("Aggregate"), p);
        }
    }
}
