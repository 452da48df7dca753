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
 * column still finds its matches.
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
