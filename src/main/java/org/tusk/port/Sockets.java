package org.tusk.port;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * BSD sockets through libc, with raw file descriptors: Tusk must pass accepted sockets between
 * processes, which Java's channel classes cannot do.
 *
 * <p>Every socket is created close-on-exec; a descriptor reaches a child only through an
 * explicit dup2 at spawn or SCM_RIGHTS.
 */
public final class Sockets {
    private Sockets() {}

    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    public static final int SOCK_STREAM = 1, SOCK_CLOEXEC = 02000000, SOCK_NONBLOCK = 04000;
    public static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_KEEPALIVE = 9;
    public static final int IPPROTO_TCP = 6, TCP_NODELAY = 1, IPPROTO_IPV6 = 41, IPV6_V6ONLY = 26;
    private static final int SCM_RIGHTS = 1, MSG_CMSG_CLOEXEC = 0x40000000, MSG_NOSIGNAL = 0x4000;
    private static final int MSG_PEEK = 0x2, MSG_DONTWAIT = 0x40;
    private static final int SOCKADDR_STORAGE = 128;

    private static final class H {
        static final MethodHandle SOCKET = Libc.bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
        static final MethodHandle BIND = Libc.bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
        static final MethodHandle LISTEN = Libc.bind("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
        static final MethodHandle ACCEPT4 = Libc.bind("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), true);
        static final MethodHandle SETSOCKOPT = Libc.bind("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
        static final MethodHandle GETPEERNAME = Libc.bind("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), true);
        static final MethodHandle SOCKETPAIR = Libc.bind("socketpair", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), true);
        static final MethodHandle SENDMSG = Libc.bind("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), true);
        static final MethodHandle RECVMSG = Libc.bind("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), true);
        static final MethodHandle SEND = Libc.bind("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
        static final MethodHandle RECV = Libc.bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
    }

    /** A peer's address: an IP address and port, or a Unix-domain socket (address null). */
    public record PeerAddress(InetAddress address, int port) {
        public boolean isUnix() { return address == null; }
    }

    public static int socket(int family, int type) {
        try { return Libc.check("socket", (int) H.SOCKET.invokeExact(Libc.capture(), family, type | SOCK_CLOEXEC, 0)); }
        catch (Throwable t) { throw Libc.rethrow(t); }
    }

    public static void setIntOption(int fd, int level, int option, int value) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocateFrom(JAVA_INT, value);
            Libc.check("setsockopt", (int) H.SETSOCKOPT.invokeExact(Libc.capture(), fd, level, option, v, 4));
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** bind(2) to an IP address and port. */
    public static void bindInet(int fd, InetAddress addr, int port) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SOCKADDR_STORAGE);
            int len = encodeInet(sa, addr, port);
            Libc.check("bind", (int) H.BIND.invokeExact(Libc.capture(), fd, sa, len));
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** bind(2) to a filesystem path (Unix-domain socket). */
    public static void bindUnix(int fd, String path) {
        byte[] p = path.getBytes(StandardCharsets.UTF_8);
        if (p.length >= 108) throw new IllegalArgumentException("Unix-domain socket path \"" + path + "\" is too long");
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(110);
            sa.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(p, 0, sa, JAVA_BYTE, 2, p.length);
            Libc.check("bind", (int) H.BIND.invokeExact(Libc.capture(), fd, sa, 2 + p.length + 1));
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    public static void listen(int fd, int backlog) {
        try { Libc.check("listen", (int) H.LISTEN.invokeExact(Libc.capture(), fd, backlog)); }
        catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** accept4 with close-on-exec; returns -1 when nothing is pending (EAGAIN) or on EINTR. */
    public static int accept(int listenFd) {
        try {
            int rc = (int) H.ACCEPT4.invokeExact(Libc.capture(), listenFd, MemorySegment.NULL, MemorySegment.NULL, SOCK_CLOEXEC);
            if (rc < 0) {
                int e = Libc.lastErrno();
                if (e == Libc.EAGAIN || e == Libc.EINTR || e == 103 /* ECONNABORTED */) return -1;
                throw new ErrnoException("accept", e);
            }
            return rc;
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** getpeername(2) decoded. */
    public static PeerAddress peer(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SOCKADDR_STORAGE);
            MemorySegment len = a.allocateFrom(JAVA_INT, SOCKADDR_STORAGE);
            Libc.check("getpeername", (int) H.GETPEERNAME.invokeExact(Libc.capture(), fd, sa, len));
            return decode(sa);
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** socketpair(AF_UNIX, SOCK_STREAM): two connected descriptors, both close-on-exec. */
    public static int[] socketPair() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment fds = a.allocate(JAVA_INT, 2);
            Libc.check("socketpair", (int) H.SOCKETPAIR.invokeExact(Libc.capture(), AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds));
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** send(2) with MSG_NOSIGNAL, so a closed peer gives EPIPE rather than killing us with SIGPIPE. */
    public static long send(int fd, MemorySegment buf, long len) {
        try { return (long) H.SEND.invokeExact(Libc.capture(), fd, buf, len, MSG_NOSIGNAL); }
        catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /**
     * recv(2) without waiting: the bytes that have arrived, up to {@code len}; with {@code peek}
     * they stay queued for the next reader. Returns 0 at end of file, -1 with errno set (EAGAIN:
     * nothing has arrived).
     */
    public static long receiveNow(int fd, MemorySegment buf, long len, boolean peek) {
        try { return (long) H.RECV.invokeExact(Libc.capture(), fd, buf, len, MSG_DONTWAIT | (peek ? MSG_PEEK : 0)); }
        catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** send(2) without waiting (MSG_DONTWAIT, MSG_NOSIGNAL): the bytes sent, or -1 with errno set. */
    public static long sendNow(int fd, MemorySegment buf, long len) {
        try { return (long) H.SEND.invokeExact(Libc.capture(), fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT); }
        catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /**
     * Sends {@code data} with one descriptor attached as SCM_RIGHTS (fd &lt; 0: no descriptor).
     * Returns false if the peer has gone away.
     */
    public static boolean sendWithFd(int sock, byte[] data, int fdToPass) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocateFrom(JAVA_BYTE, data);
            MemorySegment iov = a.allocate(16, 8);
            iov.set(ADDRESS, 0, buf);
            iov.set(JAVA_LONG, 8, data.length);
            MemorySegment msg = a.allocate(56, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1L);
            if (fdToPass >= 0) {
                MemorySegment cmsg = a.allocate(24, 8);
                cmsg.set(JAVA_LONG, 0, 20L);          // CMSG_LEN(sizeof(int))
                cmsg.set(JAVA_INT, 8, SOL_SOCKET);
                cmsg.set(JAVA_INT, 12, SCM_RIGHTS);
                cmsg.set(JAVA_INT, 16, fdToPass);
                msg.set(ADDRESS, 32, cmsg);
                msg.set(JAVA_LONG, 40, 24L);          // CMSG_SPACE(sizeof(int))
            }
            long rc = (long) H.SENDMSG.invokeExact(Libc.capture(), sock, msg, MSG_NOSIGNAL);
            if (rc < 0) {
                int e = Libc.lastErrno();
                if (e == Errno.EPIPE || e == Errno.ECONNRESET) return false;
                throw new ErrnoException("sendmsg", e);
            }
            return rc == data.length;
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    /** What {@link #receiveWithFd} got: the bytes and the passed descriptor (-1 if none); length 0 means EOF. */
    public record Received(byte[] data, int fd) {}

    /** Blocks in recvmsg for one message with at most one SCM_RIGHTS descriptor (made close-on-exec). */
    public static Received receiveWithFd(int sock, int maxLen) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(maxLen);
            MemorySegment iov = a.allocate(16, 8);
            iov.set(ADDRESS, 0, buf);
            iov.set(JAVA_LONG, 8, maxLen);
            MemorySegment cmsg = a.allocate(64, 8);
            MemorySegment msg = a.allocate(56, 8);
            msg.set(ADDRESS, 16, iov);
            msg.set(JAVA_LONG, 24, 1L);
            msg.set(ADDRESS, 32, cmsg);
            msg.set(JAVA_LONG, 40, 64L);
            long n;
            do {
                n = (long) H.RECVMSG.invokeExact(Libc.capture(), sock, msg, MSG_CMSG_CLOEXEC);
            } while (n < 0 && Libc.lastErrno() == Libc.EINTR);
            if (n < 0) throw new ErrnoException("recvmsg", Libc.lastErrno());
            int fd = -1;
            long controlLen = msg.get(JAVA_LONG, 40);
            if (controlLen >= 20 && cmsg.get(JAVA_INT, 8) == SOL_SOCKET && cmsg.get(JAVA_INT, 12) == SCM_RIGHTS) {
                fd = cmsg.get(JAVA_INT, 16);
            }
            return new Received(buf.asSlice(0, n).toArray(JAVA_BYTE), fd);
        } catch (Throwable t) { throw Libc.rethrow(t); }
    }

    private static int encodeInet(MemorySegment sa, InetAddress addr, int port) {
        short netPort = Short.reverseBytes((short) port);
        if (addr instanceof Inet4Address) {
            sa.set(JAVA_SHORT, 0, (short) AF_INET);
            sa.set(JAVA_SHORT, 2, netPort);
            MemorySegment.copy(addr.getAddress(), 0, sa, JAVA_BYTE, 4, 4);
            return 16;
        }
        sa.set(JAVA_SHORT, 0, (short) AF_INET6);
        sa.set(JAVA_SHORT, 2, netPort);
        MemorySegment.copy(addr.getAddress(), 0, sa, JAVA_BYTE, 8, 16);
        if (addr instanceof Inet6Address a6 && a6.getScopeId() != 0) sa.set(JAVA_INT, 24, a6.getScopeId());
        return 28;
    }

    private static PeerAddress decode(MemorySegment sa) {
        int family = sa.get(JAVA_SHORT, 0);
        int port = Short.toUnsignedInt(Short.reverseBytes(sa.get(JAVA_SHORT, 2)));
        try {
            return switch (family) {
                case AF_INET -> new PeerAddress(InetAddress.getByAddress(sa.asSlice(4, 4).toArray(JAVA_BYTE)), port);
                case AF_INET6 -> new PeerAddress(InetAddress.getByAddress(sa.asSlice(8, 16).toArray(JAVA_BYTE)), port);
                default -> new PeerAddress(null, -1);
            };
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
