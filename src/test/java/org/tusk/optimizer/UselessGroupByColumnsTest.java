package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/** remove_useless_groupby_columns: how many grouping keys the Agg keeps, and that the rows do not change. */
class UselessGroupByColumnsTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table t (a int, b int, c int, d int, primary key (a, b))");
        sql.rows("create table u (x int primary key, y int)");
        sql.rows("create table n (a int, b int, c int)");
        sql.rows("insert into t values (1, 1, 5, 6), (1, 2, 7, 8), (2, 1, 9, 10)");
        sql.rows("insert into u values (1, 3), (2, 4)");
    }

    /** The number of grouping keys of the query's Agg node. */
    private int groupKeys(String query) {
        sql.rows(query);
        Plan p = sql.last.plannedStmt().planTree();
        while (!(p instanceof Plan.Agg a)) {
            p = switch (p) {
                case Plan.Sort s -> s.child();
                case Plan.SubqueryScan s -> s.child();
                case Plan.Limit l -> l.child();
                default -> throw new AssertionError("no Agg in " + p);
            };
        }
        return a.groupKeys().size();
    }

    @Test
    void columnsDependingOnAGroupedPrimaryKeyAreNoKeys() {
        assertEquals(2, groupKeys("select * from t group by a, b, c, d"));
        assertEquals(2, groupKeys("select * from t group by d, c, b, a"));
        assertEquals(List.of("1|1|5|6", "1|2|7|8", "2|1|9|10"), sql.rows("select * from t group by a, b, c, d order by 1, 2"));
    }

    @Test
    void withoutTheWholeKeyNothingGoes() {
        assertEquals(3, groupKeys("select a, c, d from t group by a, c, d"));
        // no primary key at all
        assertEquals(3, groupKeys("select a, b, c from n group by a, b, c"));
        // exactly the key: nothing to remove
        assertEquals(2, groupKeys("select a, b from t group by a, b"));
    }

    @Test
    void expressionsAndOtherTablesColumnsStay() {
        assertEquals(3, groupKeys("select a, b, c, count(*) from t group by a, b, c, a + 1"));
        // t's key is grouped, u's (x) is too: t.c and u.y go
        assertEquals(3, groupKeys("select t.a, t.b, t.c, u.x, u.y from t join u on t.a = u.x "
                + "group by t.a, t.b, t.c, u.x, u.y"));
        // u.y stays when u's key is not grouped
        assertEquals(3, groupKeys("select t.a, t.b, t.c, u.y from t join u on t.a = u.x group by t.a, t.b, t.c, u.y"));
    }

    @Test
    void sortedGroupingGivesTheSameRows() {
        sql.rows("set enable_hashagg = off");
        assertEquals(2, groupKeys("select a, b, c, d, count(*) from t group by a, b, c, d"));
        assertEquals(List.of("1|1|5|6|1", "1|2|7|8|1", "2|1|9|10|1"),
                sql.rows("select a, b, c, d, count(*) from t group by a, b, c, d"));
    }
}
