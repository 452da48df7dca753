/**
 * EXPLAIN, as PostgreSQL's {@code commands/explain.c}.
 *
 * <p>{@link org.tusk.commands.explain.ExplainCommand} is the entry point: the traffic cop parses
 * the options ({@link org.tusk.commands.explain.ExplainOptions}), analyses and plans the
 * explained statement, and calls it with the plan; with ANALYZE the plan is run to completion
 * with per-node {@link org.tusk.executor.Instrumentation} and its rows discarded, or, for EXPLAIN
 * ANALYZE CREATE TABLE AS / SELECT INTO, handed to the new table's receiver (WITH NO DATA: the plan
 * is started but not run, every node "never executed"). The plan is
 * drawn by {@code ExplainPrinter} (ExplainNode: one case per plan node type) through
 * {@code ExplainOutput} (the TEXT, XML, JSON and YAML writers of explain.c, byte for byte the
 * same layout), expressions by {@code ExplainDeparser} (ruleutils.c's deparse_expression as
 * EXPLAIN calls it), estimates by {@link org.tusk.optimizer.PlanCosts}.
 *
 * <p>Invariants: printing never changes the plan or executes anything (ANALYZE executes before
 * printing); the text format indents each level by "->  " exactly as PostgreSQL does, so
 * regression expected output compares line for line; nodes Tusk's plans lack but PostgreSQL's
 * would show (Hash under Hash Join, Materialize under a nested loop's stored inner side,
 * INTERSECT/EXCEPT's Append of subquery scans) are drawn, and planner-internal projections
 * are not. A new plan node type needs a {@code describe} case, an {@code outputColumns} case
 * if it changes the tuple layout, and an estimate in PlanCosts.
 *
 * <p>Everything here runs in one backend on its own statement's data; nothing is shared and
 * nothing is locked beyond what executing the statement takes.
 */
package org.tusk.commands.explain;
