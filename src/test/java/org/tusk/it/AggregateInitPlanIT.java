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
 * Repeated aggregate calls and the InitPlans of MIN/MAX as PostgreSQL 15 shows them: an
 * aggregate written again in ORDER BY is the target list's column (equal calls share one
 * state, find_compatible_agg), a MIN/MAX InitPlan is planned once however often its aggregate
 * occurs and is drawn on the top node of its query level (SS_attach_initplans), SubPlans are
 * numbered in the order the planner made them (plan_id), and a sub-select that reads only an
 * outer level's columns is an InitPlan of its own level. Also UPDATE ... SET (a, b) = (SELECT ...).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AggregateInitPlanIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table mm (v int primary key)");
            s.execute("insert into mm select g from generate_series(1, 10000) g");
            s.execute("create table oo (f1 int)");
            s.execute("insert into oo values (5), (9999), (20000)");
            s.execute("vacuum analyze mm");
            s.execute("vacuum analyze oo");
        }
    }

    @Test
    void anAggregateRepeatedInOrderByIsTheTargetListColumn() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Sort", "  Output: (sum(f1))", "  Sort Key: (sum(oo.f1))", "  ->  Aggregate",
                    "        Output: sum(f1)", "        ->  Seq Scan on public.oo", "              Output: f1"),
                    Jdbc.rowsShowingNull(c, "explain (verbose, costs off) select sum(f1) from oo order by sum(f1)"));
            assertEquals(List.of("30004"), Jdbc.rowsShowingNull(c, "select sum(f1) from oo order by sum(f1)"));
        }
    }

    @Test
    void oneMinMaxInitPlanOnTheTopNode() throws Exception {
        try (Connection c = server.connect()) {
            List<String> expected = List.of("Sort", "  Sort Key: (($0 + 1))", "  InitPlan 1 (returns $0)",
                    "    ->  Limit", "          ->  Index Only Scan Backward using mm_pkey on mm",
                    "                Index Cond: (v IS NOT NULL)", "  ->  Result");
            assertEquals(expected, Jdbc.plan(c, "select max(v), max(v) + 1 from mm order by max(v) + 1"));
            assertEquals(List.of("10000|10001"), Jdbc.rowsShowingNull(c, "select max(v), max(v) + 1 from mm order by max(v) + 1"));
        }
    }

    @Test
    void aGroupKeyThatIsAnInitPlansParamPrintsBare() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("HashAggregate", "  Group Key: $0", "  InitPlan 1 (returns $0)", "    ->  Limit",
                    "          ->  Index Only Scan Backward using mm_pkey on mm", "                Index Cond: (v IS NOT NULL)",
                    "  ->  Result"), Jdbc.plan(c, "select distinct max(v) from mm"));
            assertEquals(List.of("10000"), Jdbc.rowsShowingNull(c, "select distinct max(v) from mm"));
        }
    }

    @Test
    void anInitPlanReadingAnOuterLevelIsNumberedBeforeItsSubPlan() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select f1, (select min(v) from mm where v > oo.f1) from oo";
            // the outer reference oo.f1 took parameter $0 (replace_outer_var) before the InitPlan's output
            assertEquals(List.of("Seq Scan on oo", "  SubPlan 2", "    ->  Result", "          InitPlan 1 (returns $1)",
                    "            ->  Limit", "                  ->  Index Only Scan using mm_pkey on mm",
                    "                        Index Cond: ((v IS NOT NULL) AND (v > oo.f1))"), Jdbc.plan(c, q));
            // the InitPlan runs again for each outer row
            assertEquals(List.of("5|6", "9999|10000", "20000|null"), Jdbc.rowsShowingNull(c, q + " order by 1"));
        }
    }

    @Test
    void multipleColumnAssignmentFromASubSelect() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table ma (a int, b int)", "insert into ma values (1, 2), (3, 4)",
                    "update ma set (a, b) = (select s.b, s.a from ma s where s.a = ma.a)");
            assertEquals(List.of("2|1", "4|3"), Jdbc.rowsShowingNull(c, "select * from ma order by a"));
        }
    }
}
