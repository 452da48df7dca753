package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.joinedRows;
import static org.tusk.it.Jdbc.plan;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * set_subquery_pathlist: a WHERE clause on a subquery that is not pulled up (grouping, a set
 * operation) is pushed into it, into each arm of a UNION or INTERSECT, but not through EXCEPT
 * nor through a column an arm must coerce. Plans and answers are PostgreSQL 15's.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SubqueryQualPushdownIT extends OneServerPerClass {

    @Test
    void clausesGoIntoTheArmsOfSetOperationsAndIntoGroupedSubqueries() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table qpa (a int, b numeric)", "create table qpb (a int, b int)",
                    "insert into qpa select g, g from generate_series(1, 6) g",
                    "insert into qpb select g % 4, g from generate_series(1, 6) g");
            String all = "select * from (select a from qpa union all select a from qpb) s where a = 2";
            assertEquals(List.of("Append", "  ->  Seq Scan on qpa", "        Filter: (a = 2)", "  ->  Seq Scan on qpb",
                    "        Filter: (a = 2)"), plan(c, all));
            assertEquals("2;2;2", joinedRows(c, all + " order by 1"));
            String intersect = "select * from (select a from qpa intersect select a from qpb) s where a > 2";
            assertEquals(List.of("Subquery Scan on s", "  ->  HashSetOp Intersect", "        ->  Append",
                    "              ->  Subquery Scan on \"*SELECT* 1\"", "                    ->  Seq Scan on qpa",
                    "                          Filter: (a > 2)", "              ->  Subquery Scan on \"*SELECT* 2\"",
                    "                    ->  Seq Scan on qpb", "                          Filter: (a > 2)"), plan(c, intersect));
            assertEquals("3", joinedRows(c, intersect + " order by 1"));
            // EXCEPT: the clause stays above
            assertEquals("  Filter: (s.a > 2)",
                    plan(c, "select * from (select a from qpa except select a from qpb) s where a > 2").get(1));
            assertEquals("4;5;6", joinedRows(c, "select * from (select a from qpa except select a from qpb) s where a > 2 order by 1"));
            // qpb.b is coerced to numeric for the UNION: nothing goes through that column
            String coerced = "select * from (select b from qpa union all select b from qpb) s where b = 2";
            assertEquals(List.of("Subquery Scan on s", "  Filter: (s.b = '2'::numeric)"), plan(c, coerced).subList(0, 2));
            assertEquals("2;2", joinedRows(c, coerced));
            // a grouped subquery: into its HAVING, whence a clause without aggregates moves to WHERE
            String grouped = "select * from (select a, count(*) from qpb group by a) s where a = 1 and count > 0";
            assertEquals(List.of("  Group Key: qpb.a", "  Filter: (count(*) > 0)", "  ->  Seq Scan on qpb",
                    "        Filter: (a = 1)"), plan(c, grouped).subList(1, 5));
            assertEquals("1|2", joinedRows(c, grouped));
        }
    }
}
