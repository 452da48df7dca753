package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A LATERAL relation has only paths parameterized by the relations it references, so a join
 * clause over it and them is enforced in its own scan (ppi_clauses, join_clause_is_movable_into),
 * as the scan's Filter rather than the nested loop's Join Filter; for a LEFT JOIN's ON clause
 * the outer rows without a match are still null-extended.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LateralJoinClauseIT extends OneServerPerClass {

    @BeforeAll
    static void tables() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table la (id int, q int)", "insert into la values (1, 10), (2, 20), (3, 30)",
                    "create table lb (k int, v text)", "insert into lb values (10, 'ten'), (30, 'thirty'), (30, 'trente')");
        }
    }

    @Test
    void aLeftJoinOnClauseFiltersTheLateralScan() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select la.id, ss.v, ss.x from la left join lateral (select *, la.id * 2 as x from lb) ss on la.q = ss.k"
                    + " order by 1, 2";
            assertEquals(List.of("Sort", "  Sort Key: la.id, lb.v", "  ->  Nested Loop Left Join",
                    "        ->  Seq Scan on la", "        ->  Seq Scan on lb", "              Filter: (la.q = k)"),
                    Jdbc.plan(c, q));
            assertEquals(List.of("1|ten|2", "2|null|null", "3|thirty|6", "3|trente|6"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void anInnerJoinClauseFiltersTheLateralFunctionScan() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select la.id, g from la, lateral generate_series(1, la.id) g where la.id = g order by 1";
            assertEquals(List.of("Sort", "  Sort Key: la.id", "  ->  Nested Loop", "        ->  Seq Scan on la",
                    "        ->  Function Scan on generate_series g", "              Filter: (la.id = g)"), Jdbc.plan(c, q));
            assertEquals(List.of("1|1", "2|2", "3|3"), Jdbc.rowsShowingNull(c, q));
        }
    }
}
