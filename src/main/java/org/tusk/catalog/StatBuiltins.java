package org.tusk.catalog;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.activity.PgStatPending;
import org.tusk.utils.adt.VoidValue;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.time.Instant;
import java.util.List;

import static org.tusk.catalog.TypeOids.*;
import static org.tusk.utils.activity.PgStatFields.*;

/**
 * pgstatfuncs.c: the pg_stat_get_* functions the statistics views of system_views.sql are made
 * of, over the session's view of the shared counts ({@link PgStatPending#fetchRelation} and
 * {@link PgStatPending#fetchDatabase}, which follow stats_fetch_consistency), and the reset
 * functions. An object without an entry reads as zero counts and NULL times, as in PostgreSQL.
 */
final class StatBuiltins {
    private StatBuiltins() {}

    private static final List<Integer> OID_ARG = List.of(OID);

    static void register(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE, V = Volatility.VOLATILE;
        relationCounter(r, "pg_stat_get_numscans", NUMSCANS);
        relationCounter(r, "pg_stat_get_tuples_returned", TUPLES_RETURNED);
        relationCounter(r, "pg_stat_get_tuples_fetched", TUPLES_FETCHED);
        relationCounter(r, "pg_stat_get_tuples_inserted", TUPLES_INSERTED);
        relationCounter(r, "pg_stat_get_tuples_updated", TUPLES_UPDATED);
        relationCounter(r, "pg_stat_get_tuples_deleted", TUPLES_DELETED);
        relationCounter(r, "pg_stat_get_tuples_hot_updated", TUPLES_HOT_UPDATED);
        relationCounter(r, "pg_stat_get_live_tuples", N_LIVE_TUPLES);
        relationCounter(r, "pg_stat_get_dead_tuples", N_DEAD_TUPLES);
        relationCounter(r, "pg_stat_get_mod_since_analyze", CHANGES_SINCE_ANALYZE);
        relationCounter(r, "pg_stat_get_ins_since_vacuum", INSERTS_SINCE_VACUUM);
        relationCounter(r, "pg_stat_get_blocks_fetched", BLOCKS_FETCHED);
        relationCounter(r, "pg_stat_get_blocks_hit", BLOCKS_HIT);
        relationCounter(r, "pg_stat_get_vacuum_count", VACUUM_COUNT);
        relationCounter(r, "pg_stat_get_autovacuum_count", AUTOVAC_VACUUM_COUNT);
        relationCounter(r, "pg_stat_get_analyze_count", ANALYZE_COUNT);
        relationCounter(r, "pg_stat_get_autoanalyze_count", AUTOVAC_ANALYZE_COUNT);
        relationTime(r, "pg_stat_get_last_vacuum_time", VACUUM_TIMESTAMP);
        relationTime(r, "pg_stat_get_last_autovacuum_time", AUTOVAC_VACUUM_TIMESTAMP);
        relationTime(r, "pg_stat_get_last_analyze_time", ANALYZE_TIMESTAMP);
        relationTime(r, "pg_stat_get_last_autoanalyze_time", AUTOVAC_ANALYZE_TIMESTAMP);

        for (String[] x : new String[][] {{"numscans", "" + NUMSCANS}, {"tuples_returned", "" + TUPLES_RETURNED},
                {"tuples_fetched", "" + TUPLES_FETCHED}, {"tuples_inserted", "" + TUPLES_INSERTED},
                {"tuples_updated", "" + TUPLES_UPDATED}, {"tuples_deleted", "" + TUPLES_DELETED},
                {"tuples_hot_updated", "" + TUPLES_HOT_UPDATED}, {"blocks_fetched", "" + BLOCKS_FETCHED},
                {"blocks_hit", "" + BLOCKS_HIT}}) {
            int counter = Integer.parseInt(x[1]);
            // pg_stat_get_xact_*: what this backend has counted and not yet flushed
            r.fn("pg_stat_get_xact_" + x[0], OID_ARG, INT8, V, true,
                    (c, a) -> pgstat(c).pendingRelationCount(((Number) a[0]).intValue(), counter));
        }

        r.fn("pg_stat_get_db_numbackends", OID_ARG, INT4, S, true,
                (c, a) -> pgstat(c).numBackends(((Number) a[0]).intValue()));
        databaseCounter(r, "pg_stat_get_db_xact_commit", DB_XACT_COMMIT);
        databaseCounter(r, "pg_stat_get_db_xact_rollback", DB_XACT_ROLLBACK);
        databaseCounter(r, "pg_stat_get_db_blocks_fetched", DB_BLOCKS_FETCHED);
        databaseCounter(r, "pg_stat_get_db_blocks_hit", DB_BLOCKS_HIT);
        databaseCounter(r, "pg_stat_get_db_tuples_returned", DB_TUPLES_RETURNED);
        databaseCounter(r, "pg_stat_get_db_tuples_fetched", DB_TUPLES_FETCHED);
        databaseCounter(r, "pg_stat_get_db_tuples_inserted", DB_TUPLES_INSERTED);
        databaseCounter(r, "pg_stat_get_db_tuples_updated", DB_TUPLES_UPDATED);
        databaseCounter(r, "pg_stat_get_db_tuples_deleted", DB_TUPLES_DELETED);
        databaseCounter(r, "pg_stat_get_db_conflict_tablespace", DB_CONFLICT_TABLESPACE);
        databaseCounter(r, "pg_stat_get_db_conflict_lock", DB_CONFLICT_LOCK);
        databaseCounter(r, "pg_stat_get_db_conflict_snapshot", DB_CONFLICT_SNAPSHOT);
        databaseCounter(r, "pg_stat_get_db_conflict_bufferpin", DB_CONFLICT_BUFFERPIN);
        databaseCounter(r, "pg_stat_get_db_conflict_startup_deadlock", DB_CONFLICT_STARTUP_DEADLOCK);
        r.fn("pg_stat_get_db_conflict_all", OID_ARG, INT8, S, true, (c, a) -> {
            long[] e = pgstat(c).fetchDatabase(((Number) a[0]).intValue());
            return e == null ? 0L : e[DB_CONFLICT_TABLESPACE] + e[DB_CONFLICT_LOCK] + e[DB_CONFLICT_SNAPSHOT]
                    + e[DB_CONFLICT_BUFFERPIN] + e[DB_CONFLICT_STARTUP_DEADLOCK];
        });
        databaseCounter(r, "pg_stat_get_db_temp_files", DB_TEMP_FILES);
        databaseCounter(r, "pg_stat_get_db_temp_bytes", DB_TEMP_BYTES);
        databaseCounter(r, "pg_stat_get_db_deadlocks", DB_DEADLOCKS);
        // data checksums are off in Tusk: NULL, as DataChecksumsEnabled() false makes them
        r.fn("pg_stat_get_db_checksum_failures", OID_ARG, INT8, S, true, (c, a) -> null);
        r.fn("pg_stat_get_db_checksum_last_failure", OID_ARG, TIMESTAMPTZ, S, true, (c, a) -> null);
        databaseMillis(r, "pg_stat_get_db_blk_read_time", DB_BLK_READ_TIME);
        databaseMillis(r, "pg_stat_get_db_blk_write_time", DB_BLK_WRITE_TIME);
        databaseMillis(r, "pg_stat_get_db_session_time", DB_SESSION_TIME);
        databaseMillis(r, "pg_stat_get_db_active_time", DB_ACTIVE_TIME);
        databaseMillis(r, "pg_stat_get_db_idle_in_transaction_time", DB_IDLE_IN_XACT_TIME);
        databaseCounter(r, "pg_stat_get_db_sessions", DB_SESSIONS);
        databaseCounter(r, "pg_stat_get_db_sessions_abandoned", DB_SESSIONS_ABANDONED);
        databaseCounter(r, "pg_stat_get_db_sessions_fatal", DB_SESSIONS_FATAL);
        databaseCounter(r, "pg_stat_get_db_sessions_killed", DB_SESSIONS_KILLED);
        r.fn("pg_stat_get_db_stat_reset_time", OID_ARG, TIMESTAMPTZ, S, true, (c, a) -> {
            long[] e = pgstat(c).fetchDatabase(((Number) a[0]).intValue());
            return e == null ? null : time(e[DB_STAT_RESET_TIMESTAMP]);
        });

        fixedCounter(r, "pg_stat_get_bgwriter_timed_checkpoints", CKPT_TIMED);
        fixedCounter(r, "pg_stat_get_bgwriter_requested_checkpoints", CKPT_REQUESTED);
        fixedCounter(r, "pg_stat_get_bgwriter_buf_written_checkpoints", CKPT_BUF_WRITTEN);
        fixedCounter(r, "pg_stat_get_bgwriter_buf_written_clean", BGW_BUF_WRITTEN_CLEAN);
        fixedCounter(r, "pg_stat_get_bgwriter_maxwritten_clean", BGW_MAXWRITTEN_CLEAN);
        fixedCounter(r, "pg_stat_get_buf_written_backend", BUF_WRITTEN_BACKEND);
        fixedCounter(r, "pg_stat_get_buf_fsync_backend", BUF_FSYNC_BACKEND);
        fixedCounter(r, "pg_stat_get_buf_alloc", BUF_ALLOC);
        r.fn("pg_stat_get_checkpoint_write_time", List.of(), FLOAT8, S, true,
                (c, a) -> (double) pgstat(c).fixed(CKPT_WRITE_TIME));
        r.fn("pg_stat_get_checkpoint_sync_time", List.of(), FLOAT8, S, true,
                (c, a) -> (double) pgstat(c).fixed(CKPT_SYNC_TIME));
        r.fn("pg_stat_get_bgwriter_stat_reset_time", List.of(), TIMESTAMPTZ, S, true,
                (c, a) -> time(pgstat(c).fixed(BGWRITER_STAT_RESET_TIMESTAMP)));

        r.fn("pg_stat_clear_snapshot", List.of(), VOID, V, false, (c, a) -> {
            pgstat(c).clearSnapshot();
            return VoidValue.VOID;
        });
        r.fn("pg_stat_force_next_flush", List.of(), VOID, V, false, (c, a) -> {
            pgstat(c).forceNextFlush();
            return VoidValue.VOID;
        });
        r.fn("pg_stat_reset", List.of(), VOID, V, false, (c, a) -> {
            pgstat(c).resetCounters();
            return VoidValue.VOID;
        });
        r.fn("pg_stat_reset_single_table_counters", OID_ARG, VOID, V, true, (c, a) -> {
            pgstat(c).resetRelation(((Number) a[0]).intValue());
            return VoidValue.VOID;
        });
        r.fn("pg_stat_reset_shared", List.of(TEXT), VOID, V, true, (c, a) -> {
            String target = (String) a[0];
            if (!target.equals("bgwriter")) {
                // pgstat_reset_shared_counters: archiver, wal and recovery_prefetch have no counters in Tusk yet
                if (!target.equals("archiver") && !target.equals("wal") && !target.equals("recovery_prefetch")) {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized reset target: \"" + target + "\"")
                            .withHint("Target must be \"archiver\", \"bgwriter\", \"recovery_prefetch\", or \"wal\".");
                }
                return VoidValue.VOID;
            }
            pgstat(c).resetBgwriter();
            return VoidValue.VOID;
        });
    }

    private static PgStatPending pgstat(FunctionCallContext c) {
        PgStatPending p = c.session() == null ? null : c.session().pgstat();
        if (p == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cumulative statistics are not available here");
        return p;
    }

    private static void relationCounter(BuiltinRegistry r, String name, int counter) {
        r.fn(name, OID_ARG, INT8, Volatility.STABLE, true, (c, a) -> {
            long[] e = pgstat(c).fetchRelation(((Number) a[0]).intValue());
            return e == null ? 0L : e[counter];
        });
    }

    private static void relationTime(BuiltinRegistry r, String name, int counter) {
        r.fn(name, OID_ARG, TIMESTAMPTZ, Volatility.STABLE, true, (c, a) -> {
            long[] e = pgstat(c).fetchRelation(((Number) a[0]).intValue());
            return e == null ? null : time(e[counter]);
        });
    }

    private static void databaseCounter(BuiltinRegistry r, String name, int counter) {
        r.fn(name, OID_ARG, INT8, Volatility.STABLE, true, (c, a) -> {
            long[] e = pgstat(c).fetchDatabase(((Number) a[0]).intValue());
            return e == null ? 0L : e[counter];
        });
    }

    /** The time counters are kept in microseconds and shown in milliseconds. */
    private static void databaseMillis(BuiltinRegistry r, String name, int counter) {
        r.fn(name, OID_ARG, FLOAT8, Volatility.STABLE, true, (c, a) -> {
            long[] e = pgstat(c).fetchDatabase(((Number) a[0]).intValue());
            return e == null ? 0.0 : e[counter] / 1000.0;
        });
    }

    private static void fixedCounter(BuiltinRegistry r, String name, int counter) {
        r.fn(name, List.of(), INT8, Volatility.STABLE, true, (c, a) -> pgstat(c).fixed(counter));
    }

    /** A timestamp counter as timestamptz; 0 means never. */
    private static Instant time(long micros) {
        if (micros == 0) return null;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

}
