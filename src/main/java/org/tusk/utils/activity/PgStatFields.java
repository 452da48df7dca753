package org.tusk.utils.activity;

/**
 * Where each counter sits in a {@link PgStatShared} entry: the fields of PostgreSQL 15's
 * PgStat_StatTabEntry (a relation), PgStat_StatDBEntry (a database), PgStat_BgWriterStats and
 * PgStat_CheckpointerStats (the fixed statistics). Timestamps are microseconds since the Unix
 * epoch, 0 for none.
 */
public final class PgStatFields {
    private PgStatFields() {}

    // PgStat_StatTabEntry
    public static final int NUMSCANS = 0, TUPLES_RETURNED = 1, TUPLES_FETCHED = 2, TUPLES_INSERTED = 3,
            TUPLES_UPDATED = 4, TUPLES_DELETED = 5, TUPLES_HOT_UPDATED = 6, N_LIVE_TUPLES = 7, N_DEAD_TUPLES = 8,
            CHANGES_SINCE_ANALYZE = 9, INSERTS_SINCE_VACUUM = 10, BLOCKS_FETCHED = 11, BLOCKS_HIT = 12,
            VACUUM_TIMESTAMP = 13, VACUUM_COUNT = 14, AUTOVAC_VACUUM_TIMESTAMP = 15, AUTOVAC_VACUUM_COUNT = 16,
            ANALYZE_TIMESTAMP = 17, ANALYZE_COUNT = 18, AUTOVAC_ANALYZE_TIMESTAMP = 19, AUTOVAC_ANALYZE_COUNT = 20;

    // PgStat_StatDBEntry
    public static final int DB_XACT_COMMIT = 0, DB_XACT_ROLLBACK = 1, DB_BLOCKS_FETCHED = 2, DB_BLOCKS_HIT = 3,
            DB_TUPLES_RETURNED = 4, DB_TUPLES_FETCHED = 5, DB_TUPLES_INSERTED = 6, DB_TUPLES_UPDATED = 7,
            DB_TUPLES_DELETED = 8, DB_LAST_AUTOVAC_TIME = 9, DB_CONFLICT_TABLESPACE = 10, DB_CONFLICT_LOCK = 11,
            DB_CONFLICT_SNAPSHOT = 12, DB_CONFLICT_BUFFERPIN = 13, DB_CONFLICT_STARTUP_DEADLOCK = 14,
            DB_TEMP_FILES = 15, DB_TEMP_BYTES = 16, DB_DEADLOCKS = 17, DB_CHECKSUM_FAILURES = 18,
            DB_LAST_CHECKSUM_FAILURE = 19, DB_BLK_READ_TIME = 20, DB_BLK_WRITE_TIME = 21, DB_SESSIONS = 22,
            DB_SESSION_TIME = 23, DB_ACTIVE_TIME = 24, DB_IDLE_IN_XACT_TIME = 25, DB_SESSIONS_ABANDONED = 26,
            DB_SESSIONS_FATAL = 27, DB_SESSIONS_KILLED = 28, DB_STAT_RESET_TIMESTAMP = 29;

    // PgStat_CheckpointerStats, PgStat_BgWriterStats (fixed)
    public static final int CKPT_TIMED = 0, CKPT_REQUESTED = 1, CKPT_WRITE_TIME = 2, CKPT_SYNC_TIME = 3,
            CKPT_BUF_WRITTEN = 4, BUF_WRITTEN_BACKEND = 5, BUF_FSYNC_BACKEND = 6, BGW_BUF_WRITTEN_CLEAN = 7,
            BGW_MAXWRITTEN_CLEAN = 8, BUF_ALLOC = 9, BGWRITER_STAT_RESET_TIMESTAMP = 10;
}
