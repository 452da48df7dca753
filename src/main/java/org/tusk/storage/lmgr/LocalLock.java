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

    /** The key of the table: PostgreSQL's LOCALLOCKTAG. */
    record Key(LockTag tag, LockMode mode) {}
}
