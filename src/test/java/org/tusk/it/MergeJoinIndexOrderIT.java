package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Merge joins over inputs read in an index's order (joinpath.c match_unsorted_outer /
 * generate_mergejoin_paths over index paths with pathkeys): no Sort where an index delivers the
 * keys' order, merge clauses cut to the columns the index order covers (the others a join
 * filter), and a Material node over an inner index scan only where re-reading the rows of equal
 * keys costs more (final_cost_mergejoin's materialize_inner).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MergeJoinIndexOrderIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table ma (a int primary key, pad text)");
            s.execute("create table mb (b int primary key, pad text)");
            s.execute("insert into ma select g, repeat('x', 50) from generate_series(1, 10000) g");
            s.execute("insert into mb select g * 2, repeat('y', 50) from generate_series(1, 10000) g");
            s.execute("create table mc (x int, y int)");
            s.execute("create table md (x int, y int)");
            s.execute("insert into mc select g % 50, g % 7 from generate_series(1, 400) g");
            s.execute("insert into md select g % 60, g % 5 from generate_series(1, 300) g");
            s.execute("create index on mc (x)");
            s.execute("create index on md (x)");
            for (String t : List.of("ma", "mb", "mc", "md")) s.execute("vacuum analyze " + t);
        }
    }

    @Test
    void bothInputsReadInTheirPrimaryKeysOrder() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_hashjoin = off");
            String q = "select count(*) from ma join mb on a = b";
            assertEquals(List.of("Aggregate", "  ->  Merge Join", "        Merge Cond: (ma.a = mb.b)",
                    "        ->  Index Only Scan using ma_pkey on ma", "        ->  Index Only Scan using mb_pkey on mb"),
                    Jdbc.plan(c, q));
            assertEquals(List.of("5000"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aOneColumnIndexMergesOnItsColumnAndFiltersTheRest() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_hashjoin = off");
            s.execute("set enable_sort = off");
            s.execute("set enable_nestloop = off");
            String q = "select count(*) from mc join md on mc.x = md.x and mc.y = md.y";
            assertEquals(List.of("Aggregate", "  ->  Merge Join", "        Merge Cond: (md.x = mc.x)",
                    "        Join Filter: (mc.y = md.y)", "        ->  Index Scan using md_x_idx on md",
                    "        ->  Materialize", "              ->  Index Scan using mc_x_idx on mc"), Jdbc.plan(c, q));
            assertEquals(List.of("295"), Jdbc.rowsShowingNull(c, q));
            String left = "select count(*), count(md.y), sum(mc.x), sum(md.x) from mc left join md on mc.x = md.x and mc.y = md.y";
            assertTrue(Jdbc.plan(c, left).get(1).startsWith("  ->  Merge "), Jdbc.plan(c, left).toString());
            assertEquals(List.of("636|295|15480|7100"), Jdbc.rowsShowingNull(c, left));
        }
    }
}
