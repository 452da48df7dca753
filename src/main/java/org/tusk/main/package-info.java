/**
 * The executable's entry point (PostgreSQL's {@code main/main.c} and, for children, the
 * {@code SubPostmasterMain} of EXEC_BACKEND builds): {@link org.tusk.main.Main} decides from its
 * arguments whether this process is the postmaster, initdb, or a child started by the
 * postmaster, and {@code ChildMain} sets a child up (parent-death signal, configuration, shared
 * memory) before it becomes a spare backend or an auxiliary process.
 *
 * <p>This package sits at the top of the import graph: it wires the others together and nothing
 * imports it.
 */
package org.tusk.main;
