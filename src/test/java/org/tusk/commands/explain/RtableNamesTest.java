package org.tusk.commands.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * set_rtable_names: EXPLAIN names every scanned range table entry uniquely across the whole
 * statement, later query levels getting alias_1, alias_2, ...
 */
class RtableNamesTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table g (f int, t int)");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (verbose, costs off) " + query));
    }

    @Test
    void aRecursiveSelfReferenceIsNamedAfterTheScanOfItsWithQuery() {
        String plan = explain("with recursive x(a) as (values ('a') union all select x.a || x.a from x where length(x.a) < 5) "
                + "select * from x");
        assertTrue(plan.contains("CTE Scan on x\n"), plan);
        assertTrue(plan.contains("WorkTable Scan on x x_1"), plan);
        assertTrue(plan.contains("Output: (x_1.a || x_1.a)"), plan);
    }

    @Test
    void theSameAliasInBothArmsOfARecursiveQueryIsNumbered() {
        String plan = explain("with recursive s(f, t) as (select g.f, g.t from g union all "
                + "select g.f, g.t from g, s where g.f = s.t) select * from s");
        assertTrue(plan.contains("Seq Scan on public.g\n") || plan.contains("Seq Scan on public.g g\n"), plan);
        assertTrue(plan.contains("on public.g g_1"), plan);
    }

    @Test
    void oneLevelKeepsItsAliases() {
        String plan = explain("with x as materialized (select * from g) select * from x where f = 1");
        assertTrue(plan.contains("CTE Scan on x\n"), plan);
        assertTrue(plan.contains("Filter: (x.f = 1)"), plan);
    }
}
