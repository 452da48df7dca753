package org.tusk.access.transam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.utils.time.Snapshot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetSnapshotData, xmin publication, TransactionIdIsInProgress and the horizons, with several backends on one region. */
class SnapshotTest {
    @TempDir
    Path dataDir;
    XactCluster cluster;

    @BeforeEach
    void start() {
        cluster = new XactCluster(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void snapshotListsRunningButNotCommittedOrAbortedTransactions() {
        var a = cluster.backend(1);
        var b = cluster.backend(2);
        var c = cluster.backend(3);
        var me = cluster.backend(4);
        int xa = a.xact().getCurrentTransactionId();
        int xb = b.xact().getCurrentTransactionId();
        int xc = c.xact().getCurrentTransactionId();
        b.xact().commit(true);
        c.xact().abort();
        var late = cluster.backend(5);
        int xlate = late.xact().getCurrentTransactionId();   // assigned after the last completion

        Snapshot s = me.xact().getTransactionSnapshot();
        assertEquals(xa, s.xmin(), "the oldest running xid");
        assertEquals(TransactionId.advance(xc), s.xmax(), "xmax = latestCompletedXid + 1");
        assertArrayEquals(new int[] {xa}, s.xip(), "running below xmax; the later xid is past xmax and not listed");
        assertTrue(me.oracle().xidInMVCCSnapshot(xa, s));
        assertFalse(me.oracle().xidInMVCCSnapshot(xb, s));
        assertFalse(me.oracle().xidInMVCCSnapshot(xc, s));
        assertTrue(me.oracle().xidInMVCCSnapshot(xlate, s), "at or past xmax: running for this snapshot");
        assertTrue(me.oracle().didCommit(xb));
        assertFalse(me.oracle().didCommit(xc));
        assertTrue(me.oracle().isInProgress(xa));
        assertTrue(me.oracle().isInProgress(xlate));
        assertFalse(me.oracle().isInProgress(xb));
        assertFalse(me.oracle().isInProgress(xc));

        // Ending a transaction later does not change a snapshot already taken.
        a.xact().commit(true);
        assertTrue(me.oracle().xidInMVCCSnapshot(xa, s));
        assertFalse(me.oracle().isInProgress(xa));
    }

    @Test
    void ownXidCountsInXminButIsNotListed() {
        var me = cluster.backend(1);
        var other = cluster.backend(2);
        int mine = me.xact().getCurrentTransactionId();
        int theirs = other.xact().getCurrentTransactionId();
        other.xact().commit(true);
        Snapshot s = me.xact().getTransactionSnapshot();
        assertEquals(mine, s.xmin());
        assertEquals(TransactionId.advance(theirs), s.xmax());
        assertEquals(0, s.xipCount());
        assertTrue(me.oracle().isCurrentTransactionId(mine));
        assertFalse(me.oracle().isCurrentTransactionId(theirs));
        assertTrue(me.oracle().isInProgress(mine));
    }

    @Test
    void xminIsPublishedWhileSnapshotsAreHeldAndClearedAtEnd() {
        var a = cluster.backend(1);
        var me = cluster.backend(2);
        var horizonWatcher = cluster.backend(3);
        int xa = a.xact().getCurrentTransactionId();
        assertEquals(0, me.proc().xmin());
        Snapshot s = me.xact().getTransactionSnapshot();
        assertEquals(xa, me.proc().xmin(), "MyProc->xmin = the snapshot's xmin");
        assertEquals(s.xmin(), me.xact().snapshots().transactionXmin());
        a.xact().commit(true);
        // The horizon is held back by my xmin even though xa has ended.
        assertEquals(xa, horizonWatcher.oracle().oldestNonRemovableXid());

        // READ COMMITTED: the next statement's snapshot moves xmin forward.
        Snapshot s2 = me.xact().getTransactionSnapshot();
        assertNotEquals(s.xmax(), s2.xmax());
        assertEquals(s2.xmin(), me.proc().xmin());
        assertTrue(TransactionId.precedes(xa, me.proc().xmin()));

        me.xact().commit(true);
        assertEquals(0, me.proc().xmin(), "cleared at the end of the transaction");
        assertEquals(TransactionId.advance(xa), horizonWatcher.oracle().oldestNonRemovableXid());
    }

    @Test
    void repeatableReadKeepsOneSnapshotAndItsXmin() {
        var a = cluster.backend(1);
        var me = cluster.backend(2);
        int xa = a.xact().getCurrentTransactionId();
        me.xact().setIsolationLevel(IsolationLevel.REPEATABLE_READ);
        Snapshot s = me.xact().getTransactionSnapshot();
        a.xact().commit(true);
        Snapshot again = me.xact().getTransactionSnapshot();
        assertTrue(s == again, "one snapshot per transaction");
        assertTrue(me.oracle().xidInMVCCSnapshot(xa, again));
        assertEquals(xa, me.proc().xmin());
        me.xact().commit(true);
        assertEquals(0, me.proc().xmin());
    }

    @Test
    void commandCounterIncrementMovesTheSnapshotsCommandId() throws Exception {
        var me = cluster.backend(1);
        me.xact().setIsolationLevel(IsolationLevel.REPEATABLE_READ);
        Snapshot s = me.xact().getTransactionSnapshot();
        assertEquals(0, s.curcid());
        me.xact().commandCounterIncrement();
        assertEquals(0, me.xact().getCurrentCommandId(false), "an unused command id is not advanced");
        assertEquals(0, me.xact().getCurrentCommandId(true));
        me.xact().commandCounterIncrement();
        assertEquals(1, me.xact().getCurrentCommandId(false));
        assertEquals(1, s.curcid(), "SnapshotSetCommandId");

        var field = Xact.class.getDeclaredField("currentCommandId");
        field.setAccessible(true);
        field.setInt(me.xact(), 0xFFFFFFFE);
        me.xact().getCurrentCommandId(true);
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.tusk.utils.error.PgException.class,
                me.xact()::commandCounterIncrement);
        assertEquals("cannot have more than 2^32-2 commands in a transaction", e.getMessage());
        assertEquals("54000", e.sqlState());
        me.xact().commit(true);
        assertEquals(0, me.xact().getCurrentCommandId(false), "a new transaction starts at FirstCommandId");
    }

    @Test
    void horizonsCountOnlyThisDatabaseForData() {
        var other = cluster.backend(1, 99);
        var mine = cluster.backend(2, 5);
        int xo = other.xact().getCurrentTransactionId();
        int xm = mine.xact().getCurrentTransactionId();
        var watcher = cluster.backend(3, 5);
        // Horizons start at latestCompletedXid + 1: let a later transaction complete.
        int xz = watcher.xact().getCurrentTransactionId();
        watcher.xact().commit(true);
        assertEquals(xo, watcher.xact().procArray().computeXidHorizons(0).dataOldestNonRemovable(),
                "database 0: every backend counts");
        assertEquals(xm, watcher.oracle().oldestNonRemovableXid(), "a backend of another database does not count");
        var h = watcher.xact().procArray().computeXidHorizons(5);
        assertEquals(xo, h.sharedOldestNonRemovable(), "but it does for shared catalogs");
        other.xact().abort();
        mine.xact().commit(true);
        assertEquals(TransactionId.advance(xz), watcher.oracle().oldestNonRemovableXid());
    }

    /**
     * Threads as processes: writers keep committing and aborting while readers take snapshots.
     * Every xid a snapshot treats as ended must be final in the CLOG (commit order WAL, CLOG,
     * ProcArray), and a committed one must have been visible as committed from then on.
     */
    @Test
    void concurrentSnapshotsNeverSeeAnEndedXidWithoutItsClogStatus() throws Exception {
        int writers = 3, readers = 2, rounds = 300;
        List<XactCluster.Backend> ws = new ArrayList<>();
        for (int i = 0; i < writers; i++) ws.add(cluster.backend(1 + i));
        List<XactCluster.Backend> rs = new ArrayList<>();
        for (int i = 0; i < readers; i++) rs.add(cluster.backend(1 + writers + i));
        CyclicBarrier go = new CyclicBarrier(writers + readers);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            var w = ws.get(i);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int r = 0; r < rounds; r++) {
                        w.xact().getCurrentTransactionId();
                        if (r % 3 == 0) {
                            w.xact().beginSubTransaction("s");
                            w.xact().getCurrentTransactionId();
                            if (r % 2 == 0) w.xact().commitSubTransaction(); else w.xact().abortSubTransaction();
                        }
                        if (r % 4 == 0) w.xact().abort(); else w.xact().commit(r % 5 != 0);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (int i = 0; i < readers; i++) {
            var rd = rs.get(i);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int r = 0; r < rounds; r++) {
                        Snapshot s = rd.xact().getTransactionSnapshot();
                        for (int x = TransactionId.FIRST_NORMAL; TransactionId.precedes(x, s.xmax()); x++) {
                            if (rd.oracle().xidInMVCCSnapshot(x, s)) continue;
                            XidStatus st = rd.xact().transam().fetch(x);
                            if (st == XidStatus.IN_PROGRESS) {
                                throw new AssertionError("xid " + x + " ended for " + s + " but IN_PROGRESS in the CLOG");
                            }
                        }
                        rd.xact().commit(true);
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) t.join(120_000);
        if (!failures.isEmpty()) throw new AssertionError(failures.peek());
        // All ended: a final snapshot lists nothing.
        Snapshot last = rs.getFirst().xact().getTransactionSnapshot();
        assertEquals(0, last.xipCount(), Arrays.toString(last.xip()));
        assertEquals(last.xmax(), last.xmin());
    }
}
