package org.tusk.storage.lmgr;

import org.tusk.storage.ipc.Latch;
import org.tusk.storage.ipc.ProcExit;
import org.tusk.utils.error.PgException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One process's side of the heavyweight lock manager (PostgreSQL's lock.c LockAcquire,
 * LockRelease, LockReleaseAll, WaitOnLock and proc.c ProcSleep, LockErrorCleanup): the LOCALLOCK
 * table, which counts re-entrant acquisitions so that the shared table is touched once per
 * (tag, mode), and the wait for a lock.
 *
 * <p>A lock is held for the transaction (released by {@link #releaseAll}{@code (false)} at
 * transaction end) or for the session (advisory locks taken at session level, released by
 * {@link #release} or {@code releaseAll(true)}). The same lock may be held both ways at once.
 *
 * <p>Waiting sleeps on the process latch with no partition lock held. After deadlock_timeout the
 * waiter runs the deadlock check once; lock_timeout ends the wait with 55P03; the context's
 * interrupt check ends it with whatever cancel or terminate error is pending. Whatever ends a
 * wait, the process is out of the wait queue before the error leaves {@link #acquire}, and a lock
 * granted in the same instant is remembered locally (so the next releaseAll gives it back).
 *
 * <p>Fast-path locks are not implemented: every lock goes through the shared table.
 *
 * <p>Not thread-safe: one instance per process (per thread in tests standing in for processes).
 */
public final class LockManager {
    /** PG_WAIT_LOCK: the wait-event class reported in PGPROC while waiting, OR'ed with the tag type. */
    public static final int PG_WAIT_LOCK = 0x03000000;

    private final LockTable table;
    private final LockShmem mem;
    private final Proc proc;
    private final int slot;
    private final LockWaitContext ctx;
    private final DeadLockChecker deadLockChecker;
    private final Map<LocalLock.Key, LocalLock> localLocks = new HashMap<>();

    /**
     * InitProcess's part for locks: binds process {@code proc} (whose PGPROC the caller owns) to the
     * shared table, starting from a clean wait state.
     */
    public LockManager(LockTable table, Proc proc, LockWaitContext ctx) {
        this.table = table;
        this.mem = table.mem();
        this.proc = proc;
        this.slot = proc.slot();
        this.ctx = ctx;
        this.deadLockChecker = new DeadLockChecker(table);
        mem.clearProcWait(slot);
    }

    /**
     * Registers the release of every lock, session locks included, with this process's exit
     * callbacks (ProcKill's LockReleaseAll). Register after the PGPROC's own release, so that
     * (callbacks running in reverse) locks are gone before the PGPROC is given back.
     */
    public void registerExit(ProcExit exit) {
        exit.onShmemExit(() -> releaseAll(true));
    }

    /** The shared table, for {@link VirtualTransactions}' look-ups of other processes' holdings. */
    LockTable table() {
        return table;
    }

    /** The owning process's slot (its PGPROC number and backend id). */
    public int slot() {
        return slot;
    }

    /** Records the local transaction id pg_locks shows in {@code virtualtransaction} (slot/lxid). */
    public void setLocalTransactionId(int lxid) {
        mem.setLxid(slot, lxid);
    }

    /** LockAcquire for the transaction; see {@link #acquire(LockTag, LockMode, boolean, boolean)}. */
    public LockAcquireResult acquire(LockTag tag, LockMode mode, boolean dontWait) {
        return acquire(tag, mode, false, dontWait);
    }

    /**
     * LockAcquire: takes {@code mode} on {@code tag}, for the session or for the transaction. A
     * lock already held in that mode is only counted again. Otherwise the request is granted if it
     * conflicts neither with modes granted to others nor with modes others wait for (a request
     * never jumps an earlier conflicting waiter, except as {@link LockTable#joinWaitQueue} allows);
     * if it does conflict, {@code dontWait} returns {@link LockAcquireResult#NOT_AVAIL} at once and
     * otherwise the process waits.
     *
     * @throws PgException 53200 when the shared table is full, 40P01 on deadlock, 55P03 on
     *                     lock_timeout, or whatever the context's interrupt check throws
     */
    public LockAcquireResult acquire(LockTag tag, LockMode mode, boolean sessionLock, boolean dontWait) {
        LocalLock.Key key = new LocalLock.Key(tag, mode);
        LocalLock ll = localLocks.get(key);
        if (ll != null && ll.total() > 0) {
            ll.grantLocal(sessionLock);
            return LockAcquireResult.ALREADY_HELD;
        }
        if (ll == null) {
            ll = new LocalLock(tag, mode);
            localLocks.put(key, ll);
        }
        LWLock partition = table.partitionLock(ll.hash);
        int status;
        List<DeadlockInfo> earlyDeadlock = new ArrayList<>(2);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int procLock = table.setupLockInTable(tag, ll.hash, slot, mode);
            if (procLock == 0) {
                localLocks.remove(key);
                throw LockErrors.outOfSharedMemory();
            }
            int lock = table.lockOf(procLock);
            ll.lock = lock;
            ll.procLock = procLock;
            boolean conflict = (mode.conflictMask() & table.waitMask(lock)) != 0
                    || table.lockCheckConflicts(mode, lock, procLock);
            if (!conflict) {
                table.grantLock(lock, procLock, mode);
                ll.grantLocal(sessionLock);
                return LockAcquireResult.OK;
            }
            if (dontWait) {
                table.abandonRequest(lock, procLock, mode, ll.hash);
                localLocks.remove(key);
                return LockAcquireResult.NOT_AVAIL;
            }
            status = table.joinWaitQueue(lock, procLock, mode, slot, ll.hash, earlyDeadlock);
            if (status == LockTable.STATUS_OK) {
                ll.grantLocal(sessionLock);
                return LockAcquireResult.OK;
            }
            if (status == LockTable.STATUS_ERROR) localLocks.remove(key);
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
        if (status == LockTable.STATUS_ERROR) throw LockErrors.deadlockDetected(earlyDeadlock);
        waitOnLock(key, ll, sessionLock);
        return LockAcquireResult.OK;
    }

    /**
     * The sleeping half of ProcSleep. On return the lock is granted and counted; otherwise an
     * error is thrown with this process out of the wait queue.
     */
    private void waitOnLock(LocalLock.Key key, LocalLock ll, boolean sessionLock) {
        Latch latch = proc.latch();
        long start = System.nanoTime();
        long deadlockAt = start + Math.max(1, ctx.deadlockTimeoutMs()) * 1_000_000L;
        int lockTimeout = ctx.lockTimeoutMs();
        long timeoutAt = lockTimeout > 0 ? start + lockTimeout * 1_000_000L : Long.MAX_VALUE;
        boolean deadlockChecked = false;
        List<DeadlockInfo> deadlock = null;
        int oldWaitEvent = proc.waitEventInfo();
        proc.setWaitEventInfo(PG_WAIT_LOCK | ll.tag.type().code());
        mem.setWaitStart(slot, currentTimeMicros());
        try {
            while (true) {
                latch.reset();
                if (table.waitStatus(slot) != LockTable.STATUS_WAITING) break;
                long now = System.nanoTime();
                if (!deadlockChecked && now - deadlockAt >= 0) {
                    deadlockChecked = true;
                    deadlock = deadLockChecker.checkDeadLock(slot);
                    continue;
                }
                if (timeoutAt != Long.MAX_VALUE && now - timeoutAt >= 0) throw LockErrors.lockTimeout();
                ctx.checkForInterrupts();
                long wakeAt = deadlockChecked ? timeoutAt : Math.min(deadlockAt, timeoutAt);
                latch.await(wakeAt == Long.MAX_VALUE ? -1 : Math.max(1, wakeAt - now));
            }
        } catch (RuntimeException | Error e) {
            lockErrorCleanup(key, ll, sessionLock);
            throw e;
        } finally {
            mem.setWaitStart(slot, 0);
            proc.setWaitEventInfo(oldWaitEvent);
        }
        // Synchronise with whoever changed our status (as ProcSleep re-takes the partition lock).
        LWLock partition = table.partitionLock(ll.hash);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        int status;
        try {
            status = table.waitStatus(slot);
            if (status == LockTable.STATUS_OK) ll.grantLocal(sessionLock);
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
        if (status != LockTable.STATUS_OK) {
            if (ll.total() == 0) localLocks.remove(key);
            if (deadlock == null) throw new IllegalStateException("lock wait ended in error without a deadlock report");
            throw LockErrors.deadlockDetected(deadlock);
        }
    }

    /**
     * LockErrorCleanup: the wait is being abandoned. Leave the queue if still in it; if the lock
     * was granted meanwhile, keep it (counted locally, released with the transaction).
     */
    private void lockErrorCleanup(LocalLock.Key key, LocalLock ll, boolean sessionLock) {
        LWLock partition = table.partitionLock(ll.hash);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (table.isWaiting(slot)) {
                table.removeFromWaitQueue(slot, ll.hash);
            } else if (table.waitStatus(slot) == LockTable.STATUS_OK) {
                ll.grantLocal(sessionLock);
            }
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
        if (ll.total() == 0) localLocks.remove(key);
    }

    /** LockRelease for a transaction lock. */
    public boolean release(LockTag tag, LockMode mode) {
        return release(tag, mode, false);
    }

    /**
     * LockRelease: gives back one acquisition of {@code mode} on {@code tag}; the shared lock goes
     * (waking whoever can now proceed) when this process no longer holds it either way. Returns
     * false, changing nothing, if the lock was not held that way (PostgreSQL warns "you don't own a
     * lock of type ..."; the caller decides whether to).
     */
    public boolean release(LockTag tag, LockMode mode, boolean sessionLock) {
        LocalLock.Key key = new LocalLock.Key(tag, mode);
        LocalLock ll = localLocks.get(key);
        if (ll == null || (sessionLock ? ll.sessionCount : ll.transactionCount) == 0) return false;
        if (sessionLock) ll.sessionCount--; else ll.transactionCount--;
        if (ll.total() > 0) return true;
        releaseShared(ll);
        localLocks.remove(key);
        return true;
    }

    private void releaseShared(LocalLock ll) {
        LWLock partition = table.partitionLock(ll.hash);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            boolean wakeupNeeded = table.unGrantLock(ll.lock, ll.procLock, ll.mode);
            table.cleanUpLock(ll.lock, ll.procLock, ll.hash, wakeupNeeded);
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * LockReleaseAll: at transaction end gives back every transaction lock ({@code allLocks}
     * false), keeping session locks; at process exit ({@code allLocks} true) gives back everything.
     */
    public void releaseAll(boolean allLocks) {
        RuntimeException first = null;
        for (var it = localLocks.values().iterator(); it.hasNext(); ) {
            LocalLock ll = it.next();
            ll.transactionCount = 0;
            if (allLocks) ll.sessionCount = 0;
            if (ll.total() > 0) continue;
            try {
                releaseShared(ll);
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
            it.remove();
        }
        if (first != null) throw first;
    }

    /** LockHeldByMe: whether this process holds {@code mode} on {@code tag} (either way). */
    public boolean holds(LockTag tag, LockMode mode) {
        LocalLock ll = localLocks.get(new LocalLock.Key(tag, mode));
        return ll != null && ll.total() > 0;
    }

    /** How many times this process holds {@code mode} on {@code tag}, transaction and session together. */
    public int holdCount(LockTag tag, LockMode mode) {
        LocalLock ll = localLocks.get(new LocalLock.Key(tag, mode));
        return ll == null ? 0 : ll.total();
    }

    /** Number of distinct (tag, mode) pairs this process holds. */
    public int numLocalLocks() {
        return localLocks.size();
    }

    /**
     * pg_usleep between retries of a lock-table loop (XactLockTableWait): a short sleep that
     * still honours cancel and terminate.
     */
    void pause(int millis) {
        ctx.checkForInterrupts();
        java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000L);
        ctx.checkForInterrupts();
    }

    private static long currentTimeMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
