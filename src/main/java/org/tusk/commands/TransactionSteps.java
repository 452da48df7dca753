package org.tusk.commands;

import org.tusk.executor.ExecContext;
import org.tusk.storage.lmgr.VirtualTransactions;

/**
 * What a utility command that spans several transactions needs from the traffic cop
 * (PostgreSQL's CommitTransactionCommand / StartTransactionCommand called from inside
 * DefineIndex, index_drop and ReindexRelationConcurrently, with LockRelationIdForSession).
 * Only commands run at top level outside a transaction block get one (PreventInTransactionBlock
 * is the caller's check).
 */
public interface TransactionSteps {
    /**
     * Commits the current transaction and starts the next. The new transaction has no snapshot
     * yet, so it holds back no one's WaitForOlderSnapshots while it waits for others; call
     * {@link #statementContext} before reading any catalog.
     */
    void commitAndStart();

    /** A context for work in the current transaction, with a fresh snapshot (GetTransactionSnapshot). */
    ExecContext statementContext();

    /** This backend's virtual transaction ids and the waits on other transactions. */
    VirtualTransactions vxids();

    /** MyDatabaseId, for lock tags. */
    int databaseOid();

    /** LockRelationIdForSession: a relation lock that outlives the transactions it spans. */
    void lockRelationForSession(int relOid, int lockmode);

    /** UnlockRelationIdForSession. */
    void unlockRelationForSession(int relOid, int lockmode);
}
