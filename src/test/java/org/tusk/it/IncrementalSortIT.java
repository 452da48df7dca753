package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Incremental Sort between windows whose sort orders share leading keys (create_one_window_path),
 * and the full Sort with enable_incremental_sort off. Plans and rows are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IncrementalSortIT {
    private static final String QUERY = "select id, row_number() over (partition by d order by e desc) a,"
            + " row_number() over (partition by d order by id) b from ws";

    @Test
    void windowsSharingLeadingKeys() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table ws (id int, d int, e int)");
                s.execute("insert into ws values (1,1,5),(2,1,3),(3,2,9),(4,2,1),(5,1,4)");
            }
            assertEquals(List.of("WindowAgg", "  ->  Incremental Sort", "        Sort Key: d, e DESC",
                    "        Presorted Key: d", "        ->  WindowAgg", "              ->  Sort",
                    "                    Sort Key: d, id", "                    ->  Seq Scan on ws"),
                    TuskServer.rows(c, "explain (costs off) " + QUERY));
            assertEquals(List.of("1|1|1", "5|2|3", "2|3|2", "3|1|1", "4|2|2"), TuskServer.rows(c, QUERY));
            try (Statement s = c.createStatement()) {
                s.execute("set enable_incremental_sort = off");
            }
            assertEquals(List.of("WindowAgg", "  ->  Sort", "        Sort Key: d, e DESC", "        ->  WindowAgg",
                    "              ->  Sort", "                    Sort Key: d, id", "                    ->  Seq Scan on ws"),
                    TuskServer.rows(c, "explain (costs off) " + QUERY));
        }
    }
}
