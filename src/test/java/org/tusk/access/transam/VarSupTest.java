package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.testsupport.MappedFile;
import org.tusk.utils.error.PgException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VarSupTest {
    @TempDir
    Path pgXact;

    @Test
    void layoutIsSmallAndZeroMeansNotStarted() {
        assertEquals(64, TransamVariables.LAYOUT.byteSize());
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            assertThrows(IllegalStateException.class, t::newXid);
        }
    }

    @Test
    void concurrentAssignmentGivesUniqueConsecutiveIdsAndPublishesUnderLock() throws Exception {
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.bootstrapAndStart(FullTransactionId.of(0, 32768 - 5000), 3);   // crosses into page 1
            int threads = 8, each = 5000;
            ConcurrentLinkedQueue<Integer> published = new ConcurrentLinkedQueue<>();
            int[][] got = new int[threads][each];
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int me = i;
                ts.add(Thread.ofPlatform().start(() -> {
                    for (int k = 0; k < each; k++) {
                        got[me][k] = t.varSup.getNewTransactionId(xid -> {
                            // Still under XidGenLock: nobody can have been given a later id yet.
                            if (t.vars.xidGenLock().tryAcquire(org.tusk.storage.lmgr.LWLock.Mode.SHARED)) {
                                throw new AssertionError("XidGenLock not held while publishing");
                            }
                            published.add(xid);
                        }).xid();
                    }
                }));
            }
            for (Thread th : ts) th.join();
            int[] all = Arrays.stream(got).flatMapToInt(Arrays::stream).sorted().toArray();
            assertEquals(threads * each, all.length);
            for (int i = 0; i < all.length; i++) assertEquals(32768 - 5000 + i, all[i]);
            assertEquals(threads * each, published.size());
            for (int[] mine : got) for (int k = 1; k < each; k++) assertTrue(mine[k] > mine[k - 1]);
            assertEquals(FullTransactionId.of(0, 32768 - 5000 + threads * each), t.varSup.readNextFullTransactionId());
            // ExtendCLOG made page 1 when 32768 was handed out: its statuses read as in progress.
            assertEquals(XidStatus.IN_PROGRESS, t.clog.getStatus(32768 + 100));
        }
    }

    @Test
    void refusesToWrapPastOldestXid() {
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            int oldest = 1000;
            int wrapLimit = oldest + 0x7FFFFFFF;
            int stopLimit = wrapLimit - 3_000_000;
            t.clog.bootstrap();
            t.setCounters(FullTransactionId.of(0, stopLimit - 2), oldest);
            assertEquals(stopLimit, t.vars.xidStopLimit());
            assertEquals(wrapLimit - 40_000_000, t.vars.xidWarnLimit());
            assertEquals(oldest + 200_000_000, t.vars.xidVacLimit());
            assertEquals(stopLimit - 2, t.newXid());
            assertEquals(stopLimit - 1, t.newXid());
            PgException e = assertThrows(PgException.class, t::newXid);
            assertEquals("54000", e.sqlState());
            assertEquals("database is not accepting commands to avoid wraparound data loss in database with OID 5", e.getMessage());
            assertEquals("Stop the postmaster and vacuum that database in single-user mode.\n"
                    + "You might also need to commit or roll back old prepared transactions, or drop stale replication slots.", e.hint());
            assertEquals(FullTransactionId.of(0, stopLimit), t.varSup.readNextFullTransactionId());   // not advanced
            assertEquals("database with OID 5 must be vacuumed within 3000002 transactions", t.warnings.get(0).getMessage());
            assertEquals(2, t.warnings.size());
            // Vacuum advanced datfrozenxid: assignment resumes.
            t.varSup.setTransactionIdLimit(stopLimit - 100_000_000, 5, VarSup.DEFAULT_AUTOVACUUM_FREEZE_MAX_AGE);
            assertEquals(stopLimit, t.newXid());
        }
    }

    @Test
    void epochAdvancesAndSkipsSpecialIds() {
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            t.clog.bootstrap();
            t.start(FullTransactionId.of(0, 0xFFFF8000), 0xFFFF0000);   // first id of the last page
            for (int i = 0; i < 32767; i++) t.newXid();
            assertEquals(FullTransactionId.of(0, 0xFFFFFFFF), t.varSup.getNewTransactionId(x -> {}));
            FullTransactionId next = t.varSup.getNewTransactionId(x -> {});
            assertEquals(FullTransactionId.of(1, 3), next);
            t.transam.commitTree(0xFFFFFFFF, new int[0]);
            t.transam.commitTree(3, new int[0]);
            assertTrue(t.transam.didCommit(3));
            assertTrue(t.transam.didCommit(0xFFFFFFFF));
            t.clog.checkPoint();
            assertTrue(java.nio.file.Files.exists(pgXact.resolve("0FFF")));
        }
    }

    @Test
    void oidsStartAtFirstNormalObjectId() {
        try (MappedFile shm = MappedFile.create(TestTransam.layout(4).byteSize())) {
            TestTransam t = new TestTransam(shm, 4, pgXact);
            assertEquals(16384, t.varSup.getNewObjectId());   // zero counter forced up
            assertEquals(16385, t.varSup.getNewObjectId());
            t.vars.setCounters(FullTransactionId.FIRST_NORMAL, 0xFFFFFFFF);
            assertEquals(0xFFFFFFFF, t.varSup.getNewObjectId());
            assertEquals(16384, t.varSup.getNewObjectId());   // wrapped: never 0, never a system OID
        }
    }
}
