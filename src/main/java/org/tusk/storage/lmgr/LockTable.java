package org.tusk.storage.lmgr;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.List;

/**
 * The shared lock table and the operations on it that lock.c and proc.c perform under a
 * partition lock: finding or creating LOCK and PROCLOCK entries (SetupLockInTable), granting
 * (GrantLock, UnGrantLock), conflict checks (LockCheckConflicts), cleaning up (CleanUpLock),
 * joining a wait queue (the first half of ProcSleep), waking waiters (ProcLockWakeup,
 * ProcWakeup) and leaving a queue (RemoveFromWaitQueue).
 *
 * <p>Locking: every method except {@link #partitionLock} and {@link #numPartitions} requires the
 * caller to hold, exclusively, the partition lock of the LOCK it names (the partition of its tag's
 * hash code). Allocation also takes the free-list lock, briefly, inside the partition lock.
 * A process's wait-state fields are changed only under the partition lock of the LOCK it waits
 * for; its {@code waitStatus} is also read by the waiter itself without a lock.
 */
public final class LockTable {
    /** PROC_WAIT_STATUS_OK / _WAITING / _ERROR (proc.h). */
    static final int STATUS_OK = 0, STATUS_WAITING = 1, STATUS_ERROR = 2;

    private final LockShmem mem;
    private final ProcGlobal procGlobal;

    /** Binds to the table in {@code seg}, laid out by {@link #layout}. */
    public LockTable(MemorySegment seg, int numSlots, int maxLocksPerXact, ProcGlobal procGlobal) {
        this.mem = new LockShmem(seg, numSlots, maxLocksPerXact);
        this.procGlobal = procGlobal;
    }

    /** The table's shared-memory layout, sized NLOCKENTS = max_locks_per_transaction × numSlots. */
    public static StructLayout layout(int numSlots, int maxLocksPerXact) {
        return LockShmem.layout(numSlots, maxLocksPerXact);
    }

    LockShmem mem() { return mem; }
    ProcGlobal procGlobal() { return procGlobal; }

    public static int numPartitions() { return LockShmem.NUM_LOCK_PARTITIONS; }

    /** LockHashPartitionLock: the partition lock for a tag's hash code. */
    LWLock partitionLock(int hash) {
        return mem.partitionLock(hash & (LockShmem.NUM_LOCK_PARTITIONS - 1));
    }

    private int bucketOf(int hash) {
        return (hash >>> 4) & (mem.nBuckets() - 1);
    }

    private int partitionOf(int hash) {
        return hash & (LockShmem.NUM_LOCK_PARTITIONS - 1);
    }

    /** The LOCK for {@code tag}, or 0. */
    int lookupLock(LockTag tag, int hash) {
        for (int l = mem.bucket(partitionOf(hash), bucketOf(hash)); l != 0; l = mem.lockHashNext(l)) {
            if (mem.lockHash(l) == hash && mem.lockTagEquals(l, tag)) return l;
        }
        return 0;
    }

    /** The PROCLOCK of process {@code slot} on {@code lock}, or 0. */
    int findProcLock(int lock, int slot) {
        for (int pl = mem.procLocksHead(lock); pl != 0; pl = mem.procLockNext(pl)) {
            if (mem.procLockProc(pl) == slot) return pl;
        }
        return 0;
    }

    /**
     * SetupLockInTable: finds or creates the LOCK and this process's PROCLOCK, and counts the
     * request. Returns the PROCLOCK, or 0 when shared lock memory is exhausted (nothing changed).
     */
    int setupLockInTable(LockTag tag, int hash, int slot, LockMode mode) {
        int lock = lookupLock(tag, hash);
        boolean created = false;
        if (lock == 0) {
            lock = allocLock();
            if (lock == 0) return 0;
            mem.clearLock(lock);
            mem.setLockTag(lock, tag, hash);
            int p = partitionOf(hash), b = bucketOf(hash);
            mem.setLockHashNext(lock, mem.bucket(p, b));
            mem.setBucket(p, b, lock);
            created = true;
        }
        int pl = findProcLock(lock, slot);
        if (pl == 0) {
            pl = allocProcLock();
            if (pl == 0) {
                if (created) removeLock(lock);
                return 0;
            }
            mem.clearProcLock(pl);
            mem.setProcLockLock(pl, lock);
            mem.setProcLockProc(pl, slot);
            int head = mem.procLocksHead(lock);
            mem.setProcLockNext(pl, head);
            if (head != 0) mem.setProcLockPrev(head, pl);
            mem.setProcLocksHead(lock, pl);
        }
        if ((mem.holdMask(pl) & mode.bit()) != 0) {
            throw new IllegalStateException("lock " + mode.pgName() + " on " + tag.describe() + " is already held");
        }
        mem.setNRequested(lock, mem.nRequested(lock) + 1);
        mem.setRequested(lock, mode.number(), mem.requested(lock, mode.number()) + 1);
        return pl;
    }

    /** The LOCK a PROCLOCK belongs to. */
    int lockOf(int procLock) {
        return mem.procLockLock(procLock);
    }

    int waitMask(int lock) {
        return mem.waitMask(lock);
    }

    /**
     * LockCheckConflicts: whether {@code mode} conflicts with locks granted to other processes
     * (the caller's own holdings on the LOCK never conflict with its request).
     */
    boolean lockCheckConflicts(LockMode mode, int lock, int procLock) {
        int conflictMask = mode.conflictMask();
        if ((conflictMask & mem.grantMask(lock)) == 0) return false;
        int myLocks = mem.holdMask(procLock);
        int remaining = 0;
        for (int m = 1; m <= LockMode.NUM_LOCK_MODES; m++) {
            if ((conflictMask & (1 << m)) == 0) continue;
            int n = mem.granted(lock, m);
            if ((myLocks & (1 << m)) != 0) n--;
            remaining += n;
        }
        return remaining > 0;
    }

    /** GrantLock: counts the grant and sets the mode in the holder's PROCLOCK. */
    void grantLock(int lock, int procLock, LockMode mode) {
        int m = mode.number();
        mem.setNGranted(lock, mem.nGranted(lock) + 1);
        mem.setGranted(lock, m, mem.granted(lock, m) + 1);
        mem.setGrantMask(lock, mem.grantMask(lock) | mode.bit());
        if (mem.granted(lock, m) == mem.requested(lock, m)) mem.setWaitMask(lock, mem.waitMask(lock) & ~mode.bit());
        mem.setHoldMask(procLock, mem.holdMask(procLock) | mode.bit());
    }

    /**
     * UnGrantLock: undoes a grant (and its request). Returns whether waiters may now be wakeable:
     * the released mode conflicts with a mode someone waits for.
     */
    boolean unGrantLock(int lock, int procLock, LockMode mode) {
        int m = mode.number();
        if ((mem.holdMask(procLock) & mode.bit()) == 0) {
            throw new IllegalStateException("lock " + mode.pgName() + " on " + mem.lockTag(lock).describe() + " is not held");
        }
        mem.setNRequested(lock, mem.nRequested(lock) - 1);
        mem.setRequested(lock, m, mem.requested(lock, m) - 1);
        mem.setNGranted(lock, mem.nGranted(lock) - 1);
        mem.setGranted(lock, m, mem.granted(lock, m) - 1);
        if (mem.granted(lock, m) == 0) mem.setGrantMask(lock, mem.grantMask(lock) & ~mode.bit());
        mem.setHoldMask(procLock, mem.holdMask(procLock) & ~mode.bit());
        return (mode.conflictMask() & mem.waitMask(lock)) != 0;
    }

    /** Takes back a request that was counted but neither granted nor queued (a NOWAIT failure). */
    void abandonRequest(int lock, int procLock, LockMode mode, int hash) {
        mem.setNRequested(lock, mem.nRequested(lock) - 1);
        mem.setRequested(lock, mode.number(), mem.requested(lock, mode.number()) - 1);
        cleanUpLock(lock, procLock, hash, false);
    }

    /**
     * CleanUpLock: frees the PROCLOCK if it holds nothing, the LOCK if nobody requests it any more,
     * and otherwise wakes whoever can now be granted if {@code wakeupNeeded}.
     */
    void cleanUpLock(int lock, int procLock, int hash, boolean wakeupNeeded) {
        if (mem.holdMask(procLock) == 0) {
            int prev = mem.procLockPrev(procLock), next = mem.procLockNext(procLock);
            if (prev != 0) mem.setProcLockNext(prev, next); else mem.setProcLocksHead(lock, next);
            if (next != 0) mem.setProcLockPrev(next, prev);
            freeProcLock(procLock);
        }
        if (mem.nRequested(lock) == 0) {
            if (mem.procLocksHead(lock) != 0 || mem.waitSize(lock) != 0) {
                throw new IllegalStateException("lock table corrupted: unrequested LOCK still has holders or waiters");
            }
            removeLock(lock);
        } else if (wakeupNeeded) {
            procLockWakeup(lock);
        }
    }

    private void removeLock(int lock) {
        int hash = mem.lockHash(lock);
        int p = partitionOf(hash), b = bucketOf(hash);
        int prev = 0;
        for (int l = mem.bucket(p, b); l != 0; prev = l, l = mem.lockHashNext(l)) {
            if (l == lock) {
                if (prev == 0) mem.setBucket(p, b, mem.lockHashNext(l)); else mem.setLockHashNext(prev, mem.lockHashNext(l));
                freeLock(lock);
                return;
            }
        }
        throw new IllegalStateException("lock table corrupted: LOCK " + lock + " not in its hash chain");
    }

    /**
     * The first half of ProcSleep: puts process {@code slot} into the LOCK's wait queue for
     * {@code mode}. A process that already holds modes on the LOCK goes ahead of the first waiter
     * whose request conflicts with what it holds (that waiter must wait for it anyway); if its own
     * request then conflicts with nothing granted or ahead of it, it is granted at once, and if that
     * waiter also holds what it needs, the deadlock is certain and reported without waiting.
     *
     * @return STATUS_OK (granted without waiting), STATUS_WAITING (queued: release the partition
     *         lock and sleep) or STATUS_ERROR (early deadlock, described in {@code deadlock})
     */
    int joinWaitQueue(int lock, int procLock, LockMode mode, int slot, int hash, List<DeadlockInfo> deadlock) {
        int myHeld = mem.holdMask(procLock);
        int before = 0;
        boolean earlyDeadlock = false;
        if (myHeld != 0) {
            int ahead = 0;
            for (int p = mem.waitHead(lock); p != 0; p = mem.linkNext(p)) {
                int pMode = mem.waitLockMode(p);
                if ((LockMode.conflictMask(pMode) & myHeld) != 0) {
                    if ((mode.conflictMask() & mem.heldLocks(p)) != 0) {
                        // RememberSimpleDeadLock
                        LockTag tag = mem.lockTag(lock);
                        deadlock.clear();
                        deadlock.add(new DeadlockInfo(tag, mode, procGlobal.proc(slot).pid()));
                        deadlock.add(new DeadlockInfo(tag, LockMode.of(pMode), procGlobal.proc(p).pid()));
                        earlyDeadlock = true;
                        before = p;
                        break;
                    }
                    if ((mode.conflictMask() & ahead) == 0 && !lockCheckConflicts(mode, lock, procLock)) {
                        grantLock(lock, procLock, mode);
                        return STATUS_OK;
                    }
                    before = p;
                    break;
                }
                ahead |= 1 << pMode;
            }
        }
        insertWaiter(lock, before, slot);
        mem.setWaitMask(lock, mem.waitMask(lock) | mode.bit());
        mem.setWaitLock(slot, lock);
        mem.setWaitProcLock(slot, procLock);
        mem.setWaitLockMode(slot, mode.number());
        mem.setHeldLocks(slot, myHeld);
        mem.setWaitStatus(slot, STATUS_WAITING);
        if (earlyDeadlock) {
            removeFromWaitQueue(slot, hash);
            return STATUS_ERROR;
        }
        return STATUS_WAITING;
    }

    /** Links {@code slot} into the queue before process {@code before}, or at the tail if 0. */
    private void insertWaiter(int lock, int before, int slot) {
        int prev = before == 0 ? mem.waitTail(lock) : mem.linkPrev(before);
        mem.setLinkPrev(slot, prev);
        mem.setLinkNext(slot, before);
        if (prev != 0) mem.setLinkNext(prev, slot); else mem.setWaitHead(lock, slot);
        if (before != 0) mem.setLinkPrev(before, slot); else mem.setWaitTail(lock, slot);
        mem.setWaitSize(lock, mem.waitSize(lock) + 1);
    }

    private void unlinkWaiter(int lock, int slot) {
        int prev = mem.linkPrev(slot), next = mem.linkNext(slot);
        if (prev != 0) mem.setLinkNext(prev, next); else mem.setWaitHead(lock, next);
        if (next != 0) mem.setLinkPrev(next, prev); else mem.setWaitTail(lock, prev);
        mem.setLinkPrev(slot, 0);
        mem.setLinkNext(slot, 0);
        mem.setWaitSize(lock, mem.waitSize(lock) - 1);
    }

    /**
     * ProcLockWakeup: grants, in queue order, every waiter whose request conflicts neither with
     * the requests of waiters still ahead of it nor with granted locks, and wakes it.
     */
    void procLockWakeup(int lock) {
        int ahead = 0;
        int p = mem.waitHead(lock);
        while (p != 0) {
            int m = mem.waitLockMode(p);
            LockMode mode = LockMode.of(m);
            int pl = mem.waitProcLock(p);
            if ((mode.conflictMask() & ahead) == 0 && !lockCheckConflicts(mode, lock, pl)) {
                grantLock(lock, pl, mode);
                p = procWakeup(lock, p, STATUS_OK);
            } else {
                ahead |= mode.bit();
                p = mem.linkNext(p);
            }
        }
    }

    /** ProcWakeup: takes {@code slot} off the queue, gives it {@code status}, sets its latch; returns the next waiter. */
    private int procWakeup(int lock, int slot, int status) {
        int next = mem.linkNext(slot);
        unlinkWaiter(lock, slot);
        mem.setWaitLock(slot, 0);
        mem.setWaitProcLock(slot, 0);
        mem.setWaitStart(slot, 0);
        mem.setWaitStatus(slot, status);
        procGlobal.proc(slot).latch().set();
        return next;
    }

    /**
     * RemoveFromWaitQueue: takes a waiter out of its queue without granting it (deadlock, timeout,
     * cancel), withdraws its request, marks it STATUS_ERROR, and cleans up the LOCK, which may let
     * waiters behind it proceed. The caller holds the partition lock of the LOCK waited for.
     */
    void removeFromWaitQueue(int slot, int hash) {
        int lock = mem.waitLock(slot);
        int procLock = mem.waitProcLock(slot);
        int m = mem.waitLockMode(slot);
        unlinkWaiter(lock, slot);
        mem.setNRequested(lock, mem.nRequested(lock) - 1);
        mem.setRequested(lock, m, mem.requested(lock, m) - 1);
        if (mem.granted(lock, m) == mem.requested(lock, m)) mem.setWaitMask(lock, mem.waitMask(lock) & ~(1 << m));
        mem.setWaitLock(slot, 0);
        mem.setWaitProcLock(slot, 0);
        mem.setWaitStatus(slot, STATUS_ERROR);
        cleanUpLock(lock, procLock, hash, true);
    }

    /** Whether process {@code slot} is in a wait queue (PostgreSQL: {@code links.next != NULL}). */
    boolean isWaiting(int slot) {
        return mem.waitLock(slot) != 0;
    }

    int waitStatus(int slot) {
        return mem.waitStatus(slot);
    }

    // ---- allocation: the free lists, under freeListLock (taken inside a partition lock, never the reverse) ----

    private int allocLock() {
        LWLock fl = mem.freeListLock();
        fl.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int l = mem.lockFreeHead();
            if (l != 0) {
                mem.setLockFreeHead(mem.lockHashNext(l));
                return l;
            }
            int hw = mem.lockHighWater();
            if (hw == mem.nLocks()) return 0;
            mem.setLockHighWater(hw + 1);
            return hw + 1;
        } finally {
            fl.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private void freeLock(int lock) {
        LWLock fl = mem.freeListLock();
        fl.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            mem.setLockHashNext(lock, mem.lockFreeHead());
            mem.setLockFreeHead(lock);
        } finally {
            fl.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private int allocProcLock() {
        LWLock fl = mem.freeListLock();
        fl.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int pl = mem.procLockFreeHead();
            if (pl != 0) {
                mem.setProcLockFreeHead(mem.procLockNext(pl));
                return pl;
            }
            int hw = mem.procLockHighWater();
            if (hw == mem.nProcLocks()) return 0;
            mem.setProcLockHighWater(hw + 1);
            return hw + 1;
        } finally {
            fl.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private void freeProcLock(int pl) {
        LWLock fl = mem.freeListLock();
        fl.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            mem.setProcLockNext(pl, mem.procLockFreeHead());
            mem.setProcLockFreeHead(pl);
        } finally {
            fl.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** LOCK and PROCLOCK entries in use (for tests and monitoring); takes the free-list lock. */
    public int[] entriesInUse() {
        LWLock fl = mem.freeListLock();
        fl.acquire(LWLock.Mode.SHARED);
        try {
            int freeLocks = 0, freeProcLocks = 0;
            for (int l = mem.lockFreeHead(); l != 0; l = mem.lockHashNext(l)) freeLocks++;
            for (int p = mem.procLockFreeHead(); p != 0; p = mem.procLockNext(p)) freeProcLocks++;
            return new int[] {mem.lockHighWater() - freeLocks, mem.procLockHighWater() - freeProcLocks};
        } finally {
            fl.release(LWLock.Mode.SHARED);
        }
    }
}
