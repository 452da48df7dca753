package org.tusk.storage.ipc;

/**
 * One shared invalidation message (sinval.h, SharedInvalidationMessage), of the kinds Tusk sends
 * so far: a relcache invalidation ({@link #RELCACHE_ID}) naming a relation of a database, where
 * relation 0 (InvalidOid) means every relation of that database (CacheInvalidateRelcacheAll).
 * Stored in the queue as 16 bytes: id, dbId, relId, unused, as PostgreSQL's message union is 16.
 */
public record SharedInvalidationMessage(int id, int dbId, int relId) {
    /** SHAREDINVALRELCACHE_ID. */
    public static final int RELCACHE_ID = -2;

    public static SharedInvalidationMessage relcache(int dbId, int relId) {
        return new SharedInvalidationMessage(RELCACHE_ID, dbId, relId);
    }

    /** Whether this invalidates every relation of its database. */
    public boolean isRelcacheAll() {
        return id == RELCACHE_ID && relId == 0;
    }
}
