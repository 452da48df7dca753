package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DISCARD (discard.c), what connection poolers send before they hand a server connection to the
 * next client: DISCARD ALL leaves nothing of the session's state (settings, session
 * authorization, prepared statements, cursors, LISTEN, advisory locks, temporary tables,
 * sequence values), and refuses to run inside a transaction block; DISCARD TEMP, SEQUENCES and
 * PLANS do their part alone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiscardIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TuskServer.start();
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("create role discard_user");
            st.execute("create sequence discard_seq");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String one(Connection c, String sql) throws SQLException {
        return Jdbc.joinedRows(c, sql);
    }

    @Test
    void discardAllLeavesNothingOfTheSession() throws Exception {
        try (Connection c = server.connect(); Connection other = server.connect(); Statement st = c.createStatement()) {
            String user = one(c, "select session_user");
            st.execute("create temp table discard_tmp (a int)");
            one(c, "select nextval('discard_seq')");
            st.execute("prepare discard_p as select 1");
            st.execute("set work_mem = '8MB'");
            st.execute("declare discard_c cursor with hold for select 1");
            st.execute("listen discard_chan");
            one(c, "select pg_advisory_lock(77)");
            st.execute("set session authorization discard_user");
            assertEquals("discard_user", one(c, "select current_user"));

            st.execute("discard all");
            assertEquals(user + "|" + user, one(c, "select session_user, current_user").replace(" ", ""));
            assertEquals("4MB", one(c, "show work_mem"));
            assertEquals("0", one(c, "select count(*) from pg_prepared_statements"));
            assertEquals("0", one(c, "select count(*) from pg_cursors"));
            assertEquals("", one(c, "select pg_listening_channels()"));
            assertEquals("t", one(other, "select pg_try_advisory_lock(77)"));
            assertEquals("0", one(c, "select count(*) from pg_class where relname = 'discard_tmp'"));
            SQLException e = assertThrows(SQLException.class, () -> one(c, "select lastval()"));
            assertEquals("55000", e.getSQLState());
        }
    }

    @Test
    void discardAllRefusesATransactionBlockAndThePartsRunAlone() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            SQLException e = assertThrows(SQLException.class, () -> st.execute("discard all"));
            assertEquals("25001", e.getSQLState());
            assertEquals("ERROR: DISCARD ALL cannot run inside a transaction block", e.getMessage().lines().findFirst().orElse(""));
            c.rollback();
            c.setAutoCommit(true);
            st.execute("create temp table discard_tmp2 (a int)");
            one(c, "select nextval('discard_seq')");
            st.execute("set work_mem = '8MB'");
            st.execute("discard temp");
            assertEquals("0", one(c, "select count(*) from pg_class where relname = 'discard_tmp2'"));
            st.execute("discard sequences");
            assertThrows(SQLException.class, () -> one(c, "select currval('discard_seq')"));
            st.execute("discard plans");
            assertEquals("8MB", one(c, "show work_mem"), "only DISCARD ALL resets settings");
        }
    }
}
