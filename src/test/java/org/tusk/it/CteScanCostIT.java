package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A scan of a WITH query costs as cost_ctescan (cpu_tuple_cost twice per row), is rescanned by a
 * nested loop from its tuplestore without a Materialize (cost_rescan, ExecMaterializesOutput),
 * and its filter is estimated without statistics from its rows alone (get_variable_numdistinct:
 * fewer than 200 rows, as many distinct values as rows), so a cross join with a filtered
 * reference puts the smaller, filtered side outside as PostgreSQL does (numeric.sql's x1 / x2).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CteScanCostIT extends OneServerPerClass {

    private static final String V = "with v(x) as (values ('0'::numeric), ('1'), ('-1'), ('4.2'), ('inf'), ('-inf'), ('nan')) ";

    @Test
    void aFilteredCteReferenceIsTheOuterSideWithoutMaterialize() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Nested Loop", "  CTE v", "    ->  Values Scan on \"*VALUES*\"",
                    "  ->  CTE Scan on v v2", "        Filter: (x2 <> '0'::numeric)", "  ->  CTE Scan on v v1"),
                    Jdbc.plan(c, V + "select x1, x2, x1 / x2 from v as v1(x1), v as v2(x2) where x2 != 0"));
            List<String> costed = Jdbc.rowsShowingNull(c,
                    "explain " + V + "select x1, x2 from v as v1(x1), v as v2(x2) where x2 != 0");
            assertEquals("  ->  CTE Scan on v v2  (cost=0.00..0.16 rows=6 width=32)", costed.get(3));
            assertEquals("  ->  CTE Scan on v v1  (cost=0.00..0.14 rows=7 width=32)", costed.get(5));
            assertEquals(List.of("0|1", "1|1", "-1|1"), Jdbc.rowsShowingNull(c,
                    V + "select x1, x2 from v as v1(x1), v as v2(x2) where x2 != 0 limit 3"));
        }
    }
}
