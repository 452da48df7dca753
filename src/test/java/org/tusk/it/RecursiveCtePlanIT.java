package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a recursive WITH query is planned and shown on a real server through pgjdbc: the work table
 * is estimated at recursive_worktable_factor times the non-recursive term's rows, so the recursive
 * term's join is PostgreSQL's (a merge join here) and its rows come out in PostgreSQL's order; EXPLAIN
 * names the work table scan by the self-reference's alias and columns, shows projections on the node
 * that computes them and a temporary table's schema as pg_temp. Expected outputs are PostgreSQL 15's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RecursiveCtePlanIT extends OneServerPerClass {

    private static final String GRAPH = "with recursive search_graph(f, t) as (select f, t from graph "
            + "union all select g.f, g.t from graph g, search_graph sg where g.f = sg.t) ";

    private static void graph(Connection c) throws Exception {
        exec(c, "create temp table if not exists graph(f int, t int, label text)", "truncate graph",
                "insert into graph values (1,2,'a'),(1,3,'b'),(2,3,'c'),(1,4,'d'),(4,5,'e'),(5,1,'f')");
    }

    @Test
    void recursiveTermJoinsAsPostgresDoes() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            assertEquals(List.of("CTE Scan on search_graph", "  CTE search_graph", "    ->  Recursive Union",
                    "          ->  Seq Scan on graph", "          ->  Merge Join",
                    "                Merge Cond: (g.f = sg.t)", "                ->  Sort",
                    "                      Sort Key: g.f", "                      ->  Seq Scan on graph g",
                    "                ->  Sort", "                      Sort Key: sg.t",
                    "                      ->  WorkTable Scan on search_graph sg"),
                    rowsShowingNull(c, "explain (costs off) " + GRAPH + "select f, t from search_graph"));
            // the merge join emits the second level's rows by g.f: (1,4) before (2,3)
            assertEquals(List.of("1|2", "1|3", "2|3", "1|4", "4|5", "5|1", "1|2", "1|3", "1|4", "2|3"),
                    rowsShowingNull(c, GRAPH + "select f, t from search_graph limit 10"));
        }
    }

    @Test
    void worktableFactorChangesTheEstimate() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            String explain = "explain " + GRAPH + "select f, t from search_graph";
            assertEquals("                      ->  WorkTable Scan on search_graph sg  (cost=0.00..240.00 rows=12000",
                    rowsShowingNull(c, explain).get(11).replaceAll(" width=.*", ""));
            exec(c, "set recursive_worktable_factor = 1");
            assertEquals("                      ->  WorkTable Scan on search_graph sg  (cost=0.00..24.00 rows=1200",
                    rowsShowingNull(c, explain).get(11).replaceAll(" width=.*", ""));
            exec(c, "reset recursive_worktable_factor");
        }
    }

    @Test
    void verboseShowsTheProjectionAndTheSelfReference() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            assertEquals(List.of("CTE Scan on s", "  Output: s.n", "  CTE s", "    ->  Recursive Union",
                    "          ->  Result", "                Output: 1", "          ->  WorkTable Scan on s w",
                    "                Output: (w.n + 1)", "                Filter: (w.n < 10)"),
                    rowsShowingNull(c, "explain (verbose, costs off) with recursive s(n) as "
                            + "(select 1 union all select n + 1 from s w where n < 10) select * from s"));
            assertEquals(List.of("Merge Join", "  Output: g.f, g.t, g.label", "  Merge Cond: (g.f = h.t)", "  ->  Sort",
                    "        Output: g.f, g.t, g.label", "        Sort Key: g.f", "        ->  Seq Scan on pg_temp.graph g",
                    "              Output: g.f, g.t, g.label"),
                    rowsShowingNull(c, "explain (verbose, costs off) select g.* from graph g, graph h where g.f = h.t")
                            .subList(0, 8));
        }
    }
}
