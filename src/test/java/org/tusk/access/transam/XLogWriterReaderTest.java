package org.tusk.access.transam;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

class XLogWriterReaderTest {
    static final int XLOG_NOOP = 0x20;
    static final long SYSID = 7_345_678_901_234_567_890L;
    /** Four pages per segment: records cross segment boundaries often. */
    static final WalSegmentSize SMALL = new WalSegmentSize(32 * 1024);

    @TempDir
    Path pgWal;

    record Written(XLogInsertedRecord pos, byte[] main) {}

    static AssembledXLogRecord noop(byte[] main) {
        return new XLogRecordBuilder().registerData(main).assemble(RmgrId.XLOG, XLOG_NOOP, 0);
    }

    /** First record position of a new cluster: after the long header of segment 1. */
    static long firstRecord(WalSegmentSize s) {
        return s.segmentStart(1) + XLogPageHeader.SIZE_OF_LONG_PHD;
    }

    private XLogFiles files() {
        return new XLogFiles(pgWal, SMALL);
    }

    private List<Written> writeAll(XLogSegmentWriter w, int[] sizes) throws IOException {
        List<Written> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] main = XLogRecordTest.bytes(sizes[i], i);
            out.add(new Written(w.insert(noop(main)), main));
        }
        return out;
    }

    private static List<DecodedXLogRecord> readAll(XLogReader r, long start, List<XLogReadResult.EndOfWal> end) {
        r.beginRead(start);
        List<DecodedXLogRecord> recs = new ArrayList<>();
        while (true) {
            XLogReadResult res = r.readRecord();
            if (res instanceof XLogReadResult.Record(DecodedXLogRecord rec)) {
                recs.add(rec);
            } else {
                end.add((XLogReadResult.EndOfWal) res);
                return recs;
            }
        }
    }

    private static void assertSame(List<Written> written, List<DecodedXLogRecord> read) {
        assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i).pos().startLsn(), read.get(i).lsn(), "start of record " + i);
            assertEquals(written.get(i).pos().endLsn(), read.get(i).endLsn(), "end of record " + i);
            assertArrayEquals(written.get(i).main(), read.get(i).mainData().toArray(ValueLayout.JAVA_BYTE), "record " + i);
            if (i > 0) assertEquals(written.get(i - 1).pos().startLsn(), read.get(i).prev(), "xl_prev of record " + i);
        }
    }

    private MemorySegment readPage(long pageAddr) throws IOException {
        byte[] b = new byte[XLOG_BLCKSZ];
        try (FileChannel ch = FileChannel.open(files().path(1, SMALL.segmentNumber(pageAddr)))) {
            ch.read(ByteBuffer.wrap(b), SMALL.segmentOffset(pageAddr));
        }
        return MemorySegment.ofArray(b);
    }

    @Test
    void recordsSpanPagesAndSegments() throws IOException {
        int[] sizes = {10, 8075, 300, 9000, 5, 70_000, 1, 16_000, 8150, 24, 40_000, 3};
        List<Written> written;
        try (XLogSegmentWriter w = XLogSegmentWriter.open(files(), 1, SYSID, firstRecord(SMALL), XLogRecPtr.INVALID)) {
            written = writeAll(w, sizes);
            assertEquals(written.getLast().pos().endLsn(), w.flush(written.getLast().pos().endLsn()));
        }
        // Record 1 (8075 bytes of main data) ends exactly where record 2's header must be cut by the page end.
        assertEquals(XLOG_BLCKSZ - 8, written.get(2).pos().startLsn() % XLOG_BLCKSZ);
        // A 70000-byte record spans three 32 kB segments.
        long big = written.get(5).pos().startLsn();
        assertTrue(SMALL.segmentNumber(written.get(5).pos().endLsn()) - SMALL.segmentNumber(big) >= 2);
        long segCount;
        try (var s = Files.list(pgWal)) {
            segCount = s.filter(p -> WalSegmentSize.isXLogFileName(p.getFileName().toString())).count();
        }
        assertEquals(SMALL.segmentNumber(written.getLast().pos().endLsn()), segCount);
        try (var s = Files.list(pgWal)) {
            s.forEach(p -> assertEquals(SMALL.bytes(), p.toFile().length(), p.toString()));
        }

        // The page after the big record's first page continues it: flag and remaining length.
        long next = big - big % XLOG_BLCKSZ + XLOG_BLCKSZ;
        XLogPageHeader h = XLogPageHeader.read(readPage(next));
        assertEquals(XLogPageHeader.XLOG_PAGE_MAGIC, h.magic());
        assertEquals(next, h.pageAddr());
        assertEquals(1, h.tli());
        assertEquals(XLogPageHeader.XLP_FIRST_IS_CONTRECORD, h.info() & XLogPageHeader.XLP_FIRST_IS_CONTRECORD);
        int recLen = 24 + 5 + 70_000;
        assertEquals(recLen - (XLOG_BLCKSZ - (int) (big % XLOG_BLCKSZ)), h.remLen());
        XLogPageHeader seg2 = XLogPageHeader.read(readPage(SMALL.segmentStart(2)));
        assertTrue(seg2.isLong());
        assertEquals(SYSID, seg2.sysid());
        assertEquals(SMALL.bytes(), seg2.segSize());
        assertEquals(XLOG_BLCKSZ, seg2.xlogBlcksz());

        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written, readAll(r, firstRecord(SMALL), end));
        }
        long lastEnd = written.getLast().pos().endLsn();
        assertEquals(lastEnd, end.getFirst().lastValidEnd());
        assertEquals("invalid record length at %s: wanted 24, got 0".formatted(XLogRecPtr.format(lastEnd)), end.getFirst().reason());

        // Reading may start at any record, e.g. one whose header straddles a page boundary.
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written.subList(2, written.size()), readAll(r, written.get(2).pos().startLsn(), end));
        }
    }

    @Test
    void placementArithmeticMatchesPostgres() {
        XLogRecordPlacement p = new XLogRecordPlacement(WalSegmentSize.DEFAULT);
        assertEquals(0, p.recPtrToBytePos(0x28));
        assertEquals(0x28, p.bytePosToRecPtr(0));
        // End of the first page of a segment: the next record starts after the next page's short header.
        long firstPageUsable = XLOG_BLCKSZ - 40;
        assertEquals(0x2000, p.bytePosToEndRecPtr(firstPageUsable));
        assertEquals(0x2000 + 24, p.bytePosToRecPtr(firstPageUsable));
        assertEquals(firstPageUsable, p.recPtrToBytePos(0x2000));
        assertEquals(firstPageUsable, p.recPtrToBytePos(0x2018));
        // A record of 8000 bytes at 0/1000028 ends at 0/1001F68; one more byte and it spills to the next page.
        assertEquals(0x1001F68L, p.endOfRecord(0x1000028L, 8000));
        assertEquals(0x1002000L + 24 + 8, p.endOfRecord(0x1000028L, 8000 + 0x98 + 1));
        assertEquals(0x1002018L, p.nextRecordStart(0x1002000L));
        assertThrows(IllegalArgumentException.class, () -> p.recPtrToBytePos(0x2010));
    }

    @Test
    void readerStopsAtZeroedTailInsideARecord() throws IOException {
        List<Written> written = writeFlushed(new int[] {100, 200, 20_000});
        Written last = written.getLast();
        long zeroFrom = last.pos().startLsn() + 4; // xl_tot_len survives, the rest of the record is gone
        zeroFrom(zeroFrom);
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written.subList(0, 2), readAll(r, firstRecord(SMALL), end));
        }
        XLogReadResult.EndOfWal e = end.getFirst();
        assertEquals(written.get(1).pos().endLsn(), e.lastValidEnd());
        assertEquals(last.pos().startLsn(), e.at());
        // The header is still on its page, but its prev-link and CRC are gone.
        assertEquals("record with incorrect prev-link 0/0 at " + XLogRecPtr.format(last.pos().startLsn()), e.reason());
    }

    @Test
    void readerStopsAtZeroedContinuationPage() throws IOException {
        List<Written> written = writeFlushed(new int[] {100, 200, 20_000});
        Written last = written.getLast();
        long nextPage = last.pos().startLsn() - last.pos().startLsn() % XLOG_BLCKSZ + XLOG_BLCKSZ;
        zeroFrom(nextPage);
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written.subList(0, 2), readAll(r, firstRecord(SMALL), end));
        }
        assertEquals(written.get(1).pos().endLsn(), end.getFirst().lastValidEnd());
        assertEquals("invalid magic number 0000 in log segment %s, offset %d"
                .formatted(SMALL.fileNameOf(1, nextPage), SMALL.segmentOffset(nextPage)), end.getFirst().reason());
    }

    @Test
    void readerStopsAtTruncatedSegmentAndMissingSegment() throws IOException {
        List<Written> written = writeFlushed(new int[] {100, 40_000});
        long recStart = written.get(1).pos().startLsn();
        Path seg2 = files().path(1, 2);
        try (FileChannel ch = FileChannel.open(seg2, StandardOpenOption.WRITE)) {
            ch.truncate(4096); // the big record continues on this segment's first page
        }
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written.subList(0, 1), readAll(r, firstRecord(SMALL), end));
        }
        assertEquals(recStart, end.getFirst().at());
        assertEquals(written.getFirst().pos().endLsn(), end.getFirst().lastValidEnd());
        assertEquals("could not read from WAL segment %s, offset 0: read 4096 of 8192".formatted(SMALL.fileName(1, 2)),
                end.getFirst().reason());

        Files.delete(seg2);
        end.clear();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            readAll(r, firstRecord(SMALL), end);
        }
        assertEquals("could not open file \"%s\": No such file or directory".formatted(seg2), end.getFirst().reason());
    }

    @Test
    void readerDetectsChecksumMismatch() throws IOException {
        List<Written> written = writeFlushed(new int[] {100, 200, 300});
        long victim = written.get(1).pos().startLsn() + 24 + 2 + 50; // inside record 1's main data
        MemorySegment page = readPage(victim - victim % XLOG_BLCKSZ);
        int off = (int) (victim % XLOG_BLCKSZ);
        page.set(ValueLayout.JAVA_BYTE, off, (byte) ~page.get(ValueLayout.JAVA_BYTE, off));
        writePage(victim - victim % XLOG_BLCKSZ, page);
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written.subList(0, 1), readAll(r, firstRecord(SMALL), end));
        }
        assertEquals("incorrect resource manager data checksum in record at " + XLogRecPtr.format(written.get(1).pos().startLsn()),
                end.getFirst().reason());
        assertEquals(written.getFirst().pos().endLsn(), end.getFirst().lastValidEnd());
    }

    @Test
    void readerRejectsForeignSystemIdentifier() throws IOException {
        writeFlushed(new int[] {100});
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, 42)) {
            assertEquals(0, readAll(r, firstRecord(SMALL), end).size());
        }
        assertEquals("WAL file is from different database system: WAL file database system identifier is " + SYSID
                + ", pg_control database system identifier is 42", end.getFirst().reason());
        assertEquals(XLogRecPtr.INVALID, end.getFirst().lastValidEnd());
    }

    @Test
    void writerResumesAfterTornTailOverwritingIt() throws IOException {
        List<Written> written = writeFlushed(new int[] {100, 200, 20_000});
        zeroFrom(written.getLast().pos().startLsn() + 4);
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        List<DecodedXLogRecord> valid;
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            valid = readAll(r, firstRecord(SMALL), end);
        }
        long resumeAt = end.getFirst().lastValidEnd();
        List<Written> all = new ArrayList<>(written.subList(0, 2));
        try (XLogSegmentWriter w = XLogSegmentWriter.open(files(), 1, SYSID, resumeAt, valid.getLast().lsn())) {
            assertEquals(resumeAt, w.insertPosition());
            all.addAll(writeAll(w, new int[] {50, 9000}));
            w.flush(w.insertedUpTo());
        }
        end.clear();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(all, readAll(r, firstRecord(SMALL), end));
        }
        assertEquals(all.getLast().pos().endLsn(), end.getFirst().lastValidEnd());
    }

    @Test
    void switchRecordFillsTheSegment() throws IOException {
        List<Written> written = new ArrayList<>();
        try (XLogSegmentWriter w = XLogSegmentWriter.open(files(), 1, SYSID, firstRecord(SMALL), XLogRecPtr.INVALID)) {
            written.addAll(writeAll(w, new int[] {100}));
            XLogInsertedRecord sw = w.insert(new XLogRecordBuilder().assemble(RmgrId.XLOG, XLogSegmentWriter.XLOG_SWITCH, 0));
            assertEquals(SMALL.segmentStart(2), sw.endLsn());
            assertEquals(SMALL.segmentStart(2) + XLogPageHeader.SIZE_OF_LONG_PHD, w.insertPosition());
            written.add(new Written(sw, new byte[0]));
            written.addAll(writeAll(w, new int[] {300}));
            w.flush(w.insertedUpTo());
        }
        List<XLogReadResult.EndOfWal> end = new ArrayList<>();
        try (XLogReader r = new XLogReader(files(), 1, SYSID)) {
            assertSame(written, readAll(r, firstRecord(SMALL), end));
        }
        // Every page after the switch record has a valid header.
        XLogPageHeader last = XLogPageHeader.read(readPage(SMALL.segmentStart(2) - XLOG_BLCKSZ));
        assertEquals(XLogPageHeader.XLOG_PAGE_MAGIC, last.magic());
    }

    @Test
    void flushBeyondInsertedWalFails() throws IOException {
        try (XLogSegmentWriter w = XLogSegmentWriter.open(files(), 1, SYSID, firstRecord(SMALL), XLogRecPtr.INVALID)) {
            XLogInsertedRecord r = w.insert(noop(new byte[10]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.flush(r.endLsn() + 8));
            assertEquals("xlog flush request 0/8058 is not satisfied --- flushed only to 0/8050", e.getMessage());
            assertEquals(r.endLsn(), w.flush(r.endLsn()));
        }
    }

    private List<Written> writeFlushed(int[] sizes) throws IOException {
        try (XLogSegmentWriter w = XLogSegmentWriter.open(files(), 1, SYSID, firstRecord(SMALL), XLogRecPtr.INVALID)) {
            List<Written> written = writeAll(w, sizes);
            w.flush(w.insertedUpTo());
            return written;
        }
    }

    /** Zeroes WAL from {@code lsn} to the end of its segment, as if those writes never reached the disk. */
    private void zeroFrom(long lsn) throws IOException {
        Path seg = files().path(1, SMALL.segmentNumber(lsn));
        int off = SMALL.segmentOffset(lsn);
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(SMALL.bytes() - off), off);
        }
        // Later segments are gone too.
        for (long s = SMALL.segmentNumber(lsn) + 1; Files.exists(files().path(1, s)); s++) Files.delete(files().path(1, s));
    }

    private void writePage(long pageAddr, MemorySegment page) throws IOException {
        try (FileChannel ch = FileChannel.open(files().path(1, SMALL.segmentNumber(pageAddr)), StandardOpenOption.WRITE)) {
            ch.write(page.asByteBuffer(), SMALL.segmentOffset(pageAddr));
        }
    }

    @Test
    void endOfWalIsAResultNotAnException() throws IOException {
        Files.createDirectories(pgWal);
        try (XLogReader r = new XLogReader(files(), 1, 0)) {
            r.beginRead(firstRecord(SMALL));
            assertInstanceOf(XLogReadResult.EndOfWal.class, r.readRecord());
        }
    }
}
