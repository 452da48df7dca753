package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WITH queries inlined or kept on a real server, as EXPLAIN and pg_get_viewdef show them and as
 * the answers come out. Expected texts and answers are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CteInliningIT extends OneServerPerClass {

    @Test
    void inlinedOrMaterializedAsExplainShows() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ci_t (f1 int, f2 int)", "insert into ci_t values (1, 2), (2, 3), (3, 4)");
            assertEquals(List.of("Seq Scan on public.ci_t", "  Output: ci_t.f1", "  Filter: (ci_t.f1 = 1)"),
                    rowsShowingNull(c, "explain (verbose, costs off) "
                            + "with x as (select * from (select f1 from ci_t) ss) select * from x where f1 = 1"));
            assertEquals(List.of("CTE Scan on x", "  Output: x.f1", "  Filter: (x.f1 = 1)", "  CTE x",
                    "    ->  Seq Scan on public.ci_t", "          Output: ci_t.f1"),
                    rowsShowingNull(c, "explain (verbose, costs off) "
                            + "with x as materialized (select f1 from ci_t) select * from x where f1 = 1"));
            assertEquals(List.of("2"), rowsShowingNull(c, "with x as (select f1 from ci_t) select f1 from x where f1 = 2"));
        }
    }

    @Test
    void recursiveUnionNeedsHashableColumns() throws Exception {
        try (Connection c = server.connect()) {
            var e = Jdbc.error(c, "with recursive t(n) as (values (1::money) union "
                    + "select n + 1::money from t where n < 100::money) select sum(n) from t");
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().contains("could not implement recursive UNION"), e.getMessage());
            assertEquals(List.of("$5,050.00"), rowsShowingNull(c, "with recursive t(n) as (values (1::money) union all "
                    + "select n + 1::money from t where n < 100::money) select sum(n) from t"));
        }
    }

    @Test
    void viewDefinitionsKeepMaterialized() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table ci_v (a int)",
                    "create view ci_view as with x as materialized (select a from ci_v), "
                            + "y as not materialized (select a from ci_v) select x.a from x, y");
            String def = rowsShowingNull(c, "select pg_get_viewdef('ci_view'::regclass)").get(0);
            assertTrue(def.contains("x AS MATERIALIZED ("), def);
            assertTrue(def.contains("y AS NOT MATERIALIZED ("), def);
            assertEquals(List.of(), rowsShowingNull(c, "select * from ci_view"));
        }
    }
}
