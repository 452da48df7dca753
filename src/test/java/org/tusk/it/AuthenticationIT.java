package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
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

/** Client authentication through pg_hba.conf on a SCRAM-SHA-256 server. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuthenticationIT {
    static final String PASSWORD = "s3cret";
    static TuskServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start("tusk", PASSWORD, "scram-sha-256", new String[0]);
        // A reject line first, a trust line for a role that does not exist, SCRAM for tusk; no line
        // for anyone else. Then reload, as a user would (pg_ctl reload).
        Path hba = server.dataDir().resolve("pg_hba.conf");
        Path tmp = server.dataDir().resolve("pg_hba.conf.new");
        Files.writeString(tmp, String.join("\n",
                "# TYPE  DATABASE  USER      ADDRESS         METHOD",
                "host    all       intruder  127.0.0.1/32    reject",
                "local   all       tusk                      scram-sha-256",
                "host    all       nobody    127.0.0.1/32    trust",
                "host    all       ghost     127.0.0.1/32    scram-sha-256",
                "host    all       tusk      127.0.0.1/32    scram-sha-256",
                ""));
        Files.move(tmp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ProcessResult hup = ProcessResult.run(List.of("kill", "-HUP", Long.toString(server.postmasterPid())), null, 10);
        assertEquals(0, hup.exitCode(), hup.output());
        // The reload is asynchronous: wait until the reject line is in force.
        TuskServer.waitFor(10000, () -> {
            try {
                connect("intruder", "x", "postgres").close();
                return false;
            } catch (SQLException e) {
                return e.getMessage() != null && e.getMessage().contains("pg_hba.conf rejects connection");
            }
        });
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    static Connection connect(String user, String password, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("connectTimeout", "20");
        p.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database
                + "?sslResponseTimeout=20000", p);
    }

    @Test
    void rightPasswordConnects() throws Exception {
        try (Connection c = connect("tusk", PASSWORD, "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select current_user, 1")) {
            rs.next();
            assertEquals("tusk", rs.getString(1));
            assertEquals(1, rs.getInt(2));
        }
    }

    @Test
    void psqlWithRightPasswordOverTcpAndUnixSocket() throws Exception {
        ProcessResult tcp = server.psql("127.0.0.1", "select 1");
        assertEquals("1", tcp.output());
        ProcessResult unix = server.psql("/tmp", "select 1");
        assertEquals("1", unix.output());
    }

    @Test
    void wrongPasswordIsRefusedWith28P01() {
        SQLException e = assertThrows(SQLException.class, () -> connect("tusk", "wrong", "postgres").close());
        assertEquals("28P01", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("password authentication failed for user \"tusk\""), e.getMessage());
    }

    @Test
    void psqlWrongPasswordIsRefused() throws Exception {
        ProcessResult r = ProcessResult.run(List.of(TuskServer.PSQL, "-X", "-At", "-h", "127.0.0.1", "-p",
                Integer.toString(server.port()), "-U", "tusk", "-d", "postgres", "-c", "select 1"), "wrong", 60);
        assertNotEquals(0, r.exitCode());
        assertTrue(r.output().contains("password authentication failed for user \"tusk\""), r.output());
    }

    @Test
    void unknownRoleWithScramFailsLikeAWrongPassword() {
        // PostgreSQL does not reveal whether the role exists: a mock SCRAM exchange, then 28P01.
        SQLException e = assertThrows(SQLException.class, () -> connect("ghost", PASSWORD, "postgres").close());
        assertEquals("28P01", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("password authentication failed for user \"ghost\""), e.getMessage());
    }

    @Test
    void rejectLineRefusesUser() {
        SQLException e = assertThrows(SQLException.class, () -> connect("intruder", "whatever", "postgres").close());
        assertEquals("28000", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("pg_hba.conf rejects connection for host \"127.0.0.1\", user \"intruder\""),
                e.getMessage());
    }

    @Test
    void userWithoutMatchingLineIsRefused() {
        SQLException e = assertThrows(SQLException.class, () -> connect("stranger", PASSWORD, "postgres").close());
        assertEquals("28000", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("no pg_hba.conf entry for host \"127.0.0.1\", user \"stranger\", database \"postgres\""),
                e.getMessage());
    }

    @Test
    void unknownDatabaseIsRefusedWith3D000() {
        SQLException e = assertThrows(SQLException.class, () -> connect("tusk", PASSWORD, "nosuch").close());
        assertEquals("3D000", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("database \"nosuch\" does not exist"), e.getMessage());
    }

    @Test
    void unknownRoleWithTrustIsRefused() {
        SQLException e = assertThrows(SQLException.class, () -> connect("nobody", null, "postgres").close());
        assertEquals("28000", e.getSQLState(), e.toString());
        assertTrue(e.getMessage().contains("role \"nobody\" does not exist"), e.getMessage());
    }

    @Test
    void reloadWhileSessionsAreOpenDisturbsNothing() throws Exception {
        long pm = server.postmasterPid();
        int logStart = server.log().length();
        try (Connection c = connect("tusk", PASSWORD, "postgres")) {
            long pid = ProcessModelIT.backendPid(c);
            for (int i = 0; i < 3; i++) {
                // A connection makes the postmaster start a new spare; reload while it boots.
                connect("tusk", PASSWORD, "postgres").close();
                ProcessResult hup = ProcessResult.run(List.of("kill", "-HUP", Long.toString(pm)), null, 10);
                assertEquals(0, hup.exitCode(), hup.output());
                Thread.sleep(300);
                assertEquals(pid, ProcessModelIT.backendPid(c), "the open session survives a reload");
            }
        }
        assertEquals(pm, server.postmasterPid());
        String log = server.log().substring(logStart);
        assertTrue(log.contains("received SIGHUP, reloading configuration files"), log);
        assertTrue(!log.contains("reinitializing"), "a reload caused a crash-restart:\n" + log);
    }

    @Test
    void failedAuthenticationsDoNotDisturbTheServer() throws Exception {
        long pm = server.postmasterPid();
        int logStart = server.log().length();
        try (Connection c = connect("tusk", PASSWORD, "postgres")) {
            long pid = ProcessModelIT.backendPid(c);
            for (int i = 0; i < 3; i++) {
                assertThrows(SQLException.class, () -> connect("tusk", "wrong", "postgres").close());
                assertThrows(SQLException.class, () -> connect("intruder", "x", "postgres").close());
            }
            assertEquals(pid, ProcessModelIT.backendPid(c));
        }
        assertEquals(pm, server.postmasterPid());
        assertTrue(TuskServer.alive(pm));
        String log = server.log().substring(logStart);
        assertTrue(!log.contains("reinitializing"), "a failed login caused a crash-restart:\n" + log);
    }
}
