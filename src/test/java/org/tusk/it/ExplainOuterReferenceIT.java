package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN VERBOSE of outer-level references as PostgreSQL 15 prints them (ruleutils.c
 * find_param_referent): an aggregate argument that reads a column of an outer query level (a
 * lateral nested loop's parameter, a SubPlan's argument) prints as that column, not as a column
 * of the aggregate's own input; a function scan computes its level's projection itself, so its
 * Output is the projection (a SubPlan, an expression over an outer reference).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExplainOuterReferenceIT extends OneServerPerClass {

    @Test
    void anAggregateArgumentReadingALateralColumn() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select a, b, t from generate_series(1, 2) a,"
                    + " lateral (select b, sum(a * b) t from generate_series(1, 4) b group by b) ss";
            assertEquals(List.of("Nested Loop", "  Output: a.a, b.b, (sum((a.a * b.b)))",
                    "  ->  Function Scan on pg_catalog.generate_series a", "        Output: a.a",
                    "        Function Call: generate_series(1, 2)", "  ->  HashAggregate",
                    "        Output: b.b, sum((a.a * b.b))", "        Group Key: b.b",
                    "        ->  Function Scan on pg_catalog.generate_series b", "              Output: b.b",
                    "              Function Call: generate_series(1, 4)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) " + q));
            assertEquals(List.of("1|1|1", "1|2|2", "1|3|3", "1|4|4", "2|1|2", "2|2|4", "2|3|6", "2|4|8"),
                    Jdbc.rowsShowingNull(c, q + " order by 1, 2"));
        }
    }

    @Test
    void anAggregateArgumentReadingASubPlanParameter() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select (select max(a - b) from generate_series(1, 3) b) from generate_series(1, 2) a";
            assertEquals(List.of("Function Scan on pg_catalog.generate_series a", "  Output: (SubPlan 1)",
                    "  Function Call: generate_series(1, 2)", "  SubPlan 1", "    ->  Aggregate",
                    "          Output: max((a.a - b.b))", "          ->  Function Scan on pg_catalog.generate_series b",
                    "                Output: b.b", "                Function Call: generate_series(1, 3)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) " + q));
            assertEquals(List.of("0", "1"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aFunctionScanShowsTheProjectionItComputes() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select array(select a * b from generate_series(1, 3) b) from generate_series(1, 2) a";
            assertEquals(List.of("Function Scan on pg_catalog.generate_series a", "  Output: (SubPlan 1)",
                    "  Function Call: generate_series(1, 2)", "  SubPlan 1",
                    "    ->  Function Scan on pg_catalog.generate_series b", "          Output: (a.a * b.b)",
                    "          Function Call: generate_series(1, 3)"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) " + q));
            assertEquals(List.of("{1,2,3}", "{2,4,6}"), Jdbc.rowsShowingNull(c, q));
        }
    }
}
