package org.tusk.access.heap;

import org.tusk.access.transam.Clog;
import org.tusk.access.transam.Transam;
import org.tusk.access.transam.VarSup;
import org.tusk.access.transam.XLog;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.utils.time.Snapshot;

/**
 * One "backend process" of a {@link TestCluster}: its own accessors on the shared structures, a
 * transaction at a time, and a command counter.
 */
final class TestBackend implements AutoCloseable {
    final StorageManager smgr;
    final BufferManager bm;
    final Clog clog;
    final VarSup varSup;
    final TestOracle oracle;
    final ComboCids combo = new ComboCids();
    final HeapAm am;
    /** The tuple locks this backend took, in order, as "mode block/offset" (for assertions). */
    final java.util.List<String> tupleLocks = new java.util.ArrayList<>();
    /**
     * Row locking's lock-manager calls: tuple locks are recorded (one test backend waits at a
     * time, so none conflicts), the conditional transaction wait asks whether the xid still runs.
     */
    private final HeapLockWaits lockWaits = new HeapLockWaits() {
        @Override public void lockTuple(org.tusk.utils.cache.Relation rel, org.tusk.storage.page.ItemPointer tid,
                                        org.tusk.storage.lmgr.LockMode mode) {
            tupleLocks.add(mode + " " + tid);
        }
        @Override public boolean conditionalLockTuple(org.tusk.utils.cache.Relation rel, org.tusk.storage.page.ItemPointer tid,
                                                      org.tusk.storage.lmgr.LockMode mode) {
            tupleLocks.add(mode + " " + tid);
            return true;
        }
        @Override public void unlockTuple(org.tusk.utils.cache.Relation rel, org.tusk.storage.page.ItemPointer tid,
                                          org.tusk.storage.lmgr.LockMode mode) {}
        @Override public boolean conditionalXactLockTableWait(int xid) {
            return !oracle.isInProgress(xid);
        }
    };
    private final TestCluster cluster;
    private XLog xlog;
    int cid;
    private boolean closed;

    TestBackend(TestCluster cluster) {
        this(cluster, false);
    }

    TestBackend(TestCluster cluster, boolean dataChecksums) {
        this.cluster = cluster;
        this.smgr = cluster.newSmgr();
        this.bm = new BufferManager(cluster.pool, new SmgrBlockIO(smgr, lsn -> xlog().flushUnchecked(lsn)));
        this.clog = cluster.newClog();
        this.varSup = cluster.newVarSup(clog);
        this.oracle = new TestOracle(cluster.xacts, varSup, new Transam(clog));
        this.am = new HeapAm(bm, smgr, this::xlog, oracle, cluster.extLocks, combo, cluster.nbuffers, dataChecksums, lockWaits);
    }

    synchronized XLog xlog() {
        if (cluster.xlogCtl == null) throw new IllegalStateException("this test cluster has no WAL");
        if (xlog == null) xlog = cluster.newXLog();
        return xlog;
    }

    Snapshot snapshot() {
        return oracle.snapshot(cid);
    }

    /** CommandCounterIncrement. */
    void cci() {
        cid++;
    }

    void commit() {
        oracle.end(true);
        combo.atEndOfTransaction();
        cid = 0;
    }

    void abort() {
        bm.releaseAll();
        oracle.end(false);
        combo.atEndOfTransaction();
        cid = 0;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        bm.releaseAll();
        smgr.close();
        try {
            if (xlog != null) xlog.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
