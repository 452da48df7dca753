package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/** innerrel_is_unique: which joins the planner marks inner-unique (EXPLAIN VERBOSE's "Inner Unique: true"). */
class InnerUniqueTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table j1 (id int primary key)");
        sql.rows("create table j2 (id int primary key)");
        sql.rows("create table j3 (id int)");
        sql.rows("create table two (a int, b int, primary key (a, b))");
        sql.rows("insert into j1 values (1), (2), (3)");
        sql.rows("insert into j2 values (1), (2), (3)");
        sql.rows("insert into j3 values (1), (1)");
    }

    /** The topmost join of {@code query}'s plan. */
    private Plan join(String query) {
        sql.rows(query);
        Plan p = sql.last.plannedStmt().planTree();
        while (true) {
            switch (p) {
                case Plan.NestLoop n -> { return n; }
                case Plan.HashJoin h -> { return h; }
                case Plan.MergeJoin m -> { return m; }
                case Plan.Sort s -> p = s.child();
                case Plan.SubqueryScan s -> p = s.child();
                case Plan.Agg a -> p = a.child();
                default -> throw new AssertionError("no join in " + p);
            }
        }
    }

    private static boolean unique(Plan p) {
        return switch (p) {
            case Plan.NestLoop n -> n.innerUnique();
            case Plan.HashJoin h -> h.innerUnique();
            case Plan.MergeJoin m -> m.innerUnique();
            default -> false;
        };
    }

    @Test
    void anEqualityToTheInnersUniqueKeyMakesItUnique() {
        assertTrue(unique(join("select * from j1 join j2 on j1.id = j2.id")));
        assertTrue(unique(join("select * from j1 left join j2 on j1.id = j2.id")));
        assertTrue(unique(join("select * from j1 full join j2 on j1.id = j2.id")));
        assertTrue(unique(join("select * from j3 join (select distinct id from j3) d on j3.id = d.id")));
    }

    @Test
    void withoutAUniqueKeyCoveredTheJoinIsNot() {
        assertFalse(unique(join("select * from j3 a join j3 b on a.id = b.id")), "neither side has a unique key");
        assertFalse(unique(join("select * from j1 join j2 on j1.id > j2.id")));
        assertFalse(unique(join("select * from j1 cross join j2")));
        assertFalse(unique(join("select * from j3 left join two on j3.id = two.a")), "half of a two-column key");
        assertTrue(unique(join("select * from j3 left join two on j3.id = two.a and two.b = 1")), "the rest pinned by a constant");
        assertEquals(List.of("1|1", "1|1"), sql.rows("select * from j1 join j3 on j1.id = j3.id"));
    }
}
