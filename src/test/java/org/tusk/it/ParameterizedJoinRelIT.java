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
 * A LEFT JOIN whose nullable side is a join is done as a nested loop over that join relation
 * parameterized by the outer row (joinpath.c try_nestloop_path over a parameterized join path,
 * relnode.c get_joinrel_parampathinfo): the join clause an inner table has an index for becomes
 * that table's index condition on the outer value, the other moved clause a join filter of the
 * inner join. The plans are PostgreSQL 15's (with bitmap scans off: Tusk does not yet make
 * parameterized bitmap scans); the rows must be those of the plan without parameters.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ParameterizedJoinRelIT extends OneServerPerClass {

    private static final String QUERY = "select s.k, s.w, a.id, b.id from pj_small s left join "
            + "(pj_big a join pj_big b on a.ref = b.id) on s.k = a.grp and s.w = b.ten";

    @BeforeAll
    static void fixtures() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table pj_big (id int primary key, grp int, ten int, ref int)");
            s.execute("insert into pj_big select g, g % 500, g % 10, g from generate_series(1, 5000) g");
            s.execute("create index on pj_big (grp)");
            s.execute("create table pj_small (k int, w int)");
            s.execute("insert into pj_small values (1, 1), (2, 3), (3, 5), (600, 1)");
            s.execute("analyze pj_big");
            s.execute("analyze pj_small");
        }
    }

    @Test
    void theNullableJoinIsParameterizedByTheOuterRow() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_bitmapscan = off");
            assertEquals(List.of("Nested Loop Left Join", "  ->  Seq Scan on pj_small s", "  ->  Nested Loop",
                    "        Join Filter: (s.w = b.ten)", "        ->  Index Scan using pj_big_grp_idx on pj_big a",
                    "              Index Cond: (grp = s.k)", "        ->  Index Scan using pj_big_pkey on pj_big b",
                    "              Index Cond: (id = a.ref)"), Jdbc.plan(c, QUERY));
        }
    }

    @Test
    void aRightJoinParameterizesItsNullableLeftSide() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_bitmapscan = off");
            String q = "select s.k, s.w, a.id, b.id from (pj_big a join pj_big b on a.ref = b.id) "
                    + "right join pj_small s on s.k = a.grp and s.w = b.ten";
            assertEquals(List.of("Nested Loop Left Join", "  ->  Seq Scan on pj_small s", "  ->  Nested Loop",
                    "        Join Filter: (s.w = b.ten)", "        ->  Index Scan using pj_big_grp_idx on pj_big a",
                    "              Index Cond: (grp = s.k)", "        ->  Index Scan using pj_big_pkey on pj_big b",
                    "              Index Cond: (id = a.ref)"), Jdbc.plan(c, q));
            assertEquals(Jdbc.rowsShowingNull(c, QUERY + " order by 1, 2, 3"), Jdbc.rowsShowingNull(c, q + " order by 1, 2, 3"));
        }
    }

    @Test
    void aClauseOnAnInnerOuterJoinsNullableSideStaysAtTheJoin() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            // b is null-extended inside the nullable side: s.w = coalesce(b.ten, 1) cannot move below that join
            String q = "select s.k, s.w, a.id, b.id from pj_small s left join "
                    + "(pj_big a left join pj_big b on a.ref = b.id and b.ten = 1) on s.k = a.grp and s.w = coalesce(b.ten, 1)";
            List<String> plan = Jdbc.plan(c, q);
            assertEquals("Nested Loop Left Join", plan.get(0));
            assertEquals("  Join Filter: (s.w = COALESCE(b.ten, 1))", plan.get(1));
            List<String> parameterized = Jdbc.rowsShowingNull(c, q + " order by 1, 2, 3");
            s.execute("set enable_nestloop = off");
            assertEquals(Jdbc.rowsShowingNull(c, q + " order by 1, 2, 3"), parameterized);
        }
    }

    @Test
    void anAntiJoinParameterizesItsInnerJoin() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("set enable_bitmapscan = off");
            // reduce_outer_joins: the strict join clause forces a.grp non-null, so "a.grp is null" makes an anti join
            String q = "select s.k, s.w from pj_small s left join (pj_big a join pj_big b on a.ref = b.id) "
                    + "on s.k = a.grp and s.w = b.ten where a.grp is null";
            assertEquals(List.of("Nested Loop Anti Join", "  ->  Seq Scan on pj_small s", "  ->  Nested Loop",
                    "        Join Filter: (s.w = b.ten)", "        ->  Index Scan using pj_big_grp_idx on pj_big a",
                    "              Index Cond: (grp = s.k)", "        ->  Index Scan using pj_big_pkey on pj_big b",
                    "              Index Cond: (id = a.ref)"), Jdbc.plan(c, q));
            assertEquals(List.of("2|3", "3|5", "600|1"), Jdbc.rowsShowingNull(c, q + " order by 1"));
        }
    }

    @Test
    void theRowsAreThoseOfTheUnparameterizedJoin() throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            List<String> parameterized = Jdbc.rowsShowingNull(c, QUERY + " order by 1, 2, 3");
            s.execute("set enable_nestloop = off");
            List<String> hashed = Jdbc.rowsShowingNull(c, QUERY + " order by 1, 2, 3");
            assertEquals(hashed, parameterized);
            assertEquals(13, parameterized.size());
            assertEquals("1|1|1|1", parameterized.get(0));
            // outer rows without partners are null-extended
            assertEquals(List.of("2|3|null|null", "3|5|null|null", "600|1|null|null"), parameterized.subList(10, 13));
        }
    }
}
