package org.tusk.access.transam;

import org.tusk.storage.lmgr.ProcArray;
import org.tusk.utils.time.Snapshot;

import java.util.function.IntConsumer;

/**
 * The {@link TransactionOracle} of a backend: its {@link Xact} (own transaction and
 * subtransactions), the ProcArray, the CLOG with pg_subtrans, and WAL's flush position.
 *
 * <p>One per backend, not thread-safe. Its only state of its own is the last xid found not to be
 * running (procarray.c's cachedXidIsNotInProgress): an xid once not in progress never is again.
 */
public final class BackendTransactionOracle implements TransactionOracle {
    private final Xact xact;
    private final IntConsumer xactLockTableWait;
    private int cachedXidIsNotInProgress = TransactionId.INVALID;

    /**
     * @param xactLockTableWait  the lock manager's XactLockTableWait (sleeps until the xid and, for
     *                           a subtransaction, its top-level transaction have ended)
     */
    public BackendTransactionOracle(Xact xact, IntConsumer xactLockTableWait) {
        this.xact = xact;
        this.xactLockTableWait = xactLockTableWait;
    }

    /** SubTransGetParent: the parent of a subtransaction's xid, 0 for a top-level one (for XactLockTableWait). */
    public int parentOf(int xid) {
        if (!TransactionId.isNormal(xid)) return 0;
        return xact.subtrans().getParent(xid);
    }

    @Override
    public int currentTransactionId() {
        return xact.getCurrentTransactionId();
    }

    @Override
    public boolean isCurrentTransactionId(int xid) {
        return xact.isCurrentTransactionId(xid);
    }

    /**
     * TransactionIdIsInProgress: older than RecentXmin means ended; our own (sub)transactions are
     * running; then the ProcArray scan; if the xid was not found but some backend's subxid cache
     * had overflowed, an aborted xid is not running, and otherwise it is running iff its topmost
     * parent (pg_subtrans) is one of those backends' top-level xids.
     */
    @Override
    public boolean isInProgress(int xid) {
        if (TransactionId.precedes(xid, xact.snapshots().recentXmin())) return false;
        if (xid == cachedXidIsNotInProgress) return false;
        if (xact.isCurrentTransactionId(xid)) return true;
        ProcArray.InProgressScan scan = xact.procArray().scanForXid(xact.proc(), xid);
        if (scan.running()) return true;
        if (scan.overflowedTopXids().length > 0) {
            if (!xact.transam().didAbort(xid)) {
                int top = xact.subtrans().getTopmostTransaction(xid, xact.snapshots().transactionXmin());
                if (top != xid) {
                    for (int t : scan.overflowedTopXids()) if (t == top) return true;
                }
            }
        }
        cachedXidIsNotInProgress = xid;
        return false;
    }

    @Override
    public boolean didCommit(int xid) {
        return xact.transam().didCommit(xid);
    }

    /** TransactionIdDidAbort, for callers that need the other half of the answer. */
    public boolean didAbort(int xid) {
        return xact.transam().didAbort(xid);
    }

    @Override
    public long commitLsn(int xid) {
        return xact.transam().getCommitLsn(xid);
    }

    /** XLogNeedsFlush: compares with the shared flush position. */
    @Override
    public boolean walNeedsFlush(long lsn) {
        return Long.compareUnsigned(lsn, xact.xlog().get().getFlushRecPtr()) > 0;
    }

    /**
     * XidInMVCCSnapshot: below xmin ended, at or past xmax running; in between, running iff listed.
     * When the snapshot's subxid lists overflowed, a subtransaction is looked up by its topmost
     * parent (pg_subtrans) in xip.
     */
    @Override
    public boolean xidInMVCCSnapshot(int xid, Snapshot snapshot) {
        if (TransactionId.precedes(xid, snapshot.xmin())) return false;
        if (TransactionId.followsOrEquals(xid, snapshot.xmax())) return true;
        if (!snapshot.suboverflowed()) {
            for (int x : snapshot.subxip()) if (x == xid) return true;
        } else {
            xid = xact.subtrans().getTopmostTransaction(xid, xact.snapshots().transactionXmin());
            if (TransactionId.precedes(xid, snapshot.xmin())) return false;
        }
        for (int i = 0; i < snapshot.xipCount(); i++) if (snapshot.xip(i) == xid) return true;
        return false;
    }

    @Override
    public void waitForTransaction(int xid) {
        xactLockTableWait.accept(xid);
    }

    /** GetOldestNonRemovableTransactionId for a relation of this backend's database. */
    @Override
    public int oldestNonRemovableXid() {
        return xact.procArray().computeXidHorizons(xact.proc().databaseId()).dataOldestNonRemovable();
    }
}
