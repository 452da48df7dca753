package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.MemEnv;
import org.tusk.testsupport.Sql;

/**
 * Hashed and mixed grouping sets (consider_groupingsets_paths): which plan each query gets, and
 * that the hashed plans give the same groups as the sorted ones. Expected plans and rows are
 * PostgreSQL 15's answers (groupingsets.sql).
 */
class GroupingSetStrategyTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory(new MemEnv());
        sql.rows("create table gs (a int, b int, v int)");
        sql.rows("insert into gs values (1, 1, 10), (1, 2, 20), (2, 1, 30), (2, 2, 40), (2, 2, 50)");
        sql.rows("create table gstest4 (id integer, v integer, unhashable_col bit(4), unsortable_col xid)");
        sql.rows("insert into gstest4 values (1, 1, b'0000', '1'), (2, 2, b'0001', '1'), (3, 4, b'0010', '2'),"
                + " (4, 8, b'0011', '2'), (5, 16, b'0000', '2'), (6, 32, b'0001', '2'), (7, 64, b'0010', '1'),"
                + " (8, 128, b'0011', '1')");
    }

    private List<String> plan(String q) {
        return sql.rows("explain (costs off) " + q);
    }

    @Test
    void cubeIsHashedWithTheEmptySetSorted() {
        String q = "select a, b, grouping(a, b), sum(v), count(*) from gs group by cube (a, b) order by 3, 1, 2";
        assertEquals(List.of("Sort", "  Sort Key: (GROUPING(a, b)), a, b", "  ->  MixedAggregate",
                "        Hash Key: a, b", "        Hash Key: a", "        Hash Key: b", "        Group Key: ()",
                "        ->  Seq Scan on gs"), plan(q));
        List<String> expected = List.of("1|1|0|10|1", "1|2|0|20|1", "2|1|0|30|1", "2|2|0|90|2", "1||1|30|2",
                "2||1|120|3", "|1|2|40|2", "|2|2|110|3", "||3|150|5");
        assertEquals(expected, sql.rows(q));
        sql.rows("set enable_hashagg = off");
        assertEquals("  ->  GroupAggregate", plan(q).get(2));
        assertEquals(expected, sql.rows(q));
    }

    @Test
    void setsWithoutEmptyOneAreAllHashed() {
        String q = "select a, b, sum(v) from gs group by grouping sets ((a), (b)) order by 1, 2";
        assertEquals(List.of("Sort", "  Sort Key: a, b", "  ->  HashAggregate", "        Hash Key: a",
                "        Hash Key: b", "        ->  Seq Scan on gs"), plan(q));
        assertEquals(List.of("1||30", "2||120", "|1|40", "|2|110"), sql.rows(q));
    }

    @Test
    void orderedAggregatesAreNeverHashed() {
        List<String> p = plan("select a, array_agg(v order by v) from gs group by rollup (a)");
        assertEquals("GroupAggregate", p.get(0));
    }

    @Test
    void unsortableSetsAreHashedBesideSortedUnhashableOnes() {
        String q = "select unhashable_col, unsortable_col, grouping(unhashable_col, unsortable_col), count(*), sum(v)"
                + " from gstest4 group by grouping sets ((unhashable_col), (unsortable_col)) order by 3, 5";
        assertEquals(List.of("Sort", "  Sort Key: (GROUPING(unhashable_col, unsortable_col)), (sum(v))",
                "  ->  MixedAggregate", "        Hash Key: unsortable_col", "        Group Key: unhashable_col",
                "        ->  Sort", "              Sort Key: unhashable_col", "              ->  Seq Scan on gstest4"),
                plan(q));
        assertEquals(List.of("0000||1|2|17", "0001||1|2|34", "0010||1|2|68", "0011||1|2|136", "|2|2|4|60",
                "|1|2|4|195"), sql.rows(q));
    }

    @Test
    void setsThatCanBeNeitherSortedNorHashedAreRejected() {
        String detail = " DETAIL Some of the datatypes only support hashing, while others only support sorting.";
        assertEquals("0A000: could not implement GROUP BY" + detail,
                sql.error("select count(*) from gstest4 group by rollup (unhashable_col, unsortable_col)"));
        // an ordered aggregate rules out hashing, and the unsortable set cannot be sorted
        assertEquals("0A000: could not implement GROUP BY" + detail, sql.error(
                "select array_agg(v order by v) from gstest4 group by grouping sets ((id, unsortable_col), (id))"));
    }


    @Test
    void constantKeysAreNotSortedOn() {
        sql.rows("set enable_hashagg = off");
        String q = "select 1 as x, a, sum(v) from gs group by grouping sets (1, 2)";
        assertEquals(List.of("GroupAggregate", "  Group Key: 1", "  Sort Key: a", "    Group Key: a",
                "  ->  Seq Scan on gs"), plan(q));
        assertEquals(List.of("1||150", "|1|30", "|2|120"), sql.rows(q));
        assertEquals(List.of("GroupAggregate", "  Group Key: 1, a", "  Group Key: 1", "  Group Key: ()", "  ->  Sort",
                "        Sort Key: a", "        ->  Seq Scan on gs"),
                plan("select 1 as x, a, sum(v) from gs group by rollup (1, 2)"));
    }
}
