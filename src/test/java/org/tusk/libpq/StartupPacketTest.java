package org.tusk.libpq;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.PgException;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The startup packet as a client sends it, over a real socketpair. */
class StartupPacketTest {
    private int[] pair;
    private Port port;

    @BeforeEach
    void setUp() {
        pair = Sockets.socketPair();
        port = new Port(new PqComm(pair[1], -1), new Sockets.PeerAddress(null, -1));
    }

    @AfterEach
    void tearDown() {
        Libc.close(pair[0]);
        Libc.close(pair[1]);
    }

    private void clientSends(byte[] b) {
        try (Arena a = Arena.ofConfined()) {
            Sockets.send(pair[0], a.allocateFrom(JAVA_BYTE, b), b.length);
        }
    }

    private byte[] clientReceives(int n) {
        try (Arena a = Arena.ofConfined()) {
            var buf = a.allocate(n);
            long got = Libc.read(pair[0], buf, n);
            return buf.asSlice(0, Math.max(0, got)).toArray(JAVA_BYTE);
        }
    }

    private static byte[] startup(int version, String... kv) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String s : kv) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(8 + b.length).putInt(8 + b.length).putInt(version).put(b).array();
    }

    @Test
    void readsUserDatabaseAndSettings() {
        clientSends(startup(196608, "user", "alice", "database", "shop", "application_name", "psql",
                "options", "-c work_mem=8MB"));
        assertInstanceOf(StartupPacket.Startup.class, StartupPacket.read(port, 1000));
        assertEquals("alice", port.userName());
        assertEquals("shop", port.databaseName());
        assertEquals("psql", port.applicationName());
        assertEquals(Map.of("application_name", "psql", "options", "-c work_mem=8MB"), port.startupParameters());
    }

    @Test
    void databaseDefaultsToTheUserName() {
        clientSends(startup(196608, "user", "bob"));
        StartupPacket.read(port, 1000);
        assertEquals("bob", port.databaseName());
    }

    @Test
    void sslRequestIsAnsweredNThenTheStartupFollows() {
        clientSends(ByteBuffer.allocate(8).putInt(8).putInt(StartupPacket.NEGOTIATE_SSL_CODE).array());
        clientSends(startup(196608, "user", "carol"));
        StartupPacket.read(port, 1000);
        assertEquals('N', clientReceives(1)[0]);
        assertEquals("carol", port.userName());
    }

    @Test
    void cancelRequestCarriesPidAndKey() {
        clientSends(ByteBuffer.allocate(16).putInt(16).putInt(StartupPacket.CANCEL_REQUEST_CODE).putInt(4711).putInt(-5).array());
        assertEquals(new StartupPacket.Cancel(4711, -5), StartupPacket.read(port, 1000));
    }

    @Test
    void badLengthsAreNotTheProtocol() {
        clientSends(ByteBuffer.allocate(4).putInt(0x7fffffff).array());
        assertThrows(StartupPacket.Invalid.class, () -> StartupPacket.read(port, 1000));
    }

    @Test
    void protocolTwoIsRefusedWithPostgresMessage() {
        clientSends(startup(2 << 16, "user", "dave"));
        PgException e = assertThrows(PgException.class, () -> StartupPacket.read(port, 1000));
        assertEquals("0A000", e.sqlState());
        assertEquals("unsupported frontend protocol 2.0: server supports 3.0 to 3.0", e.getMessage());
    }

    @Test
    void missingUserIsFatal28000() {
        clientSends(startup(196608, "database", "x"));
        PgException e = assertThrows(PgException.class, () -> StartupPacket.read(port, 1000));
        assertEquals("28000", e.sqlState());
        assertTrue(e.getMessage().contains("no PostgreSQL user name specified"));
    }

    @Test
    void aTruncatedPacketTimesOut() {
        clientSends(new byte[] {0, 0, 0, 40, 0, 3});
        assertThrows(PqComm.TimeoutException.class, () -> StartupPacket.read(port, 200));
    }
}
