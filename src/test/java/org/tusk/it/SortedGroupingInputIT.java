package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sorted grouping (hashing off, or an aggregate with ORDER BY) asks the scan of its one table
 * for the group keys' order, as PostgreSQL's group_pathkeys do: an index in that order, when it
 * costs less than the cheapest scan sorted, feeds the GroupAggregate without a Sort, for plain
 * GROUP BY and for the first rollup of grouping sets. Expected plans and rows are PostgreSQL
 * 15's for the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SortedGroupingInputIT extends OneServerPerClass {
    private static final String TABLE = "create table sgi (a int primary key, b int, v text)";

    @Test
    void indexOrderFeedsSortedGrouping() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, TABLE);
            exec(c, "insert into sgi select g, g % 3, 'v' || (g % 7) from generate_series(1, 50) g");
            exec(c, "analyze sgi");
            exec(c, "set enable_hashagg = off");
            exec(c, "set enable_seqscan = off");
            assertEquals(List.of("Sort", "  Sort Key: a, b", "  ->  GroupAggregate", "        Group Key: a",
                    "        Group Key: ()", "        Sort Key: b", "          Group Key: b",
                    "        ->  Index Scan using sgi_pkey on sgi"), TuskServer.rows(c,
                    "explain (costs off) select a, b, count(*) from sgi group by grouping sets (a, b, ()) order by a, b"));
            assertEquals(List.of("1||1", "2||1", "3||1", "|0|1", "|1|1", "|2|1", "||3"), TuskServer.rows(c,
                    "select a, b, count(*) from sgi where a <= 3 group by grouping sets (a, b, ()) order by a, b"));
            assertEquals(List.of("GroupAggregate", "  Group Key: a", "  ->  Index Only Scan using sgi_pkey on sgi"),
                    TuskServer.rows(c, "explain (costs off) select a, count(*) from sgi group by a"));
            assertEquals(List.of("10|1", "11|1", "12|1"),
                    TuskServer.rows(c, "select a, count(*) from sgi where a between 10 and 12 group by a"));
            // an ordered aggregate cannot be hashed, whatever enable_hashagg says
            exec(c, "reset enable_hashagg");
            assertEquals(List.of("GroupAggregate", "  Group Key: a", "  ->  Index Scan using sgi_pkey on sgi"),
                    TuskServer.rows(c, "explain (costs off) select a, string_agg(v, ',' order by v) from sgi group by a"));
            assertEquals(List.of("1|v1", "2|v2", "3|v3"),
                    TuskServer.rows(c, "select a, string_agg(v, ',' order by v) from sgi where a < 4 group by a"));
            // no index on the key: the cheapest scan, sorted
            exec(c, "reset enable_seqscan");
            exec(c, "set enable_hashagg = off");
            assertEquals(List.of("GroupAggregate", "  Group Key: b", "  ->  Sort", "        Sort Key: b",
                    "        ->  Seq Scan on sgi"), TuskServer.rows(c, "explain (costs off) select b, count(*) from sgi group by b"));
        }
    }
}
