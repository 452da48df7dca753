package org.tusk.postmaster;

import org.tusk.port.Libc;
import org.tusk.port.Signals;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signals to the postmaster, turned into flags for its main loop (PostgreSQL 16's design: the
 * handlers only set a pending flag and wake the loop; all work happens in the loop).
 *
 * <pre>
 *   SIGHUP   reload configuration
 *   SIGTERM  smart shutdown   (wait for sessions to end)
 *   SIGINT   fast shutdown    (terminate sessions)
 *   SIGPWR   immediate shutdown (PostgreSQL uses SIGQUIT, which a JVM cannot catch)
 *   SIGCHLD  a child exited: reap
 *   SIGUSR1  a child set a reason in PMSignal (pmsignal.c): look at the reasons
 * </pre>
 * The handlers run on JVM-made threads; they touch only the atomic flag word and the eventfd.
 */
final class PostmasterSignals {
    static final int RELOAD = 1, SMART = 2, FAST = 4, IMMEDIATE = 8, CHILD_EXIT = 16, PMSIGNAL = 32;

    private final AtomicInteger pending = new AtomicInteger();
    private final int wakeFd = Libc.eventfd(Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);

    void install() {
        Signals.handle(Signals.SIGHUP, s -> raise(RELOAD));
        Signals.handle(Signals.SIGTERM, s -> raise(SMART));
        Signals.handle(Signals.SIGINT, s -> raise(FAST));
        Signals.handle(Signals.SIGQUICKDIE, s -> raise(IMMEDIATE));
        Signals.handle(Signals.SIGCHLD, s -> raise(CHILD_EXIT));
        Signals.ignore(Signals.SIGPIPE);
        Signals.handle(Signals.SIGUSR1, s -> raise(PMSIGNAL));
    }

    private void raise(int bit) {
        pending.getAndUpdate(v -> v | bit);
        Libc.eventfdSignal(wakeFd);
    }

    /** The descriptor the main loop polls; readable when a signal is pending. */
    int wakeFd() {
        return wakeFd;
    }

    /** Takes all pending flags and drains the eventfd. */
    int take() {
        Libc.eventfdDrain(wakeFd);
        return pending.getAndSet(0);
    }
}
