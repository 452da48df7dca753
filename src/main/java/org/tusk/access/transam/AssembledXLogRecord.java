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
    private boolean finished;

    AssembledXLogRecord(MemorySegment bytes, CRC32C payloadCrc) {
        this.bytes = bytes;
        this.crc = payloadCrc;
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
