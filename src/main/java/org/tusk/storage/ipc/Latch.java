package org.tusk.storage.ipc;

import org.tusk.port.Libc;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A latch (PostgreSQL's latch.c): a one-bit "something happened" flag in shared memory that
 * its owner process sleeps on and any process sets.
 *
 * <p>The word holds {@link #IS_SET} and {@link #SLEEPING} (the owner is in FUTEX_WAIT on the
 * word); {@link #set()} sets the flag and, if the owner sleeps, wakes it with FUTEX_WAKE. A
 * backend waiting for its client polls the socket and an eventfd instead, which the signal
 * handlers of its own process write (see {@code tcop.Interrupts}), as PostgreSQL's handlers write
 * its self-pipe; a latch set from another process does not yet interrupt such a poll (nothing
 * needs it to: cancel and terminate arrive as signals).
 *
 * <p>The usage rule is PostgreSQL's: reset, then check for work, then wait; never check, then
 * reset. Waits always have a reason to end: the latch, a timeout, or (for poll waits) the
 * socket. Postmaster death kills children through PR_SET_PDEATHSIG, so no wait outlives it.
 */
public final class Latch {
    public static final int IS_SET = 1, SLEEPING = 2;
    private static final VarHandle WORD = JAVA_INT.varHandle();

    private final MemorySegment word;

    /**
     * @param word      the latch word (4 bytes of shared memory)
     */
    public Latch(MemorySegment word) {
        this.word = word;
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
}
