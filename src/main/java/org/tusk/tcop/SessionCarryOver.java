package org.tusk.tcop;

import org.tusk.utils.cache.RelCache;

/**
 * What a reused backend process ({@code backend_reuse}, Tusk's own) keeps from one session for the
 * next: the relcache of the database the session used, and where the session stopped reading the
 * shared invalidation queue. The next session, if it connects to the same database, rejoins the
 * queue at that point and adopts the cache: it then reads every invalidation sent in between
 * before it uses an entry, exactly as if it had been connected all along. If the messages since
 * are no longer in the queue, or the database differs, it starts with an empty cache, as a new
 * backend does. Nothing else crosses sessions: settings, identity, prepared statements, portals,
 * temporary objects and the catalog's other caches are made anew (see BackendReuse).
 *
 * <p>One per process, owned by the spare loop and handed to each session's context; used by the
 * process's one thread only.
 */
final class SessionCarryOver {
    private RelCache relcache;
    /** SinvalQueue.backendExit's answer for the last session; -1 when there is nothing to resume. */
    private long sinvalStoppedAt = -1;

    /** Called as the session leaves the invalidation queue (a ProcExit callback): what the next one may take. */
    void sessionLeft(RelCache cache, long stoppedAt) {
        this.relcache = stoppedAt < 0 ? null : cache;
        this.sinvalStoppedAt = stoppedAt;
    }

    /** The previous session's relcache if it served database {@code dbOid}, else null. */
    RelCache relcacheFor(int dbOid) {
        return relcache != null && relcache.databaseOid() == dbOid ? relcache : null;
    }

    long sinvalStoppedAt() {
        return sinvalStoppedAt;
    }

    /** Forgets what the last session left: its cache is either adopted by the next session or stale. */
    void clear() {
        relcache = null;
        sinvalStoppedAt = -1;
    }
}
