package org.tusk.port;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The C library, reached through {@code java.lang.foreign}: the one place where Tusk binds a
 * libc function. Everything above uses the small typed wrappers here.
 *
 * <p>Each binding captures {@code errno} where the function reports failure through it; a
 * failing call throws {@link ErrnoException} carrying the errno and the call's name, except where
 * the caller must react to a specific errno (EINTR, EAGAIN), in which case the raw result is
 * returned and {@link #lastErrno()} tells why.
 *
 * <p>Handles are created lazily, one holder class per group, because creating a downcall handle
 * costs time at process start and most processes need only a few groups.
 */
public final class Libc {
    private Libc() {}

    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ECHILD = 10;
    public static final int ESRCH = 3;
    public static final int ETIMEDOUT = 110;

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayoutHolder ERRNO = new StructLayoutHolder();

    private static final class StructLayoutHolder {
        final MemoryLayout layout = Linker.Option.captureStateLayout();
        final VarHandle errno = layout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    }

    /** Per-thread errno capture buffer; signal handlers run on their own threads, so this must be per thread. */
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(ERRNO.layout));

    static MemorySegment capture() {
        return CAPTURE.get();
    }

    /** The errno captured by the last call on this thread. */
    public static int lastErrno() {
        return (int) ERRNO.errno.get(CAPTURE.get(), 0L);
    }

    static MethodHandle bind(String name, FunctionDescriptor fd, boolean captureErrno) {
        MemorySegment sym = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return captureErrno
                ? LINKER.downcallHandle(sym, fd, Linker.Option.captureCallState("errno"))
                : LINKER.downcallHandle(sym, fd);
    }

    static MethodHandle bindVariadic(String name, FunctionDescriptor fd, int firstVariadic) {
        MemorySegment sym = LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(sym, fd, Linker.Option.captureCallState("errno"),
                Linker.Option.firstVariadicArg(firstVariadic));
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) return re;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    static int check(String call, int rc) {
        if (rc < 0) throw new ErrnoException(call, lastErrno());
        return rc;
    }

    static long check(String call, long rc) {
        if (rc < 0) throw new ErrnoException(call, lastErrno());
        return rc;
    }

    // ---------------------------------------------------------------- process control

    private static final class Proc {
        static final MethodHandle GETPID = bind("getpid", FunctionDescriptor.of(JAVA_INT), false);
        static final MethodHandle GETPPID = bind("getppid", FunctionDescriptor.of(JAVA_INT), false);
        static final MethodHandle KILL = bind("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
        static final MethodHandle WAITPID = bind("waitpid",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
        static final MethodHandle PRCTL = bindVariadic("prctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), 1);
        static final MethodHandle EXIT = bind("_exit", FunctionDescriptor.ofVoid(JAVA_INT), false);
    }

    public static int getpid() {
        try { return (int) Proc.GETPID.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    public static int getppid() {
        try { return (int) Proc.GETPPID.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    /** kill(2). Returns false when the process does not exist (ESRCH). */
    public static boolean kill(int pid, int sig) {
        int rc;
        try { rc = (int) Proc.KILL.invokeExact(capture(), pid, sig); } catch (Throwable t) { throw rethrow(t); }
        if (rc == 0) return true;
        if (lastErrno() == ESRCH) return false;
        throw new ErrnoException("kill", lastErrno());
    }

    /** Result of a waitpid: the pid reaped (0 if none ready, -1 with ECHILD if no children) and its raw status. */
    public record WaitResult(int pid, int status) {
        public boolean exited() { return (status & 0x7f) == 0; }
        public int exitCode() { return (status >> 8) & 0xff; }
        public boolean signaled() { int s = status & 0x7f; return s != 0 && s != 0x7f; }
        public int termSignal() { return status & 0x7f; }
        public String describe() {
            return exited() ? "exited with exit code " + exitCode()
                    : "was terminated by signal " + termSignal() + ": " + Signals.name(termSignal());
        }
    }

    public static final int WNOHANG = 1;

    /** waitpid(pid, WNOHANG): never blocks. */
    public static WaitResult waitpidNoHang(int pid) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment status = a.allocate(JAVA_INT);
            int rc = (int) Proc.WAITPID.invokeExact(capture(), pid, status, WNOHANG);
            if (rc < 0) {
                if (lastErrno() == ECHILD) return new WaitResult(-1, 0);
                if (lastErrno() == EINTR) return new WaitResult(0, 0);
                throw new ErrnoException("waitpid", lastErrno());
            }
            return new WaitResult(rc, rc > 0 ? status.get(JAVA_INT, 0) : 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    public static final int PR_SET_PDEATHSIG = 1;
    public static final int PR_SET_NAME = 15;

    public static void prctl(int option, long arg2) {
        try { check("prctl", (int) Proc.PRCTL.invokeExact(capture(), option, arg2, 0L, 0L, 0L)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    /** _exit(2): leave at once, running no shutdown hooks (PostgreSQL's quickdie path). */
    public static void exitNow(int code) {
        try { Proc.EXIT.invokeExact(code); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---------------------------------------------------------------- the C heap

    private static final class Malloc {
        /** glibc's; absent from other C libraries, where there is nothing to bind. */
        static final MethodHandle MALLOC_TRIM = LIBC.find("malloc_trim")
                .map(sym -> LINKER.downcallHandle(sym, FunctionDescriptor.of(JAVA_INT, JAVA_LONG)))
                .orElse(null);
    }

    /**
     * malloc_trim(3) with no padding: returns the free memory of every malloc arena to the kernel.
     * Returns whether any was given back; false also where the C library has no malloc_trim.
     */
    public static boolean mallocTrim() {
        if (Malloc.MALLOC_TRIM == null) return false;
        try { return (int) Malloc.MALLOC_TRIM.invokeExact(0L) != 0; } catch (Throwable t) { throw rethrow(t); }
    }

    // ---------------------------------------------------------------- file descriptors

    private static final class Fd {
        static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
        static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), true);
        static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
        static final MethodHandle DUP2 = bind("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
        static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
        static final MethodHandle EVENTFD = bind("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), true);
        static final MethodHandle FCNTL = bindVariadic("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), 2);
    }

    /** read(2): returns bytes read, 0 at EOF, or -1 with {@link #lastErrno()} set (EINTR, EAGAIN). */
    public static long read(int fd, MemorySegment buf, long len) {
        try { return (long) Fd.READ.invokeExact(capture(), fd, buf, len); } catch (Throwable t) { throw rethrow(t); }
    }

    /** write(2): returns bytes written or -1 with {@link #lastErrno()} set. */
    public static long write(int fd, MemorySegment buf, long len) {
        try { return (long) Fd.WRITE.invokeExact(capture(), fd, buf, len); } catch (Throwable t) { throw rethrow(t); }
    }

    public static void close(int fd) {
        if (fd < 0) return;
        try { int rc = (int) Fd.CLOSE.invokeExact(capture(), fd); } catch (Throwable t) { throw rethrow(t); }
    }

    public static void dup2(int from, int to) {
        try { check("dup2", (int) Fd.DUP2.invokeExact(capture(), from, to)); } catch (Throwable t) { throw rethrow(t); }
    }

    public static final int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
    public static final int F_GETFL = 3, F_SETFL = 4, O_NONBLOCK = 04000;

    public static int fcntl(int fd, int cmd, int arg) {
        try { return check("fcntl", (int) Fd.FCNTL.invokeExact(capture(), fd, cmd, arg)); } catch (Throwable t) { throw rethrow(t); }
    }

    public static void setCloseOnExec(int fd) {
        fcntl(fd, F_SETFD, fcntl(fd, F_GETFD, 0) | FD_CLOEXEC);
    }

    public static void setNonBlocking(int fd, boolean on) {
        int flags = fcntl(fd, F_GETFL, 0);
        fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
    }

    public static final short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    /** struct pollfd. */
    public static final MemoryLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    /** poll(2) on a prepared array of pollfd; returns the count ready, 0 on timeout, -1 on EINTR. */
    public static int poll(MemorySegment fds, int nfds, int timeoutMs) {
        try {
            int rc = (int) Fd.POLL.invokeExact(capture(), fds, (long) nfds, timeoutMs);
            if (rc < 0 && lastErrno() != EINTR) throw new ErrnoException("poll", lastErrno());
            return rc;
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** poll(2) on one descriptor for input: true once it is readable (or at EOF or error), false after {@code timeoutMs}. */
    public static boolean waitReadable(int fd, int timeoutMs) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(POLLFD);
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(JAVA_SHORT, 4, POLLIN);
            int rc;
            do {
                rc = poll(pfd, 1, timeoutMs);
            } while (rc < 0);   // EINTR: a signal's handler runs on its own thread; wait on
            return rc > 0;
        }
    }

    public static final int EFD_CLOEXEC = 02000000, EFD_NONBLOCK = 04000;

    public static int eventfd(int flags) {
        try { return check("eventfd", (int) Fd.EVENTFD.invokeExact(capture(), 0, flags)); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Makes an eventfd readable (adds 1 to its counter); safe from a signal handler thread. */
    public static void eventfdSignal(int fd) {
        try (Arena a = Arena.ofConfined()) {
            write(fd, a.allocateFrom(JAVA_LONG, 1L), 8);
        }
    }

    /** Resets a non-blocking eventfd's counter; its value means only "something happened". */
    public static void eventfdDrain(int fd) {
        try (Arena a = Arena.ofConfined()) {
            read(fd, a.allocate(8), 8);
        }
    }

    // ---------------------------------------------------------------- futex

    private static final class Futex {
        static final MethodHandle SYSCALL = bindVariadic("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG), 1);
    }

    private static final long SYS_FUTEX = 202;
    private static final long FUTEX_WAIT = 0, FUTEX_WAKE = 1;
    /** struct timespec. */
    private static final MemoryLayout TIMESPEC = MemoryLayout.structLayout(JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));

    /**
     * FUTEX_WAIT on a 32-bit word of shared memory: sleeps while the word still holds
     * {@code expected}, at most {@code timeoutNanos} (negative: no limit). Shared (not
     * FUTEX_PRIVATE) so that a process other than the sleeper can wake it. Returns normally on
     * wake, timeout, signal or a changed word; callers re-check their condition.
     */
    public static void futexWait(MemorySegment word, int expected, long timeoutNanos) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = MemorySegment.NULL;
            if (timeoutNanos >= 0) {
                ts = a.allocate(TIMESPEC);
                ts.set(JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
                ts.set(JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
            }
            long rc = (long) Futex.SYSCALL.invokeExact(capture(), SYS_FUTEX, word, FUTEX_WAIT, (long) expected, ts,
                    MemorySegment.NULL, 0L);
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** FUTEX_WAKE: wakes up to {@code count} sleepers on the word. */
    public static void futexWake(MemorySegment word, int count) {
        try {
            long rc = (long) Futex.SYSCALL.invokeExact(capture(), SYS_FUTEX, word, FUTEX_WAKE, (long) count,
                    MemorySegment.NULL, MemorySegment.NULL, 0L);
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** Reads a NUL-terminated string at an address (used for environ). */
    static String cString(MemorySegment ptr) {
        return ptr.reinterpret(Long.MAX_VALUE).getString(0);
    }

    static final ValueLayout.OfLong SIZE_T = JAVA_LONG;
}
