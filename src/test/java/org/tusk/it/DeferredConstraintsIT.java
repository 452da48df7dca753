package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.it.Jdbc.exec;
import static org.tusk.it.Jdbc.fails;
import static org.tusk.it.Jdbc.failsMessage;
import static org.tusk.it.Jdbc.joinedRows;

import java.sql.Connection;
import java.sql.SQLWarning;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.util.PSQLException;

/**
 * DEFERRABLE constraints on a running server, through pgjdbc: unique keys checked at the end of
 * the statement or at commit, foreign keys checked at commit, SET CONSTRAINTS, a failed COMMIT
 * rolling the transaction back, and ROLLBACK TO forgetting what was deferred since the
 * savepoint. Messages and results are PostgreSQL 15's for the same statements.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DeferredConstraintsIT extends OneServerPerClass {

    /**
     * exec_simple_query commits the implicit transaction of a Query's last statement before it
     * reports the statement complete (finish_xact_command, then EndCommand): a deferred check
     * failing at that commit is reported instead of the command tag, so psql shows the error
     * alone and not "INSERT 0 1" before it.
     */
    @Test
    void aFailedImplicitCommitReplacesTheCommandTag() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE dimp (i int UNIQUE DEFERRABLE INITIALLY DEFERRED)", "INSERT INTO dimp VALUES (1)");
        }
        ProcessResult r = server.psql("127.0.0.1", "INSERT INTO dimp VALUES (1)");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("ERROR:  duplicate key value violates unique constraint \"dimp_i_key\""),
                "the error alone, no command tag before it: " + r.output());
        assertEquals("INSERT 0 1", server.psql("127.0.0.1", "INSERT INTO dimp VALUES (2)").output());
        try (Connection c = server.connect()) {
            assertEquals("1;2", joinedRows(c, "SELECT i FROM dimp ORDER BY i"));
        }
    }

    @Test
    void deferrableUniqueKeyIsCheckedAtStatementEndOrCommit() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE du (i int UNIQUE DEFERRABLE, t text)",
                    "INSERT INTO du VALUES (0, 'one'), (1, 'two'), (2, 'three')");
            assertEquals("f|t|f", joinedRows(c, "SELECT x.indimmediate, k.condeferrable, k.condeferred FROM pg_index x "
                    + "JOIN pg_constraint k ON k.conindid = x.indexrelid WHERE k.conname = 'du_i_key'"));
            // every intermediate duplicate is gone by the end of the statement
            exec(c, "UPDATE du SET i = i + 1");
            assertEquals("1;2;3", joinedRows(c, "SELECT i FROM du ORDER BY i"));
            // initially immediate: a duplicate left at the end of the statement fails it
            PSQLException e = fails(c, "UPDATE du SET i = 1 WHERE i = 2", "23505");
            assertEquals("duplicate key value violates unique constraint \"du_i_key\"", e.getServerErrorMessage().getMessage());
            assertEquals("Key (i)=(1) already exists.", e.getServerErrorMessage().getDetail());

            c.setAutoCommit(false);
            exec(c, "SET CONSTRAINTS du_i_key DEFERRED", "INSERT INTO du VALUES (3, 'dup')",
                    "DELETE FROM du WHERE t = 'three'");
            c.commit();   // the duplicate was removed before commit
            assertEquals("1|one;2|two;3|dup", joinedRows(c, "SELECT i, t FROM du ORDER BY i"));

            exec(c, "SET CONSTRAINTS ALL DEFERRED", "INSERT INTO du VALUES (3, 'again')");
            // SET CONSTRAINTS ... IMMEDIATE runs the deferred checks at once
            assertEquals("23505", fails(c, "SET CONSTRAINTS ALL IMMEDIATE", "23505").getSQLState());
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @Test
    void initiallyDeferredChecksFailAtCommitAndRollBack() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE dpk (a int PRIMARY KEY)",
                    "CREATE TABLE dfk (a int REFERENCES dpk DEFERRABLE INITIALLY DEFERRED, note text)",
                    "CREATE TABLE du2 (i int UNIQUE DEFERRABLE INITIALLY DEFERRED)");
            c.setAutoCommit(false);
            // the referenced row may come later in the transaction
            exec(c, "INSERT INTO dfk VALUES (1, 'first')", "INSERT INTO dpk VALUES (1)");
            c.commit();
            exec(c, "INSERT INTO dfk VALUES (2, 'orphan')", "INSERT INTO du2 VALUES (5), (5)");
            PSQLException e = fails(c, "COMMIT", "23503");
            assertEquals("insert or update on table \"dfk\" violates foreign key constraint \"dfk_a_fkey\"",
                    e.getServerErrorMessage().getMessage());
            assertEquals("Key (a)=(2) is not present in table \"dpk\".", e.getServerErrorMessage().getDetail());
            c.setAutoCommit(true);
            // the failed COMMIT ended the transaction: nothing of it stayed, and the session is usable
            assertEquals("1|first", joinedRows(c, "SELECT * FROM dfk"));
            assertEquals("", joinedRows(c, "SELECT * FROM du2"));
            // a referencing row deleted before commit needs no check; NO ACTION on the referenced side waits too
            c.setAutoCommit(false);
            exec(c, "INSERT INTO dfk VALUES (7, 'gone')", "DELETE FROM dfk WHERE a = 7", "DELETE FROM dpk",
                    "INSERT INTO dpk VALUES (1)");
            c.commit();
            assertEquals("1", joinedRows(c, "SELECT a FROM dpk"));
            // ROLLBACK TO forgets the events deferred since the savepoint
            exec(c, "INSERT INTO du2 VALUES (9)", "SAVEPOINT s", "INSERT INTO du2 VALUES (9)", "ROLLBACK TO s");
            c.commit();
            assertEquals("9", joinedRows(c, "SELECT i FROM du2"));
            c.setAutoCommit(true);
            // an implicit transaction checks its deferred constraints when its statement ends
            assertEquals("duplicate key value violates unique constraint \"du2_i_key\"",
                    failsMessage(c, "INSERT INTO du2 VALUES (9)", "23505"));
        }
    }

    @Test
    void setConstraintsNamesAndErrors() throws Exception {
        try (Connection c = server.connect()) {
            exec(c, "CREATE TABLE sc (i int PRIMARY KEY, j int UNIQUE DEFERRABLE)");
            SQLWarning w = exec(c, "SET CONSTRAINTS ALL DEFERRED");
            assertTrue(w != null && w.getMessage().contains("SET CONSTRAINTS can only be used in transaction blocks"),
                    String.valueOf(w));
            c.setAutoCommit(false);
            assertEquals("constraint \"sc_pkey\" is not deferrable", failsMessage(c, "SET CONSTRAINTS sc_pkey DEFERRED", "42809"));
            c.rollback();
            assertEquals("constraint \"nosuch\" does not exist", failsMessage(c, "SET CONSTRAINTS nosuch IMMEDIATE", "42704"));
            c.rollback();
            exec(c, "SET CONSTRAINTS public.sc_j_key, sc_j_key DEFERRED");
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
