package org.tusk.access.transam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.lmgr.LWLock;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.utils.error.PgException;
import org.tusk.utils.time.Snapshot;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Savepoints: lazy xids, pg_subtrans, the PGPROC subxid cache and its overflow, CLOG statuses. */
class SubtransactionTest {
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
    void subtransactionXidIsAssignedLazilyParentFirst() {
        var b = cluster.backend(1);
        b.xact().beginSubTransaction("s1");
        b.xact().beginSubTransaction("s2");
        assertEquals(0, b.xact().topTransactionIdIfAny(), "nothing written, no xid");
        int sub = b.oracle().currentTransactionId();
        int top = b.xact().topTransactionIdIfAny();
        assertTrue(TransactionId.precedes(top, sub));
        int middle = b.subtrans().getParent(sub);
        assertEquals(top, b.subtrans().getParent(middle));
        assertTrue(TransactionId.precedes(top, middle) && TransactionId.precedes(middle, sub));
        assertEquals(0, b.subtrans().getParent(top));
        assertEquals(top, b.subtrans().getTopmostTransaction(sub, 0));
        assertEquals(top, b.proc().xid());
        assertEquals(2, b.proc().subxidCount(), "both subtransaction xids are cached");
        assertEquals(3, b.xact().nestingLevel());
        b.xact().abort();
        assertEquals(0, b.proc().subxidCount());
        assertEquals(1, b.xact().nestingLevel());
    }

    @Test
    void releasedAndRolledBackSavepointsEndInTheClog() {
        var b = cluster.backend(1);
        var other = cluster.backend(2);
        int top = b.xact().getCurrentTransactionId();
        b.xact().beginSubTransaction("keep");
        int kept = b.xact().getCurrentTransactionId();
        b.xact().releaseSavepoint("keep");
        b.xact().beginSubTransaction("drop");
        int dropped = b.xact().getCurrentTransactionId();
        b.xact().beginSubTransaction("inner");
        int droppedChild = b.xact().getCurrentTransactionId();
        b.xact().releaseSavepoint("inner");

        assertTrue(b.oracle().isCurrentTransactionId(kept), "a released savepoint's xid is still ours");
        assertTrue(b.oracle().isCurrentTransactionId(droppedChild));
        assertTrue(other.oracle().isInProgress(kept), "and still running to others");

        b.xact().rollbackToSavepoint("drop");
        assertEquals(XidStatus.ABORTED, other.xact().transam().fetch(dropped), "rolled back: aborted at once");
        assertEquals(XidStatus.ABORTED, other.xact().transam().fetch(droppedChild), "with its committed children");
        assertFalse(b.oracle().isCurrentTransactionId(dropped));
        assertFalse(other.oracle().isInProgress(dropped));
        assertEquals(XidStatus.IN_PROGRESS, other.xact().transam().fetch(kept), "released is not committed yet");
        assertEquals(1, b.proc().subxidCount(), "the aborted xids left the cache");
        assertEquals(2, b.xact().nestingLevel(), "ROLLBACK TO keeps the savepoint");

        b.xact().commit(true);
        assertEquals(XidStatus.COMMITTED, other.xact().transam().fetch(top));
        assertEquals(XidStatus.COMMITTED, other.xact().transam().fetch(kept));
        assertEquals(XidStatus.ABORTED, other.xact().transam().fetch(dropped));
        assertFalse(other.oracle().isInProgress(kept));
        assertTrue(other.oracle().didCommit(kept));
    }

    @Test
    void unknownSavepointIsAnError() {
        var b = cluster.backend(1);
        b.xact().beginSubTransaction("a");
        PgException e = assertThrows(PgException.class, () -> b.xact().rollbackToSavepoint("nope"));
        assertEquals("savepoint \"nope\" does not exist", e.getMessage());
        assertEquals("3B001", e.sqlState());
        assertThrows(PgException.class, () -> b.xact().releaseSavepoint("nope"));
        assertEquals(2, b.xact().nestingLevel());
    }

    /** TransactionIdDidCommit of a SUB_COMMITTED xid asks pg_subtrans for the parent's status. */
    @Test
    void subcommittedXidCommitsWithItsParent() {
        var b = cluster.backend(1);
        var reader = cluster.backend(2);
        int top = b.xact().getCurrentTransactionId();
        b.xact().beginSubTransaction("s");
        int sub = b.xact().getCurrentTransactionId();
        // The state between the two steps of TransactionIdCommitTree: child SUB_COMMITTED, parent not yet.
        setStatusBits(b.clog(), sub, XidStatus.SUB_COMMITTED);
        assertEquals(XidStatus.SUB_COMMITTED, reader.xact().transam().fetch(sub));
        assertFalse(reader.oracle().didCommit(sub));
        assertFalse(reader.oracle().didAbort(sub));
        b.clog().setTreeStatus(top, new int[0], XidStatus.COMMITTED);
        assertTrue(reader.oracle().didCommit(sub), "parent committed: so did the child");
        assertFalse(reader.oracle().didAbort(sub));
    }

    private static void setStatusBits(Clog clog, int xid, XidStatus status) {
        var slru = clog.slru();
        slru.controlLock().acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int slot = slru.readPage(Clog.pageOf(xid), true, xid);
            MemorySegment page = slru.page(slot);
            int index = Integer.remainderUnsigned(xid, Clog.XACTS_PER_PAGE);
            int shift = (index % 4) * 2;
            int b = page.get(JAVA_BYTE, index / 4) & 0xFF;
            page.set(JAVA_BYTE, index / 4, (byte) ((b & ~(3 << shift)) | (status.code() << shift)));
            slru.markDirty(slot);
        } finally {
            slru.controlLock().release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /**
     * More subtransactions than PGPROC caches: the snapshot says suboverflowed, and both
     * XidInMVCCSnapshot and TransactionIdIsInProgress find the uncached subxids through pg_subtrans.
     */
    @Test
    void overflowedSubxidCacheFallsBackToPgSubtrans() {
        var b = cluster.backend(1);
        var reader = cluster.backend(2);
        int top = b.xact().getCurrentTransactionId();
        int n = ProcGlobal.PGPROC_MAX_CACHED_SUBXIDS + 6;
        int[] subs = new int[n];
        for (int i = 0; i < n; i++) {
            b.xact().beginSubTransaction("s" + i);
            subs[i] = b.xact().getCurrentTransactionId();
        }
        assertEquals(ProcGlobal.PGPROC_MAX_CACHED_SUBXIDS, b.proc().subxidCount());
        assertTrue(b.proc().subxidOverflowed());
        int uncached = subs[n - 1];
        // Something completes after all of them, so that they are below the snapshot's xmax.
        var later = cluster.backend(3);
        later.xact().getCurrentTransactionId();
        later.xact().commit(true);

        Snapshot s = reader.xact().getTransactionSnapshot();
        assertTrue(s.suboverflowed());
        assertArrayEquals(new int[] {top}, s.xip());
        assertTrue(reader.oracle().xidInMVCCSnapshot(uncached, s), "found through its topmost parent");
        assertTrue(reader.oracle().xidInMVCCSnapshot(subs[0], s));
        assertTrue(reader.oracle().isInProgress(uncached), "pg_subtrans step of TransactionIdIsInProgress");
        assertTrue(reader.oracle().isInProgress(subs[3]), "cached");

        // Abort the innermost (uncached) one: not in progress any more, though the cache overflowed.
        b.xact().abortSubTransaction();
        assertFalse(reader.oracle().isInProgress(uncached));
        assertTrue(b.proc().subxidOverflowed(), "overflow is not undone by an abort");

        b.xact().commit(true);
        Snapshot after = reader.xact().getLatestSnapshot();
        assertFalse(after.suboverflowed());
        assertFalse(reader.oracle().xidInMVCCSnapshot(subs[n - 2], after));
        assertFalse(reader.oracle().isInProgress(subs[n - 2]));
        assertTrue(reader.oracle().didCommit(subs[n - 2]));
        assertFalse(reader.oracle().didCommit(uncached));
        assertEquals(0, b.proc().subxidCount());
        assertFalse(b.proc().subxidOverflowed());
    }

    @Test
    void snapshotListsOtherBackendsCachedSubxids() {
        var b = cluster.backend(1);
        var reader = cluster.backend(2);
        int top = b.xact().getCurrentTransactionId();
        b.xact().beginSubTransaction("s");
        int sub = b.xact().getCurrentTransactionId();
        var later = cluster.backend(3);
        later.xact().getCurrentTransactionId();
        later.xact().commit(true);
        Snapshot s = reader.xact().getTransactionSnapshot();
        assertFalse(s.suboverflowed());
        assertArrayEquals(new int[] {top}, s.xip());
        assertArrayEquals(new int[] {sub}, s.subxip());
        assertTrue(reader.oracle().xidInMVCCSnapshot(sub, s));
        b.xact().abort();
    }

    /** Cached subxids of several backends all land in subxip, in ProcArray order, whatever their number. */
    @Test
    void snapshotCollectsCachedSubxidsOfSeveralBackends() {
        var b1 = cluster.backend(1);
        var b2 = cluster.backend(2);
        var reader = cluster.backend(3);
        int top1 = b1.xact().getCurrentTransactionId();
        int top2 = b2.xact().getCurrentTransactionId();
        java.util.Set<Integer> subs = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            b1.xact().beginSubTransaction("a" + i);
            subs.add(b1.xact().getCurrentTransactionId());
        }
        for (int i = 0; i < 30; i++) {
            b2.xact().beginSubTransaction("b" + i);
            subs.add(b2.xact().getCurrentTransactionId());
        }
        var later = cluster.backend(4);
        later.xact().getCurrentTransactionId();
        later.xact().commit(true);
        Snapshot s = reader.xact().getTransactionSnapshot();
        assertFalse(s.suboverflowed());
        assertEquals(java.util.Set.of(top1, top2), java.util.Arrays.stream(s.xip()).boxed().collect(java.util.stream.Collectors.toSet()));
        assertEquals(70, s.subxip().length);
        assertEquals(subs, java.util.Arrays.stream(s.subxip()).boxed().collect(java.util.stream.Collectors.toSet()));
        for (int sub : subs) assertTrue(reader.oracle().xidInMVCCSnapshot(sub, s));
        b1.xact().abort();
        b2.xact().abort();
    }
}
