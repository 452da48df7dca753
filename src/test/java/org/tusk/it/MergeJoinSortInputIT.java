package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A merge join key that is an expression is computed by the scan below the Sort, as a
 * PostgreSQL scan projects the sort input (make_sort_from_pathkeys adding the key to its input's
 * target list): EXPLAIN VERBOSE shows it in the scan's Output, and the join still finds its rows.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MergeJoinSortInputIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table a (q1 int8, q2 int8)");
            s.execute("create table b (q1 int8, q2 int8)");
            s.execute("insert into a values (1, 1), (2, 5), (3, 7)");
            s.execute("insert into b values (null, 0), (5, 0), (9, 0)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void sortKeyExpressionComputedByTheScan() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_hashjoin = off");
            s.execute("set enable_nestloop = off");
            String sql = "select a.q2, b.q1 from a left join b on a.q2 = coalesce(b.q1, 1) where coalesce(b.q1, 1) > 0";
            List<String> plan = Jdbc.rowsShowingNull(c, "explain (verbose, costs off) " + sql);
            assertEquals(List.of("  ->  Sort", "        Output: b.q1, (COALESCE(b.q1, '1'::bigint))",
                    "        Sort Key: (COALESCE(b.q1, '1'::bigint))", "        ->  Seq Scan on public.b",
                    "              Output: b.q1, COALESCE(b.q1, '1'::bigint)"), plan.subList(plan.size() - 5, plan.size()));
            assertEquals(List.of("1|null", "5|5", "7|null"), Jdbc.rowsShowingNull(c, sql + " order by 1"));
        }
    }
}
