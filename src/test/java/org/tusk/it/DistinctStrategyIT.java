package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SELECT DISTINCT is sorted (Sort + Unique) or hashed (HashAggregate, sorted afterwards for an
 * ORDER BY) by cost, as PostgreSQL's create_distinct_paths and create_ordered_paths choose; and
 * ORDER BY, GROUP BY and DISTINCT ON refuse a constant that is not an integer position.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DistinctStrategyIT extends OneServerPerClass {

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table dq(a int, b int)",
                    "insert into dq select i, i % 4 from generate_series(1, 1000) i",
                    "create index dq_a on dq(a)", "vacuum analyze dq");
        }
    }

    @Test
    void oneRowIsSortedRatherThanHashed() throws Exception {
        try (Connection c = server.connect()) {
            // the costs are within add_path's fuzz factor, and the sorted path has an order
            List<String> plan = Jdbc.plan(c, "select distinct max(a), min(a) from dq");
            assertEquals("Unique", plan.get(0));
            assertEquals(List.of("  ->  Sort", "        Sort Key: ($0), ($1)", "        ->  Result"),
                    plan.subList(plan.size() - 3, plan.size()));
            assertEquals(List.of("1000|1"), Jdbc.rowsShowingNull(c, "select distinct max(a), min(a) from dq"));
            // with sorting disabled, hashed
            Jdbc.exec(c, "set enable_sort = off");
            assertEquals("HashAggregate", Jdbc.plan(c, "select distinct max(a), min(a) from dq").get(0));
            Jdbc.exec(c, "reset enable_sort");
        }
    }

    @Test
    void fewGroupsOfManyRowsAreHashedThenSorted() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Sort", "  Sort Key: b", "  ->  HashAggregate", "        Group Key: b",
                    "        ->  Seq Scan on dq"), Jdbc.plan(c, "select distinct b from dq order by b"));
            assertEquals(List.of("0", "1", "2", "3"), Jdbc.rowsShowingNull(c, "select distinct b from dq order by b"));
            assertEquals(List.of("HashAggregate", "  Group Key: b", "  ->  Seq Scan on dq"),
                    Jdbc.plan(c, "select distinct b from dq"));
            assertEquals(List.of("3|3", "2|2"), Jdbc.rowsShowingNull(c, "select distinct on (b) b, a from dq order by b desc, a limit 2"));
        }
    }

    @Test
    void anExpensiveTargetIsChargedPerGroupWhenHashed() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create function dq_f(x int) returns int language plpgsql as $$ begin return x; end $$");
            // a volatile call of no column makes a group per row (estimate_num_groups); evaluating the
            // target (procost 100) once more per group makes hashing dearer than sorting
            assertEquals(List.of("Unique", "  ->  Sort", "        Sort Key: (dq_f(1))", "        ->  Seq Scan on dq"),
                    Jdbc.plan(c, "select distinct dq_f(1) from dq"));
            assertEquals(List.of("Unique", "  ->  Sort", "        Sort Key: b, (dq_f(2))", "        ->  Seq Scan on dq"),
                    Jdbc.plan(c, "select distinct b, dq_f(2) from dq"));
            assertEquals(List.of("1"), Jdbc.rowsShowingNull(c, "select distinct dq_f(1) from dq"));
            // few groups: hashed all the same
            assertEquals(List.of("HashAggregate", "  Group Key: dq_f(b)", "  ->  Seq Scan on dq"),
                    Jdbc.plan(c, "select distinct dq_f(b) from dq"));
            assertEquals(List.of("0", "1", "2", "3"), Jdbc.rowsShowingNull(c, "select distinct dq_f(b) from dq order by 1"));
            // the cost ALTER FUNCTION gives is the one charged
            Jdbc.exec(c, "alter function dq_f(int) cost 1");
            assertEquals(List.of("HashAggregate", "  Group Key: dq_f(1)", "  ->  Seq Scan on dq"),
                    Jdbc.plan(c, "select distinct dq_f(1) from dq"));
            Jdbc.exec(c, "drop function dq_f(int)");
        }
    }

    @Test
    void aNonIntegerConstantIsNoPosition() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("non-integer constant in ORDER BY", Jdbc.failsMessage(c, "select 1 order by 'a'", "42601"));
            assertEquals("non-integer constant in ORDER BY", Jdbc.failsMessage(c, "select 1 order by null", "42601"));
            assertEquals("non-integer constant in GROUP BY", Jdbc.failsMessage(c, "select 1 from dq group by true", "42601"));
            assertEquals("non-integer constant in DISTINCT ON",
                    Jdbc.failsMessage(c, "select distinct on ('a') a from dq", "42601"));
            assertEquals("DISTINCT ON position 3 is not in select list",
                    Jdbc.failsMessage(c, "select distinct on (3) a from dq", "42P10"));
            assertEquals(19, Jdbc.error(c, "select 1 order by 1.5").getServerErrorMessage().getPosition());
        }
    }
}
