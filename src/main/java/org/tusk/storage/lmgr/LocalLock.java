package org.tusk.storage.lmgr;

/**
 * One entry of a backend's LOCALLOCK table (lock.h): a (tag, mode) this process holds or is
 * acquiring, with the shared entries it found and how many times it holds the lock for its
 * transaction and for its session. The shared lock is held once, whatever the counts; it is
 * released when both reach zero. Private to the backend: no locking.
 */
final class LocalLock {
    final LockTag tag;
    final LockMode mode;
    final int hash;
    int lock;
    int procLock;
    int transactionCount;
    int sessionCount;
    /** Granted on the fast path (PostgreSQL: lock == NULL): in this process's PGPROC slots, or moved into the table since. */
    boolean fastPath;
    /** This request raised its partition's strong-lock count, to be lowered when the entry goes. */
    boolean holdsStrongLockCount;

    LocalLock(LockTag tag, LockMode mode) {
        this.tag = tag;
        this.mode = mode;
        this.hash = tag.hashCode32();
    }

    int total() {
        return transactionCount + sessionCount;
    }

    /** GrantLockLocal. */
    void grantLocal(boolean session) {
        if (session) sessionCount++; else transactionCount++;
    }

    /** The key of the table: PostgreSQL's LOCALLOCKTAG (equals and hashCode written out, as LockTag's). */
    record Key(LockTag tag, LockMode mode) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && mode == k.mode && tag.equals(k.tag);
        }

        @Override
        public int hashCode() {
            return 31 * tag.hashCode() + mode.ordinal();
        }
    }
}
