package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;

/**
 * SEARCH and CYCLE clauses of recursive WITH queries on a real server through pgjdbc: the added
 * sequence, mark and path columns (arrays of records), their errors, and views that keep the
 * clauses. The expected outputs are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SearchCycleIT extends OneServerPerClass {

    private static String error(Connection c, String sql) {
        PSQLException e = assertThrows(PSQLException.class, () -> exec(c, sql));
        return e.getSQLState() + " " + e.getServerErrorMessage().getMessage();
    }

    private static final String GRAPH = "with recursive s(f,t,label) as (select * from g where f = 1 union all "
            + "select g.* from g, s where g.f = s.t and g.f <> 5) ";
    private static final String CYCLIC = "with recursive s(f,t,label) as (select * from g union all "
            + "select g.* from g, s where g.f = s.t) ";

    private static void graph(Connection c) throws SQLException {
        exec(c, "create table if not exists g(f int, t int, label text)", "truncate g",
                "insert into g values (1,2,'a'),(1,3,'b'),(2,3,'c'),(1,4,'d'),(4,5,'e'),(5,1,'f')");
    }

    @Test
    void searchOrdersDepthAndBreadthFirst() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            assertEquals(List.of("1|2|{\"(1,2)\"}", "2|3|{\"(1,2)\",\"(2,3)\"}", "1|3|{\"(1,3)\"}", "1|4|{\"(1,4)\"}",
                    "4|5|{\"(1,4)\",\"(4,5)\"}"),
                    rowsShowingNull(c, GRAPH + "search depth first by f, t set seq select f, t, seq from s order by seq"));
            assertEquals(List.of("1|2|(0,1,2)", "1|3|(0,1,3)", "1|4|(0,1,4)", "2|3|(1,2,3)", "4|5|(1,4,5)"),
                    rowsShowingNull(c, GRAPH + "search breadth first by f, t set seq select f, t, seq from s order by seq"));
        }
    }

    @Test
    void cycleStopsAtTheFirstRepeatedRow() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            assertEquals(List.of("25|3"), rowsShowingNull(c, CYCLIC + "cycle f, t set is_cycle to 'Y' default 'N' using path "
                    + "select count(*), count(*) filter (where is_cycle = 'Y') from s"));
            // * over the self-reference leaves out the added columns
            assertEquals(List.of("1|f|{(1)}", "1|t|{(1),(1)}"),
                    rowsShowingNull(c, "with recursive a as (select 1 as b union all select * from a) cycle b set c using p select * from a"));
        }
    }

    @Test
    void arraysOfRecords() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("{\"(1,3)\"}", "{\"(2,1)\"}"),
                    rowsShowingNull(c, "select x from (values (array[row(2,1)]),(array[row(1,3)])) v(x) order by x"));
            assertEquals(List.of("{\"(1,a)\",\"(2,b)\"}|t"),
                    rowsShowingNull(c, "select array[row(1,'a')] || array[row(2,'b')], row(2,3) = any(array[row(1,2), row(2,3)])"));
        }
    }

    @Test
    void errors() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            assertEquals("42601 search column \"foo\" not in WITH query column list",
                    error(c, CYCLIC + "search depth first by foo set seq select * from s"));
            assertEquals("42701 cycle column \"f\" specified more than once",
                    error(c, CYCLIC + "cycle f, f set c using p select * from s"));
            assertEquals("42601 cycle mark column name and cycle path column name are the same",
                    error(c, CYCLIC + "cycle f set c using c select * from s"));
            assertEquals("42804 CYCLE types boolean and integer cannot be matched",
                    error(c, CYCLIC + "cycle f set c to true default 55 using p select * from s"));
            assertEquals("42601 WITH query is not recursive", error(c, "with s as (select 1 as x) cycle x set c using p select * from s"));
        }
    }

    @Test
    void viewsKeepTheClauses() throws Exception {
        try (Connection c = server.connect()) {
            graph(c);
            exec(c, "create or replace view vs as " + CYCLIC
                    + "cycle f, t set is_cycle to 'Y' default 'N' using path select f, t from s");
            String def = rowsShowingNull(c, "select pg_get_viewdef('vs')").get(0);
            assertEquals(true, def.contains(") CYCLE f, t SET is_cycle TO 'Y'::text DEFAULT 'N'::text USING path"), def);
            assertEquals(List.of("25"), rowsShowingNull(c, "select count(*) from vs"));
        }
    }
}
