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
 * Volatile select-list entries are computed after ORDER BY's sort (planner.c
 * make_sort_input_target), as PostgreSQL 15 does: once per row the sort hands up, in output
 * order, and not at all for rows a LIMIT never asks for. EXPLAIN shows the Result above the Sort.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SortInputTargetIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table si (a int, b text)");
            s.execute("insert into si select g, 'v' || (g % 7) from generate_series(1, 50) g");
        }
    }

    @Test
    void aVolatileEntryRunsAfterTheSortAndOnlyForRowsTheLimitReturns() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create sequence si_seq");
            assertEquals(List.of("1|50", "2|49", "3|48"),
                    Jdbc.rowsShowingNull(c, "select nextval('si_seq'), a from si order by a desc limit 3"));
            // the sequence moved three times, not fifty
            assertEquals(List.of("3"), Jdbc.rowsShowingNull(c, "select currval('si_seq')"));
            // without LIMIT, every row once, numbered in the output's order
            assertEquals(List.of("4|1", "5|2"),
                    Jdbc.rowsShowingNull(c, "select nextval('si_seq'), a from si order by a").subList(0, 2));
        }
    }

    @Test
    void explainShowsTheResultAboveTheSort() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of(
                    "Limit",
                    "  Output: (random()), a, b",
                    "  ->  Result",
                    "        Output: random(), a, b",
                    "        ->  Sort",
                    "              Output: a, b",
                    "              Sort Key: si.b, si.a",
                    "              ->  Seq Scan on public.si",
                    "                    Output: a, b"),
                    Jdbc.rowsShowingNull(c, "explain (costs off, verbose) select random(), a, b from si order by b, a limit 2"));
            // a non-volatile entry is still computed below the sort
            assertEquals(List.of("Sort", "  Output: a, ((a + 1)), b", "  Sort Key: si.b", "  ->  Seq Scan on public.si",
                            "        Output: a, (a + 1), b"),
                    Jdbc.rowsShowingNull(c, "explain (costs off, verbose) select a, a + 1 from si order by b"));
        }
    }
}
