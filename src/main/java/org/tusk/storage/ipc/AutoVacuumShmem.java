package org.tusk.storage.ipc;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * AutoVacuumShmem (PostgreSQL's autovacuum.c): what the autovacuum launcher and its workers share.
 *
 * <pre>
 *   AutovacuumLock      LWLock
 *   launcherSlot        the launcher's child slot, 0 when none runs (av_launcherpid)
 *   startingDb          the database of the worker the launcher has asked the postmaster for,
 *                       0 when none is starting (av_startingWorker)
 *   startingSince       when it asked (ms since the epoch)
 *   worker[numSlots+1]  per child slot: dboid, the table it is processing (wi_dboid, wi_tableoid),
 *                       and when it started (wi_launchtime)
 * </pre>
 * PostgreSQL keeps a free list of WorkerInfo structs; here a worker's entry is the one of its
 * child slot, which the postmaster gave it from the autovacuum workers' range, so no list is needed.
 *
 * <p>Every field is read and written under {@code AutovacuumLock} ({@code launcherSlot}, written
 * once by the launcher at start and at exit, is also read without it, to wake the launcher). The
 * postmaster never reads this structure: the launcher asks it for a worker through {@link PMSignal}.
 */
public final class AutoVacuumShmem {
    private static final long H_LOCK = 0, H_LAUNCHER = 8, H_STARTING_DB = 12, H_STARTING_SINCE = 16, HEADER = 64;
    private static final long W_DB = 0, W_TABLE = 4, W_LAUNCHED = 8, ENTRY = 16;

    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final VarHandle LONG = JAVA_LONG.varHandle();

    public static StructLayout layout(int numSlots) {
        return MemoryLayout.structLayout(MemoryLayout.paddingLayout(HEADER),
                MemoryLayout.paddingLayout(ENTRY * (numSlots + 1L)));
    }

    private final MemorySegment seg;
    private final int numSlots;
    private final LWLock lock;

    public AutoVacuumShmem(MemorySegment seg, int numSlots) {
        this.seg = seg;
        this.numSlots = numSlots;
        this.lock = new LWLock("AutovacuumLock", seg.asSlice(H_LOCK, LWLock.LAYOUT.byteSize()));
    }

    private static long entry(int slot) {
        return HEADER + ENTRY * slot;
    }

    /** Launcher: announces itself (its slot) or, with 0, that it is gone. */
    public void setLauncherSlot(int slot) {
        INT.setVolatile(seg, H_LAUNCHER, slot);
    }

    /** The launcher's child slot, 0 if none runs. */
    public int launcherSlot() {
        return (int) INT.getVolatile(seg, H_LAUNCHER);
    }

    /** What the launcher sees of the workers: running ones, and whether one is still starting. */
    public record WorkerCount(int running, int startingDb, long startingSince) {}

    /** Launcher: the workers running and the one starting (AutoVacuumShmem's av_runningWorkers, av_startingWorker). */
    public WorkerCount workers() {
        lock.acquire(LWLock.Mode.SHARED);
        try {
            int running = 0;
            for (int s = 1; s <= numSlots; s++) if ((int) INT.get(seg, entry(s) + W_DB) != 0) running++;
            return new WorkerCount(running, (int) INT.get(seg, H_STARTING_DB), (long) LONG.get(seg, H_STARTING_SINCE));
        } finally {
            lock.release(LWLock.Mode.SHARED);
        }
    }

    /**
     * Launcher, do_start_worker: records that a worker for {@code dboid} is wanted (the caller then
     * signals the postmaster). A request that no worker took (the postmaster could not start one)
     * is replaced.
     */
    public void requestWorker(int dboid, long nowMillis) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            INT.set(seg, H_STARTING_DB, dboid);
            LONG.set(seg, H_STARTING_SINCE, nowMillis);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** Launcher: gives up a request no worker took in time ("autovacuum worker took too long to start; canceled"). */
    public void cancelRequest(long since) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if ((long) LONG.get(seg, H_STARTING_SINCE) == since) INT.set(seg, H_STARTING_DB, 0);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * Worker, at start (AutoVacWorkerMain): takes the pending request into its slot's entry and
     * returns the database to process, or 0 if there was none (the worker then just exits).
     */
    public int takeRequest(int slot, long nowMillis) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int db = (int) INT.get(seg, H_STARTING_DB);
            INT.set(seg, H_STARTING_DB, 0);
            INT.set(seg, entry(slot) + W_DB, db);
            INT.set(seg, entry(slot) + W_TABLE, 0);
            LONG.set(seg, entry(slot) + W_LAUNCHED, nowMillis);
            return db;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * Worker, before it processes a table (do_autovacuum's check of the other workers' wi_tableoid):
     * claims {@code tableOid} (0: none) unless another worker of the same database is processing it.
     */
    public boolean claimTable(int slot, int tableOid) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int db = (int) INT.get(seg, entry(slot) + W_DB);
            if (tableOid != 0) {
                for (int s = 1; s <= numSlots; s++) {
                    if (s != slot && (int) INT.get(seg, entry(s) + W_DB) == db
                            && (int) INT.get(seg, entry(s) + W_TABLE) == tableOid) {
                        return false;
                    }
                }
            }
            INT.set(seg, entry(slot) + W_TABLE, tableOid);
            return true;
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** Worker, at exit: its entry is free again. */
    public void workerExited(int slot) {
        lock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            INT.set(seg, entry(slot) + W_DB, 0);
            INT.set(seg, entry(slot) + W_TABLE, 0);
        } finally {
            lock.release(LWLock.Mode.EXCLUSIVE);
        }
    }
}
