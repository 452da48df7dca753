package org.tusk.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * Which built-in aggregates share a result (find_compatible_agg) and that built-ins never share
 * a transition state; user aggregates' state sharing is checked through a server in
 * GroupingSetsIT (it needs CREATE FUNCTION).
 */
class AggTransSharingTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
    }

    private Plan.Agg agg(String query) {
        sql.rows(query);
        Plan p = sql.last.plannedStmt().planTree();
        while (!(p instanceof Plan.Agg)) {
            p = switch (p) {
                case Plan.Sort s -> s.child();
                case Plan.SubqueryScan s -> s.child();
                default -> throw new AssertionError("no Agg in " + p);
            };
        }
        return (Plan.Agg) p;
    }

    @Test
    void identicalAggregatesShareTheirResult() {
        String q = "select sum(x), sum(x), sum(x) filter (where x > 1), sum(distinct x), avg(x), sum(x + 0)"
                + " from (values (1), (2), (2)) t(x)";
        Plan.Agg a = agg(q);
        // the two equal sum(x) calls are one slot already (analysis, AggLevels): the Agg computes it once
        assertEquals(5, a.aggs().size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, AggTransSharing.aggNumbers(a.aggs()));
        // built-in transition states are Java objects a final function may change: never shared
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, AggTransSharing.transNumbers(a.aggs()));
        assertEquals(List.of("5|5|4|3|1.6666666666666667|5"), sql.rows(q));
    }

    @Test
    void volatileInputsAreNotShared() {
        Plan.Agg a = agg("select count(random()), count(random()), count(*), count(*) from (values (1), (2)) t(x)");
        // count(*) twice is one slot; count(random()) twice stays two
        assertArrayEquals(new int[] {0, 1, 2}, AggTransSharing.aggNumbers(a.aggs()));
        assertEquals(List.of("2|2|2|2"), sql.rows("select count(random()), count(random()), count(*), count(*) from (values (1), (2)) t(x)"));
    }
}
