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
 * FULL JOIN over the wire: ON TRUE / ON FALSE run as a clauseless merge join (the error
 * "FULL JOIN is only supported with merge-joinable or hash-joinable join conditions" no longer
 * applies), EXPLAIN draws it as PostgreSQL does, and a merge join with a NULL in a later key
 * column still finds its matches. A constant on the merged column of a FULL JOIN USING restricts
 * both sides.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FullJoinIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table a (f1 int)");
            s.execute("insert into a values (1), (2), (null)");
            s.execute("create table j1 (i int)");
            s.execute("create table j2 (i int, k int)");
            s.execute("insert into j1 values (0), (1), (2), (null)");
            s.execute("insert into j2 values (0, null), (1, -1), (2, 2), (2, 4), (null, null)");
            s.execute("create table u1 (k int primary key, v text)");
            s.execute("create table u2 (k int primary key, w text)");
            s.execute("insert into u1 select g, 'u1-' || g from generate_series(1, 1000) g");
            s.execute("insert into u2 select g, 'u2-' || g from generate_series(500, 1500) g");
            s.execute("analyze u1");
            s.execute("analyze u2");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void fullJoinOnConstants() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(9, Jdbc.rowsShowingNull(c, "select * from a x full join a y on true").size());
            assertEquals(List.of("null|1", "null|2", "null|null", "1|null", "2|null", "null|null"),
                    Jdbc.rowsShowingNull(c, "select * from a x full join a y on false"));
            assertEquals(List.of("Merge Full Join", "  Join Filter: false", "  ->  Seq Scan on a x",
                    "  ->  Materialize", "        ->  Seq Scan on a y"),
                    Jdbc.rowsShowingNull(c, "explain (costs off) select * from a x full join a y on false"));
        }
    }

    /**
     * reconsider_full_join_clause: WHERE on the merged column of FULL JOIN ... USING restricts
     * both sides (each scanned through its index), the COALESCE filter is gone, and the index
     * scans deliver the merge order; the rows are the same, null-extended ones included.
     */
    @Test
    void constantOnTheMergedColumnRestrictsBothSides() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Merge Full Join", "  Merge Cond: (u1.k = u2.k)", "  ->  Index Scan using u1_pkey on u1",
                    "        Index Cond: (k = 42)", "  ->  Index Scan using u2_pkey on u2", "        Index Cond: (k = 42)"),
                    Jdbc.plan(c, "select * from u1 full join u2 using (k) where k = 42"));
            assertEquals(List.of("42|u1-42|null"), Jdbc.rowsShowingNull(c, "select * from u1 full join u2 using (k) where k = 42"));
            assertEquals(List.of("1200|null|u2-1200"), Jdbc.rowsShowingNull(c, "select * from u1 full join u2 using (k) where 1200 = k"));
            assertEquals(List.of("700|u1-700|u2-700"), Jdbc.rowsShowingNull(c, "select * from u1 full join u2 using (k) where k = 700"));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, "select * from u1 full join u2 using (k) where k = 2000"));
        }
    }

    @Test
    void mergeFullJoinWithANullInASecondKey() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_hashjoin = off");
            assertEquals(List.of("2|2|2"), Jdbc.rowsShowingNull(c, "select j1.i, j2.i, j2.k from j1 full join j2"
                    + " on j1.i = j2.i and j1.i = j2.k where j1.i is not null and j2.i is not null"));
            assertEquals(8, Jdbc.rowsShowingNull(c, "select * from j1 full join j2 on j1.i = j2.i and j1.i = j2.k").size());
        }
    }
}
