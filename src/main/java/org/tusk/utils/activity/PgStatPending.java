package org.tusk.utils.activity;

import org.tusk.storage.lmgr.LWLock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import static org.tusk.utils.activity.PgStatFields.*;
import static org.tusk.utils.activity.PgStatShared.KIND_DATABASE;
import static org.tusk.utils.activity.PgStatShared.KIND_RELATION;

/**
 * One backend's side of the cumulative statistics (PostgreSQL 15's pgstat.c, pgstat_relation.c
 * and pgstat_database.c): the counts not yet in shared memory, their transaction-end processing,
 * their flush into {@link PgStatShared}, and the backend's view of the shared counts for the
 * pg_stat_get_* functions under {@code stats_fetch_consistency}.
 *
 * <p>Counts reach shared memory in {@link #reportStat}, which the backend calls when it goes idle
 * (pgstat_report_stat): at most every {@link #MIN_INTERVAL_MS} unless forced, taking each entry's
 * lock without waiting (a busy entry stays pending), and after at most {@link #MAX_INTERVAL_MS}
 * waiting for the locks. Used by its backend's one thread only.
 */
public final class PgStatPending {
    /** PGSTAT_MIN_INTERVAL, PGSTAT_MAX_INTERVAL, PGSTAT_IDLE_INTERVAL (pgstat.c). */
    public static final long MIN_INTERVAL_MS = 1000, MAX_INTERVAL_MS = 60000, IDLE_INTERVAL_MS = 10000;

    /** stats_fetch_consistency. */
    public enum FetchConsistency { NONE, CACHE, SNAPSHOT }

    private final PgStatShared shared;
    private final int dbOid;
    private final IntSupplier nestLevel;
    private final LongSupplier nowMicros;
    private final Map<Integer, PgStatTableStatus> tables = new HashMap<>();
    private final List<PgStatTableStatus> touched = new ArrayList<>();
    /** Relations dropped by the running transaction (pgstat_drop_relation's pending drop), by level. */
    private final List<int[]> dropsInXact = new ArrayList<>();
    /** track_counts, as of the start of the current transaction. */
    boolean counting = true;
    private FetchConsistency consistency = FetchConsistency.CACHE;
    /** The number of processes connected to a database, from the backend status array. */
    private java.util.function.IntUnaryOperator backendsIn = db -> 0;

    // PgStat_StatDBEntry's pending part (pgStatXactCommit, pgStatXactRollback, session counts)
    private long xactCommit, xactRollback, sessions, sessionsFatal, sessionsKilled, sessionsAbandoned;
    /** The relations' counts already flushed to their entries, waiting for the database entry. */
    private long dbReturned, dbFetched, dbInserted, dbUpdated, dbDeleted, dbBlocksFetched, dbBlocksHit;
    private long lastFlushMillis, pendingSinceMillis;
    private boolean forceNextFlush;

    /** stats_fetch_consistency = cache/snapshot: the counts read so far in this transaction. */
    private final Map<Long, long[]> snapshot = new HashMap<>();
    private boolean snapshotComplete;

    /**
     * @param nestLevel the current transaction nesting level (1 top level)
     * @param nowMicros the clock, microseconds since the Unix epoch
     */
    public PgStatPending(PgStatShared shared, int dbOid, IntSupplier nestLevel, LongSupplier nowMicros) {
        this.shared = shared;
        this.dbOid = dbOid;
        this.nestLevel = nestLevel;
        this.nowMicros = nowMicros;
    }

    public int databaseOid() { return dbOid; }

    /** Where {@link #numBackends} counts (the backend status array). */
    public void backendCounter(java.util.function.IntUnaryOperator backendsIn) { this.backendsIn = backendsIn; }

    /** pg_stat_get_db_numbackends: the backends connected to database {@code db} now. */
    public int numBackends(int db) { return backendsIn.applyAsInt(db); }

    int nestLevel() { return nestLevel.getAsInt(); }

    void touchedInXact(PgStatTableStatus s) { touched.add(s); }

    /** pgstat_init_relation / pgstat_prep_relation_pending: the relation's pending counts. */
    public PgStatTableStatus relation(int relid) {
        PgStatTableStatus s = tables.get(relid);
        if (s == null) tables.put(relid, s = new PgStatTableStatus(relid, this));
        return s;
    }

    /** track_counts and stats_fetch_consistency as the transaction starting now sees them. */
    public void settings(boolean trackCounts, FetchConsistency fetchConsistency) {
        if (fetchConsistency != consistency) clearSnapshot();
        this.counting = trackCounts;
        this.consistency = fetchConsistency;
    }

    /**
     * Drops the table counts not yet flushed: an autovacuum worker's own catalog changes (pg_class
     * rows, pg_statistic rows) would otherwise look like new activity in the database to the
     * launcher, which starts workers where rows changed (PostgreSQL updates pg_class in place,
     * uncounted). Its VACUUM and ANALYZE reports go to the shared entries directly and stay.
     */
    public void discardTableCounts() {
        tables.clear();
    }

    /** pgstat_report_connect: one session more for the database. */
    public void reportConnect() { sessions++; }

    /** pgstat_report_disconnect's cause: a FATAL error, or the client going away without Terminate. */
    public void reportDisconnect(boolean fatal, boolean killed, boolean abandoned) {
        if (fatal) sessionsFatal++;
        if (killed) sessionsKilled++;
        if (abandoned) sessionsAbandoned++;
    }

    /** pgstat_drop_relation: the relation's entry goes when the transaction commits. */
    public void dropRelation(int relid) {
        dropsInXact.add(new int[] {relid, nestLevel()});
        PgStatTableStatus s = tables.get(relid);
        if (s != null) s.trans = null;
    }

    /** AtEOXact_PgStat: fold each table's transaction counts, count the commit or rollback. */
    public void atEOXact(boolean commit) {
        for (PgStatTableStatus s : touched) s.endTopTransaction(commit);
        touched.clear();
        if (commit) {
            for (int[] d : dropsInXact) {
                shared.drop(KIND_RELATION, dbOid, d[0]);
                tables.remove(d[0]);
            }
        }
        dropsInXact.clear();
        if (commit) xactCommit++; else xactRollback++;
        clearSnapshot();
    }

    /** AtEOSubXact_PgStat for the subtransaction at {@code level}. */
    public void atEOSubXact(int level, boolean commit) {
        for (PgStatTableStatus s : touched) s.endSubTransaction(level, commit);
        if (!commit) dropsInXact.removeIf(d -> d[1] >= level);
        else for (int[] d : dropsInXact) if (d[1] >= level) d[1] = level - 1;
    }

    /** pgstat_force_next_flush. */
    public void forceNextFlush() { forceNextFlush = true; }

    /**
     * pgstat_report_stat: adds the pending counts to shared memory unless the last flush was less
     * than {@link #MIN_INTERVAL_MS} ago. Returns how many milliseconds later to call again (0: nothing
     * is left pending), as PostgreSQL's arms IDLE_STATS_UPDATE_TIMEOUT with it.
     */
    public long reportStat(boolean force, long nowMillis) {
        if (forceNextFlush) {
            force = true;
            forceNextFlush = false;
        }
        if (!force) {
            if (pendingSinceMillis > 0 && nowMillis - pendingSinceMillis >= MAX_INTERVAL_MS) {
                force = true;   // don't keep pending updates longer than PGSTAT_MAX_INTERVAL
            } else if (lastFlushMillis > 0 && nowMillis - lastFlushMillis < MIN_INTERVAL_MS) {
                // (whether anything is pending is not looked at: that would walk every relation
                // this backend has opened after every statement; a flush of nothing is cheap)
                if (pendingSinceMillis == 0) pendingSinceMillis = nowMillis;
                return IDLE_INTERVAL_MS;   // don't flush too frequently
            }
        }
        boolean partial = flush(!force);
        lastFlushMillis = nowMillis;
        if (partial) {
            if (pendingSinceMillis == 0) pendingSinceMillis = nowMillis;
            return IDLE_INTERVAL_MS;
        }
        pendingSinceMillis = 0;
        return 0;
    }

    /** Returns whether some counts stayed pending (an entry's lock was busy and {@code nowait}). */
    private boolean flush(boolean nowait) {
        boolean partial = false;
        long returned = 0, fetched = 0, inserted = 0, updated = 0, deleted = 0, blocksFetched = 0, blocksHit = 0;
        for (PgStatTableStatus s : tables.values()) {
            if (s.isEmpty()) continue;
            int i = shared.lookupOrCreate(KIND_RELATION, dbOid, s.relid);
            if (i < 0) {   // the table is full: the counts are lost (see PgStatShared)
                s.clearCounts();
                continue;
            }
            LWLock l = shared.lock(i);
            if (nowait) {
                if (!l.tryAcquire(LWLock.Mode.EXCLUSIVE)) {
                    partial = true;
                    continue;
                }
            } else {
                l.acquire(LWLock.Mode.EXCLUSIVE);
            }
            try {
                if (shared.holds(i, KIND_RELATION, dbOid, s.relid)) flushRelation(i, s);
            } finally {
                l.release(LWLock.Mode.EXCLUSIVE);
            }
            returned += s.tuplesReturned;
            fetched += s.tuplesFetched;
            inserted += s.tuplesInserted;
            updated += s.tuplesUpdated;
            deleted += s.tuplesDeleted;
            blocksFetched += s.blocksFetched;
            blocksHit += s.blocksHit;
            s.clearCounts();
        }
        // pgstat_database_flush_cb: what the relations added, and the database's own counts; a busy
        // entry keeps them all pending
        dbReturned += returned;
        dbFetched += fetched;
        dbInserted += inserted;
        dbUpdated += updated;
        dbDeleted += deleted;
        dbBlocksFetched += blocksFetched;
        dbBlocksHit += blocksHit;
        int d = shared.lookupOrCreate(KIND_DATABASE, dbOid, 0);
        if (d < 0) {
            clearDatabaseCounts();
            return partial;
        }
        LWLock l = shared.lock(d);
        if (nowait) {
            if (!l.tryAcquire(LWLock.Mode.EXCLUSIVE)) return true;
        } else {
            l.acquire(LWLock.Mode.EXCLUSIVE);
        }
        try {
            if (shared.holds(d, KIND_DATABASE, dbOid, 0)) {
                shared.add(d, DB_XACT_COMMIT, xactCommit);
                shared.add(d, DB_XACT_ROLLBACK, xactRollback);
                shared.add(d, DB_TUPLES_RETURNED, dbReturned);
                shared.add(d, DB_TUPLES_FETCHED, dbFetched);
                shared.add(d, DB_TUPLES_INSERTED, dbInserted);
                shared.add(d, DB_TUPLES_UPDATED, dbUpdated);
                shared.add(d, DB_TUPLES_DELETED, dbDeleted);
                shared.add(d, DB_BLOCKS_FETCHED, dbBlocksFetched);
                shared.add(d, DB_BLOCKS_HIT, dbBlocksHit);
                shared.add(d, DB_SESSIONS, sessions);
                shared.add(d, DB_SESSIONS_FATAL, sessionsFatal);
                shared.add(d, DB_SESSIONS_KILLED, sessionsKilled);
                shared.add(d, DB_SESSIONS_ABANDONED, sessionsAbandoned);
            }
        } finally {
            l.release(LWLock.Mode.EXCLUSIVE);
        }
        clearDatabaseCounts();
        return partial;
    }

    private void clearDatabaseCounts() {
        xactCommit = xactRollback = sessions = sessionsFatal = sessionsKilled = sessionsAbandoned = 0;
        dbReturned = dbFetched = dbInserted = dbUpdated = dbDeleted = dbBlocksFetched = dbBlocksHit = 0;
    }

    /** pgstat_relation_flush_cb's additions, under the entry's lock. */
    private void flushRelation(int i, PgStatTableStatus s) {
        shared.add(i, NUMSCANS, s.numscans);
        shared.add(i, TUPLES_RETURNED, s.tuplesReturned);
        shared.add(i, TUPLES_FETCHED, s.tuplesFetched);
        shared.add(i, TUPLES_INSERTED, s.tuplesInserted);
        shared.add(i, TUPLES_UPDATED, s.tuplesUpdated);
        shared.add(i, TUPLES_DELETED, s.tuplesDeleted);
        shared.add(i, TUPLES_HOT_UPDATED, s.tuplesHotUpdated);
        // If table was truncated/dropped, first reset the live/dead counters.
        if (s.truncDropped) {
            shared.set(i, N_LIVE_TUPLES, 0);
            shared.set(i, N_DEAD_TUPLES, 0);
            shared.set(i, INSERTS_SINCE_VACUUM, 0);
        }
        shared.set(i, N_LIVE_TUPLES, Math.max(0, shared.get(i, N_LIVE_TUPLES) + s.deltaLiveTuples));
        shared.set(i, N_DEAD_TUPLES, Math.max(0, shared.get(i, N_DEAD_TUPLES) + s.deltaDeadTuples));
        shared.add(i, CHANGES_SINCE_ANALYZE, s.changedTuples);
        shared.add(i, INSERTS_SINCE_VACUUM, s.tuplesInserted);
        shared.add(i, BLOCKS_FETCHED, s.blocksFetched);
        shared.add(i, BLOCKS_HIT, s.blocksHit);
    }

    /** pgstat_report_vacuum: VACUUM's counts replace the live and dead tuple counts. */
    public void reportVacuum(int relid, boolean autovacuum, long liveTuples, long deadTuples) {
        if (!counting) return;
        int i = shared.lookupOrCreate(KIND_RELATION, dbOid, relid);
        if (i < 0) return;
        LWLock l = shared.lock(i);
        l.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (!shared.holds(i, KIND_RELATION, dbOid, relid)) return;
            shared.set(i, N_LIVE_TUPLES, liveTuples);
            shared.set(i, N_DEAD_TUPLES, deadTuples);
            // It is quite possible that a non-aggressive VACUUM ended up skipping various pages;
            // the insert counter is zeroed regardless, as PostgreSQL does.
            shared.set(i, INSERTS_SINCE_VACUUM, 0);
            long now = nowMicros.getAsLong();
            if (autovacuum) {
                shared.set(i, AUTOVAC_VACUUM_TIMESTAMP, now);
                shared.add(i, AUTOVAC_VACUUM_COUNT, 1);
            } else {
                shared.set(i, VACUUM_TIMESTAMP, now);
                shared.add(i, VACUUM_COUNT, 1);
            }
        } finally {
            l.release(LWLock.Mode.EXCLUSIVE);
        }
        clearSnapshot();
    }

    /**
     * pgstat_report_analyze: ANALYZE's estimates replace the live and dead tuple counts, less what
     * this transaction's own uncommitted changes contributed to them. A negative {@code deadTuples}
     * (no estimate) leaves the dead count as it is.
     */
    public void reportAnalyze(int relid, boolean autovacuum, long liveTuples, long deadTuples, boolean resetCounter) {
        if (!counting) return;
        PgStatTableStatus s = tables.get(relid);
        if (s != null && s.trans != null) {
            for (PgStatTableStatus.Trans t = s.trans; t != null; t = t.upper) {
                liveTuples -= t.inserted - t.deleted;
                deadTuples -= t.updated + t.deleted;
            }
            // count stuff inserted by already-aborted subxacts, too
            if (deadTuples >= 0) {
                deadTuples -= s.deltaDeadTuples;
                deadTuples = Math.max(deadTuples, 0);
            }
            liveTuples = Math.max(liveTuples, 0);
        }
        int i = shared.lookupOrCreate(KIND_RELATION, dbOid, relid);
        if (i < 0) return;
        LWLock l = shared.lock(i);
        l.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (!shared.holds(i, KIND_RELATION, dbOid, relid)) return;
            shared.set(i, N_LIVE_TUPLES, liveTuples);
            if (deadTuples >= 0) shared.set(i, N_DEAD_TUPLES, deadTuples);
            if (resetCounter) shared.set(i, CHANGES_SINCE_ANALYZE, 0);
            long now = nowMicros.getAsLong();
            if (autovacuum) {
                shared.set(i, AUTOVAC_ANALYZE_TIMESTAMP, now);
                shared.add(i, AUTOVAC_ANALYZE_COUNT, 1);
            } else {
                shared.set(i, ANALYZE_TIMESTAMP, now);
                shared.add(i, ANALYZE_COUNT, 1);
            }
        } finally {
            l.release(LWLock.Mode.EXCLUSIVE);
        }
        clearSnapshot();
    }

    // ---- reading (pgstat_fetch_entry) ----

    private static long key(int kind, int db, int obj) {
        return ((long) kind << 62) ^ ((long) db << 32) ^ (obj & 0xffffffffL);
    }

    /** pg_stat_get_xact_*: this backend's pending count of relation {@code relid} (0 if it has none). */
    public long pendingRelationCount(int relid, int counter) {
        PgStatTableStatus s = tables.get(relid);
        return s == null ? 0 : s.pendingCount(counter);
    }

    /** The shared counts of this database's relation {@code relid}, or null if it has none. */
    public long[] fetchRelation(int relid) {
        return fetch(KIND_RELATION, dbOid, relid);
    }

    /** The shared counts of database {@code db} (0: shared objects), or null if it has none. */
    public long[] fetchDatabase(int db) {
        return fetch(KIND_DATABASE, db, 0);
    }

    private long[] fetch(int kind, int db, int obj) {
        if (consistency == FetchConsistency.NONE) return shared.read(kind, db, obj);
        if (consistency == FetchConsistency.SNAPSHOT && !snapshotComplete) {
            // pgstat_build_snapshot: every entry at once, so that all reads agree
            for (PgStatShared.Saved e : shared.all()) snapshot.put(key(e.kind(), e.db(), e.obj()), e.counters());
            snapshotComplete = true;
        }
        long k = key(kind, db, obj);
        if (snapshot.containsKey(k)) return snapshot.get(k);
        if (snapshotComplete) return null;
        long[] c = shared.read(kind, db, obj);
        snapshot.put(k, c);
        return c;
    }

    /** pgstat_clear_snapshot. */
    public void clearSnapshot() {
        snapshot.clear();
        snapshotComplete = false;
    }

    /** The fixed statistics (pg_stat_bgwriter), read without a snapshot. */
    public long fixed(int counter) {
        return shared.fixed(counter);
    }

    // ---- resetting ----

    /** pgstat_reset_counters (pg_stat_reset): this database's relation counts, and its own. */
    public void resetCounters() {
        shared.dropRelationsOf(dbOid);
        long[] zero = new long[PgStatShared.NCOUNTERS];
        zero[DB_STAT_RESET_TIMESTAMP] = nowMicros.getAsLong();
        shared.write(KIND_DATABASE, dbOid, 0, zero);
        clearSnapshot();
    }

    /** pgstat_reset of one relation (pg_stat_reset_single_table_counters). */
    public void resetRelation(int relid) {
        if (shared.lookup(KIND_RELATION, dbOid, relid) >= 0) shared.write(KIND_RELATION, dbOid, relid, new long[0]);
        int d = shared.lookupOrCreate(KIND_DATABASE, dbOid, 0);
        if (d >= 0) {
            LWLock l = shared.lock(d);
            l.acquire(LWLock.Mode.EXCLUSIVE);
            try {
                if (shared.holds(d, KIND_DATABASE, dbOid, 0)) shared.set(d, DB_STAT_RESET_TIMESTAMP, nowMicros.getAsLong());
            } finally {
                l.release(LWLock.Mode.EXCLUSIVE);
            }
        }
        clearSnapshot();
    }

    /** pgstat_reset_of_kind(PGSTAT_KIND_BGWRITER / CHECKPOINTER) (pg_stat_reset_shared('bgwriter')). */
    public void resetBgwriter() {
        for (int c = 0; c < BGWRITER_STAT_RESET_TIMESTAMP; c++) shared.setFixed(c, 0);
        shared.setFixed(BGWRITER_STAT_RESET_TIMESTAMP, nowMicros.getAsLong());
    }
}
