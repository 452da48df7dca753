package org.tusk.nodes;

import java.util.List;

/**
 * Plan nodes (PostgreSQL's plannodes.h). Each node's targetlist says what its output tuples
 * contain; expressions in a node refer to the tuple produced by its child (Var = column of the
 * child's/scan's tuple) or, in Agg, to aggregate results. Upper nodes (Sort, Limit) pass
 * tuples through unchanged.
 */
public sealed interface Plan {
    /** Width of this node's output tuples. */
    int width();

    /** Produces one tuple per execution (or none if the one-time qual fails); no input. */
    record Result(List<Expr> targetList, Expr qual, boolean emptyTuple) implements Plan {
        public int width() { return targetList.size(); }
    }

    /**
     * A Result over {@code child} that passes its tuples through unchanged when the one-time
     * {@code qual}, which reads no column of the child, holds, and returns none otherwise
     * (create_gating_plan: the pseudoconstant quals of a join tree, "One-Time Filter"). The qual
     * is evaluated once, before the child is first read, so a false one never starts the child.
     */
    record GatingResult(Plan child, Expr qual) implements Plan {
        public int width() { return child.width(); }
    }

    /**
     * Sequential scan of a relation: filters scan tuples by qual, then projects targetList
     * (targetList null: emit the scan tuple as is). The scan tuple of a table has one element
     * per column and, after them, the row version's TID (the ctid system column), which
     * ModifyTable uses to address the row.
     */
    record SeqScan(Query.RangeTblEntry rte, Expr qual, List<Expr> targetList) implements Plan {
        public int width() { return targetList == null ? rte.columns().size() : targetList.size(); }
    }

    /**
     * One index qualification (an indexqual of nodeIndexscan.c, as a ScanKey to be): index key
     * column {@code indexColumn} (1-based, in index key order) compared with {@code argument},
     * an expression without Vars (a Const or a Param), by B-tree strategy {@code strategy}.
     * {@code clause} is the WHERE clause it came from, rechecked on each fetched row.
     */
    record IndexQual(int indexColumn, org.tusk.access.index.ScanKey.Strategy strategy, Expr argument, Expr clause,
                     int strategyNumber) {
        /** A B-tree qual (or a null test): the strategy number is the B-tree strategy's. */
        public IndexQual(int indexColumn, org.tusk.access.index.ScanKey.Strategy strategy, Expr argument, Expr clause) {
            this(indexColumn, strategy, argument, clause, strategy == null ? 0 : strategy.number());
        }

        /**
         * A qual of an access method with its own strategies (GiST): {@code strategyNumber} is the
         * operator's pg_amop.amopstrategy in the column's family, {@link #strategy} null.
         */
        public static IndexQual ofStrategyNumber(int indexColumn, int strategyNumber, Expr argument, Expr clause) {
            return new IndexQual(indexColumn, null, argument, clause, strategyNumber);
        }

        /** Whether this qual is of an access method other than the B-tree (no B-tree strategy, not a null test). */
        public boolean isAmStrategy() {
            return strategy == null && !(clause instanceof Expr.NullTest);
        }
    }

    /**
     * Index scan (nodeIndexscan.c): the heap TIDs the index returns for {@code indexQuals} are
     * fetched through the table access method with the statement's snapshot; each row is
     * rechecked against the index clauses, filtered by {@code qual} (the remaining WHERE
     * clauses) and projected like SeqScan's, including the trailing TID.
     *
     * <p>With {@code indexOnly} it is an Index Only Scan (nodeIndexonlyscan.c): the planner made
     * sure every column the query reads of the table is a column of the index, so the scan tuple
     * is built from the index entry (the table's other columns null) and the heap is visited
     * only for a TID whose page the visibility map does not mark all-visible, to learn whether
     * the row is visible to the snapshot.
     */
    record IndexScan(Query.RangeTblEntry rte, org.tusk.utils.cache.Relation index, List<IndexQual> indexQuals, Expr qual,
                     List<Expr> targetList, boolean backward, boolean indexOnly, List<IndexQual> orderBys) implements Plan {
        /** A scan without ORDER BY operators. */
        public IndexScan(Query.RangeTblEntry rte, org.tusk.utils.cache.Relation index, List<IndexQual> indexQuals, Expr qual,
                         List<Expr> targetList, boolean backward, boolean indexOnly) {
            this(rte, index, indexQuals, qual, targetList, backward, indexOnly, List.of());
        }

        public IndexScan(Query.RangeTblEntry rte, org.tusk.utils.cache.Relation index, List<IndexQual> indexQuals, Expr qual,
                         List<Expr> targetList, boolean backward) {
            this(rte, index, indexQuals, qual, targetList, backward, false);
        }

        public int width() { return targetList == null ? rte.columns().size() : targetList.size(); }
    }

    /**
     * The bitmap-producing tree under a BitmapHeapScan (PostgreSQL's BitmapIndexScan, BitmapAnd
     * and BitmapOr plan nodes, which only ever appear there): not plans of their own here, since
     * they produce a TID bitmap rather than tuples.
     */
    sealed interface BitmapQual permits BitmapIndexScan, BitmapAnd, BitmapOr {}

    /** nodeBitmapIndexscan.c: every heap TID {@code index} has for {@code indexQuals} (ANDed) goes into a bitmap. */
    record BitmapIndexScan(org.tusk.utils.cache.Relation index, List<IndexQual> indexQuals) implements BitmapQual {}

    /** nodeBitmapAnd.c: the intersection of the children's bitmaps. */
    record BitmapAnd(List<BitmapQual> children) implements BitmapQual {}

    /** nodeBitmapOr.c: the union of the children's bitmaps. */
    record BitmapOr(List<BitmapQual> children) implements BitmapQual {}

    /**
     * nodeBitmapHeapscan.c: the heap pages of {@code bitmap}'s TIDs are visited in block order;
     * each TID's row (the member of its HOT chain the snapshot sees) is checked against
     * {@code recheck} (bitmapqualorig: the conditions the bitmap stands for, as EXPLAIN's
     * "Recheck Cond"), filtered by {@code qual} and projected like SeqScan's.
     */
    record BitmapHeapScan(Query.RangeTblEntry rte, BitmapQual bitmap, Expr recheck, Expr qual, List<Expr> targetList)
            implements Plan {
        public int width() { return targetList == null ? rte.columns().size() : targetList.size(); }
    }

    /**
     * A scan of the functions of a FROM item (nodeFunctionscan.c): each call in
     * {@code rte.functions()}, evaluated without input (its LATERAL references are exec
     * parameters), yields rows; the calls advance in lock step and the scan ends when all are
     * done, the shorter ones padded with NULLs. A function that does not return a set yields one
     * row. A record result is spread over its columns; with {@code rte.funcOrdinality()} a last
     * column numbers the rows from 1 (int8). {@code functions} are the planned calls; rows
     * failing {@code qual} are skipped.
     */
    record FunctionScan(Query.RangeTblEntry rte, List<Expr> functions, Expr qual) implements Plan {
        public int width() { return rte.columns().size(); }
    }

    /**
     * Evaluates a target list containing set-returning functions (nodeProjectSet.c, PostgreSQL
     * 10 semantics): for each input tuple the calls in {@code srfs} (over the input tuple) are
     * started and advanced in lock step, one output row per step until all are done, the
     * finished ones reading as NULL; an input row for which every call returns nothing produces
     * no output. {@code targetList} is evaluated over the input tuple extended by the current
     * value of each call (input column {@code width + i + 1} is {@code srfs[i]}).
     */
    record ProjectSet(Plan child, List<Expr> srfs, List<Expr> targetList) implements Plan {
        public int width() { return targetList.size(); }
    }

    /**
     * Whether {@code s} is a projection (no FROM item, no filter) over a ProjectSet that computes
     * something from its columns: the Result PostgreSQL puts above a ProjectSet when a
     * set-returning call is nested in an expression of the target list (split_pathtarget_at_srfs'
     * need_extra_projection). A projection only choosing columns is not one.
     */
    static boolean computesOverProjectSet(SubqueryScan s) {
        return s.rte() == null && s.qual() == null && s.targetList() != null && s.child() instanceof ProjectSet
                && s.targetList().stream().anyMatch(e -> !(e instanceof Expr.Var));
    }

    /** The rows of a VALUES list (nodeValuesscan.c), each evaluated without input. */
    record ValuesScan(List<List<Expr>> rows, int width) implements Plan {}

    /**
     * INSERT, UPDATE or DELETE of {@code target}'s table (nodeModifyTable.c) over the rows of
     * {@code source}. For INSERT, {@code newRow} computes the row to store from a source tuple;
     * for UPDATE, from the old row (a scan tuple of the target, TID last); DELETE has none.
     * {@code recheckQual} is the WHERE clause re-evaluated on the newest version of a row that
     * a concurrent transaction updated (EvalPlanQual). Emits the RETURNING projection per row
     * when {@code returning} is not empty, otherwise nothing. {@code rootRelation} is the
     * partitioned table an UPDATE named when {@code target} is one of its leaf partitions (a row
     * that no longer fits the leaf moves, through the root, to the partition it now belongs in);
     * null otherwise.
     */
    record ModifyTable(Query.CommandType operation, Query.RangeTblEntry target, Plan source, List<Expr> newRow,
                       Expr recheckQual, List<Expr> returning, OnConflict onConflict,
                       org.tusk.utils.cache.Relation rootRelation, List<MergeActionPlan> mergeActions,
                       List<WithCheck> withChecks) implements Plan {
        public ModifyTable(Query.CommandType operation, Query.RangeTblEntry target, Plan source, List<Expr> newRow,
                           Expr recheckQual, List<Expr> returning, OnConflict onConflict,
                           org.tusk.utils.cache.Relation rootRelation, List<MergeActionPlan> mergeActions) {
            this(operation, target, source, newRow, recheckQual, returning, onConflict, rootRelation, mergeActions, List.of());
        }

        /** This node with the WITH CHECK OPTION checks of the views the statement went through. */
        public ModifyTable withWithChecks(List<WithCheck> checks) {
            return new ModifyTable(operation, target, source, newRow, recheckQual, returning, onConflict, rootRelation,
                    mergeActions, List.copyOf(checks));
        }

        public ModifyTable(Query.CommandType operation, Query.RangeTblEntry target, Plan source, List<Expr> newRow,
                           Expr recheckQual, List<Expr> returning, OnConflict onConflict,
                           org.tusk.utils.cache.Relation rootRelation) {
            this(operation, target, source, newRow, recheckQual, returning, onConflict, rootRelation, List.of());
        }

        public ModifyTable(Query.CommandType operation, Query.RangeTblEntry target, Plan source, List<Expr> newRow,
                           Expr recheckQual, List<Expr> returning) {
            this(operation, target, source, newRow, recheckQual, returning, null, null);
        }

        public ModifyTable(Query.CommandType operation, Query.RangeTblEntry target, Plan source, List<Expr> newRow,
                           Expr recheckQual, List<Expr> returning, OnConflict onConflict) {
            this(operation, target, source, newRow, recheckQual, returning, onConflict, null);
        }

        public int width() { return returning.size(); }
    }

    /**
     * One WITH CHECK OPTION check of ModifyTable (ri_WithCheckOptions with WCO_VIEW_CHECK): the
     * changed row must make {@code qual} true (NULL fails, as ExecQual has it), or the statement
     * fails with 44000 naming view {@code viewName}. {@code qual} reads the tuple RETURNING reads.
     * A row-level security check ({@code kind} WCO_RLS_INSERT_CHECK or WCO_RLS_UPDATE_CHECK) is
     * 42501 naming table {@code viewName} (and policy {@code polname} when set).
     */
    record WithCheck(String viewName, Expr qual, char kind, String polname) {
        /** A view's check (WCO_VIEW_CHECK). */
        public WithCheck(String viewName, Expr qual) {
            this(viewName, qual, Query.WithCheckOption.WCO_VIEW_CHECK, null);
        }

        /** The same check over another expression. */
        public WithCheck withQual(Expr q) {
            return new WithCheck(viewName, q, kind, polname);
        }

        /** A row-level security check (tested before the row is stored) rather than a view's. */
        public boolean isRowSecurity() {
            return kind != Query.WithCheckOption.WCO_VIEW_CHECK;
        }
    }

    /**
     * INSERT's ON CONFLICT (ModifyTable's onConflictAction, arbiterIndexes, onConflictSet,
     * onConflictWhere): {@code set} and {@code where} read a tuple made of the existing row's
     * scan tuple (columns, then TID) followed by the proposed row's columns (EXCLUDED).
     */
    /**
     * One WHEN clause of MERGE as ModifyTable runs it (MergeActionState): whether it is for
     * MATCHED rows, its command (INSERT, UPDATE, DELETE, or SELECT for DO NOTHING), its condition
     * ({@code qual}, null: none) and for INSERT/UPDATE the new row, all over the join's tuple
     * (the target's scan tuple, columns then TID, NULL for a source row without a match,
     * followed by the source columns the statement reads); {@code override} as INSERT's.
     */
    record MergeActionPlan(boolean matched, Query.CommandType commandType, Expr qual, List<Expr> newRow, char override) {}

    record OnConflict(boolean doUpdate, List<org.tusk.utils.cache.Relation> arbiterIndexes, List<Expr> set, Expr where) {}

    /** nodeAgg.c's AggStrategy; MIXED: grouping sets, some hashed and some sorted (or empty) in one pass. */
    enum AggStrategy { PLAIN, SORTED, HASHED, MIXED }

    /**
     * Aggregation (nodeAgg.c). PLAIN: one group over all input (one output row even for no
     * input). SORTED: the input arrives ordered by {@code groupKeys}, a group ends when they
     * change. HASHED: groups are collected in a hash table keyed by the group key values and
     * emitted in first-seen order. Each group's output is {@code targetList} evaluated over the
     * group's first input tuple with Aggrefs replaced by the final values, if {@code havingQual}
     * passes. Group keys and aggregate arguments are evaluated over input tuples.
     */
    record Agg(Plan child, AggStrategy strategy, List<Expr> groupKeys, List<Expr.Aggref> aggs, List<Expr> targetList,
               Expr havingQual, List<GroupingSetPhase> phases, List<List<Integer>> groupingFuncs,
               List<Expr> groupingShown, double numGroups) implements Plan {
        public Agg(Plan child, AggStrategy strategy, List<Expr> groupKeys, List<Expr.Aggref> aggs, List<Expr> targetList,
                   Expr havingQual, List<GroupingSetPhase> phases, List<List<Integer>> groupingFuncs,
                   List<Expr> groupingShown) {
            this(child, strategy, groupKeys, aggs, targetList, havingQual, phases, groupingFuncs, groupingShown, -1);
        }

        /**
         * This Agg with the planner's estimate of its groups (Agg.numGroups: estimate_num_groups
         * over the grouping expressions' statistics), which its cost estimate then uses.
         */
        public Agg withNumGroups(double groups) {
            return new Agg(child, strategy, groupKeys, aggs, targetList, havingQual, phases, groupingFuncs, groupingShown, groups);
        }

        public Agg(Plan child, AggStrategy strategy, List<Expr> groupKeys, List<Expr.Aggref> aggs, List<Expr> targetList,
                   Expr havingQual, List<GroupingSetPhase> phases, List<List<Integer>> groupingFuncs) {
            this(child, strategy, groupKeys, aggs, targetList, havingQual, phases, groupingFuncs, List.of());
        }

        public Agg(Plan child, List<Expr.Aggref> aggs, List<Expr> targetList, Expr havingQual) {
            this(child, AggStrategy.PLAIN, List.of(), aggs, targetList, havingQual);
        }

        public Agg(Plan child, AggStrategy strategy, List<Expr> groupKeys, List<Expr.Aggref> aggs, List<Expr> targetList,
                   Expr havingQual) {
            this(child, strategy, groupKeys, aggs, targetList, havingQual, List.of(), List.of());
        }

        public int width() { return targetList.size(); }
    }

    /**
     * One rollup of a grouping-sets Agg (nodeAgg.c's phase): the input sorted on
     * {@code sortColumns} (0-based columns of the Agg's input, ascending, nulls last), and the
     * grouping sets computed in that order, each a prefix of the sort columns of length
     * {@code setLengths[i]} (longest first). With grouping sets the Agg's input carries the group
     * key values as columns; a key not in the current set reads as NULL in the output row.
     * The Agg's {@code groupingFuncs} lists, per GROUPING() call, the input columns of its
     * arguments; the node appends one column per call to the group's representative row (after
     * the input's columns) holding its value for the current set, which the target list reads;
     * {@code groupingShown} has, per call, the GROUPING() expression itself with its arguments over
     * the Agg's input (the call as EXPLAIN shows it where the node computes it: an argument equal
     * to a grouping expression reads that key column, any other, a sub-select in it included,
     * stays as written, as setrefs.c's fix_upper_expr leaves a GroupingFunc's arguments).
     * A {@code hashed} phase (a hashed RollupData) holds exactly one non-empty set, whose groups
     * are collected in a hash table on {@code sortColumns} (in any input order) and emitted after
     * the sorted phases; the phases list the hashed ones first, as create_groupingsets_plan
     * chains them (and EXPLAIN shows them).
     */
    record GroupingSetPhase(List<Integer> sortColumns, List<Integer> setLengths, boolean hashed) {
        public GroupingSetPhase(List<Integer> sortColumns, List<Integer> setLengths) {
            this(sortColumns, setLengths, false);
        }
    }

    /**
     * A window function evaluation (nodeWindowAgg.c): the input arrives sorted on
     * {@code partitionColumns} then {@code orderKeys}; each output tuple is the input tuple
     * followed by the values of {@code funcs} for it, computed over its partition and frame
     * ({@link WindowFrame} bits in {@code frameOptions}; the offsets are evaluated once per
     * partition). For RANGE with an offset, {@code orderKeys} has exactly one key. Rows are in
     * one partition when equal on the partition columns by the equality of each one's type in
     * {@code partitionTypes} (partOperators); peers when equal on the order keys by theirs.
     * {@code winref} and {@code name} identify the window (for EXPLAIN).
     *
     * <p>{@code runCondition} (null: none) is evaluated over the output tuple after the
     * functions: once it is false no later row of the partition can satisfy it (the functions it
     * reads are monotonic). The top window ({@code topWindow}) then stops, or skips to the next
     * partition when it has PARTITION BY; a lower window passes the rest of its input through
     * with its functions NULL, for the windows above, and the top window's {@code qual} (the lower
     * windows' run conditions, strict, so NULL fails them) filters those rows out.
     */
    record WindowAgg(Plan child, int winref, String name, List<Integer> partitionColumns, List<Integer> partitionTypes,
                     List<SortKey> orderKeys, int frameOptions, Expr startOffset, Expr endOffset,
                     List<Expr.WindowFunc> funcs, Expr runCondition, Expr qual, boolean topWindow) implements Plan {

        public int width() { return child.width() + funcs.size(); }
    }

    /**
     * Filters and projects the tuples of {@code child} (nodeSubqueryscan.c; also the projection
     * PostgreSQL's Result-with-outer-plan does). targetList null: pass the tuple through.
     */
    record SubqueryScan(Plan child, Expr qual, List<Expr> targetList, Query.RangeTblEntry rte) implements Plan {
        /** A projection or filter the planner adds over a node (no FROM item of its own, so EXPLAIN shows no node for it). */
        public SubqueryScan(Plan child, Expr qual, List<Expr> targetList) {
            this(child, qual, targetList, null);
        }

        public int width() { return targetList == null ? child.width() : targetList.size(); }
    }

    /** An exec parameter a NestLoop sets from its outer tuple before (re)scanning its inner side. */
    record NestParam(int paramId, Expr outerExpr) {}

    /**
     * Joins (nodeNestloop.c, nodeHashjoin.c, nodeMergejoin.c). The output tuple is the outer
     * tuple followed by the inner tuple ({@code outerWidth} + {@code innerWidth} columns), the
     * missing side all nulls for an unmatched row of an outer join. {@code joinQual} decides
     * whether a pair matches (for outer joins, ON), {@code otherQual} filters the result; both
     * read the joined tuple. A RIGHT join (hash and merge joins only) null-extends the outer
     * side: a LEFT join with its inputs swapped, as PostgreSQL plans one when hashing or reading
     * again the preserved side is cheaper; NestLoop does not do FULL or RIGHT. {@code innerUnique} (Join.inner_unique) records
     * that the planner proved each outer row matches at most one inner row (EXPLAIN VERBOSE's
     * "Inner Unique: true").
     *
     * <p>A NestLoop's {@code materializeInner} is PostgreSQL's Material node over the inner side
     * (joinpath.c match_unsorted_outer's matpath): the inner rows are read once and kept. Without
     * it an unparameterized inner side is scanned afresh for each outer row, unless the inner node
     * keeps its output anyway ({@link #materializesOutput}); a parameterized one always is.
     */
    record NestLoop(Query.JoinType type, Plan outer, Plan inner, Expr joinQual, Expr otherQual, List<NestParam> nestParams,
                    boolean innerUnique, boolean materializeInner) implements Plan {
        public NestLoop(Query.JoinType type, Plan outer, Plan inner, Expr joinQual, Expr otherQual, List<NestParam> nestParams) {
            this(type, outer, inner, joinQual, otherQual, nestParams, false);
        }

        /** An unparameterized inner side that does not keep its rows itself is materialized. */
        public NestLoop(Query.JoinType type, Plan outer, Plan inner, Expr joinQual, Expr otherQual, List<NestParam> nestParams,
                        boolean innerUnique) {
            this(type, outer, inner, joinQual, otherQual, nestParams, innerUnique,
                    nestParams.isEmpty() && !materializesOutput(inner));
        }

        public int width() { return outer.width() + inner.width(); }
    }

    /**
     * nodeMemoize.c: the inner side of a parameterized nested loop, cached by the values of its
     * parameters. {@code keys} are the exec parameters the loop sets from the outer row that the
     * inner side reads (PostgreSQL's param_exprs: the outer sides of the parameterized join clauses
     * and the LATERAL references), one entry per distinct key of the rows the child returned
     * for it; a key seen again is answered from the cache without running the child. In
     * {@code binaryMode} keys match only when their values are identical (datum_image_eq), else
     * by the types' hash equality ({@code keyTypes}). {@code singleRow} (a unique inner side all of
     * whose join clauses are parameterized) completes an entry at its first row. {@code calls}
     * (the outer rows) and {@code ndistinct} (estimate_num_groups of the keys over them) are the
     * planner's estimates cost_memoize_rescan prices the node from. The cache belongs to the nested
     * loop's execution: a rescan of the loop itself starts with an empty one.
     */
    record Memoize(Plan child, List<Expr> keys, List<Integer> keyTypes, boolean binaryMode, boolean singleRow,
                   double calls, double ndistinct) implements Plan {
        public int width() { return child.width(); }
    }

    /**
     * Whether a merge join may read the node's rows again without a Material node over it: the
     * node keeps its rows or can mark and restore its position (execAmi.c ExecSupportsMarkRestore
     * for an index scan, a Sort; Tusk's Result, CTE and work table scans and set-returning subqueries keep theirs).
     * A projection Tusk puts over such a node is looked through.
     */
    static boolean supportsMarkRestore(Plan p) {
        while (p instanceof SubqueryScan s && s.rte() == null && s.qual() == null) p = s.child();
        return p instanceof Sort || p instanceof IndexScan || p instanceof CteScan || p instanceof WorkTableScan
                || p instanceof Result
                || p instanceof SubqueryScan s && s.rte() != null && s.rte().kind() == Query.RteKind.FUNCTION;
    }

    /**
     * execAmi.c ExecMaterializesOutput: whether the node keeps all its output rows (a Sort, a
     * function scan's tuplestore, a CTE or work table scan), so that reading them again costs no
     * re-execution and a Material node over it would be pointless. A projection Tusk puts over
     * such a node (PostgreSQL would compute it in the node) is looked through.
     */
    static boolean materializesOutput(Plan p) {
        while (p instanceof SubqueryScan s && s.rte() == null && s.qual() == null) p = s.child();
        return p instanceof Sort || p instanceof CteScan || p instanceof WorkTableScan || p instanceof FunctionScan
                || p instanceof SubqueryScan s && s.rte() != null && s.rte().kind() == Query.RteKind.FUNCTION
                || isCteScan(p);
    }

    /**
     * Whether {@code p} is PostgreSQL's CteScan or WorkTableScan of a FROM item: Tusk's
     * SubqueryScan of the WITH query's entry (with the scan's filter, and the columns it emits
     * when a node above asked for a small target list) over the CTE or work table scan.
     */
    static boolean isCteScan(Plan p) {
        return p instanceof SubqueryScan s && s.rte() != null && s.rte().kind() == Query.RteKind.CTE
                && (s.child() instanceof CteScan || s.child() instanceof WorkTableScan);
    }

    /**
     * Hash join: the inner side is read into a hash table on {@code innerKeys} (over inner
     * tuples); each outer tuple probes it with {@code outerKeys} (over outer tuples). Keys
     * compare by SQL equality; a NULL key never matches.
     */
    record HashJoin(Query.JoinType type, Plan outer, Plan inner, List<Expr> outerKeys, List<Expr> innerKeys, Expr joinQual,
                    Expr otherQual, boolean innerUnique) implements Plan {
        public HashJoin(Query.JoinType type, Plan outer, Plan inner, List<Expr> outerKeys, List<Expr> innerKeys, Expr joinQual,
                        Expr otherQual) {
            this(type, outer, inner, outerKeys, innerKeys, joinQual, otherQual, false);
        }

        public int width() { return outer.width() + inner.width(); }
    }

    /**
     * Merge join: both inputs arrive sorted ascending (nulls last) on their keys, which are
     * columns. {@code keyTypes} holds, per key, the type whose btree operator family orders
     * and equates the pair (the merge operator's input type: mergejoin's MJCompare calls the
     * opfamily's comparison support), so character keys meet without their trailing blanks.
     */
    record MergeJoin(Query.JoinType type, Plan outer, Plan inner, List<Integer> outerKeys, List<Integer> innerKeys,
                     Expr joinQual, Expr otherQual, List<Integer> keyTypes, boolean innerUnique,
                     boolean materializeInner) implements Plan {
        public MergeJoin(Query.JoinType type, Plan outer, Plan inner, List<Integer> outerKeys, List<Integer> innerKeys,
                         Expr joinQual, Expr otherQual, List<Integer> keyTypes) {
            this(type, outer, inner, outerKeys, innerKeys, joinQual, otherQual, keyTypes, false);
        }

        /**
         * {@code materializeInner} (MergePath.materialize_inner, drawn as a Material node over
         * the inner side): by default when the inner node can neither keep its rows nor mark
         * and restore its position (ExecSupportsMarkRestore: a Sort, an index scan).
         */
        public MergeJoin(Query.JoinType type, Plan outer, Plan inner, List<Integer> outerKeys, List<Integer> innerKeys,
                         Expr joinQual, Expr otherQual, List<Integer> keyTypes, boolean innerUnique) {
            this(type, outer, inner, outerKeys, innerKeys, joinQual, otherQual, keyTypes, innerUnique,
                    !supportsMarkRestore(inner));
        }

        public int width() { return outer.width() + inner.width(); }
    }

    /**
     * Removes adjacent duplicates on the given 0-based columns (nodeUnique.c), compared by the
     * equality of each column's type ({@code types}, parallel to {@code columns}; uniqOperators).
     */
    record Unique(Plan child, List<Integer> columns, List<Integer> types, double numGroups) implements Plan {
        /** A Unique without the planner's estimate of its groups (negative numGroups: costing guesses). */
        public Unique(Plan child, List<Integer> columns, List<Integer> types) {
            this(child, columns, types, -1);
        }

        public int width() { return child.width(); }
    }

    /**
     * The rows of each child in turn (nodeAppend.c), for UNION ALL and for a table read with its
     * inheritance children or partitions, which is then {@code parent} (the Append's apprelids,
     * whose name EXPLAIN gives the Append's columns); null otherwise.
     */
    record Append(List<Plan> children, int width, Query.RangeTblEntry parent) implements Plan {
        public Append(List<Plan> children, int width) {
            this(children, width, null);
        }
    }

    /**
     * nodeMergeAppend.c: the children, each already ordered on {@code keys} (0-based columns of
     * the common layout), merged into one stream in that order. {@code parent}: the table whose
     * inheritance children the children scan (apprelids).
     */
    record MergeAppend(List<Plan> children, List<SortKey> keys, int width, Query.RangeTblEntry parent) implements Plan {}

    /**
     * INTERSECT [ALL] / EXCEPT [ALL] (nodeSetOp.c, hashed): counts each distinct row's
     * occurrences in both inputs, then emits it min(l, r) / max(l - r, 0) times for ALL, once
     * if min(l, r) > 0 / (l > 0 and r == 0) otherwise. Rows compare as in GROUP BY, each column
     * by the hash and equality of its type in {@code colTypes} (dupOperators).
     */
    record SetOp(Query.SetOpType op, boolean all, Plan left, Plan right, List<Integer> colTypes) implements Plan {
        public int width() { return left.width(); }
    }

    /**
     * A scan of a WITH query (nodeCtescan.c): every CteScan with the same {@code cteId} reads
     * the same rows, computed once per statement by {@code ctePlan} as far as they are read.
     */
    record CteScan(int cteId, Plan ctePlan, Query.RangeTblEntry rte) implements Plan {
        /** {@code rte} is the FROM item scanning the WITH query (its name and column names, for EXPLAIN); may be null. */
        public CteScan(int cteId, Plan ctePlan) {
            this(cteId, ctePlan, null);
        }

        public int width() { return ctePlan.width(); }
    }

    /**
     * The work table of the enclosing RecursiveUnion, held in exec parameter {@code paramId};
     * {@code rows} is the planner's estimate of its size (set_cte_size_estimates for a self-reference:
     * recursive_worktable_factor times the non-recursive term's rows), for costing the recursive term;
     * {@code rte} is the self-reference's FROM item (its CTE name, alias and column names, for EXPLAIN).
     */
    record WorkTableScan(int paramId, int width, double rows, Query.RangeTblEntry rte) implements Plan {}

    /**
     * The top of a statement with data-modifying WITH queries: {@code plan} is the statement's
     * own plan; after it has produced its last row the executor reads each of {@code ctes} to its
     * end, so that every INSERT/UPDATE/DELETE in WITH runs exactly once and completely, however
     * much of it the statement read (ExecPostprocessPlan).
     */
    record ModifyingCtes(Plan plan, List<CteScan> ctes) implements Plan {
        public int width() { return plan.width(); }
    }

    /**
     * WITH RECURSIVE (nodeRecursiveunion.c): emits the non-recursive term's rows, then runs the
     * recursive term again and again over the previous round's rows (the work table) until a
     * round yields nothing. {@code distinct} (UNION) drops rows already emitted, comparing each
     * column by the hash and equality of its type in {@code colTypes}.
     */
    record RecursiveUnion(Plan nonRecursive, Plan recursive, int wtParam, boolean distinct, List<Integer> colTypes)
            implements Plan {
        public int width() { return nonRecursive.width(); }
    }

    /**
     * A sort key: 0-based {@code column}, its direction and NULLS placement, and the column's
     * {@code type}, whose default btree operator class orders the values (the sort operator the
     * planner picks for the type, as get_sort_group_operators does): a character(n) column
     * orders with trailing blanks insignificant (bpcharcmp), so 'a'::char(3) and 'a'::char(5)
     * are equal. 0 when unknown: the values compare by their own form.
     */
    record SortKey(int column, boolean desc, boolean nullsFirst, int type) {}

    /**
     * Sorts its input on the given 0-based columns. With {@code presorted} &gt; 0 it is an
     * Incremental Sort (nodeIncrementalSort.c): the input is already ordered on the first
     * {@code presorted} keys, so only the rows of each group equal on those need sorting on the
     * rest. A stable sort on all keys puts such input in the same order, which is what the
     * executor does.
     */
    record Sort(Plan child, List<SortKey> keys, int presorted) implements Plan {
        public Sort(Plan child, List<SortKey> keys) {
            this(child, keys, 0);
        }

        public int width() { return child.width(); }
    }

    /**
     * Row locking (nodeLockRows.c): each input tuple is the query's target list followed, from
     * {@code rawOffset}, by the tuple of the joins and scans below (the layout the target list and
     * {@code recheckQual} are fixed to), in which each locked table's scan tuple (its columns,
     * then the TID) starts at its {@link PlanRowMark#columnOffset}. Every marked table's row
     * version is locked in the mark's strength and wait policy; a row that SKIP LOCKED finds
     * locked, or one of whose versions was deleted meanwhile, is left out. Under READ COMMITTED a
     * row a committed transaction updated is locked in its newest version; the tuple with the new
     * versions substituted is emitted only if it still satisfies {@code recheckQual}, with
     * {@code targetList} evaluated anew over it (EvalPlanQual). Sits above Sort, below Limit.
     */
    record LockRows(Plan child, List<PlanRowMark> rowMarks, int rawOffset, Expr recheckQual, List<Expr> targetList)
            implements Plan {
        public int width() { return child.width(); }
    }

    /**
     * PlanRowMark: one FOR UPDATE/SHARE table of a LockRows, at {@code columnOffset} of the raw
     * tuple. {@code isParent}: the table is scanned with its inheritance children, and the row's
     * tableoid system column (five after the TID) names the table the row lives in.
     */
    record PlanRowMark(Query.RangeTblEntry rte, int columnOffset, Stmt.LockStrength strength, Stmt.LockWait waitPolicy,
                       boolean isParent) {}

    /** OFFSET/LIMIT; either expression may be null. */
    record Limit(Plan child, Expr offset, Expr count) implements Plan {
        public int width() { return child.width(); }
    }
}
