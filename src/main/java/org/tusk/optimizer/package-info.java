/**
 * The planner, as PostgreSQL's {@code optimizer/}: turns an analysed {@link org.tusk.nodes.Query}
 * into a {@link org.tusk.nodes.PlannedStmt}.
 *
 * <p>The plan shape of a SELECT is fixed: {@code [Limit] <- [Sort] <- [Agg] <- scan | Result}.
 * The scan of a system view is a SeqScan; the scan of a catalog table is chosen by
 * {@link org.tusk.optimizer.ScanPaths}: a SeqScan, or an IndexScan when the WHERE clause has
 * conditions {@code column op value} (op = &lt; &lt;= &gt; &gt;=, value a Const or Param of the
 * column's type) on a prefix of an index's key columns and either enable_seqscan is off, the
 * conditions are equalities on every key of a unique index, or a cost estimate in the manner of
 * costsize.c (PostgreSQL's default selectivities, page counts from the access methods, a
 * 10-page floor for never-analysed tables) says it is cheaper. Index conditions become index
 * quals (rechecked by the executor), the other conjuncts stay as a filter. INSERT/UPDATE/DELETE
 * become {@code ModifyTable <- ValuesScan | planned SELECT | scan of the target}, the scan
 * emitting raw scan tuples (values then TID) and ModifyTable keeping the WHERE clause for
 * EvalPlanQual re-checks. Not yet: joins, grouping keys, index scans for ORDER BY (a Sort is
 * always used), bitmap scans, statistics.
 *
 * <p>Before building plans the planner constant-folds immutable functions and operators over
 * constants (eval_const_expressions), so, as in PostgreSQL, {@code SELECT 1/0 FROM t WHERE false}
 * still fails. The planner may call the executor's expression evaluator (for folding) and read
 * the statement's {@link org.tusk.executor.ExecEnvironment} (indexes, relation sizes), but the
 * executor never calls the planner.
 */
package org.tusk.optimizer;
