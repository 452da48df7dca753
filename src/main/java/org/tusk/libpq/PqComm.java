package org.tusk.libpq;

import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A backend's connection to its client (PostgreSQL's pqcomm.c): buffered reads and writes on
 * the raw socket descriptor.
 *
 * <p>The socket is non-blocking. Whenever a read or write would block, the backend sleeps in
 * poll() on the socket <em>and</em> on its latch's eventfd, so that a signal (terminate, cancel,
 * quit) wakes it even while it waits for an idle client or for a client that does not read its
 * results; {@link InterruptCallback} then decides whether to raise an error. This is
 * PostgreSQL's WaitLatchOrSocket in secure_read/secure_write.
 *
 * <p>Output is buffered and sent at {@link #flush()} (before waiting for the client's next
 * message, as PostgreSQL does), or when the buffer fills.
 */
public final class PqComm implements AutoCloseable {
    /** Called when a wait was interrupted by the latch; may throw to abandon the read or write. */
    public interface InterruptCallback {
        void onWaitInterrupted(boolean reading);
    }

    /** The client went away (EOF, reset, broken pipe). */
    public static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ClientGone(String message) {
            super(message, null, false, false);
        }
    }

    private static final int BUFSIZE = 8192;

    private final int fd;
    private final int wakeFd;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment in = arena.allocate(BUFSIZE);
    private final MemorySegment out = arena.allocate(BUFSIZE);
    private final MemorySegment pollFds = arena.allocate(Libc.POLLFD, 2);
    private InterruptCallback interruptCallback = reading -> { };
    private int inStart, inEnd, outLen;
    /** Receives PostgreSQL's "could not receive data from client" style message on failure. */
    private boolean broken;

    public PqComm(int fd, int wakeFd) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        Libc.setNonBlocking(fd, true);
    }

    public void setInterruptCallback(InterruptCallback cb) {
        this.interruptCallback = cb;
    }

    public int fd() {
        return fd;
    }

    // -------------------------------------------------------------- input

    /** Reads exactly {@code n} bytes, waiting at most {@code timeoutMs} in total (negative: forever). */
    public byte[] readBytes(int n, long timeoutMs) {
        byte[] dst = new byte[n];
        long deadline = timeoutMs < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
        int got = 0;
        while (got < n) {
            if (inStart == inEnd) fill(deadline);
            int take = Math.min(n - got, inEnd - inStart);
            MemorySegment.copy(in, JAVA_BYTE, inStart, dst, got, take);
            inStart += take;
            got += take;
        }
        return dst;
    }

    public int readInt32(long timeoutMs) {
        byte[] b = readBytes(4, timeoutMs);
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    public int readByte(long timeoutMs) {
        return readBytes(1, timeoutMs)[0] & 0xff;
    }

    /** True if a byte is already buffered (pq_peekbyte-like check, without blocking). */
    public boolean hasBufferedInput() {
        return inStart < inEnd;
    }

    private void fill(long deadline) {
        inStart = inEnd = 0;
        while (true) {
            long n = Libc.read(fd, in, BUFSIZE);
            if (n > 0) {
                inEnd = (int) n;
                return;
            }
            if (n == 0) throw new ClientGone("unexpected EOF on client connection");
            int e = Libc.lastErrno();
            if (e == Libc.EINTR) continue;
            if (e != Libc.EAGAIN) {
                broken = true;
                throw new ClientGone("could not receive data from client: " + org.tusk.port.Errno.describe(e));
            }
            flush();
            long remaining = deadline == Long.MAX_VALUE ? -1 : deadline - System.currentTimeMillis();
            if (deadline != Long.MAX_VALUE && remaining <= 0) throw new TimeoutException();
            waitSocket(Libc.POLLIN, remaining, true);
        }
    }

    /** Raised when a timed read runs out of time (authentication_timeout). */
    public static final class TimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TimeoutException() {
            super("timeout", null, false, false);
        }
    }

    // -------------------------------------------------------------- output

    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    public void write(byte[] b, int off, int len) {
        if (broken) return;
        while (len > 0) {
            if (outLen == BUFSIZE) flush();
            int take = Math.min(len, BUFSIZE - outLen);
            MemorySegment.copy(b, off, out, JAVA_BYTE, outLen, take);
            outLen += take;
            off += take;
            len -= take;
        }
    }

    /** Sends everything buffered. A client that stopped reading is waited for, interruptibly. */
    public void flush() {
        int sent = 0;
        try {
            while (sent < outLen && !broken) {
                long n = Sockets.send(fd, out.asSlice(sent), outLen - sent);
                if (n > 0) {
                    sent += (int) n;
                    continue;
                }
                int e = Libc.lastErrno();
                if (e == Libc.EINTR) continue;
                if (e == Libc.EAGAIN) {
                    waitSocket(Libc.POLLOUT, -1, false);
                    continue;
                }
                // PostgreSQL logs "could not send data to client" and carries on until the next read fails.
                broken = true;
            }
        } finally {
            if (sent > 0 && sent < outLen) MemorySegment.copy(out, sent, out, 0, outLen - sent);
            outLen = broken ? 0 : outLen - sent;
        }
    }

    /** Drops unsent output (used when a quick exit must replace it with an error message). */
    public void discardOutput() {
        outLen = 0;
    }

    public boolean isBroken() {
        return broken;
    }

    private void waitSocket(short events, long timeoutMs, boolean reading) {
        pollFds.set(JAVA_INT, 0, fd);
        pollFds.set(JAVA_SHORT, 4, events);
        pollFds.set(JAVA_SHORT, 6, (short) 0);
        pollFds.set(JAVA_INT, 8, wakeFd);
        pollFds.set(JAVA_SHORT, 12, Libc.POLLIN);
        pollFds.set(JAVA_SHORT, 14, (short) 0);
        int rc = Libc.poll(pollFds, wakeFd >= 0 ? 2 : 1, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        if (rc > 0 && wakeFd >= 0 && pollFds.get(JAVA_SHORT, 14) != 0) {
            Libc.eventfdDrain(wakeFd);
            interruptCallback.onWaitInterrupted(reading);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (RuntimeException ignored) {
            // closing anyway
        }
        Libc.close(fd);
        arena.close();
    }

    /** A protocol violation that ends the session (framing is lost: PostgreSQL's COMMERROR then exit). */
    public static PgException protocolViolation(String message) {
        return new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION, message, null, null, 0);
    }

    /** Malformed content inside a well-framed message: an ERROR, the session goes on. */
    public static PgException protocolViolationError(String message) {
        return new PgException(Severity.ERROR, SqlState.PROTOCOL_VIOLATION, message, null, null, 0);
    }
}
