package org.tusk.tcop;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.nodes.Plan;
import org.tusk.testsupport.Sql;

/**
 * Window functions and grouping sets end to end over in-memory storage. Every expected result,
 * message and error position was taken from a PostgreSQL 15 server given the same statements.
 */
class WindowEngineTest {
    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = Sql.inMemory();
        sql.rows("create table emp (id int primary key, name text, dept int, salary int)");
        sql.rows("insert into emp values (1, 'ann', 10, 100), (2, 'bob', 10, 200), (3, 'cid', 20, 300),"
                + " (4, 'dan', null, 400), (5, 'eve', 30, null), (6, 'fay', 10, 200)");
    }

    private Plan top() { return sql.last.plannedStmt().planTree(); }

    private static int count(Plan p, Class<?> kind) {
        int n = kind.isInstance(p) ? 1 : 0;
        return n + switch (p) {
            case Plan.Sort s -> count(s.child(), kind);
            case Plan.Agg a -> count(a.child(), kind);
            case Plan.WindowAgg w -> count(w.child(), kind);
            case Plan.SubqueryScan s -> count(s.child(), kind);
            case Plan.Limit l -> count(l.child(), kind);
            default -> 0;
        };
    }

    @Test
    void rankingFunctions() {
        assertEquals(List.of("1|1|1|1", "2|2|2|2", "3|3|4|3", "4|4|5|4", "5|5|6|5", "6|6|2|2"), sql.rows(
                "select id, row_number() over (order by id), rank() over (order by salary), dense_rank() over (order by salary)"
                        + " from emp order by id"));
        assertEquals(List.of("1|0|0.16666666666666666|1", "2|0.2|0.5|1", "3|0.6|0.6666666666666666|2",
                "4|0.8|0.8333333333333334|2", "5|1|1|3", "6|0.2|0.5|4"), sql.rows(
                "select id, percent_rank() over (order by salary), cume_dist() over (order by salary),"
                        + " ntile(4) over (order by id) from emp order by id"));
    }

    @Test
    void valueFunctionsOverANamedWindow() {
        assertEquals(List.of("1||300|ann|ann|", "2|100|400|ann|bob|bob", "3|200||ann|cid|bob", "4|300|200|ann|dan|bob",
                "5|400|-1|ann|eve|bob", "6||-1|ann|fay|bob"), sql.rows(
                "select id, lag(salary) over w, lead(salary, 2, -1) over w, first_value(name) over w,"
                        + " last_value(name) over w, nth_value(name, 2) over w from emp window w as (order by id) order by id"));
    }

    @Test
    void aggregatesOverPartitionsAndFrames() {
        assertEquals(List.of("1|100|3", "2|300|3", "3|300|1", "4|400|1", "5||1", "6|500|3"), sql.rows(
                "select id, sum(salary) over (partition by dept order by id), count(*) over (partition by dept)"
                        + " from emp order by id"));
        assertEquals(List.of("1|200", "2|400", "3|600", "4|300", "5|600", "6|"), sql.rows(
                "select id, sum(salary) over (order by id rows between 1 preceding and 1 following exclude current row)"
                        + " from emp order by id"));
        assertEquals(List.of("1|1", "2|9", "3|11", "4|7", "5|5", "6|9"), sql.rows(
                "select id, sum(id) over (order by salary range between 100 preceding and current row) from emp order by id"));
        assertEquals(List.of("1|9", "2|6", "3|15", "4|12", "5|9", "6|10"), sql.rows(
                "select id, sum(id) over (order by salary groups between 1 preceding and 1 following exclude ties)"
                        + " from emp order by id"));
        assertEquals(List.of("1|0", "2|1", "3|2", "4|3", "5|3", "6|4"), sql.rows(
                "select id, count(*) filter (where salary > 150) over (order by id) from emp order by id"));
    }

    @Test
    void windowsOverGroupedRows() {
        assertEquals(List.of("10|500|2", "20|300|4", "30||1", "|400|3"), sql.rows(
                "select dept, sum(salary), rank() over (order by sum(salary) desc) from emp group by dept order by dept"));
        assertEquals(1, count(top(), Plan.WindowAgg.class));
    }

    @Test
    void windowsSharingAnOrderingAreSortedOnce() {
        sql.rows("select sum(salary) over w1, count(*) over w2, rank() over (order by dept) from emp"
                + " window w1 as (order by dept), w2 as (order by dept rows 1 preceding)");
        // the inline window repeats w1 and is merged with it; w1 and w2 share one Sort
        assertEquals(2, count(top(), Plan.WindowAgg.class));
        assertEquals(1, count(top(), Plan.Sort.class));
    }

    @Test
    void groupingSets() {
        sql.rows("set enable_hashagg = off");
        assertEquals(List.of("10|ann|0|1", "10|bob|0|1", "10||1|2", "20|cid|0|1", "20||1|1", "||3|3"), sql.rows(
                "select dept, name, grouping(dept, name), count(*) from emp where id < 4 group by rollup (dept, name)"));
        assertEquals(List.of("10|100|1", "10|200|2", "10||3", "20|300|1", "20||1", "30||1", "30||1", "|100|1", "|200|2",
                "|300|1", "|400|1", "|400|1", "||1", "||1", "||6"), sql.rows(
                "select dept, salary, count(*) from emp group by cube (dept, salary) order by 1, 2"));
        assertEquals(List.of("10|3", "20|1", "30|1", "|1", "|6"), sql.rows(
                "select dept, count(*) from emp group by grouping sets ((), (dept)) order by 1"));
        // empty input: one row per empty grouping set
        assertEquals(List.of("0", "0"), sql.rows("select count(*) from emp where false group by grouping sets ((), ())"));
    }

    @Test
    void errors() {
        assertEquals("42P20: window functions are not allowed in WHERE @26",
                sql.error("select id from emp where row_number() over () > 1"));
        assertEquals("42803: aggregate function calls cannot contain window function calls @12",
                sql.error("select sum(row_number() over ()) from emp"));
        assertEquals("42P20: window functions are not allowed in window definitions @36",
                sql.error("select row_number() over (order by rank() over ()) from emp"));
        assertEquals("42809: window function row_number requires an OVER clause @8", sql.error("select row_number() from emp"));
        assertEquals("42809: OVER specified, but abs is not a window function nor an aggregate function @8",
                sql.error("select abs(1) over () from emp"));
        assertEquals("42P20: window \"w\" is already defined @68",
                sql.error("select sum(salary) over w from emp window w as (order by id), w as (order by id)"));
        assertEquals("42704: window \"x\" does not exist @25", sql.error("select sum(salary) over x from emp"));
        assertEquals("42P20: cannot override ORDER BY clause of window \"w\" @25",
                sql.error("select sum(salary) over (w order by id) from emp window w as (order by salary)"));
        assertEquals("42P20: cannot copy window \"w\" because it has a frame clause @25",
                sql.error("select sum(salary) over (w) from emp window w as (order by id rows 1 preceding)"));
        assertEquals("42P20: frame starting from following row cannot have preceding rows @67",
                sql.error("select sum(salary) over (order by id rows between 1 following and current row) from emp"));
        assertEquals("0A000: RANGE with offset PRECEDING/FOLLOWING is not supported for column type text @46",
                sql.error("select sum(salary) over (order by name range 1 preceding) from emp"));
        assertEquals("22013: frame starting offset must not be negative",
                sql.error("select sum(salary) over (order by id rows -1 preceding) from emp"));
        assertEquals("22014: argument of ntile must be greater than zero", sql.error("select ntile(0) over () from emp"));
        assertEquals("42803: arguments to GROUPING must be grouping expressions of the associated query level @17",
                sql.error("select grouping(salary) from emp group by dept"));
        assertEquals("42P20: window functions are not allowed in GROUP BY @35",
                sql.error("select count(*) from emp group by rank() over ()"));
    }
}
