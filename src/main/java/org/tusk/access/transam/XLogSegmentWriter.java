package org.tusk.access.transam;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * A single-process WAL writer: inserts records one after another into the segment files of
 * {@code pg_wal} and makes them durable on request (the parts of PostgreSQL's XLogInsertRecord,
 * XLogWrite and XLogFlush that do not concern shared buffers or concurrency). Not thread-safe.
 *
 * <p>It keeps only the page being filled in memory. A page is written out when the next page is
 * needed and, partially, by {@link #flush}; a segment is fsynced when the writer moves on from it,
 * as XLogWrite does, so a flush only ever needs to fsync the current segment.
 *
 * <p>After an I/O error the writer refuses all further work: it cannot know what reached the
 * disk, and PostgreSQL PANICs in the same situation.
 */
public final class XLogSegmentWriter implements AutoCloseable {
    /** xlog.h / pg_control.h: info of the XLOG resource manager's segment-switch record. */
    public static final int XLOG_SWITCH = 0x40;

    private final XLogFiles files;
    private final XLogRecordPlacement placement;
    private final WalSegmentSize segSize;
    private final int tli;
    private final long sysid;
    private final MemorySegment page = MemorySegment.ofArray(new byte[XLOG_BLCKSZ]);

    /** Reserved usable-byte position of the next record (Insert->CurrBytePos). */
    private long currBytePos;
    /** Start of the last record, for the next one's xl_prev. */
    private long prevRecordLsn;
    /** End of the last record inserted, and how far WAL is known durable. */
    private long insertedUpTo;
    private long flushedUpTo;
    /** The page held in {@link #page}, -1 when none. */
    private long pageAddr = -1;
    private long openSegNo = -1;
    private FileChannel segment;
    private boolean failed;

    private XLogSegmentWriter(XLogFiles files, int tli, long sysid) {
        this.files = files;
        this.segSize = files.segmentSize();
        this.placement = new XLogRecordPlacement(segSize);
        this.tli = tli;
        this.sysid = sysid;
    }

    /**
     * Opens a writer that appends after existing WAL.
     *
     * @param startLsn      where the next record goes: the end of the last valid record
     *                      ({@code EndRecPtr} after recovery), or the first record position of a
     *                      new cluster; everything from here to the end of its page is discarded
     * @param prevRecordLsn start of the last valid record, {@link XLogRecPtr#INVALID} if none
     */
    public static XLogSegmentWriter open(XLogFiles files, int tli, long sysid, long startLsn, long prevRecordLsn)
            throws IOException {
        XLogSegmentWriter w = new XLogSegmentWriter(files, tli, sysid);
        w.currBytePos = w.placement.recPtrToBytePos(startLsn);
        w.prevRecordLsn = prevRecordLsn;
        long start = w.placement.bytePosToRecPtr(w.currBytePos);
        w.insertedUpTo = startLsn;
        w.flushedUpTo = startLsn;
        long addr = start - start % XLOG_BLCKSZ;
        int off = (int) (start - addr);
        if (off > w.placement.pageHeaderSize(addr)) {
            // Continue on the partly filled page: keep what precedes startLsn, clear what follows,
            // which may be the torn remains of a record that never completed.
            w.switchSegment(w.segSize.segmentNumber(addr));
            ByteBuffer buf = w.page.asByteBuffer();
            long fileOff = w.segSize.segmentOffset(addr);
            while (buf.hasRemaining()) {
                if (w.segment.read(buf, fileOff + buf.position()) < 0) throw new IOException("unexpected end of WAL file");
            }
            w.page.asSlice(off).fill((byte) 0);
            w.pageAddr = addr;
        }
        return w;
    }

    /** Where the next record will start. */
    public long insertPosition() {
        return placement.bytePosToRecPtr(currBytePos);
    }

    /** End of the last record inserted ({@code XactLastRecEnd}-like). */
    public long insertedUpTo() {
        return insertedUpTo;
    }

    public long flushedUpTo() {
        return flushedUpTo;
    }

    /**
     * XLogInsertRecord: reserves space for the record, links it to the previous one, computes its
     * CRC and copies it into WAL pages. An XLOG_SWITCH record also consumes the rest of its segment.
     */
    public XLogInsertedRecord insert(AssembledXLogRecord record) throws IOException {
        checkUsable();
        MemorySegment header = record.bytes();
        boolean isSwitch = WalBytes.u8(header, XLogRecord.OFF_RMID) == RmgrId.XLOG.id()
                && (WalBytes.u8(header, XLogRecord.OFF_INFO) & XLogRecord.XLR_RMGR_INFO_MASK) == XLOG_SWITCH;
        long startBytePos = currBytePos;
        long endBytePos = startBytePos + XLogRecordPlacement.reservedSize(record.totalLength());
        if (isSwitch) {
            long here = placement.bytePosToEndRecPtr(startBytePos);
            if (segSize.segmentOffset(here) == 0) return new XLogInsertedRecord(here, here); // already at a segment start
            long nextSeg = segSize.segmentStart(segSize.segmentNumber(here) + 1);
            endBytePos = placement.recPtrToBytePos(nextSeg);
        }
        long start = placement.bytePosToRecPtr(startBytePos);
        long end = placement.bytePosToEndRecPtr(endBytePos);
        failed = true;
        placement.copyRecord(record.finish(prevRecordLsn), start, this::page);
        if (isSwitch) {
            // Give every remaining page of the segment its header, as CopyXLogRecordToWAL does.
            for (long p = pageAddr + XLOG_BLCKSZ; Long.compareUnsigned(p, end) < 0; p += XLOG_BLCKSZ) page(p);
        }
        failed = false;
        currBytePos = endBytePos;
        prevRecordLsn = start;
        insertedUpTo = end;
        return new XLogInsertedRecord(start, end);
    }

    /**
     * XLogFlush: makes WAL durable at least up to {@code upTo} (in fact up to everything inserted).
     *
     * @return how far WAL is now durable
     */
    public long flush(long upTo) throws IOException {
        checkUsable();
        if (Long.compareUnsigned(upTo, flushedUpTo) <= 0) return flushedUpTo;
        if (Long.compareUnsigned(upTo, insertedUpTo) > 0) {
            throw new IllegalArgumentException("xlog flush request %s is not satisfied --- flushed only to %s"
                    .formatted(XLogRecPtr.format(upTo), XLogRecPtr.format(insertedUpTo)));
        }
        failed = true;
        if (pageAddr >= 0) writePage();
        if (segment != null) segment.force(false);
        failed = false;
        flushedUpTo = insertedUpTo;
        return flushedUpTo;
    }

    /** GetXLogBuffer for one private page: moving to a later page writes out the current one. */
    private MemorySegment page(long addr) throws IOException {
        if (addr == pageAddr) return page;
        if (pageAddr >= 0) writePage();
        XLogPageHeader.initPage(page, addr, tli, sysid, segSize);
        pageAddr = addr;
        return page;
    }

    private void writePage() throws IOException {
        long segNo = segSize.segmentNumber(pageAddr);
        if (segNo != openSegNo) switchSegment(segNo);
        ByteBuffer buf = page.asByteBuffer();
        long fileOff = segSize.segmentOffset(pageAddr);
        while (buf.hasRemaining()) segment.write(buf, fileOff + buf.position());
    }

    /** Finishing a segment fsyncs it, so that a flush need only look at the current one. */
    private void switchSegment(long segNo) throws IOException {
        if (segment != null) {
            segment.force(false);
            segment.close();
            segment = null;
        }
        segment = files.openForWrite(tli, segNo);
        openSegNo = segNo;
    }

    private void checkUsable() {
        if (failed) throw new IllegalStateException("WAL writer is unusable after an I/O error");
    }

    /** Closes the current segment without flushing: unflushed WAL may or may not be on disk. */
    @Override
    public void close() throws IOException {
        if (segment != null) segment.close();
        segment = null;
    }
}
