/**
 * What every process is doing, for {@code pg_stat_activity} (PostgreSQL's
 * {@code utils/activity/backend_status.c}): one status entry per child slot in shared memory,
 * written only by its owner and read by anyone without locks through the changecount protocol
 * described in {@link org.tusk.utils.activity.BackendStatusArray}.
 *
 * <p>The same entry carries the command in progress and its counters
 * ({@code backend_progress.c}): a command reports through
 * {@link org.tusk.utils.activity.CommandProgress} (COPY does, for {@code pg_stat_progress_copy}),
 * each update one changecount-bracketed write; the transaction's abort ends a report a failed
 * command left.
 *
 * <p>The cumulative statistics (PostgreSQL 15's {@code pgstat.c}, {@code pgstat_shmem.c},
 * {@code pgstat_relation.c}, {@code pgstat_database.c}): each backend counts into
 * {@link org.tusk.utils.activity.PgStatPending} (per relation a
 * {@link org.tusk.utils.activity.PgStatTableStatus} that the relcache hangs on the relation), folds
 * the transaction's inserts, updates and deletes into live/dead counts at its end, and adds
 * everything to {@link org.tusk.utils.activity.PgStatShared} when it goes idle, at most every
 * second. Locks: {@code PgStatsHash} (exclusive) to create, drop or reset entries; each entry's
 * own LWLock for its counters (exclusive to add, shared to copy); the fixed checkpointer/bgwriter
 * counters are atomics. The table has a fixed size: when it is full no entry is created and the
 * counts of an object without one are dropped. {@link org.tusk.utils.activity.PgStatFile} saves
 * the entries at a clean shutdown and restores them at the next start; crash recovery discards them.
 */
package org.tusk.utils.activity;
