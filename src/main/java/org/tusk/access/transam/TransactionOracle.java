package org.tusk.access.transam;

import org.tusk.utils.time.Snapshot;

/**
 * What the access methods ask about transactions (PostgreSQL's xact.c, procarray.c, transam.c
 * and lmgr.c entry points that heapam_visibility.c and nbtinsert.c call). One per backend; the
 * implementation knows the backend's own transaction and subtransactions.
 */
public interface TransactionOracle {
    /** GetCurrentTransactionId: the current (sub)transaction's xid, assigning one if it has none. */
    int currentTransactionId();

    /** TransactionIdIsCurrentTransactionId: {@code xid} is this backend's top transaction or one of its live subtransactions. */
    boolean isCurrentTransactionId(int xid);

    /** TransactionIdIsInProgress: some backend is still running {@code xid} (top-level or subtransaction). */
    boolean isInProgress(int xid);

    /** TransactionIdDidCommit: the CLOG (via pg_subtrans for a subcommitted xid) says committed. */
    boolean didCommit(int xid);

    /**
     * TransactionIdGetCommitLSN: an LSN at or past the end of {@code xid}'s commit record, kept per
     * CLOG group for asynchronous commits; 0 if the commit is known durable. SetHintBits may mark a
     * tuple committed only once WAL is flushed past it, so that a hint never outlives a commit lost
     * in a crash.
     */
    long commitLsn(int xid);

    /** XLogNeedsFlush: WAL up to {@code lsn} is not yet known to be on disk. */
    boolean walNeedsFlush(long lsn);

    /** XidInMVCCSnapshot: {@code xid} was running as far as {@code snapshot} is concerned. */
    boolean xidInMVCCSnapshot(int xid, Snapshot snapshot);

    /**
     * XactLockTableWait: sleeps until {@code xid} (and, if it was a subtransaction, its top-level
     * transaction) has ended. The wait can be ended by cancel, statement/lock timeout, deadlock
     * detection (40P01), shutdown or postmaster death, each of which throws.
     */
    void waitForTransaction(int xid);

    /** The oldest xmin of any running transaction in this database (GetOldestNonRemovableTransactionId), for pruning. */
    int oldestNonRemovableXid();
}
