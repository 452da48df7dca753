package org.tusk.access.transam;

import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32C;

import static org.tusk.access.transam.WalBytes.putI32;
import static org.tusk.access.transam.WalBytes.putI64;

/**
 * A record whose bytes are complete except for {@code xl_prev} and {@code xl_crc}, which depend on
 * where it is inserted (what XLogRecordAssemble hands to XLogInsertRecord).
 *
 * <p>The CRC of the payload is computed at assembly, outside any WAL lock; {@link #finish} adds
 * the header to it once the position is reserved. A record is finished exactly once: the running
 * CRC cannot be rewound, so a second call is a programming error.
 */
public final class AssembledXLogRecord {
    private final MemorySegment bytes;
    private final CRC32C crc;
    private final long fpwLsn;
    private boolean finished;

    AssembledXLogRecord(MemorySegment bytes, CRC32C payloadCrc) {
        this(bytes, payloadCrc, XLogRecPtr.INVALID);
    }

    AssembledXLogRecord(MemorySegment bytes, CRC32C payloadCrc, long fpwLsn) {
        this.bytes = bytes;
        this.crc = payloadCrc;
        this.fpwLsn = fpwLsn;
    }

    /**
     * The lowest page LSN of the registered pages that went in without an image although they
     * could have had one (XLogRecordAssemble's fpw_lsn), or {@link XLogRecPtr#INVALID}. If a
     * checkpoint moved the redo pointer to or past it after assembly, the record must be assembled
     * again with images (see {@link XLogInserter#insert(AssembledXLogRecord, long, boolean)}).
     */
    public long fpwLsn() {
        return fpwLsn;
    }

    /** {@code xl_tot_len}. */
    public int totalLength() {
        return (int) bytes.byteSize();
    }

    /** Sets {@code xl_prev} and {@code xl_crc}; returns the complete record bytes. */
    public MemorySegment finish(long prevLsn) {
        if (finished) throw new IllegalStateException("WAL record already finished");
        finished = true;
        putI64(bytes, XLogRecord.OFF_PREV, prevLsn);
        WalBytes.crc(crc, bytes, 0, XLogRecord.OFF_CRC);
        putI32(bytes, XLogRecord.OFF_CRC, (int) crc.getValue());
        return bytes;
    }

    /** The record bytes (only complete after {@link #finish}). */
    public MemorySegment bytes() {
        return bytes;
    }
}
