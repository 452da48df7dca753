package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/**
 * Join order and method as PostgreSQL's planner picks them for never-analysed tables (the
 * plans and row orders of join.sql's J1_TBL / J2_TBL queries, checked against PostgreSQL 15):
 * both inputs are tried as the outer one and the cheaper by a hair wins, and inner-joined items
 * are ordered by the dynamic-programming join search.
 */
class JoinOrderEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table j1 (i int, j int, t text)");
        sql.rows("create table j2 (i int, k int)");
        sql.rows("insert into j1 values (1, 4, 'one'), (2, 3, 'two')");
        sql.rows("insert into j2 values (1, -1), (2, 2)");
    }

    @Test
    void crossJoinTakesTheNarrowerTableAsInner() {
        assertEquals(List.of("Nested Loop", "  ->  Seq Scan on j2", "  ->  Materialize", "        ->  Seq Scan on j1"),
                sql.rows("explain (costs off) select * from j1 cross join j2"));
        assertEquals(List.of("1|4|one|1|-1", "2|3|two|1|-1", "1|4|one|2|2", "2|3|two|2|2"),
                sql.rows("select * from j1 cross join j2"));
    }

    @Test
    void explicitCrossJoinsAreReordered() {
        assertEquals(List.of("Nested Loop",
                        "  ->  Nested Loop",
                        "        ->  Seq Scan on j2 a",
                        "        ->  Materialize",
                        "              ->  Seq Scan on j1",
                        "  ->  Materialize",
                        "        ->  Seq Scan on j2 b"),
                sql.rows("explain (costs off) select * from j1 cross join j2 a cross join j2 b"));
    }

    @Test
    void equiJoinOfUnanalysedTablesIsAMergeJoin() {
        assertEquals(List.of("Merge Join",
                        "  Merge Cond: (j1.i = j2.i)",
                        "  ->  Sort",
                        "        Sort Key: j1.i",
                        "        ->  Seq Scan on j1",
                        "  ->  Sort",
                        "        Sort Key: j2.i",
                        "        ->  Seq Scan on j2"),
                sql.rows("explain (costs off) select * from j1 join j2 using (i)"));
        assertEquals(List.of("1|4|one|-1", "2|3|two|2"), sql.rows("select * from j1 join j2 using (i)"));
    }

    @Test
    void uniqueHashKeyMakesTheHashJoinCheap() {
        // with a unique index on the hashed key each probe reads about one row (estimate_hash_bucketsize)
        sql.rows("create table parent (k int primary key, pd int)");
        sql.rows("create table child (k int unique, cd int)");
        sql.rows("insert into parent values (1, 10), (2, 20), (3, 30)");
        sql.rows("insert into child values (1, 100), (4, 400)");
        assertEquals(List.of("Hash Join",
                        "  Hash Cond: (p.k = c.k)",
                        "  ->  Seq Scan on parent p",
                        "  ->  Hash",
                        "        ->  Seq Scan on child c"),
                sql.rows("explain (costs off) select * from parent p join child c on p.k = c.k"));
        assertEquals(List.of("Hash Join",
                        "  Hash Cond: (p.i = c.k)",
                        "  ->  Seq Scan on j1 p",
                        "  ->  Hash",
                        "        ->  Seq Scan on child c"),
                sql.rows("explain (costs off) select * from j1 p join child c on p.i = c.k"));
        assertEquals(List.of("1|10|1|100"), sql.rows("select * from parent p join child c on p.k = c.k"));
    }
}
