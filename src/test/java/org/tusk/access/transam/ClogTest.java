package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.testsupport.MappedFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClogTest {
    @TempDir
    Path pgXact;

    private static MappedFile region(int buffers) {
        return MappedFile.create(TestTransam.layout(buffers).byteSize());
    }

    @Test
    void bitsOnDiskAreWherePostgresPutsThem() throws Exception {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.FIRST_NORMAL, 3);
            assertEquals(8192, Files.size(pgXact.resolve("0000")));   // bootstrap wrote page 0
            for (int i = 3; i <= 7; i++) assertEquals(i, t.newXid());
            t.transam.commitTree(5, new int[0]);
            t.transam.abortTree(6, new int[0]);
            t.clog.checkPoint();
            byte[] page = Files.readAllBytes(pgXact.resolve("0000"));
            // xids 4..7 share byte 1: xid 5 committed (01 at bits 2-3), xid 6 aborted (10 at bits 4-5).
            assertEquals(0x24, page[1]);
            assertEquals(0, page[0]);
            assertEquals(XidStatus.IN_PROGRESS, t.clog.getStatus(7));
        }
    }

    @Test
    void xidOneMillionIsInSegmentOne() throws Exception {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, 1048576 - 1), 3);
            int a = t.newXid();
            int b = t.newXid();   // 1048576 = 32 pages of 32768: first id of segment 0001
            assertEquals(1048576, b);
            t.transam.commitTree(a, new int[0]);
            t.transam.commitTree(b, new int[0]);
            t.clog.checkPoint();
            assertTrue(Files.exists(pgXact.resolve("0001")));
            assertEquals(8192, Files.size(pgXact.resolve("0001")));   // its page 0
            assertEquals(1, Files.readAllBytes(pgXact.resolve("0001"))[0]);
            assertEquals(XidStatus.COMMITTED, t.clog.getStatus(b));
            assertEquals(XidStatus.COMMITTED, t.clog.getStatus(a));
        }
    }

    @Test
    void statusesOnlyMoveForward() {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.FIRST_NORMAL, 3);
            int x = t.newXid();
            t.transam.commitTree(x, new int[0]);
            t.transam.commitTree(x, new int[0]);   // again: no change, allowed
            assertThrows(IllegalStateException.class, () -> t.transam.abortTree(x, new int[0]));
            assertThrows(IllegalArgumentException.class, () -> t.clog.setTreeStatus(x, new int[0], XidStatus.SUB_COMMITTED));
            assertTrue(t.transam.didCommit(x));
            assertTrue(t.transam.didCommit(TransactionId.BOOTSTRAP));
            assertTrue(t.transam.didCommit(TransactionId.FROZEN));
            assertTrue(t.transam.didAbort(TransactionId.INVALID));
        }
    }

    /**
     * Redo of a commit record after the CLOG page already reached disk with the commit: the
     * subtransactions are marked SUB_COMMITTED on the way again, which must change nothing (startup
     * failed with "transaction N cannot change from COMMITTED to SUB_COMMITTED").
     */
    @Test
    void replayingACommitWithSubtransactionsChangesNothing() {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, 32760), 3);
            int parent = t.newXid();
            int[] subs = new int[20];
            for (int i = 0; i < subs.length; i++) subs[i] = t.newXid();   // pages 0 and 1
            t.transam.commitTree(parent, subs);
            t.transam.commitTree(parent, subs);
            int parent2 = t.newXid();
            int sub2 = t.newXid();   // same page as its parent
            t.transam.commitTree(parent2, new int[] {sub2});
            t.transam.commitTree(parent2, new int[] {sub2});
            assertEquals(XidStatus.COMMITTED, t.clog.getStatus(parent));
            for (int s : subs) assertEquals(XidStatus.COMMITTED, t.clog.getStatus(s), "subxact " + s);
            assertEquals(XidStatus.COMMITTED, t.clog.getStatus(sub2));
            assertThrows(IllegalStateException.class, () -> t.transam.abortTree(parent2, new int[] {sub2}));
        }
    }

    @Test
    void treeAcrossPagesEndsCommitted() {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, 32760), 3);
            int parent = t.newXid();
            int[] subs = new int[20];
            for (int i = 0; i < subs.length; i++) subs[i] = t.newXid();   // pages 0 and 1
            t.transam.commitTree(parent, subs);
            assertEquals(XidStatus.COMMITTED, t.clog.getStatus(parent));
            for (int s : subs) assertEquals(XidStatus.COMMITTED, t.clog.getStatus(s), "subxact " + s);
            int parent2 = t.newXid();
            int sub2 = t.newXid();
            t.transam.abortTree(parent2, new int[] {sub2});
            assertTrue(t.transam.didAbort(parent2));
            assertTrue(t.transam.didAbort(sub2));
        }
    }

    /**
     * Whenever a reader sees the parent committed, every child must already read COMMITTED or
     * SUB_COMMITTED, never IN_PROGRESS: the marking order of TransactionIdSetTreeStatus.
     */
    @Test
    void readersNeverSeeCommittedParentWithRunningChild() throws Exception {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            // Parents fill the end of page 2, their children are on page 3: commit goes through SUB_COMMITTED.
            int trees = 200;
            t.bootstrapAndStart(FullTransactionId.of(0, 32768 * 3 - trees), 3);
            int[][] tree = new int[trees][4];   // [0] is the parent
            for (int i = 0; i < trees; i++) tree[i][0] = t.newXid();
            for (int i = 0; i < trees; i++) for (int j = 1; j < 4; j++) tree[i][j] = t.newXid();
            assertEquals(2, Clog.pageOf(tree[trees - 1][0]));
            assertEquals(3, Clog.pageOf(tree[0][1]));
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> failure = new AtomicReference<>();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(Thread.ofPlatform().start(() -> {
                    while (!done.get() && failure.get() == null) {
                        for (int[] x : tree) {
                            if (t.clog.getStatus(x[0]) != XidStatus.COMMITTED) continue;
                            for (int j = 1; j < 4; j++) {
                                XidStatus s = t.clog.getStatus(x[j]);
                                if (s == XidStatus.IN_PROGRESS) failure.compareAndSet(null, "child " + x[j] + " of committed " + x[0]);
                            }
                        }
                    }
                }));
            }
            for (int[] x : tree) t.transam.commitTree(x[0], new int[] {x[1], x[2], x[3]});
            done.set(true);
            for (Thread r : readers) r.join();
            assertNull(failure.get());
            for (int[] x : tree) for (int xid : x) assertEquals(XidStatus.COMMITTED, t.clog.getStatus(xid));
        }
    }

    @Test
    void truncateRemovesOldSegments() throws Exception {
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, 2 * 1048576 + 10), 3);
            int x = t.newXid();
            t.transam.commitTree(x, new int[0]);
            t.clog.checkPoint();
            // Segment 0000 exists from bootstrap; 0001 never did; 0002 holds x.
            assertTrue(Files.exists(pgXact.resolve("0000")));
            assertFalse(t.clog.truncate(1000));   // cutoff in segment 0000: nothing wholly before it
            assertTrue(t.clog.truncate(2 * 1048576));
            assertFalse(Files.exists(pgXact.resolve("0000")));
            assertTrue(Files.exists(pgXact.resolve("0002")));
            assertTrue(t.transam.didCommit(x));
        }
    }

    @Test
    void startupZeroesStatusesAfterNextXid() {
        int next;
        try (MappedFile shm = region(4)) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.FIRST_NORMAL, 3);
            for (int i = 0; i < 10; i++) t.transam.commitTree(t.newXid(), new int[0]);
            next = t.varSup.readNextFullTransactionId().xid();
            t.clog.checkPoint();
        }
        try (MappedFile shm = region(4)) {
            // A crash left nextXid at 8 in the checkpoint: ids 8.. will be assigned again.
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.start(FullTransactionId.of(0, 8), 3);
            assertEquals(13, next);
            assertEquals(XidStatus.COMMITTED, t.clog.getStatus(7));
            for (int x = 8; x < 13; x++) assertEquals(XidStatus.IN_PROGRESS, t.clog.getStatus(x));
        }
    }
}
