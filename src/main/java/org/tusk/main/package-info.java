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
 * <p>This package sits at the top of the import graph: it wires the others together and nothing
 * imports it.
 */
package org.tusk.main;
