package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** max_connections=3: the fourth connection is refused with 53300, and accepted again once one closes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MaxConnectionsIT {
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start(new String[] {"max_connections=3", "superuser_reserved_connections=0", "log_connections=on"});
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void connectionBeyondMaxConnectionsIsRefusedThenAcceptedAgain() throws Exception {
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) conns.add(connectWithin(5000));   // a previous test's backends may still be exiting
            for (Connection c : conns) assertEquals(1, selectOne(c));

            SQLException e = assertThrows(SQLException.class, () -> server.connect().close());
            assertEquals("53300", e.getSQLState(), e.toString());
            assertTrue(e.getMessage().contains("sorry, too many clients already"), e.getMessage());

            ProcessResult psql = server.psql("127.0.0.1", "select 1");
            assertNotEquals(0, psql.exitCode());
            assertTrue(psql.output().contains("sorry, too many clients already"), psql.output());
            ProcessResult psqlUnix = server.psql("/tmp", "select 1");
            assertTrue(psqlUnix.output().contains("sorry, too many clients already"), psqlUnix.output());

            // The refusals did not disturb the open sessions.
            for (Connection c : conns) assertEquals(1, selectOne(c));

            conns.remove(0).close();
            Connection again = connectWithin(5000);
            conns.add(again);
            assertEquals(1, selectOne(again));

            // Full again.
            SQLException e2 = assertThrows(SQLException.class, () -> server.connect().close());
            assertEquals("53300", e2.getSQLState(), e2.toString());
        } finally {
            for (Connection c : conns) c.close();
        }
        // All closed: three fit again.
        List<Connection> more = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Connection c = connectWithin(5000);
                more.add(c);
                assertEquals(1, selectOne(c));
            }
        } finally {
            for (Connection c : more) c.close();
        }
    }

    @Test
    void psqlGetsSlotBackAfterSessionsEnd() throws Exception {
        // Fill the server with sessions that end by themselves, as psql sessions would.
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) conns.add(connectWithin(5000));
            ProcessResult full = server.psql("127.0.0.1", "select 1");
            assertTrue(full.output().contains("too many clients already"), full.output());
        } finally {
            for (Connection c : conns) c.close();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        ProcessResult r;
        do {
            r = server.psql("127.0.0.1", "select 1");
        } while (!"1".equals(r.output()) && System.nanoTime() < end);
        assertEquals("1", r.output());
    }

    @Test
    void cancelRequestWorksWhileServerIsFull() throws Exception {
        // A cancel request arrives as a new connection; with every slot taken it must still reach
        // the backend it names (the postmaster refuses the connection but passes the request on).
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) conns.add(connectWithin(5000));
            try (Statement sleeper = conns.get(0).createStatement()) {
                Thread canceller = new Thread(() -> {
                    try {
                        Thread.sleep(1500);
                        sleeper.cancel();
                    } catch (Exception ignored) {
                        // the assertion below fails instead
                    }
                });
                canceller.start();
                SQLException e = assertThrows(SQLException.class, () -> sleeper.execute("select pg_sleep(60)"));
                canceller.join();
                assertEquals("57014", e.getSQLState(), e.toString());
                assertTrue(e.getMessage().contains("canceling statement due to user request"), e.getMessage());
            }
            assertEquals(1, selectOne(conns.get(0)));
        } finally {
            for (Connection c : conns) c.close();
        }
    }

    @Test
    void refusedConnectionsGetTheirAnswerWithoutDisturbingOthers() throws Exception {
        // Many refusals in a row, over both sockets, each with PostgreSQL's error; sessions go on.
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) conns.add(connectWithin(5000));
            for (int i = 0; i < 20; i++) {
                SQLException e = assertThrows(SQLException.class, () -> server.connect().close());
                assertEquals("53300", e.getSQLState(), e.toString());
            }
            ProcessResult unix = server.psql("/tmp", "select 1");
            assertTrue(unix.output().contains("FATAL:  sorry, too many clients already"), unix.output());
            for (Connection c : conns) assertEquals(1, selectOne(c));
        } finally {
            for (Connection c : conns) c.close();
        }
        try (Connection again = connectWithin(5000)) {
            assertEquals(1, selectOne(again));
        }
    }

    @Test
    void refusedConnectionsAreLoggedAsReceivedWithLogConnections() throws Exception {
        // A dead-end child logs BackendInitialize's "connection received" before it refuses; so does the postmaster.
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) conns.add(connectWithin(5000));
            int before = server.log().length();
            ProcessResult tcp = server.psql("127.0.0.1", "select 1");
            assertTrue(tcp.output().contains("sorry, too many clients already"), tcp.output());
            ProcessResult unix = server.psql("/tmp", "select 1");
            assertTrue(unix.output().contains("sorry, too many clients already"), unix.output());
            String log = waitForLog(before, "connection received: host=[local]");
            int tcpLine = log.indexOf("LOG:  connection received: host=127.0.0.1 port=");
            int unixLine = log.indexOf("LOG:  connection received: host=[local]");
            assertTrue(tcpLine >= 0 && unixLine > tcpLine, log);
            assertTrue(log.indexOf("FATAL:  sorry, too many clients already", tcpLine) > tcpLine, log);
        } finally {
            for (Connection c : conns) c.close();
        }
    }

    private static String waitForLog(int from, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String log = server.log().substring(from);
            if (log.contains(text)) return log;
            Thread.sleep(50);
        }
        return server.log().substring(from);
    }

    @Test
    void postmasterSleepsWhenNothingHappens() throws Exception {
        // After refusals, with no connection waiting, the postmaster's loop must block in poll
        // (a wrong timeout once made it spin at 100% CPU until its heap ran out).
        List<Connection> conns = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) conns.add(connectWithin(5000));
            assertThrows(SQLException.class, () -> server.connect().close());
            long pm = server.postmasterPid();
            long before = cpuTicks(pm);
            Thread.sleep(3000);
            long used = cpuTicks(pm) - before;
            assertTrue(used < 100, "postmaster used " + used + " clock ticks of CPU in 3 s of quiet");
        } finally {
            for (Connection c : conns) c.close();
        }
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    static long cpuTicks(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static int selectOne(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The slot of a closed session frees when its backend has exited, which takes a moment. */
    static Connection connectWithin(long millis) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            try {
                return server.connect();
            } catch (SQLException e) {
                if (!"53300".equals(e.getSQLState()) || System.nanoTime() > end) throw e;
                Thread.sleep(100);
            }
        }
    }
}
