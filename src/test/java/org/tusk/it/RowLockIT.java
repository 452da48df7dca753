package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * Row locks between real sessions: SELECT ... FOR UPDATE holding off an UPDATE until commit,
 * NOWAIT (55P03), SKIP LOCKED, and the foreign-key check's KEY SHARE lock making a concurrent
 * DELETE of the referenced row fail with 23503 once the referencing insert commits.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RowLockIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table jobs(id int primary key, state text)");
            s.execute("insert into jobs values (1, 'new'), (2, 'new'), (3, 'new')");
            s.execute("create table parent(id int primary key)");
            s.execute("create table child(id int, parent_id int references parent(id))");
            s.execute("insert into parent values (1), (2)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static List<Integer> ids(Connection c, String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    @Test
    void forUpdateHoldsOffAWriterUntilCommitAndNowaitAndSkipLockedDoNotWait() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            assertEquals(List.of(2), ids(a, "select id from jobs where id = 2 for update"));
            PSQLException nowait = assertThrows(PSQLException.class, () -> ids(b, "select id from jobs where id = 2 for update nowait"));
            assertEquals("55P03", nowait.getSQLState());
            assertEquals("could not obtain lock on row in relation \"jobs\"", nowait.getServerErrorMessage().getMessage());
            assertEquals(List.of(1, 3), ids(b, "select id from jobs order by id for update skip locked"));
            CompletableFuture<Integer> update = CompletableFuture.supplyAsync(() -> {
                try (Statement s = b.createStatement()) {
                    return s.executeUpdate("update jobs set state = state || '+b' where id = 2");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(700);
            assertFalse(update.isDone(), "the UPDATE waits for the row lock");
            exec(a, "update jobs set state = 'a' where id = 2");
            a.commit();
            assertEquals(1, update.get(30, TimeUnit.SECONDS));
            try (Statement s = b.createStatement(); ResultSet rs = s.executeQuery("select state from jobs where id = 2")) {
                assertTrue(rs.next());
                assertEquals("a+b", rs.getString(1), "the waiting UPDATE applied to the committed version");
            }
        }
    }

    @Test
    void deletingAReferencedRowWaitsForTheReferencingInsertAndThenFails() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            exec(a, "insert into child values (10, 1)");
            CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> {
                try {
                    exec(b, "delete from parent where id = 1");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(700);
            assertFalse(delete.isDone(), "the DELETE waits for the KEY SHARE lock of the referencing insert");
            a.commit();
            Exception e = assertThrows(Exception.class, () -> delete.get(30, TimeUnit.SECONDS));
            PSQLException p = (PSQLException) e.getCause().getCause();
            assertEquals("23503", p.getSQLState());
            assertEquals(List.of(1), ids(b, "select id from parent where id = 1"));
        }
    }
}
