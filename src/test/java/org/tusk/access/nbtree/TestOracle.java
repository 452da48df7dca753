package org.tusk.access.nbtree;

import org.tusk.access.transam.TransactionOracle;
import org.tusk.utils.time.Snapshot;

import java.util.function.IntConsumer;

/** A test double of the transaction oracle: a fixed xid, and waits handed to a hook. */
final class TestOracle implements TransactionOracle {
    final int xid;
    volatile IntConsumer onWait = x -> { throw new AssertionError("unexpected wait for " + x); };

    TestOracle(int xid) {
        this.xid = xid;
    }

    @Override public int currentTransactionId() { return xid; }
    @Override public boolean isCurrentTransactionId(int x) { return x == xid; }
    @Override public boolean isInProgress(int x) { throw new UnsupportedOperationException(); }
    @Override public boolean didCommit(int x) { throw new UnsupportedOperationException(); }
    @Override public long commitLsn(int x) { return 0; }
    @Override public boolean walNeedsFlush(long lsn) { return false; }
    @Override public boolean xidInMVCCSnapshot(int x, Snapshot snapshot) { throw new UnsupportedOperationException(); }
    @Override public void waitForTransaction(int x) { onWait.accept(x); }
    @Override public int oldestNonRemovableXid() { throw new UnsupportedOperationException(); }
}
