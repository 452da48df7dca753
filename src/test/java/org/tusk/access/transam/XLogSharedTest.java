package org.tusk.access.transam;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tusk.testsupport.MappedFile;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * The shared WAL buffers with threads standing in for processes: each thread binds its own
 * {@link XLogCtl} accessor and {@link XLog} handle to the one mapped region, as a process would.
 */
class XLogSharedTest {
    static final long SYSID = 7_111_222_333_444_555_666L;
    static final int TLI = 1;
    /** Four pages per segment and four WAL buffers: the ring wraps and inserters wait for write-outs. */
    static final WalSegmentSize SMALL = new WalSegmentSize(32 * 1024);
    static final int NBUF = 4;

    @TempDir
    Path pgWal;

    private final List<MappedFile> regions = new ArrayList<>();

    @AfterEach
    void unmap() {
        for (MappedFile f : regions) f.close();
    }

    private MappedFile newRegion(int nbuf) {
        MappedFile f = MappedFile.create(XLogCtl.layout(nbuf).byteSize());
        regions.add(f);
        return f;
    }

    static long firstRecord(WalSegmentSize s) {
        return s.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
    }

    /** A process's handle on the region: its own accessor objects, as after attaching. */
    private XLog process(MappedFile region, int nbuf, WalSyncSettings sync, int procNumber) {
        return new XLog(new XLogCtl(region.segment(), nbuf), new XLogFiles(pgWal, SMALL), sync, procNumber);
    }

    private static WalSyncSettings noSync() {
        return WalSyncSettings.of(false, WalSyncMethod.FDATASYNC);
    }

    /** Main data: thread, sequence, then bytes that depend on both (so a misplaced byte shows). */
    static byte[] payload(int thread, int seq, int fill) {
        byte[] b = new byte[8 + fill];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(thread).putInt(seq);
        for (int i = 0; i < fill; i++) b[8 + i] = (byte) (i * 31 + thread * 7 + seq);
        return b;
    }

    static AssembledXLogRecord noop(byte[] main) {
        return XLogWriterReaderTest.noop(main);
    }

    private List<DecodedXLogRecord> readAll(long start, long expectedEnd) {
        try (XLogReader r = new XLogReader(new XLogFiles(pgWal, SMALL), TLI, SYSID)) {
            r.beginRead(start);
            List<DecodedXLogRecord> out = new ArrayList<>();
            while (true) {
                XLogReadResult res = r.readRecord();
                if (res instanceof XLogReadResult.Record(DecodedXLogRecord rec)) {
                    if (!out.isEmpty()) assertEquals(out.getLast().lsn(), rec.prev(), "xl_prev of record at " + XLogRecPtr.format(rec.lsn()));
                    out.add(rec);
                } else {
                    XLogReadResult.EndOfWal end = (XLogReadResult.EndOfWal) res;
                    assertEquals(XLogRecPtr.format(expectedEnd), XLogRecPtr.format(end.lastValidEnd()),
                            "end of valid WAL (" + end.reason() + ")");
                    return out;
                }
            }
        }
    }

    record Inserted(int thread, int seq, XLogInsertedRecord pos, int fill) {}

    /** Runs {@code body(thread)} on {@code n} threads started together; rethrows the first failure. */
    private static void runThreads(int n, ThreadBody body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(n);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int id = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread th : threads) {
            th.join(120_000);
            assertFalse(th.isAlive(), "a thread is stuck");
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("a thread failed", failures.getFirst());
            throw e;
        }
    }

    @FunctionalInterface
    interface ThreadBody {
        void run(int thread) throws Exception;
    }

    @Test
    void concurrentInsertersProduceOneIntactStream() throws Exception {
        MappedFile region = newRegion(NBUF);
        new XLogCtl(region.segment(), NBUF).initialize(SMALL, firstRecord(SMALL), XLogRecPtr.INVALID, null, TLI, SYSID);
        int threads = 6, perThread = 250;
        ConcurrentHashMap<Long, Inserted> byLsn = new ConcurrentHashMap<>();
        AtomicLong maxEnd = new AtomicLong();
        runThreads(threads, t -> {
            Random rnd = new Random(t * 1000L + 17);
            try (XLog xlog = process(region, NBUF, noSync(), t)) {
                for (int i = 0; i < perThread; i++) {
                    // Mostly small records, some spanning pages, a few longer than the whole ring.
                    int fill = switch (rnd.nextInt(20)) {
                        case 0 -> 40_000 + rnd.nextInt(10_000);
                        case 1, 2, 3 -> 5_000 + rnd.nextInt(10_000);
                        default -> rnd.nextInt(300);
                    };
                    XLogInsertedRecord pos = xlog.insert(noop(payload(t, i, fill)));
                    assertTrue(Long.compareUnsigned(pos.startLsn(), pos.endLsn()) < 0);
                    byLsn.put(pos.startLsn(), new Inserted(t, i, pos, fill));
                    maxEnd.accumulateAndGet(pos.endLsn(), Math::max);
                    if (rnd.nextInt(10) == 0) {
                        xlog.flush(pos.endLsn());
                        assertTrue(Long.compareUnsigned(xlog.getFlushRecPtr(), pos.endLsn()) >= 0);
                    }
                    if (rnd.nextInt(50) == 0) xlog.backgroundFlush(rnd.nextBoolean());
                }
            }
        });
        try (XLog xlog = process(region, NBUF, noSync(), 0)) {
            xlog.flush(maxEnd.get());
            assertEquals(maxEnd.get(), xlog.getFlushRecPtr());
            assertEquals(xlog.getWriteRecPtr(), xlog.getFlushRecPtr());
        }

        List<DecodedXLogRecord> recs = readAll(firstRecord(SMALL), maxEnd.get());
        assertEquals(threads * perThread, recs.size());
        int[] nextSeq = new int[threads];
        for (DecodedXLogRecord rec : recs) {
            Inserted ins = byLsn.get(rec.lsn());
            assertNotNull(ins, "no insertion returned " + XLogRecPtr.format(rec.lsn()));
            assertEquals(ins.pos().endLsn(), rec.endLsn());
            assertArrayEquals(payload(ins.thread(), ins.seq(), ins.fill()), rec.mainData().toArray(ValueLayout.JAVA_BYTE));
            assertEquals(nextSeq[ins.thread()]++, ins.seq(), "thread " + ins.thread() + "'s records out of order");
        }
    }

    @Test
    void concurrentCommitsShareFsyncs() throws Exception {
        MappedFile region = newRegion(64);
        new XLogCtl(region.segment(), 64).initialize(SMALL, firstRecord(SMALL), XLogRecPtr.INVALID, null, TLI, SYSID);
        AtomicInteger fsyncs = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        // A slow disk: while one process fsyncs, the others' commit records pile up behind it.
        WalSyncSettings slow = new WalSyncSettings(true, WalSyncMethod.FDATASYNC, (ch, meta) -> {
            assertFalse(meta, "fdatasync must not force metadata");
            fsyncs.incrementAndGet();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            }
            ch.force(meta);
        });
        int threads = 8, perThread = 25;
        runThreads(threads, t -> {
            try (XLog xlog = process(region, 64, slow, t)) {
                for (int i = 0; i < perThread; i++) {
                    XLogInsertedRecord commit = xlog.insert(noop(payload(t, i, 50)));
                    xlog.flush(commit.endLsn());
                    assertTrue(Long.compareUnsigned(xlog.getFlushRecPtr(), commit.endLsn()) >= 0);
                    commits.incrementAndGet();
                }
            }
        });
        assertEquals(threads * perThread, commits.get());
        assertTrue(fsyncs.get() < commits.get() / 2,
                "group commit: " + fsyncs.get() + " fsyncs for " + commits.get() + " commits");
        assertTrue(fsyncs.get() > 0);
    }

    @Test
    void fsyncOffForcesNothingAndFsyncMethodForcesMetadata() throws Exception {
        for (boolean on : new boolean[] {false, true}) {
            MappedFile region = newRegion(NBUF);
            new XLogCtl(region.segment(), NBUF).initialize(SMALL, firstRecord(SMALL), XLogRecPtr.INVALID, null, TLI, SYSID);
            AtomicInteger forced = new AtomicInteger();
            WalSyncSettings s = new WalSyncSettings(on, WalSyncMethod.FSYNC, (ch, meta) -> {
                assertTrue(meta);
                forced.incrementAndGet();
            });
            try (XLog xlog = process(region, NBUF, s, 0)) {
                XLogInsertedRecord r = xlog.insert(noop(payload(0, 0, 10)));
                xlog.flush(r.endLsn());
                assertEquals(r.endLsn(), xlog.getFlushRecPtr());
            }
            assertEquals(on ? 1 : 0, forced.get());
            pgWal.resolve(SMALL.fileName(TLI, 1)).toFile().delete();
        }
    }

    @Test
    void insertionContinuesAtTheEndOfWalAfterARestart() throws Exception {
        long first = firstRecord(SMALL);
        MappedFile region = newRegion(NBUF);
        new XLogCtl(region.segment(), NBUF).initialize(SMALL, first, XLogRecPtr.INVALID, null, TLI, SYSID);
        long end1;
        try (XLog xlog = process(region, NBUF, noSync(), 0)) {
            XLogInsertedRecord last = null;
            for (int i = 0; i < 37; i++) last = xlog.insert(noop(payload(0, i, i * 97 % 1500)));
            end1 = last.endLsn();
            assertTrue(end1 % XLOG_BLCKSZ != 0, "the test wants a partly filled last page");
            xlog.flush(end1);
        }

        // "Restart": a fresh region, initialised from what recovery read.
        long endOfWal;
        long lastRecord;
        try (XLogReader r = new XLogReader(new XLogFiles(pgWal, SMALL), TLI, SYSID)) {
            r.beginRead(first);
            XLogReadResult res;
            while ((res = r.readRecord()) instanceof XLogReadResult.Record) { /* replay */ }
            endOfWal = assertInstanceOf(XLogReadResult.EndOfWal.class, res).lastValidEnd();
            lastRecord = r.readRecPtr();
        }
        assertEquals(end1, endOfWal);
        MemorySegment lastPage = MemorySegment.ofArray(new byte[XLOG_BLCKSZ]);
        new XLogFiles(pgWal, SMALL).readPage(TLI, endOfWal - endOfWal % XLOG_BLCKSZ, lastPage);
        MappedFile region2 = newRegion(NBUF);
        new XLogCtl(region2.segment(), NBUF).initialize(SMALL, endOfWal, lastRecord, lastPage, TLI, SYSID);

        AtomicLong maxEnd = new AtomicLong();
        runThreads(3, t -> {
            try (XLog xlog = process(region2, NBUF, noSync(), t)) {
                for (int i = 0; i < 40; i++) {
                    maxEnd.accumulateAndGet(xlog.insert(noop(payload(t + 1, i, (t * 13 + i * 211) % 3000))).endLsn(), Math::max);
                }
            }
        });
        try (XLog xlog = process(region2, NBUF, noSync(), 0)) {
            xlog.flush(maxEnd.get());
        }
        List<DecodedXLogRecord> recs = readAll(first, maxEnd.get());
        assertEquals(37 + 3 * 40, recs.size());
        assertEquals(lastRecord, recs.get(37).prev(), "the first record after the restart links to the last before it");
        for (int i = 0; i < 37; i++) {
            assertArrayEquals(payload(0, i, i * 97 % 1500), recs.get(i).mainData().toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void endOfWalInsideAPageNeedsThatPage() {
        MappedFile region = newRegion(NBUF);
        long mid = firstRecord(SMALL) + 200;
        assertThrows(IllegalArgumentException.class,
                () -> new XLogCtl(region.segment(), NBUF).initialize(SMALL, mid, XLogRecPtr.INVALID, null, TLI, SYSID));
    }

    @Test
    void switchRecordFillsTheRestOfItsSegment() throws Exception {
        MappedFile region = newRegion(NBUF);
        new XLogCtl(region.segment(), NBUF).initialize(SMALL, firstRecord(SMALL), XLogRecPtr.INVALID, null, TLI, SYSID);
        XLogInsertedRecord before, sw, after;
        try (XLog xlog = process(region, NBUF, noSync(), 0)) {
            before = xlog.insert(noop(payload(0, 0, 100)));
            sw = xlog.insert(new XLogRecordBuilder().assemble(RmgrId.XLOG, XLogSegmentWriter.XLOG_SWITCH, 0));
            assertEquals(SMALL.segmentStart(2), sw.endLsn());
            assertEquals(sw.endLsn(), xlog.getFlushRecPtr(), "a switch is flushed at once");
            XLogInsertedRecord again = xlog.insert(new XLogRecordBuilder().assemble(RmgrId.XLOG, XLogSegmentWriter.XLOG_SWITCH, 0));
            assertEquals(new XLogInsertedRecord(sw.endLsn(), sw.endLsn()), again, "nothing to switch at a segment start");
            after = xlog.insert(noop(payload(0, 1, 100)));
            assertEquals(SMALL.segmentStart(2) + XLogPageHeader.SIZE_OF_LONG_PHD, after.startLsn());
            xlog.flush(after.endLsn());
        }
        List<DecodedXLogRecord> recs = readAll(firstRecord(SMALL), after.endLsn());
        assertEquals(List.of(before.startLsn(), sw.startLsn(), after.startLsn()), recs.stream().map(DecodedXLogRecord::lsn).toList());
    }

    @Test
    void flushPastTheEndOfWalIsRefused() throws Exception {
        MappedFile region = newRegion(NBUF);
        new XLogCtl(region.segment(), NBUF).initialize(SMALL, firstRecord(SMALL), XLogRecPtr.INVALID, null, TLI, SYSID);
        try (XLog xlog = process(region, NBUF, noSync(), 0)) {
            XLogInsertedRecord r = xlog.insert(noop(payload(0, 0, 10)));
            assertThrows(IllegalArgumentException.class, () -> xlog.flush(r.endLsn() + 8192));
            xlog.flush(r.endLsn());
        }
    }

    @Test
    void waitingForInsertionsSleepsUntilTheHolderProgressesOrReleases() throws Exception {
        MappedFile region = newRegion(NBUF);
        XLogInsertLocks holder = new XLogCtl(region.segment(), NBUF).insertLocks();
        XLogInsertLocks waiter = new XLogCtl(region.segment(), NBUF).insertLocks();
        holder.acquire(3);
        AtomicLong result = new AtomicLong(-1);
        Thread w = Thread.ofPlatform().start(() -> result.set(waiter.waitForInsertions(1000, 5000)));
        Thread.sleep(100);
        assertTrue(w.isAlive(), "insertingAt 0: the holder may still be copying anything");
        holder.updateInsertingAt(3, 800);
        Thread.sleep(100);
        assertTrue(w.isAlive(), "the holder is still before 1000");
        holder.updateInsertingAt(3, 1200);
        w.join(5000);
        assertFalse(w.isAlive());
        assertEquals(1200, result.get(), "finished up to where the holder is");

        w = Thread.ofPlatform().start(() -> result.set(waiter.waitForInsertions(1300, 5000)));
        Thread.sleep(100);
        assertTrue(w.isAlive());
        holder.release(3);
        w.join(5000);
        assertFalse(w.isAlive());
        assertEquals(5000, result.get(), "no insertion in progress: finished up to the reserved end");
    }

    @Test
    void numberOfBuffersFollowsPostgres() {
        assertEquals(512, XLogCtl.chooseNumBuffers(-1, 16384));
        assertEquals(8, XLogCtl.chooseNumBuffers(-1, 16));
        assertEquals(2048, XLogCtl.chooseNumBuffers(-1, 1 << 20));
        assertEquals(4, XLogCtl.chooseNumBuffers(1, 16384));
        assertEquals(100, XLogCtl.chooseNumBuffers(100, 16384));
    }

    @Test
    void insertingBeforeStartupIsRefused() throws IOException {
        MappedFile region = newRegion(NBUF);
        try (XLog xlog = process(region, NBUF, noSync(), 0)) {
            assertThrows(IllegalStateException.class, () -> xlog.insert(noop(payload(0, 0, 1))));
        }
    }
}
