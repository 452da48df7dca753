package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GROUP BY keys that are the same for every row (an InitPlan's output, a stable function): the
 * input is in group order already, so PostgreSQL aggregates it sorted without a Sort
 * (GroupAggregate), and prints each key as the expression the input computes ("now()", not
 * "(now())"); a volatile key is hashed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConstantGroupKeyIT extends OneServerPerClass {

    @Test
    void anInitPlanKeyIsAggregatedSorted() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select count(*) from generate_series(1, 10) g group by (select 2)";
            assertEquals(List.of("GroupAggregate", "  Group Key: $0", "  InitPlan 1 (returns $0)", "    ->  Result",
                    "  ->  Function Scan on generate_series g"), Jdbc.plan(c, q));
            assertEquals(List.of("10"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, q.replace("group by", "where false group by")));
        }
    }

    @Test
    void aGroupingCallDoesNotChangeThat() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select grouping(k), count(*) from (select (select 2) k from generate_series(1, 10) g) s group by k";
            List<String> plan = Jdbc.plan(c, q);
            assertEquals("GroupAggregate", plan.get(0));
            assertEquals(false, plan.stream().anyMatch(l -> l.contains("Sort")), plan.toString());
            assertEquals(List.of("0|10"), Jdbc.rowsShowingNull(c, q));
        }
    }

    @Test
    void aStableKeyIsAggregatedSortedAndAVolatileOneHashed() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("GroupAggregate", "  Group Key: now()", "  ->  Function Scan on generate_series g"),
                    Jdbc.plan(c, "select count(*) from generate_series(1, 10) g group by now()"));
            assertEquals(List.of("HashAggregate", "  Group Key: now(), g", "  ->  Function Scan on generate_series g"),
                    Jdbc.plan(c, "select count(*) from generate_series(1, 10) g group by now(), g"));
            assertEquals(List.of("HashAggregate", "  Group Key: (random() > '2'::double precision)",
                    "  ->  Function Scan on generate_series g"),
                    Jdbc.plan(c, "select count(*) from generate_series(1, 10) g group by random() > 2"));
        }
    }
}
