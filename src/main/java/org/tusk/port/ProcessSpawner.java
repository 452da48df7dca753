package org.tusk.port;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * posix_spawn(3): how the postmaster starts every child.
 *
 * <p>A JVM cannot safely fork() (the child of a multi-threaded JVM may hang), so Tusk starts
 * children as PostgreSQL's EXEC_BACKEND build does: a fresh executable image that re-attaches to
 * shared memory. The child gets exactly the descriptors named here (0, 1, 2 and the ones mapped
 * with {@link FdMapping}); {@code closefrom} drops every other descriptor, since the JVM opens
 * its own files without close-on-exec. Signal dispositions are reset to default and the signal
 * mask cleared, so a child never inherits the postmaster's ignored signals.
 */
public final class ProcessSpawner {
    private ProcessSpawner() {}

    /** Put parent descriptor {@code parentFd} at {@code childFd} in the child. */
    public record FdMapping(int parentFd, int childFd) {}

    private static final int POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int ATTR_SIZE = 512, ACTIONS_SIZE = 256, SIGSET_SIZE = 128;

    private static final class H {
        static final MethodHandle SPAWN = Libc.bind("posix_spawn",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS), false);
        static final MethodHandle FA_INIT = Libc.bind("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        static final MethodHandle FA_DESTROY = Libc.bind("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        static final MethodHandle FA_DUP2 = Libc.bind("posix_spawn_file_actions_adddup2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), false);
        static final MethodHandle FA_CLOSEFROM = Libc.bind("posix_spawn_file_actions_addclosefrom_np",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), false);
        static final MethodHandle ATTR_INIT = Libc.bind("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        static final MethodHandle ATTR_DESTROY = Libc.bind("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS), false);
        static final MethodHandle ATTR_FLAGS = Libc.bind("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT), false);
        static final MethodHandle ATTR_SIGMASK = Libc.bind("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), false);
        static final MethodHandle ATTR_SIGDEF = Libc.bind("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), false);
        static final MemorySegment ENVIRON = Libc.LIBC.find("environ").orElseThrow().reinterpret(8);
    }

    /**
     * Starts {@code argv[0]} (an absolute path) with the given arguments and descriptors; returns the
     * child's pid. Throws {@link ErrnoException} if the spawn fails.
     */
    public static int spawn(List<String> argv, List<FdMapping> fds) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment actions = a.allocate(ACTIONS_SIZE, 16);
            MemorySegment attr = a.allocate(ATTR_SIZE, 16);
            int rc = (int) H.FA_INIT.invokeExact(actions);
            rc = (int) H.ATTR_INIT.invokeExact(attr);
            try {
                int highest = 2;
                for (FdMapping m : fds) {
                    check("posix_spawn_file_actions_adddup2", (int) H.FA_DUP2.invokeExact(actions, m.parentFd(), m.childFd()));
                    highest = Math.max(highest, m.childFd());
                }
                check("posix_spawn_file_actions_addclosefrom_np", (int) H.FA_CLOSEFROM.invokeExact(actions, highest + 1));

                MemorySegment empty = a.allocate(SIGSET_SIZE, 8);
                MemorySegment defaults = a.allocate(SIGSET_SIZE, 8);
                long bits = 0;
                for (int sig : new int[] {Signals.SIGHUP, Signals.SIGINT, Signals.SIGUSR1, Signals.SIGUSR2, Signals.SIGPWR,
                        Signals.SIGPIPE, Signals.SIGALRM, Signals.SIGTERM, Signals.SIGCHLD, Signals.SIGURG}) {
                    bits |= 1L << (sig - 1);
                }
                defaults.set(JAVA_LONG, 0, bits);
                check("posix_spawnattr_setsigmask", (int) H.ATTR_SIGMASK.invokeExact(attr, empty));
                check("posix_spawnattr_setsigdefault", (int) H.ATTR_SIGDEF.invokeExact(attr, defaults));
                check("posix_spawnattr_setflags",
                        (int) H.ATTR_FLAGS.invokeExact(attr, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)));

                MemorySegment args = a.allocate(ADDRESS, argv.size() + 1L);
                for (int i = 0; i < argv.size(); i++) args.setAtIndex(ADDRESS, i, a.allocateFrom(argv.get(i)));
                args.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
                MemorySegment env = H.ENVIRON.get(ADDRESS, 0);

                MemorySegment pid = a.allocate(JAVA_INT);
                check("posix_spawn", (int) H.SPAWN.invokeExact(pid, a.allocateFrom(argv.get(0)), actions, attr, args, env));
                return pid.get(JAVA_INT, 0);
            } finally {
                rc = (int) H.FA_DESTROY.invokeExact(actions);
                rc = (int) H.ATTR_DESTROY.invokeExact(attr);
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** posix_spawn functions return the error number instead of setting errno. */
    private static void check(String call, int rc) {
        if (rc != 0) throw new ErrnoException(call, rc);
    }
}
