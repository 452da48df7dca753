package org.tusk.access.transam;

import org.tusk.storage.smgr.RelFileLocator;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

import static org.tusk.access.transam.WalBytes.i32;
import static org.tusk.access.transam.WalBytes.i64;
import static org.tusk.access.transam.WalBytes.u8;

/**
 * The fixed header of every WAL record, and the constants of the record format (PostgreSQL's
 * xlogrecord.h).
 *
 * <p>A record is: this 24-byte header; one {@code XLogRecordBlockHeader} (4 bytes, then an
 * optional 5-byte image header, an optional 12-byte {@link RelFileLocator} unless
 * {@link #BKPBLOCK_SAME_REL}, and a 4-byte block number) per block reference in ascending
 * block-id order; optional origin and top-level-xid headers; a main-data header (short: id 255 and
 * a 1-byte length, long: id 254 and a 4-byte length); then the payloads in the same order as the
 * headers (per block: page image without its hole, then block data), and last the main data.
 * Nothing inside a record is aligned.
 *
 * <p>{@code xl_crc} is the CRC-32C of the bytes after the header followed by the header bytes
 * before {@code xl_crc}: the payload part can be computed before the record's position (and so
 * {@code xl_prev}) is known.
 */
public record XLogRecord(int totLen, int xid, long prev, int info, int rmid, int crc) {
    /** {@code SizeOfXLogRecord}. */
    public static final int SIZE = 24;
    static final int OFF_TOT_LEN = 0;
    static final int OFF_XID = 4;
    static final int OFF_PREV = 8;
    static final int OFF_INFO = 16;
    static final int OFF_RMID = 17;
    /** {@code offsetof(XLogRecord, xl_crc)}; bytes 18-19 are padding, always zero. */
    static final int OFF_CRC = 20;

    /** Low bits of {@code xl_info} belong to the WAL machinery, high bits to the resource manager. */
    public static final int XLR_INFO_MASK = 0x0F;
    public static final int XLR_RMGR_INFO_MASK = 0xF0;
    /** The record changes relation files in a way logical decoding must see. */
    public static final int XLR_SPECIAL_REL_UPDATE = 0x01;
    /** wal_consistency_checking asked for images of every block. */
    public static final int XLR_CHECK_CONSISTENCY = 0x02;

    /** Block ids 0..{@code XLR_MAX_BLOCK_ID} name block references. */
    public static final int XLR_MAX_BLOCK_ID = 32;
    public static final int XLR_BLOCK_ID_DATA_SHORT = 255;
    public static final int XLR_BLOCK_ID_DATA_LONG = 254;
    public static final int XLR_BLOCK_ID_ORIGIN = 253;
    public static final int XLR_BLOCK_ID_TOPLEVEL_XID = 252;

    /** {@code SizeOfXLogRecordBlockHeader}: id, fork_flags, uint16 data_length. */
    public static final int SIZE_OF_BLOCK_HEADER = 4;
    public static final int BKPBLOCK_FORK_MASK = 0x0F;
    public static final int BKPBLOCK_FLAG_MASK = 0xF0;
    /** A page image (XLogRecordBlockImageHeader) follows the block header. */
    public static final int BKPBLOCK_HAS_IMAGE = 0x10;
    public static final int BKPBLOCK_HAS_DATA = 0x20;
    /** Redo re-initialises the page, so it need not be read first. */
    public static final int BKPBLOCK_WILL_INIT = 0x40;
    /** The RelFileLocator is omitted: same as the previous block reference's. */
    public static final int BKPBLOCK_SAME_REL = 0x80;

    /** {@code SizeOfXLogRecordBlockImageHeader}: uint16 length, uint16 hole_offset, uint8 bimg_info. */
    public static final int SIZE_OF_BLOCK_IMAGE_HEADER = 5;
    /** The image omits a hole of zeros (pd_lower..pd_upper of a standard page). */
    public static final int BKPIMAGE_HAS_HOLE = 0x01;
    /** Redo restores the image (otherwise it is only for wal_consistency_checking). */
    public static final int BKPIMAGE_APPLY = 0x02;
    /** PostgreSQL 15's compression methods: Tusk never writes them and refuses to read them. */
    public static final int BKPIMAGE_COMPRESS_PGLZ = 0x04;
    public static final int BKPIMAGE_COMPRESS_LZ4 = 0x08;
    public static final int BKPIMAGE_COMPRESS_ZSTD = 0x10;
    static final int BKPIMAGE_COMPRESSED = BKPIMAGE_COMPRESS_PGLZ | BKPIMAGE_COMPRESS_LZ4 | BKPIMAGE_COMPRESS_ZSTD;

    /** {@code SizeOfXLogRecordDataHeaderShort} / {@code Long}. */
    public static final int SIZE_OF_DATA_HEADER_SHORT = 2;
    public static final int SIZE_OF_DATA_HEADER_LONG = 5;

    /** Largest record Tusk writes or accepts (PostgreSQL 16's XLogRecordMaxSize). */
    public static final int MAX_RECORD_SIZE = 1020 * 1024 * 1024;

    /** Reads the header at the start of {@code record}. */
    public static XLogRecord read(MemorySegment record) {
        return new XLogRecord(i32(record, OFF_TOT_LEN), i32(record, OFF_XID), i64(record, OFF_PREV),
                u8(record, OFF_INFO), u8(record, OFF_RMID), i32(record, OFF_CRC));
    }

    /** The resource manager, or null for an id this build does not know. */
    public RmgrId rmgr() {
        return RmgrId.of(rmid);
    }

    /** {@code XLogRecGetInfo(r) & ~XLR_INFO_MASK}: the resource manager's own info bits. */
    public int rmgrInfo() {
        return info & XLR_RMGR_INFO_MASK;
    }

    /**
     * The CRC a record of {@code xl_tot_len} bytes should carry: payload first, then the header up
     * to {@code xl_crc} (xloginsert.c computes it in that order).
     */
    public static int computeCrc(MemorySegment record) {
        int totLen = i32(record, OFF_TOT_LEN);
        CRC32C crc = new CRC32C();
        WalBytes.crc(crc, record, SIZE, totLen - SIZE);
        WalBytes.crc(crc, record, 0, OFF_CRC);
        return (int) crc.getValue();
    }

    /** {@code ValidXLogRecord}: whether the stored CRC matches the contents. */
    public static boolean hasValidCrc(MemorySegment record) {
        return computeCrc(record) == i32(record, OFF_CRC);
    }
}
