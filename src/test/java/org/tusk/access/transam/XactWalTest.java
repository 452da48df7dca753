package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.storage.smgr.ForkNumber;
import org.tusk.storage.smgr.RelFileLocator;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.smgr.SyncRequestHook;
import org.tusk.utils.error.PgException;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Commit and abort records with subtransactions and relation files, CLOG_ZEROPAGE, their redo
 * after a "crash" (fresh shared memory over the same files), pg_waldump's reading of them, and
 * the CLOG group LSNs of asynchronous commits.
 */
class XactWalTest {
    static final RelFileLocator REL = new RelFileLocator(1663, 5, 16384);

    @TempDir
    Path dataDir;

    @Test
    void recordsEncodeAsPostgresLaysThemOut() {
        XactRecords.Encoded plain = XactRecords.encode(Xact.XLOG_XACT_COMMIT, 77, new int[0], new RelFileLocator[0]);
        assertEquals(0x00, plain.info());
        assertEquals(8, plain.data().length, "xl_xact_commit alone");
        XactRecords.Encoded e = XactRecords.encode(Xact.XLOG_XACT_ABORT, 77, new int[] {10, 11}, new RelFileLocator[] {REL});
        assertEquals(0x20 | 0x80, e.info(), "XLOG_XACT_ABORT | XLOG_XACT_HAS_INFO");
        assertEquals(8 + 4 + 4 + 8 + 4 + 12, e.data().length);
        assertEquals(6, e.data()[8], "xinfo: HAS_SUBXACTS | HAS_RELFILENODES");
        assertEquals(2, e.data()[12], "nsubxacts");
        assertEquals(1, e.data()[24], "nrels");
        XactRecords.Parsed p = XactRecords.parse(e.info(), MemorySegment.ofArray(e.data()));
        assertEquals(77, p.xactTime());
        assertArrayEquals(new int[] {10, 11}, p.subxacts());
        assertArrayEquals(new RelFileLocator[] {REL}, p.rels());
    }

    private static List<DecodedXLogRecord> readWal(Path dataDir) {
        List<DecodedXLogRecord> out = new ArrayList<>();
        try (XLogReader r = new XLogReader(new XLogFiles(dataDir.resolve("pg_wal"), XactCluster.SEG), XactCluster.TLI,
                XactCluster.SYSID)) {
            r.beginRead(XactCluster.FIRST_RECORD);
            while (r.readRecord() instanceof XLogReadResult.Record(DecodedXLogRecord rec)) out.add(rec);
        }
        return out;
    }

    /** A fresh region over the same data directory, as after a crash: replays {@code records}. */
    private static FullTransactionId replay(Path dataDir, List<DecodedXLogRecord> records) throws Exception {
        Path shm = Files.createTempFile(Path.of("/dev/shm"), "tusk-xact-redo.", ".shm");
        Files.delete(shm);
        SharedMemoryMap region = SharedMemoryMap.create(shm, new ShmemRegion.Sizing(12, 6, 1024, 64, 8), 1);
        try {
            TransamVariables vars = region.transamVariables();
            vars.setCounters(FullTransactionId.FIRST_NORMAL, VarSup.FIRST_NORMAL_OBJECT_ID);
            Clog clog = new Clog(region.clogShared(), dataDir.resolve("pg_xact"));
            clog.startup(TransactionId.FIRST_NORMAL);
            StorageManager smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY);
            BufferManager buffers = new BufferManager(region.bufferPool(), new SmgrBlockIO(smgr, lsn -> { }));
            RedoContext ctx = new RedoContext(buffers, smgr, clog, vars);
            for (DecodedXLogRecord rec : records) {
                if (rec.rmgr() == RmgrId.XACT) Xact.redo(rec, clog, vars, ctx);
                else RmgrTable.redoHandler(rec.rmgr()).redo(rec, ctx);
            }
            // The end-of-recovery checkpoint's part: what redo left goes to pg_xact.
            clog.checkPoint();
            return vars.nextXid();
        } finally {
            region.region().destroy();
        }
    }

    /** A CLOG handle on fresh buffers: reads what is in pg_xact. */
    private static Clog fromDisk(Path dataDir) {
        return new Clog(Clog.shared(java.lang.foreign.Arena.ofAuto().allocate(Clog.layout(4)), 4), dataDir.resolve("pg_xact"));
    }

    @Test
    void commitWithSubxactsAndRelfilenodesRoundTripsThroughRedo() throws Exception {
        StorageManager smgr = new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY);
        int top, s1, s2, aborted, abortedChild;
        try (XactCluster cluster = new XactCluster(dataDir)) {
            smgr.create(REL, ForkNumber.MAIN, false);
            var b = cluster.backend(1);
            top = b.xact().getCurrentTransactionId();
            b.xact().beginSubTransaction("a");
            s1 = b.xact().getCurrentTransactionId();
            b.xact().releaseSavepoint("a");
            b.xact().beginSubTransaction("b");
            s2 = b.xact().getCurrentTransactionId();
            b.xact().beginSubTransaction("c");
            b.xact().releaseSavepoint("c");   // no xid: not a child
            b.xact().commitSubTransaction();
            b.xact().beginSubTransaction("d");
            aborted = b.xact().getCurrentTransactionId();
            b.xact().beginSubTransaction("e");
            abortedChild = b.xact().getCurrentTransactionId();
            b.xact().commitSubTransaction();
            b.xact().abortSubTransaction();
            b.xact().commit(true, new RelFileLocator[] {REL});
        }
        List<DecodedXLogRecord> wal = readWal(dataDir);
        DecodedXLogRecord zero = wal.getFirst();
        assertEquals(RmgrId.CLOG, zero.rmgr(), "the first id's CLOG page creation is logged first");
        assertEquals(Clog.CLOG_ZEROPAGE, zero.info() & 0xF0);
        DecodedXLogRecord subAbort = wal.stream().filter(r -> r.rmgr() == RmgrId.XACT && r.xid() == aborted).findFirst().orElseThrow();
        assertEquals(Xact.XLOG_XACT_ABORT, subAbort.info() & XactRecords.XLOG_XACT_OPMASK);
        assertArrayEquals(new int[] {abortedChild}, XactRecords.parse(subAbort.info(), subAbort.mainData()).subxacts());
        DecodedXLogRecord commit = wal.getLast();
        assertEquals(RmgrId.XACT, commit.rmgr());
        assertEquals(top, commit.xid());
        XactRecords.Parsed p = XactRecords.parse(commit.info(), commit.mainData());
        assertArrayEquals(new int[] {s1, s2}, p.subxacts(), "committed subtransactions, not the aborted ones");
        assertArrayEquals(new RelFileLocator[] {REL}, p.rels());

        // Crash: no checkpoint wrote the CLOG since initdb's empty page; the relation file is still there.
        assertArrayEquals(new byte[8192], Files.readAllBytes(dataDir.resolve("pg_xact/0000")));
        assertTrue(smgr.exists(REL, ForkNumber.MAIN));
        FullTransactionId nextXid = replay(dataDir, wal);
        assertFalse(new StorageManager(dataDir, SyncRequestHook.FSYNC_IMMEDIATELY).exists(REL, ForkNumber.MAIN),
                "redo dropped the file");
        assertTrue(TransactionId.precedes(abortedChild, nextXid.xid()), "nextXid moved past every replayed xid");
        Clog after = fromDisk(dataDir);
        assertEquals(XidStatus.COMMITTED, after.getStatus(top));
        assertEquals(XidStatus.COMMITTED, after.getStatus(s1));
        assertEquals(XidStatus.COMMITTED, after.getStatus(s2));
        assertEquals(XidStatus.ABORTED, after.getStatus(aborted));
        assertEquals(XidStatus.ABORTED, after.getStatus(abortedChild));
    }

    /**
     * A page created by ExtendCLOG is WAL-logged; its redo zeroes and writes it, so the commit that
     * follows finds it even though no checkpoint wrote it. Without the record, redo of the commit
     * fails: the old workaround that zeroed a missing page is gone.
     */
    @Test
    void clogZeropageRedoCreatesThePageACommitNeeds() throws Exception {
        int onNewPage;
        try (XactCluster cluster = new XactCluster(dataDir, new FullTransactionId(Clog.XACTS_PER_PAGE - 2))) {
            var b = cluster.backend(1);
            for (int i = 0; i < 2; i++) {
                b.xact().getCurrentTransactionId();
                b.xact().commit(true);
            }
            onNewPage = b.xact().getCurrentTransactionId();
            assertEquals(1, Clog.pageOf(onNewPage));
            b.xact().commit(true);
        }
        List<DecodedXLogRecord> wal = readWal(dataDir);
        List<DecodedXLogRecord> zeroPages = wal.stream().filter(r -> r.rmgr() == RmgrId.CLOG).toList();
        assertEquals(1, zeroPages.size());
        assertEquals(1, zeroPages.getFirst().mainData().get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 0),
                "CLOG_ZEROPAGE carries the page number");
        assertEquals(8192, Files.size(dataDir.resolve("pg_xact/0000")), "page 1 was never written");

        List<DecodedXLogRecord> withoutZeroPage = wal.stream().filter(r -> r.rmgr() != RmgrId.CLOG).toList();
        assertThrows(PgException.class, () -> replay(dataDir, withoutZeroPage));

        replay(dataDir, wal);
        assertEquals(2 * 8192, Files.size(dataDir.resolve("pg_xact/0000")));
        assertEquals(XidStatus.COMMITTED, fromDisk(dataDir).getStatus(onNewPage));
    }

    @Test
    void pgWaldumpDescribesCommitAbortAndZeropage() throws Exception {
        Path waldump = Path.of("/usr/lib/postgresql/15/bin/pg_waldump");
        assumeTrue(Files.isExecutable(waldump), "pg_waldump of PostgreSQL 15 not installed");
        int top, sub, aborted;
        try (XactCluster cluster = new XactCluster(dataDir)) {
            var b = cluster.backend(1);
            top = b.xact().getCurrentTransactionId();
            b.xact().beginSubTransaction("x");
            sub = b.xact().getCurrentTransactionId();
            b.xact().commitSubTransaction();
            b.xact().beginSubTransaction("y");
            aborted = b.xact().getCurrentTransactionId();
            b.xact().abortSubTransaction(new RelFileLocator[] {new RelFileLocator(1663, 5, 16500)});
            b.xact().commit(true, new RelFileLocator[] {REL});
        }
        ProcessBuilder pb = new ProcessBuilder(waldump.toString(), "-p", dataDir.resolve("pg_wal").toString(), "-s",
                "%X/%08X".formatted(XactCluster.FIRST_RECORD >>> 32, XactCluster.FIRST_RECORD & 0xFFFFFFFFL));
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        Process proc = pb.start();
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(30, TimeUnit.SECONDS));
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out + err);
        assertTrue(lines.get(0).contains("rmgr: CLOG") && lines.get(0).contains("desc: ZEROPAGE page 0"), lines.get(0));
        assertTrue(lines.get(1).contains("rmgr: Transaction") && lines.get(1).matches(".*tx: +" + aborted + ",.*")
                && lines.get(1).contains("desc: ABORT ") && lines.get(1).contains("rels: base/5/16500"), lines.get(1));
        assertTrue(lines.get(2).matches(".*tx: +" + top + ",.*") && lines.get(2).contains("desc: COMMIT ")
                && lines.get(2).contains("; rels: base/5/16384; subxacts: " + sub), lines.get(2));
    }

    /**
     * Asynchronous commit: the commit record's end becomes the group LSN of its CLOG group, and
     * the page is not written before WAL is flushed that far.
     */
    @Test
    void asyncCommitSetsTheGroupLsnAndHoldsThePageBackUntilWalIsFlushed() throws Exception {
        try (XactCluster cluster = new XactCluster(dataDir)) {
            var b = cluster.backend(1);
            var reader = cluster.backend(2);
            int sync = b.xact().getCurrentTransactionId();
            b.xact().commit(true);
            assertEquals(0, reader.oracle().commitLsn(sync), "a synchronous commit leaves no group LSN");
            int async = b.xact().getCurrentTransactionId();
            b.xact().commit(false);
            long lsn = reader.oracle().commitLsn(async);
            assertTrue(lsn > 0);
            assertEquals(b.xlog().get().getInsertRecPtr(), lsn, "the end of the commit record (the last one)");
            assertEquals(lsn, reader.clog().getStatusAndLsn(sync).lsn(), "one LSN per group of 32 ids");
            assertTrue(reader.oracle().walNeedsFlush(lsn), "asynchronous: not flushed yet");
            assertTrue(reader.oracle().didCommit(async), "but committed in the CLOG");

            // A process that cannot flush WAL must not write the page out.
            Clog noWal = new Clog(cluster.shmem.clogShared(), dataDir.resolve("pg_xact"));
            assertThrows(IllegalStateException.class, noWal::checkPoint);
            assertTrue(reader.oracle().walNeedsFlush(lsn));

            reader.clog().checkPoint();
            assertFalse(reader.oracle().walNeedsFlush(lsn), "writing the page flushed WAL past its group LSN first");
            assertTrue(Long.compareUnsigned(b.xlog().get().getFlushRecPtr(), lsn) >= 0);
        }
    }
}
