/**
 * {@code initdb} (PostgreSQL's {@code src/bin/initdb}): creates a data directory with
 * PostgreSQL's layout, configuration files, and the bootstrap superuser and databases.
 *
 * <p>The steps, in initdb.c's order: directories and configuration files; the shared catalogs
 * and each database's heap catalogs written directly as frozen heap pages (bootstrap mode, no
 * WAL); pg_control, the first WAL segment and CLOG ({@code access.transam.XLogBootstrap}); then
 * the post-bootstrap step ({@link org.tusk.bin.initdb.PostBootstrap}): the SQL scripts
 * ({@code catalog_indexes.sql}, {@code system_views.sql}, {@code information_schema.sql}) run in template1 in single-user mode
 * ({@link org.tusk.bin.initdb.SingleUserBackend}, PostgreSQL's {@code postgres --single}: the
 * backend inside initdb's own JVM, no postmaster), after which
 * template0 and postgres are made as file copies of template1 and the whole directory is
 * fsynced once ({@link org.tusk.bin.initdb.DataDirSync}, initdb's sync_pgdata).
 *
 * <p>Invariants: nothing else may use the data directory while initdb runs (it is new and empty
 * when initdb starts, and single-user mode holds postmaster.pid, with a negative PID, while the
 * scripts run); while they run, {@code pg_hba.conf} is a temporary {@code local all all trust}
 * that is replaced by the final one whether the scripts succeed or fail; the copies of template1
 * are made only after single-user mode's shutdown checkpoint, so every page is in the files; and
 * initdb reports success only after the final fsync, since the scripts ran with
 * {@code fsync=off}. A failed initdb leaves the directory as it was at the failure (PostgreSQL removes it unless --no-clean is given; Tusk does not yet).
 */
package org.tusk.bin.initdb;
