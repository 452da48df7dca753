package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connecting with psql (Unix socket and TCP) and pgjdbc, and the process model a user can see:
 * one backend process per connection, a child of the postmaster, listed in pg_stat_activity,
 * gone soon after the client leaves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessModelIT {
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
    void psqlOverUnixSocket() throws Exception {
        ProcessResult r = server.psql("/tmp", "select 1");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("1", r.output());
    }

    @Test
    void psqlOverTcp() throws Exception {
        ProcessResult r = server.psql("127.0.0.1", "select 1");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("1", r.output());
    }

    @Test
    void psqlSeesUserDatabaseAndVersion() throws Exception {
        ProcessResult r = server.psql("127.0.0.1", "select current_user, current_database()");
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("tusk|postgres", r.output());
    }

    @Test
    void jdbcConnectsAndQueries() throws Exception {
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("select 1, current_user, current_database(), version()");
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertEquals("tusk", rs.getString(2));
            assertEquals("postgres", rs.getString(3));
            assertTrue(rs.getString(4).startsWith("PostgreSQL 15"), rs.getString(4));
            assertFalse(rs.next());
            assertEquals(15, c.getMetaData().getDatabaseMajorVersion());
        }
    }

    @Test
    void eachConnectionIsItsOwnChildOfThePostmaster() throws Exception {
        long pm = server.postmasterPid();
        List<Connection> conns = new ArrayList<>();
        try {
            List<Long> pids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection c = server.connect();
                conns.add(c);
                pids.add(backendPid(c));
            }
            assertEquals(3, new HashSet<>(pids).size(), "distinct backend pids: " + pids);
            for (long pid : pids) {
                assertTrue(TuskServer.alive(pid), "backend " + pid + " is a live process");
                assertEquals(pm, TuskServer.parentOf(pid), "parent of backend " + pid);
                assertTrue(pid != pm);
                String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
                assertTrue(cmdline.contains("java"), "backend is a JVM: " + cmdline);
            }
            // A session stays on its process.
            for (int i = 0; i < conns.size(); i++) assertEquals(pids.get(i), backendPid(conns.get(i)));
        } finally {
            for (Connection c : conns) c.close();
        }
    }

    @Test
    void backendExitsWithinASecondOfDisconnect() throws Exception {
        long pid;
        try (Connection c = server.connect()) {
            pid = backendPid(c);
            assertTrue(TuskServer.alive(pid));
        }
        long t0 = System.nanoTime();
        boolean gone = TuskServer.waitFor(1000, () -> !TuskServer.alive(pid));
        assertTrue(gone, "backend " + pid + " still alive "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms after the client closed");
        try (Connection other = server.connect()) {
            assertFalse(clientBackendPids(other).contains(pid), "pg_stat_activity still lists " + pid);
        }
    }

    @Test
    void psqlBackendExitsAfterDisconnect() throws Exception {
        ProcessResult r = server.psql("/tmp", "select pg_backend_pid()");
        assertEquals(0, r.exitCode(), r.output());
        long pid = Long.parseLong(r.output());
        assertTrue(TuskServer.waitFor(1000, () -> !TuskServer.alive(pid)), "psql's backend " + pid + " still alive");
    }

    @Test
    void everySessionSeesEveryOtherAndNoSpares() throws Exception {
        long pm = server.postmasterPid();
        // Earlier tests' backends may still be exiting; wait until no client backend is listed.
        try (Connection probe = server.connect()) {
            long probePid = backendPid(probe);
            TuskServer.waitFor(5000, () -> {
                try {
                    return clientBackendPids(probe).equals(Set.of(probePid));
                } catch (SQLException e) {
                    return false;
                }
            });
        }
        List<Connection> conns = new ArrayList<>();
        try {
            Set<Long> pids = new TreeSet<>();
            for (int i = 0; i < 3; i++) {
                Connection c = server.connect();
                conns.add(c);
                pids.add(backendPid(c));
            }
            // The probe's backend exits asynchronously; allow it a moment to leave the list.
            Connection first = conns.get(0);
            TuskServer.waitFor(3000, () -> {
                try {
                    return clientBackendPids(first).equals(pids);
                } catch (SQLException e) {
                    return false;
                }
            });
            for (Connection c : conns) {
                assertEquals(pids, clientBackendPids(c), "client backends seen by session " + backendPid(c));
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where pid = "
                             + backendPid(c) + " and backend_type = 'client backend' and state = 'active'"
                             + " and usename = 'tusk' and datname = 'postgres'")) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getLong(1), "own row is active with user and database");
                }
            }
            // The postmaster keeps spare backends started; none is a client backend.
            Set<Long> spares = new HashSet<>();
            assertTrue(TuskServer.waitFor(10000, () -> {
                spares.clear();
                spares.addAll(childrenOf(pm));
                spares.removeAll(pids);
                return !spares.isEmpty();
            }), "postmaster has children other than the sessions (spares)");
            Set<Long> listed = allActivityPids(first);
            for (long spare : spares) {
                assertFalse(clientBackendPids(first).contains(spare), "spare " + spare + " listed as client backend");
            }
            assertTrue(listed.containsAll(pids));
        } finally {
            for (Connection c : conns) c.close();
        }
    }

    static long backendPid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static Set<Long> clientBackendPids(Connection c) throws SQLException {
        Set<Long> pids = new TreeSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(
                     "select pid from pg_stat_activity where backend_type = 'client backend' order by pid")) {
            while (rs.next()) pids.add(rs.getLong(1));
        }
        return pids;
    }

    static Set<Long> allActivityPids(Connection c) throws SQLException {
        Set<Long> pids = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pid from pg_stat_activity")) {
            while (rs.next()) pids.add(rs.getLong(1));
        }
        return pids;
    }

    /** Live children of {@code parent}, from /proc/PID/status PPid. */
    static Set<Long> childrenOf(long parent) {
        Set<Long> kids = new TreeSet<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> TuskServer.parentOf(pid) == parent && TuskServer.alive(pid))
                    .forEach(kids::add);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return kids;
    }
}
