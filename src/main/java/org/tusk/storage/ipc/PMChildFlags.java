package org.tusk.storage.ipc;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * PMChildFlags (PostgreSQL's pmsignal.c): one word per child slot through which a child tells the
 * postmaster, without signals, whether it has started touching shared memory.
 *
 * <p>Protocol: the postmaster sets {@link #ASSIGNED} when it gives a slot to a new child; the
 * child sets {@link #ACTIVE} before it touches any shared structure and back to ASSIGNED when it
 * has released everything at a clean exit. When the child is reaped, the postmaster frees the
 * slot; if the word still says ACTIVE, the child died in the middle of using shared memory, which
 * is a crash even if its exit code was 0 or 1.
 *
 * <p>This array is the only part of shared memory the postmaster reads or writes while running,
 * and it treats any value it does not expect as "ACTIVE", so that a child scribbling here can at
 * worst cause a crash-restart, never confuse the postmaster.
 */
public final class PMChildFlags {
    public static final int UNUSED = 0, ASSIGNED = 1, ACTIVE = 2;

    private static final VarHandle FLAG = JAVA_INT.arrayElementVarHandle();

    /** Why children are told to quit at once (PostgreSQL's QuitSignalReason); see {@link #quitReason()}. */
    public static final int QUIT_FOR_CRASH = 1, QUIT_FOR_STOP = 2;

    /**
     * Element 0 holds the quit reason, elements 1..numSlots the flags, so that slot numbers
     * index the array directly.
     */
    public static SequenceLayout layout(int numSlots) {
        return MemoryLayout.sequenceLayout(numSlots + 1L, JAVA_INT);
    }

    /**
     * Postmaster, just before it sends SIGQUICKDIE to every child: records why, so that each child
     * can tell its client "crash of another server process" or "immediate shutdown". Written only
     * on the way to discarding this region (or exiting), so it never misleads a later generation.
     */
    public void setQuitReason(int reason) {
        FLAG.setVolatile(seg, 0L, 0L, reason);
    }

    /** Child, in its quickdie handler. */
    public int quitReason() {
        return (int) FLAG.getVolatile(seg, 0L, 0L);
    }

    private final MemorySegment seg;
    private final int numSlots;

    public PMChildFlags(MemorySegment seg, int numSlots) {
        this.seg = seg;
        this.numSlots = numSlots;
    }

    private void check(int slot) {
        if (slot < 1 || slot > numSlots) throw new IllegalArgumentException("child slot " + slot + " out of range");
    }

    /** Postmaster: a new child gets {@code slot}. */
    public void markAssigned(int slot) {
        check(slot);
        FLAG.setVolatile(seg, 0L, (long) slot, ASSIGNED);
    }

    /**
     * Postmaster, at reap: frees the slot; returns false if the child left it ACTIVE (or
     * corrupt), which the caller must treat as a crash.
     */
    public boolean release(int slot) {
        check(slot);
        int old = (int) FLAG.getAndSet(seg, 0L, (long) slot, UNUSED);
        return old == ASSIGNED;
    }

    /**
     * Postmaster: whether the child has said it is running (it installs its signal handlers
     * before, so it may be sent a reload). A read of one word; a garbage value reads as "no".
     */
    public boolean isActive(int slot) {
        check(slot);
        return (int) FLAG.getVolatile(seg, 0L, (long) slot) == ACTIVE;
    }

    /** Child: about to use shared memory. */
    public void markActive(int slot) {
        check(slot);
        FLAG.setVolatile(seg, 0L, (long) slot, ACTIVE);
    }

    /** Child: done with shared memory, exiting cleanly. */
    public void markInactive(int slot) {
        check(slot);
        FLAG.setVolatile(seg, 0L, (long) slot, ASSIGNED);
    }
}
