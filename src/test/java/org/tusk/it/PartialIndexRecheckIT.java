package org.tusk.it;

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

/**
 * A scan through a partial index of a table whose rows the statement updates, deletes or
 * locks keeps the conjuncts the index's predicate implies as a filter (check_index_predicates'
 * is_target_rel), as PostgreSQL's EXPLAIN shows. A READ COMMITTED writer or locker that waited
 * for a concurrent update re-checks the newer row version (EvalPlanQual); that version may no
 * longer satisfy the predicate, and the waiter must then leave the row alone.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PartialIndexRecheckIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("create table tasks(id int, state text, note text)");
            s.execute("insert into tasks select i, case when i % 2 = 0 then 'A' else 'C' end, '' from generate_series(1, 2000) i");
            s.execute("create index tasks_open on tasks(id) where state < 'B'");
            s.execute("analyze tasks");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void plansKeepThePredicateImpliedFilterOnlyForTargets() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("Index Only Scan using tasks_open on tasks", "  Index Cond: (id = 10)"),
                    Jdbc.rowsShowingNull(c, "explain (costs off) select id from tasks where id = 10 and state < 'B'"));
            assertEquals(List.of("Update on tasks", "  ->  Index Scan using tasks_open on tasks",
                            "        Index Cond: (id = 10)", "        Filter: (state < 'B'::text)"),
                    Jdbc.rowsShowingNull(c, "explain (costs off) update tasks set note = 'x' where id = 10 and state < 'B'"));
            assertEquals(List.of("LockRows", "  ->  Index Scan using tasks_open on tasks",
                            "        Index Cond: (id = 10)", "        Filter: (state < 'B'::text)"),
                    Jdbc.rowsShowingNull(c, "explain (costs off) select id from tasks where id = 10 and state < 'B' for update"));
        }
    }

    @Test
    void aWaitingUpdateSkipsARowMovedOutOfThePredicate() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            assertEquals(1, a.createStatement().executeUpdate("update tasks set state = 'C' where id = 20"));
            CompletableFuture<Integer> waiter = Jdbc.updateAsync(b, "update tasks set note = 'taken' where id = 20 and state < 'B'");
            Thread.sleep(700);
            assertFalse(waiter.isDone(), "the second writer waits for the first");
            a.commit();
            assertEquals(0, waiter.get(30, TimeUnit.SECONDS), "the committed version no longer has state < 'B'");
            assertEquals(List.of("C|"), Jdbc.rowsShowingNull(b, "select state, note from tasks where id = 20"));
        }
    }

    @Test
    void aWaitingLockerSkipsARowMovedOutOfThePredicate() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            a.setAutoCommit(false);
            assertEquals(1, a.createStatement().executeUpdate("update tasks set state = 'C' where id = 40"));
            CompletableFuture<List<String>> locker = CompletableFuture.supplyAsync(() -> {
                try {
                    return Jdbc.rowsShowingNull(b, "select id from tasks where id = 40 and state < 'B' for update");
                } catch (SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(700);
            assertFalse(locker.isDone(), "the locker waits for the writer");
            a.commit();
            assertEquals(List.of(), locker.get(30, TimeUnit.SECONDS));
        }
    }
}
