package org.tusk.access.transam;

/**
 * Compile-time constants of the WAL format (PostgreSQL's pg_config.h / xlogdefs.h values for a
 * default 64-bit build), which pg_control and every segment's long page header repeat so that a
 * server never reads WAL written with other values.
 */
public final class XLogDefs {
    /** {@code XLOG_BLCKSZ}: size of a WAL page. */
    public static final int XLOG_BLCKSZ = 8192;
    /** {@code BLCKSZ}: size of a data page, and so of a full-page image. */
    public static final int BLCKSZ = 8192;
    /** {@code MAXIMUM_ALIGNOF}: records start at, and are padded to, multiples of this. */
    public static final int MAXIMUM_ALIGNOF = 8;
    /** {@code InvalidTransactionId}. */
    public static final int INVALID_TRANSACTION_ID = 0;
    /** {@code TimeLineID} of a freshly initialised cluster; timelines are uint32 values held in an int. */
    public static final int FIRST_TIMELINE_ID = 1;

    private XLogDefs() {}

    /** {@code MAXALIGN}. */
    public static long maxAlign(long len) {
        return (len + MAXIMUM_ALIGNOF - 1) & -MAXIMUM_ALIGNOF;
    }
}
