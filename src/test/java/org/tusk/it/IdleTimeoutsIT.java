package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * idle_in_transaction_session_timeout and idle_session_timeout end a session that waits too long
 * for its client, with PostgreSQL 15's FATAL and SQLSTATE; an open transaction is rolled back, and
 * other sessions and a busy session are not touched.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdleTimeoutsIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create table idle_t (a int)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void idleInTransactionEndsTheSessionAndRollsBack() throws Exception {
        try (Connection other = server.connect(); Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("set idle_in_transaction_session_timeout = '300ms'");
            c.setAutoCommit(false);
            st.execute("insert into idle_t values (1)");
            Thread.sleep(1500);
            SQLException e = assertThrows(SQLException.class, () -> st.execute("select 1"));
            assertEquals("25P03", e.getSQLState());
            assertTrue(e.getMessage().contains("terminating connection due to idle-in-transaction timeout"), e.getMessage());
            assertEquals("0", Jdbc.joinedRows(other, "select count(*) from idle_t where a = 1"));
        }
    }

    @Test
    void idleSessionEndsTheSessionOutsideATransactionOnly() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("set idle_session_timeout = '300ms'");
            // inside a transaction block the other timeout (off) applies
            c.setAutoCommit(false);
            st.execute("select 1");
            Thread.sleep(800);
            st.execute("select 2");
            c.commit();
            c.setAutoCommit(true);
            // a statement that runs longer than the timeout is not idle time
            st.execute("select pg_sleep(0.6)");
            Thread.sleep(1500);
            SQLException e = assertThrows(SQLException.class, () -> st.execute("select 3"));
            assertEquals("57P05", e.getSQLState());
            assertTrue(e.getMessage().contains("terminating connection due to idle-session timeout"), e.getMessage());
        }
    }

    @Test
    void timeoutsAreOffByDefault() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            assertEquals("0;0", Jdbc.joinedRows(c, "select setting from pg_settings where name in "
                    + "('idle_in_transaction_session_timeout', 'idle_session_timeout')"));
            c.setAutoCommit(false);
            st.execute("select 1");
            Thread.sleep(1000);
            assertEquals("1", Jdbc.joinedRows(c, "select 1"));
            c.rollback();
        }
    }
}
