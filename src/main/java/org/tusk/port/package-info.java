/**
 * Operating-system interfaces: PostgreSQL's {@code src/port} and {@code src/backend/port}.
 *
 * <p>Every libc call Tusk makes goes through this package, bound with
 * {@code java.lang.foreign} (no JNI, no C). It holds no database logic: sockets with raw
 * descriptors (so they can be handed to another process), descriptor passing with
 * {@code SCM_RIGHTS}, {@code posix_spawn} (a JVM must not {@code fork()}), {@code waitpid},
 * {@code kill}, {@code prctl(PR_SET_PDEATHSIG)}, {@code poll}, {@code eventfd} and the
 * {@code futex} system call on which latches sleep, and {@code malloc_trim}, with which an idle
 * process gives its JIT's freed arenas back to the kernel ({@link org.tusk.port.NativeHeap}).
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Every descriptor Tusk opens is close-on-exec, and every spawn closes all descriptors
 *     above the ones it maps explicitly: the JVM itself leaks descriptors into children
 *     otherwise.</li>
 * <li>errno is captured per call and per thread: signal handlers in a JVM run on their own
 *     threads and must not clobber the main thread's errno.</li>
 * <li>Signals: a JVM cannot catch SIGQUIT, so {@link org.tusk.port.Signals#SIGQUICKDIE}
 *     (SIGPWR) stands in for it everywhere. SIGUSR2 is not used: HotSpot
 *     takes it for suspending threads.</li>
 * </ul>
 */
package org.tusk.port;
