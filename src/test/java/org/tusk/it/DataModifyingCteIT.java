package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.rowsShowingNull;

/**
 * Data-modifying WITH queries on a real server: each runs exactly once and to completion
 * whether or not the main query reads it (or reads all of it), the rest of the statement does
 * not see its changes (one snapshot, one command id), a recursive WITH query it reads does not
 * make it run again per round, a nested WITH before its INSERT/UPDATE/DELETE, and WITH RECURSIVE
 * items reading later items. Expected answers are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DataModifyingCteIT extends OneServerPerClass {

    @Test
    void runsOnceToCompletionUnseenByTheRestOfTheStatement() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dm_y (a int)");
            // not read at all: still runs
            assertEquals(List.of("1"), rowsShowingNull(c, "with t as (insert into dm_y values (1), (2) returning *) select 1"));
            assertEquals(List.of("2"), rowsShowingNull(c, "select count(*) from dm_y"));
            // the main query reads one row only: the DELETE still deletes every row
            assertEquals(1, rowsShowingNull(c, "with t as (delete from dm_y returning a) select * from t limit 1").size());
            assertEquals(List.of("0"), rowsShowingNull(c, "select count(*) from dm_y"));
            // the main query's scan of the same table does not see the inserted rows
            assertEquals(List.of("0|1"), rowsShowingNull(c, "with t as (insert into dm_y values (7) returning *) "
                    + "select (select count(*) from dm_y), (select count(*) from t)"));
            assertEquals(List.of(), rowsShowingNull(c, "with t as (insert into dm_y values (8) returning *) "
                    + "select * from t join dm_y using (a)"));
            assertEquals(List.of("7", "8"), rowsShowingNull(c, "select a from dm_y order by a"));
        }
    }

    @Test
    void readingARecursiveQueryDoesNotRunItAgainPerRound() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dm_r (a int)");
            assertEquals(List.of("0", "1", "2", "3", "4"), rowsShowingNull(c, "with recursive t(a) as (select 0 union all "
                    + "select a + 1 from t where a + 1 < 5), t2 as (insert into dm_r select * from t returning *) "
                    + "select * from t2 order by a"));
            assertEquals(List.of("5"), rowsShowingNull(c, "select count(*) from dm_r"));
        }
    }

    @Test
    void nestedWithBeforeTheModifyingStatement() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dm_n (a int)", "insert into dm_n values (1), (2), (3)");
            assertEquals(List.of("2"), rowsShowingNull(c, "with t as (with s as (select 2 as a) "
                    + "delete from dm_n where a in (select a from s) returning a) select * from t"));
            assertEquals(List.of("1", "3"), rowsShowingNull(c, "select a from dm_n order by a"));
            // the target of INSERT is the table even where a WITH query of that name is visible
            exec(c, "with dm_n as (select 42) insert into dm_n select * from dm_n");
            assertEquals(List.of("1", "3", "42"), rowsShowingNull(c, "select a from dm_n order by a"));
        }
    }

    @Test
    void recursiveWithItemsReadLaterOnesAndKeepTheirColumnLists() throws Exception {
        try (Connection c = server.connect()) {
            assertEquals(List.of("1", "2", "3"), rowsShowingNull(c, "with recursive x(id) as (select * from y union all "
                    + "select id + 1 from x where id < 3), y(id) as (values (1)) select * from x"));
            exec(c, "create view dm_v as with recursive x(id) as (select * from y union all "
                    + "select id + 1 from x where id < 3), y(id) as (values (1)) select * from x");
            assertEquals(List.of(" WITH RECURSIVE y(id) AS (\n"
                    + "         VALUES (1)\n"
                    + "        ), x(id) AS (\n"
                    + "         SELECT y.id\n"
                    + "           FROM y\n"
                    + "        UNION ALL\n"
                    + "         SELECT (x_1.id + 1)\n"
                    + "           FROM x x_1\n"
                    + "          WHERE (x_1.id < 3)\n"
                    + "        )\n"
                    + " SELECT x.id\n"
                    + "   FROM x;"), rowsShowingNull(c, "select pg_get_viewdef('dm_v')"));
        }
    }

    @Test
    void onConflictSetReadingAWithQueryThatUpdatedTheRowFirst() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table dm_oc (k int primary key, v text)", "insert into dm_oc values (2, 'x')");
            // the main INSERT locks k = 2, then its SET runs the WITH query, which updates that row
            // in the same command: ExecUpdate's TM_SelfModified, the first update stands, no row returned
            assertEquals(List.of(), rowsShowingNull(c, "with simpletup as (select 2 k, 'Green' v), "
                    + "upsert_cte as (insert into dm_oc values (2, 'Blue') on conflict (k) do "
                    + "update set (k, v) = (select k, v from simpletup where simpletup.k = dm_oc.k) returning k, v) "
                    + "insert into dm_oc values (2, 'Red') on conflict (k) do "
                    + "update set (k, v) = (select k, v from upsert_cte where upsert_cte.k = dm_oc.k) returning k, v"));
            assertEquals(List.of("2|Green"), rowsShowingNull(c, "select * from dm_oc"));
        }
    }
}
