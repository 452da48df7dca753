package org.tusk.storage.lmgr;

import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * The lock manager's front end for the rest of the server (PostgreSQL's lmgr.c): relation,
 * relation-extension, tuple and transaction locks by what they lock, on top of one process's
 * {@link LockManager}.
 *
 * <p>Unlike PostgreSQL's LockRelationOid, {@link #lockRelationOid} does not process shared
 * invalidation messages after acquiring the lock: there is no relation cache to invalidate yet.
 * The caller tells whether a relation is a shared catalog by passing database 0 to
 * {@link #lockRelationId} (lmgr.c's SetLocktagRelationOid asks IsSharedRelation).
 */
public final class Lmgr {
    /** How {@link #xactLockTableWait} learns about transactions it does not own (procarray.c, subtrans.c). */
    public interface XidOracle {
        /** TransactionIdIsInProgress. */
        boolean isInProgress(int xid);

        /** SubTransGetParent: the parent of a subtransaction's xid, or 0 for a top-level xid. */
        int parentOf(int xid);

        static XidOracle of(IntPredicate isInProgress, IntUnaryOperator parentOf) {
            return new XidOracle() {
                @Override public boolean isInProgress(int xid) { return isInProgress.test(xid); }
                @Override public int parentOf(int xid) { return parentOf.applyAsInt(xid); }
            };
        }
    }

    private final LockManager locks;
    private final int myDatabaseId;

    /** @param myDatabaseId the database this backend is connected to (MyDatabaseId) */
    public Lmgr(LockManager locks, int myDatabaseId) {
        this.locks = locks;
        this.myDatabaseId = myDatabaseId;
    }

    public LockManager lockManager() {
        return locks;
    }

    /** LockRelationOid: a relation of this database, for the transaction. */
    public void lockRelationOid(int relid, LockMode mode) {
        locks.acquire(LockTag.relation(myDatabaseId, relid), mode, false);
    }

    /**
     * ConditionalLockRelationOid: as {@link #lockRelationOid} but never waits; false if the lock
     * is not free (the caller reports 55P03 "could not obtain lock on relation \"name\"").
     */
    public boolean conditionalLockRelationOid(int relid, LockMode mode) {
        return locks.acquire(LockTag.relation(myDatabaseId, relid), mode, true) != LockAcquireResult.NOT_AVAIL;
    }

    /** UnlockRelationOid. Returns false if the lock was not held. */
    public boolean unlockRelationOid(int relid, LockMode mode) {
        return locks.release(LockTag.relation(myDatabaseId, relid), mode);
    }

    /** LockRelationId: a relation by database and OID (database 0 for shared catalogs). */
    public void lockRelationId(int dbId, int relid, LockMode mode) {
        locks.acquire(LockTag.relation(dbId, relid), mode, false);
    }

    /** UnlockRelationId. */
    public boolean unlockRelationId(int dbId, int relid, LockMode mode) {
        return locks.release(LockTag.relation(dbId, relid), mode);
    }

    /** LockRelationIdForSession: held across transactions until released (CREATE INDEX CONCURRENTLY, VACUUM). */
    public void lockRelationIdForSession(int dbId, int relid, LockMode mode) {
        locks.acquire(LockTag.relation(dbId, relid), mode, true, false);
    }

    /** UnlockRelationIdForSession. */
    public boolean unlockRelationIdForSession(int dbId, int relid, LockMode mode) {
        return locks.release(LockTag.relation(dbId, relid), mode, true);
    }

    /**
     * LockRelationForExtension: the right to add blocks to a relation, normally ExclusiveLock,
     * held briefly and released with {@link #unlockRelationForExtension}.
     */
    public void lockRelationForExtension(int dbId, int relid, LockMode mode) {
        locks.acquire(LockTag.relationExtend(dbId, relid), mode, false);
    }

    /** ConditionalLockRelationForExtension. */
    public boolean conditionalLockRelationForExtension(int dbId, int relid, LockMode mode) {
        return locks.acquire(LockTag.relationExtend(dbId, relid), mode, true) != LockAcquireResult.NOT_AVAIL;
    }

    /** UnlockRelationForExtension. */
    public boolean unlockRelationForExtension(int dbId, int relid, LockMode mode) {
        return locks.release(LockTag.relationExtend(dbId, relid), mode);
    }

    /** LockTuple: a tuple lock, taken by row locking while it waits for a row's locker. */
    public void lockTuple(int dbId, int relid, int block, int offset, LockMode mode) {
        locks.acquire(LockTag.tuple(dbId, relid, block, offset), mode, false);
    }

    /** ConditionalLockTuple (SELECT ... NOWAIT / SKIP LOCKED). */
    public boolean conditionalLockTuple(int dbId, int relid, int block, int offset, LockMode mode) {
        return locks.acquire(LockTag.tuple(dbId, relid, block, offset), mode, true) != LockAcquireResult.NOT_AVAIL;
    }

    /** UnlockTuple. */
    public boolean unlockTuple(int dbId, int relid, int block, int offset, LockMode mode) {
        return locks.release(LockTag.tuple(dbId, relid, block, offset), mode);
    }

    /**
     * XactLockTableInsert: a transaction takes ExclusiveLock on its own xid when the xid is
     * assigned and keeps it until it ends (released by releaseAll), so that others can wait for
     * it by asking for ShareLock on the xid.
     */
    public void xactLockTableInsert(int xid) {
        locks.acquire(LockTag.transaction(xid), LockMode.EXCLUSIVE, false);
    }

    /** XactLockTableDelete: a subtransaction gives up its xid's lock when it aborts. */
    public boolean xactLockTableDelete(int xid) {
        return locks.release(LockTag.transaction(xid), LockMode.EXCLUSIVE);
    }

    /**
     * XactLockTableWait: waits until transaction {@code xid} has ended, by taking and at once
     * releasing ShareLock on it. If it still runs after that, the lock belonged to a subtransaction
     * that ended while its parent goes on (or to a transaction not yet in the lock table); then it
     * waits for the topmost parent instead, pausing 1 ms before every retry after the first, as
     * PostgreSQL does. Ends with an error if the wait does (deadlock, lock_timeout, interrupts).
     */
    public void xactLockTableWait(int xid, XidOracle oracle) {
        boolean first = true;
        while (true) {
            LockTag tag = LockTag.transaction(xid);
            locks.acquire(tag, LockMode.SHARE, false);
            locks.release(tag, LockMode.SHARE);
            if (!oracle.isInProgress(xid)) return;
            if (!first) locks.pause(1);
            first = false;
            xid = topmost(xid, oracle);
        }
    }

    /**
     * ConditionalXactLockTableWait: as {@link #xactLockTableWait} but without waiting; false if
     * the transaction (or the parent that matters) is still running.
     */
    public boolean conditionalXactLockTableWait(int xid, XidOracle oracle) {
        boolean first = true;
        while (true) {
            LockTag tag = LockTag.transaction(xid);
            if (locks.acquire(tag, LockMode.SHARE, true) == LockAcquireResult.NOT_AVAIL) return false;
            locks.release(tag, LockMode.SHARE);
            if (!oracle.isInProgress(xid)) return true;
            if (!first) locks.pause(1);
            first = false;
            xid = topmost(xid, oracle);
        }
    }

    /** SubTransGetTopmostTransaction. */
    private static int topmost(int xid, XidOracle oracle) {
        for (int parent = oracle.parentOf(xid); parent != 0; parent = oracle.parentOf(xid)) xid = parent;
        return xid;
    }
}
