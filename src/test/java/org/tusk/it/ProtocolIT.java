package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Protocol details as pgjdbc and psql see them: error fields, transaction status, GUCs, parameter status. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProtocolIT {
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), "no row from " + sql);
            String v = rs.getString(1);
            assertFalse(rs.next(), "more than one row from " + sql);
            return v;
        }
    }

    @Test
    void syntaxErrorHas42601AndPosition() throws Exception {
        try (Connection c = server.connect()) {
            PSQLException e = assertThrows(PSQLException.class, () -> one(c, "selec 1"));
            assertEquals("42601", e.getSQLState());
            ServerErrorMessage m = e.getServerErrorMessage();
            assertNotNull(m);
            assertEquals("ERROR", m.getSeverity());
            assertEquals("syntax error at or near \"selec\"", m.getMessage());
            assertEquals(1, m.getPosition());

            PSQLException e2 = assertThrows(PSQLException.class, () -> one(c, "select 1,"));
            assertEquals("42601", e2.getSQLState());
            assertEquals("syntax error at end of input", e2.getServerErrorMessage().getMessage());
            assertEquals(10, e2.getServerErrorMessage().getPosition());
            // The session is fine afterwards.
            assertEquals("1", one(c, "select 1"));
        }
    }

    @Test
    void unknownFunctionIs42883() throws Exception {
        try (Connection c = server.connect()) {
            PSQLException e = assertThrows(PSQLException.class, () -> one(c, "select nosuch()"));
            assertEquals("42883", e.getSQLState());
            ServerErrorMessage m = e.getServerErrorMessage();
            assertEquals("function nosuch() does not exist", m.getMessage());
            assertEquals(8, m.getPosition());
            assertNotNull(m.getHint());
        }
    }

    @Test
    void divisionByZeroIs22012() throws Exception {
        try (Connection c = server.connect()) {
            PSQLException e = assertThrows(PSQLException.class, () -> one(c, "select 1/0"));
            assertEquals("22012", e.getSQLState());
            assertEquals("division by zero", e.getServerErrorMessage().getMessage());
        }
    }

    @Test
    void errorInTransactionBlockAbortsItUntilRollback() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            TransactionState idle = ((BaseConnection) c).getTransactionState();
            assertEquals(TransactionState.IDLE, idle);
            st.execute("BEGIN");
            assertEquals(TransactionState.OPEN, ((BaseConnection) c).getTransactionState(), "ReadyForQuery 'T' after BEGIN");
            assertEquals("1", one(c, "select 1"));
            assertThrows(SQLException.class, () -> one(c, "select nosuch()"));
            assertEquals(TransactionState.FAILED, ((BaseConnection) c).getTransactionState(), "ReadyForQuery 'E' after an error");
            for (int i = 0; i < 2; i++) {
                PSQLException e = assertThrows(PSQLException.class, () -> one(c, "select 1"));
                assertEquals("25P02", e.getSQLState());
                assertTrue(e.getMessage().contains("current transaction is aborted, commands ignored until end of transaction block"),
                        e.getMessage());
            }
            st.execute("ROLLBACK");
            assertEquals(TransactionState.IDLE, ((BaseConnection) c).getTransactionState(), "ReadyForQuery 'I' after ROLLBACK");
            assertEquals("1", one(c, "select 1"));
        }
    }

    @Test
    void autocommitOffErrorThenRollback() throws Exception {
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            assertEquals("1", one(c, "select 1"));
            assertThrows(SQLException.class, () -> one(c, "select 1/0"));
            PSQLException e = assertThrows(PSQLException.class, () -> one(c, "select 2"));
            assertEquals("25P02", e.getSQLState());
            c.rollback();
            assertEquals("3", one(c, "select 3"));
            c.commit();
            assertEquals(TransactionState.IDLE, ((BaseConnection) c).getTransactionState());
        }
    }

    @Test
    void psqlCommitOfAFailedTransactionReportsRollback() throws Exception {
        ProcessResult r = ProcessResult.run(List.of(TuskServer.PSQL, "-X", "-h", "127.0.0.1", "-p", Integer.toString(server.port()),
                "-U", "tusk", "-d", "postgres", "-c", "begin", "-c", "select nosuch()", "-c", "select 1", "-c", "commit",
                "-c", "select 42 as answer"), null, 60);
        String out = r.output();
        assertTrue(out.contains("ERROR:  function nosuch() does not exist"), out);
        assertTrue(out.contains("ERROR:  current transaction is aborted, commands ignored until end of transaction block"), out);
        assertTrue(out.trim().lines().anyMatch(l -> l.equals("ROLLBACK")), "COMMIT of an aborted transaction reports ROLLBACK:\n" + out);
        assertTrue(out.contains("42"), out);
    }

    @Test
    void applicationNameIsVisibleToOtherSessions() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            long pidA = ProcessModelIT.backendPid(a);
            try (Statement st = a.createStatement()) {
                st.execute("SET application_name = 'it-app-name'");
            }
            assertEquals("it-app-name", one(a, "show application_name"));
            assertEquals("it-app-name", one(b, "select application_name from pg_stat_activity where pid = " + pidA));
            // application_name is reported to the client with ParameterStatus.
            assertEquals("it-app-name", a.getClientInfo("ApplicationName"));
            try (Statement st = a.createStatement()) {
                st.execute("RESET application_name");
            }
            // pgjdbc (without assumeMinServerVersion) sets its name with SET after startup, so the
            // session default is empty.
            assertEquals("", one(a, "show application_name"));
            assertEquals("", one(b, "select application_name from pg_stat_activity where pid = " + pidA));
        }
    }

    @Test
    void applicationNameFromTheStartupPacket() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "tusk");
        p.setProperty("ApplicationName", "startup-app");
        p.setProperty("assumeMinServerVersion", "9.0"); // send application_name in the startup packet
        try (Connection a = java.sql.DriverManager.getConnection(server.jdbcUrl(), p); Connection b = server.connect()) {
            long pidA = ProcessModelIT.backendPid(a);
            assertEquals("startup-app", one(b, "select application_name from pg_stat_activity where pid = " + pidA));
            try (Statement st = a.createStatement()) {
                st.execute("SET application_name = 'changed'");
                assertEquals("changed", one(b, "select application_name from pg_stat_activity where pid = " + pidA));
                // RESET goes back to the value the client gave at startup.
                st.execute("RESET application_name");
            }
            assertEquals("startup-app", one(a, "show application_name"));
            assertEquals("startup-app", one(b, "select application_name from pg_stat_activity where pid = " + pidA));
        }
        ProcessResult r = ProcessResult.run(List.of(TuskServer.PSQL, "-X", "-At", "-d",
                "host=127.0.0.1 port=" + server.port() + " user=tusk dbname=postgres application_name=psql-app",
                "-c", "select application_name from pg_stat_activity where pid = pg_backend_pid()"), null, 60);
        assertEquals("psql-app", r.output());
    }

    @Test
    void setInsideRolledBackTransactionIsUndone() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            String before = one(c, "show application_name");
            st.execute("BEGIN");
            st.execute("SET application_name = 'inside'");
            assertEquals("inside", one(c, "show application_name"));
            st.execute("ROLLBACK");
            assertEquals(before, one(c, "show application_name"));
            st.execute("BEGIN");
            st.execute("SET LOCAL application_name = 'local'");
            assertEquals("local", one(c, "show application_name"));
            st.execute("COMMIT");
            assertEquals(before, one(c, "show application_name"), "SET LOCAL ends with the transaction");
            st.execute("BEGIN");
            st.execute("SET application_name = 'kept'");
            st.execute("COMMIT");
            assertEquals("kept", one(c, "show application_name"));
        }
    }

    @Test
    void serverVersionAndSuperuser() throws Exception {
        try (Connection c = server.connect()) {
            String v = one(c, "show server_version");
            assertTrue(v.startsWith("15."), v);
            assertEquals(15, c.getMetaData().getDatabaseMajorVersion());
            assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("15."), c.getMetaData().getDatabaseProductVersion());
            assertEquals("on", one(c, "select current_setting('is_superuser')"));
            assertEquals("on", one(c, "show is_superuser"));
            assertEquals("UTF8", one(c, "show server_encoding"));
            assertTrue(one(c, "select version()").startsWith("PostgreSQL 15."));
        }
    }

    @Test
    void preparedStatementsWithoutParametersUseExtendedProtocol() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "tusk");
        p.setProperty("prepareThreshold", "1"); // server-side named statements from the first execution
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), p);
             PreparedStatement ps = c.prepareStatement("select 6 * 7, current_user")) {
            for (int i = 0; i < 7; i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(42, rs.getInt(1));
                    assertEquals("tusk", rs.getString(2));
                    assertFalse(rs.next());
                }
            }
            assertEquals(2, ps.getMetaData().getColumnCount());
            // An error in the extended protocol does not wedge the session.
            try (PreparedStatement bad = c.prepareStatement("select nosuch()")) {
                PSQLException e = assertThrows(PSQLException.class, bad::executeQuery);
                assertEquals("42883", e.getSQLState());
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void pgStatActivityWithWhereAndOrderBy() throws Exception {
        try (Connection a = server.connect(); Connection b = server.connect()) {
            long pa = ProcessModelIT.backendPid(a);
            long pb = ProcessModelIT.backendPid(b);
            List<Long> expected = pa < pb ? List.of(pa, pb) : List.of(pb, pa);
            List<Long> got = new java.util.ArrayList<>();
            try (Statement st = a.createStatement();
                 ResultSet rs = st.executeQuery("select pid, state, usename, datname from pg_stat_activity where pid in ("
                         + pa + ", " + pb + ") order by pid")) {
                while (rs.next()) {
                    got.add(rs.getLong(1));
                    assertEquals(rs.getLong(1) == pa ? "active" : "idle", rs.getString(2));
                    assertEquals("tusk", rs.getString(3));
                    assertEquals("postgres", rs.getString(4));
                }
            }
            assertEquals(expected, got);
        }
    }
}
