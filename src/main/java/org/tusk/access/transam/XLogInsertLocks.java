package org.tusk.access.transam;

import org.tusk.port.Libc;
import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The WAL insertion locks (PostgreSQL's WALInsertLocks): {@link #NUM_XLOGINSERT_LOCKS} LWLocks,
 * one of which a process holds while it copies a record into the WAL buffers, each with the
 * holder's progress, {@code insertingAt}.
 *
 * <p>{@code insertingAt} is 0 while the holder has not said anything (a waiter must then assume
 * the holder's record may lie anywhere after what it waits for and before the reserved end), or
 * a position before which the holder has copied everything it will copy. A holder raises it
 * before it may have to wait for a WAL buffer to be written out, so that the writer, which waits
 * for all insertions before the page it writes, does not wait for the holder in turn.
 *
 * <p>Waiting ({@link #waitForInsertions}) is PostgreSQL's LWLockWaitForVar: sleep until the lock
 * is free or {@code insertingAt} has passed the target. Each slot has a futex word,
 * {@code progress}, that the holder bumps after every change of {@code insertingAt} and after
 * releasing; a waiter registers in {@code waiters}, reads {@code progress}, re-checks, and sleeps
 * on {@code progress} only if it still has that value, so no wake-up can be lost (the holder wakes
 * only when it sees a registered waiter, and both sides use sequentially consistent accesses).
 *
 * <p>Each slot fills a 64-byte cache line of its own, as PostgreSQL pads them, so that
 * inserters on different locks do not share lines.
 */
final class XLogInsertLocks {
    /** NUM_XLOGINSERT_LOCKS. */
    static final int NUM_XLOGINSERT_LOCKS = 8;

    static final StructLayout SLOT = MemoryLayout.structLayout(
            LWLock.LAYOUT.withName("lock"),
            JAVA_LONG.withName("insertingAt"),
            JAVA_INT.withName("progress"),
            JAVA_INT.withName("waiters"),
            MemoryLayout.paddingLayout(40));
    static final MemoryLayout LAYOUT = MemoryLayout.sequenceLayout(NUM_XLOGINSERT_LOCKS, SLOT);

    private static final VarHandle INSERTING_AT = SLOT.varHandle(groupElement("insertingAt"));
    private static final VarHandle PROGRESS = SLOT.varHandle(groupElement("progress"));
    private static final VarHandle WAITERS = SLOT.varHandle(groupElement("waiters"));
    private static final long PROGRESS_OFFSET = SLOT.byteOffset(groupElement("progress"));
    /** insertingAt of the locks a process holds only to keep everyone out: "past anything". */
    private static final long PAST_EVERYTHING = -1L;

    private final MemorySegment[] slots = new MemorySegment[NUM_XLOGINSERT_LOCKS];
    private final MemorySegment[] progressWords = new MemorySegment[NUM_XLOGINSERT_LOCKS];
    private final LWLock[] locks = new LWLock[NUM_XLOGINSERT_LOCKS];

    XLogInsertLocks(MemorySegment seg) {
        for (int i = 0; i < NUM_XLOGINSERT_LOCKS; i++) {
            slots[i] = seg.asSlice(i * SLOT.byteSize(), SLOT.byteSize());
            progressWords[i] = slots[i].asSlice(PROGRESS_OFFSET, 4);
            locks[i] = new LWLock("WALInsert", slots[i].asSlice(0, LWLock.LAYOUT.byteSize()));
        }
    }

    /** Takes lock {@code i} without waiting; its insertingAt is 0 (cleared by the last release). */
    boolean tryAcquire(int i) {
        return locks[i].tryAcquire(LWLock.Mode.EXCLUSIVE);
    }

    void acquire(int i) {
        locks[i].acquire(LWLock.Mode.EXCLUSIVE);
    }

    /** WALInsertLockUpdateInsertingAt: everything the holder of {@code i} copies lies at or after {@code pos}. */
    void updateInsertingAt(int i, long pos) {
        INSERTING_AT.setVolatile(slots[i], 0L, pos);
        wakeWaiters(i);
    }

    /** WALInsertLockRelease (LWLockReleaseClearVar): clears insertingAt, releases, wakes waiters. */
    void release(int i) {
        INSERTING_AT.setVolatile(slots[i], 0L, 0L);
        locks[i].release(LWLock.Mode.EXCLUSIVE);
        wakeWaiters(i);
    }

    /**
     * WALInsertLockAcquireExclusive: all locks, so that no insertion is in progress or can start
     * (for changing RedoRecPtr or fullPageWrites). All but the last say "past everything", so that
     * a waiter for insertions does not wait for this process, which inserts nothing meanwhile.
     */
    void acquireAll() {
        for (int i = 0; i < NUM_XLOGINSERT_LOCKS; i++) {
            acquire(i);
            if (i < NUM_XLOGINSERT_LOCKS - 1) updateInsertingAt(i, PAST_EVERYTHING);
        }
    }

    void releaseAll() {
        for (int i = 0; i < NUM_XLOGINSERT_LOCKS; i++) release(i);
    }

    private void wakeWaiters(int i) {
        PROGRESS.getAndAdd(slots[i], 0L, 1);
        if ((int) WAITERS.getVolatile(slots[i], 0L) > 0) Libc.futexWake(progressWords[i], Integer.MAX_VALUE);
    }

    /**
     * The waiting half of WaitXLogInsertionsToFinish: sleeps until no insertion holding a lock can
     * still be copying bytes before {@code upto}.
     *
     * @param upto     the caller needs every reserved byte before this copied
     * @param reserved end of the space reserved so far; {@code upto} must not exceed it
     * @return a position ≥ {@code upto} (or = {@code reserved}) before which every insertion has
     *         finished: the least insertingAt of a lock still held, else {@code reserved}
     */
    long waitForInsertions(long upto, long reserved) {
        long finishedUpto = reserved;
        for (int i = 0; i < NUM_XLOGINSERT_LOCKS; i++) {
            long at = waitForProgress(i, upto);
            if (at != 0 && Long.compareUnsigned(at, finishedUpto) < 0) finishedUpto = at;
        }
        return finishedUpto;
    }

    /** Sleeps until lock {@code i} is free (returns 0) or its insertingAt reaches {@code upto} (returns it). */
    private long waitForProgress(int i, long upto) {
        MemorySegment slot = slots[i];
        while (true) {
            if (!locks[i].isLocked()) return 0;
            long at = (long) INSERTING_AT.getVolatile(slot, 0L);
            if (at != 0 && Long.compareUnsigned(at, upto) >= 0) return at;
            WAITERS.getAndAdd(slot, 0L, 1);
            try {
                int seen = (int) PROGRESS.getVolatile(slot, 0L);
                // Re-check after announcing ourselves: a change from now on bumps progress past seen.
                if (!locks[i].isLocked()) return 0;
                at = (long) INSERTING_AT.getVolatile(slot, 0L);
                if (at != 0 && Long.compareUnsigned(at, upto) >= 0) return at;
                Libc.futexWait(progressWords[i], seen, -1);
            } finally {
                WAITERS.getAndAdd(slot, 0L, -1);
            }
        }
    }
}
