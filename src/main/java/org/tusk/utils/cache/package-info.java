/**
 * Per-backend caches of catalog contents (PostgreSQL's utils/cache: relcache.c, inval.c).
 *
 * <h2>Relcache</h2>
 * {@link org.tusk.utils.cache.RelCache} builds {@link org.tusk.utils.cache.Relation} objects
 * from pg_class (name, namespace, kind, persistence, file locator), pg_attribute (the tuple
 * descriptor: columns with attnum &gt; 0 in attnum order) and pg_index (for indexes), and keeps
 * them per backend by OID, with each table's index list. The system catalogs' own entries are
 * nailed: built from {@code catalog.SystemCatalogs} and never invalidated (their definitions
 * cannot change). Each entry also carries pg_class's relpages, reltuples, relallvisible and
 * relhassubclass (rd_rel's copy), which the planner's size estimates read; whatever updates them
 * (VACUUM, ANALYZE, new inheritance children) registers a relcache invalidation,
 * as PostgreSQL's vac_update_relstats does after its in-place update, so a rebuilt entry sees
 * the new values. A Relation is immutable apart from its insertion hint; an invalidated entry is
 * dropped and rebuilt on the next lookup, never changed in place, so a Relation a caller holds
 * stays self-consistent (if stale).
 *
 * <h2>Invalidation protocol</h2>
 * Each backend keeps its own caches; they stay coherent through shared invalidation messages
 * ({@code storage.ipc.SinvalQueue}), managed per backend by {@link org.tusk.utils.cache.Inval}:
 * <ol>
 * <li>DDL registers a relcache invalidation for every relation whose catalog rows it changed
 * (relation OID 0 stands for "all relations of the database").</li>
 * <li>CommandCounterIncrement applies the current command's messages to the backend's own
 * cache, so its next lookup sees its own change, and keeps them.</li>
 * <li>At commit, after the commit record and before the transaction's locks are released, all
 * of them are appended to the shared queue. At abort they are applied locally once more and
 * discarded.</li>
 * <li>Every backend reads the queue (AcceptInvalidationMessages) at transaction start and after
 * acquiring each relation lock. A backend that fell so far behind that its unread messages were
 * overwritten is told to reset: it drops its whole relcache.</li>
 * </ol>
 * Because a committer sends before releasing its locks, and a reader reads after taking its
 * lock, a backend holding a lock on a relation never uses a cache entry older than the last
 * committed change of that relation.
 *
 * <h2>A reused backend process</h2>
 * With {@code backend_reuse} a process serves one session after another. The relcache of a
 * session may pass to the next session of the same process if that connects to the same database
 * ({@link org.tusk.utils.cache.RelCache#adopt}): the process leaves the invalidation queue at the
 * message it last read and rejoins there ({@code SinvalQueue.backendRejoin}), so the new
 * session's first AcceptInvalidationMessages drops every entry that changed in between, as if the
 * process had stayed connected. If those messages are no longer kept, it rejoins at the end with
 * an empty cache, as a backend that was reset. The catalog rows derived caches read whole
 * ({@link org.tusk.utils.cache.RelCache#catalogList}, the user operators) go along, under the same
 * rule: any invalidation empties them.
 *
 * <p>Neither class is thread-safe: both belong to one backend and its one thread.
 */
package org.tusk.utils.cache;
