package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A WHERE conjunct that reads no column of its query level and calls nothing volatile (a stable
 * function of constants, an InitPlan's output, an outer query's value) is pseudoconstant: as
 * PostgreSQL's distribute_qual_to_rels / create_gating_plan do, it becomes a Result's
 * "One-Time Filter" above the scans and joins, checked once, instead of a filter of every row; and
 * a LIMIT without an order to keep chooses the scan by the fraction of rows it reads.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PseudoconstantQualIT extends OneServerPerClass {

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table pq(a int, b int)",
                    "insert into pq select i, i % 4 from generate_series(1, 1000) i",
                    "create index pq_a on pq(a)", "vacuum analyze pq");
        }
    }

    @Test
    void aStableComparisonGatesTheScan() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Result", "  One-Time Filter: (now() = now())", "  ->  Seq Scan on pq"),
                    Jdbc.plan(c, "select * from pq where now() = now()"));
            assertEquals(List.of("1000"), Jdbc.rowsShowingNull(c, "select count(*) from (select * from pq where now() = now()) s"));
        }
    }

    @Test
    void anInitPlanGatesTheScanAndAFalseOneReturnsNothing() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Result", "  One-Time Filter: (1 = $0)", "  InitPlan 1 (returns $0)", "    ->  Result",
                    "  ->  Seq Scan on pq"), Jdbc.plan(c, "select a from pq where 1 = (select 2)"));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, "select a from pq where 1 = (select 2)"));
            assertEquals(List.of("1000"), Jdbc.rowsShowingNull(c, "select count(*) from pq where 2 = (select 2)"));
        }
    }

    @Test
    void theGateStandsAboveTheJoin() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select count(*) from pq x join pq y on x.a = y.a where (select true)";
            assertEquals(List.of("Aggregate", "  InitPlan 1 (returns $0)", "    ->  Result", "  ->  Result",
                    "        One-Time Filter: $0", "        ->  Hash Join", "              Hash Cond: (x.a = y.a)",
                    "              ->  Seq Scan on pq x", "              ->  Hash", "                    ->  Seq Scan on pq y"),
                    Jdbc.plan(c, q));
            assertEquals(List.of("1000"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c, q.replace("(select true)", "(select false)")));
        }
    }

    @Test
    void anOuterValueGatesASubSelectPerOuterRow() throws Exception {
        try (Connection c = server.connect()) {
            // the sub-select's WHERE reads only the outer row: checked once per outer row
            assertEquals(List.of("1|1000", "2|0"), Jdbc.rowsShowingNull(c,
                    "select v, (select count(*) from pq where v = 1) from (values (1), (2)) t(v) order by v"));
        }
    }

    @Test
    void aLimitWithoutOrderReadsTheTableFromItsStart() throws Exception {
        try (Connection c = server.connect()) {
            // an index-only scan costs less in total, but more to start than the first rows of the heap
            assertEquals(List.of("Limit", "  ->  Seq Scan on pq"), Jdbc.plan(c, "select a from pq limit 1"));
            // ORDER BY a constant orders nothing
            assertEquals(List.of("Limit", "  ->  Seq Scan on pq"), Jdbc.plan(c, "select a from pq order by 1 + 1 limit 1"));
        }
    }
}
