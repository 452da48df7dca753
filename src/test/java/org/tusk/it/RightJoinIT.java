package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A LEFT join is also planned as the RIGHT join of its swapped inputs (make_join_rel's
 * JOIN_RIGHT paths): a hash join hashing the small preserved side, a merge join reading the
 * indexed nullable side first. Both executors then emit the unmatched rows of their inner
 * (preserved) side NULL-extended, and no unmatched row of the outer side.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RightJoinIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table rbig as select g as k, g % 10 as v from generate_series(1, 5000) g");
            s.execute("create table rsmall as select g * 100 as k from generate_series(0, 9) g");
            s.execute("insert into rsmall values (null), (999999)");
            s.execute("create table rmid as select g * 3 as k from generate_series(0, 2999) g");
            s.execute("insert into rmid values (null), (999999), (30)");
            s.execute("create table rbigx as select * from rbig");
            s.execute("create index on rbigx (k)");
            s.execute("analyze rbig");
            s.execute("vacuum analyze rbigx");
            s.execute("analyze rsmall");
            s.execute("analyze rmid");
        }
    }

    @Test
    void theSmallPreservedSideIsHashed() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select rsmall.k, rbig.v from rsmall left join rbig on rsmall.k = rbig.k and rbig.v = 0 order by 1";
            assertEquals(List.of("Sort", "  Sort Key: rsmall.k", "  ->  Hash Right Join", "        Hash Cond: (rbig.k = rsmall.k)",
                    "        ->  Seq Scan on rbig", "              Filter: (v = 0)", "        ->  Hash",
                    "              ->  Seq Scan on rsmall"), Jdbc.plan(c, q));
            assertEquals(List.of("0|null", "100|0", "200|0", "300|0", "400|0", "500|0", "600|0", "700|0", "800|0", "900|0",
                    "999999|null", "null|null"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aMergeJoinReadsTheIndexedNullableSideFirst() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_hashjoin = off");
            s.execute("set enable_nestloop = off");
            s.execute("set enable_sort = off");
            String q = "select count(*), count(rbigx.v), sum(rmid.k), sum(rbigx.v) from rmid left join rbigx"
                    + " on rmid.k = rbigx.k and rbigx.v < 5";
            assertEquals(List.of("Aggregate", "  ->  Merge Right Join", "        Merge Cond: (rbigx.k = rmid.k)",
                    "        ->  Index Scan using rbigx_k_idx on rbigx", "              Filter: (v < 5)", "        ->  Sort",
                    "              Sort Key: rmid.k", "              ->  Seq Scan on rmid"), Jdbc.plan(c, q));
            assertEquals(List.of("3003|833|14495529|1665"), Jdbc.rowsShowingNull(c, q));
        }
    }
}
