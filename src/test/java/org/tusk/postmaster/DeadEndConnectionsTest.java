package org.tusk.postmaster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tusk.libpq.StartupPacket;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.init.ChildAssignment.CanAcceptConnections;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/** The postmaster's answer to refused connections, over a socketpair standing in for the client. */
class DeadEndConnectionsTest {
    private final DeadEndConnections deadEnds = new DeadEndConnections(new ServerLog());
    private final List<int[]> handedOff = new ArrayList<>();
    private final List<Integer> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() {
        deadEnds.closeAll();
        for (int fd : toClose) Libc.close(fd);
    }

    /** A connected pair: [client, server]; the server end is given to the dead-end list. */
    private int client(CanAcceptConnections cac) {
        int[] pair = Sockets.socketPair();
        toClose.add(pair[0]);
        deadEnds.add(pair[1], cac, System.currentTimeMillis(), 60_000);
        return pair[0];
    }

    private void send(int fd, byte[] bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, seg, JAVA_BYTE, 0, bytes.length);
            assertEquals(bytes.length, Sockets.send(fd, seg, bytes.length));
        }
    }

    /** Everything the server end sent until it closed (the server end must be closed by then). */
    private byte[] readToEof(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(4096);
            long n;
            while ((n = Libc.read(fd, seg, 4096)) > 0) out.write(seg.asSlice(0, n).toArray(JAVA_BYTE), 0, (int) n);
        }
        return out.toByteArray();
    }

    private byte[] readNow(int fd, int max) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment seg = a.allocate(max);
            long n = Sockets.receiveNow(fd, seg, max, false);
            return n <= 0 ? new byte[0] : seg.asSlice(0, n).toArray(JAVA_BYTE);
        }
    }

    private void poke() {
        deadEnds.readable(deadEnds.size() - 1, (fd, cac, pid, key) -> handedOff.add(new int[] {fd, cac.ordinal(), pid, key}));
    }

    private static byte[] startupPacket(String... kv) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ByteBuffer.allocate(4).putInt(3 << 16).array());
        for (String s : kv) {
            body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        byte[] b = body.toByteArray();
        return ByteBuffer.allocate(4 + b.length).putInt(4 + b.length).put(b).array();
    }

    private static byte[] request(int code) {
        return ByteBuffer.allocate(8).putInt(8).putInt(code).array();
    }

    /** The SQLSTATE and message fields of one ErrorResponse. */
    private static String[] error(byte[] msg) {
        assertEquals('E', msg[0]);
        String sqlState = null, message = null;
        int pos = 5;
        while (msg[pos] != 0) {
            char field = (char) msg[pos++];
            int end = pos;
            while (msg[end] != 0) end++;
            String value = new String(msg, pos, end - pos, StandardCharsets.UTF_8);
            if (field == 'C') sqlState = value;
            if (field == 'M') message = value;
            pos = end + 1;
        }
        return new String[] {sqlState, message};
    }

    @Test
    void startupPacketGetsTheRefusalAndTheConnectionIsClosed() {
        int c = client(CanAcceptConnections.STARTUP);
        send(c, startupPacket("user", "alice", "database", "db"));
        poke();
        assertEquals(0, deadEnds.size());
        assertArrayEquals(new String[] {"57P03", "the database system is starting up"}, error(readToEof(c)));
    }

    @Test
    void encryptionRequestsAreDeclinedFirst() {
        int c = client(CanAcceptConnections.TOOMANY);
        send(c, request(StartupPacket.NEGOTIATE_SSL_CODE));
        poke();
        assertEquals(1, deadEnds.size());
        assertArrayEquals(new byte[] {'N'}, readNow(c, 16));
        send(c, request(StartupPacket.NEGOTIATE_GSS_CODE));
        poke();
        assertArrayEquals(new byte[] {'N'}, readNow(c, 16));
        send(c, startupPacket("user", "bob"));
        poke();
        assertArrayEquals(new String[] {"53300", "sorry, too many clients already"}, error(readToEof(c)));
    }

    @Test
    void aPacketArrivingInPiecesIsWaitedFor() {
        int c = client(CanAcceptConnections.SHUTDOWN);
        byte[] p = startupPacket("user", "carol");
        send(c, java.util.Arrays.copyOfRange(p, 0, 3));
        poke();
        send(c, java.util.Arrays.copyOfRange(p, 3, 10));
        poke();
        assertEquals(1, deadEnds.size());
        send(c, java.util.Arrays.copyOfRange(p, 10, p.length));
        poke();
        assertArrayEquals(new String[] {"57P03", "the database system is shutting down"}, error(readToEof(c)));
    }

    @Test
    void aStartupPacketWithoutUserGetsThatErrorInstead() {
        int c = client(CanAcceptConnections.TOOMANY);
        send(c, startupPacket("database", "db"));
        poke();
        assertArrayEquals(new String[] {"28000", "no PostgreSQL user name specified in startup packet"}, error(readToEof(c)));
    }

    @Test
    void cancelRequestGoesToADeadEndChildWithItsPidAndKey() {
        int c = client(CanAcceptConnections.TOOMANY);
        byte[] cancel = ByteBuffer.allocate(16).putInt(16).putInt(StartupPacket.CANCEL_REQUEST_CODE).putInt(4242).putInt(-7).array();
        send(c, cancel);
        poke();
        assertEquals(0, deadEnds.size());
        assertEquals(1, handedOff.size());
        int[] h = handedOff.get(0);
        toClose.add(h[0]);
        assertArrayEquals(new int[] {CanAcceptConnections.TOOMANY.ordinal(), 4242, -7}, new int[] {h[1], h[2], h[3]});
    }

    @Test
    void aCancelRequestOfTheWrongLengthIsDropped() {
        int c = client(CanAcceptConnections.TOOMANY);
        send(c, ByteBuffer.allocate(20).putInt(20).putInt(StartupPacket.CANCEL_REQUEST_CODE).putInt(1).putInt(2).putInt(3).array());
        poke();
        assertEquals(0, deadEnds.size());
        assertEquals(0, handedOff.size());
        assertEquals(0, readToEof(c).length);
    }

    @Test
    void anIncompletePacketIsNotReadAgainAndAgain() {
        // Bytes are taken off the socket as they come: the poll does not report the same partial
        // packet forever (the postmaster's loop would spin).
        int c = client(CanAcceptConnections.STARTUP);
        send(c, new byte[] {0, 0, 0, 40, 0, 3});
        poke();
        assertEquals(1, deadEnds.size());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment one = a.allocate(1);
            assertEquals(-1, Sockets.receiveNow(deadEnds.fd(0), one, 1, true)); // nothing left unread
        }
    }

    @Test
    void garbageIsDroppedWithoutAnAnswer() {
        int c = client(CanAcceptConnections.STARTUP);
        send(c, new byte[] {0x7f, 0, 0, 0, 1, 2, 3, 4});
        poke();
        assertEquals(0, deadEnds.size());
        assertEquals(0, readToEof(c).length);
    }

    @Test
    void aClientThatSendsNothingIsDroppedAtItsDeadline() {
        int[] pair = Sockets.socketPair();
        toClose.add(pair[0]);
        long now = System.currentTimeMillis();
        deadEnds.add(pair[1], CanAcceptConnections.STARTUP, now, 1000);
        assertEquals(1000, deadEnds.millisUntilDeadline(now));
        deadEnds.expire(now + 999);
        assertEquals(1, deadEnds.size());
        deadEnds.expire(now + 1000);
        assertEquals(0, deadEnds.size());
        assertTrue(readToEof(pair[0]).length == 0);
    }
}
