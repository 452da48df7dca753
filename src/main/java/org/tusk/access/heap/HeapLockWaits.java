package org.tusk.access.heap;

import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.page.ItemPointer;
import org.tusk.utils.cache.Relation;

/**
 * The lock-manager calls row locking makes besides waiting for a transaction
 * ({@code TransactionOracle.waitForTransaction}): the heavyweight tuple lock (lmgr.c's LockTuple,
 * ConditionalLockTuple, UnlockTuple), which queues the waiters of one row in order, and
 * ConditionalXactLockTableWait for NOWAIT and SKIP LOCKED. The server implements it with
 * {@code storage.lmgr.Lmgr}; every wait can be ended by cancel, lock_timeout or the deadlock check.
 */
public interface HeapLockWaits {
    /** LockTuple: waits for the tuple lock. */
    void lockTuple(Relation rel, ItemPointer tid, LockMode mode);

    /** ConditionalLockTuple: false if it is not free at once. */
    boolean conditionalLockTuple(Relation rel, ItemPointer tid, LockMode mode);

    /** UnlockTuple. */
    void unlockTuple(Relation rel, ItemPointer tid, LockMode mode);

    /** ConditionalXactLockTableWait: true if {@code xid} has ended, false if it still runs. */
    boolean conditionalXactLockTableWait(int xid);
}
