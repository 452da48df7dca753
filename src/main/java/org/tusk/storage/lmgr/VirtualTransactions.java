package org.tusk.storage.lmgr;

import java.util.ArrayList;
import java.util.List;

/**
 * Virtual transaction ids and waiting for transactions by them (PostgreSQL's lock.c
 * VirtualXactLockTableInsert, VirtualXactLock and GetLockConflicts, procarray.c
 * GetCurrentVirtualXIDs, lmgr.c WaitForLockers). A virtual transaction id is (backend id, local
 * transaction id): every transaction of this backend gets the next local id at its start and
 * holds ExclusiveLock on its VIRTUALTRANSACTION tag until it ends, whether or not it ever gets an
 * xid. Someone who must outwait a transaction that may have no xid (CREATE INDEX CONCURRENTLY
 * waiting for writers that could not see its index, or for older snapshots) takes ShareLock on
 * that tag and lets go at once.
 *
 * <p>The fast path (as PostgreSQL's fpVXIDLock): a transaction's own lock on its tag is not put
 * in the shared table at all; the owner only publishes its lxid in its PGPROC's {@code fpVxid}
 * word, so starting and ending a transaction touch no lock partition. Someone who must wait for
 * it first moves the lock into the table on the owner's behalf (granted ExclusiveLock), then
 * queues for ShareLock as usual. The move is made under the tag's partition lock: the lock is
 * entered, then the word is swapped from lxid to 0 by compare-and-set; if the owner swapped it
 * first (its transaction ended meanwhile) the entry is taken out again. The owner, at its end,
 * swaps the word from lxid to 0 too; if that fails, a waiter moved the lock, and the owner
 * releases it from the table under the partition lock (LockRefindAndRelease), which it can only
 * get once the move is complete. pg_locks shows a fast-path lock with fastpath = true.
 *
 * <p>Locking: {@link #lockConflicts} holds the tag's partition lock shared while it reads the
 * LOCK's PROCLOCKs and each holder's published lxid (written by its owner with a volatile store
 * before it takes any relation lock); the waits are ordinary heavyweight-lock waits, so they
 * take part in deadlock detection and end on cancel, statement timeout or terminate.
 */
public final class VirtualTransactions {
    /** VirtualTransactionId: backend id (slot) and local transaction id; lxid 0 is invalid. */
    public record Vxid(int backendId, int localXid) {}

    private final LockManager locks;
    private final ProcArray procArray;
    private final Proc me;
    private int nextLocalXid;
    private int current;

    public VirtualTransactions(LockManager locks, ProcArray procArray, Proc me) {
        this.locks = locks;
        this.procArray = procArray;
        this.me = me;
    }

    /**
     * StartTransaction's VirtualXactLockTableInsert: the transaction's local id is published
     * (pg_locks' virtualtransaction) and its VIRTUALTRANSACTION tag locked ExclusiveLock for the
     * transaction, released with the transaction's other locks.
     */
    public void startTransaction() {
        nextLocalXid++;
        if (nextLocalXid == 0) nextLocalXid = 1;
        current = nextLocalXid;
        locks.setLocalTransactionId(current);
        locks.table().mem().setFpVxid(me.slot(), current);   // VirtualXactLockTableInsert, fast path
    }

    /**
     * ProcArrayEndTransaction's part and VirtualXactLockTableCleanup: no local transaction is
     * running any more; its lock is given up, from the table if a waiter moved it there.
     */
    public void endTransaction() {
        if (current != 0 && !locks.table().mem().casFpVxid(me.slot(), current, 0)) releaseMovedLock(current);
        current = 0;
        locks.setLocalTransactionId(0);
    }

    /** LockRefindAndRelease: our ExclusiveLock on our tag, put in the table by a waiter. */
    private void releaseMovedLock(int lxid) {
        LockTable table = locks.table();
        LockTag tag = LockTag.virtualTransaction(me.slot(), lxid);
        int hash = tag.hashCode32();
        LWLock partition = table.partitionLock(hash);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int lock = table.lookupLock(tag, hash);
            int pl = lock == 0 ? 0 : table.findProcLock(lock, me.slot());
            if (pl == 0) throw new IllegalStateException("virtual transaction lock " + tag.describe() + " not found");
            boolean wake = table.unGrantLock(lock, pl, LockMode.EXCLUSIVE);
            table.cleanUpLock(lock, pl, hash, wake);
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * The transfer half of VirtualXactLock: if {@code vxid}'s owner holds its lock on the fast path,
     * enter it in the table as the owner's granted ExclusiveLock, so that a ShareLock request
     * waits for it there.
     */
    private void moveToTable(Vxid vxid) {
        LockShmem mem = locks.table().mem();
        if (mem.fpVxid(vxid.backendId()) != vxid.localXid()) return;   // ended, or already moved
        LockTable table = locks.table();
        LockTag tag = LockTag.virtualTransaction(vxid.backendId(), vxid.localXid());
        int hash = tag.hashCode32();
        LWLock partition = table.partitionLock(hash);
        partition.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (mem.fpVxid(vxid.backendId()) != vxid.localXid()) return;
            int pl = table.setupLockInTable(tag, hash, vxid.backendId(), LockMode.EXCLUSIVE);
            if (pl == 0) {
                throw LockErrors.outOfSharedMemory();
            }
            int lock = table.lockOf(pl);
            table.grantLock(lock, pl, LockMode.EXCLUSIVE);
            if (!mem.casFpVxid(vxid.backendId(), vxid.localXid(), 0)) {
                // the owner ended first and will not look in the table: take the entry out again
                table.unGrantLock(lock, pl, LockMode.EXCLUSIVE);
                table.cleanUpLock(lock, pl, hash, false);
            }
        } finally {
            partition.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** This backend's current virtual transaction id (lxid 0 outside a transaction). */
    public Vxid current() {
        return new Vxid(me.slot(), current);
    }

    /**
     * GetLockConflicts: the virtual transactions of other processes that hold, on {@code tag}, a
     * mode that conflicts with {@code mode}. Processes between transactions (holding only session
     * locks) are left out, as PostgreSQL leaves out invalid vxids.
     */
    public List<Vxid> lockConflicts(LockTag tag, LockMode mode) {
        LockTable table = locks.table();
        LockShmem mem = table.mem();
        int hash = tag.hashCode32();
        List<Vxid> out = new ArrayList<>();
        if (tag.type() == LockTagType.RELATION && FastPathLocks.strongMode(mode)) fastPathConflicts(tag, mode, out);
        LWLock partition = table.partitionLock(hash);
        partition.acquire(LWLock.Mode.SHARED);
        try {
            int lock = table.lookupLock(tag, hash);
            if (lock == 0) return out;
            int conflicts = mode.conflictMask();
            for (int pl = mem.procLocksHead(lock); pl != 0; pl = mem.procLockNext(pl)) {
                int slot = mem.procLockProc(pl);
                if (slot == me.slot() || (mem.holdMask(pl) & conflicts) == 0) continue;
                int lxid = mem.lxid(slot);
                if (lxid != 0 && !out.contains(new Vxid(slot, lxid))) out.add(new Vxid(slot, lxid));
            }
        } finally {
            partition.release(LWLock.Mode.SHARED);
        }
        return out;
    }

    /**
     * GetLockConflicts' fast-path half: the other processes holding a conflicting weak lock on
     * the relation in their fast-path slots (each read under its infoLock). Only a strong mode can
     * conflict with them; whoever takes a weak lock after this scan sees the caller's strong lock.
     */
    private void fastPathConflicts(LockTag tag, LockMode mode, List<Vxid> out) {
        FastPathLocks fp = locks.table().mem().fastPath();
        int conflicts = mode.conflictMask();
        for (int s = 1; s < fp.numSlots(); s++) {
            if (s == me.slot()) continue;
            LWLock info = fp.infoLock(s);
            info.acquire(LWLock.Mode.SHARED);
            try {
                int f = fp.entryOf(s, tag.field1(), tag.field2());
                if (f < 0 || ((fp.modeBits(s, f) << 1) & conflicts) == 0) continue;
                int lxid = locks.table().mem().lxid(s);
                if (lxid != 0) out.add(new Vxid(s, lxid));
            } finally {
                info.release(LWLock.Mode.SHARED);
            }
        }
    }

    /**
     * GetCurrentVirtualXIDs(limitXmin, true, false, ...): the virtual transactions of this
     * database's other backends whose snapshots' xmin precedes or equals {@code limitXmin}.
     */
    public List<Vxid> withXminAtOrBefore(int limitXmin) {
        List<Vxid> out = new ArrayList<>();
        for (int slot : procArray.slotsWithXminAtOrBefore(me, limitXmin, me.databaseId())) {
            int lxid = locks.table().mem().lxid(slot);
            if (lxid != 0) out.add(new Vxid(slot, lxid));
        }
        return out;
    }

    /**
     * VirtualXactLock(vxid, wait = true): waits until that transaction has ended (at once if it
     * already has, since the tag is then unlocked), by taking ShareLock on its tag and releasing it.
     */
    public void waitFor(Vxid vxid) {
        if (vxid.localXid() == 0 || vxid.backendId() == me.slot()) return;
        moveToTable(vxid);
        LockTag tag = LockTag.virtualTransaction(vxid.backendId(), vxid.localXid());
        locks.acquire(tag, LockMode.SHARE, false);
        locks.release(tag, LockMode.SHARE);
    }

    /**
     * WaitForLockers(tag, mode): waits for every transaction that holds, at the time of the call,
     * a lock on {@code tag} conflicting with {@code mode}. Later lockers are not waited for (they
     * are what the caller's catalog change already reaches).
     */
    public void waitForLockers(LockTag tag, LockMode mode) {
        for (Vxid v : lockConflicts(tag, mode)) waitFor(v);
    }
}
