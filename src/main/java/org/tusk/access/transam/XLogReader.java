package org.tusk.access.transam;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static org.tusk.access.transam.XLogDefs.XLOG_BLCKSZ;

/**
 * Reads WAL records one after another from a start position (PostgreSQL's xlogreader.c:
 * XLogBeginRead, XLogReadRecord, XLogReaderValidatePageHeader, ValidXLogRecordHeader,
 * ValidXLogRecord, for a single timeline whose segment files are all present).
 *
 * <p>Every page is checked (magic, flags, page address, long header against the system identifier
 * and sizes, timeline never decreasing); a record's header is checked as soon as it is complete
 * (length, resource manager, {@code xl_prev}: equal to the previous record's start, or just below
 * the record for the first one read), continuation pages must carry the continuation flag and the
 * right {@code xlp_rem_len}, and the whole record must match its CRC before it is decoded. The
 * first failed check ends the WAL: {@link #readRecord} returns {@link XLogReadResult.EndOfWal}
 * with PostgreSQL's message, and the end of the last valid record, which is where recovery stops
 * and new WAL is written. Not thread-safe.
 *
 * <p>Not handled yet: timeline switches (history files), XLP_FIRST_IS_OVERWRITE_CONTRECORD
 * (an aborted continuation record overwritten after a crash of a standby), compressed images.
 */
public final class XLogReader implements AutoCloseable {
    private final XLogSegmentReader pages;
    private final WalSegmentSize segSize;
    private final MemorySegment page = MemorySegment.ofArray(new byte[XLOG_BLCKSZ]);
    private final MemorySegment firstPage = MemorySegment.ofArray(new byte[XLOG_BLCKSZ]);

    /** System identifier every long page header must carry; 0 = adopt the first one seen. */
    private long systemId;
    private long nextRecPtr;
    private long readRecPtr;
    private long endRecPtr;
    private boolean randAccess;
    private long latestPagePtr;
    private int latestPageTLI;
    private long validatedSegNo = -1;
    private byte[] buf = new byte[XLOG_BLCKSZ];

    /**
     * @param expectedSystemId pg_control's system identifier, or 0 to accept any (as pg_waldump does)
     */
    public XLogReader(XLogFiles files, int tli, long expectedSystemId) {
        this.pages = new XLogSegmentReader(files, tli);
        this.segSize = files.segmentSize();
        this.systemId = expectedSystemId;
    }

    /**
     * XLogBeginRead: the next {@link #readRecord} reads the record at {@code lsn}, which must be a
     * record start, or a page boundary right before one.
     */
    public void beginRead(long lsn) {
        nextRecPtr = lsn;
        readRecPtr = XLogRecPtr.INVALID;
        endRecPtr = XLogRecPtr.INVALID;
        randAccess = true;
    }

    /** Start of the last record returned ({@code ReadRecPtr}). */
    public long readRecPtr() {
        return readRecPtr;
    }

    /** End of the last record returned ({@code EndRecPtr}). */
    public long endRecPtr() {
        return endRecPtr;
    }

    /** XLogReadRecord: the next record, or where and why valid WAL ends. */
    public XLogReadResult readRecord() {
        long recPtr = nextRecPtr;
        try {
            DecodedXLogRecord rec = read(recPtr);
            readRecPtr = rec.lsn();
            endRecPtr = rec.endLsn();
            nextRecPtr = rec.endLsn();
            randAccess = false;
            return new XLogReadResult.Record(rec);
        } catch (InvalidXLogRecordException e) {
            return new XLogReadResult.EndOfWal(recPtr, endRecPtr, e.getMessage());
        }
    }

    private DecodedXLogRecord read(long recPtr) {
        long targetPagePtr = recPtr - recPtr % XLOG_BLCKSZ;
        int targetRecOff = (int) (recPtr % XLOG_BLCKSZ);
        readValidatedPage(targetPagePtr);
        XLogPageHeader ph = XLogPageHeader.read(page);
        int pageHeaderSize = ph.size();
        if (targetRecOff == 0) {
            // The previous record ended at a page boundary: this one starts after the header.
            recPtr += pageHeaderSize;
            targetRecOff = pageHeaderSize;
        } else if (targetRecOff < pageHeaderSize) {
            throw new InvalidXLogRecordException("invalid record offset at " + XLogRecPtr.format(recPtr));
        }
        if ((ph.info() & XLogPageHeader.XLP_FIRST_IS_CONTRECORD) != 0 && targetRecOff == pageHeaderSize) {
            throw new InvalidXLogRecordException("contrecord is requested by " + XLogRecPtr.format(recPtr));
        }

        // The header itself may be cut by the page end; only xl_tot_len (8-byte aligned) is sure to be here.
        long totalLen = Integer.toUnsignedLong(WalBytes.i32(page, targetRecOff));
        boolean gotHeader = false;
        if (targetRecOff <= XLOG_BLCKSZ - XLogRecord.SIZE) {
            validateHeader(recPtr, XLogRecord.read(page.asSlice(targetRecOff)));
            gotHeader = true;
        } else if (totalLen < XLogRecord.SIZE) {
            throw invalidLength(recPtr, totalLen);
        }
        int len = (int) Math.min(totalLen, XLOG_BLCKSZ - targetRecOff);
        ensureBuffer(len);
        MemorySegment.copy(page, targetRecOff, MemorySegment.ofArray(buf), 0, len);
        long gotLen = len;
        long endPtr;
        if (gotLen < totalLen) {
            long pagePtr = targetPagePtr;
            int remLen;
            do {
                pagePtr += XLOG_BLCKSZ;
                readValidatedPage(pagePtr);
                ph = XLogPageHeader.read(page);
                if ((ph.info() & XLogPageHeader.XLP_FIRST_IS_CONTRECORD) == 0) {
                    throw new InvalidXLogRecordException("there is no contrecord flag at " + XLogRecPtr.format(pagePtr));
                }
                remLen = ph.remLen();
                if (remLen == 0 || totalLen != Integer.toUnsignedLong(remLen) + gotLen) {
                    throw new InvalidXLogRecordException("invalid contrecord length %d (expected %d) at %s"
                            .formatted(Integer.toUnsignedLong(remLen), totalLen - gotLen, XLogRecPtr.format(pagePtr)));
                }
                pageHeaderSize = ph.size();
                int chunk = Math.min(remLen, XLOG_BLCKSZ - pageHeaderSize);
                ensureBuffer(gotLen + chunk);
                MemorySegment.copy(page, pageHeaderSize, MemorySegment.ofArray(buf), gotLen, chunk);
                gotLen += chunk;
                if (!gotHeader && gotLen >= XLogRecord.SIZE) {
                    validateHeader(recPtr, XLogRecord.read(MemorySegment.ofArray(buf)));
                    gotHeader = true;
                }
            } while (gotLen < totalLen);
            endPtr = pagePtr + pageHeaderSize + XLogDefs.maxAlign(remLen);
        } else {
            endPtr = recPtr + XLogDefs.maxAlign(totalLen);
        }

        MemorySegment record = MemorySegment.ofArray(Arrays.copyOf(buf, (int) totalLen));
        XLogRecord hdr = XLogRecord.read(record);
        if (hdr.rmid() == RmgrId.XLOG.id() && hdr.rmgrInfo() == XLogSegmentWriter.XLOG_SWITCH) {
            // The rest of the segment is padding: the next record starts in the next segment.
            endPtr = segSize.segmentStart(segSize.segmentNumber(endPtr - 1) + 1);
        }
        if (!XLogRecord.hasValidCrc(record)) {
            throw new InvalidXLogRecordException("incorrect resource manager data checksum in record at " + XLogRecPtr.format(recPtr));
        }
        return DecodedXLogRecord.decode(recPtr, endPtr, record);
    }

    /** ValidXLogRecordHeader. */
    private void validateHeader(long recPtr, XLogRecord hdr) {
        long totLen = Integer.toUnsignedLong(hdr.totLen());
        if (totLen < XLogRecord.SIZE) throw invalidLength(recPtr, totLen);
        if (totLen > XLogRecord.MAX_RECORD_SIZE) {
            throw new InvalidXLogRecordException("record length %d at %s too long".formatted(totLen, XLogRecPtr.format(recPtr)));
        }
        if (RmgrId.of(hdr.rmid()) == null) {
            throw new InvalidXLogRecordException("invalid resource manager ID %d at %s".formatted(hdr.rmid(), XLogRecPtr.format(recPtr)));
        }
        // On the first read we cannot know the previous record, but it must lie before this one.
        boolean prevOk = randAccess ? Long.compareUnsigned(hdr.prev(), recPtr) < 0 : hdr.prev() == readRecPtr;
        if (!prevOk) {
            throw new InvalidXLogRecordException("record with incorrect prev-link %s at %s"
                    .formatted(XLogRecPtr.format(hdr.prev()), XLogRecPtr.format(recPtr)));
        }
    }

    private static InvalidXLogRecordException invalidLength(long recPtr, long got) {
        return new InvalidXLogRecordException("invalid record length at %s: wanted %d, got %d"
                .formatted(XLogRecPtr.format(recPtr), XLogRecord.SIZE, got));
    }

    /** Grows the reassembly buffer as data arrives, so a garbage xl_tot_len costs nothing. */
    private void ensureBuffer(long size) {
        if (size > buf.length) buf = Arrays.copyOf(buf, (int) Math.min(XLogRecord.MAX_RECORD_SIZE, Math.max(size, 2L * buf.length)));
    }

    /**
     * Reads and validates a page; on entering a segment, its first page is validated too, so that
     * a file from another cluster or with another segment size is noticed wherever reading starts.
     */
    private void readValidatedPage(long pagePtr) {
        long segNo = segSize.segmentNumber(pagePtr);
        if (segNo != validatedSegNo && segSize.segmentOffset(pagePtr) != 0) {
            long segStart = segSize.segmentStart(segNo);
            pages.readPage(segStart, firstPage);
            validatePageHeader(segStart, firstPage);
        }
        pages.readPage(pagePtr, page);
        validatePageHeader(pagePtr, page);
        validatedSegNo = segNo;
    }

    /** XLogReaderValidatePageHeader. */
    private void validatePageHeader(long recaddr, MemorySegment p) {
        XLogPageHeader h = XLogPageHeader.read(p);
        String fname = segSize.fileNameOf(latestPageTLI == 0 ? h.tli() : latestPageTLI, recaddr);
        int offset = segSize.segmentOffset(recaddr);
        if (h.magic() != XLogPageHeader.XLOG_PAGE_MAGIC) {
            throw new InvalidXLogRecordException("invalid magic number %04X in log segment %s, offset %d".formatted(h.magic(), fname, offset));
        }
        if ((h.info() & ~XLogPageHeader.XLP_ALL_FLAGS) != 0) {
            throw new InvalidXLogRecordException("invalid info bits %04X in log segment %s, offset %d".formatted(h.info(), fname, offset));
        }
        if (h.isLong()) {
            if (systemId != 0 && h.sysid() != systemId) {
                throw new InvalidXLogRecordException(("WAL file is from different database system: WAL file database system "
                        + "identifier is %s, pg_control database system identifier is %s")
                        .formatted(Long.toUnsignedString(h.sysid()), Long.toUnsignedString(systemId)));
            } else if (h.segSize() != segSize.bytes()) {
                throw new InvalidXLogRecordException("WAL file is from different database system: incorrect segment size in page header");
            } else if (h.xlogBlcksz() != XLOG_BLCKSZ) {
                throw new InvalidXLogRecordException("WAL file is from different database system: incorrect XLOG_BLCKSZ in page header");
            }
            systemId = h.sysid();
        } else if (offset == 0) {
            // The first page of a segment must have the long header.
            throw new InvalidXLogRecordException("invalid info bits %04X in log segment %s, offset %d".formatted(h.info(), fname, offset));
        }
        if (h.pageAddr() != recaddr) {
            throw new InvalidXLogRecordException("unexpected pageaddr %s in log segment %s, offset %d"
                    .formatted(XLogRecPtr.format(h.pageAddr()), fname, offset));
        }
        // Child timelines always have higher ids, so the timeline never goes down along the WAL.
        if (Long.compareUnsigned(recaddr, latestPagePtr) > 0) {
            if (Integer.compareUnsigned(h.tli(), latestPageTLI) < 0) {
                throw new InvalidXLogRecordException("out-of-sequence timeline ID %d (after %d) in log segment %s, offset %d"
                        .formatted(Integer.toUnsignedLong(h.tli()), Integer.toUnsignedLong(latestPageTLI), fname, offset));
            }
        }
        latestPagePtr = recaddr;
        latestPageTLI = h.tli();
    }

    @Override
    public void close() {
        pages.close();
    }
}
