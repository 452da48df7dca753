package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.testsupport.Sql;

/**
 * Grouping sets end to end over in-memory storage: which columns a grouping set nulls, GROUP BY
 * DISTINCT, and GROUPING() about an outer query level. Every expected result was taken from a
 * PostgreSQL 15 server given the same statements.
 */
class GroupingSetsEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table emp (id int primary key, name text, dept int, salary int)");
        sql.rows("insert into emp values (1, 'ann', 10, 100), (2, 'bob', 10, 200), (3, 'cid', 20, 300),"
                + " (4, 'dan', null, 400), (5, 'eve', 30, null), (6, 'fay', 10, 200)");
    }

    @Test
    void equalGroupingExpressionsStayDistinctColumns() {
        assertEquals(List.of("1|1", "1|", "2|2", "2|", "3|3", "3|"), sql.rows(
                "select g as alias1, g as alias2 from generate_series(1,3) g group by alias1, rollup(alias2) order by 1, 2"));
    }

    @Test
    void pulledUpSubqueryOutputsGoToNull() {
        assertEquals(List.of("3|3", "|3"), sql.rows(
                "select (x+y)*1, sum(z) from (select 1 as x, 2 as y, 3 as z) s group by grouping sets (x+y, x) order by 1"));
    }

    @Test
    void constantGroupingColumnIsNulledBySetsThatDoNotGroupIt() {
        assertEquals(List.of("1||1200", "|10|500", "|20|300", "|30|", "||400"), sql.rows(
                "select x, dept, sum from (select 1 as x, dept, sum(salary) from emp group by grouping sets(1, 2)) ss"
                        + " order by 1, 2"));
        assertEquals(List.of(), sql.rows(
                "select * from (select 1 as x, dept, sum(salary) from emp group by grouping sets(1, 2)) ss"
                        + " where x = 1 and dept = 10"));
    }

    @Test
    void groupByDistinctDropsDuplicateSets() {
        assertEquals(List.of("1|2|3", "1|2|", "1||3", "1||", "4||6", "4||6", "4||", "4||", "7|8|9", "7|8|", "7||9",
                "7||", "||"), sql.rows("select a, b, c from (values (1, 2, 3), (4, null, 6), (7, 8, 9)) as t (a, b, c)"
                + " group by distinct rollup(a, b), rollup(a, c) order by a, b, c"));
        assertEquals(List.of("1", "1", "1", "3", "6"), sql.rows(
                "select count(*) from emp group by distinct cube(dept, dept) order by 1"));
        assertEquals(13, sql.rows("select count(*) from emp group by all cube(dept, dept)").size());
    }

    @Test
    void groupingOfAnOuterLevel() {
        assertEquals(List.of("10|0", "20|0", "30|0", "|0", "|1"), sql.rows(
                "select dept, (select grouping(dept)) from emp group by rollup(dept) order by 1, 2"));
        assertEquals(List.of("0", "0", "0"), sql.rows(
                "select (select (select grouping(a,b) from (values (1)) v2(c)) from (values (1,2)) v1(a,b) group by (a,b))"
                        + " from (values(6,7)) v3(e,f) group by rollup(e,f)"));
        assertEquals(List.of("0", "1", "3"), sql.rows(
                "select (select (select grouping(e,f) from (values (1)) v2(c)) from (values (1,2)) v1(a,b) group by (a,b))"
                        + " from (values(6,7)) v3(e,f) group by rollup(e,f) order by 1"));
        assertEquals(List.of("10", "20", "30"), sql.rows("select dept from emp group by dept having"
                + " (select grouping(emp.dept) from emp e2 where e2.dept = emp.dept limit 1) = 0 order by 1"));
        assertEquals(List.of("6", "6", "6", "6"), sql.rows(
                "select (select max(id) from emp e2 where grouping(emp.dept) = 0) from emp group by dept order by 1"));
    }

    @Test
    void explainShowsEachPhaseAndSet() {
        sql.rows("set enable_hashagg = off");
        assertEquals(List.of("GroupAggregate", "  Group Key: dept, name", "  Group Key: dept", "  Group Key: ()",
                "  Sort Key: name", "    Group Key: name", "  ->  Sort", "        Sort Key: dept, name",
                "        ->  Seq Scan on emp"), sql.rows("explain (costs off) select dept, name, count(*) from emp"
                + " group by grouping sets ((dept), (name), (dept, name), ())"));
        assertEquals(List.of("Aggregate", "  Group Key: ()", "  Group Key: ()", "  ->  Seq Scan on emp"),
                sql.rows("explain (costs off) select count(*) from emp group by grouping sets ((), ())"));
    }

    @Test
    void groupingArgumentsMustBeGroupedAtTheirLevel() {
        assertEquals("42803: arguments to GROUPING must be grouping expressions of the associated query level @25",
                sql.error("select (select grouping(name) from emp e2) from emp group by dept"));
        assertEquals("42803: grouping operations are not allowed in GROUP BY @34",
                sql.error("select sum(id) from emp group by grouping(id)"));
    }
}
