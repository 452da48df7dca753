package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ./tusk stop in its modes, and the postmaster dying by SIGKILL. Each test has its own server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownIT {

    @Test
    void fastShutdownTerminatesSessionsAndRemovesPidFile() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            Connection busy = server.connect();
            Connection idle = server.connect();
            try {
                long busyPid = ProcessModelIT.backendPid(busy);
                Statement st = busy.createStatement();
                CompletableFuture<Object> f = CancelIT.runAsync(st, "select pg_sleep(20)");
                try (Connection observer = server.connect()) {
                    long obs = ProcessModelIT.backendPid(observer);
                    assertTrue(TuskServer.waitFor(10000, () -> {
                        try {
                            return ProcessModelIT.clientBackendPids(observer).contains(busyPid)
                                    && CrashRestartIT.activeCount(observer, "select pg_sleep(20)") == 1;
                        } catch (SQLException e) {
                            return false;
                        }
                    }));
                    assertTrue(obs > 0);
                }
                Set<Long> children = ProcessModelIT.childrenOf(pm);
                assertTrue(children.contains(busyPid));

                long t0 = System.nanoTime();
                ProcessResult stop = server.stop("fast");
                long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(0, stop.exitCode(), stop.output());
                assertTrue(stopMs < 30000, "stop -m fast took " + stopMs + " ms");

                Object outcome = f.get(10, TimeUnit.SECONDS);
                assertTrue(outcome instanceof SQLException, "pg_sleep(20) should be ended, got " + outcome);
                SQLException e = (SQLException) outcome;
                assertEquals("57P01", e.getSQLState(), e.toString());
                assertTrue(e.getMessage().contains("terminating connection due to administrator command"), e.getMessage());

                assertThrows(SQLException.class, () -> MaxConnectionsIT.selectOne(idle));

                assertFalse(TuskServer.alive(pm), "postmaster still alive after stop -m fast");
                assertFalse(Files.exists(server.dataDir().resolve("postmaster.pid")), "postmaster.pid left behind");
                for (long child : children) assertFalse(TuskServer.alive(child), "child " + child + " left behind");
                assertTrue(server.log().contains("database system is shut down"), server.log());
                ProcessResult status = ProcessResult.run(List.of(tusk(), "status", "-D", server.dataDir().toString()), null, 60);
                assertEquals(3, status.exitCode(), "tusk status after stop: " + status.output());
                assertTrue(status.output().contains("no server running"), status.output());
            } finally {
                busy.close();
                idle.close();
            }
        }
    }

    @Test
    void fastShutdownOfPsqlSession() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            Process psql = new ProcessBuilder(TuskServer.PSQL, "-X", "-At", "-h", "/tmp", "-p", Integer.toString(server.port()),
                    "-U", "tusk", "-d", "postgres", "-c", "select pg_sleep(20)").redirectErrorStream(true).start();
            try {
                psql.getOutputStream().close();
                CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(psql.getInputStream().readAllBytes());
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
                try (Connection observer = server.connect()) {
                    assertTrue(TuskServer.waitFor(10000, () -> CrashRestartIT.activeCount(observer, "select pg_sleep(20)") == 1));
                }
                assertEquals(0, server.stop("fast").exitCode());
                assertTrue(psql.waitFor(10, TimeUnit.SECONDS));
                String output = out.get(5, TimeUnit.SECONDS);
                assertTrue(output.contains("terminating connection due to administrator command"), output);
            } finally {
                psql.destroyForcibly();
            }
        }
    }

    @Test
    void smartShutdownWaitsForTheOpenSession() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            Connection session = server.connect();
            Process stop = null;
            try {
                long pid = ProcessModelIT.backendPid(session);
                ProcessResult status = ProcessResult.run(List.of(tusk(), "status", "-D", server.dataDir().toString()), null, 60);
                assertEquals(0, status.exitCode(), status.output());
                assertTrue(status.output().contains("server is running (PID: " + pm + ")"), status.output());
                stop = new ProcessBuilder(tusk(), "stop", "-D", server.dataDir().toString(), "-m", "smart")
                        .redirectErrorStream(true).start();
                stop.getOutputStream().close();
                Process stopProc = stop;
                CompletableFuture<String> stopOut = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(stopProc.getInputStream().readAllBytes());
                    } catch (Exception e) {
                        return e.toString();
                    }
                });
                // While the session is open the postmaster keeps running and the session keeps working.
                assertFalse(stop.waitFor(3, TimeUnit.SECONDS), "stop -m smart returned while a session was open: "
                        + (stop.isAlive() ? "" : stopOut.get(5, TimeUnit.SECONDS)));
                assertTrue(TuskServer.alive(pm), "postmaster exited while a session was open");
                assertTrue(Files.exists(server.dataDir().resolve("postmaster.pid")));
                assertEquals(pid, ProcessModelIT.backendPid(session));
                assertEquals(1, MaxConnectionsIT.selectOne(session));
                // New connections are refused meanwhile (PostgreSQL: 57P03 "the database system is shutting down").
                SQLException e = assertThrows(SQLException.class, () -> server.connect().close());
                assertEquals("57P03", e.getSQLState(), e.toString());
                assertTrue(e.getMessage().contains("the database system is shutting down"), e.getMessage());

                session.close();
                assertTrue(stop.waitFor(30, TimeUnit.SECONDS), "stop -m smart did not return after the session closed");
                assertEquals(0, stop.exitValue(), stopOut.get(5, TimeUnit.SECONDS));
                assertTrue(TuskServer.waitFor(5000, () -> !TuskServer.alive(pm)), "postmaster still alive");
                assertFalse(Files.exists(server.dataDir().resolve("postmaster.pid")), "postmaster.pid left behind");
            } finally {
                session.close();
                if (stop != null) stop.destroyForcibly();
            }
        }
    }

    @Test
    void immediateShutdownEndsEverythingAndTheServerStartsAgain() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            Connection session = server.connect();
            try {
                long pid = ProcessModelIT.backendPid(session);
                Set<Long> children = ProcessModelIT.childrenOf(pm);
                assertTrue(children.contains(pid));
                ProcessResult stop = server.stop("immediate");
                assertEquals(0, stop.exitCode(), stop.output());
                assertFalse(TuskServer.alive(pm), "postmaster still alive after stop -m immediate");
                assertTrue(TuskServer.waitFor(5000, () -> children.stream().noneMatch(TuskServer::alive)),
                        "children left after stop -m immediate");
                assertThrows(SQLException.class, () -> MaxConnectionsIT.selectOne(session));
            } finally {
                session.close();
            }
            server.startAgain();
            try (Connection c = server.connect()) {
                assertEquals(1, MaxConnectionsIT.selectOne(c));
            }
        }
    }

    static String tusk() {
        return java.nio.file.Path.of(System.getProperty("tusk.home", ".")).toAbsolutePath().resolve("tusk").toString();
    }

    @Test
    void sigkillOfThePostmasterLeavesNoChildBehind() throws Exception {
        try (TuskServer server = TuskServer.start()) {
            long pm = server.postmasterPid();
            Connection session = server.connect();
            Set<Long> children = new HashSet<>();
            try {
                long pid = ProcessModelIT.backendPid(session);
                CompletableFuture<Object> f = CancelIT.runAsync(session.createStatement(), "select pg_sleep(20)");
                assertTrue(TuskServer.waitFor(5000, () -> {
                    children.clear();
                    children.addAll(ProcessModelIT.childrenOf(pm));
                    return children.size() >= 2; // the session and at least one spare
                }), "children of the postmaster: " + children);
                assertTrue(children.contains(pid));

                ProcessHandle.of(pm).orElseThrow().destroyForcibly(); // SIGKILL
                boolean allGone = TuskServer.waitFor(5000, () -> children.stream().noneMatch(TuskServer::alive));
                Set<Long> left = new HashSet<>();
                for (long c : children) if (TuskServer.alive(c)) left.add(c);
                assertTrue(allGone, "children left behind 5 s after SIGKILL of the postmaster: " + left + " of " + children);
                Object outcome = f.get(10, TimeUnit.SECONDS);
                assertTrue(outcome instanceof SQLException, "the session should have lost its backend, got " + outcome);
            } finally {
                session.close();
                for (long c : children) ProcessHandle.of(c).ifPresent(ProcessHandle::destroyForcibly);
            }

            // A stale postmaster.pid does not keep a user from starting the server again.
            server.startAgain();
            long pm2 = server.postmasterPid();
            assertTrue(pm2 != pm && TuskServer.alive(pm2));
            try (Connection c = server.connect()) {
                assertEquals(1, MaxConnectionsIT.selectOne(c));
            }
        }
    }
}
