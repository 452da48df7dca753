package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * SELECT ... FOR UPDATE/SHARE over a join between real sessions: every joined table's row is
 * locked (a writer of either table waits), FOR UPDATE OF locks only the named table, a
 * READ COMMITTED locker re-checks the join against the committed new version (EvalPlanQual),
 * and WHERE CURRENT OF addresses the locked row of a join cursor.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JoinRowLockIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table orders(id int primary key, customer int, total int)");
            s.execute("create table customers(id int primary key, name text)");
            s.execute("insert into customers values (1, 'ann'), (2, 'bob')");
            s.execute("insert into orders values (10, 1, 100), (11, 2, 200), (12, 2, 300)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void forUpdateOnAJoinBlocksAWriterOfEitherTable() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect(); Connection c = server.connect()) {
            a.setAutoCommit(false);
            assertEquals(List.of("10|ann"),
                    Jdbc.rowsShowingNull(a, "select o.id, c.name from orders o join customers c on c.id = o.customer where o.id = 10 for update"));
            CompletableFuture<Integer> orderUpdate = Jdbc.updateAsync(b, "update orders set total = total + 1 where id = 10");
            CompletableFuture<Integer> customerUpdate = Jdbc.updateAsync(c, "update customers set name = name || '!' where id = 1");
            Thread.sleep(700);
            assertFalse(orderUpdate.isDone(), "the writer of the orders row waits");
            assertFalse(customerUpdate.isDone(), "the writer of the customers row waits");
            // rows the join did not return are not locked
            try (Connection d = server.connect()) {
                assertEquals(1, d.createStatement().executeUpdate("update customers set name = 'bob' where id = 2"));
            }
            a.commit();
            assertEquals(1, orderUpdate.get(30, TimeUnit.SECONDS));
            assertEquals(1, customerUpdate.get(30, TimeUnit.SECONDS));
            exec(b, "update orders set total = 100 where id = 10");
            exec(c, "update customers set name = 'ann' where id = 1");
        }
    }

    @Test
    void forUpdateOfOneTableLeavesTheOtherFree() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            assertEquals(List.of("11|bob", "12|bob"), Jdbc.rowsShowingNull(a,
                    "select o.id, c.name from orders o, customers c where c.id = o.customer and c.id = 2 order by o.id for update of o"));
            b.setAutoCommit(true);
            assertEquals(1, b.createStatement().executeUpdate("update customers set name = 'bob' where id = 2"));
            PSQLException nowait = assertThrows(PSQLException.class,
                    () -> Jdbc.rowsShowingNull(b, "select id from orders where id = 11 for update nowait"));
            assertEquals("55P03", nowait.getSQLState());
            a.rollback();
        }
    }

    @Test
    void aWaitingLockerRechecksTheJoinAgainstTheCommittedVersion() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            exec(a, "update orders set customer = 1 where id = 12");
            CompletableFuture<List<String>> locker = CompletableFuture.supplyAsync(() -> {
                try {
                    return Jdbc.rowsShowingNull(b, "select o.id, c.name from orders o join customers c on c.id = o.customer "
                            + "where c.name = 'bob' order by o.id for update");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(700);
            assertFalse(locker.isDone(), "the locker waits for the updated orders row");
            a.commit();
            // order 12 now belongs to ann: the join condition fails on the new version, so it is left out
            assertEquals(List.of("11|bob"), locker.get(30, TimeUnit.SECONDS));
            exec(a, "update orders set customer = 2 where id = 12");
            a.commit();
        }
    }

    @Test
    void whereCurrentOfAddressesTheLockedRowOfAJoinCursor() throws Exception {
        try (Connection a = server.connect()) {
            a.setAutoCommit(false);
            exec(a, "declare j cursor for select o.id, c.name from orders o join customers c on c.id = o.customer "
                    + "order by o.id for update of o");
            assertEquals(List.of("10|ann"), Jdbc.rowsShowingNull(a, "fetch 1 from j"));
            assertEquals(List.of("11|bob"), Jdbc.rowsShowingNull(a, "fetch 1 from j"));
            assertEquals(1, a.createStatement().executeUpdate("update orders set total = 0 where current of j"));
            PSQLException noMark = assertThrows(PSQLException.class,
                    () -> a.createStatement().executeUpdate("update customers set name = 'x' where current of j"));
            assertEquals("24000", noMark.getSQLState());
            assertEquals("cursor \"j\" does not have a FOR UPDATE/SHARE reference to table \"customers\"",
                    noMark.getServerErrorMessage().getMessage());
            a.rollback();
            exec(a, "declare s cursor for select * from orders a, orders b where a.id = b.id for update");
            Jdbc.rowsShowingNull(a, "fetch 1 from s");
            PSQLException multiple = assertThrows(PSQLException.class,
                    () -> a.createStatement().executeUpdate("delete from orders where current of s"));
            assertEquals("cursor \"s\" has multiple FOR UPDATE/SHARE references to table \"orders\"",
                    multiple.getServerErrorMessage().getMessage());
            a.rollback();
            assertEquals(List.of("10|100", "11|200", "12|300"), Jdbc.rowsShowingNull(a, "select id, total from orders order by id"));
            exec(a, "declare u cursor for select o.id from orders o join customers c on c.id = o.customer "
                    + "where c.id = 2 order by o.id for update");
            Jdbc.rowsShowingNull(a, "fetch 2 from u");
            assertEquals(1, a.createStatement().executeUpdate("update orders set total = -1 where current of u"));
            assertEquals(1, a.createStatement().executeUpdate("update customers set name = 'bobby' where current of u"));
            a.commit();
            assertEquals(List.of("12|-1|bobby"), Jdbc.rowsShowingNull(a,
                    "select o.id, o.total, c.name from orders o join customers c on c.id = o.customer where o.total < 0"));
            exec(a, "update orders set total = 300 where id = 12");
            a.commit();
            // an inherited table: each row is locked in the member table it lives in
            exec(a, "create table parts(id int, label text)", "create table special_parts(extra int) inherits (parts)",
                    "insert into parts values (1, 'plain')", "insert into special_parts values (2, 'special', 9)");
            a.commit();
            exec(a, "declare h cursor for select id from parts order by id for update");
            Jdbc.rowsShowingNull(a, "fetch 1 from h");
            Jdbc.rowsShowingNull(a, "fetch 1 from h");
            assertEquals(1, a.createStatement().executeUpdate("update parts set label = 'changed' where current of h"));
            a.commit();
            assertEquals(List.of("1|plain", "2|changed"), Jdbc.rowsShowingNull(a, "select id, label from parts order by id"));
            a.commit();
            exec(a, "update customers set name = 'bob' where id = 2");
            a.commit();
        }
    }
}
