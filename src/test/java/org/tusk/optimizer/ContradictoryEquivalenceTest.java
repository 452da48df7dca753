package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * generate_base_implied_equalities_const: an equivalence class over two joined relations that
 * equates two different constants (p.k = x.k, p.k = 1, p.k = 2) yields the pseudoconstant
 * 2 = 1 at the join of both relations, which makes that join, and so the query, empty:
 * PostgreSQL 15 plans it as a lone "Result, One-Time Filter: false".
 */
class ContradictoryEquivalenceTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table parent (k int primary key, pd int)");
        sql.rows("insert into parent values (1, 10), (2, 20)");
    }

    @Test
    void twoConstantsInAClassAcrossAJoinMakeTheJoinDummy() {
        String q = "select p.* from parent p join parent x on p.k = x.k where p.k = 1 and p.k = 2";
        assertEquals(List.of("Result", "  One-Time Filter: false"), sql.rows("explain (costs off) " + q));
        assertEquals(List.of(), sql.rows(q));
    }

    @Test
    void equalConstantsDoNotEmptyTheJoin() {
        assertEquals(List.of("1"),
                sql.rows("select p.k from parent p join parent x on p.k = x.k where p.k = 1 and x.k = 1"));
    }
}
