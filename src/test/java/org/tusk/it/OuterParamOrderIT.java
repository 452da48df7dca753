package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A column that a sub-select's WHERE sets equal to an outer query's column is pinned for each
 * run of the sub-select, as by a constant (its equivalence class has a pseudoconstant member):
 * ordering by it needs no sort, and MIN/MAX of it is an InitPlan reading the first row of the
 * unsorted scan (planagg.c), as PostgreSQL plans both.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OuterParamOrderIT extends OneServerPerClass {

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table op (f1 int)");
            s.execute("insert into op values (0), (123456), (-123456), (2147483647), (-2147483647)");
            s.execute("analyze op");
        }
    }

    @Test
    void orderByAColumnEqualToAnOuterColumnIsNoSort() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select f1, (select f1 from op t1 where t1.f1 = t0.f1 order by f1 limit 1) from op t0";
            assertEquals(List.of("Seq Scan on op t0", "  SubPlan 1", "    ->  Limit", "          ->  Seq Scan on op t1",
                    "                Filter: (f1 = t0.f1)"), Jdbc.plan(c, q));
            assertEquals(List.of("-2147483647|-2147483647", "-123456|-123456", "0|0", "123456|123456",
                    "2147483647|2147483647"), Jdbc.rowsShowingNull(c, q + " order by 1"));
        }
    }

    @Test
    void minOfAColumnEqualToAnOuterColumnIsAnInitPlan() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select f1, (select min(t1.f1) from op t1 where t1.f1 = t0.f1) from op t0";
            List<String> plan = Jdbc.plan(c, q);
            assertTrue(plan.stream().anyMatch(l -> l.trim().equals("Filter: ((f1 IS NOT NULL) AND (f1 = t0.f1))")), plan.toString());
            assertTrue(plan.stream().anyMatch(l -> l.trim().equals("->  Limit")), plan.toString());
            assertFalse(plan.stream().anyMatch(l -> l.contains("Aggregate") || l.contains("Sort")), plan.toString());
            assertEquals(List.of("-2147483647|-2147483647", "-123456|-123456", "0|0", "123456|123456",
                    "2147483647|2147483647"), Jdbc.rowsShowingNull(c, q + " order by 1"));
        }
    }
}
