package org.tusk.access.transam;

/**
 * The WAL segment size of a cluster ({@code wal_segment_size}, fixed at initdb) and the
 * arithmetic that depends on it: which segment holds an LSN, where in it, and the segment's file
 * name (xlog_internal.h's {@code XLByteToSeg}, {@code XLogSegmentOffset}, {@code XLogFileName}).
 *
 * <p>The size is a power of two so that an LSN splits into segment number and offset by masking.
 * PostgreSQL accepts 1 MB to 1 GB; Tusk also accepts smaller sizes (down to two WAL pages) so
 * that tests can cross segment boundaries cheaply. Such segments are not readable by PostgreSQL's
 * tools.
 */
public record WalSegmentSize(int bytes) {
    /** {@code DEFAULT_XLOG_SEG_SIZE}: 16 MB. */
    public static final int WAL_SEGMENT_SIZE = 16 * 1024 * 1024;
    public static final WalSegmentSize DEFAULT = new WalSegmentSize(WAL_SEGMENT_SIZE);
    /** {@code WalSegMinSize} / {@code WalSegMaxSize}: the range PostgreSQL itself accepts. */
    public static final int PG_MIN_SEGMENT_SIZE = 1024 * 1024;
    public static final int PG_MAX_SEGMENT_SIZE = 1024 * 1024 * 1024;

    public WalSegmentSize {
        if (Integer.bitCount(bytes) != 1 || bytes < 2 * XLogDefs.XLOG_BLCKSZ || bytes > PG_MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("WAL segment size must be a power of two between "
                    + 2 * XLogDefs.XLOG_BLCKSZ + " and " + PG_MAX_SEGMENT_SIZE + " bytes, not " + bytes);
        }
    }

    /** {@code IsValidWalSegSize}: whether PostgreSQL itself would accept this size. */
    public boolean isValidForPostgres() {
        return bytes >= PG_MIN_SEGMENT_SIZE;
    }

    /** {@code XLByteToSeg}: number of the segment holding {@code lsn}. */
    public long segmentNumber(long lsn) {
        return Long.divideUnsigned(lsn, bytes);
    }

    /** {@code XLogSegmentOffset}. */
    public int segmentOffset(long lsn) {
        return (int) (lsn & (bytes - 1));
    }

    /** {@code XLogSegNoOffsetToRecPtr(segNo, 0)}: LSN of a segment's first byte. */
    public long segmentStart(long segNo) {
        return segNo * bytes;
    }

    /** {@code XLogSegmentsPerXLogId}: segments per 4 GB "log id", the middle part of a file name. */
    public long segmentsPerXLogId() {
        return 0x1_0000_0000L / bytes;
    }

    /** {@code XLogFileName}: 24 hex digits, timeline, log id, segment within the log id. */
    public String fileName(int timeLineId, long segNo) {
        return "%08X%08X%08X".formatted(timeLineId, segNo / segmentsPerXLogId(), segNo % segmentsPerXLogId());
    }

    /** Name of the segment file holding {@code lsn}. */
    public String fileNameOf(int timeLineId, long lsn) {
        return fileName(timeLineId, segmentNumber(lsn));
    }

    /** {@code IsXLogFileName}. */
    public static boolean isXLogFileName(String name) {
        return name.length() == 24 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'));
    }

    /** {@code XLogFromFileName}: the segment number a file name stands for. */
    public long segmentNumberOf(String fileName) {
        if (!isXLogFileName(fileName)) throw new IllegalArgumentException("not a WAL file name: " + fileName);
        long log = Long.parseLong(fileName, 8, 16, 16);
        long seg = Long.parseLong(fileName, 16, 24, 16);
        return log * segmentsPerXLogId() + seg;
    }

    /** Timeline part of a WAL file name. */
    public static int timeLineOf(String fileName) {
        if (!isXLogFileName(fileName)) throw new IllegalArgumentException("not a WAL file name: " + fileName);
        return (int) Long.parseLong(fileName, 0, 8, 16);
    }
}
