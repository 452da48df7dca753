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
 * A join whose inner side is unique for the join clauses stops reading the inner side at an
 * outer row's first match, which final_cost_hashjoin and final_cost_nestloop charge less for
 * (compute_semi_anti_join_factors); so PostgreSQL hashes the unique side of an inner join, as
 * its plan shows ("Inner Unique: true"). The expected plans and costs are PostgreSQL 15's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UniqueInnerCostIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table ui1 (id int primary key)");
            s.execute("create table ui3 (id int)");
            s.execute("insert into ui1 values (1), (2), (3)");
            s.execute("insert into ui3 values (1), (1)");
            s.execute("analyze ui1");
            s.execute("analyze ui3");
        }
    }

    @Test
    void theUniqueSideIsHashed() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select * from ui1 inner join ui3 on ui1.id = ui3.id";
            assertEquals(List.of("Hash Join  (cost=1.07..2.10 rows=2 width=8)", "  Output: ui1.id, ui3.id",
                    "  Inner Unique: true", "  Hash Cond: (ui3.id = ui1.id)",
                    "  ->  Seq Scan on public.ui3  (cost=0.00..1.02 rows=2 width=4)", "        Output: ui3.id",
                    "  ->  Hash  (cost=1.03..1.03 rows=3 width=4)", "        Output: ui1.id",
                    "        ->  Seq Scan on public.ui1  (cost=0.00..1.03 rows=3 width=4)", "              Output: ui1.id"),
                    Jdbc.rowsShowingNull(c, "explain verbose " + q));
            assertEquals(List.of("1|1", "1|1"), Jdbc.rowsShowingNull(c, q));
        }
    }
}
