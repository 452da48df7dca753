/**
 * Auxiliary processes: children of the postmaster that serve the server, not a client: startup,
 * checkpointer, background writer, walwriter, and the autovacuum launcher.
 *
 * <p>PostgreSQL keeps their code in {@code src/backend/postmaster/}. Tusk keeps it apart from
 * {@code org.tusk.postmaster}, which holds only the postmaster process's own code, so that the
 * import graph shows the postmaster never touching shared structures these processes work on.
 * Each runs in a child slot with a PGPROC and a status entry (so {@code pg_stat_activity} shows
 * it), marks its PMChildFlags word ACTIVE before touching shared memory, and releases everything
 * through {@code ProcExit} on a clean exit.
 *
 * <p>The autovacuum launcher ({@link org.tusk.auxprocess.AutoVacLauncher}) is here because, like
 * these, it needs no database: it reads the database list and the databases' statistics, and asks
 * the postmaster for workers through {@code storage.ipc.PMSignal} (the postmaster package stays out
 * of every shared structure but the PMChildFlags and PMSignal words, so autovacuum.c's code cannot
 * live there as it does in PostgreSQL). Its workers are database sessions and live in {@code tcop}
 * (AutoVacWorkerMain); what the two share is {@code storage.ipc.AutoVacuumShmem}, under
 * AutovacuumLock. {@link org.tusk.auxprocess.AutoVacuumThresholds} is the threshold decision both
 * sides of PostgreSQL's autovacuum.c make (relation_needs_vacanalyze); Tusk's workers make it.
 */
package org.tusk.auxprocess;
