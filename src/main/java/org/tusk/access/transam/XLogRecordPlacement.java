package org.tusk.access.transam;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;
import static org.tusk.access.transam.XLogPageHeader.SIZE_OF_LONG_PHD;
import static org.tusk.access.transam.XLogPageHeader.SIZE_OF_SHORT_PHD;

/**
 * Where each byte of a record goes (PostgreSQL's ReserveXLogInsertLocation arithmetic and
 * CopyXLogRecordToWAL), independent of how WAL pages are buffered.
 *
 * <p>Positions are reserved in "usable byte positions": the WAL stream with page headers left
 * out, so that reserving space for a record is one addition however many pages it spans
 * ({@code XLogBytePosToRecPtr} and friends convert). A record starts at a MAXALIGNed position and
 * never exactly at a page boundary (it starts after that page's header instead), but its header
 * and payload may be cut anywhere by page boundaries; each continuation page gets
 * {@link XLogPageHeader#XLP_FIRST_IS_CONTRECORD} and {@code xlp_rem_len} = bytes still to come. The
 * padding up to the next MAXALIGN boundary is left as the zeros the page was initialised with.
 */
public final class XLogRecordPlacement {
    private final WalSegmentSize segSize;
    /** {@code UsableBytesInPage} and {@code UsableBytesInSegment}. */
    private final long usableBytesInPage;
    private final long usableBytesInSegment;

    public XLogRecordPlacement(WalSegmentSize segSize) {
        this.segSize = segSize;
        this.usableBytesInPage = XLOG_BLCKSZ - SIZE_OF_SHORT_PHD;
        this.usableBytesInSegment = (segSize.bytes() / XLOG_BLCKSZ) * usableBytesInPage - (SIZE_OF_LONG_PHD - SIZE_OF_SHORT_PHD);
    }

    public WalSegmentSize segmentSize() {
        return segSize;
    }

    /** {@code XLogPageHeaderSize} of the page at {@code pageAddr}: long at the start of a segment. */
    public int pageHeaderSize(long pageAddr) {
        return segSize.segmentOffset(pageAddr) == 0 ? SIZE_OF_LONG_PHD : SIZE_OF_SHORT_PHD;
    }

    /** {@code XLogBytePosToRecPtr}: a position at a page boundary maps to just after that page's header. */
    public long bytePosToRecPtr(long bytePos) {
        return toRecPtr(bytePos, false);
    }

    /** {@code XLogBytePosToEndRecPtr}: as above, but a page boundary stays the end of the previous page. */
    public long bytePosToEndRecPtr(long bytePos) {
        return toRecPtr(bytePos, true);
    }

    private long toRecPtr(long bytePos, boolean end) {
        long fullSegs = bytePos / usableBytesInSegment;
        long bytesLeft = bytePos % usableBytesInSegment;
        long segOffset;
        if (bytesLeft < XLOG_BLCKSZ - SIZE_OF_LONG_PHD) {
            segOffset = end && bytesLeft == 0 ? 0 : bytesLeft + SIZE_OF_LONG_PHD;
        } else {
            bytesLeft -= XLOG_BLCKSZ - SIZE_OF_LONG_PHD;
            long fullPages = bytesLeft / usableBytesInPage;
            bytesLeft %= usableBytesInPage;
            segOffset = XLOG_BLCKSZ + fullPages * XLOG_BLCKSZ + bytesLeft + (end && bytesLeft == 0 ? 0 : SIZE_OF_SHORT_PHD);
        }
        return segSize.segmentStart(fullSegs) + segOffset;
    }

    /** {@code XLogRecPtrToBytePos}: the inverse of both conversions. */
    public long recPtrToBytePos(long ptr) {
        long fullSegs = segSize.segmentNumber(ptr);
        long fullPages = segSize.segmentOffset(ptr) / XLOG_BLCKSZ;
        long offset = ptr % XLOG_BLCKSZ;
        long result = fullSegs * usableBytesInSegment;
        if (fullPages == 0) {
            if (offset > 0) result += checkedOffset(ptr, offset, SIZE_OF_LONG_PHD);
        } else {
            result += (XLOG_BLCKSZ - SIZE_OF_LONG_PHD) + (fullPages - 1) * usableBytesInPage;
            if (offset > 0) result += checkedOffset(ptr, offset, SIZE_OF_SHORT_PHD);
        }
        return result;
    }

    private static long checkedOffset(long ptr, long offset, int headerSize) {
        if (offset < headerSize) throw new IllegalArgumentException("WAL position " + XLogRecPtr.format(ptr) + " lies in a page header");
        return offset - headerSize;
    }

    /** Usable bytes a record of {@code totLen} bytes occupies: {@code MAXALIGN(size)}. */
    public static long reservedSize(int totLen) {
        return XLogDefs.maxAlign(Integer.toUnsignedLong(totLen));
    }

    /**
     * {@code CopyXLogRecordToWAL}: copies the finished record to {@code startLsn} onwards, through
     * pages handed out by {@code pages}. {@code startLsn} must be a record start
     * ({@link #bytePosToRecPtr} of a reserved position).
     *
     * @return the end of the record ({@code EndPos}, MAXALIGNed)
     */
    public long copyRecord(MemorySegment record, long startLsn, XLogPageBuffers pages) throws IOException {
        long totLen = record.byteSize();
        long pos = startLsn;
        long written = 0;
        if (pos % XLOG_BLCKSZ < pageHeaderSize(pos - pos % XLOG_BLCKSZ)) {
            throw new IllegalArgumentException("record start " + XLogRecPtr.format(pos) + " lies in a page header");
        }
        while (written < totLen) {
            long pageAddr = pos - pos % XLOG_BLCKSZ;
            MemorySegment page = pages.page(pageAddr);
            int off = (int) (pos - pageAddr);
            if (off == 0) {
                // A continuation page: say how much of the record is still to come.
                XLogPageHeader.setContinuation(page, (int) (totLen - written));
                off = pageHeaderSize(pageAddr);
            }
            long chunk = Math.min(totLen - written, XLOG_BLCKSZ - off);
            MemorySegment.copy(record, written, page, off, chunk);
            written += chunk;
            pos = pageAddr + off + chunk;
        }
        long end = endOfRecord(startLsn, (int) totLen);
        assert end == XLogDefs.maxAlign(pos) || (pos % XLOG_BLCKSZ == 0 && end == pos);
        return end;
    }

    /** The MAXALIGNed end of a record of {@code totLen} bytes starting at {@code startLsn} (EndRecPtr). */
    public long endOfRecord(long startLsn, int totLen) {
        return bytePosToEndRecPtr(recPtrToBytePos(startLsn) + reservedSize(totLen));
    }

    /** Where the record after one ending at {@code endLsn} starts: past the next page header if at a boundary. */
    public long nextRecordStart(long endLsn) {
        return bytePosToRecPtr(recPtrToBytePos(endLsn));
    }
}
