package org.tusk.access.transam;

import java.lang.foreign.MemorySegment;

import static org.tusk.access.transam.WalBytes.i32;
import static org.tusk.access.transam.WalBytes.i64;
import static org.tusk.access.transam.WalBytes.putI32;
import static org.tusk.access.transam.WalBytes.putI64;
import static org.tusk.access.transam.WalBytes.putU16;
import static org.tusk.access.transam.WalBytes.u16;

/**
 * The header at the start of every WAL page (xlog_internal.h's XLogPageHeaderData, and
 * XLogLongPageHeaderData on the first page of each segment).
 *
 * <p>Short header, 24 bytes (MAXALIGNed from 20): uint16 magic, uint16 info, uint32 timeline,
 * uint64 page address, uint32 rem_len. The long header adds, at 24, uint64 system identifier,
 * uint32 segment size and uint32 XLOG_BLCKSZ, 40 bytes in all. {@code xlp_rem_len} is the number of
 * bytes of a record begun on an earlier page that still follow the header, and is non-zero exactly
 * when {@link #XLP_FIRST_IS_CONTRECORD} is set. The long-header fields ({@code sysid},
 * {@code segSize}, {@code xlogBlcksz}) are zero in a short header.
 */
public record XLogPageHeader(int magic, int info, int tli, long pageAddr, int remLen,
                             long sysid, int segSize, int xlogBlcksz) {
    /** {@code XLOG_PAGE_MAGIC} of PostgreSQL 15; it changes whenever the WAL format does. */
    public static final int XLOG_PAGE_MAGIC = 0xD110;
    /** {@code SizeOfXLogShortPHD} and {@code SizeOfXLogLongPHD}. */
    public static final int SIZE_OF_SHORT_PHD = 24;
    public static final int SIZE_OF_LONG_PHD = 40;

    /** The page begins with the continuation of a record (xlp_rem_len bytes of it). */
    public static final int XLP_FIRST_IS_CONTRECORD = 0x0001;
    /** The long header is present (first page of a segment). */
    public static final int XLP_LONG_HEADER = 0x0002;
    /** Full-page images on the page may be removed by archive compression. */
    public static final int XLP_BKP_REMOVABLE = 0x0004;
    /** A record that was continued here was abandoned and overwritten (since PostgreSQL 15). */
    public static final int XLP_FIRST_IS_OVERWRITE_CONTRECORD = 0x0008;
    public static final int XLP_ALL_FLAGS = 0x000F;

    static final int OFF_MAGIC = 0;
    static final int OFF_INFO = 2;
    static final int OFF_TLI = 4;
    static final int OFF_PAGEADDR = 8;
    static final int OFF_REM_LEN = 16;
    static final int OFF_SYSID = 24;
    static final int OFF_SEG_SIZE = 32;
    static final int OFF_XLOG_BLCKSZ = 36;

    public boolean isLong() {
        return (info & XLP_LONG_HEADER) != 0;
    }

    /** {@code XLogPageHeaderSize}: where the page's data begins. */
    public int size() {
        return isLong() ? SIZE_OF_LONG_PHD : SIZE_OF_SHORT_PHD;
    }

    public static XLogPageHeader read(MemorySegment page) {
        int info = u16(page, OFF_INFO);
        boolean isLong = (info & XLP_LONG_HEADER) != 0;
        return new XLogPageHeader(u16(page, OFF_MAGIC), info, i32(page, OFF_TLI), i64(page, OFF_PAGEADDR),
                i32(page, OFF_REM_LEN), isLong ? i64(page, OFF_SYSID) : 0, isLong ? i32(page, OFF_SEG_SIZE) : 0,
                isLong ? i32(page, OFF_XLOG_BLCKSZ) : 0);
    }

    /**
     * Zeroes {@code page} and writes the header of the page at {@code pageAddr}, as
     * AdvanceXLInsertBuffer does before any record byte goes onto a page; the long header iff the
     * page starts a segment. Continuation flag and rem_len are set later by whoever places a
     * record's continuation on the page.
     */
    public static void initPage(MemorySegment page, long pageAddr, int tli, long sysid, WalSegmentSize segSize) {
        page.fill((byte) 0);
        putU16(page, OFF_MAGIC, XLOG_PAGE_MAGIC);
        putI32(page, OFF_TLI, tli);
        putI64(page, OFF_PAGEADDR, pageAddr);
        if (segSize.segmentOffset(pageAddr) == 0) {
            putU16(page, OFF_INFO, XLP_LONG_HEADER);
            putI64(page, OFF_SYSID, sysid);
            putI32(page, OFF_SEG_SIZE, segSize.bytes());
            putI32(page, OFF_XLOG_BLCKSZ, XLogDefs.XLOG_BLCKSZ);
        }
    }

    /** Marks {@code page} as beginning with {@code remLen} bytes of a record begun earlier. */
    static void setContinuation(MemorySegment page, int remLen) {
        putU16(page, OFF_INFO, u16(page, OFF_INFO) | XLP_FIRST_IS_CONTRECORD);
        putI32(page, OFF_REM_LEN, remLen);
    }
}
