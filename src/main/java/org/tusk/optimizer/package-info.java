/**
 * The planner, as PostgreSQL's {@code optimizer/}: turns an analysed {@link org.tusk.nodes.Query}
 * into a {@link org.tusk.nodes.PlannedStmt}.
 *
 * <p>There is one access path per relation (a sequential scan of a
 * {@link org.tusk.catalog.ScannableRelation}) so there is no path search yet; the plan shape is
 * fixed: {@code [Limit] <- [Sort] <- [Agg] <- SeqScan | Result}. Before building it the planner
 * constant-folds immutable functions and operators over constants (eval_const_expressions), so,
 * as in PostgreSQL, {@code SELECT 1/0 FROM t WHERE false} still fails. Later work adds joins,
 * grouping keys, index paths and cost-based choice here without changing the Query or Plan
 * contracts. The planner may call the executor's expression evaluator (for folding) but never
 * the other way round.
 */
package org.tusk.optimizer;
