/**
 * What every process is doing, for {@code pg_stat_activity} (PostgreSQL's
 * {@code utils/activity/backend_status.c}): one status entry per child slot in shared memory,
 * written only by its owner and read by anyone without locks through the changecount protocol
 * described in {@link org.tusk.utils.activity.BackendStatusArray}.
 */
package org.tusk.utils.activity;
