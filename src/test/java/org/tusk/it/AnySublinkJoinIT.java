package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code x IN (SELECT ...)} and EXISTS pulled up to semi joins, compared with what PostgreSQL 15
 * prints and returns: a sub-select with LIMIT (or grouping, DISTINCT, ...) is joined as the
 * subquery "ANY_subquery" (convert_ANY_sublink_to_join), never merged with the test into one
 * EXISTS, since its LIMIT picks the candidate rows; and the correlating equalities of a semi join
 * form equivalence classes, so {@code (x, x) IN (SELECT p, q ...)} joins on {@code x = p} and
 * filters the inner side on {@code p = q}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AnySublinkJoinIT extends OneServerPerClass {
    private static List<String> rows(Connection c, String sql) throws Exception {
        return TuskServer.rows(c, sql);
    }

    private static void tables(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists sj_a, sj_b");
            s.execute("create table sj_a(x int, y int)");
            s.execute("create table sj_b(p int, q int)");
            s.execute("insert into sj_a select g, g % 3 from generate_series(1, 20) g");
            s.execute("insert into sj_b select g % 7, g % 5 from generate_series(1, 50) g");
            s.execute("analyze sj_a");
            s.execute("analyze sj_b");
        }
    }

    @Test
    void inOverLimitedSubqueryKeepsTheLimit() throws Exception {
        try (Connection c = server.connect()) {
            tables(c);
            assertEquals(List.of("1"), rows(c, "select count(*) from sj_a where x in (select p from sj_b order by p desc limit 3)"));
            assertEquals(List.of("1"), rows(c, "select count(*) from sj_a where x in (select x from sj_a limit 1)"));
            assertEquals(List.of("6"), rows(c, "select count(*) from sj_a where x in (select p from sj_b group by p)"));
        }
    }

    @Test
    void semiJoinEqualitiesFormEquivalenceClasses() throws Exception {
        try (Connection c = server.connect()) {
            tables(c);
            assertEquals(List.of(
                    "Hash Semi Join",
                    "  Hash Cond: (sj_a.x = sj_b.p)",
                    "  ->  Seq Scan on sj_a",
                    "  ->  Hash",
                    "        ->  Seq Scan on sj_b",
                    "              Filter: (p = q)"),
                    rows(c, "explain (costs off) select * from sj_a where (x, x) in (select p, q from sj_b)"));
            assertEquals(List.of("1|1", "2|2", "3|0", "4|1"),
                    rows(c, "select * from sj_a where (x, x) in (select p, q from sj_b) order by x"));
            assertEquals(List.of(
                    "Hash Semi Join",
                    "  Hash Cond: (a.x = b.p)",
                    "  ->  Seq Scan on sj_a a",
                    "  ->  Hash",
                    "        ->  Seq Scan on sj_b b",
                    "              Filter: (p = q)"),
                    rows(c, "explain (costs off) select * from sj_a a where exists"
                            + " (select 1 from sj_b b where b.p = a.x and b.q = a.x)"));
        }
    }

    @Test
    void inOverGroupedSubqueryWithTwoColumns() throws Exception {
        try (Connection c = server.connect()) {
            tables(c);
            assertEquals(List.of("4|1"), rows(c, "select * from sj_a where (x, x) in (select p, max(q) g from sj_b group by p)"));
            assertEquals(List.of("1|1", "2|2", "3|0", "4|1", "5|2", "6|0"), rows(c, "select * from sj_a where (x, 4) in (select p, max(q) from sj_b group by p) order by x"));
        }
    }
}
