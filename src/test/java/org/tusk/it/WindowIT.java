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
 * Window functions and grouping sets through a running server over tables stored on disk.
 * Expected rows (including the order of rows a query does not fully order, which follows
 * PostgreSQL's sort algorithm) are PostgreSQL 15's answers to the same statements.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WindowIT {
    @Test
    void windowsAndGroupingSetsOverStoredTables() throws Exception {
        try (TuskServer server = TuskServer.start(); Connection c = server.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("create table empsalary (depname varchar, empno bigint, salary int)");
                s.execute("insert into empsalary values ('develop', 10, 5200), ('sales', 1, 5000), ('personnel', 5, 3500),"
                        + " ('sales', 4, 4800), ('personnel', 2, 3900), ('develop', 7, 4200), ('develop', 9, 4500),"
                        + " ('sales', 3, 4800), ('develop', 8, 6000), ('develop', 11, 5200)");
            }
            // partition order and ties as PostgreSQL sorts them
            assertEquals(List.of("develop|11|5200|25100", "develop|7|4200|25100", "develop|9|4500|25100",
                    "develop|8|6000|25100", "develop|10|5200|25100", "personnel|5|3500|7400", "personnel|2|3900|7400",
                    "sales|3|4800|14600", "sales|1|5000|14600", "sales|4|4800|14600"), TuskServer.rows(c,
                    "select depname, empno, salary, sum(salary) over w from empsalary window w as (partition by depname)"));
            assertEquals(List.of("develop|7|4200|1", "develop|9|4500|2", "develop|11|5200|3", "develop|10|5200|3",
                    "develop|8|6000|5", "personnel|5|3500|1", "personnel|2|3900|2", "sales|3|4800|1", "sales|4|4800|1",
                    "sales|1|5000|3"), TuskServer.rows(c,
                    "select depname, empno, salary, rank() over (partition by depname order by salary) from empsalary"));
            assertEquals(List.of("4500|4200|8700", "4200|3500|12200", "3500||7700"), TuskServer.rows(c,
                    "select salary, lead(salary) over (order by empno desc), sum(salary) over (order by empno desc"
                            + " rows between 1 preceding and 1 following) from empsalary where empno between 5 and 9"
                            + " and empno <> 8 order by empno desc"));
            try (Statement s = c.createStatement()) {
                s.execute("set enable_hashagg = off");
            }
            assertEquals(List.of("develop|25100|0", "personnel|7400|0", "sales|14600|0", "|47100|1"), TuskServer.rows(c,
                    "select depname, sum(salary), grouping(depname) from empsalary group by rollup (depname)"));
            SQLException e = assertThrows(SQLException.class,
                    () -> TuskServer.rows(c, "select depname from empsalary where rank() over () > 1"));
            assertEquals("42P20", e.getSQLState());
        }
    }
}
