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
 * A pseudoconstant WHERE clause gates the join tree with a Result (create_gating_plan), which
 * computes the final target list itself: a scan below it emits its table's columns, a join the
 * columns the target list reads. Expected plans and answers are PostgreSQL 15's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GatingResultProjectionIT extends OneServerPerClass {

    @Test
    void theGatingResultComputesTheTargetList() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table gp_a (a int, b int)", "insert into gp_a select x, x % 5 from generate_series(1, 20) x",
                    "create table gp_c (c int, d int)", "insert into gp_c select x, x % 3 from generate_series(1, 10) x",
                    "analyze gp_a", "analyze gp_c");
            assertEquals(List.of("Result", "  Output: (a + 1), b", "  One-Time Filter: (now() = now())",
                    "  ->  Seq Scan on public.gp_a", "        Output: a, b"),
                    rowsShowingNull(c, "explain (verbose, costs off) select a + 1, b from gp_a where now() = now()"));
            // (the Hash's input is not narrowed to the columns the join reads yet, so only the top is compared)
            assertEquals(List.of("Result", "  Output: (gp_a.a + 1), gp_c.c", "  One-Time Filter: (now() = now())",
                    "  ->  Hash Join", "        Output: gp_a.a, gp_c.c", "        Hash Cond: (gp_a.a = gp_c.c)",
                    "        ->  Seq Scan on public.gp_a", "              Output: gp_a.a, gp_a.b"),
                    rowsShowingNull(c, "explain (verbose, costs off) select gp_a.a + 1, gp_c.c from gp_a, gp_c"
                            + " where now() = now() and gp_a.a = gp_c.c").subList(0, 8));
            assertEquals(List.of("2|1|null", "3|2|null", "4|3|null", "5|4|null"), rowsShowingNull(c,
                    "select gp_a.a + 1, gp_c.c, (select 1 where gp_c.d > gp_a.b) from gp_a, gp_c"
                            + " where now() = now() and gp_a.a = gp_c.c order by 1 limit 4"));
            assertEquals(List.of(), rowsShowingNull(c,
                    "select gp_a.a + 1, gp_c.c from gp_a, gp_c where now() <> now() and gp_a.a = gp_c.c"));
        }
    }
}
