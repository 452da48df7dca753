package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A WHERE conjunct that reads no column of its query level and calls no volatile function (a
 * pseudoconstant: a stable function, an outer query's value, an InitPlan's result) is checked
 * once, by a Result's One-Time Filter above the level's joins (create_gating_plan), not per row
 * of one of its tables; when it fails the relations are never read.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatingQualIT extends OneServerPerClass {

    @BeforeAll
    static void tables() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "create table ga (id int, v int)", "insert into ga values (1, 10), (2, 20)",
                    "create table gb (id int)", "insert into gb values (1), (2), (3)");
        }
    }

    @Test
    void aStableComparisonGatesTheJoin() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select ga.v from ga join gb on ga.id = gb.id where now() > '2000-01-01' order by 1";
            assertEquals(List.of("Sort", "  Sort Key: ga.v", "  ->  Result",
                    "        One-Time Filter: (now() > '2000-01-01 00:00:00+00'::timestamp with time zone)",
                    "        ->  Merge Join", "              Merge Cond: (ga.id = gb.id)", "              ->  Sort",
                    "                    Sort Key: ga.id", "                    ->  Seq Scan on ga", "              ->  Sort",
                    "                    Sort Key: gb.id", "                    ->  Seq Scan on gb"), Jdbc.plan(c, q));
            assertEquals(List.of("10", "20"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c,
                    "select ga.v from ga join gb on ga.id = gb.id where now() < '2000-01-01'"));
        }
    }

    @Test
    void anUncorrelatedExistsIsAnInitPlanGate() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Result", "  One-Time Filter: $0", "  InitPlan 1 (returns $0)", "    ->  Seq Scan on gb",
                    "  ->  Seq Scan on ga"), Jdbc.plan(c, "select * from ga where exists (select 1 from gb)"));
            assertEquals(List.of("2"), Jdbc.rowsShowingNull(c,
                    "select count(*) from ga where exists (select 1 from gb where gb.id = 3)"));
            assertEquals(List.of("0"), Jdbc.rowsShowingNull(c,
                    "select count(*) from ga where exists (select 1 from gb where gb.id = 4)"));
        }
    }

    @Test
    void anOuterReferenceGatesTheSubquery() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("1|1", "2|null"), Jdbc.rowsShowingNull(c,
                    "select ga.id, (select min(gb.id) from gb where ga.v < 15) from ga order by 1"));
        }
    }
    @Test
    void anInnerJoinsPseudoconstantOnQualGatesTheTopOfTheJoins() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select ga.v from ga join gb on ga.id = gb.id and now() < '2000-01-01'";
            assertEquals("Result", Jdbc.plan(c, q).get(0));
            assertEquals("  One-Time Filter: (now() < '2000-01-01 00:00:00+00'::timestamp with time zone)", Jdbc.plan(c, q).get(1));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("Result", "  One-Time Filter: false"),
                    Jdbc.plan(c, "select ga.v from ga join gb on ga.id = gb.id and 1 = 2"));
        }
    }

    @Test
    void anInnerJoinBelowAnOuterJoinIsGatedByItsOwnPseudoconstant() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select ga.id, gb.id, x.id from ga left join (gb join ga x on gb.id = x.id and now() < '2000-01-01')"
                    + " on ga.id = gb.id order by 1";
            List<String> plan = Jdbc.plan(c, q);
            assertEquals(true, plan.stream().anyMatch(l -> l.trim().equals("->  Result")), String.join("\n", plan));
            // the rows of ga are kept, null-extended
            assertEquals(List.of("1|null|null", "2|null|null"), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("1|1|1", "2|2|2"), Jdbc.rowsShowingNull(c, q.replace("now() <", "now() >")));
        }
    }

    @Test
    void twoConstantsOfOneColumnGateItsScan() throws Exception {
        try (Connection c = server.connect()) {
            // generate_base_implied_equalities_const: id = 1 and 2 = 1, the latter gating the scan of ga
            String q = "select * from ga where id = 1 and id = 2";
            assertEquals(List.of("Result", "  One-Time Filter: false", "  ->  Seq Scan on ga", "        Filter: (id = 1)"),
                    Jdbc.plan(c, q));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("1|10"), Jdbc.rowsShowingNull(c, "select * from ga where id = 1 and id = 1"));
        }
    }

    @Test
    void anExistsPseudoconstantMovesToTheParentLevel() throws Exception {
        try (Connection c = server.connect()) {
            String q = "select ga.id from ga where exists (select 1 from gb where gb.id = ga.id and now() < '2000-01-01')";
            assertEquals("Result", Jdbc.plan(c, q).get(0));
            assertEquals(List.of(), Jdbc.rowsShowingNull(c, q));
            assertEquals(List.of("1", "2"), Jdbc.rowsShowingNull(c, q.replace("now() <", "now() >") + " order by 1"));
        }
    }
}
