/**
 * The executor, as PostgreSQL's {@code executor/}: runs a plan tree demand-pull, one tuple at a
 * time. {@link org.tusk.executor.Executor#init} builds a {@link org.tusk.executor.PlanState} per
 * plan node (ExecInitNode); each {@code next()} returns the next tuple (an {@code Object[]} of
 * Datums in the representation documented in {@code org.tusk.utils.adt}) or null at the end.
 * {@link org.tusk.executor.ExprEvaluator} interprets typed expressions with SQL's three-valued
 * logic and strict-function NULL handling.
 *
 * <p>Scans call {@code SessionServices.checkForInterrupts()} between rows so cancel and
 * terminate requests are honoured promptly; blocking nodes (Sort, Agg) consume their input
 * through scans that check too. Sort is stable; aggregation keeps transition states per group
 * (one group for now) so GROUP BY can be added as a hash or sort strategy. The executor has no
 * static mutable state; all per-statement state lives in the PlanState tree and
 * {@link org.tusk.executor.ExecContext}.
 */
package org.tusk.executor;
