/**
 * Auxiliary processes: children of the postmaster that serve the server, not a client
 * (startup now; checkpointer, background writer and walwriter with storage).
 *
 * <p>PostgreSQL keeps their code in {@code src/backend/postmaster/}. Tusk keeps it apart from
 * {@code org.tusk.postmaster}, which holds only the postmaster process's own code, so that the
 * import graph shows the postmaster never touching shared structures these processes work on.
 * Each runs in a child slot with a PGPROC and a status entry (so {@code pg_stat_activity} shows
 * it), marks its PMChildFlags word ACTIVE before touching shared memory, and releases everything
 * through {@code ProcExit} on a clean exit.
 */
package org.tusk.auxprocess;
