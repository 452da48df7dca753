package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rows of a DISTINCT or GROUP BY node are the planner's estimate_num_groups over the keys'
 * statistics (Agg.numGroups, create_distinct_paths' numDistinctRows), not a guess of 200
 * values per key: an analyzed column holding one value makes one group, and a join above a
 * subquery grouped so sees one outer row and takes a nested loop, as PostgreSQL does.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GroupEstimateIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table j1 (id int primary key)");
            s.execute("create table j3 (id int)");
            s.execute("insert into j1 values (1), (2), (3)");
            s.execute("insert into j3 values (1), (1)");
            s.execute("analyze j1");
            s.execute("analyze j3");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void groupsFromStatistics() throws Exception {
        try (Connection c = server.connect()) {
            String distinct = Jdbc.rowsShowingNull(c, "explain select distinct id from j3").get(0);
            assertTrue(distinct.contains(" rows=1 "), distinct);
            String grouped = Jdbc.rowsShowingNull(c, "explain select id from j3 group by id").get(0);
            assertTrue(grouped.contains(" rows=1 "), grouped);
        }
    }

    @Test
    void joinOverADistinctSubquery() throws Exception {
        try (Connection c = server.connect()) {
            String sql = "select * from j1 inner join (select distinct id from j3) j3 on j1.id = j3.id";
            assertEquals(List.of("Nested Loop", "  Output: j1.id, j3.id", "  Inner Unique: true", "  Join Filter: (j1.id = j3.id)",
                    "  ->  Unique", "        Output: j3.id", "        ->  Sort", "              Output: j3.id",
                    "              Sort Key: j3.id", "              ->  Seq Scan on public.j3", "                    Output: j3.id",
                    "  ->  Seq Scan on public.j1", "        Output: j1.id"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) " + sql));
            assertEquals(List.of("1|1"), Jdbc.rowsShowingNull(c, sql));
        }
    }
}
