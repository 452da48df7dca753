package org.tusk.it;

import static org.tusk.it.Jdbc.exec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tables through a real server, as a client sees them: DDL seen by other sessions at once,
 * transactions and savepoints deciding what stays, constraint errors with PostgreSQL's texts.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TableSqlIT extends OneServerPerClass {

    @Test
    void createdTablesAreSeenByOtherSessionsAndDropRemovesThemWithTheirIndexes() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table shared_t(id int primary key, u int unique, v text)");
            exec(b, "insert into shared_t values (1, 10, 'one')");
            assertEquals("one", ProtocolIT.one(a, "select v from shared_t where id = 1"));
            exec(a, "drop table shared_t");
            PSQLException e = assertThrows(PSQLException.class, () -> ProtocolIT.one(b, "select v from shared_t"));
            assertEquals("42P01", e.getSQLState());
            exec(b, "create table shared_t(id int primary key)");
            assertEquals("0", ProtocolIT.one(a, "select count(*) from shared_t"));
            exec(a, "drop table shared_t");
        }
    }

    @Test
    void aNameNotFoundEarlierIsFoundOnceAnotherSessionCreatesIt() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            // a's name lookups remember "not found" (also in pg_catalog, searched first) ...
            for (int i = 0; i < 2; i++) {
                PSQLException e = assertThrows(PSQLException.class, () -> ProtocolIT.one(a, "select count(*) from late_t"));
                assertEquals("42P01", e.getSQLState());
            }
            // ... until b's committed CREATE TABLE invalidates them
            exec(b, "create table late_t(id int)", "insert into late_t values (1)");
            assertEquals("1", ProtocolIT.one(a, "select count(*) from late_t"));
            exec(b, "drop table late_t");
            PSQLException e = assertThrows(PSQLException.class, () -> ProtocolIT.one(a, "select count(*) from late_t"));
            assertEquals("42P01", e.getSQLState());
        }
    }

    @Test
    void rolledBackChangesAndAbortedTransactionsLeaveNothing() throws Exception {
        try (Connection c = server.connect(); Connection other = server.connect()) {
            exec(c, "create table rb(id int primary key, v text)", "insert into rb values (1, 'kept')");
            c.setAutoCommit(false);
            exec(c, "insert into rb values (2, 'rolled back')", "update rb set v = 'changed' where id = 1");
            assertEquals("kept", ProtocolIT.one(other, "select v from rb where id = 1"), "uncommitted change not seen");
            c.rollback();
            assertEquals("1", ProtocolIT.one(c, "select count(*) from rb"));
            assertEquals("kept", ProtocolIT.one(c, "select v from rb where id = 1"));
            // An error aborts the transaction; what it did before is gone too.
            exec(c, "insert into rb values (3, 'lost')");
            PSQLException dup = assertThrows(PSQLException.class, () -> exec(c, "insert into rb values (1, 'dup')"));
            assertEquals("23505", dup.getSQLState());
            assertTrue(dup.getServerErrorMessage().getDetail().contains("Key (id)=(1) already exists."));
            assertEquals("rb", dup.getServerErrorMessage().getTable());
            assertEquals("rb_pkey", dup.getServerErrorMessage().getConstraint());
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("1", ProtocolIT.one(other, "select count(*) from rb"));
            exec(c, "drop table rb");
        }
    }

    @Test
    void savepointsAreSubtransactions() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "create table sp(id int primary key)");
            c.setAutoCommit(false);
            exec(c, "insert into sp values (1)", "savepoint a", "insert into sp values (2)", "savepoint b",
                    "insert into sp values (3)", "rollback to savepoint a", "insert into sp values (4)");
            assertThrows(PSQLException.class, () -> exec(c, "savepoint c", "insert into sp values (1)"));
            exec(c, "rollback to savepoint c", "insert into sp values (5)", "release savepoint a");
            c.commit();
            c.setAutoCommit(true);
            assertEquals("3", ProtocolIT.one(c, "select count(*) from sp"));
            assertEquals("1", ProtocolIT.one(c, "select count(*) from sp where id = 4"));
            assertEquals("0", ProtocolIT.one(c, "select count(*) from sp where id = 2"));
            exec(c, "drop table sp");
        }
    }

    @Test
    void aTableCreatedAndUsedInARolledBackSavepointIsGoneForTheRestOfTheTransaction() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            exec(c, "savepoint x", "create table koju (a int unique)", "insert into koju values (1)");
            PSQLException dup = assertThrows(PSQLException.class, () -> exec(c, "insert into koju values (1)"));
            assertEquals("23505", dup.getSQLState());
            exec(c, "rollback to x", "create table koju (a int unique)", "insert into koju values (1)");
            PSQLException again = assertThrows(PSQLException.class, () -> exec(c, "insert into koju values (1)"));
            assertEquals("23505", again.getSQLState());
            c.rollback();
            c.setAutoCommit(true);
            assertEquals("0", ProtocolIT.one(c, "select count(*) from pg_class where relname = 'koju'"));
        }
    }

    @Test
    void rollbackToSavepointClosesTheCursorsDeclaredSinceButKeepsOlderCursorsWhereTheyAre() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            exec(c, "declare outer_c cursor for select g from generate_series(1, 5) g", "savepoint x",
                    "declare foo cursor for select g from generate_series(10, 12) g");
            assertEquals("10", ProtocolIT.one(c, "fetch from foo"));
            assertEquals("1", ProtocolIT.one(c, "fetch from outer_c"));
            exec(c, "rollback to x");
            PSQLException gone = assertThrows(PSQLException.class, () -> ProtocolIT.one(c, "fetch from foo"));
            assertEquals("34000", gone.getSQLState());
            assertEquals("cursor \"foo\" does not exist", gone.getServerErrorMessage().getMessage());
            exec(c, "rollback to x");
            assertEquals("2", ProtocolIT.one(c, "fetch from outer_c"), "a FETCH in the rolled-back savepoint is not undone");
            exec(c, "savepoint y", "declare bar cursor for select 7", "release y", "savepoint z", "rollback to z");
            assertEquals("7", ProtocolIT.one(c, "fetch from bar"), "a released savepoint's cursor belongs to the level above");
            c.commit();
        }
    }

    @Test
    void aWriterWaitsForTheOtherAndThenUpdatesTheNewestVersion() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            exec(a, "create table ctr(id int primary key, n int not null)", "insert into ctr values (1, 0)");
            a.setAutoCommit(false);
            exec(a, "update ctr set n = n + 1 where id = 1");
            var waiter = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    exec(b, "update ctr set n = n + 10 where id = 1");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(500);
            assertTrue(!waiter.isDone(), "the second writer waits for the first");
            a.commit();
            waiter.get(30, TimeUnit.SECONDS);
            a.setAutoCommit(true);
            assertEquals("11", ProtocolIT.one(a, "select n from ctr where id = 1"));
            PSQLException nn = assertThrows(PSQLException.class, () -> exec(a, "insert into ctr values (2, null)"));
            assertEquals("23502", nn.getSQLState());
            assertEquals("ctr", nn.getServerErrorMessage().getTable());
            assertEquals("n", nn.getServerErrorMessage().getColumn());
            exec(a, "drop table ctr");
        }
    }
}
