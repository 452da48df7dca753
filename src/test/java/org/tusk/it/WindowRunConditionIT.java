package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Window run conditions and qual pushdown into window subqueries through a running server, and
 * the refusal of enum labels added in the still-open transaction. Expected rows, plans and
 * messages are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WindowRunConditionIT {
    @Test
    void runConditionsOverStoredTables() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table emp (id int primary key, name text, dept int, salary int)");
                s.execute("insert into emp values (1, 'ann', 10, 100), (2, 'bob', 10, 200), (3, 'cid', 20, 300),"
                        + " (4, 'dan', null, 400), (5, 'eve', 30, null), (6, 'fay', 10, 200)");
            }
            assertEquals(List.of("1|10|1", "3|20|1", "4||1", "5|30|1"), TuskServer.rows(c,
                    "select * from (select id, dept, row_number() over (partition by dept order by id) rn from emp) s"
                            + " where rn <= 1 order by id"));
            assertEquals(List.of("1|1|1|3", "3|3|1|1", "4|4|1|1"), TuskServer.rows(c,
                    "select * from (select id, count(*) over (order by id) c, row_number() over (partition by dept order by id) rn,"
                            + " count(*) over (partition by dept) c2 from emp) s where rn <= 1 and c <= 4 order by id"));
            // a bigint constant: Tusk has no int8-int4 comparison operators yet (PostgreSQL's int84eq)
            assertEquals(List.of("Subquery Scan on s", "  Filter: (s.dr = '2'::bigint)", "  ->  WindowAgg",
                    "        Run Condition: (dense_rank() OVER (?) <= '2'::bigint)", "        ->  Sort",
                    "              Sort Key: emp.salary DESC", "              ->  Seq Scan on emp"), TuskServer.rows(c,
                    "explain (costs off) select * from (select id, dense_rank() over (order by salary desc) dr from emp) s"
                            + " where dr = 2::bigint"));
            assertEquals(List.of("4|2"), TuskServer.rows(c,
                    "select * from (select id, dense_rank() over (order by salary desc) dr from emp) s where dr = 2"));
        }
    }

    @Test
    void newEnumLabelsAreUnsafeUntilCommitted() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create type bogus as enum ('good')");
                c.setAutoCommit(false);
                s.execute("alter type bogus add value 'new'");
                SQLException e = assertThrows(SQLException.class, () -> TuskServer.rows(c, "select 'new'::bogus"));
                assertEquals("55P04", e.getSQLState());
                c.rollback();
                s.execute("alter type bogus add value 'new'");
                c.commit();
                c.setAutoCommit(true);
            }
            assertEquals(List.of("new"), TuskServer.rows(c, "select 'new'::bogus"));
            assertEquals(List.of("{good,new}"), TuskServer.rows(c, "select enum_range(null::bogus)"));
        }
    }
}
