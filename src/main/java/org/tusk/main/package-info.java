/**
 * The executable's entry point (PostgreSQL's {@code main/main.c} and, for children, the
 * {@code SubPostmasterMain} of EXEC_BACKEND builds): {@link org.tusk.main.Main} decides from its
 * arguments whether this process is the postmaster, initdb, or a child started by the
 * postmaster, and {@code ChildMain} sets a child up (parent-death signal, configuration, shared
 * memory) before it becomes a spare backend or an auxiliary process.
 *
 * <p>{@code AotTraining} is the build's training run for the JDK AOT cache of child JVMs: one JVM
 * that plays a whole throw-away cluster (initdb, shared memory, StartupXLOG, then client
 * sessions through {@code BackendMain}, with {@code AotTrainingClient} as the frontend and
 * {@code AotTrainingWorkload} as pgbench). It shares nothing with a running server: its own data
 * directory and region, deleted at the end. Its sessions run with {@code backend_reuse} on, so
 * that the backend returns instead of halting the JVM, which would write no cache; nothing that
 * waits for an auxiliary process (CHECKPOINT) may be in the workload, since none runs.
 *
 * <p>{@code PostgresSingleUser} is single-user mode (PostgreSQL's {@code postgres --single}),
 * which initdb runs its post-bootstrap SQL in: the same pieces as the training run (private
 * region, StartupXLOG, one session through {@code BackendMain} over a socketpair), but on the
 * real data directory, under its lock file ({@code postmaster.pid} with a negative PID, so no
 * postmaster can start on it meanwhile), ending with the shutdown checkpoint, so that the cluster
 * is left shut down cleanly. Since it imports tcop and auxprocess and initdb may not import this
 * package, {@code Main} hands it to initdb as a {@code bin.initdb.SingleUserBackend}.
 *
 * <p>This package sits at the top of the import graph: it wires the others together and nothing
 * imports it.
 */
package org.tusk.main;
