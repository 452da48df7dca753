package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ordered-set and hypothetical-set aggregates (WITHIN GROUP) and ORDER BY ... USING through a
 * running server over a stored table: results, a view's stored definition as
 * pg_get_viewdef prints it, grouping sets, and the errors. Expected values are PostgreSQL 15's
 * answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OrderedSetAggregateIT {
    @Test
    void orderedSetAggregatesOverStoredTables() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table osa_t (g int, x int, s text)");
                s.execute("insert into osa_t values (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (2, 10, 'z'), (2, 20, 'y')");
                s.execute("create view osa_v as select g, percentile_disc(0.5) within group (order by x) as p,"
                        + " rank(2, 'b') within group (order by x, s desc) filter (where x > 0) as r,"
                        + " string_agg(s, ',' order by s using ~<~) as sa from osa_t group by g");
            }
            assertEquals(List.of(" SELECT osa_t.g,\n"
                    + "    percentile_disc((0.5)::double precision) WITHIN GROUP (ORDER BY osa_t.x) AS p,\n"
                    + "    rank(2, 'b'::text) WITHIN GROUP (ORDER BY osa_t.x, osa_t.s DESC) FILTER (WHERE (osa_t.x > 0)) AS r,\n"
                    + "    string_agg(osa_t.s, ','::text ORDER BY osa_t.s USING ~<~ NULLS LAST) AS sa\n"
                    + "   FROM osa_t\n"
                    + "  GROUP BY osa_t.g;"), TuskServer.rows(c, "select pg_get_viewdef('osa_v')"));
            assertEquals(List.of("1|2|2|a,b,c", "2|10|1|y,z"), TuskServer.rows(c, "select * from osa_v order by g"));
            // the grand total row's direct argument g is NULL, which sorts first here
            assertEquals(List.of("1|2|1", "2|15|1", "|3|1"), TuskServer.rows(c,
                    "select g, percentile_cont(0.5) within group (order by x), rank(g) within group (order by x nulls first)"
                            + " from osa_t group by rollup (g) order by g"));
            assertEquals(List.of("20", "10", "3", "2", "1"), TuskServer.rows(c, "select x from osa_t order by x using >"));
            // create_aggregate.sql's aggfns: a user aggregate whose state is an array of a composite type
            try (Statement s = c.createStatement()) {
                s.execute("create type aggtype as (a integer, b integer, c text)");
                s.execute("create function aggfns_trans(aggtype[], integer, integer, text) returns aggtype[]"
                        + " as 'select array_append($1, row($2, $3, $4)::aggtype)' language sql immutable");
                s.execute("create aggregate aggfns(integer, integer, text) (sfunc = aggfns_trans, stype = aggtype[],"
                        + " initcond = '{}')");
            }
            assertEquals(List.of("{\"(0,,)\",\"(1,3,foo)\",\"(2,2,bar)\",\"(3,1,baz)\"}"), TuskServer.rows(c,
                    "select aggfns(distinct a, b, c order by a, c using ~<~, b) from (values (1, 3, 'foo'), (0, null, null),"
                            + " (2, 2, 'bar'), (3, 1, 'baz')) v(a, b, c), generate_series(1, 2) i"));
            assertEquals(List.of("{\"(2,2,bar)\",\"(3,1,baz)\",\"(1,3,foo)\",\"(0,,)\"}"), TuskServer.rows(c,
                    "select aggfns(a, b, c order by c using ~<~) from (values (1, 3, 'foo'), (0, null, null), (2, 2, 'bar'),"
                            + " (3, 1, 'baz')) v(a, b, c)"));
            SQLException e = assertThrows(SQLException.class,
                    () -> TuskServer.rows(c, "select percentile_cont(0.5, x) from osa_t"));
            assertEquals("42809", e.getSQLState());
            e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select x from osa_t order by x using <>"));
            assertEquals("42809", e.getSQLState());
        }
    }
}
