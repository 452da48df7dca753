package org.tusk.it;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A partial index is used when the query's conditions imply its predicate, proved through the
 * AND/OR structure of both (predtest.c): {@code a < 10} implies {@code a < 20 OR a > 980}, and
 * each arm of an OR condition, with the query's other conditions, may use a different partial
 * index under a BitmapOr. The rows are those of a sequential scan.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartialIndexPredicateIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table pp(a int, b int, s text)");
            s.execute("insert into pp select i, 1000 - i, case when i % 3 = 0 then 'A' else 'C' end from generate_series(0, 999) i");
            s.execute("create index pp_a_ends on pp(a) where a < 20 or a > 980");
            s.execute("create index pp_b_open on pp(b) where s < 'B'");
            s.execute("analyze pp");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void aRangeInsideOneArmOfAnOrPredicateUsesTheIndex() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            s.execute("set enable_bitmapscan = off");
            assertEquals(List.of("Index Scan using pp_a_ends on pp", "  Index Cond: (a < 10)"),
                    Jdbc.plan(c, "select * from pp where a < 10"));
            assertEquals(List.of("Index Scan using pp_a_ends on pp", "  Index Cond: (a > 990)"),
                    Jdbc.plan(c, "select * from pp where a > 990"));
            assertEquals(10, Jdbc.rowsShowingNull(c, "select * from pp where a < 10").size());
            // a range the predicate does not cover cannot use it
            assertFalse(String.join("\n", Jdbc.plan(c, "select * from pp where a < 30")).contains("pp_a_ends"));
        }
    }

    @Test
    void eachArmOfAnOrMayUseItsOwnPartialIndex() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Bitmap Heap Scan on pp",
                    "  Recheck Cond: (((b = 11) AND (s < 'B'::text)) OR (a = 0))",
                    "  ->  BitmapOr",
                    "        ->  Bitmap Index Scan on pp_b_open",
                    "              Index Cond: (b = 11)",
                    "        ->  Bitmap Index Scan on pp_a_ends",
                    "              Index Cond: (a = 0)"),
                    Jdbc.plan(c, "select a, b from pp where (b = 11 and s < 'B') or a = 0"));
            String sql = "select a, b from pp where (b = 13 and s < 'B') or a = 0 order by a";
            List<String> viaIndexes = Jdbc.rowsShowingNull(c, sql);
            assertEquals(List.of("0|1000", "987|13"), viaIndexes);
            try (Statement s = c.createStatement()) {
                s.execute("set enable_bitmapscan = off");
                s.execute("set enable_indexscan = off");
                assertEquals(viaIndexes, Jdbc.rowsShowingNull(c, sql));
            }
        }
    }
}
