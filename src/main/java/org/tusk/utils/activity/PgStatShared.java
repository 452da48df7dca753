package org.tusk.utils.activity;

import org.tusk.storage.lmgr.LWLock;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The cumulative statistics in shared memory (PostgreSQL 15's pgstat_shmem.c): one entry per
 * database and per relation, found by (kind, database OID, object OID) in a fixed-size hash table,
 * plus the fixed-numbered statistics of the checkpointer and background writer
 * (PgStat_BgWriterStats, PgStat_CheckpointerStats).
 *
 * <p>PostgreSQL keeps its entries in a dshash that grows in dynamic shared memory; Tusk's region
 * has a fixed size, so the table has {@link #CAPACITY} entries with linear probing. A dropped
 * object's entry becomes a tombstone that a later insertion reuses. When every entry is taken,
 * no new entry is created: the pending counts of an object that has none are dropped (and
 * {@link #lookupOrCreate} returns -1), the way PostgreSQL drops counts when it cannot get memory.
 *
 * <h2>Locks</h2>
 * <ul>
 * <li>{@code PgStatsHashLock} (exclusive) is held to create, reuse or drop an entry, and to reset
 *     them all. Lookups take no lock: an entry's state word is set (with release semantics) only
 *     after its key is written; a lookup that misses retries under the lock before creating.</li>
 * <li>Each entry's own LWLock protects its counters and key (pgstat_lock_entry): a flush adds under
 *     it exclusively, a reader copies under it shared and checks that the key is still the one it
 *     looked for (a tombstone can be reused for another object in between).</li>
 * <li>The fixed statistics are single words changed with atomic adds, read without a lock.</li>
 * </ul>
 */
public final class PgStatShared {
    /** Entries of the hash table (PostgreSQL's grows; this fits Tusk's fixed region). */
    public static final int CAPACITY = 8192;
    /** Counters per entry: enough for PgStat_StatDBEntry, the larger of the two kinds. */
    public static final int NCOUNTERS = 30;
    /** Fixed counters: PgStat_BgWriterStats and PgStat_CheckpointerStats, and their reset time. */
    public static final int NFIXED = 16;

    public static final int KIND_DATABASE = 1, KIND_RELATION = 2;
    private static final int EMPTY = 0, USED = 1, DROPPED = 2;

    // entry: state, kind, dboid, objoid (16 B), LWLock (8 B), counters
    private static final long E_STATE = 0, E_KIND = 4, E_DB = 8, E_OBJ = 12, E_LOCK = 16, E_COUNTERS = 24;
    private static final long ENTRY_SIZE = E_COUNTERS + NCOUNTERS * 8L;
    // header: hash lock (8 B), used count, pad, fixed counters
    private static final long H_LOCK = 0, H_USED = 8, H_FIXED = 16;
    private static final long HEADER_SIZE = H_FIXED + NFIXED * 8L;

    private static final VarHandle INT = JAVA_INT.varHandle();
    private static final VarHandle LONG = JAVA_LONG.varHandle();

    /** The region's size. */
    public static MemoryLayout layout() {
        return MemoryLayout.sequenceLayout(HEADER_SIZE + CAPACITY * ENTRY_SIZE, java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private final MemorySegment seg;
    private final LWLock hashLock;
    private final LWLock[] entryLocks = new LWLock[CAPACITY];

    public PgStatShared(MemorySegment seg) {
        this.seg = seg;
        this.hashLock = new LWLock("PgStatsHash", seg.asSlice(H_LOCK, LWLock.LAYOUT.byteSize()));
    }

    private long base(int i) {
        return HEADER_SIZE + i * ENTRY_SIZE;
    }

    /** The entry's lock (pgstat_lock_entry), bound on first use in this process. */
    public LWLock lock(int i) {
        LWLock l = entryLocks[i];
        if (l == null) entryLocks[i] = l = new LWLock("PgStatsData", seg.asSlice(base(i) + E_LOCK, LWLock.LAYOUT.byteSize()));
        return l;
    }

    private static int hash(int kind, int db, int obj) {
        int h = kind * 0x9E3779B1 ^ db * 0x85EBCA6B ^ obj * 0xC2B2AE35;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        return Math.floorMod(h, CAPACITY);
    }

    private int state(int i) { return (int) INT.getAcquire(seg, base(i) + E_STATE); }

    private boolean keyIs(int i, int kind, int db, int obj) {
        long b = base(i);
        return (int) INT.get(seg, b + E_KIND) == kind && (int) INT.get(seg, b + E_DB) == db && (int) INT.get(seg, b + E_OBJ) == obj;
    }

    /** The entry of (kind, db, obj), or -1 if there is none (pgstat_get_entry_ref without create). */
    public int lookup(int kind, int db, int obj) {
        int start = hash(kind, db, obj);
        for (int n = 0, i = start; n < CAPACITY; n++, i = (i + 1) % CAPACITY) {
            int st = state(i);
            if (st == EMPTY) return -1;
            if (st == USED && keyIs(i, kind, db, obj)) return i;
        }
        return -1;
    }

    /** The entry of (kind, db, obj), created zeroed if there is none; -1 when the table is full. */
    public int lookupOrCreate(int kind, int db, int obj) {
        int i = lookup(kind, db, obj);
        if (i >= 0) return i;
        hashLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int free = -1;
            int start = hash(kind, db, obj);
            for (int n = 0, j = start; n < CAPACITY; n++, j = (j + 1) % CAPACITY) {
                int st = state(j);
                if (st == USED) {
                    if (keyIs(j, kind, db, obj)) return j;
                    continue;
                }
                if (free < 0) free = j;
                if (st == EMPTY) break;
            }
            if (free < 0) return -1;
            LWLock l = lock(free);
            l.acquire(LWLock.Mode.EXCLUSIVE);
            try {
                long b = base(free);
                INT.set(seg, b + E_KIND, kind);
                INT.set(seg, b + E_DB, db);
                INT.set(seg, b + E_OBJ, obj);
                for (int c = 0; c < NCOUNTERS; c++) LONG.set(seg, b + E_COUNTERS + c * 8L, 0L);
                INT.setRelease(seg, b + E_STATE, USED);
            } finally {
                l.release(LWLock.Mode.EXCLUSIVE);
            }
            INT.getAndAdd(seg, H_USED, 1);
            return free;
        } finally {
            hashLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** Whether entry {@code i} still holds (kind, db, obj); call with its lock held. */
    public boolean holds(int i, int kind, int db, int obj) {
        return state(i) == USED && keyIs(i, kind, db, obj);
    }

    public long get(int i, int counter) {
        return (long) LONG.get(seg, base(i) + E_COUNTERS + counter * 8L);
    }

    public void set(int i, int counter, long value) {
        LONG.set(seg, base(i) + E_COUNTERS + counter * 8L, value);
    }

    public void add(int i, int counter, long delta) {
        if (delta != 0) set(i, counter, get(i, counter) + delta);
    }

    /** A copy of the counters of (kind, db, obj), or null if it has no entry. */
    public long[] read(int kind, int db, int obj) {
        while (true) {
            int i = lookup(kind, db, obj);
            if (i < 0) return null;
            LWLock l = lock(i);
            l.acquire(LWLock.Mode.SHARED);
            try {
                if (!holds(i, kind, db, obj)) continue;   // reused meanwhile: look again
                long[] out = new long[NCOUNTERS];
                for (int c = 0; c < NCOUNTERS; c++) out[c] = get(i, c);
                return out;
            } finally {
                l.release(LWLock.Mode.SHARED);
            }
        }
    }

    /** Replaces (kind, db, obj)'s counters by {@code values} (a restore, or a reset to zeros). */
    public void write(int kind, int db, int obj, long[] values) {
        int i = lookupOrCreate(kind, db, obj);
        if (i < 0) return;
        LWLock l = lock(i);
        l.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            if (!holds(i, kind, db, obj)) return;
            for (int c = 0; c < NCOUNTERS; c++) set(i, c, c < values.length ? values[c] : 0);
        } finally {
            l.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** pgstat_drop_entry: the object is gone; its entry becomes a tombstone. */
    public void drop(int kind, int db, int obj) {
        if (lookup(kind, db, obj) < 0) return;
        hashLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            int i = lookup(kind, db, obj);
            if (i < 0) return;
            dropLocked(i);
        } finally {
            hashLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    private void dropLocked(int i) {
        LWLock l = lock(i);
        l.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            INT.setRelease(seg, base(i) + E_STATE, DROPPED);
        } finally {
            l.release(LWLock.Mode.EXCLUSIVE);
        }
        INT.getAndAdd(seg, H_USED, -1);
    }

    /** Drops every relation entry of database {@code db} (pgstat_reset_counters drops and recreates). */
    public void dropRelationsOf(int db) {
        hashLock.acquire(LWLock.Mode.EXCLUSIVE);
        try {
            for (int i = 0; i < CAPACITY; i++) {
                if (state(i) != USED) continue;
                long b = base(i);
                if ((int) INT.get(seg, b + E_KIND) == KIND_RELATION && (int) INT.get(seg, b + E_DB) == db) dropLocked(i);
            }
        } finally {
            hashLock.release(LWLock.Mode.EXCLUSIVE);
        }
    }

    /** One entry as it is saved to and restored from pg_stat/pgstat.stat. */
    public record Saved(int kind, int db, int obj, long[] counters) {}

    /** A copy of every entry (pgstat_write_statsfile's walk of the hash table). */
    public List<Saved> all() {
        List<Saved> out = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            if (state(i) != USED) continue;
            LWLock l = lock(i);
            l.acquire(LWLock.Mode.SHARED);
            try {
                if (state(i) != USED) continue;
                long b = base(i);
                long[] c = new long[NCOUNTERS];
                for (int k = 0; k < NCOUNTERS; k++) c[k] = get(i, k);
                out.add(new Saved((int) INT.get(seg, b + E_KIND), (int) INT.get(seg, b + E_DB), (int) INT.get(seg, b + E_OBJ), c));
            } finally {
                l.release(LWLock.Mode.SHARED);
            }
        }
        return out;
    }

    /** The number of entries in use. */
    public int used() {
        return (int) INT.getVolatile(seg, H_USED);
    }

    // ---- fixed-numbered statistics (atomics) ----

    public void addFixed(int counter, long delta) {
        LONG.getAndAdd(seg, H_FIXED + counter * 8L, delta);
    }

    public long fixed(int counter) {
        return (long) LONG.getVolatile(seg, H_FIXED + counter * 8L);
    }

    public void setFixed(int counter, long value) {
        LONG.setVolatile(seg, H_FIXED + counter * 8L, value);
    }
}
