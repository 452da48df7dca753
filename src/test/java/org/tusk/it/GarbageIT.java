package org.tusk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever arrives on the port (random bytes, HTTP, truncated or oversized startup packets, an
 * unsupported protocol version) neither disturbs an open session nor the postmaster.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GarbageIT {
    static TuskServer server;
    static Connection session;
    static long sessionPid;
    static long postmaster;

    @BeforeAll
    static void startServer() throws Exception {
        server = TuskServer.start();
        session = server.connect();
        sessionPid = ProcessModelIT.backendPid(session);
        postmaster = server.postmasterPid();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (session != null) session.close();
        if (server != null) server.close();
    }

    /** After each bit of garbage: the open session, the postmaster and new connections are fine. */
    @AfterEach
    void nothingDisturbed() throws Exception {
        assertEquals(sessionPid, ProcessModelIT.backendPid(session), "the open session still answers on its backend");
        assertEquals(postmaster, server.postmasterPid());
        assertTrue(TuskServer.alive(postmaster), "postmaster alive");
        try (Connection c = server.connect()) {
            assertEquals(1, MaxConnectionsIT.selectOne(c));
        }
        ProcessResult r = server.psql("127.0.0.1", "select 1");
        assertEquals("1", r.output());
        String log = server.log();
        assertFalse(log.contains("reinitializing") || log.contains("terminated by signal") || log.contains("exited with exit code"),
                "garbage caused a crash-restart:\n" + log);
    }

    static Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10000);
        return s;
    }

    /** Reads until the server closes (or 10 s pass); returns what it sent. */
    static byte[] readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server kept the connection open 10 s after garbage; got so far: " + out, e);
        } catch (IOException e) {
            // connection reset is an acceptable way to close
        }
        return out.toByteArray();
    }

    static byte[] startupPacket(int version, String... kv) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(version);
        for (String s : kv) {
            d.write(s.getBytes(StandardCharsets.UTF_8));
            d.write(0);
        }
        d.write(0);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        new DataOutputStream(packet).writeInt(body.size() + 4);
        body.writeTo(packet);
        return packet.toByteArray();
    }

    @Test
    void randomBytes() throws Exception {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        try (Socket s = open()) {
            s.getOutputStream().write(junk);
            readToEnd(s);
        }
    }

    @Test
    void httpRequest() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = readToEnd(s);
            assertFalse(new String(reply, StandardCharsets.ISO_8859_1).startsWith("HTTP"));
        }
    }

    @Test
    void truncatedStartupPacket() throws Exception {
        byte[] full = startupPacket(3 << 16, "user", "tusk", "database", "postgres");
        try (Socket s = open()) {
            s.getOutputStream().write(full, 0, 12);
            s.shutdownOutput();
            readToEnd(s);
        }
    }

    @Test
    void hugeLength() throws Exception {
        try (Socket s = open()) {
            new DataOutputStream(s.getOutputStream()).writeInt(0x7fffffff);
            readToEnd(s);
        }
    }

    @Test
    void zeroLength() throws Exception {
        try (Socket s = open()) {
            new DataOutputStream(s.getOutputStream()).writeInt(0);
            readToEnd(s);
        }
    }

    @Test
    void connectAndCloseWithoutSendingAnything() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket s = open()) {
                // a port scanner
            }
        }
    }

    @Test
    void protocolVersionOneIsRefusedWithAnErrorResponse() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write(startupPacket(1 << 16, "user", "tusk", "database", "postgres"));
            byte[] reply = readToEnd(s);
            assertTrue(reply.length > 5, "no reply to protocol 1.0");
            assertEquals('E', reply[0], "ErrorResponse expected, got " + new String(reply, StandardCharsets.ISO_8859_1));
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("unsupported frontend protocol 1.0"), text);
            assertTrue(text.contains("C0A000"), "SQLSTATE 0A000: " + text);
        }
    }

    @Test
    void sslRequestIsAnsweredNThenStartupContinues() throws Exception {
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertEquals('N', in.readByte());
            // As libpq and pgjdbc do with sslmode=prefer: go on in plain text on the same socket.
            out.write(startupPacket(3 << 16, "user", "tusk", "database", "postgres"));
            out.flush();
            assertEquals('R', in.readByte());
            assertEquals(8, in.readInt());
            assertEquals(0, in.readInt(), "AuthenticationOk");
            // Read until ReadyForQuery.
            while (true) {
                byte type = in.readByte();
                int len = in.readInt();
                in.readNBytes(len - 4);
                if (type == 'Z') break;
                assertTrue(type == 'S' || type == 'K', "unexpected message " + (char) type);
            }
            out.write(new byte[] {'X', 0, 0, 0, 4});
            out.flush();
        }
    }

    @Test
    void gssEncRequestIsAnsweredN() throws Exception {
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877104);
            out.flush();
            assertEquals('N', new DataInputStream(s.getInputStream()).readByte());
        }
    }

    @Test
    void newerMinorProtocolVersionIsNegotiated() throws Exception {
        // PostgreSQL 15 answers protocol 3.5 with NegotiateProtocolVersion and carries on with 3.0.
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.write(startupPacket((3 << 16) | 5, "user", "tusk", "database", "postgres", "_pq_.whatever", "x"));
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertEquals('v', in.readByte(), "NegotiateProtocolVersion");
            int len = in.readInt();
            DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(in.readNBytes(len - 4)));
            assertEquals(3 << 16, body.readInt(), "newest minor version supported: 3.0");
            assertEquals(1, body.readInt(), "one unrecognized option");
            assertEquals("_pq_.whatever\0", new String(body.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals('R', in.readByte());
        }
    }

    @Test
    void manyGarbageConnectionsAtOnce() throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int seed = i;
            all.add(CompletableFuture.runAsync(() -> {
                try (Socket s = open()) {
                    byte[] junk = new byte[64 + seed * 100];
                    new Random(seed).nextBytes(junk);
                    s.getOutputStream().write(junk);
                    readToEnd(s);
                } catch (IOException e) {
                    // a reset is fine
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aQueryTooDeepToParseIsThatSessionsErrorOnly() throws Exception {
        String deep = "select " + "(".repeat(200_000) + "1" + ")".repeat(200_000);
        try (java.sql.Statement st = session.createStatement()) {
            org.postgresql.util.PSQLException e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class, () -> st.executeQuery(deep));
            assertEquals("54001", e.getSQLState(), e.getMessage());
            try (java.sql.ResultSet rs = st.executeQuery("select 2")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
            }
            // the hint names the setting in force, whoever raised the error (here the JSON parser)
            st.execute("set max_stack_depth = '100kB'");
            e = org.junit.jupiter.api.Assertions.assertThrows(org.postgresql.util.PSQLException.class,
                    () -> st.executeQuery("select repeat('[', 10000)::json"));
            assertEquals("Increase the configuration parameter \"max_stack_depth\" (currently 100kB), after ensuring"
                    + " the platform's stack depth limit is adequate.", e.getServerErrorMessage().getHint());
            st.execute("reset max_stack_depth");
        }
    }
}
