package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A LEFT JOIN whose outer column a WHERE clause pins to a constant restricts the inner side by
 * that constant through the join clause (equivclass.c reconsider_outer_join_clause): the inner
 * scan gets {@code id = 5} as its index condition and the join clause stays as the join filter.
 * The plans are PostgreSQL 15's; the rows are the same with or without the derived restriction.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OuterJoinConstantIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table oc_big (id int primary key, v text)");
            s.execute("insert into oc_big select g, 'v' || g from generate_series(1, 1000) g");
            s.execute("create table oc_small (k int, w int)");
            s.execute("insert into oc_small values (5, 1), (7, 2), (5, 3), (2000, 4)");
            s.execute("analyze oc_big");
            s.execute("analyze oc_small");
        }
    }

    @Test
    void theInnerSideIsRestrictedByTheConstant() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from oc_small s left join oc_big b on s.k = b.id where s.k = 5";
            assertEquals(List.of("Nested Loop Left Join", "  Join Filter: (s.k = b.id)", "  ->  Seq Scan on oc_small s",
                    "        Filter: (k = 5)", "  ->  Materialize", "        ->  Index Scan using oc_big_pkey on oc_big b",
                    "              Index Cond: (id = 5)"), Jdbc.plan(c, q));
            assertEquals(List.of("5|1|5|v5", "5|3|5|v5"), Jdbc.rowsShowingNull(c, q + " order by w"));
            // an outer row without a partner is still null-extended
            assertEquals(List.of("2000|4|null|null"),
                    Jdbc.rowsShowingNull(c, "select * from oc_small s left join oc_big b on s.k = b.id where s.k = 2000"));
        }
    }
}
