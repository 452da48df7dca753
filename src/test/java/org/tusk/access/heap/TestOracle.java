package org.tusk.access.heap;

import org.tusk.access.transam.TransactionOracle;
import org.tusk.access.transam.Transam;
import org.tusk.access.transam.VarSup;
import org.tusk.utils.time.Snapshot;

/**
 * One test backend's transaction oracle: a top-level transaction only (no subtransactions),
 * running-ness from {@link TestXacts}, outcomes from the real CLOG. Every commit counts as
 * durable (commitLsn 0), as synchronous commit makes it.
 */
final class TestOracle implements TransactionOracle {
    private final TestXacts xacts;
    private final VarSup varSup;
    private final Transam transam;
    private int xid;
    int waits;

    TestOracle(TestXacts xacts, VarSup varSup, Transam transam) {
        this.xacts = xacts;
        this.varSup = varSup;
        this.transam = transam;
    }

    @Override
    public int currentTransactionId() {
        if (xid == 0) xid = xacts.begin(varSup);
        return xid;
    }

    Snapshot snapshot(int curcid) {
        return xacts.snapshot(this, varSup, curcid);
    }

    int xidIfAny() {
        return xid;
    }

    void end(boolean commit) {
        if (xid != 0) xacts.end(transam, xid, commit);
        xacts.clearXmin(this);
        xid = 0;
    }

    @Override
    public boolean isCurrentTransactionId(int x) {
        return x != 0 && x == xid;
    }

    @Override
    public boolean isInProgress(int x) {
        return xacts.isRunning(x);
    }

    @Override
    public boolean didCommit(int x) {
        return transam.didCommit(x);
    }

    /** For hint-bit tests: pretend every commit was asynchronous, its record ending here (0: durable). */
    volatile long asyncCommitLsn;
    /** For hint-bit tests: how far WAL is "flushed". */
    volatile long flushedUpTo = Long.MAX_VALUE;

    @Override
    public long commitLsn(int x) {
        return asyncCommitLsn;
    }

    @Override
    public boolean walNeedsFlush(long lsn) {
        return Long.compareUnsigned(lsn, flushedUpTo) > 0;
    }

    /** XidInMVCCSnapshot for top-level xids. */
    @Override
    public boolean xidInMVCCSnapshot(int x, Snapshot s) {
        if (org.tusk.access.transam.TransactionId.precedes(x, s.xmin())) return false;
        if (org.tusk.access.transam.TransactionId.followsOrEquals(x, s.xmax())) return true;
        return s.listsInProgress(x);
    }

    @Override
    public void waitForTransaction(int x) {
        waits++;
        xacts.waitFor(x);
    }

    @Override
    public int oldestNonRemovableXid() {
        return xacts.oldestRunning(varSup);
    }
}
