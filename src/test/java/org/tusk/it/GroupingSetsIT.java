package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Grouping sets through a running server over stored tables: the answers that used to be wrong
 * (equal grouping expressions, a constant grouping column under a filter from outside,
 * pulled-up subquery outputs), GROUP BY DISTINCT and GROUPING() of an outer level. Expected
 * values are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GroupingSetsIT {
    @Test
    void groupingSetsAnswerAsPostgresDoes() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table gs_i8 (q1 int8, q2 int8)");
                s.execute("insert into gs_i8 values (123, 456), (123, 4567890123456789), (4567890123456789, 123),"
                        + " (4567890123456789, 4567890123456789), (4567890123456789, -4567890123456789)");
            }
            assertEquals(List.of("1|1", "1|", "2|2", "2|", "3|3", "3|"), TuskServer.rows(c,
                    "select g as alias1, g as alias2 from generate_series(1,3) g group by alias1, rollup(alias2) order by 1, 2"));
            assertEquals(List.of(), TuskServer.rows(c, "select * from (select 1 as x, q1, sum(q2) from gs_i8 i1"
                    + " group by grouping sets(1, 2)) ss where x = 1 and q1 = 123"));
            assertEquals(List.of("3|3", "|3"), TuskServer.rows(c,
                    "select (x+y)*1, sum(z) from (select 1 as x, 2 as y, 3 as z) s group by grouping sets (x+y, x) order by 1"));
            assertEquals(List.of("0", "0", "0", "0", "0"), TuskServer.rows(c, "select (select grouping(ss.x)) from gs_i8 i1"
                    + " cross join lateral (select (select i1.q1) as x) ss group by ss.x, i1.q2 order by 1"));
            assertEquals(List.of("2", "3", "5"), TuskServer.rows(c,
                    "select count(*) from gs_i8 group by distinct rollup(q1), rollup(q1) order by 1"));
        }
    }
}
