package org.tusk.postmaster;

import org.tusk.libpq.BackendMessages;
import org.tusk.libpq.PqFormat;
import org.tusk.libpq.StartupPacket;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.init.ChildAssignment.CanAcceptConnections;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Connections the server refuses (starting up, in recovery, shutting down, too many clients),
 * answered by the postmaster itself.
 *
 * <p>PostgreSQL forks a "dead-end" child for such a connection: it reads the startup packet,
 * sends the FATAL error of the refusal and exits; a fork costs well under a millisecond. A Tusk
 * child is a JVM that costs 0.3 s of CPU to start, more on a loaded machine, so a dead-end child
 * made a client that connected during crash recovery wait a JVM start to be told to come back
 * later, and every refused connection of a client that retries cost another JVM; a storm of
 * connections over max_connections could take the machine. Here the postmaster reads the first
 * packet without blocking, answers as the child would (the same checks and the same ErrorResponse,
 * see {@link StartupPacket#parseStartup}) and closes.
 *
 * <p>The postmaster must not block on a client, so every read is a non-blocking recv, driven by
 * the postmaster's poll, into the connection's own buffer (at most one packet, 10,000 bytes). A
 * cancel request is not the postmaster's business (it needs the PGPROC array, which the
 * postmaster stays out of): its pid and key go to a dead-end child, which signals the backend
 * ({@code cancelRequests}). Each connection has until {@code authentication_timeout} to send its
 * packet, as a dead-end child would have. Writes are one non-blocking send of a few bytes into an
 * empty socket buffer; one that cannot complete drops the connection.
 *
 * <p>Used by the postmaster's main thread only.
 */
final class DeadEndConnections {
    /** One refused connection whose first packet has not been answered yet. */
    private static final class Waiting {
        final int fd;
        final CanAcceptConnections cac;
        final long deadlineMillis;
        boolean sslDone, gssDone;
        /** The packet being read: its length word first, then the rest. */
        byte[] packet = new byte[4];
        int have;

        Waiting(int fd, CanAcceptConnections cac, long deadlineMillis) {
            this.fd = fd;
            this.cac = cac;
            this.deadlineMillis = deadlineMillis;
        }
    }

    /** Where a connection carrying a cancel request goes: a dead-end child, with its pid and key. */
    interface CancelRequestHandoff {
        void handOff(int clientFd, CanAcceptConnections cac, int pid, int key);
    }

    private final ServerLog log;
    private final List<Waiting> waiting = new ArrayList<>();
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment buf = arena.allocate(StartupPacket.MAX_STARTUP_PACKET_LENGTH);

    DeadEndConnections(ServerLog log) {
        this.log = log;
    }

    int size() {
        return waiting.size();
    }

    /** The descriptors to poll for input, in the order {@link #readable} takes indexes. */
    int fd(int i) {
        return waiting.get(i).fd;
    }

    /** Takes over an accepted client descriptor that is to be refused for {@code cac}. */
    void add(int fd, CanAcceptConnections cac, long now, long authenticationTimeoutMillis) {
        waiting.add(new Waiting(fd, cac, now + authenticationTimeoutMillis));
    }

    /** Milliseconds until the earliest deadline (for the poll's timeout); Long.MAX_VALUE if none waits. */
    long millisUntilDeadline(long now) {
        long min = Long.MAX_VALUE;
        for (Waiting w : waiting) min = Math.min(min, Math.max(0, w.deadlineMillis - now));
        return min;
    }

    /**
     * Input (or end of file) on the {@code i}-th connection: reads what has arrived and answers
     * once its first packet is whole. A cancel request is handed to {@code cancelRequests}. Call
     * with the indexes of one poll in descending order: an answered connection is removed.
     */
    void readable(int i, CancelRequestHandoff cancelRequests) {
        Waiting w = waiting.get(i);
        Outcome o;
        try {
            o = advance(w);
        } catch (RuntimeException e) {
            log.report(Severity.LOG, null, "could not answer refused connection: " + e.getMessage(), null, null);
            o = Outcome.CLOSE;
        }
        switch (o) {
            case WAIT -> { }
            case CLOSE -> {
                waiting.remove(i);
                Libc.close(w.fd);
            }
            case CANCEL_REQUEST -> {
                waiting.remove(i);
                PqFormat.Reader r = new PqFormat.Reader(w.packet);
                r.int32();
                r.int32();
                cancelRequests.handOff(w.fd, w.cac, r.int32(), r.int32());
            }
        }
    }

    /** Closes the connections whose time to send a startup packet is up, as a dead-end child would exit. */
    void expire(long now) {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (now < w.deadlineMillis) continue;
            log.report(Severity.FATAL, SqlState.QUERY_CANCELED, "canceling authentication due to timeout", null, null);
            Libc.close(w.fd);
            it.remove();
        }
    }

    /** Closes every waiting connection (the postmaster is exiting). */
    void closeAll() {
        for (Waiting w : waiting) Libc.close(w.fd);
        waiting.clear();
    }

    private enum Outcome { WAIT, CLOSE, CANCEL_REQUEST }

    /** ProcessStartupPacket, one step per packet that has fully arrived. */
    private Outcome advance(Waiting w) {
        while (true) {
            // Read no further than the current packet: the length word, then the rest.
            int want = (w.have < 4 ? 4 : w.packet.length) - w.have;
            long n = Sockets.receiveNow(w.fd, buf, want, false);
            if (n < 0) {
                int e = Libc.lastErrno();
                if (e == Libc.EAGAIN || e == Libc.EINTR) return Outcome.WAIT;
                return Outcome.CLOSE; // reset by the client; a child would have exited quietly
            }
            if (n == 0) {
                // EOF. Right after our answer to an encryption request it means the client did
                // not like the answer; PostgreSQL logs nothing then, nor for a bare connect.
                if (w.have > 0) commError("incomplete startup packet");
                return Outcome.CLOSE;
            }
            MemorySegment.copy(buf, JAVA_BYTE, 0, w.packet, w.have, (int) n);
            w.have += (int) n;
            if (w.have == 4) {
                int len = new PqFormat.Reader(w.packet).int32();
                if (len < 8 || len > StartupPacket.MAX_STARTUP_PACKET_LENGTH) {
                    commError("invalid length of startup packet");
                    return Outcome.CLOSE;
                }
                w.packet = java.util.Arrays.copyOf(w.packet, len);
                continue;
            }
            if (w.have < w.packet.length) return Outcome.WAIT;
            byte[] body = java.util.Arrays.copyOfRange(w.packet, 4, w.packet.length);
            int code = new PqFormat.Reader(body).int32();
            if (code == StartupPacket.CANCEL_REQUEST_CODE) {
                if (w.packet.length == 16) return Outcome.CANCEL_REQUEST;
                commError("invalid length of cancel request packet");
                return Outcome.CLOSE;
            }
            if (code == StartupPacket.NEGOTIATE_SSL_CODE || code == StartupPacket.NEGOTIATE_GSS_CODE) {
                boolean ssl = code == StartupPacket.NEGOTIATE_SSL_CODE;
                if (ssl ? w.sslDone : w.gssDone) {
                    commError(ssl ? "received unencrypted data after SSL request"
                            : "received unencrypted data after GSSAPI encryption request");
                    return Outcome.CLOSE;
                }
                if (ssl) w.sslDone = true; else w.gssDone = true;
                if (!sendAll(w.fd, new byte[] {'N'})) return Outcome.CLOSE;
                w.packet = new byte[4];
                w.have = 0;
                continue;
            }
            PgException answer;
            try {
                StartupPacket.parseStartup(code, body);
                answer = w.cac.refusal();
            } catch (PgException e) {
                answer = e;
            }
            log.report(answer);
            sendAll(w.fd, BackendMessages.errorResponse(answer));
            return Outcome.CLOSE;
        }
    }

    /** PostgreSQL's COMMERROR: logged, never sent (the client may not speak the protocol at all). */
    private void commError(String message) {
        log.report(Severity.LOG, SqlState.PROTOCOL_VIOLATION, message, null, null);
    }

    private boolean sendAll(int fd, byte[] bytes) {
        MemorySegment out = buf.asSlice(0, bytes.length);
        MemorySegment.copy(bytes, 0, out, JAVA_BYTE, 0, bytes.length);
        return Sockets.sendNow(fd, out, bytes.length) == bytes.length;
    }
}
