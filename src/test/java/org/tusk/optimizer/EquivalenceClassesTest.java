package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/** Equivalence classes (equivclass.c): the clauses they imply, and answers that must not change. */
class EquivalenceClassesTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (a int, b int, c text)");
        sql.rows("create table u (x int, y int)");
        sql.rows("create table v (z int)");
        sql.rows("insert into t values (1, 10, 'p'), (2, 2, 'q'), (3, 3, 'r')");
        sql.rows("insert into u values (1, 5), (2, 2), (3, 7)");
        sql.rows("insert into v values (1), (2), (9)");
    }

    private String explain(String query) {
        return String.join("\n", sql.rows("explain (costs off) " + query));
    }

    @Test
    void aConstantRestrictsEveryMemberAndLeavesNoJoinClause() {
        String plan = explain("select * from t, u where a = x and x = 5 and b > 3 and y < 2");
        assertTrue(plan.contains("Filter: ((y < 2) AND (x = 5))"), plan);
        assertTrue(plan.contains("Filter: ((b > 3) AND (a = 5))"), plan);
        assertFalse(plan.contains("Cond:") || plan.contains("Join Filter"), plan);
        assertEquals(List.of("2|2|q|2|2"), sql.rows("select * from t, u where a = x and x = 2"));
    }

    @Test
    void membersOfOneRelationAreEquatedToTheConstant() {
        assertTrue(explain("select * from t where a = b and b = 3").contains("Filter: ((a = 3) AND (b = 3))"));
        assertEquals(List.of("3|3|r"), sql.rows("select * from t where a = b and b = 3"));
    }

    @Test
    void twoConstantsInOneClassContradictEachOther() {
        assertEquals(List.of(), sql.rows("select * from t where a = 1 and a = 2"));
        assertEquals(List.of(), sql.rows("select * from t, u where a = x and x = 1 and a = 2"));
        assertEquals(List.of("1|10|p"), sql.rows("select * from t where a = 1 and 1 = a"));
    }

    @Test
    void aColumnEquatedToAConstantKeepsItsClauseAfterTheOtherRestrictions() {
        assertTrue(explain("select * from t where 0 = a and b > 3").contains("Filter: ((b > 3) AND (0 = a))"));
    }

    @Test
    void membersOfOneRelationWithoutAConstantAreEquatedToEachOther() {
        String plan = explain("select * from t, u where x = a and b = y and a = b");
        assertTrue(plan.contains("Filter: (x = y)"), plan);
        assertTrue(plan.contains("Filter: (a = b)"), plan);
        assertEquals(List.of("2|2|q|2|2"), sql.rows("select * from t, u where x = a and b = y and a = b"));
    }

    @Test
    void equalityIsTransitiveAcrossJoins() {
        // a = x and x = z also joins v with t directly, by a clause nobody wrote (as PostgreSQL plans it)
        String plan = explain("select * from t, u, v where a = x and x = z");
        assertTrue(plan.contains("Cond: (v.z = t.a)") && plan.contains("Cond: (t.a = u.x)"), plan);
        assertEquals(List.of("1|1|1", "2|2|2"), sql.rows("select a, x, z from t, u, v where a = x and x = z order by 1"));
    }

    @Test
    void aNullableSidesEqualitiesStayOrdinaryClauses() {
        // pushing coalesce(u.y, 1) = 1 below the left join would null-extend t's row and keep it
        assertEquals(List.of(), sql.rows("select * from t left join u on a = x where coalesce(u.y, 1) = a and a = 1"));
        assertTrue(explain("select * from t left join u on a = x where coalesce(u.y, 1) = a and a = 1")
                .contains("(COALESCE(u.y, 1) = t.a)"));
    }
}
