package org.tusk.utils.misc;

/**
 * What names an advisory lock within its database (lockfuncs.c's SET_LOCKTAG_INT64 and
 * SET_LOCKTAG_INT32): a bigint key split into its high and low halves, with {@code kind} 1, or two
 * int keys, with {@code kind} 2. pg_locks shows them as classid, objid and objsubid, so the two
 * forms never collide: {@code pg_advisory_lock(0, 1)} and {@code pg_advisory_lock(1)} are
 * different locks.
 */
public record AdvisoryLockKey(int key1, int key2, int kind) {
    /** pg_advisory_lock(bigint)'s key. */
    public static AdvisoryLockKey of(long key) {
        return new AdvisoryLockKey((int) (key >>> 32), (int) key, 1);
    }

    /** pg_advisory_lock(int, int)'s key. */
    public static AdvisoryLockKey of(int key1, int key2) {
        return new AdvisoryLockKey(key1, key2, 2);
    }
}
