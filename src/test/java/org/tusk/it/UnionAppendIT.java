package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UNION chains as prepunion.c's plan_union_children plans them: one Append over every input of
 * a chain of UNION ALL (or of UNION, under one duplicate removal), a UNION below a UNION ALL an
 * input of its own; each arm's table named apart (tt, tt_1, tt_2) as set_rtable_names names the
 * arms' subqueries. Plans and rows are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnionAppendIT {
    @Test
    void unionChainsAreOneAppend() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table tt (a int, b int)");
                s.execute("insert into tt values (1, 1), (2, 2), (2, 2), (3, null)");
            }
            assertEquals(List.of("Append", "  ->  Result", "  ->  Result", "  ->  Result"),
                    TuskServer.rows(c, "explain (costs off) select 1 union all select 2 union all select 3"));
            assertEquals(List.of("HashAggregate", "  Group Key: tt.a", "  ->  Append", "        ->  Seq Scan on tt",
                    "        ->  Seq Scan on tt tt_1", "        ->  Seq Scan on tt tt_2"),
                    TuskServer.rows(c, "explain (costs off) select a from tt union select b from tt union select a from tt"));
            // a UNION under a UNION ALL removes duplicates of its own inputs only
            String mixed = "select a from tt union all (select b from tt union select a from tt)";
            assertEquals(List.of("Append", "  ->  Seq Scan on tt", "  ->  HashAggregate", "        Group Key: tt_1.b",
                    "        ->  Append", "              ->  Seq Scan on tt tt_1", "              ->  Seq Scan on tt tt_2"),
                    TuskServer.rows(c, "explain (costs off) " + mixed));
            assertEquals(List.of("1", "1", "2", "2", "2", "3", "3", ""), TuskServer.rows(c, mixed + " order by 1"));
            assertEquals(List.of("1", "2", "3", ""), TuskServer.rows(c,
                    "select a from tt union all select b from tt union select a from tt order by 1"));
            assertEquals(List.of("Aggregate", "  ->  Append", "        ->  Seq Scan on tt", "        ->  Seq Scan on tt tt_1",
                    "        ->  Seq Scan on tt tt_2"), TuskServer.rows(c, "explain (costs off) select sum(a) from"
                    + " (select * from tt union all select * from tt union all select * from tt) u"));
            assertEquals(List.of("16"), TuskServer.rows(c, "select sum(a) from (select * from tt union all select * from tt) u"));
        }
    }
}
