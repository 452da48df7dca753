package org.tusk.storage.lmgr;

import org.tusk.port.Libc;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A lightweight lock in shared memory (PostgreSQL's lwlock.c): shared or exclusive, held for
 * short stretches, never by a process that waits for anything else while holding it.
 *
 * <p>State word: bit 24 means "held exclusively", bits 0-23 count shared holders. A process that
 * cannot take the lock announces itself in {@code waiters} and sleeps on the state word with
 * FUTEX_WAIT; a releaser that sees waiters wakes them all and they race again. The announce-then-
 * recheck order (both sequentially consistent accesses) means a release cannot slip between a
 * waiter's check and its sleep: either the releaser sees the waiter, or the waiter sees the
 * released state (or FUTEX_WAIT sees a changed word and returns at once). No path spins.
 *
 * <p>As in PostgreSQL, waiting for an LWLock is not interruptible by cancel: holders keep them
 * for microseconds. A holder that crashes leaves the lock held; that is one reason why a crashed
 * child makes the postmaster re-create all of shared memory.
 */
public final class LWLock {
    /** Layout of one lock; zero is the unlocked state. */
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("state"), JAVA_INT.withName("waiters"));

    private static final VarHandle STATE = LAYOUT.varHandle(groupElement("state"));
    private static final VarHandle WAITERS = LAYOUT.varHandle(groupElement("waiters"));
    private static final int EXCLUSIVE = 1 << 24;
    private static final int SHARED_MASK = EXCLUSIVE - 1;

    public enum Mode { SHARED, EXCLUSIVE }

    private final String name;
    private final MemorySegment lock;
    private final MemorySegment stateWord;

    /** Binds to the lock at {@code lock} (a slice of {@link #LAYOUT}'s size). */
    public LWLock(String name, MemorySegment lock) {
        this.name = name;
        this.lock = lock;
        this.stateWord = lock.asSlice(0, 4);
    }

    public String name() {
        return name;
    }

    public void acquire(Mode mode) {
        while (!tryAcquire(mode)) {
            WAITERS.getAndAdd(lock, 0L, 1);
            try {
                int seen = (int) STATE.getVolatile(lock, 0L);
                if (conflicts(seen, mode)) Libc.futexWait(stateWord, seen, -1);
            } finally {
                WAITERS.getAndAdd(lock, 0L, -1);
            }
        }
    }

    /**
     * LWLockAcquireOrWait: takes the lock if it is free; otherwise sleeps until it has been
     * released and returns false <em>without</em> taking it. Group commit uses this: a process that
     * wanted WALWriteLock only to flush its own record re-checks after the holder is done, and most
     * often finds its record flushed by the holder. A false return may also follow a spurious
     * wake-up; callers re-check and call again, so that is harmless.
     *
     * @return true if the lock is now held in {@code mode}
     */
    public boolean acquireOrWait(Mode mode) {
        while (true) {
            if (tryAcquire(mode)) return true;
            WAITERS.getAndAdd(lock, 0L, 1);
            try {
                int seen = (int) STATE.getVolatile(lock, 0L);
                if (conflicts(seen, mode)) {
                    Libc.futexWait(stateWord, seen, -1);
                    return false;
                }
            } finally {
                WAITERS.getAndAdd(lock, 0L, -1);
            }
        }
    }

    /** Whether anyone holds the lock in any mode (a snapshot: it may change at once). */
    public boolean isLocked() {
        return (int) STATE.getVolatile(lock, 0L) != 0;
    }

    public boolean tryAcquire(Mode mode) {
        while (true) {
            int s = (int) STATE.getVolatile(lock, 0L);
            if (conflicts(s, mode)) return false;
            int next = mode == Mode.EXCLUSIVE ? s | EXCLUSIVE : s + 1;
            if (STATE.compareAndSet(lock, 0L, s, next)) return true;
        }
    }

    public void release(Mode mode) {
        while (true) {
            int s = (int) STATE.getVolatile(lock, 0L);
            int next = mode == Mode.EXCLUSIVE ? s & ~EXCLUSIVE : s - 1;
            if (mode == Mode.EXCLUSIVE ? (s & EXCLUSIVE) == 0 : (s & SHARED_MASK) == 0) {
                throw new IllegalStateException("lock " + name + " is not held in mode " + mode);
            }
            if (STATE.compareAndSet(lock, 0L, s, next)) break;
        }
        if ((int) WAITERS.getVolatile(lock, 0L) > 0) Libc.futexWake(stateWord, Integer.MAX_VALUE);
    }

    private static boolean conflicts(int state, Mode mode) {
        return (state & EXCLUSIVE) != 0 || (mode == Mode.EXCLUSIVE && (state & SHARED_MASK) != 0);
    }
}
