/**
 * The planner, as PostgreSQL's {@code optimizer/}: turns an analysed {@link org.tusk.nodes.Query}
 * into a {@link org.tusk.nodes.PlannedStmt}. A plan made for one execution with its parameter
 * values bound (a custom plan) first has every {@code $n} replaced by a Const of its value
 * ({@link org.tusk.optimizer.BoundParams}, eval_const_expressions with boundParams), so the
 * values are costed, pruned and folded as literals; a generic plan keeps them as Params.
 *
 * <h2>One query level</h2>
 * {@link org.tusk.optimizer.Planner#planQuery} is subquery_planner + grouping_planner for one
 * level ({@link org.tusk.optimizer.PlannerInfo}): it plans the level's WITH queries, then the
 * join tree ({@link org.tusk.optimizer.JoinPlanner}) or the set operation tree
 * ({@link org.tusk.optimizer.SetOps}), then
 * <pre>
 *   [Limit] <- [Unique] <- [Sort] <- [Agg | projection] <- joins and scans | Result
 * </pre>
 * The top node's tuples are the target list, resjunk entries after the visible ones; sort,
 * DISTINCT and grouping keys are positions in it or expressions over the input. Aggregation is
 * PLAIN without GROUP BY, else HASHED, or SORTED (input sorted on the keys) when enable_hashagg is
 * off or an aggregate has DISTINCT or ORDER BY, when an index of the level's one table in the
 * keys' order (the first rollup's, for grouping sets) replaces that Sort if it costs less
 * ({@link org.tusk.optimizer.GroupPathkeys}: group_pathkeys as query_pathkeys); plain DISTINCT is Sort + Unique or a hashed Agg (then sorted for ORDER BY), whichever costs
 * less as add_path compares them ({@link org.tusk.optimizer.DistinctPaths}, create_distinct_paths);
 * DISTINCT ON is always sorted. ORDER BY leaves out keys that WHERE's equalities make redundant
 * (a key pinned to a constant or equated to an earlier key, unless an outer join delays the
 * equality: {@link org.tusk.optimizer.RedundantSortKeys}, pathkey_is_redundant). WHERE conjuncts that read no column of the level and call nothing
 * volatile are pseudoconstant: a Result above the join tree checks them once ("One-Time Filter",
 * {@code Plan.GatingResult}, create_gating_plan) and computes the level's target list itself
 * (a join below it emits just the columns that reads, a scan its table's columns). Every sort,
 * group, partition, merge and set-operation key the planner puts in a plan carries the type
 * whose default btree and hash operator classes order and equate its values
 * ({@link org.tusk.optimizer.SortGroupTypes}, get_sort_group_operators' choice): the executor
 * compares through that type's support (bpcharcmp, hashbpchar for character), never a
 * type-blind Datum compare. Select-list entries that call volatile functions and are not sort
 * keys are computed by a projection above an explicit Sort, once per row it hands up
 * ({@link org.tusk.optimizer.SortInputTarget}, make_sort_input_target), which EXPLAIN draws as a
 * Result.
 *
 * <h2>Joins</h2>
 * Each range table entry is scanned by {@link org.tusk.optimizer.BaseRels}: tables through
 * {@link org.tusk.optimizer.ScanPaths} (SeqScan or IndexScan by cost), system views, subqueries
 * (planned one level down), functions, VALUES, CTE scans and work tables. WHERE conjuncts go to
 * the lowest join tree node covering their relations unless that would put them below the
 * nullable side of an outer join (a WHERE or inner-join OR clause over several relations also
 * restricts each base relation every arm of it reads, {@link org.tusk.optimizer.OrClauses},
 * orclauses.c, so that relation can be scanned through a BitmapOr); an outer join's ON conjuncts that read only its nullable side
 * filter that side. Inner JOINs are flattened into the level's items (deconstruct_jointree);
 * outer joins keep their syntactic order, each one item. Up to join_collapse_limit (8) items
 * without LATERAL references are ordered by {@link org.tusk.optimizer.JoinSearch}, PostgreSQL's
 * dynamic-programming standard_join_search (clause-connected pairs first, cartesian products
 * only when nothing else joins, bushy joins from four items); otherwise they are joined greedily
 * (connected items first, LATERAL references respected). Per join the candidate paths (merge
 * join, nested loop over a parameterized inner index scan, nested loop over the materialized
 * inner, hash join; for inner joins with either input outer) are offered in
 * add_paths_to_joinrel's order, estimated by {@link org.tusk.optimizer.PlanCosts} (costsize.c;
 * a disabled method adds disable_cost) and kept as add_path keeps them ({@link org.tusk.optimizer.PathChoice}: costs
 * within 1% are equal, then startup decides, then a cheaper-by-a-hair path, then the first
 * offered), so equal-cost plans come out in PostgreSQL's join order. A join's rows are
 * calc_joinrel_size_estimate's, each equality between the two inputs estimated by eqjoinsel
 * ({@link org.tusk.optimizer.JoinSelectivity}: MCV matching, 1 / max(nd1, nd2), eqjoinsel_semi
 * for semi and anti joins) from the statistics of the base columns the keys come from (PlanCosts
 * follows a key through sorts, projections and joins to its scan, as examine_variable does; a
 * VALUES column counts as distinct, a column with a one-column unique index too). A hash join
 * probe is costed by estimate_hash_bucketsize from the hashed key's distinct values and most
 * common value (a tenth of the rows when the number of values is a guess). A nested loop's
 * parameterized inner index scan is estimated as get_parameterized_baserel_size does (its
 * rows are the base rows times the join clauses' eqjoinsel) and costed for loop_count = the
 * outer rows: the Mackert-Lohman page fetches of all loops, pro-rated per loop; the btree
 * descent charges 50 operator costs per level of the index's tree height (its metapage's fast
 * root level), as btcostestimate does. RIGHT joins are LEFT joins with the inputs swapped.
 * A table scan read directly by a join emits its physical tuple (use_physical_tlist); one under a
 * Hash, a Materialize or a merge join's Sort node (CP_SMALL_TLIST) emits only the columns needed above it, in
 * reltarget order (the target list's, HAVING's, then the join clauses' Vars: build_base_rel_tlists,
 * add_vars_to_targetlist), and the join's {@link org.tusk.optimizer.SetRefs} layout maps each
 * column to its position ({@code JoinPlanner.smallTlist}). Not for whole-row or system column
 * reads, row locks or data-modifying statements. The scan of a WITH query or of a recursive
 * query's work table is narrowed the same way (its filter reads the whole row first); a scan
 * restriction that is one of the level's WHERE conjuncts, as written or const-folded, does not
 * count as a read above the scan.
 * A FULL JOIN without merge- or hash-joinable clauses whose join clauses are all constants (ON
 * TRUE, ON FALSE) is a clauseless merge join over the unsorted inputs (match_unsorted_outer's
 * corner case; a constant-false qual makes the merge executor report no pair equal, as
 * mj_ConstFalseJoin); any other such FULL JOIN is refused with PostgreSQL's 0A000. The merge
 * executor compares keys column by column with NULLs last, a NULL-vs-NULL key never matching
 * (MJCompare).
 *
 * <p>A WHERE conjunct that reads no column of its level and calls no volatile function (a
 * pseudoconstant: a stable function call, an outer query's value, an InitPlan's result) is not
 * pushed to a relation: it gates the level's join tree as a Result's One-Time Filter
 * ({@code Plan.GatingResult}, distribute_qual_to_rels and create_gating_plan), checked once per
 * execution, the joins never run when it fails. So does one in an inner join's ON condition
 * that is not below an outer join ({@code JoinPlanner.gatingQuals}); below an outer join it
 * gates that inner join alone, and in a correlated EXISTS it moves up to the parent level as
 * the EXISTS's other parent-only conjuncts do. An equivalence class equating one relation's
 * column to two constants ({@code x = 1 AND x = 2}) makes {@code x = 1} a restriction and
 * {@code 2 = 1} a gate above that relation's scan (generate_base_implied_equalities_const); a
 * pseudoconstant restriction of a relation is always such a gate, never a scan filter.
 *
 * <p>A LATERAL item joined by an inner or left join enforces the join clauses over itself and
 * the items it references in its own scan (a Filter with the outer columns as the loop's
 * parameters), as PostgreSQL's only, parameterized, paths for it do (ppi_clauses,
 * join_clause_is_movable_into), unless it was planned as something other than a scan (a
 * subquery PostgreSQL would have pulled up).
 *
 * <p>Parameterized join relations: a LEFT (or RIGHT) JOIN whose nullable side is itself a join
 * of plain tables is also offered as a nested loop over that side planned again with the outer
 * row's values as exec parameters (try_nestloop_path over get_joinrel_parampathinfo's paths,
 * the outer join making the preserved side a param_source_rel). The join clauses movable into
 * it (reading both sides, nothing the nullable side null-extends itself) move: one an inner
 * table can use as an index condition goes to that table's scan, the others are checked at the
 * inner join covering their relations; at least one must become an index condition, as
 * PostgreSQL only builds such paths over parameterized index paths. Index scans comparing with
 * those parameters are costed for the outer rows' loops (get_loop_count); the relation keeps
 * the unparameterized join's size.
 *
 * <p>Memoize (get_memoize_path): a nested loop over a parameterized inner side (an index scan
 * parameterized by the outer row, or a LATERAL item) is also offered with a {@code Memoize}
 * over the inner side, keyed by the loop's parameters (logical mode for hashable join
 * operators, binary for LATERAL references), unless memoize is disabled, the outer side has
 * fewer than two rows, the join is semi or anti, a unique inner side has unparameterized join
 * clauses, the inner relation's filter or output calls a volatile function, or a key's type
 * does not hash. {@link org.tusk.optimizer.PlanCosts} prices its rescans by
 * cost_memoize_rescan from the keys' distinct values ({@link org.tusk.optimizer.GroupCounts},
 * scaled down for the outer relations' restrictions; all calls distinct when that is a
 * default guess) and hash_mem.
 *
 * <h2>Cross-type operators</h2>
 * An index condition or a merge/hash join key needs an operator of one btree family on both
 * sides. Besides same-type operators that is integer_ops' cross-type members (int48eq,
 * int24lt, ...; {@link org.tusk.catalog.IntegerOpFamily}): {@code int8col = 3} is an index
 * condition on int8col with an int4 argument, which the btree compares as btint84cmp does, and
 * {@code int4col = int8col} is a hash or merge key whose sides keep their own types (the
 * executor hashes and compares integers of any width by value). No other cross-type family
 * (float48, datetime, text/name) is used this way yet: their operators stay filters.
 *
 * <h2>Tuple layouts and parameters</h2>
 * A join's tuple is its outer input's followed by its inner input's; {@link org.tusk.optimizer.SetRefs}
 * rewrites Vars into positions of the tuple each node evaluates them over (set_plan_references).
 * Outer-level references become exec parameters ({@link org.tusk.optimizer.SubLinks}): a Var k
 * levels up is registered in that level's plan params; the SubPlan built for a SubLink passes the
 * params registered at its own level as {@code args}, a NestLoop sets those a LATERAL item needs
 * ({@code nestParams}) from its outer row, as does the parameterized index scan's. Exec parameter
 * ids are unique per statement, numbered (as SubPlans are) in subquery_planner's preprocessing
 * order: the target list before the quals. Uncorrelated SubPlans (no outer reference anywhere
 * below) are evaluated once per statement; an ANY SubPlan correlated only to levels further up
 * (no parameter of its own level) is hashed too, its table kept while those parameters
 * ({@code SubPlan.extParams}) keep their values. The sub-select of {@code UPDATE ... SET (a, b) = (SELECT ...)}
 * reaches the planner as one copy per listed column (FieldSelects of MULTIEXPR SubLinks sharing a
 * subLinkId) and becomes one SubPlan setting a Param per output column, which the ModifyTable
 * runs once per row before computing the SET list (an InitPlan, once per statement, when
 * uncorrelated).
 *
 * <h2>Relation sizes</h2>
 * Every size the planner uses for a table comes from {@link org.tusk.optimizer.RelSize}
 * (estimate_rel_size, table_block_relation_estimate_size): the current number of blocks from
 * the storage manager, scaled by the tuple density of pg_class's reltuples / relpages as the
 * relcache entry carries them (the last VACUUM or ANALYZE; CREATE INDEX does not yet update
 * them, as PostgreSQL's index_update_stats would); a table never vacuumed or analyzed (reltuples -1) without inheritance children is assumed to be at least
 * ten pages of tuples of its columns' average widths (get_rel_data_width / get_typavgwidth).
 * cost_index's allvisfrac is relallvisible over those pages. The values are read again for each
 * statement planned; VACUUM and ANALYZE invalidate the relcache entry when they store new ones.
 * An inheritance tree's rows are the sum of each member's own estimate.
 *
 * <p>{@link org.tusk.optimizer.PlanCosts} estimates a finished plan node by node with
 * costsize.c's formulas (what EXPLAIN shows as cost, rows and width); join and scan choices use it
 * (ScanPaths costs each candidate scan with it, statistics and index correlation included). A SubqueryScan or CteScan built for a FROM item carries
 * its range table entry, so EXPLAIN can name it ("Function Scan on f", "CTE Scan on w"); one
 * without is a projection or filter the planner added and is not shown as a node. A CTE scan
 * (with its filter) keeps its rows in a tuplestore: cost_ctescan charges cpu_tuple_cost twice per
 * row, a nested loop rescans it for cpu_tuple_cost per row without a Materialize, and its filter,
 * having no statistics, is estimated from its row count (fewer than 200 rows: as many distinct
 * values as rows, get_variable_numdistinct).
 *
 * <p>Before building plans the planner constant-folds immutable functions and operators over
 * constants (eval_const_expressions), so, as in PostgreSQL, {@code SELECT 1/0 FROM t WHERE false}
 * still fails. The planner may call the executor's expression evaluator (for folding) and read
 * the statement's {@link org.tusk.executor.ExecEnvironment} (indexes, relation sizes), but the
 * executor never calls the planner. INSERT/UPDATE/DELETE become
 * {@code ModifyTable <- ValuesScan | planned SELECT | scan of the target | join of the target
 * with UPDATE's FROM / DELETE's USING items} ({@code ModifyJoin}: the target's scan also emits
 * its TID, the join's output carries the other items' columns the statement reads, and SET,
 * WHERE and RETURNING are rewritten onto that layout). An UPDATE or DELETE whose target is a
 * view (it has INSTEAD OF triggers) is planned the same way over the view's expansion, which the
 * rewriter appended as the last range table entry and put in the join tree in the view's place:
 * its columns stand where the target's scan columns stand and the TID is a NULL constant.
 * ON CONFLICT's SET and WHERE are
 * rewritten onto the executor's existing-row-then-EXCLUDED tuple, and its arbiter indexes are
 * inferred from the (rewritten, const-folded) conflict target by
 * {@link org.tusk.optimizer.ArbiterInference} (plancat.c infer_arbiter_indexes). MERGE
 * ({@code MergePlanning}) is {@code ModifyTable(CMD_MERGE) <- join of source and target} planned
 * the same way; each WHEN clause's condition and new row, and the join condition (the
 * executor's EvalPlanQual recheck), are rewritten onto the join's layout, where a NULL TID
 * means NOT MATCHED. A target with partitions or inheritance children is refused (0A000) for
 * now; so is a target system column other than ctid and tableoid (tableoid is a constant).
 *
 * <p>Indexes with expression columns or a predicate are matched by
 * {@link org.tusk.optimizer.IndexMatching}, which reads their stored expressions through the
 * executor's {@code ConstraintSupport}: an expression column matches an operand equal to its
 * expression, and a partial index is used only when the WHERE clause's conjuncts imply its
 * predicate (a subset of predtest.c: the same clause, a narrower constant range on the same
 * expression, or a strict comparison for IS NOT NULL).
 *
 * <p>Ordered scans ({@link org.tusk.optimizer.ScanOrder}, pathkeys.c): a query over one plain
 * table whose ORDER BY items are its columns (no grouping, DISTINCT, windows or set-returning
 * functions) hands its order to the scan of that table through
 * {@code PlannerInfo.scanOrder}. {@link org.tusk.optimizer.ScanPaths} then also considers each
 * index whose key order (indoption DESC / NULLS FIRST, read forwards, or backwards with both
 * flipped) begins with the wanted order once columns pinned by {@code column = constant} are
 * left out, costed for the LIMIT's fraction of rows, against the cheapest scan plus cost_sort.
 * When the ordered index scan wins, {@code PlannerInfo.scanOrderProvided} is set and the Sort is
 * not built; a semi join pulled up above the scan clears it again. A table with inheritance
 * children (not partitioned) is read in that order by a Merge Append of each member's scan in
 * the order (or a Sort of its cheapest scan) when that costs less than a Sort of the Append for
 * the LIMIT's rows ({@code Inheritance.orderedAppend}, generate_orderedappend_paths; a Sort under
 * a constant LIMIT is costed as a bounded sort). So MIN/MAX over such a table becomes InitPlans
 * over Merge Appends as in PostgreSQL. An ordered index scan does not match the conjuncts a
 * partial index's predicate implies (check_index_predicates' indrestrictinfo); the unordered
 * scan choice still does.
 *
 * <p>Index-only scans ({@link org.tusk.optimizer.IndexOnlyScans}, check_index_only): since scans
 * have no attr_needed, the columns a query level reads of a table are counted over the whole
 * query (and the queries nested in it); when every one read is a column of a B-tree index (and
 * no whole-row, ctid or system column is read, nor rows locked or changed), an index scan of that
 * index becomes index-only, its heap cost scaled by 1 - allvisfrac (pg_class.relallvisible
 * over the estimated pages, {@link org.tusk.optimizer.RelSize}). Conjuncts a partial index's predicate
 * implies are dropped from an index scan's filter and need not be covered.
 *
 * <p>Array conditions: {@code column op ANY (array)} (what {@code IN (...)} becomes) with a
 * B-tree comparison op of the column's family and an array that is a constant, a parameter or
 * an ARRAY[...] of them is an index condition like {@code column op value} (amsearcharray; op ALL
 * never is). It counts as an equality for the key prefix, but not for "at most one row". An
 * ordered scan leaves one on a column after the first to the filter (skip_lower_saop: the array
 * passes are not in index order there). Its selectivity is scalararraysel's
 * ({@link org.tusk.optimizer.ArraySelectivity}: disjoint elements for = ANY, an equality on the
 * one column of a unique index being 1 / rows), and its index is costed with one descent and at
 * least one page per element (genericcostestimate's num_sa_scans).
 *
 * <p>Bitmap scans ({@link org.tusk.optimizer.BitmapPaths}): each usable index, and each OR
 * conjunct whose every arm some index matches (BitmapOr), is a candidate; choose_bitmap_and ANDs
 * candidates with disjoint clauses while that lowers cost_bitmap_heap_scan's estimate. The bitmap
 * heap scan replaces a sequential scan when cheaper (never a scan parameterized by an outer row),
 * and a plain index scan when cheaper by more than add_path's fuzz factor (1%), the index scan
 * costed with the correlation ANALYZE measured between its first column and the heap order (a
 * table never analyzed has none, as in PostgreSQL; an index led by an expression has none here,
 * since ANALYZE does not yet gather index expression statistics, so a plain index scan of one
 * that was chosen is kept). The Recheck Cond is the bitmap's
 * original clauses with a partial index's predicate unless its index clauses imply it.
 *
 * <h2>Inheritance</h2>
 * A table read without ONLY that has inheritance children ({@link org.tusk.optimizer.Inheritance},
 * expand_inherited_rtentry) is scanned by an {@code Append} of its own scan and one per
 * descendant (pg_inherits, breadth first, another session's temporary children skipped). Each
 * child's quals are translated to its attribute numbers by column name and its rows projected
 * into the parent's column order, so the Append's tuples have the parent's layout and nothing
 * above it sees the children; the TID element of the scan tuple is not carried through the
 * Append. UPDATE and DELETE of such a table become an Append of one ModifyTable per table, each
 * over its own scan with the new row, EvalPlanQual recheck and RETURNING translated; a child's
 * own columns keep their values. The row estimate assumes each child as large as the parent.
 * System columns: when a query reads xmin, cmin, xmax, cmax or tableoid of a table (Vars past
 * its columns, see {@link org.tusk.optimizer.SystemColumnRefs}), that table's scan emits all its
 * columns followed by the six system columns, and under an Append each child emits its own (so
 * tableoid is the child's). A member whose restrictions refute one another ({@code x IS NULL}
 * against a clause strict in x) is left out ({@link org.tusk.optimizer.ConstraintExclusion});
 * an Append left without members is a dummy rel, and a level whose joins it empties (inner,
 * semi, the outer side of a left or anti join) is one "One-Time Filter: false" Result.
 * Not yet: partitioning.
 *
 * <h2>Pull-ups (prepjointree.c)</h2>
 * Before a level is planned, {@link org.tusk.optimizer.SimpleSubquery} merges each simple
 * subquery in FROM (is_simple_subquery: a SELECT over FROM items without aggregation, grouping,
 * windows, DISTINCT, ORDER BY, LIMIT, FOR UPDATE or WITH, with no volatile or set-returning
 * output expression; a sub-select in the output is copied to each reference, each copy its own
 * SubPlan, unless it calls a volatile function), and so each such view, into the level (pull_up_simple_subquery):
 * its range table is appended, its output expressions replace the references to its columns and
 * its join tree stands where it stood. A LATERAL one is pulled up only when it is one table
 * whose WHERE alone reads the items beside it and the join node taking its conjuncts covers
 * what they read (a LEFT JOIN LATERAL becomes a left join on them). On an outer join's nullable
 * side, an output that is not a plain column of the subquery's tables is replaced in the quals at
 * or below the lowest outer join nulling it, and the subquery is pulled up when nothing else
 * reads that output. Not yet: other LATERAL ones,
 * one on an outer join's nullable side with such an output read above that join (that needs
 * PlaceHolderVars), UNION ALL subqueries (pull_up_simple_union_all), UPDATE
 * and DELETE levels, levels with FOR UPDATE. Then {@link org.tusk.optimizer.SubqueryPullUp} replaces each single-row
 * FROM item reached through inner joins only (a one-row VALUES, or a FROM-less / one-row-VALUES
 * subquery of non-volatile, SRF- and aggregate-free expressions, LATERAL or not) by
 * its expressions wherever the level and the levels below read its columns, and drops it from
 * the join tree: an inner join that loses a side becomes its other side, its ON condition
 * moving to WHERE (valid because every join above it is inner). Such an item of var-free
 * expressions below an outer join ({@link org.tusk.optimizer.OuterJoinSingleRows}) stays a one-row
 * Result (a constant function becomes a FROM-less subquery), standing for the RTE_RESULT that
 * evaluates PostgreSQL's PlaceHolderVars: its expressions replace its columns everywhere when no
 * outer join can null it, and otherwise only in the quals at or below the lowest outer join
 * nulling it (not in a FULL join's own quals), as pullup_replace_vars with need_phvs does;
 * one no outer join nulls may read the items beside it (LATERAL), and once nothing reads it an
 * inner join without quals drops it. A LEFT JOIN ... ON TRUE to a single-row item is an inner
 * join (remove_useless_result_rtes), the item staying a Result when a LATERAL item reads it. {@code info.query} is replaced
 * by the rewritten query once, before anything is planned, and never changes afterwards.
 * A whole-row reference {@code s.*} to a FROM item that is not a stored table reads a
 * "row present" column one past the item's columns ({@link org.tusk.optimizer.RowPresence}): the
 * item's scan emits it (its whole row, never NULL) when read, so an outer join that null-extends
 * the item makes {@code s.*} NULL rather than a row of NULLs, as PostgreSQL's whole-row Var (or
 * its PlaceHolderVar after pull-up) is; a pull-up through inner joins replaces it by TRUE, and
 * an item on a nullable side whose whole row is read is not pulled up.
 * {@link org.tusk.optimizer.VarLevels} moves expressions between levels (IncrementVarSublevelsUp,
 * ReplaceVarsFromTargetList): every Var, and every CTE reference, below the moved expression is
 * adjusted by how deep it sits, so a moved sub-select keeps reading the same relations.
 *
 * <p>WITH queries ({@link org.tusk.optimizer.CteInlining}, SS_process_ctes): before anything
 * else a level's WITH list is examined in order. A SELECT nobody references is dropped (never
 * planned, not shown by EXPLAIN); one written NOT MATERIALIZED, or referenced exactly once and
 * not written MATERIALIZED, that is not recursive, changes nothing (no INSERT/UPDATE/DELETE or
 * FOR UPDATE at any depth), calls no volatile function and, if referenced more than once, does
 * not read an outer recursive query's work table, is inlined: each reference becomes a FROM
 * subquery holding a copy of its query (outer references moved down by the reference's depth),
 * so it is evaluated per reference and per outer row like any subquery, and filters reach it.
 * The rest are planned once and shared by their CTE Scans. The counts are the parser's
 * cterefcount: references a level above dropped before planning this one (an unread subquery
 * output) still count, so such a MATERIALIZED query is planned though nothing scans it. The
 * level's planned WITH queries are recorded against its top plan node
 * ({@code PlannedStmt.levelCtes}), where EXPLAIN lists them (SS_attach_initplans), and each
 * takes an exec parameter number once planned (SS_process_ctes' assign_special_exec_param), as
 * an initplan (an EXPR, EXISTS or ARRAY SubPlan without parameters of its level) takes one for
 * its output once its sub-select is planned (build_subplan): EXPLAIN's "returns $n" is that number.
 *
 * <p>Set-returning SQL functions in FROM ({@link org.tusk.optimizer.FunctionInlining},
 * preprocess_function_rtes' inline_set_returning_function): next, a call of a non-strict,
 * non-volatile LANGUAGE sql function declared SETOF whose body is one SELECT becomes a subquery of
 * that SELECT with the call's arguments in place of $1..$n; the pull-ups below treat it as any
 * FROM subquery. The body comes analysed and rewritten from the backend's SQL-function handler
 * (the optimizer does not call the parser itself) through
 * {@link org.tusk.catalog.FunctionCallContext#inlinableSqlFunctionBody}.
 *
 * <p>Subqueries in FROM of a SELECT that PostgreSQL would not have pulled up (grouping, sorting,
 * DISTINCT, LIMIT, windows, target SRFs, WITH, row locks) have the output columns the level never
 * reads replaced by typed NULLs before they are planned ({@link org.tusk.optimizer.UnusedSubqueryOutputs},
 * remove_unused_subquery_outputs), unless a sort/group key, set-returning or volatile; so an
 * unread sub-select column never runs.
 *
 * <p>An uncorrelated {@code x = ANY (subquery)} is hashed only when its operator hashes
 * ({@code catalog.OperatorHashing}, hash_ok_operator: pg_operator.oprcanhash, strict; array and
 * record equality by their input type); otherwise the executor keeps the subquery's rows and
 * EXPLAIN draws the Material node PostgreSQL puts there. A recursive UNION (not ALL) over a
 * column type whose equality does not hash is refused as PostgreSQL refuses it ("could not
 * implement recursive UNION"). An operator whose function is a simple LANGUAGE sql function is
 * inlined as a call of it would be (inline_function on the OpExpr's opfuncid), and a SubPlan's
 * test is simplified before hashing is judged, so the inlined body may hash; a test whose inlined
 * form has the subquery's column on the left does not (test_opexpr_is_hashable).
 *
 * <p>A correlated EXISTS that stays a SubPlan (not a top-level WHERE conjunct) whose only outer
 * references are hashable equalities among its WHERE conjuncts also gets the equivalent hashed
 * {@code (outer, ...) = ANY (SELECT inner, ...)} ({@link org.tusk.optimizer.ExistsToAny},
 * convert_EXISTS_to_ANY; NULL counts as false); once the statement's plan is built,
 * {@link org.tusk.optimizer.AlternativeSubPlans} keeps, per node evaluating it, the one cheaper
 * for that node's rows (fix_alternative_subplan). A Limit node is built only when LIMIT or OFFSET
 * can drop rows (limit_needed: not for OFFSET 0 or LIMIT ALL).
 *
 * <p>A correlated [NOT] EXISTS conjunct of WHERE over a plain subquery becomes a semi (anti)
 * join above the level's join tree ({@link org.tusk.optimizer.SemiJoins}). For EXISTS, the
 * subquery's conjuncts that read none of its own relations but this level's are moved up into
 * this level's WHERE first ({@code EXISTS (.. WHERE p AND q) = q AND EXISTS (.. WHERE p)}), where
 * they are pulled up in turn, so a NOT EXISTS nested in an EXISTS becomes an anti join of this
 * level; NOT EXISTS keeps all its conjuncts (the equivalence does not hold for it). A constant
 * LIMIT that is null or positive does not keep an EXISTS from being pulled up
 * (simplify_EXISTS_query). {@code x IN (SELECT e FROM f WHERE w)} at the top of WHERE, over a
 * plain subquery that reads nothing of the outer levels, is pulled up as
 * {@code EXISTS (SELECT FROM f WHERE w AND x = e)} ({@link org.tusk.optimizer.AnySublinks},
 * convert_ANY_sublink_to_join): a hash semi join on {@code x = e}; when {@code x} holds a
 * sub-select of its own (reading only this level), that is a SubPlan in the semi join's filter,
 * a nested loop over the inner side, materialized or not by cost. A sub-select that is not
 * that simple (LIMIT, grouping, DISTINCT, windows, WITH, row locks) becomes the subquery
 * "ANY_subquery" in FROM of such an EXISTS, the test over its columns, and is the semi join's
 * inner side as a Subquery Scan. The correlating equalities of a semi join form equivalence
 * classes ({@link org.tusk.optimizer.SemiJoinEquivalences}): {@code o.x = s.a AND o.x = s.b}
 * joins on {@code o.x = s.a} and filters the inner side on {@code s.a = s.b}. The semi join is
 * the cheapest of the nested loops (over the inner side as it is or materialized) and the hash
 * join. Any other {@code x = ANY (subquery)} stays a SubPlan, answered from a hash of the
 * subquery's rows when uncorrelated.
 *
 * <p>Outer-level aggregates: an Aggref with levelsup k in a sub-select becomes an ExecParam of
 * the level k up (replace_outer_agg, {@link org.tusk.optimizer.PlannerInfo#paramForAgg}); the
 * SubPlan passes the Aggref (now of that level) as the parameter's argument, read from the
 * aggregate values of that level's Agg node, which computes it as one of its aggregates (the
 * analyzer put it in that level's list). Aggregates with DISTINCT or ORDER BY make GROUP BY
 * sorted rather than hashed (numOrderedAggs).
 *
 * <p>Outer joins ({@link org.tusk.optimizer.OuterJoinReduction}, reduce_outer_joins): before
 * the join tree is planned, an outer join whose null-extended rows a strict qual above it
 * rejects becomes inner (a FULL join one-sided), so it is flattened and ordered with the other
 * inner items; a LEFT join whose ON condition is strict in a column of its nullable side that
 * WHERE tests with IS NULL becomes an anti join (rows still NULL-extended; the IS NULL test is
 * dropped as redundant; never a merge join, which has no anti mode). Then
 * {@link org.tusk.optimizer.JoinRemoval} (remove_useless_joins) drops a
 * LEFT/RIGHT join to a table none of whose columns are read outside the join's ON condition and
 * whose unique index has every key column equated to the other side or a constant there.
 *
 * <p>Equivalence classes ({@link org.tusk.optimizer.EquivalenceClasses}, equivclass.c): the
 * level's top inner-join equalities (mergejoinable, one type, members of non-nullable relations)
 * are replaced by what their classes imply: {@code member = constant} restrictions, or clauses
 * equating members of one relation and one join clause per class for each pair of joined sets.
 *
 * <p>Not yet: equivalence classes below outer joins and for pathkeys, outer-join reordering, join removal
 * for subqueries made unique by DISTINCT / GROUP BY, turning a semi join over a provably unique
 * inner side into an inner join (reduce_unique_semijoins), unique-ifying a semi join's inner side, pulling up subqueries
 * with FROM tables (and anything below outer joins, which needs PlaceHolderVars), parameterized
 * bitmap scans, ordered index scans under joins, aggregates or merge joins (pathkeys are
 * only asked of a lone table's scan), statistics.
 *
 * <p>Windows ({@link org.tusk.optimizer.WindowPlanner}): the node below the windows computes the
 * window input target (keys, function arguments, window-free parts of the target list); one
 * WindowAgg per window with functions, in common_prefix_cmp order, each preceded by a Sort
 * unless the previous Sort's keys start with its PARTITION BY + ORDER BY keys (an Incremental
 * Sort when they share leading keys, as create_one_window_path takes it); a projection on
 * top. A window's sort leaves out keys a top-level WHERE conjunct {@code key = constant} pins
 * (pathkey_is_redundant for an equivalence class with a constant, in that simple form only).
 * A subquery in FROM with window functions is never pulled up; its restriction clauses are sorted
 * by {@link org.tusk.optimizer.WindowQualPushdown} (set_subquery_pathlist): a clause reading only
 * columns named in every window's PARTITION BY is pushed into the subquery's WHERE (HAVING when
 * it groups); a comparison of a monotonic window function's column with a pseudo-constant
 * becomes that window's run condition (the clause is dropped above unless it is an equality,
 * which becomes {@code <=} / {@code >=} below and stays above); everything else filters the
 * Subquery Scan. The run conditions reach the subquery's level through
 * {@code PlannerInfo.runConditions}, by target entry; the top WindowAgg also filters on the lower
 * windows' run conditions, since a lower window passes rows through once its condition fails.
 * Subqueries without window functions get no clause pushdown yet.
 * Grouping sets ({@link org.tusk.optimizer.GroupingSetPlanner}): the sortable sets are
 * divided into rollups by extract_rollup_sets (Hopcroft-Karp matching,
 * {@link org.tusk.optimizer.BipartiteMatch}) and reorder_grouping_sets, so the result rows come
 * in PostgreSQL's order for its sorted strategy; sets with a column that has only a hash
 * operator class must be hashed, and one that can be neither sorted nor hashed is "could not
 * implement GROUP BY" (preprocess_grouping_sets; the type classes are
 * {@link org.tusk.optimizer.GroupingOperators}). {@link org.tusk.optimizer.GroupingSetStrategy}
 * picks among consider_groupingsets_paths' paths: everything hashed (HashAggregate, or
 * MixedAggregate with the empty sets in a sorted phase), the first rollup sorted with the later
 * ones hashed (MixedAggregate), or all sorted (GroupAggregate; a plain Aggregate when every set
 * is empty); with enable_hashagg off sorted first, and never hashed when an aggregate needs
 * ordered input. Without per-column distinct estimates the hash_mem knapsack and the cost
 * comparison are not made: hash tables are assumed to fit. The first sorted rollup reads a
 * Sort node below the Agg, the later ones sort inside it; a single sorted rollup provides
 * ORDER BY's order when ORDER BY is a prefix of its keys (no Sort on top). Grouped
 * target entries are matched to their own grouping column by resno first (set_upper_references'
 * sortgroupref match), so equal expressions stay distinct columns and a constant grouping column
 * is still nulled. A single-row FROM item whose row is not all Vars is not pulled up into a query
 * with grouping sets (PostgreSQL would wrap it in PlaceHolderVars, which we do not have). A
 * GROUPING() of an outer level becomes an exec parameter of that level
 * (replace_outer_grouping), computed by its Agg for the SubPlan. The Agg's input is the
 * grouping expressions, then the columns the rest reads (make_group_input_target), computed by
 * the scan below when it can. Presorted input (an index scan in the first rollup's order) is
 * considered only when the sets are sure to be sorted ({@link org.tusk.optimizer.GroupPathkeys}).
 *
 * <p>Set-returning functions: a function in FROM is a FunctionScan (1000 estimated rows for a
 * set, one otherwise; its LATERAL references are exec parameters like a subquery's). In the
 * target list ({@link org.tusk.optimizer.SrfPlanner}, make_pathtarget_srfs for one level) a
 * ProjectSet is placed above grouping and windows and below DISTINCT, ORDER BY and LIMIT; the
 * node below computes the target with the calls taken out, keeping every call-free entry at its
 * position when grouping or windows read it by position; otherwise it computes only what the
 * ProjectSet reads (Vars, sort/DISTINCT keys, the calls' arguments, entries with sub-selects),
 * and the ProjectSet computes the other entries (split_pathtarget_at_srfs). When a call of the
 * top level is nested in an expression ({@code generate_series(1, 3) + 1}), the ProjectSet emits
 * the calls and then the columns the target reads, and a projection above it, drawn as a Result,
 * computes the target (need_extra_projection). A ProjectSet's rows are its input's times the
 * most rows a call returns (prorows 1000; generate_series over constant integers its count,
 * unnest of an array its length). Constant folding never evaluates a set-returning call. Calls nested in another
 * call's arguments (a second ProjectSet level in PostgreSQL) are refused (0A000).
 *
 * <p>Partitioned tables ({@link org.tusk.optimizer.PartitionPruning}, partprune.c at plan
 * time): a scan of a partitioned table is an Append of its leaf partitions that may hold rows
 * satisfying the restriction clauses (key compared with constants by =, &lt;, &lt;=, &gt;,
 * &gt;=, IN, IS [NOT] NULL); the table itself, having no storage, is never scanned. One
 * remaining leaf is scanned without an Append, none gives a Result with "One-Time Filter:
 * false". Leaves under an Append are named refname_1, refname_2, ... as EXPLAIN shows them.
 * UPDATE and DELETE get one ModifyTable per remaining leaf, each carrying the root so that an
 * UPDATE can move a row to another partition.
 *
 * <p>SELECT ... FOR UPDATE/SHARE (preprocess_rowmarks, {@code RowLocking}): every marked table is
 * scanned with its TID (an inherited one with its system columns, for the tableoid), including
 * as the parameterized inner of a nested loop, so that the join tuple holds each marked table's
 * columns followed by its TID; the LockRows above the Sort carries that whole tuple after the
 * target list, with a PlanRowMark saying where each table's block starts. Outer joins under
 * row locks are refused (0A000), as their recheck would have to null-extend.
 */
package org.tusk.optimizer;
