package org.tusk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * backend_reuse = on: a backend whose client left cleanly serves the next session, and nothing of
 * the first session is visible in the second: settings, prepared statements, the
 * pg_stat_activity row, the cancel key.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackendReuseIT {
    static TuskServer server;

    @BeforeAll
    static void start() throws Exception {
        // One spare, so that a reused backend is the one that takes the next connection.
        server = TuskServer.start("backend_reuse=on", "backend_spares=1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    /**
     * The next connection, after the process that served {@code pid}'s session has had time to
     * become a spare again: the postmaster hands a new connection to the most recently reused
     * process, so it must land there.
     */
    private static Connection connectTo(int pid) throws Exception {
        Thread.sleep(1000);
        Connection c = connect();
        assertEquals(pid, backendPid(c), "the next session runs in the reused process");
        return c;
    }

    private static Connection connect() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        p.setProperty("prepareThreshold", "1");
        return java.sql.DriverManager.getConnection(server.jdbcUrl(), p);
    }

    private static int backendPid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String one(Connection c, String sql) throws Exception {
        return ProtocolIT.one(c, sql);
    }

    @Test
    void theNextSessionStartsFromNothing() throws Exception {
        int pid;
        String firstStart;
        try (Connection c = connect()) {
            pid = backendPid(c);
            try (Statement s = c.createStatement()) {
                s.execute("set work_mem = '7MB'");
                s.execute("set application_name = 'first session'");
            }
            // A server-side prepared statement (pgjdbc names it S_1 with prepareThreshold=1).
            try (PreparedStatement ps = c.prepareStatement("select 41 + 1")) {
                ps.executeQuery().close();
                ps.executeQuery().close();
            }
            firstStart = one(c, "select backend_start::text from pg_stat_activity where pid = pg_backend_pid()");
        }
        try (Connection c = connectTo(pid)) {
            assertEquals("4MB", one(c, "show work_mem"), "settings are reset");
            assertEquals("PostgreSQL JDBC Driver", one(c, "show application_name"));
            // The same statement name can be prepared again: the old one is gone.
            try (PreparedStatement ps = c.prepareStatement("select 41 + 1")) {
                ResultSet rs = ps.executeQuery();
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
            String secondStart = one(c, "select backend_start::text from pg_stat_activity where pid = pg_backend_pid()");
            assertNotEquals(firstStart, secondStart, "pg_stat_activity shows the new session, not the old one");
            assertEquals("1", one(c, "select count(*) from pg_stat_activity where pid = pg_backend_pid()"));
            assertEquals("PostgreSQL JDBC Driver",
                    one(c, "select application_name from pg_stat_activity where pid = pg_backend_pid()"));
        }
    }

    /**
     * A reused process keeps its relcache for the next session in the same database
     * (SessionCarryOver): what other sessions changed in the catalogs while it waited, and what it
     * had not read yet when its session ended, must still reach it before it uses an entry.
     */
    @Test
    void catalogChangesMadeWhileTheProcessWaitedAreSeenByItsNextSession() throws Exception {
        try (Connection other = connect()) {
            try (Statement s = other.createStatement()) {
                s.execute("create table carried (a int)");
                s.execute("insert into carried values (1)");
                s.execute("create table renamed_later (x int)");
            }
            int pid;
            Thread.sleep(1000);   // the spare started for `other` is ready
            try (Connection c = connect()) {
                pid = backendPid(c);
                assertEquals("1", one(c, "select a from carried"));
                assertEquals("0", one(c, "select count(*) from renamed_later"));
                assertEquals("f", one(c, "select exists (select from pg_class where relname = 'made_later')"));
                assertEquals("3", one(c, "select 1 + 2")); // the user operators read (none) and kept
            }
            try (Statement s = other.createStatement()) {
                s.execute("create function carried_plus(int, int) returns int language sql as 'select $1 * 10 + $2'");
                s.execute("create operator %%% (leftarg = int, rightarg = int, function = carried_plus)");
                s.execute("alter table carried add column b text default 'added'");
                s.execute("alter table renamed_later rename to made_later");
                s.execute("create table renamed_later (y text)");
                s.execute("insert into renamed_later values ('new')");
            }
            try (Connection c = connectTo(pid)) {
                assertEquals("1 added", one(c, "select a || ' ' || b from carried"));
                assertEquals("new", one(c, "select y from renamed_later"));
                assertEquals("0", one(c, "select count(*) from made_later"));
                assertEquals("12", one(c, "select 1 %%% 2"));
            }
        }
    }

    /** Async_UnlistenOnExit: the next session in the process listens to nothing and gets no notification. */
    @Test
    void theNextSessionDoesNotKeepTheListenRegistrations() throws Exception {
        int pid;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            pid = backendPid(c);
            s.execute("LISTEN reuse_channel");
            assertEquals("reuse_channel", one(c, "select string_agg(c, ',') from pg_listening_channels() c"));
        }
        try (Connection c = connectTo(pid); Connection notifier = connect(); Statement s = c.createStatement()) {
            assertEquals(null, one(c, "select string_agg(c, ',') from pg_listening_channels() c"));
            try (Statement n = notifier.createStatement()) {
                n.execute("NOTIFY reuse_channel, 'for the old session'");
            }
            s.execute("select 1");
            org.postgresql.PGNotification[] none = c.unwrap(org.postgresql.PGConnection.class).getNotifications();
            assertTrue(none == null || none.length == 0, "nothing for the previous session's LISTEN");
            s.execute("LISTEN reuse_channel");
            try (Statement n = notifier.createStatement()) {
                n.execute("NOTIFY reuse_channel, 'for the new one'");
            }
            s.execute("select 1");
            org.postgresql.PGNotification[] got = c.unwrap(org.postgresql.PGConnection.class).getNotifications();
            assertEquals(1, got.length);
            assertEquals("for the new one", got[0].getParameter());
        }
    }

    @Test
    void eachSessionGetsAFreshCancelKey() throws Exception {
        int[] first = rawSession();
        Thread.sleep(1000);
        int[] second = rawSession();
        assertEquals(first[0], second[0], "the second session ran in the reused process");
        assertNotEquals(first[1], second[1], "with a new cancel key");
    }

    @Test
    void aSessionEndedInsideATransactionIsNotReused() throws Exception {
        int pid;
        Connection c = connect();
        pid = backendPid(c);
        c.setAutoCommit(false);
        one(c, "select 1");
        c.close(); // pgjdbc sends Terminate while the block is open
        assertTrue(TuskServer.waitFor(5000, () -> !TuskServer.alive(pid)), "the process exited instead");
    }

    /** Startup, read until ReadyForQuery, Terminate; returns {pid, cancel key} from BackendKeyData. */
    private static int[] rawSession() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] params = ("user\0" + server.user() + "\0database\0postgres\0\0").getBytes(StandardCharsets.UTF_8);
            out.writeInt(8 + params.length);
            out.writeInt(3 << 16);
            out.write(params);
            out.flush();
            int pid = 0, key = 0;
            while (true) {
                int type = in.readUnsignedByte();
                int len = in.readInt();
                byte[] body = in.readNBytes(len - 4);
                if (type == 'K') {
                    pid = java.nio.ByteBuffer.wrap(body).getInt(0);
                    key = java.nio.ByteBuffer.wrap(body).getInt(4);
                }
                if (type == 'E') throw new IOException("error from server: " + new String(body, StandardCharsets.UTF_8));
                if (type == 'Z') break;
            }
            out.writeByte('X');
            out.writeInt(4);
            out.flush();
            in.read(); // wait for the server to close
            return new int[] {pid, key};
        }
    }
}
