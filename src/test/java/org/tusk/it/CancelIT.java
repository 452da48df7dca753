package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Query cancel (protocol CancelRequest, psql's Ctrl-C, pg_cancel_backend) and pg_terminate_backend. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CancelIT {
    static TuskServer server;
    static Connection observer;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
        observer = server.connect();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (observer != null) observer.close();
        if (server != null) server.close();
    }

    /** Runs {@code sql} on {@code st} in the background; the future holds the SQLException or "ok". */
    static CompletableFuture<Object> runAsync(Statement st, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                st.execute(sql);
                return "ok";
            } catch (SQLException e) {
                return e;
            }
        });
    }

    static boolean isActive(long pid, String like) {
        try (Statement st = observer.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where pid = " + pid
                     + " and state = 'active' and query like '" + like + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean queryBool(String sql) throws SQLException {
        try (Statement st = observer.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getBoolean(1);
        }
    }

    @Test
    void jdbcStatementCancelEndsSleepWith57014() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            long pid = ProcessModelIT.backendPid(c);
            CompletableFuture<Object> f = runAsync(st, "select pg_sleep(30)");
            assertTrue(TuskServer.waitFor(10000, () -> isActive(pid, "select pg_sleep(30)")), "sleep is running");
            long t0 = System.nanoTime();
            st.cancel();
            assertEndedWith(f, t0, "57014", "canceling statement due to user request");
            // The session goes on, on the same backend.
            assertEquals(1, MaxConnectionsIT.selectOne(c));
            assertEquals(pid, ProcessModelIT.backendPid(c));
        }
    }

    @Test
    void psqlSigintCancelsTheQuery() throws Exception {
        Process psql = new ProcessBuilder(TuskServer.PSQL, "-X", "-At", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "tusk", "-d", "postgres", "-c",
                "select pg_sleep(30) /* psql sigint */").redirectErrorStream(true).start();
        try {
            psql.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(psql.getInputStream().readAllBytes());
                } catch (Exception e) {
                    return e.toString();
                }
            });
            assertTrue(TuskServer.waitFor(10000, () -> activeLike("%psql sigint%")), "psql's sleep is running");
            long t0 = System.nanoTime();
            ProcessResult kill = ProcessResult.run(List.of("kill", "-INT", Long.toString(psql.pid())), null, 10);
            assertEquals(0, kill.exitCode(), kill.output());
            assertTrue(psql.waitFor(10, TimeUnit.SECONDS), "psql did not finish after SIGINT");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            String output = out.get(5, TimeUnit.SECONDS);
            assertTrue(output.contains("canceling statement due to user request"), output);
            assertNotEquals(0, psql.exitValue());
            assertTrue(ms < 5000, "cancel took " + ms + " ms");
        } finally {
            psql.destroyForcibly();
        }
    }

    static boolean activeLike(String like) {
        try (Statement st = observer.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where state = 'active' and query like '"
                     + like + "' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void pgCancelBackendFromAnotherSession() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            long pid = ProcessModelIT.backendPid(c);
            CompletableFuture<Object> f = runAsync(st, "select pg_sleep(30)");
            assertTrue(TuskServer.waitFor(10000, () -> isActive(pid, "select pg_sleep(30)")));
            long t0 = System.nanoTime();
            assertTrue(queryBool("select pg_cancel_backend(" + pid + ")"));
            assertEndedWith(f, t0, "57014", "canceling statement due to user request");
            assertEquals(1, MaxConnectionsIT.selectOne(c));
            assertEquals(pid, ProcessModelIT.backendPid(c));
        }
    }

    @Test
    void pgCancelBackendOfAnIdleSessionDoesNotCancelItsNextQuery() throws Exception {
        try (Connection c = server.connect()) {
            long pid = ProcessModelIT.backendPid(c);
            assertTrue(queryBool("select pg_cancel_backend(" + pid + ")"));
            Thread.sleep(300); // let the signal arrive while the session is idle
            try (Statement st = c.createStatement()) {
                st.execute("select pg_sleep(0.5)");
            }
            assertEquals(1, MaxConnectionsIT.selectOne(c));
        }
    }

    @Test
    void cancelRequestWithWrongKeyIsIgnored() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            long pid = ProcessModelIT.backendPid(c);
            CompletableFuture<Object> f = runAsync(st, "select pg_sleep(2)");
            assertTrue(TuskServer.waitFor(10000, () -> isActive(pid, "select pg_sleep(2)")));
            // A CancelRequest with the right pid but a made-up secret key.
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(16);
                out.writeInt(80877102);
                out.writeInt((int) pid);
                out.writeInt(0x5eed1234);
                out.flush();
                s.setSoTimeout(5000);
                // The server answers nothing and closes.
                assertEquals(-1, new DataInputStream(s.getInputStream()).read());
            }
            assertEquals("ok", f.get(20, TimeUnit.SECONDS), "pg_sleep(2) was canceled by a cancel request with a wrong key");
        }
    }

    @Test
    void pgTerminateBackendEndsSessionWith57P01() throws Exception {
        Connection c = server.connect();
        try (Statement st = c.createStatement()) {
            long pid = ProcessModelIT.backendPid(c);
            CompletableFuture<Object> f = runAsync(st, "select pg_sleep(30)");
            assertTrue(TuskServer.waitFor(10000, () -> isActive(pid, "select pg_sleep(30)")));
            long t0 = System.nanoTime();
            assertTrue(queryBool("select pg_terminate_backend(" + pid + ")"));
            assertEndedWith(f, t0, "57P01", "terminating connection due to administrator command");
            assertThrows(SQLException.class, () -> MaxConnectionsIT.selectOne(c));
            assertTrue(TuskServer.waitFor(3000, () -> !TuskServer.alive(pid)), "terminated backend " + pid + " still alive");
            assertFalse(ProcessModelIT.allActivityPids(observer).contains(pid));
            // A terminated session is a normal exit: no crash-restart.
            assertFalse(server.log().contains("reinitializing"), server.log());
            assertEquals(1, MaxConnectionsIT.selectOne(observer));
        } finally {
            c.close();
        }
    }

    @Test
    void pgTerminateBackendOfAnIdleSession() throws Exception {
        Connection c = server.connect();
        try {
            long pid = ProcessModelIT.backendPid(c);
            assertTrue(queryBool("select pg_terminate_backend(" + pid + ")"));
            assertTrue(TuskServer.waitFor(3000, () -> !TuskServer.alive(pid)), "terminated idle backend " + pid + " still alive");
            SQLException e = assertThrows(SQLException.class, () -> MaxConnectionsIT.selectOne(c));
            String state = e.getSQLState();
            assertTrue("57P01".equals(state) || (state != null && state.startsWith("08")), e.toString());
            assertFalse(server.log().contains("reinitializing"), server.log());
        } finally {
            c.close();
        }
    }

    @Test
    void pgCancelAndTerminateOfUnknownPid() throws Exception {
        // PostgreSQL: WARNING "PID ... is not a PostgreSQL server process", result false.
        assertFalse(queryBool("select pg_cancel_backend(1)"));
        assertFalse(queryBool("select pg_terminate_backend(1)"));
        assertEquals(1, MaxConnectionsIT.selectOne(observer));
    }

    /**
     * The statement running in {@code f} ended, within 5 s of {@code t0}, with an SQLException of
     * {@code sqlState} whose message contains {@code message}.
     */
    private static void assertEndedWith(java.util.concurrent.Future<?> f, long t0, String sqlState, String message)
            throws Exception {
        Object outcome = f.get(20, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(outcome instanceof SQLException, "expected " + sqlState + ", got " + outcome);
        SQLException e = (SQLException) outcome;
        assertEquals(sqlState, e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(ms < 5000, "ending the statement took " + ms + " ms");
    }
}
