/**
 * The executor, as PostgreSQL's {@code executor/}: runs a plan tree demand-pull, one tuple at a
 * time. {@link org.tusk.executor.Executor#init} builds a {@link org.tusk.executor.PlanState} per
 * plan node (ExecInitNode); each {@code next()} returns the next tuple (an {@code Object[]} of
 * Datums in the representation documented in {@code org.tusk.utils.adt}) or null at the end.
 * {@link org.tusk.executor.ExprEvaluator} interprets typed expressions with SQL's three-valued
 * logic and strict-function NULL handling; {@link org.tusk.executor.ArrayEval} the array nodes
 * (ARRAY[...], subscripting and subscripted assignment, op ANY/ALL (array), array coercion,
 * whose element expression reads the element as {@code Var(RESOLVED, 1)} of a one-column tuple);
 * {@link org.tusk.executor.RowEval} the composite nodes (ROW(...), field selection and field
 * assignment, row-wise ordering comparison, and IS [NOT] NULL on a row, which looks at every
 * field), and the whole-row reference to a table (ExecEvalWholeRowVar: NULL when the table's
 * ctid in the input tuple is NULL, i.e. an outer join null-extended it; otherwise the row of its
 * columns, even when they are all NULL). A composite value is a {@code RecordValue} that carries its type OID. A nested
 * assignment ({@code col[i].f = x}: a FieldStore or SubscriptingAssign inside another's new
 * value) reads the old field or element through a CaseTestExpr (execExprInterp.c's
 * innermost_caseval), the bottom of its chain of containers: the enclosing assignment passes the
 * old value down that chain as an argument ({@link org.tusk.executor.CaseValue#evalWithOld}), so
 * no binding is kept anywhere.
 * Aggregates whose implementation is not strict (array_agg, json_agg) also receive NULL inputs.
 *
 * <p>Scans call {@code SessionServices.checkForInterrupts()} between rows so cancel and
 * terminate requests are honoured promptly; blocking nodes (Sort, Agg, hash tables) consume their
 * input through scans that check too. Sort is stable. The executor has no static mutable state;
 * all per-statement state lives in the PlanState tree and {@link org.tusk.executor.ExecContext}:
 * the exec parameters (PARAM_EXEC, set by NestLoop, SubPlan evaluation and RecursiveUnion), the
 * shared row buffers of WITH queries (read lazily, so LIMIT over an endless recursive query
 * ends) and the results of uncorrelated SubPlans.
 *
 * <h2>Sorting and instrumentation</h2>
 * Sort feeds its input to a {@link org.tusk.utils.sort.Tuplesort} bounded by work_mem; past it
 * the sort writes runs to a temporary file under {@code base/pgsql_tmp} and merges them. The
 * file is registered with the statement's {@link org.tusk.executor.ExecContext} as a resource:
 * the Sort node closes it when it ends, and {@code releaseResources()} (called by the traffic
 * cop when the statement finishes or fails) closes whatever is left, so no temporary file
 * outlives its statement. For EXPLAIN ANALYZE, {@code ExecContext.enableInstrumentation} makes
 * {@link org.tusk.executor.Executor#init} wrap every node's state in a counter
 * ({@link org.tusk.executor.Instrumentation}, instrument.c): each state built for a plan node is
 * one loop, its calls are timed (TIMING) and its tuples counted, keyed by plan node identity.
 * Hash joins, hashed aggregation and hashed set operations still hold their tables in memory
 * without a work_mem bound (no batching or spilling yet).
 *
 * <h2>Joins, grouping, set operations</h2>
 * Join nodes emit the outer tuple followed by the inner one, NULLs for the missing side of an
 * outer join. NestLoop keeps the inner rows of an unparameterized inner side after one read
 * and restarts a parameterized one per outer row (through {@link org.tusk.executor.MemoizeState}'s
 * cache of the rows per parameter values when the planner put a Memoize there: the cache lives
 * as long as that execution of the loop, in the statement's ExecContext); HashJoin hashes the inner side, MergeJoin reads
 * both sorted inputs into memory. Hash keys use {@link org.tusk.executor.DatumKey}, which
 * equates Datums as SQL equality does (int widths, numeric scales, -0/+0); every sort, group,
 * partition, merge and hash key carries the type whose default btree and hash operator classes
 * compare and hash it (the planner's sort and equality operators), so a character(n) key
 * ignores trailing blanks (bpcharcmp, hashbpchar) wherever it is ordered or matched; NULL join keys never
 * match, NULL grouping keys group together. Agg runs one transition state per aggregate per
 * group (PLAIN, SORTED or HASHED), with FILTER and DISTINCT (distinct inputs fed in sorted order,
 * NULLs last). An aggregate with ORDER BY collects its group's inputs and sorts them at the end of
 * the group; an ordered-set aggregate (WITHIN GROUP) does the same, as ordered_set_transition's
 * tuplesort does (a one-column one leaves NULL inputs out), and hands its final function the
 * sorted rows, the comparator they were sorted with, and its direct arguments evaluated once
 * over the group's representative row (with grouping sets, the row whose ungrouped keys are NULL).
 * With grouping sets, Agg reads its input into memory and runs one phase per rollup, each
 * sorting the rows as the previous phase left them (nodeAgg.c's phase chaining), emitting the
 * finer sets' groups first at each boundary; a hashed phase (one set) collects its groups in a
 * hash table from the rows as read, and the hash tables are emitted after the sorted phases
 * (AGG_HASHED / AGG_MIXED). Aggregates with equal inputs share work
 * ({@link org.tusk.executor.AggTransSharing}): an identical one takes the earlier one's result,
 * one whose transition function and initial value match (user aggregates only) advances the
 * earlier one's state, so its transition function runs once per row. Sort uses PostgreSQL's quicksort
 * ({@link org.tusk.utils.sort.Qsort}), so rows equal on the keys keep PostgreSQL's order.
 * {@link org.tusk.executor.WindowAggState} buffers one partition at a time in memory (not
 * bounded by work_mem, no spilling), numbers its peer groups, computes each row's frame as
 * update_frameheadpos/update_frametailpos do (RANGE offsets through utils.adt.InRange) and
 * calls built-in window functions through the WindowObject interface; aggregates are advanced
 * incrementally while the frame head stays put, otherwise recomputed over the frame. A user
 * aggregate with a moving-aggregate implementation, in a frame whose head can move, runs in
 * moving-aggregate mode ({@link org.tusk.executor.WindowMovingAggregate}, eval_windowaggregates'
 * use_ma_code path): rows leaving at the head go through the inverse transition function, rows
 * entering at the tail through the forward one, with a restart over the frame when the frame no
 * longer overlaps what the state holds, with EXCLUDE, or when the inverse function returns NULL.
 * Whether the arguments are volatile is decided by the planner (WindowPlanner), which still sees
 * them before they are computed below the WindowAgg; built-in aggregates always restart (their
 * results are the same; only the cost differs). A WindowAgg with a run condition (ExecWindowAgg's
 * WindowAggStatus) stops once it fails when it is the top window without PARTITION BY; the top
 * window with PARTITION BY skips the rest of the partition (PASSTHROUGH_STRICT); a lower window
 * keeps returning its rows with its function values NULL (PASSTHROUGH) until the next partition,
 * for the windows above, whose top one filters them out with its qual.
 * SubPlan evaluation follows nodeSubplan.c: 21000 for a scalar subquery with two rows, SQL null
 * semantics for ANY/ALL (so NOT IN over a set containing NULL is never true).
 *
 * <h2>Tables</h2>
 * Statements over catalog tables run against an {@link org.tusk.executor.ExecEnvironment}
 * supplied per statement: catalog, table and index access methods, the statement's snapshot and
 * command id. Invariants: every row this statement writes carries the environment's command id
 * and its snapshot's curcid equals it, so a statement never sees its own changes (INSERT ...
 * SELECT from the same table terminates); the command counter is incremented after each
 * data-changing statement, so the next statement of the transaction sees them. The scan tuple of
 * a table is its attribute values followed by the version's TID (the ctid junk column), which
 * {@link org.tusk.executor.ModifyTableState} uses to address rows; when the plan reads another
 * system column, the TID is followed by xmin, cmin, xmax, cmax and tableoid (Var attno natts - n
 * for PostgreSQL's system attribute number n), taken from the tuple header while the page is pinned. IndexScanState fetches each TID
 * through the table AM with the snapshot (resolving HOT chains) and rechecks the index
 * conditions. ModifyTableState checks NOT NULL and CHECK constraints before writing
 * ({@link org.tusk.executor.TableConstraints}), enters index entries after the
 * heap row (unique indexes raise 23505 from the index AM), passes all indexed attributes to
 * update so the table AM can choose HOT, and under READ COMMITTED follows a concurrently updated
 * row to its newest version (read with a new snapshot) and re-checks the WHERE clause on it
 * (EvalPlanQual, simplified: no row locks, no re-evaluation of other relations; data-modifying
 * statements have no joins yet). The executor takes no locks itself; the access methods do their own buffer locking and
 * the waiting for concurrent writers ({@code wait = true}).
 *
 * <h2>Constraints and foreign keys</h2>
 * {@link org.tusk.executor.TableConstraints} is the constraint part of a result relation, opened
 * per statement by ModifyTableState and by COPY FROM. CHECK expressions are analysed from their
 * stored SQL text by the layer above through {@link org.tusk.executor.ConstraintSupport} (the
 * executor may not import the parser) and tested in constraint-name order on every new row; a
 * NULL result passes, FALSE is 23514. Foreign keys are PostgreSQL's RI triggers
 * ({@link org.tusk.executor.RiTriggers}): rows written queue events, and when the statement's
 * source is exhausted the command counter is incremented and the events run as SQL queries
 * through the same interface (SPI): the existence check of a referenced key, and NO ACTION /
 * RESTRICT / CASCADE / SET NULL / SET DEFAULT on the referencing rows of a deleted or re-keyed
 * referenced row. Those queries' own changes fire their tables' triggers in turn. Invariant:
 * when a statement that changed a table with foreign keys returns, every referencing row it wrote
 * had a referenced row visible to a snapshot taken after the statement's changes, and no
 * referencing row visible then points at a key the statement removed. Not yet: the KEY SHARE
 * row lock PostgreSQL takes on the referenced row (so a concurrent DELETE of it that commits after
 * our check is not stopped), deferred constraints, and crosscheck snapshots under REPEATABLE READ.
 *
 * <h2>Privileges</h2>
 * {@link org.tusk.executor.ExecPermissions} is ExecCheckRTPerms: before a statement over tables
 * runs (the traffic cop calls it between analysis and planning), the current user must hold
 * SELECT on every table read and INSERT/UPDATE/DELETE on the target (plus SELECT on it when
 * the statement reads its rows: WHERE or RETURNING), by the relcache's copy of pg_class.relacl
 * or the owner's default ACL; else 42501 "permission denied for table t". A superuser passes; that
 * status is read afresh, and only when the ACL denies, so the common case costs no file read.
 * The ACL a statement is checked against is the one its relcache entry held when it was planned.
 * Error details show only what the user may read (ExecBuildSlotValueDescription,
 * BuildIndexValueDescription): a failing row's values in full with SELECT on the table, else the
 * columns it may SELECT and those its UPDATE sets, named; a duplicate key only with SELECT on the
 * table or on every key column; nothing of either under row-level security.
 *
 * <h2>SQL functions</h2>
 * A call of a LANGUAGE sql function reaches {@link org.tusk.executor.ExecContext#callSqlFunction},
 * which hands it to the backend's {@link org.tusk.executor.SqlFunctionRunner} (fmgr_sql). The
 * runner is made once per session by the traffic cop and carried by the statement's
 * {@link org.tusk.executor.ExecEnvironment}, because running a body needs the parser and
 * planner, which sit above the executor; the executor only defines the interface.
 * The body runs in the calling statement's environment (snapshot, command id). A SETOF or
 * OUT-parameter function is called through {@link org.tusk.executor.ExecContext#callSqlFunctionSet}:
 * the runner returns every row of the body's last statement at once (fmgr_sql's materialize
 * mode), which the set-returning protocol below then hands out row by row.
 *
 * <h2>Set-returning functions</h2>
 * {@link org.tusk.executor.FunctionScanState} (nodeFunctionscan.c) and
 * {@link org.tusk.executor.ProjectSetState} (nodeProjectSet.c) are the only callers of
 * set-returning functions ({@link org.tusk.executor.SetFunctions}). Both advance their calls in
 * lock step, one row per step, until all are exhausted, padding the finished ones with NULLs;
 * nothing is materialised, so LIMIT stops the calls. A strict call with a NULL argument yields
 * no rows. In the select list a record-returning call's rows become record values; in FROM a
 * record value of a function that is not set-returning (OUT parameters) fills its columns.
 *
 * <h2>Partitioned tables</h2>
 * An INSERT or COPY FROM into a partitioned table routes each row
 * ({@link org.tusk.executor.PartitionTupleRouting}, execPartition.c): at each level the
 * partition whose bound accepts the key values is chosen
 * ({@link org.tusk.executor.PartitionRouting#choose}, get_partition_for_tuple; the default
 * partition if none does, else 23514 "no partition of relation ... found for row"), the row is
 * converted to the leaf's column order by name, checked against the leaf's constraints and
 * stored there with the leaf's index entries. Hash partitions use PostgreSQL's extended hash
 * functions bit for bit ({@link org.tusk.executor.PartitionHashing}), so rows land where
 * PostgreSQL puts them; a key with a user-defined hash operator class is hashed by calling the
 * class's support function 2, which is why choosing a partition takes the caller's function
 * context. A row stored into a partition directly must satisfy the partition
 * constraint of it and of every ancestor (ExecPartitionCheck, 23514 "violates partition
 * constraint"); an UPDATE planned through the partitioned root instead moves such a row: it is
 * deleted from its partition and routed from the root (ModifyTable's rootRelation), the table
 * the UPDATE names, whose own partition constraint the row must still satisfy when that table
 * is itself a partition (ExecFindPartition). A routed row that fails a constraint is shown in
 * the routing root's column order, dropped columns left out (ri_RootResultRelInfo), and
 * RETURNING sees the row as the partition stored it, with the partition's tableoid. Routing
 * state (each level's key and partitions, each leaf's indexes and constraints) lives for one
 * statement. Key values are formed by {@link org.tusk.executor.PartitionKeyDatum}
 * (FormPartitionKeyDatum): a key column is copied from the row, a key expression (the
 * partitioned table's partexprs text) is analysed once per statement through
 * {@link org.tusk.executor.ConstraintSupport#cookIndexExpressions} and evaluated on the row in
 * that table's column order.
 *
 * <p>EXCLUDE constraints ({@link org.tusk.executor.ExclusionCheck}, check_exclusion_or_unique_constraint):
 * the new row's entry goes into the constraint's (non-unique) index first, then the index is
 * searched for another live row with an equal key (Tusk's exclusion constraints are B-tree ones,
 * so equality); a row whose transaction is in progress is waited for with the scan ended, and
 * the search repeats. A DEFERRABLE one looks without waiting and queues an
 * {@link org.tusk.executor.ExclusionRecheck} for the end of the statement or commit. ON CONFLICT
 * arbiters that are not checked immediately are refused (55000).
 *
 * <p>INSERT ... ON CONFLICT into a partitioned table routes the proposed row first; the conflict
 * check and DO UPDATE then act on the chosen leaf (ExecInitPartitionInfo's ON CONFLICT
 * mapping): the leaf's arbiters are its indexes attached, directly or through intermediate
 * partitioned indexes, to the statement's arbiter indexes of the root, or every unique index of
 * the leaf when no conflict target was named (the analysis then leaves the arbiter list empty,
 * for plain tables too). The SET list and WHERE clause, analysed over the root, see the existing
 * row converted to the root's column order; the new row is converted back, checked against the
 * leaf's constraints and must still satisfy its partition constraint (0A000 "invalid ON UPDATE
 * specification" otherwise, as PostgreSQL refuses to move a row there).
 *
 * <p>WHERE CURRENT OF (execCurrent.c) is {@link org.tusk.executor.ExecCurrent}: a table scan whose
 * qual holds a CurrentOfExpr asks, when it starts, for the cursor's row of its table and follows
 * that row's update chain to the newest version its snapshot sees (table_tuple_get_latest_tid);
 * the qual then compares each row's ctid with it. Because cursors run their query to the end at
 * the first FETCH, the scan and row-mark positions are recorded per returned row by
 * {@link org.tusk.executor.ScanPositions} (search_plan_tree's walk through Append, Limit and
 * SubqueryScan; LockRows' curCtid per row mark), not read from live plan nodes. The session's
 * cursors are reached through the lookup the backend installs; all of this is backend-local, no
 * locking.
 *
 * <p>Row locking (nodeLockRows.c) is {@link org.tusk.executor.LockRowsState}: one LockRows node
 * carries a PlanRowMark per FOR UPDATE/SHARE table (each table of a join, or those named by OF),
 * and for every input row locks each marked table's row version through the table AM, in mark
 * order, before returning the row; the row locks are the heap's (xmax + MultiXact), so waiting
 * for one sleeps in the lock manager and can be cancelled. A mark on an inheritance parent
 * reads the row's tableoid to lock it in the member table it lives in, and records that table
 * with the TID, so WHERE CURRENT OF of a member table finds it (PostgreSQL's child ExecRowMarks).
 * If any lock had to follow an update chain (READ COMMITTED), the newest versions are put in
 * place of the old in the join tuple and the WHERE and inner-join conditions re-checked over it
 * (EvalPlanQual, the other tables keeping the rows they joined with).
 *
 * <p>CoerceToDomain is evaluated by {@link org.tusk.executor.DomainConstraints}: NOT NULL first
 * (any level of a domain over a domain), then each level's CHECKs from the deepest up, every
 * error naming the domain coerced to (23502 / 23514). The CHECK texts are analysed through
 * {@link org.tusk.executor.ConstraintSupport#cookDomainCheck} and cached in the type cache's
 * entry for the domain.
 *
 * <p>Triggers ({@link org.tusk.executor.RelationTriggers}, trigger.c): every path that writes
 * rows (ModifyTable's INSERT/UPDATE/DELETE, COPY FROM, TRUNCATE's statement triggers) opens the
 * target's triggers once per statement and calls beforeStatement, beforeRow (whose result
 * replaces or, when null, skips the row), afterRow (saved in the statement's
 * {@link org.tusk.executor.AfterTriggerQueue}), afterStatement and endOfStatement (the saved
 * events, after a CommandCounterIncrement). A trigger function is called through
 * {@link org.tusk.executor.TriggerFunctions}: built-in ones (trigfuncs.c) directly, a
 * procedural language's through the {@link org.tusk.executor.TriggerFunctionHandler} the session's
 * language handlers give for it ({@code SqlFunctionRunner.triggerHandler(languageOid)}); the handler
 * gets a {@link org.tusk.executor.TriggerData} (tg_event, relation, pg_trigger row with name and
 * arguments, trigtuple, newtuple, transition tables) and returns the row to go on with or null.
 * The queue and the depth counter (pg_trigger_depth, the session's, carried by the statement's
 * environment) are the backend's own: no shared state, no
 * locks beyond the table locks the statement holds.
 *
 * <p>Partitions: {@link org.tusk.executor.PartitionTupleRouting} fires the row triggers of the
 * leaf a row is routed to (the clones of the root's and the leaf's own) around the store, saving
 * AFTER events in the routing relation's queue so they fire in row order with its own; a BEFORE
 * ROW trigger that moves the row out of its partition meets the partition constraint. An UPDATE
 * that moves a row fires BEFORE UPDATE on the old partition, then DELETE there and INSERT in the
 * new one (ExecCrossPartitionUpdate). The statement triggers of a partitioned table that an
 * UPDATE or DELETE names are fired around its leaves by {@link org.tusk.executor.RootStatementTriggers}.
 * ON CONFLICT DO UPDATE fires BEFORE and AFTER ROW UPDATE triggers for the row it updates.
 *
 * <p>MERGE: {@link org.tusk.executor.MergeActions} (ExecMerge) runs, for each join tuple, the
 * first WHEN clause of its kind whose condition holds, through ModifyTableState's own insert,
 * update and delete, so row triggers, constraints, indexes and foreign keys behave as for those
 * statements; BEFORE statement triggers fire for each kind of action present in the order
 * INSERT, UPDATE, DELETE and AFTER statement triggers in the order DELETE, UPDATE, INSERT
 * (fireBSTriggers/fireASTriggers). Under READ COMMITTED a target row updated by a transaction
 * that committed after the snapshot is refetched and the join condition rechecked: still
 * matching, the MATCHED clauses are evaluated again on the new version; otherwise, or when the
 * row was deleted, the source row goes to the NOT MATCHED clauses. A row this command already
 * changed is 21000. The per-node counts feed EXPLAIN ANALYZE's "Tuples:" line.
 *
 * <p>Deferred constraints (trigger.c's deferred event list and SetConstraintState): the events
 * of constraints, not of user triggers, may wait for commit. A foreign key's check and NO ACTION
 * test ({@link org.tusk.executor.RiTriggers}) and a DEFERRABLE unique key's recheck
 * ({@link org.tusk.executor.UniqueRecheck}, queued by {@link org.tusk.executor.TableConstraints}
 * when the B-tree's UNIQUE_CHECK_PARTIAL insertion saw a possible duplicate) fire at the end of
 * their statement unless {@link org.tusk.executor.DeferredTriggers#isDeferred} says their
 * constraint is deferred now; then they are kept in the session's
 * {@link org.tusk.executor.DeferredTriggers} and fired by SET CONSTRAINTS ... IMMEDIATE or at
 * COMMIT, before anything else of the commit (a failure there aborts the transaction, and the
 * COMMIT reports it). A deferred event carries OIDs, values and TIDs, never open relations: it is
 * run in the firing statement's context on the relations as they are then. ROLLBACK TO drops the
 * events and SET CONSTRAINTS settings made since the savepoint; transaction end drops everything.
 * RESTRICT, CASCADE, SET NULL and SET DEFAULT actions are never deferred, as in PostgreSQL.
 *
 * <p>WITH CHECK OPTION ({@link org.tusk.executor.WithCheckOptions}, ExecWithCheckOptions with
 * WCO_VIEW_CHECK): ModifyTable's checks (the views an INSERT or UPDATE went through, innermost
 * first) are tested on each changed row after it is stored and its AFTER ROW events queued, and
 * before RETURNING, as ExecInsert/ExecUpdate order it; false or NULL is 44000 naming the view,
 * with the base relation's row as DETAIL. The checks read the tuple RETURNING reads.
 * Row-level security checks (WCO_RLS_INSERT_CHECK, WCO_RLS_UPDATE_CHECK) run earlier, on the row
 * about to be stored: after the BEFORE ROW triggers and before the NOT NULL/CHECK constraints;
 * a row routed to a partition (INSERT, or UPDATE moving it) is checked in the root's layout after
 * the leaf's BEFORE ROW triggers. False or NULL is 42501 "new row violates row-level security
 * policy [\"name\"] for table", naming a restrictive policy whose own check failed.
 *
 * <p>INSTEAD OF triggers ({@link org.tusk.executor.ViewTriggerTarget}): a view left as the
 * result relation by the rewriter stores nothing; ModifyTable hands each new row (INSERT), old
 * and new row (UPDATE) or old row (DELETE) to its INSTEAD OF row triggers
 * ({@link org.tusk.executor.RelationTriggers#insteadRow}, ExecIR*Triggers) in name order, each
 * seeing the previous one's result; a NULL result leaves the row uncounted and unreturned,
 * otherwise RETURNING reads the row the triggers returned (DELETE: the old row). The view's
 * statement triggers fire around the statement as a table's do. A view without the trigger for
 * the command is 42809 (CheckValidResultRel). COPY FROM into a view calls the same triggers.
 *
 * <p>Not done: deferrable user constraint triggers; AFTER ROW events of an
 * UPDATE/DELETE over several leaves fire at the end of each leaf rather than of the statement;
 * the root's transition tables in that case are empty; a plain inheritance child's own
 * statement triggers fire on an UPDATE/DELETE of its parent; UPDATE OF col fires for SET col =
 * col only when the value expression is not the column itself (the plan keeps no SET targets).
 *
 * <h2>Index-only and bitmap scans</h2>
 * {@code IndexOnlyScanState} (nodeIndexonlyscan.c) builds the scan tuple from the index entry
 * and fetches the heap row only when the visibility map does not mark its page all-visible,
 * counting those fetches for EXPLAIN ANALYZE. {@code BitmapHeapScanState} (nodeBitmapHeapscan.c
 * with the BitmapIndexScan/And/Or nodes folded in) builds a {@code TidBitmap} (tidbitmap.c,
 * exact pages only: never lossy, whatever work_mem says) on its first call, then visits its
 * pages in block order, fetching each TID's visible HOT-chain member and rechecking every row.
 * Both record their counters (Heap Fetches, Heap Blocks, the bitmap nodes' TID counts) in the
 * node's {@code Instrumentation}.
 */
package org.tusk.executor;
