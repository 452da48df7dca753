package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backend keeps the statistics it planned with on its relcache entry; an ANALYZE in another
 * session must reach its next plan (the relcache invalidation ANALYZE sends drops them).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StatisticsInvalidationIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void anotherSessionsAnalyzeReachesTheNextPlan() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect(); Statement sb = b.createStatement()) {
            sb.execute("create table stinv (c int, pad text)");
            sb.execute("insert into stinv select 1, repeat('x', 100) from generate_series(1, 5000)");
            sb.execute("create index stinv_c on stinv (c)");
            sb.execute("analyze stinv");
            // c = 2 matches nothing the statistics know of: an index scan
            String before = Jdbc.joinedRows(a, "explain (costs off) select * from stinv where c = 2");
            assertTrue(before.contains("stinv_c"), before);
            sb.execute("update stinv set c = 2");
            sb.execute("vacuum analyze stinv");
            // now every row has c = 2: a sequential scan, planned by the session that cached the old statistics
            String after = Jdbc.joinedRows(a, "explain (costs off) select * from stinv where c = 2");
            assertTrue(after.contains("Seq Scan on stinv"), after);
        }
    }
}
