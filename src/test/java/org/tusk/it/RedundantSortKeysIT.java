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
 * Sort keys PostgreSQL 15 finds redundant (pathkey_is_redundant): an ORDER BY key that is the
 * same for every row (a pseudoconstant) and a window's sort key that WHERE equates to an earlier
 * key. Also how a ProjectSet's set-returning call prints: as itself in the node's own Output, in
 * parentheses where a node above reads it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedundantSortKeysIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table rk (f1 int, f2 int)");
            s.execute("insert into rk values (1, 1), (2, 2), (3, 4), (2, 2)");
        }
    }

    @Test
    void aConstantOrderByKeyIsNotSortedOn() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select f1, 1 as k from rk order by k, f1 desc";
            assertEquals(List.of("Sort", "  Sort Key: f1 DESC", "  ->  Seq Scan on rk"), Jdbc.plan(c, q));
            assertEquals(List.of("3|1", "2|1", "2|1", "1|1"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("Seq Scan on rk"), Jdbc.plan(c, "select f1 from rk order by 'x'::text"));
        }
    }

    @Test
    void aWindowKeyEqualToAnEarlierOneIsNotSortedOn() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select f1, sum(f1) over (partition by f1 order by f2) from rk where f1 = f2";
            assertEquals(List.of("WindowAgg", "  ->  Sort", "        Sort Key: f1", "        ->  Seq Scan on rk",
                    "              Filter: (f1 = f2)"), Jdbc.plan(c, q));
            assertEquals(List.of("1|1", "2|4", "2|4"), Jdbc.rowsShowingNull(c, q + " order by 1, 2"));
        }
    }

    @Test
    void aSetReturningCallPrintsAsItselfInItsProjectSet() throws Exception {
        try (Connection c = server.connect()) {
            List<String> p = Jdbc.rowsShowingNull(c,
                    "explain (verbose, costs off) select f1, generate_series(1, 2) as g from rk order by g desc");
            assertEquals(List.of("Sort", "  Output: f1, (generate_series(1, 2))", "  Sort Key: (generate_series(1, 2)) DESC",
                    "  ->  ProjectSet", "        Output: f1, generate_series(1, 2)"), p.subList(0, 5));
        }
    }
}
