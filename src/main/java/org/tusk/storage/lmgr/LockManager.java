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
    private final FastPathLocks fastPath;
    /** FastPathLocalUseCount: this process's fast-path entries in use, as last counted under its infoLock. */
    private int fastPathLocalUseCount;

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
        this.fastPath = mem.fastPath();
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
        if (eligibleForFastPath(tag, mode) && fastPathLocalUseCount < FastPathLocks.SLOTS && fastPathGrant(ll)) {
            ll.grantLocal(sessionLock);
            return LockAcquireResult.OK;
        }
        if (tag.type() == LockTagType.RELATION && FastPathLocks.strongMode(mode)) {
            // BeginStrongLockAcquire, then FastPathTransferRelationLocks: from here on no one takes a
            // weak lock on this relation on the fast path, and those already taken are in the table
            if (!ll.holdsStrongLockCount) {
                fastPath.raiseStrongCount(FastPathLocks.strongPartition(ll.hash));
                ll.holdsStrongLockCount = true;
            }
            if (!transferFastPathLocks(tag, ll.hash)) {
                removeLocalLock(key, ll);
                throw LockErrors.outOfSharedMemory();
            }
        }
        LWLock partition = table.partitionLock(ll.hash);
        int status;
        List<DeadlockInfo> earlyDeadlock = new ArrayList<>(2);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int procLock = table.setupLockInTable(tag, ll.hash, slot, mode);
            if (procLock == 0) {
                removeLocalLock(key, ll);
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
                removeLocalLock(key, ll);
                return LockAcquireResult.NOT_AVAIL;
            }
            status = table.joinWaitQueue(lock, procLock, mode, slot, ll.hash, earlyDeadlock);
            if (status == LockTable.STATUS_OK) {
                ll.grantLocal(sessionLock);
                return LockAcquireResult.OK;
            }
            if (status == LockTable.STATUS_ERROR) removeLocalLock(key, ll);
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
            if (ll.total() == 0) removeLocalLock(key, ll);
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
        if (ll.total() == 0) removeLocalLock(key, ll);
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
        removeLocalLock(key, ll);
        return true;
    }

    /** RemoveLocalLock: forgets the entry, lowering the strong-lock count it raised. */
    private void removeLocalLock(LocalLock.Key key, LocalLock ll) {
        localLocks.remove(key);
        lowerStrongCount(ll);
    }

    private void lowerStrongCount(LocalLock ll) {
        if (ll.holdsStrongLockCount) {
            fastPath.lowerStrongCount(FastPathLocks.strongPartition(ll.hash));
            ll.holdsStrongLockCount = false;
        }
    }

    /**
     * EligibleForRelationFastPath: a weak lock on a relation of this process's own database (the
     * slots record relation OIDs only).
     */
    private boolean eligibleForFastPath(LockTag tag, LockMode mode) {
        return tag.type() == LockTagType.RELATION && FastPathLocks.weakMode(mode)
                && tag.field1() != 0 && tag.field1() == proc.databaseId();
    }

    /** FastPathGrantRelationLock under this process's infoLock, if no strong lock stands in the way. */
    private boolean fastPathGrant(LocalLock ll) {
        LWLock own = fastPath.infoLock(slot);
        own.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (fastPath.strongCount(FastPathLocks.strongPartition(ll.hash)) != 0) return false;
            if (!fastPath.grant(slot, ll.tag.field1(), ll.tag.field2(), ll.mode)) return false;
            fastPathLocalUseCount = fastPath.entriesInUse(slot);
        } finally {
            own.release(LWLock.Mode.EXCLUSIVE);
        }
        ll.fastPath = true;
        return true;
    }

    /**
     * FastPathTransferRelationLocks: moves every process's fast-path locks on {@code tag}'s
     * relation into the shared table as that process's granted locks (this process's own
     * included). False when the table has no room left, with what was moved so far left moved.
     */
    private boolean transferFastPathLocks(LockTag tag, int hash) {
        int relid = tag.field2();
        for (int s = 1; s < fastPath.numSlots(); s++) {
            LWLock info = fastPath.infoLock(s);
            info.acquire(LWLock.Mode.EXCLUSIVE);
            try {
                int f = fastPath.entryOf(s, tag.field1(), relid);
                if (f < 0) continue;
                int bits = fastPath.modeBits(s, f);
                LWLock partition = table.partitionLock(hash);
                partition.acquire(LWLock.Mode.EXCLUSIVE);
                try {
                    for (int m = 1; m <= 3; m++) {
                        if ((bits & (1 << (m - 1))) == 0) continue;
                        LockMode mode = LockMode.of(m);
                        int procLock = table.setupLockInTable(tag, hash, s, mode);
                        if (procLock == 0) return false;
                        table.grantLock(table.lockOf(procLock), procLock, mode);
                        fastPath.unGrantEntry(s, f, mode);
                    }
                } finally {
                    partition.release(LWLock.Mode.EXCLUSIVE);
                }
            } finally {
                info.release(LWLock.Mode.EXCLUSIVE);
            }
        }
        return true;
    }

    private void releaseShared(LocalLock ll) {
        if (ll.fastPath) {
            LWLock own = fastPath.infoLock(slot);
            own.acquire(LWLock.Mode.EXCLUSIVE);
            boolean released;
            try {
                released = fastPath.unGrant(slot, ll.tag.field2(), ll.mode);
                fastPathLocalUseCount = fastPath.entriesInUse(slot);
            } finally {
                own.release(LWLock.Mode.EXCLUSIVE);
            }
            if (!released) refindAndRelease(ll);   // a strong requester moved it into the table
            return;
        }
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
        releaseHolds(ll -> true, ll -> {
            ll.transactionCount = 0;
            if (allLocks) ll.sessionCount = 0;
        });
    }

    /**
     * LockReleaseSession: gives back every session-level hold of the locks of lock method
     * {@code lockMethodId} (pg_advisory_unlock_all: the user lock method's), keeping the
     * transaction-level holds of the same locks.
     */
    public void releaseSession(int lockMethodId) {
        releaseHolds(ll -> ll.tag.lockMethodId() == lockMethodId && ll.sessionCount > 0, ll -> ll.sessionCount = 0);
    }

    /**
     * The loop of LockReleaseAll and LockReleaseSession: for each local lock {@code selects},
     * {@code drop} lowers its hold counts; one no longer held either way is given back in the
     * shared table and forgotten. Every lock is tried even if one fails; the first failure is
     * thrown at the end.
     */
    private void releaseHolds(java.util.function.Predicate<LocalLock> selects, java.util.function.Consumer<LocalLock> drop) {
        RuntimeException first = null;
        for (var it = localLocks.values().iterator(); it.hasNext(); ) {
            LocalLock ll = it.next();
            if (!selects.test(ll)) continue;
            drop.accept(ll);
            if (ll.total() > 0) continue;
            try {
                releaseShared(ll);
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
            it.remove();
            lowerStrongCount(ll);
        }
        if (first != null) throw first;
    }

    /**
     * LockRefindAndRelease: releases a lock this process took on the fast path and another
     * process has since moved into the table, found there by its tag.
     */
    private void refindAndRelease(LocalLock ll) {
        LWLock partition = table.partitionLock(ll.hash);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int lock = table.lookupLock(ll.tag, ll.hash);
            int procLock = lock == 0 ? 0 : table.findProcLock(lock, slot);
            if (procLock == 0) throw new IllegalStateException("failed to re-find shared lock object");
            boolean wakeupNeeded = table.unGrantLock(lock, procLock, ll.mode);
            table.cleanUpLock(lock, procLock, ll.hash, wakeupNeeded);
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
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
