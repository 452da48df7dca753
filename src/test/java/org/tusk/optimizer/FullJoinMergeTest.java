package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * FULL JOIN through merge join: the clauseless merge join of FULL JOIN ON TRUE/FALSE
 * (match_unsorted_outer's corner case), MJCompare's ordering of NULL keys, and locking
 * clauses naming a join.
 */
class FullJoinMergeTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table a (f int)");
        sql.rows("create table b (f int)");
        sql.rows("insert into a values (1), (2), (null)");
        sql.rows("insert into b values (10), (null)");
    }

    private Plan top(String query) {
        sql.rows(query);
        Plan p = sql.last.plannedStmt().planTree();
        while (p instanceof Plan.SubqueryScan s && s.rte() == null) p = s.child();  // the projection
        return p;
    }

    @Test
    void fullJoinOnTrueIsTheCrossProductByAClauselessMergeJoin() {
        assertEquals(List.of("1|10", "1|", "2|10", "2|", "|10", "|"),
                sql.rows("select * from a full join b on true"));
        Plan p = top("select * from a full join b on true");
        assertTrue(p instanceof Plan.MergeJoin m && m.outerKeys().isEmpty() && m.joinQual() == null, p.toString());
    }

    @Test
    void fullJoinOnFalseLeavesEveryRowUnmatchedInnerRowsFirst() {
        // a constant-false join qual never matches: the inner side advances first (mj_ConstFalseJoin)
        assertEquals(List.of("|10", "|", "1|", "2|", "|"), sql.rows("select * from a full join b on false"));
        // the outer row with a NULL key and both inner rows
        assertEquals(List.of("|10", "|", "|"), sql.rows("select * from a full join b on false where a.f is null"));
    }

    @Test
    void fullJoinOnTrueOfAnEmptySideNullExtendsTheOther() {
        sql.rows("delete from b");
        assertEquals(List.of("1|", "2|", "|"), sql.rows("select * from a full join b on true"));
    }

    @Test
    void nullInALaterMergeKeyDoesNotHideLaterMatches() {
        // inner sorted on (i, k) holds (0, NULL) before (2, 2): the NULL second key must not
        // make the merge skip past outer rows that match further on
        sql.rows("create table j1 (i int)");
        sql.rows("create table j2 (i int, k int)");
        sql.rows("insert into j1 values (0), (1), (2), (null)");
        sql.rows("insert into j2 values (0, null), (1, -1), (2, 2), (2, 4), (null, null)");
        sql.rows("set enable_hashjoin = off");
        sql.rows("set enable_nestloop = off");
        Plan p = top("select * from j1 full join j2 on j1.i = j2.i and j1.i = j2.k");
        assertTrue(p instanceof Plan.MergeJoin, p.toString());
        assertEquals(List.of("0||", "1||", "2|2|2", "|0|", "|1|-1", "|2|4", "||", "||"),
                sql.rows("select j1.i, j2.i, j2.k from j1 full join j2 on j1.i = j2.i and j1.i = j2.k"
                        + " order by j1.i nulls last, j2.i nulls last, j2.k nulls last"));
    }

    @Test
    void lockingANamedJoinIsRefused() {
        sql.rows("create table t3 (x int)");
        assertEquals("0A000: FOR UPDATE cannot be applied to a join @59",
                sql.error("select * from a join b using (f) as foo, t3 for update of foo"));
        assertEquals("0A000: FOR UPDATE cannot be applied to a join @68",
                sql.error("select * from (a join b using (f) as foo) as bar, t3 for update of bar"));
        // under the alias bar the USING alias foo is no longer a relation name
        assertEquals("42P01: relation \"foo\" in FOR UPDATE clause not found in FROM clause @68",
                sql.error("select * from (a join b using (f) as foo) as bar, t3 for update of foo"));
    }

    @Test
    void joinAliasListTooLong() {
        assertEquals("42P10: join expression \"ss\" has 2 columns available but 3 columns specified",
                sql.error("select * from (a cross join b) ss(x, y, z)"));
    }

    @Test
    void columnOfAFromItemASubqueryCannotSeeIsHinted() {
        var e = sql.exception("select * from a, (select f as g) ss");
        assertEquals("column \"f\" does not exist", e.getMessage());
        assertEquals("There is a column named \"f\" in table \"a\", but it cannot be referenced from this part of the query.",
                e.hint());
        assertEquals(null, sql.exception("select * from a, (select nosuch as g) ss").hint());
    }
}
