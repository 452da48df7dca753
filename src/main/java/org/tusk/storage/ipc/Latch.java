package org.tusk.storage.ipc;

import org.tusk.port.Libc;
import org.tusk.port.Signals;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A latch (PostgreSQL's latch.c): a one-bit "something happened" flag in shared memory that
 * its owner process sleeps on and any process sets.
 *
 * <p>The word holds {@link #IS_SET}, {@link #SLEEPING} (the owner is in FUTEX_WAIT on the word)
 * and {@link #SOCKET_WAIT} (the owner is in poll() on a socket instead). {@link #set()} sets the
 * flag and wakes the owner the way it is sleeping: FUTEX_WAKE for a futex sleep; for a poll it
 * writes the owner's eventfd when called inside the owner's process (signal handlers run on
 * their own threads), or sends SIGUSR1 to the owner, whose handler does that write (PostgreSQL
 * uses SIGURG and a self-pipe the same way).
 *
 * <p>The usage rule is PostgreSQL's: reset, then check for work, then wait; never check, then
 * reset. Waits always have a reason to end: the latch, a timeout, or (for poll waits) the
 * socket. Postmaster death kills children through PR_SET_PDEATHSIG, so no wait outlives it.
 */
public final class Latch {
    public static final int IS_SET = 1, SLEEPING = 2, SOCKET_WAIT = 4;
    private static final VarHandle WORD = JAVA_INT.varHandle();

    private final MemorySegment word;
    private final MemorySegment ownerPid;

    /**
     * @param word      the latch word (4 bytes of shared memory)
     * @param ownerPid  the owner's pid word (its PGPROC.pid), to signal a poll-sleeping owner
     */
    public Latch(MemorySegment word, MemorySegment ownerPid) {
        this.word = word;
        this.ownerPid = ownerPid;
    }

    public boolean isSet() {
        return ((int) WORD.getVolatile(word, 0L) & IS_SET) != 0;
    }

    public void reset() {
        WORD.getAndBitwiseAnd(word, 0L, ~IS_SET);
    }

    /** SetLatch: safe from any thread of any process. */
    public void set() {
        int old = (int) WORD.getAndBitwiseOr(word, 0L, IS_SET);
        if ((old & IS_SET) != 0) return;
        if ((old & SLEEPING) != 0) Libc.futexWake(word, Integer.MAX_VALUE);
        if ((old & SOCKET_WAIT) != 0) {
            int pid = (int) WORD.getVolatile(ownerPid, 0L);
            if (pid > 0) Libc.kill(pid, Signals.SIGUSR1);
        }
    }

    /**
     * Sleeps until the latch is set or {@code timeoutNanos} pass (negative: no timeout).
     * Returns true if the latch is set. Only the owner may wait.
     */
    public boolean await(long timeoutNanos) {
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (true) {
            int s = (int) WORD.getVolatile(word, 0L);
            if ((s & IS_SET) != 0) return true;
            long remaining = deadline == Long.MAX_VALUE ? -1 : deadline - System.nanoTime();
            if (deadline != Long.MAX_VALUE && remaining <= 0) return false;
            if (!WORD.compareAndSet(word, 0L, s, s | SLEEPING)) continue;
            try {
                Libc.futexWait(word, s | SLEEPING, remaining);
            } finally {
                WORD.getAndBitwiseAnd(word, 0L, ~SLEEPING);
            }
        }
    }

    /**
     * Marks that the owner is about to poll a socket together with its eventfd; returns false if
     * the latch is already set (then the caller must not sleep).
     */
    public boolean beginSocketWait() {
        while (true) {
            int s = (int) WORD.getVolatile(word, 0L);
            if ((s & IS_SET) != 0) return false;
            if (WORD.compareAndSet(word, 0L, s, s | SOCKET_WAIT)) return true;
        }
    }

    public void endSocketWait() {
        WORD.getAndBitwiseAnd(word, 0L, ~SOCKET_WAIT);
    }
}
