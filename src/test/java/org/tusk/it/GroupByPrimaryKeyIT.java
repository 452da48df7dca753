package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * remove_useless_groupby_columns through a real server: GROUP BY columns that depend on a
 * grouped primary key are no grouping keys ("Group Key" as PostgreSQL 15 shows it), unless the
 * key is deferrable or the table is an inheritance parent read with its children; the rows stay
 * the same.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GroupByPrimaryKeyIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table gk1 (a int, b int, c int, d int, primary key (a, b))");
            s.execute("create table gk2 (x int, y int, z int, primary key (x, y))");
            s.execute("create table gk3 (a int, b int, c int, primary key (a, b) deferrable)");
            s.execute("create table gkp (a int, b int, c int, d int, primary key (a, b))");
            s.execute("create table gkc () inherits (gkp)");
            s.execute("insert into gk1 values (1, 1, 5, 6), (1, 2, 7, 8), (2, 1, 9, 10)");
            s.execute("insert into gk2 values (1, 1, 3), (1, 2, 4)");
            // the child repeats the parent's key: the parent's key says nothing of the union
            s.execute("insert into gkp values (1, 1, 1, 1)");
            s.execute("insert into gkc values (1, 1, 2, 2)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String plan(Connection c, String q) throws SQLException {
        return String.join("\n", Jdbc.rowsShowingNull(c, "explain (costs off) " + q));
    }

    @Test
    void nonKeyColumnsAreDroppedFromTheGroupKey() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals("""
                    HashAggregate
                      Group Key: a, b
                      ->  Seq Scan on gk1""", plan(c, "select * from gk1 group by a,b,c,d"));
            // whatever the order in GROUP BY, the key columns stay in theirs
            assertEquals("""
                    HashAggregate
                      Group Key: a, b
                      ->  Seq Scan on gk1""", plan(c, "select * from gk1 group by c,d,a,b"));
            // expressions are kept; only plain columns of the table go
            assertTrue(plan(c, "select a, b, c, d, count(*) from gk1 group by a,b,c,d,a+1")
                    .contains("Group Key: a, b, (a + 1)"));
            // without the whole key nothing goes
            assertTrue(plan(c, "select a, c from gk1 group by a,c").contains("Group Key: a, c"));
            assertEquals(List.of("1|1|5|6", "1|2|7|8", "2|1|9|10"),
                    Jdbc.rowsShowingNull(c, "select * from gk1 group by a,b,c,d order by 1,2"));
        }
    }

    @Test
    void sortedGroupingGroupsOnTheKeyOnly() throws Exception {
        try (Connection c = server.connect()) {
            Jdbc.exec(c, "set enable_hashagg = off");
            String p = plan(c, "select a, b, c, d, count(*) from gk1 group by a,b,c,d");
            assertTrue(p.startsWith("GroupAggregate\n  Group Key: a, b\n"), p);
            assertEquals(List.of("1|1|5|6|1", "1|2|7|8|1", "2|1|9|10|1"),
                    Jdbc.rowsShowingNull(c, "select a, b, c, d, count(*) from gk1 group by a,b,c,d"));
        }
    }

    @Test
    void eachTableOfAJoinByItsOwnKey() throws Exception {
        try (Connection c = server.connect()) {
            // gk1's key is grouped, gk2's is not (y is missing)
            assertTrue(plan(c, "select gk1.*, gk2.x, gk2.z from gk1 join gk2 on gk1.a = gk2.x and gk1.b = gk2.y "
                    + "group by gk1.a,gk1.b,gk1.c,gk1.d,gk2.x,gk2.z").contains("Group Key: gk1.a, gk1.b, gk2.x, gk2.z"));
            assertTrue(plan(c, "select * from gk1 join gk2 on gk1.a = gk2.x and gk1.b = gk2.y "
                    + "group by gk1.a,gk1.b,gk1.c,gk1.d,gk2.x,gk2.y,gk2.z").contains("Group Key: gk1.a, gk1.b, gk2.x, gk2.y\n"));
        }
    }

    @Test
    void aDeferrableKeyProvesNothing() throws Exception {
        try (Connection c = server.connect()) {
            assertTrue(plan(c, "select * from gk3 group by a,b,c").contains("Group Key: a, b, c"));
            // nor does it let other columns go ungrouped (check_functional_grouping)
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> Jdbc.rowsShowingNull(c, "select * from gk3 group by a,b"));
            assertEquals("42803", e.getSQLState());
        }
    }

    @Test
    void anInheritanceParentWithItsChildrenKeepsItsColumns() throws Exception {
        try (Connection c = server.connect()) {
            assertTrue(plan(c, "select * from gkp group by a,b,c,d").contains("Group Key: gkp.a, gkp.b, gkp.c, gkp.d"));
            assertEquals(List.of("1|1|1|1", "1|1|2|2"),
                    Jdbc.rowsShowingNull(c, "select * from gkp group by a,b,c,d order by 3"));
            // ONLY reads the parent alone, whose key holds
            assertEquals("""
                    HashAggregate
                      Group Key: a, b
                      ->  Seq Scan on gkp""", plan(c, "select * from only gkp group by a,b,c,d"));
        }
    }
}
