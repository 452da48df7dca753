package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of one backend: PostgreSQL's crash-restart. The other sessions are terminated, the same
 * postmaster reinitializes and accepts connections again.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashRestartIT {
    static final String CRASH_MSG = "terminating connection because of crash of another server process";
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void killNineOfABackendTerminatesOthersAndServerRecovers() throws Exception {
        long pm = server.postmasterPid();
        Connection victim = connectWithin(15000);
        Connection idle = server.connect();
        Connection busy = server.connect();
        Process psql = null;
        try {
            long victimPid = ProcessModelIT.backendPid(victim);
            long idlePid = ProcessModelIT.backendPid(idle);
            long busyPid = ProcessModelIT.backendPid(busy);
            CompletableFuture<Object> busyResult = CompletableFuture.supplyAsync(() -> {
                try (Statement st = busy.createStatement()) {
                    st.execute("select pg_sleep(20)");
                    return "completed";
                } catch (SQLException e) {
                    return e;
                }
            });
            psql = new ProcessBuilder(TuskServer.PSQL, "-X", "-At", "-h", "/tmp", "-p", Integer.toString(server.port()),
                    "-U", "tusk", "-d", "postgres", "-c", "select pg_sleep(20) /* psql survivor */")
                    .redirectErrorStream(true).start();
            psql.getOutputStream().close();
            Process psqlProc = psql;
            CompletableFuture<String> psqlOut = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(psqlProc.getInputStream().readAllBytes());
                } catch (Exception e) {
                    return e.toString();
                }
            });
            assertTrue(TuskServer.waitFor(10000, () -> activeCount(victim, "%pg_sleep(20)%") == 2),
                    "both sleeping sessions are active");

            ProcessHandle.of(victimPid).orElseThrow().destroyForcibly(); // SIGKILL
            long t0 = System.nanoTime();

            Object busyOutcome = busyResult.get(10, TimeUnit.SECONDS);
            long busyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(busyOutcome instanceof SQLException, "busy session's pg_sleep(20) should fail, got " + busyOutcome);
            SQLException be = (SQLException) busyOutcome;
            assertTerminatedByCrash(be);
            assertTrue(busyMs < 10000, "busy session ended after " + busyMs + " ms");

            assertTrue(psql.waitFor(10, TimeUnit.SECONDS), "psql survivor still running");
            String out = psqlOut.get(5, TimeUnit.SECONDS);
            assertTrue(out.contains(CRASH_MSG), "psql survivor output: " + out);
            assertTrue(psql.exitValue() != 0);

            SQLException ie = assertThrows(SQLException.class, () -> ProcessModelIT.backendPid(idle),
                    "the idle session's next query must fail");
            assertTerminatedByCrash(ie);

            assertEquals(pm, server.postmasterPid(), "postmaster.pid names the same postmaster");
            assertTrue(TuskServer.alive(pm), "postmaster alive");

            try (Connection fresh = connectWithin(15000)) {
                assertEquals(pm, server.postmasterPid());
                long freshPid = ProcessModelIT.backendPid(fresh);
                assertEquals(pm, TuskServer.parentOf(freshPid));
                Set<Long> listed = ProcessModelIT.allActivityPids(fresh);
                for (long old : List.of(victimPid, idlePid, busyPid)) {
                    assertFalse(listed.contains(old), "pg_stat_activity still lists " + old + ": " + listed);
                    assertFalse(TuskServer.alive(old), "old backend " + old + " still alive");
                }
            }
            String log = server.log();
            assertTrue(log.contains("(PID " + victimPid + ") was terminated by signal 9"), log);
            assertTrue(log.contains("all server processes terminated; reinitializing"), log);
        } finally {
            if (psql != null) psql.destroyForcibly();
            victim.close();
            idle.close();
            busy.close();
        }
    }

    @Test
    void repeatedCrashesRecoverEachTime() throws Exception {
        long pm = server.postmasterPid();
        for (int round = 0; round < 2; round++) {
            try (Connection victim = connectWithin(15000); Connection other = server.connect()) {
                long victimPid = ProcessModelIT.backendPid(victim);
                ProcessHandle.of(victimPid).orElseThrow().destroyForcibly();
                assertTrue(TuskServer.waitFor(5000, () -> !TuskServer.alive(victimPid)));
                // The other session is terminated by the crash-restart, sooner or later.
                assertTrue(TuskServer.waitFor(10000, () -> {
                    try {
                        ProcessModelIT.backendPid(other);
                        return false;
                    } catch (SQLException e) {
                        return true;
                    }
                }), "round " + round + ": other session survived the crash");
            }
            try (Connection fresh = connectWithin(15000)) {
                assertEquals(1, MaxConnectionsIT.selectOne(fresh));
            }
            assertEquals(pm, server.postmasterPid());
            assertTrue(TuskServer.alive(pm));
        }
    }

    static void assertTerminatedByCrash(SQLException e) {
        String state = e.getSQLState();
        if ("57P02".equals(state)) {
            assertTrue(e.getMessage().contains(CRASH_MSG), e.getMessage());
        } else if (state == null || !state.startsWith("08")) {
            fail("expected 57P02 or a connection error (08xxx), got " + state + ": " + e);
        }
    }

    static int activeCount(Connection c, String like) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where state = 'active' and query like '"
                     + like + "' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    static Connection connectWithin(long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            try {
                Connection c = server.connect();
                assertNotNull(c);
                return c;
            } catch (SQLException e) {
                if (System.nanoTime() > end) throw e;
                Thread.sleep(200);
            }
        }
    }
}
