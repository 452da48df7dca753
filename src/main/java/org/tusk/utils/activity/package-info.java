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
 */
package org.tusk.utils.activity;
