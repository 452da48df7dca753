package org.tusk.nodes;

import java.util.List;

import org.tusk.catalog.ColumnDef;
import org.tusk.catalog.ScannableRelation;
import org.tusk.utils.cache.Relation;

/**
 * The result of parse analysis of one statement (PostgreSQL's Query). For SELECT, the range
 * table holds every relation, subquery, VALUES list, function, CTE reference and join of FROM;
 * {@code fromList} is the join tree over it (jointree->fromlist, each item a range table
 * reference or an explicit join), {@code where} its qualification. The target list has the
 * visible output columns first and any resjunk columns (ORDER BY, GROUP BY or DISTINCT ON
 * expressions not in the select list) after them. Utility statements carry the raw statement in
 * {@code utilityStmt} and nothing else.
 *
 * <p>Grouping: {@code groupClause} lists the resnos of the grouping target entries (all of them
 * resjunk or visible entries of the target list), {@code havingQual} filters groups. DISTINCT:
 * {@code distinctClause} lists resnos (all visible columns for plain DISTINCT; the DISTINCT ON
 * expressions with {@code hasDistinctOn}). A set operation ({@code setOperations} not null) has
 * one range table entry per leaf SELECT and a target list of Vars with varno 0 over the
 * operation's output columns. {@code cteList} holds the WITH queries of this level.
 *
 * <p>Grouping sets: {@code groupingSets}, when not empty, lists the expanded sets (each a list of
 * resnos from {@code groupClause}; an empty set is the grand total), in PostgreSQL's order.
 * Windows: {@code windowClause} lists the windows of the query (WINDOW clause entries first,
 * then each distinct inline OVER (...)); window functions in the target list refer to them.
 *
 * <p>INSERT, UPDATE and DELETE have {@code resultRelation} 1: range table entry 1 is the target
 * table. Their {@code targetList} is the complete new row, one entry per attribute in attribute
 * order (resno = attnum): for UPDATE expressions over the old row (unchanged columns are Vars of
 * themselves), for INSERT expressions over the source tuple, which is a row of
 * {@code valuesLists} (the listed columns, in the order of the column list) or an output row of
 * {@code sourceQuery} (INSERT ... SELECT); columns not listed get their default expression.
 * DELETE has an empty target list. {@code returningList} is evaluated over the new row (old row
 * for DELETE). {@code where} of UPDATE/DELETE filters the target table's rows.
 *
 * <p>MERGE also has {@code resultRelation} 1; its {@code fromList} is the one join of source and
 * target (see the parser's MergeAnalysis), its target and returning lists are empty, and
 * {@code mergeActionList} holds its WHEN clauses in order (empty for every other command).
 */
public record Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable,
                    List<TargetEntry> targetList, Expr where, List<SortClause> sortClause, Expr limitCount,
                    Expr limitOffset, List<Expr.Aggref> aggregates, int resultRelation, List<List<Expr>> valuesLists,
                    Query sourceQuery, List<TargetEntry> returningList, List<JoinNode> fromList,
                    List<Integer> groupClause, Expr havingQual, List<Integer> distinctClause, boolean hasDistinctOn,
                    SetOp setOperations, List<CommonTableExpr> cteList, List<WindowClause> windowClause,
                    List<List<Integer>> groupingSets, OnConflictExpr onConflict, List<RowMarkClause> rowMarks,
                    List<MergeAction> mergeActionList, List<WithCheckOption> withCheckOptions) {

    /**
     * The varnos of a rule action's references to OLD and NEW (PRS2_OLD_VARNO / PRS2_NEW_VARNO's
     * role; see the rewriter's RuleActions), which ruleutils prints as {@code old.col} and
     * {@code new.col}.
     */
    public static final int PRS2_OLD_VARNO = -101;
    public static final int PRS2_NEW_VARNO = -102;

    /** Every component but the WITH CHECK OPTION checks (none: only the rewriter adds them). */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable,
                 List<TargetEntry> targetList, Expr where, List<SortClause> sortClause, Expr limitCount,
                 Expr limitOffset, List<Expr.Aggref> aggregates, int resultRelation, List<List<Expr>> valuesLists,
                 Query sourceQuery, List<TargetEntry> returningList, List<JoinNode> fromList,
                 List<Integer> groupClause, Expr havingQual, List<Integer> distinctClause, boolean hasDistinctOn,
                 SetOp setOperations, List<CommonTableExpr> cteList, List<WindowClause> windowClause,
                 List<List<Integer>> groupingSets, OnConflictExpr onConflict, List<RowMarkClause> rowMarks,
                 List<MergeAction> mergeActionList) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates,
                resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, rowMarks,
                mergeActionList, List.of());
    }

    /**
     * WithCheckOption (parsenodes.h, kind WCO_VIEW_CHECK): the new row of an INSERT or UPDATE
     * through view {@code relname} must satisfy {@code qual} (an expression over the result
     * relation's row, null when the view has no WHERE of its own but passes a CASCADED check
     * down), else 44000. {@code cascaded} tells views below to add their own checks too.
     *
     * <p>Row-level security adds checks of other kinds ({@code kind}, WCOKind): the new row of an
     * INSERT ({@link #WCO_RLS_INSERT_CHECK}) or UPDATE ({@link #WCO_RLS_UPDATE_CHECK}) must pass
     * the table's policies, else 42501 naming table {@code relname} and, for a restrictive policy's
     * own check, policy {@code polname} (null for the combined permissive check).
     */
    public record WithCheckOption(String relname, Expr qual, boolean cascaded, char kind, String polname) {
        /** WCO_VIEW_CHECK. */
        public static final char WCO_VIEW_CHECK = 'v';
        /** WCO_RLS_INSERT_CHECK. */
        public static final char WCO_RLS_INSERT_CHECK = 'i';
        /** WCO_RLS_UPDATE_CHECK. */
        public static final char WCO_RLS_UPDATE_CHECK = 'u';

        /** A view's check (WCO_VIEW_CHECK). */
        public WithCheckOption(String relname, Expr qual, boolean cascaded) {
            this(relname, qual, cascaded, WCO_VIEW_CHECK, null);
        }

        /** The same check over another expression. */
        public WithCheckOption withQual(Expr q) {
            return new WithCheckOption(relname, q, cascaded, kind, polname);
        }
    }

    /** This query with the given WITH CHECK OPTION checks (rewriteTargetView's result). */
    public Query withWithCheckOptions(List<WithCheckOption> wcos) {
        return new Query(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, rowMarks,
                mergeActionList, List.copyOf(wcos));
    }

    /** Any statement but MERGE (no merge actions). */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable,
                 List<TargetEntry> targetList, Expr where, List<SortClause> sortClause, Expr limitCount,
                 Expr limitOffset, List<Expr.Aggref> aggregates, int resultRelation, List<List<Expr>> valuesLists,
                 Query sourceQuery, List<TargetEntry> returningList, List<JoinNode> fromList,
                 List<Integer> groupClause, Expr havingQual, List<Integer> distinctClause, boolean hasDistinctOn,
                 SetOp setOperations, List<CommonTableExpr> cteList, List<WindowClause> windowClause,
                 List<List<Integer>> groupingSets, OnConflictExpr onConflict, List<RowMarkClause> rowMarks) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates,
                resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, rowMarks,
                List.of());
    }

    /**
     * One WHEN clause of MERGE after analysis (primnodes.h MergeAction): whether it applies to
     * MATCHED or NOT MATCHED rows, its command (INSERT, UPDATE, DELETE, or SELECT standing for DO
     * NOTHING, as PostgreSQL's CMD_NOTHING), its condition {@code qual} (null: none) and, for
     * INSERT and UPDATE, the complete new row in attribute order (resno = attnum) as for the
     * statements themselves; {@code override} is INSERT's OVERRIDING kind ('s', 'u' or 0).
     * Expressions read the target (range table entry 1, NULL-extended for NOT MATCHED) and the
     * source relations.
     */
    public record MergeAction(boolean matched, CommandType commandType, Expr qual, List<TargetEntry> targetList,
                              char override) {}

    /** A query without FOR UPDATE/SHARE. */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable,
                 List<TargetEntry> targetList, Expr where, List<SortClause> sortClause, Expr limitCount,
                 Expr limitOffset, List<Expr.Aggref> aggregates, int resultRelation, List<List<Expr>> valuesLists,
                 Query sourceQuery, List<TargetEntry> returningList, List<JoinNode> fromList,
                 List<Integer> groupClause, Expr havingQual, List<Integer> distinctClause, boolean hasDistinctOn,
                 SetOp setOperations, List<CommonTableExpr> cteList, List<WindowClause> windowClause,
                 List<List<Integer>> groupingSets, OnConflictExpr onConflict) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates,
                resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, List.of());
    }

    /** This query with the given row marks (transformLockingClause's result). */
    public Query withRowMarks(List<RowMarkClause> marks) {
        return new Query(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict,
                List.copyOf(marks), mergeActionList, withCheckOptions);
    }

    /**
     * RowMarkClause: lock the rows of range table entry {@code rti} (a table) that the query
     * returns, in {@code strength}, waiting as {@code waitPolicy} says (FOR UPDATE/SHARE).
     */
    public record RowMarkClause(int rti, Stmt.LockStrength strength, Stmt.LockWait waitPolicy) {}

    /** Every component but ON CONFLICT (none). */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable, List<TargetEntry> targetList,
                 Expr where, List<SortClause> sortClause, Expr limitCount, Expr limitOffset, List<Expr.Aggref> aggregates,
                 int resultRelation, List<List<Expr>> valuesLists, Query sourceQuery, List<TargetEntry> returningList,
                 List<JoinNode> fromList, List<Integer> groupClause, Expr havingQual, List<Integer> distinctClause,
                 boolean hasDistinctOn, SetOp setOperations, List<CommonTableExpr> cteList, List<WindowClause> windowClause,
                 List<List<Integer>> groupingSets) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates,
                resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual, distinctClause,
                hasDistinctOn, setOperations, cteList, windowClause, groupingSets, null);
    }

    /** A query without windows, grouping sets or ON CONFLICT. */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable, List<TargetEntry> targetList,
                 Expr where, List<SortClause> sortClause, Expr limitCount, Expr limitOffset, List<Expr.Aggref> aggregates,
                 int resultRelation, List<List<Expr>> valuesLists, Query sourceQuery, List<TargetEntry> returningList,
                 List<JoinNode> fromList, List<Integer> groupClause, Expr havingQual, List<Integer> distinctClause,
                 boolean hasDistinctOn, SetOp setOperations, List<CommonTableExpr> cteList) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates,
                resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual, distinctClause,
                hasDistinctOn, setOperations, cteList, List.of(), List.of(), null);
    }

    /** A copy of this INSERT with an ON CONFLICT clause. */
    /** This query with another target list. */
    public Query withTargetList(List<TargetEntry> tlist) {
        return new Query(commandType, utilityStmt, rangeTable, tlist, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, rowMarks,
                mergeActionList, withCheckOptions);
    }

    /** This query over another range table (entries replaced in place, as preprocess_function_rtes does). */
    public Query withRangeTable(List<RangeTblEntry> rtable) {
        return new Query(commandType, utilityStmt, rtable, targetList, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, rowMarks,
                mergeActionList, withCheckOptions);
    }

    /** This query with the given WITH queries (a WITH written before INSERT, UPDATE or DELETE). */
    public Query withCteList(List<CommonTableExpr> ctes) {
        return new Query(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, ctes, windowClause, groupingSets, onConflict, rowMarks,
                mergeActionList, withCheckOptions);
    }

    public Query withOnConflict(OnConflictExpr oc) {
        return new Query(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, oc, rowMarks,
                mergeActionList, withCheckOptions);
    }

    /**
     * INSERT's ON CONFLICT (primnodes.h OnConflictExpr) as parse analysis leaves it: the conflict
     * target, either inference elements {@code arbiterElems} with their {@code arbiterWhere} over
     * the target (range table entry 1), or the constraint named by ON CONSTRAINT
     * ({@code constraintOid}, 0 if none), from which the planner infers the arbiter indexes
     * (plancat.c infer_arbiter_indexes); and for DO UPDATE the complete updated row
     * {@code onConflictSet} (resno = attnum) and its filter {@code onConflictWhere}, over the
     * existing row (Vars of range table entry 1) and the proposed one (Vars of
     * {@code exclRelIndex}, the EXCLUDED pseudo-relation).
     */
    public record OnConflictExpr(boolean doUpdate, List<InferenceElem> arbiterElems, Expr arbiterWhere, int constraintOid,
                                 List<TargetEntry> onConflictSet, Expr onConflictWhere, int exclRelIndex) {
        public OnConflictExpr {
            arbiterElems = List.copyOf(arbiterElems);
        }

        /** The same clause with its expressions replaced (a Var mutator's or a rewriter's result). */
        public OnConflictExpr withExpressions(List<InferenceElem> elems, Expr arbiterWhere, List<TargetEntry> set, Expr where) {
            return new OnConflictExpr(doUpdate, elems, arbiterWhere, constraintOid, set, where, exclRelIndex);
        }
    }

    /**
     * One element of an ON CONFLICT inference clause (primnodes.h InferenceElem): a column (a Var
     * of the target) or an expression over the target, with the collation and the B-tree operator
     * class written after it (0 if none), which limit the index columns it matches
     * (infer_collation_opclass_match). The operator class is kept as its family and input type,
     * the two facts of it inference compares.
     */
    public record InferenceElem(Expr expr, int inferCollid, int inferOpfamily, int inferOpcInputType) {
        public InferenceElem withExpr(Expr e) {
            return new InferenceElem(e, inferCollid, inferOpfamily, inferOpcInputType);
        }
    }

    public enum CommandType { SELECT, INSERT, UPDATE, DELETE, UTILITY, MERGE }

    /** INSERT/UPDATE/DELETE: no joins, grouping, set operations or CTEs. */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable, List<TargetEntry> targetList,
                 Expr where, List<SortClause> sortClause, Expr limitCount, Expr limitOffset, List<Expr.Aggref> aggregates,
                 int resultRelation, List<List<Expr>> valuesLists, Query sourceQuery, List<TargetEntry> returningList) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates,
                resultRelation, valuesLists, sourceQuery, returningList, defaultFromList(rangeTable), List.of(), null,
                List.of(), false, null, List.of());
    }

    /** A SELECT or utility Query over at most one relation (no result relation). */
    public Query(CommandType commandType, Stmt utilityStmt, List<RangeTblEntry> rangeTable, List<TargetEntry> targetList,
                 Expr where, List<SortClause> sortClause, Expr limitCount, Expr limitOffset, List<Expr.Aggref> aggregates) {
        this(commandType, utilityStmt, rangeTable, targetList, where, sortClause, limitCount, limitOffset, aggregates, 0,
                List.of(), null, List.of());
    }

    private static List<JoinNode> defaultFromList(List<RangeTblEntry> rtable) {
        return rtable.isEmpty() ? List.of() : List.of(new JoinNode.RangeRef(1));
    }

    public boolean hasAggs() { return !aggregates.isEmpty(); }

    /** Whether the query groups its rows (aggregates, GROUP BY, grouping sets or HAVING). */
    public boolean hasGrouping() {
        return !aggregates.isEmpty() || !groupClause.isEmpty() || havingQual != null || !groupingSets.isEmpty();
    }

    /**
     * A window (WindowClause): PARTITION BY and ORDER BY as resnos of target entries, the frame
     * as {@link WindowFrame} bits with its offset expressions (int8 for ROWS/GROUPS, for RANGE
     * the type the sort column's in_range takes). {@code name} is null for an inline OVER (...).
     * The window functions name it by its 1-based position in the list ({@code winref}).
     */
    public record WindowClause(String name, List<Integer> partitionClause, List<SortClause> orderClause,
                               int frameOptions, Expr startOffset, Expr endOffset, int winref) {}

    /** The target table's range table entry of INSERT/UPDATE/DELETE, or null. */
    public RangeTblEntry resultRte() { return resultRelation == 0 ? null : rangeTable.get(resultRelation - 1); }

    /** This query with another result relation entry (an inheritance child standing in for the target). */
    public Query withResultRte(RangeTblEntry rte) {
        List<RangeTblEntry> rt = new java.util.ArrayList<>(rangeTable);
        rt.set(resultRelation - 1, rte);
        return new Query(commandType, utilityStmt, List.copyOf(rt), targetList, where, sortClause, limitCount, limitOffset,
                aggregates, resultRelation, valuesLists, sourceQuery, returningList, fromList, groupClause, havingQual,
                distinctClause, hasDistinctOn, setOperations, cteList, windowClause, groupingSets, onConflict, rowMarks,
                mergeActionList, withCheckOptions);
    }

    /** One output column: resno is 1-based; resjunk columns are computed but not returned. */
    public record TargetEntry(Expr expr, int resno, String name, boolean resjunk) {}

    /** Sort by target entry {@code resno}, using the type's ordering. */
    public record SortClause(int resno, boolean desc, boolean nullsFirst) {}

    /** The kinds of range table entry (RTEKind). */
    public enum RteKind { RELATION, SUBQUERY, JOIN, FUNCTION, VALUES, CTE }

    /**
     * An entry of the range table: a relation in FROM or the target of a data-modifying
     * statement (a system view {@code relation}, or a table {@code table} read through the table
     * access method), a subquery, a VALUES list, a function call, a reference to a CTE, or a
     * join. {@code refname} is the alias (or name) it is referred to by, {@code columns} its
     * columns under their (possibly aliased) names. {@code lateral} marks a subquery or function
     * that may refer to FROM items before it.
     *
     * <p>A CTE reference names its query by {@code cteName} and {@code ctelevelsup} (how many
     * query levels up the WITH is); {@code selfReference} marks the recursive term's reference
     * to its own CTE (the work table).
     *
     * <p>{@code inh} (a table only): whether the scan includes the table's inheritance children;
     * false after ONLY.
     *
     * <p>A function in FROM (RTE_FUNCTION) lists its calls in {@code functions}: one, or several
     * for ROWS FROM (...) and the multi-argument unnest, which are run in lock step; its columns
     * are the calls' columns in order, then the ordinality column when {@code funcOrdinality}.
     */
    public record RangeTblEntry(RteKind kind, String refname, String schema, String relname, ScannableRelation relation,
                                List<ColumnDef> columns, Relation table, Query subquery, List<List<Expr>> values,
                                Expr function, String cteName, int ctelevelsup, boolean selfReference, boolean lateral,
                                boolean inh, List<RangeTblFunction> functions, boolean funcOrdinality,
                                java.util.Set<Integer> insertedCols, java.util.Set<Integer> updatedCols) {
        /** Every component but the modified columns (not known: see {@link #insertedCols}). */
        public RangeTblEntry(RteKind kind, String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns, Relation table, Query subquery, List<List<Expr>> values,
                             Expr function, String cteName, int ctelevelsup, boolean selfReference, boolean lateral,
                             boolean inh, List<RangeTblFunction> functions, boolean funcOrdinality) {
            this(kind, refname, schema, relname, relation, columns, table, subquery, values, function, cteName, ctelevelsup,
                    selfReference, lateral, inh, functions, funcOrdinality, null, null);
        }

        /**
         * The target of INSERT, UPDATE or ON CONFLICT DO UPDATE with the columns the statement
         * gives values to (RangeTblEntry.insertedCols and updatedCols, 1-based attnums), as
         * parse analysis marks them: ExecCheckRTEPerms asks INSERT or UPDATE on exactly these
         * columns when the table's ACL lacks it, and ExecBuildSlotValueDescription shows them
         * in a failing row's DETAIL. Null: not known (an entry built elsewhere), which asks the
         * privilege of the whole table.
         */
        public RangeTblEntry withModifiedCols(java.util.Set<Integer> inserted, java.util.Set<Integer> updated) {
            return new RangeTblEntry(kind, refname, schema, relname, relation, columns, table, subquery, values, function,
                    cteName, ctelevelsup, selfReference, lateral, inh, functions, funcOrdinality,
                    inserted == null ? null : java.util.Set.copyOf(inserted), updated == null ? null : java.util.Set.copyOf(updated));
        }

        /** Every kind but a function scan (no {@code functions}), with {@code inh} true (a table's inheritance children included, as without ONLY). */
        public RangeTblEntry(RteKind kind, String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns, Relation table, Query subquery, List<List<Expr>> values,
                             Expr function, String cteName, int ctelevelsup, boolean selfReference, boolean lateral) {
            this(kind, refname, schema, relname, relation, columns, table, subquery, values, function, cteName, ctelevelsup,
                    selfReference, lateral, true, List.of(), false);
        }

        /** A table entry that says whether inheritance children are included (false after ONLY). */
        public RangeTblEntry(RteKind kind, String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns, Relation table, Query subquery, List<List<Expr>> values,
                             Expr function, String cteName, int ctelevelsup, boolean selfReference, boolean lateral,
                             boolean inh) {
            this(kind, refname, schema, relname, relation, columns, table, subquery, values, function, cteName, ctelevelsup,
                    selfReference, lateral, inh, List.of(), false);
        }

        /** A function scan entry (RTE_FUNCTION): its calls and WITH ORDINALITY. */
        public RangeTblEntry(RteKind kind, String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns, Relation table, Query subquery, List<List<Expr>> values,
                             Expr function, String cteName, int ctelevelsup, boolean selfReference, boolean lateral,
                             List<RangeTblFunction> functions, boolean funcOrdinality) {
            this(kind, refname, schema, relname, relation, columns, table, subquery, values, function, cteName, ctelevelsup,
                    selfReference, lateral, true, functions, funcOrdinality);
        }

        public RangeTblEntry(String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns, Relation table) {
            this(RteKind.RELATION, refname, schema, relname, relation, columns, table, null, null, null, null, 0, false,
                    false);
        }

        /** The same subquery entry over another query (the planner's copy with clauses pushed into it). */
        public RangeTblEntry withSubquery(Query q) {
            return new RangeTblEntry(kind, refname, schema, relname, relation, columns, table, q, values, function,
                    cteName, ctelevelsup, selfReference, lateral, inh, functions, funcOrdinality, insertedCols, updatedCols);
        }

        /** The same entry with {@code inh} set (false: ONLY, the table without its children). */
        public RangeTblEntry withInh(boolean inh) {
            return new RangeTblEntry(kind, refname, schema, relname, relation, columns, table, subquery, values, function,
                    cteName, ctelevelsup, selfReference, lateral, inh, functions, funcOrdinality, insertedCols, updatedCols);
        }

        public RangeTblEntry(String refname, String schema, String relname, ScannableRelation relation,
                             List<ColumnDef> columns) {
            this(refname, schema, relname, relation, columns, null);
        }

        /** Whether this is a catalog table (as opposed to a system view or anything else). */
        public boolean isTable() { return table != null; }

        /** The width of this entry's scan tuple: a table's carries the TID after its columns. */
        public int scanWidth() { return columns.size() + (isTable() ? 1 : 0); }
    }

    /**
     * One function call of a FROM item (RangeTblFunction): the call and the number of columns it
     * contributes (one for a scalar result, its OUT columns for a record result). {@code funccoltypes}
     * are the types of its column definition list when the call returns record and has one
     * (RangeTblFunction.funccoltypes), else null: the executor then spreads the returned record
     * over those columns and checks that it matches them (tupledesc_match).
     */
    public record RangeTblFunction(Expr funcexpr, int columnCount, List<Integer> funccoltypes) {
        public RangeTblFunction(Expr funcexpr, int columnCount) {
            this(funcexpr, columnCount, null);
        }
    }

    /** A node of the join tree (RangeTblRef or JoinExpr). */
    public sealed interface JoinNode {
        /** A reference to range table entry {@code rtindex} (1-based). */
        record RangeRef(int rtindex) implements JoinNode {}

        /**
         * An explicit join of {@code left} and {@code right} with ON/USING condition
         * {@code quals} (null: none, as CROSS JOIN); {@code rtindex} is the join's own entry.
         * {@code usingNames} lists the merged columns of USING or NATURAL (JoinExpr's
         * usingClause), empty for ON and CROSS joins; quals then hold the equalities it implies.
         */
        record Join(JoinType type, JoinNode left, JoinNode right, Expr quals, int rtindex, List<String> usingNames)
                implements JoinNode {
            /** A join without USING. */
            public Join(JoinType type, JoinNode left, JoinNode right, Expr quals, int rtindex) {
                this(type, left, right, quals, rtindex, List.of());
            }
        }
    }

    /**
     * Join types. SEMI and ANTI never come from the parser: the planner makes them from
     * [NOT] EXISTS in WHERE (an outer row is kept once if some / no inner row matches).
     */
    public enum JoinType { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }

    /** The set operation tree (SetOperationStmt); leaves reference SUBQUERY range table entries. */
    public sealed interface SetOp {
        record Leaf(int rtindex) implements SetOp {}

        /** An operation with the common column types (and typmods) its output is coerced to. */
        record Op(SetOpType op, boolean all, SetOp left, SetOp right, List<Integer> colTypes, List<Integer> colTypmods)
                implements SetOp {}
    }

    public enum SetOpType { UNION, INTERSECT, EXCEPT }

    /**
     * A WITH query: {@code query} is a SELECT, or for a recursive CTE a UNION [ALL] whose right
     * operand refers to the CTE itself. With a SEARCH or CYCLE clause, {@code query} is the
     * rewritten query (rewriteSearchAndCycle) that computes the added columns, and
     * {@code written} the query as analysed before that rewrite, which ruleutils prints with the
     * clauses; {@code columns} ends with the added columns.
     */
    public record CommonTableExpr(String name, List<ColumnDef> columns, Query query, boolean recursive,
                                  CteSearchClause search, CteCycleClause cycle, Query written,
                                  List<String> aliasColNames, CteMaterialize materialized) {
        /** A WITH query without SEARCH or CYCLE clause and without a written column list. */
        public CommonTableExpr(String name, List<ColumnDef> columns, Query query, boolean recursive) {
            this(name, columns, query, recursive, null, null, null, List.of(), CteMaterialize.DEFAULT);
        }

        /** A WITH query written without [NOT] MATERIALIZED. */
        public CommonTableExpr(String name, List<ColumnDef> columns, Query query, boolean recursive,
                               CteSearchClause search, CteCycleClause cycle, Query written, List<String> aliasColNames) {
            this(name, columns, query, recursive, search, cycle, written, aliasColNames, CteMaterialize.DEFAULT);
        }

        /** The same WITH query (name, columns, clauses, written form) over another query tree. */
        public CommonTableExpr withQuery(Query q) {
            return new CommonTableExpr(name, columns, q, recursive, search, cycle, written, aliasColNames, materialized);
        }

        /**
         * The number of columns the query itself produces: {@code columns} ends with the columns
         * SEARCH and CYCLE add (ctecolnames includes them, as analyzeCTETargetList appends them).
         */
        public int ownColumnCount() {
            return columns.size() - (search != null ? 1 : 0) - (cycle != null ? 2 : 0);
        }
    }

    /**
     * CTEMaterialize: what the WITH query's [NOT] MATERIALIZED said. DEFAULT leaves the choice to
     * the planner (inlined when referenced once and free of side effects), ALWAYS keeps it a
     * separately evaluated CTE, NEVER asks for it to be inlined wherever that is safe.
     */
    public enum CteMaterialize { DEFAULT, ALWAYS, NEVER }

    /**
     * An analysed SEARCH clause (CTESearchClause): the search columns by name, depth or breadth
     * first, the name of the added sequence column (record[] for depth first, record for
     * breadth first).
     */
    public record CteSearchClause(List<String> columns, boolean breadthFirst, String seqColumn) {}

    /**
     * An analysed CYCLE clause (CTECycleClause): the cycle columns by name, the mark column with
     * its value and default coerced to their common type {@code markType}, the {@code <>}
     * operator of that type ({@code neOp}, cycle_mark_neop), and the path column (record[]).
     */
    public record CteCycleClause(List<String> columns, String markColumn, Expr markValue, Expr markDefault,
                                 String pathColumn, int markType, int markTypmod,
                                 org.tusk.catalog.PgOperator neOp) {}
}
