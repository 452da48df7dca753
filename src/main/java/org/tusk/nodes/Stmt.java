package org.tusk.nodes;

import java.util.List;

/** Raw statement nodes produced by the grammar. */
public sealed interface Stmt {

    record ResTarget(String name, RawExpr val, int location) {}

    /** An item of a FROM list (gram.y table_ref). */
    sealed interface FromItem {
        int location();
    }

    /**
     * A relation name in FROM: [ONLY] [catalog.][schema.]name [*] [[AS] alias [(column aliases)]];
     * {@code inh} is false after ONLY (the relation without its inheritance children).
     */
    record RangeVar(String catalog, String schema, String name, String alias, int location, List<String> colAliases,
                    boolean inh) implements FromItem {
        public RangeVar(String catalog, String schema, String name, String alias, int location) {
            this(catalog, schema, name, alias, location, List.of());
        }

        public RangeVar(String catalog, String schema, String name, String alias, int location, List<String> colAliases) {
            this(catalog, schema, name, alias, location, colAliases, true);
        }

        /** The same name marked ONLY. */
        public RangeVar only() {
            return new RangeVar(catalog, schema, name, alias, location, colAliases, false);
        }
    }

    /** [LATERAL] (SELECT ...) [AS] alias [(column aliases)]; alias null only for a syntax error later. */
    record RangeSubselect(boolean lateral, SelectStmt subquery, String alias, List<String> colAliases, int location)
            implements FromItem {}

    /**
     * [LATERAL] func(args) [WITH ORDINALITY] [[AS] alias [(column aliases)]], or with
     * {@code rowsFrom} ROWS FROM (func(args), ...) [WITH ORDINALITY] ... (several calls).
     * {@code coldeflists} holds, per call, its column definition list (empty when none).
     */
    record RangeFunction(boolean lateral, List<RawExpr.FuncCall> functions, boolean rowsFrom, boolean ordinality,
                         String alias, List<String> colAliases, int location, List<List<FuncColumnDef>> coldeflists)
            implements FromItem {
        public RangeFunction(boolean lateral, List<RawExpr.FuncCall> functions, boolean rowsFrom, boolean ordinality,
                             String alias, List<String> colAliases, int location) {
            this(lateral, functions, rowsFrom, ordinality, alias, colAliases, location,
                    java.util.Collections.nCopies(functions.size(), List.of()));
        }

        public RangeFunction(boolean lateral, RawExpr.FuncCall function, String alias, List<String> colAliases, int location) {
            this(lateral, List.of(function), false, false, alias, colAliases, location);
        }

        /** The (first) function call. */
        public RawExpr.FuncCall function() { return functions.get(0); }
    }

    /**
     * One entry of a column definition list (gram.y TableFuncElement: ColId Typename) after a
     * function returning record in FROM: {@code f(...) AS x(a int, b text)}.
     */
    record FuncColumnDef(String name, TypeName type, int location) {}

    enum JoinKind { INNER, LEFT, RIGHT, FULL, CROSS }

    /**
     * An explicit join: {@code using} (USING column names) or {@code quals} (ON) or natural;
     * {@code usingAlias} names the USING columns as a table (JOIN ... USING (a) AS x), or is null.
     */
    record JoinExpr(JoinKind kind, boolean natural, FromItem larg, FromItem rarg, List<String> using, RawExpr quals,
                    String alias, List<String> colAliases, int location, String usingAlias) implements FromItem {
        public JoinExpr(JoinKind kind, boolean natural, FromItem larg, FromItem rarg, List<String> using, RawExpr quals,
                        String alias, List<String> colAliases, int location) {
            this(kind, natural, larg, rarg, using, quals, alias, colAliases, location, null);
        }
    }

    /** One WITH query: name [(columns)] AS (select). */
    record CommonTableExpr(String name, List<String> colAliases, SelectStmt query, int location, Stmt modifying,
                           CteSearchClause search, CteCycleClause cycle, Query.CteMaterialize materialized) {
        /** A WITH query written without [NOT] MATERIALIZED. */
        public CommonTableExpr(String name, List<String> colAliases, SelectStmt query, int location, Stmt modifying,
                               CteSearchClause search, CteCycleClause cycle) {
            this(name, colAliases, query, location, modifying, search, cycle, Query.CteMaterialize.DEFAULT);
        }

        /** A WITH query that is a SELECT (or VALUES, or a set operation). */
        public CommonTableExpr(String name, List<String> colAliases, SelectStmt query, int location) {
            this(name, colAliases, query, location, null, null, null);
        }

        /** A WITH query without SEARCH or CYCLE clause. */
        public CommonTableExpr(String name, List<String> colAliases, SelectStmt query, int location, Stmt modifying) {
            this(name, colAliases, query, location, modifying, null, null);
        }
    }

    /**
     * SEARCH {DEPTH|BREADTH} FIRST BY cols SET seqColumn of a recursive WITH query
     * (CTESearchClause).
     */
    record CteSearchClause(List<String> columns, boolean breadthFirst, String seqColumn, int location) {}

    /**
     * CYCLE cols SET markColumn [TO markValue DEFAULT markDefault] USING pathColumn
     * (CTECycleClause); without TO/DEFAULT the mark values are true and false (gram.y fills them in).
     */
    record CteCycleClause(List<String> columns, String markColumn, RawExpr markValue, RawExpr markDefault,
                          String pathColumn, int location) {}

    record WithClause(boolean recursive, List<CommonTableExpr> ctes, int location) {}

    enum SetOperation { NONE, UNION, INTERSECT, EXCEPT }

    /**
     * An ORDER BY item (gram.y SortBy). {@code useOp} is the operator of {@code USING op}
     * (SORTBY_USING; possibly schema-qualified, null otherwise): parse analysis decides from its
     * B-tree strategy whether it sorts ascending or descending, and {@code desc} is then false;
     * {@code useOpLocation} is where the operator is written.
     */
    record SortBy(RawExpr node, boolean desc, Boolean nullsFirst, int location, List<String> useOp, int useOpLocation) {
        public SortBy(RawExpr node, boolean desc, Boolean nullsFirst, int location) {
            this(node, desc, nullsFirst, location, null, -1);
        }
    }

    /**
     * A SELECT (gram.y SelectStmt). A simple SELECT has {@code op} NONE and the clauses; a VALUES
     * list has {@code valuesLists}; a set operation has {@code op}, {@code all}, {@code larg} and
     * {@code rarg} and, of the clauses, only ORDER BY/LIMIT/OFFSET/WITH, which apply to its result.
     * {@code distinctOn} is not empty for DISTINCT ON (exprs) (then {@code distinct} is true too).
     * {@code groupDistinct} is GROUP BY DISTINCT (duplicate grouping sets are dropped after expansion).
     */
    record SelectStmt(boolean distinct, List<RawExpr> distinctOn, List<ResTarget> targetList, List<FromItem> from,
                      RawExpr where, List<RawExpr> groupBy, RawExpr having, List<SortBy> sortClause,
                      RawExpr limitCount, RawExpr limitOffset, List<List<RawExpr>> valuesLists, SetOperation op,
                      boolean all, SelectStmt larg, SelectStmt rarg, WithClause with, int location,
                      List<WindowDef> windowClause, List<LockingClause> lockingClause, boolean groupDistinct)
            implements Stmt {
        /** A SELECT without GROUP BY DISTINCT. */
        public SelectStmt(boolean distinct, List<RawExpr> distinctOn, List<ResTarget> targetList, List<FromItem> from,
                          RawExpr where, List<RawExpr> groupBy, RawExpr having, List<SortBy> sortClause,
                          RawExpr limitCount, RawExpr limitOffset, List<List<RawExpr>> valuesLists, SetOperation op,
                          boolean all, SelectStmt larg, SelectStmt rarg, WithClause with, int location,
                          List<WindowDef> windowClause, List<LockingClause> lockingClause) {
            this(distinct, distinctOn, targetList, from, where, groupBy, having, sortClause, limitCount, limitOffset,
                    valuesLists, op, all, larg, rarg, with, location, windowClause, lockingClause, false);
        }

        /** A SELECT without a locking clause. */
        public SelectStmt(boolean distinct, List<RawExpr> distinctOn, List<ResTarget> targetList, List<FromItem> from,
                          RawExpr where, List<RawExpr> groupBy, RawExpr having, List<SortBy> sortClause,
                          RawExpr limitCount, RawExpr limitOffset, List<List<RawExpr>> valuesLists, SetOperation op,
                          boolean all, SelectStmt larg, SelectStmt rarg, WithClause with, int location,
                          List<WindowDef> windowClause) {
            this(distinct, distinctOn, targetList, from, where, groupBy, having, sortClause, limitCount, limitOffset,
                    valuesLists, op, all, larg, rarg, with, location, windowClause, List.of());
        }

        /** A SELECT without a WINDOW clause. */
        public SelectStmt(boolean distinct, List<RawExpr> distinctOn, List<ResTarget> targetList, List<FromItem> from,
                          RawExpr where, List<RawExpr> groupBy, RawExpr having, List<SortBy> sortClause,
                          RawExpr limitCount, RawExpr limitOffset, List<List<RawExpr>> valuesLists, SetOperation op,
                          boolean all, SelectStmt larg, SelectStmt rarg, WithClause with, int location) {
            this(distinct, distinctOn, targetList, from, where, groupBy, having, sortClause, limitCount, limitOffset,
                    valuesLists, op, all, larg, rarg, with, location, List.of());
        }

        /** A copy with the given ORDER BY/LIMIT/OFFSET/WITH (which gram.y's insertSelectOptions attaches). */
        public SelectStmt withOptions(List<SortBy> sort, RawExpr limit, RawExpr offset, WithClause w) {
            return new SelectStmt(distinct, distinctOn, targetList, from, where, groupBy, having, sort, limit, offset,
                    valuesLists, op, all, larg, rarg, w, location, windowClause, lockingClause, groupDistinct);
        }

        /** A copy with the given FOR UPDATE/SHARE clauses. */
        public SelectStmt withLocking(List<LockingClause> locking) {
            return new SelectStmt(distinct, distinctOn, targetList, from, where, groupBy, having, sortClause, limitCount,
                    limitOffset, valuesLists, op, all, larg, rarg, with, location, windowClause, List.copyOf(locking),
                    groupDistinct);
        }
    }

    /** LockClauseStrength (lockoptions.h), weakest first. */
    enum LockStrength {
        KEY_SHARE("FOR KEY SHARE"), SHARE("FOR SHARE"), NO_KEY_UPDATE("FOR NO KEY UPDATE"), UPDATE("FOR UPDATE");

        private final String sql;

        LockStrength(String sql) { this.sql = sql; }

        /** The clause as written, for error messages (LCS_asString). */
        public String sql() { return sql; }
    }

    /** LockWaitPolicy as written: wait, SKIP LOCKED or NOWAIT. */
    enum LockWait { BLOCK, SKIP, ERROR }

    /**
     * One FOR UPDATE/SHARE clause (gram.y LockingClause): {@code lockedRels} empty means every
     * table of the FROM clause.
     */
    record LockingClause(List<RangeVar> lockedRels, LockStrength strength, LockWait waitPolicy, int location) {
    }

    /**
     * A window specification (gram.y WindowDef): in the WINDOW clause ({@code name} set) or in
     * OVER (...) ({@code name} null); OVER w alone is a WindowDef with only {@code refname}.
     * {@code refname} names an existing window this one copies PARTITION BY/ORDER BY from.
     * {@code frameOptions} is a set of {@link WindowFrame} bits; the offsets are the
     * expressions of offset PRECEDING/FOLLOWING (else null).
     */
    record WindowDef(String name, String refname, List<RawExpr> partitionClause, List<SortBy> orderClause,
                     int frameOptions, RawExpr startOffset, RawExpr endOffset, int location) {}

    /** SET / RESET: kind VALUE (args), DEFAULT (SET x TO DEFAULT), RESET, RESET_ALL. */
    record VariableSetStmt(Kind kind, String name, List<RawExpr> args, boolean isLocal) implements Stmt {
        public enum Kind { VALUE, DEFAULT, RESET, RESET_ALL }
    }

    /** SHOW name; name "all" for SHOW ALL. */
    record VariableShowStmt(String name) implements Stmt {}

    record TransactionStmt(Kind kind, List<String> options, String savepointName, String gid, boolean chain) implements Stmt {
        public enum Kind { BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE, COMMIT_PREPARED,
            ROLLBACK_PREPARED }
    }

    /**
     * SET [LOCAL | SESSION] TRANSACTION modes, or SET SESSION CHARACTERISTICS AS TRANSACTION modes
     * (gram.y's VAR_SET_MULTI "TRANSACTION" and "SESSION CHARACTERISTICS"); {@code modes} are
     * spelt as in {@link TransactionStmt#options()} ("isolation level serializable", "read only",
     * "not deferrable"...).
     */
    record SetTransactionStmt(boolean sessionCharacteristics, List<String> modes, boolean isLocal) implements Stmt {}

    /** A valid PostgreSQL statement Tusk cannot run yet; tag is its command tag (e.g. "CREATE TABLE"). */
    record UnsupportedStmt(String tag) implements Stmt {}

    /** DO [LANGUAGE lang] 'code' (gram.y DoStmt); {@code language} null when none was written (plpgsql). */
    record DoStmt(String code, String language) implements Stmt {}

    /** CHECKPOINT: carried out by the backend, which asks the checkpointer process. */
    record CheckpointStmt() implements Stmt {}

    /** LISTEN channel (gram.y ListenStmt). */
    record ListenStmt(String channel) implements Stmt {}

    /** DISCARD ALL | PLANS | SEQUENCES | TEMP (gram.y DiscardStmt; TEMPORARY is TEMP). */
    record DiscardStmt(Target target) implements Stmt {
        public enum Target { ALL, PLANS, SEQUENCES, TEMP }

        /** The command tag: "DISCARD ALL", "DISCARD TEMP", ... */
        public String commandTag() {
            return "DISCARD " + target;
        }
    }

    /** UNLISTEN channel, or UNLISTEN * when {@code channel} is null (gram.y UnlistenStmt). */
    record UnlistenStmt(String channel) implements Stmt {}

    /** NOTIFY channel [, 'payload'] (gram.y NotifyStmt); {@code payload} null when none was written. */
    record NotifyStmt(String channel, String payload) implements Stmt {}

    /**
     * EXPLAIN [ ( option [, ...] ) ] statement, or the old EXPLAIN [ANALYZE] [VERBOSE] form
     * (gram.y ExplainStmt): the options as DefElems (value null: none given), the statement to
     * explain and the offset where its text starts in the query string.
     */
    record ExplainStmt(Stmt query, List<DefElem> options, int queryLocation) implements Stmt {}

    // ---- tables and indexes (gram.y CreateStmt, IndexStmt, DropStmt)

    /**
     * One column of CREATE TABLE (ColumnDef with its column constraints folded in).
     *
     * @param rawDefault  the DEFAULT expression, or null
     * @param defaultSql  its text as written (what the catalog stores), or null
     * @param primaryKeyLocation where its PRIMARY KEY constraint starts, -1 if none (likewise UNIQUE)
     * @param identity    GENERATED ... AS IDENTITY: 'a' (ALWAYS), 'd' (BY DEFAULT), or 0
     * @param identityOptions the identity's sequence options (as CREATE SEQUENCE's)
     * @param constraints its CHECK and REFERENCES constraints, as table constraints on this one column
     * @param collation   the COLLATE clause's (possibly qualified) name, or null (collClause)
     * @param collationLocation where the COLLATE clause starts, -1 if none
     */
    record ColumnDefinition(String name, TypeName type, boolean notNull, RawExpr rawDefault, String defaultSql,
                            int primaryKeyLocation, int uniqueLocation, int location, char identity,
                            List<DefElem> identityOptions, List<TableConstraint> constraints, List<String> collation,
                            int collationLocation, Generation generation) {
        public ColumnDefinition(String name, TypeName type, boolean notNull, RawExpr rawDefault, String defaultSql,
                                int primaryKeyLocation, int uniqueLocation, int location, char identity,
                                List<DefElem> identityOptions, List<TableConstraint> constraints, List<String> collation,
                                int collationLocation) {
            this(name, type, notNull, rawDefault, defaultSql, primaryKeyLocation, uniqueLocation, location, identity,
                    identityOptions, constraints, collation, collationLocation, null);
        }

        public ColumnDefinition(String name, TypeName type, boolean notNull, RawExpr rawDefault, String defaultSql,
                                int primaryKeyLocation, int uniqueLocation, int location, char identity,
                                List<DefElem> identityOptions, List<TableConstraint> constraints) {
            this(name, type, notNull, rawDefault, defaultSql, primaryKeyLocation, uniqueLocation, location, identity,
                    identityOptions, constraints, null, -1);
        }

        /** The same column with a GENERATED ALWAYS AS (expr) STORED clause. */
        public ColumnDefinition withGeneration(Generation g) {
            return new ColumnDefinition(name, type, notNull, rawDefault, defaultSql, primaryKeyLocation, uniqueLocation,
                    location, identity, identityOptions, constraints, collation, collationLocation, g);
        }

        public ColumnDefinition(String name, TypeName type, boolean notNull, RawExpr rawDefault, String defaultSql,
                                int primaryKeyLocation, int uniqueLocation, int location) {
            this(name, type, notNull, rawDefault, defaultSql, primaryKeyLocation, uniqueLocation, location, (char) 0, List.of());
        }

        public ColumnDefinition(String name, TypeName type, boolean notNull, RawExpr rawDefault, String defaultSql,
                                int primaryKeyLocation, int uniqueLocation, int location, char identity,
                                List<DefElem> identityOptions) {
            this(name, type, notNull, rawDefault, defaultSql, primaryKeyLocation, uniqueLocation, location, identity,
                    identityOptions, List.of());
        }

        public boolean primaryKey() { return primaryKeyLocation >= 0; }

        public boolean unique() { return uniqueLocation >= 0; }
    }

    /**
     * A column's GENERATED ALWAYS AS (expr) STORED clause (gram.y CONSTR_GENERATED).
     *
     * @param sql      the expression's text, as the catalog stores it
     * @param location the GENERATED keyword (of the last clause when there are several)
     * @param multiple the column has more than one generation clause (transformColumnDefinition's error)
     * @param exprLocation where {@code sql} starts in the statement
     */
    record Generation(RawExpr expr, String sql, int location, boolean multiple, int exprLocation) {}

    /**
     * A table constraint (gram.y Constraint): [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols)
     * | CHECK (expr) | FOREIGN KEY (cols) REFERENCES t [(cols)] ..., with its attributes.
     *
     * @param contype    'p', 'u', 'c' (check) or 'f' (foreign key), as pg_constraint.contype
     * @param columns    the key columns ('p', 'u', 'f'); empty for a CHECK
     * @param checkSql   a CHECK's expression text as written (what pg_constraint.conbin keeps), else null
     * @param noInherit  CHECK ... NO INHERIT
     * @param fk         a FOREIGN KEY's referenced side and actions, else null
     * @param notValid   NOT VALID: existing rows are not checked (CHECK, FOREIGN KEY)
     * @param checkLocation where a CHECK's expression text starts in the statement, else -1
     * @param nullsNotDistinct UNIQUE NULLS NOT DISTINCT: the key's nulls are equal to each other
     */
    record TableConstraint(String name, char contype, List<String> columns, int location, String checkSql,
                           boolean noInherit, ForeignKey fk, boolean notValid, boolean deferrable,
                           boolean initiallyDeferred, int checkLocation, Exclusion exclusion, boolean nullsNotDistinct,
                           List<String> includes) {
        public TableConstraint {
            includes = includes == null ? List.of() : List.copyOf(includes);
        }

        /** Without INCLUDE columns. */
        public TableConstraint(String name, char contype, List<String> columns, int location, String checkSql,
                               boolean noInherit, ForeignKey fk, boolean notValid, boolean deferrable,
                               boolean initiallyDeferred, int checkLocation, Exclusion exclusion, boolean nullsNotDistinct) {
            this(name, contype, columns, location, checkSql, noInherit, fk, notValid, deferrable, initiallyDeferred,
                    checkLocation, exclusion, nullsNotDistinct, List.of());
        }

        public TableConstraint(String name, char contype, List<String> columns, int location, String checkSql,
                               boolean noInherit, ForeignKey fk, boolean notValid, boolean deferrable,
                               boolean initiallyDeferred, int checkLocation) {
            this(name, contype, columns, location, checkSql, noInherit, fk, notValid, deferrable, initiallyDeferred,
                    checkLocation, null, false);
        }

        public TableConstraint(String name, boolean primary, List<String> columns, int location) {
            this(name, primary ? 'p' : 'u', columns, location, null, false, null, false, false, false, -1);
        }

        public boolean primary() { return contype == 'p'; }

        /** PRIMARY KEY or UNIQUE: made by building a unique index. */
        public boolean isIndexConstraint() { return contype == 'p' || contype == 'u'; }

        /** The same constraint under another name. */
        public TableConstraint withName(String newName) {
            return new TableConstraint(newName, contype, columns, location, checkSql, noInherit, fk, notValid, deferrable,
                    initiallyDeferred, checkLocation, exclusion, nullsNotDistinct, includes);
        }
    }

    /**
     * The body of an EXCLUDE constraint (contype 'x', gram.y ExclusionConstraintElem list):
     * USING {@code accessMethod}, each index element with the operator written after WITH, and
     * the optional WHERE predicate (with its text).
     */
    record Exclusion(String accessMethod, List<IndexElem> elems, List<String> operators, RawExpr where, String whereSql) {}

    /**
     * The referenced side of a FOREIGN KEY: REFERENCES table [(cols)] [MATCH FULL|SIMPLE]
     * [ON DELETE action] [ON UPDATE action]; actions as pg_constraint.confdeltype ('a' NO ACTION,
     * 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT), matchType 's' or 'f'.
     * {@code pkColumns} is empty when the referenced table's primary key is meant.
     */
    record ForeignKey(RangeVar pkTable, List<String> pkColumns, char matchType, char updAction, char delAction) {}

    /**
     * CREATE [TEMP] TABLE [IF NOT EXISTS] name (...) [INHERITS (parents)]. Column PRIMARY KEY/UNIQUE
     * appear in the columns.
     */
    record CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                      boolean temp, boolean ifNotExists, boolean unlogged, List<DefElem> options,
                      List<RangeVar> inhRelations, PartitionSpec partspec, PartitionBoundSpec partbound,
                      List<TableLikeClause> likes, char onCommit) implements Stmt {
        /** ON COMMIT actions (gram.y OnCommitOption, PostgreSQL's OnCommitAction): none written. */
        public static final char ONCOMMIT_NOOP = 0;
        public static final char ONCOMMIT_PRESERVE_ROWS = 'p';
        public static final char ONCOMMIT_DELETE_ROWS = 'd';
        public static final char ONCOMMIT_DROP = 'D';

        /** Without ON COMMIT. */
        public CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                          boolean temp, boolean ifNotExists, boolean unlogged, List<DefElem> options,
                          List<RangeVar> inhRelations, PartitionSpec partspec, PartitionBoundSpec partbound,
                          List<TableLikeClause> likes) {
            this(relation, columns, constraints, temp, ifNotExists, unlogged, options, inhRelations, partspec, partbound,
                    likes, ONCOMMIT_NOOP);
        }

        public CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                          boolean temp, boolean ifNotExists, boolean unlogged, List<DefElem> options,
                          List<RangeVar> inhRelations, PartitionSpec partspec, PartitionBoundSpec partbound) {
            this(relation, columns, constraints, temp, ifNotExists, unlogged, options, inhRelations, partspec, partbound,
                    List.of());
        }

        public CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                          boolean temp, boolean ifNotExists, boolean unlogged, List<DefElem> options,
                          List<RangeVar> inhRelations) {
            this(relation, columns, constraints, temp, ifNotExists, unlogged, options, inhRelations, null, null);
        }

        public CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                          boolean temp, boolean ifNotExists) {
            this(relation, columns, constraints, temp, ifNotExists, false, List.of());
        }

        public CreateStmt(RangeVar relation, List<ColumnDefinition> columns, List<TableConstraint> constraints,
                          boolean temp, boolean ifNotExists, boolean unlogged, List<DefElem> options) {
            this(relation, columns, constraints, temp, ifNotExists, unlogged, options, List.of());
        }
    }

    /**
     * A generic option (gram.y DefElem): name and value as written (null value: none given);
     * {@code list} holds the names of a parenthesised list argument (COPY's FORCE_QUOTE (a, b)),
     * else null.
     */
    record DefElem(String name, String value, int location, List<String> list) {
        public DefElem(String name, String value, int location) {
            this(name, value, location, null);
        }
    }

    /**
     * One key column of CREATE INDEX (gram.y index_elem): a column name, or an expression
     * ({@code column} null, {@code expr} and its text {@code exprSql}); then an optional
     * COLLATE name, operator class name (possibly qualified) and ordering.
     */
    record IndexElem(String column, RawExpr expr, String exprSql, List<String> collation, List<String> opclass,
                     boolean desc, Boolean nullsFirst, int location, List<DefElem> opclassOptions) {
        public IndexElem(String column, boolean desc, Boolean nullsFirst, int location) {
            this(column, null, null, null, null, desc, nullsFirst, location);
        }

        /** An element without operator class parameters. */
        public IndexElem(String column, RawExpr expr, String exprSql, List<String> collation, List<String> opclass,
                         boolean desc, Boolean nullsFirst, int location) {
            this(column, expr, exprSql, collation, opclass, desc, nullsFirst, location, List.of());
        }
    }

    /**
     * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (elems) [INCLUDE (elems)]
     * [WHERE pred]; {@code where} null when the index is not partial, {@code whereSql} its text;
     * {@code includes} the INCLUDE elements (indexIncludingParams), empty for none.
     */
    record IndexStmt(String name, RangeVar relation, String accessMethod, List<IndexElem> params, boolean unique,
                     boolean ifNotExists, RawExpr where, String whereSql, boolean nullsNotDistinct,
                     boolean concurrent, List<DefElem> options, List<IndexElem> includes) implements Stmt {
        public IndexStmt {
            includes = includes == null ? List.of() : List.copyOf(includes);
        }

        /** Without INCLUDE columns. */
        public IndexStmt(String name, RangeVar relation, String accessMethod, List<IndexElem> params, boolean unique,
                         boolean ifNotExists, RawExpr where, String whereSql, boolean nullsNotDistinct,
                         boolean concurrent, List<DefElem> options) {
            this(name, relation, accessMethod, params, unique, ifNotExists, where, whereSql, nullsNotDistinct, concurrent,
                    options, List.of());
        }

        /** Without storage parameters (no WITH clause). */
        public IndexStmt(String name, RangeVar relation, String accessMethod, List<IndexElem> params, boolean unique,
                         boolean ifNotExists, RawExpr where, String whereSql, boolean nullsNotDistinct,
                         boolean concurrent) {
            this(name, relation, accessMethod, params, unique, ifNotExists, where, whereSql, nullsNotDistinct, concurrent,
                    List.of());
        }

        public IndexStmt(String name, RangeVar relation, String accessMethod, List<IndexElem> params, boolean unique,
                         boolean ifNotExists, RawExpr where, String whereSql) {
            this(name, relation, accessMethod, params, unique, ifNotExists, where, whereSql, false, false);
        }

        public IndexStmt(String name, RangeVar relation, String accessMethod, List<IndexElem> params, boolean unique,
                         boolean ifNotExists) {
            this(name, relation, accessMethod, params, unique, ifNotExists, null, null);
        }
    }

    /** DROP TABLE|INDEX|SEQUENCE|VIEW [IF EXISTS] names [CASCADE|RESTRICT]; DROP INDEX CONCURRENTLY sets {@code concurrent}. */
    record DropStmt(ObjectType kind, List<RangeVar> objects, boolean missingOk, boolean cascade, boolean concurrent)
            implements Stmt {
        public enum ObjectType {
            TABLE, INDEX, SEQUENCE, VIEW, MATERIALIZED_VIEW;

            /** The object type as the command tag and messages spell it ("MATERIALIZED VIEW"). */
            public String sqlName() { return name().replace('_', ' '); }
        }

        public DropStmt(ObjectType kind, List<RangeVar> objects, boolean missingOk, boolean cascade) {
            this(kind, objects, missingOk, cascade, false);
        }
    }

    /**
     * CREATE [OR REPLACE] [TEMP] VIEW name [(aliases)] AS query (gram.y ViewStmt); {@code queryText}
     * is the query as written, which the catalog stores. {@code checkOption} is "local",
     * "cascaded" or null (the WITH CHECK OPTION clause); {@code options} are the WITH (...) reloptions.
     */
    record ViewStmt(RangeVar view, List<String> aliases, SelectStmt query, String queryText, boolean replace,
                    boolean temp, String checkOption, List<DefElem> options) implements Stmt {}

    /**
     * CREATE MATERIALIZED VIEW [IF NOT EXISTS] name [(colNames)] [USING accessMethod] [WITH (options)]
     * [TABLESPACE tablespace] AS query [WITH [NO] DATA] (gram.y CreateMatViewStmt, a CreateTableAsStmt
     * of OBJECT_MATVIEW there); {@code queryText} is the query as written, which the "_RETURN" rule keeps.
     */
    record CreateMatViewStmt(RangeVar relation, List<String> colNames, SelectStmt query, String queryText,
                             boolean ifNotExists, boolean withData, List<DefElem> options, String accessMethod,
                             String tablespace) implements Stmt {}

    /** REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA] (gram.y RefreshMatViewStmt). */
    record RefreshMatViewStmt(RangeVar relation, boolean concurrent, boolean skipData) implements Stmt {}

    /**
     * CREATE [TEMP] TABLE [IF NOT EXISTS] name [(columns)] AS query [WITH [NO] DATA], and SELECT ...
     * INTO [TEMP] name (gram.y CreateTableAsStmt with its IntoClause; {@code isSelectInto} for the
     * latter, whose query is the SELECT without its INTO clause).
     */
    record CreateTableAsStmt(RangeVar relation, List<String> colNames, SelectStmt query, boolean temp,
                             boolean ifNotExists, boolean withData, boolean isSelectInto, ExecuteStmt execute,
                             List<DefElem> options)
            implements Stmt {
        public CreateTableAsStmt(RangeVar relation, List<String> colNames, SelectStmt query, boolean temp,
                                 boolean ifNotExists, boolean withData, boolean isSelectInto) {
            this(relation, colNames, query, temp, ifNotExists, withData, isSelectInto, null, List.of());
        }

        public CreateTableAsStmt(RangeVar relation, List<String> colNames, SelectStmt query, boolean temp,
                                 boolean ifNotExists, boolean withData, boolean isSelectInto, ExecuteStmt execute) {
            this(relation, colNames, query, temp, ifNotExists, withData, isSelectInto, execute, List.of());
        }

        /** CREATE TABLE ... AS EXECUTE: the table made from the prepared SELECT {@code query}, run with bound parameters. */
        public CreateTableAsStmt withQuery(SelectStmt prepared) {
            return new CreateTableAsStmt(relation, colNames, prepared, temp, ifNotExists, withData, isSelectInto, null,
                    options);
        }
    }

    /**
     * CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options]: options keep gram.y's SeqOptElem
     * names (as, increment, minvalue, maxvalue, start, cache, cycle, owned_by), a null value for
     * NO MINVALUE / NO MAXVALUE, "false" for NO CYCLE.
     */
    record CreateSeqStmt(RangeVar sequence, List<DefElem> options, boolean temp, boolean ifNotExists, boolean unlogged)
            implements Stmt {
        public CreateSeqStmt(RangeVar sequence, List<DefElem> options, boolean temp, boolean ifNotExists) {
            this(sequence, options, temp, ifNotExists, false);
        }
    }

    /**
     * ALTER SEQUENCE [IF EXISTS] name SeqOptList (gram.y AlterSeqStmt): the options as CREATE
     * SEQUENCE takes them, plus RESTART [[WITH] n] (value null: restart at the start value) and
     * OWNED BY (the column's name parts in {@code list}, or the value "none").
     */
    record AlterSeqStmt(RangeVar sequence, List<DefElem> options, boolean missingOk) implements Stmt {}

    /**
     * ALTER TABLE | SEQUENCE | VIEW | INDEX [IF EXISTS] name OWNER TO role (AlterTableStmt with
     * AT_ChangeOwner). {@code objectKind} is the relkind the command names ('S', 'v', 'i'), or 'r'
     * for ALTER TABLE, which accepts every kind of relation.
     */
    record AlterRelationOwnerStmt(char objectKind, RangeVar relation, boolean missingOk, RoleSpec newOwner) implements Stmt {}

    // ---- data modification (gram.y InsertStmt, UpdateStmt, DeleteStmt)

    /**
     * INSERT INTO t [(cols)] source [RETURNING ...]. Exactly one of {@code values} (VALUES lists,
     * whose items may be {@link RawExpr.SetToDefault}), {@code select} or {@code defaultValues}
     * gives the rows. Column names in {@code columns} carry their locations. {@code overriding} is
     * OVERRIDING SYSTEM VALUE ('s'), OVERRIDING USER VALUE ('u') or neither (0).
     */
    record InsertStmt(RangeVar relation, List<ResTarget> columns, List<List<RawExpr>> values, int valuesLocation,
                      SelectStmt select, boolean defaultValues, List<ResTarget> returning, char overriding,
                      OnConflictClause onConflict, WithClause with) implements Stmt {
        public InsertStmt(RangeVar relation, List<ResTarget> columns, List<List<RawExpr>> values, int valuesLocation,
                          SelectStmt select, boolean defaultValues, List<ResTarget> returning) {
            this(relation, columns, values, valuesLocation, select, defaultValues, returning, (char) 0, null);
        }

        public InsertStmt(RangeVar relation, List<ResTarget> columns, List<List<RawExpr>> values, int valuesLocation,
                          SelectStmt select, boolean defaultValues, List<ResTarget> returning, char overriding,
                          OnConflictClause onConflict) {
            this(relation, columns, values, valuesLocation, select, defaultValues, returning, overriding, onConflict, null);
        }

        /** This INSERT with the WITH clause written before it. */
        public InsertStmt withWith(WithClause w) {
            return new InsertStmt(relation, columns, values, valuesLocation, select, defaultValues, returning, overriding,
                    onConflict, w);
        }
    }

    /**
     * ON CONFLICT [(columns) [WHERE predicate] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET
     * ... [WHERE ...] (gram.y OnConflictClause with its InferClause): {@code inferElems} (index_elems:
     * a column or an expression, each with an optional COLLATE and operator class) empty and
     * {@code constraint} null when no conflict target was written; {@code doUpdate} false for
     * DO NOTHING (then {@code set} is empty).
     */
    record OnConflictClause(List<IndexElem> inferElems, RawExpr inferWhere, String constraint, boolean doUpdate,
                            List<ResTarget> set, RawExpr where, int location) {}

    /** UPDATE t [[AS] a] SET col = expr, ... [FROM ...] [WHERE ...] [RETURNING ...]; name is the column. */
    record UpdateStmt(RangeVar relation, List<ResTarget> targetList, List<FromItem> from, RawExpr where,
                      List<ResTarget> returning, WithClause with) implements Stmt {
        public UpdateStmt(RangeVar relation, List<ResTarget> targetList, List<FromItem> from, RawExpr where,
                          List<ResTarget> returning) {
            this(relation, targetList, from, where, returning, null);
        }

        /** This UPDATE with the WITH clause written before it. */
        public UpdateStmt withWith(WithClause w) {
            return new UpdateStmt(relation, targetList, from, where, returning, w);
        }
    }

    /** DELETE FROM t [[AS] a] [USING ...] [WHERE ...] [RETURNING ...]. */
    record DeleteStmt(RangeVar relation, List<FromItem> using, RawExpr where, List<ResTarget> returning,
                      WithClause with) implements Stmt {
        public DeleteStmt(RangeVar relation, List<FromItem> using, RawExpr where, List<ResTarget> returning) {
            this(relation, using, where, returning, null);
        }

        /** This DELETE with the WITH clause written before it. */
        public DeleteStmt withWith(WithClause w) {
            return new DeleteStmt(relation, using, where, returning, w);
        }
    }
    /**
     * MERGE INTO target [[AS] alias] USING source ON condition WHEN ... (gram.y MergeStmt), with
     * the WITH clause written before it. {@code location} is that of the MERGE keyword.
     */
    record MergeStmt(RangeVar relation, FromItem source, RawExpr joinCondition, List<MergeWhenClause> whenClauses,
                     WithClause with, int location) implements Stmt {
        /** This MERGE with the WITH clause written before it. */
        public MergeStmt withWith(WithClause w) {
            return new MergeStmt(relation, source, joinCondition, whenClauses, w, location);
        }
    }

    /** The action of a WHEN clause of MERGE (gram.y's merge_update, merge_delete, merge_insert, DO NOTHING). */
    enum MergeAction { UPDATE, DELETE, INSERT, NOTHING }

    /**
     * WHEN [NOT] MATCHED [AND condition] THEN action (gram.y MergeWhenClause). {@code targetList}
     * is UPDATE's SET list or INSERT's column list (empty for all columns); {@code values} is
     * INSERT's VALUES row, null for DEFAULT VALUES; {@code overriding} as in {@link InsertStmt}.
     */
    record MergeWhenClause(boolean matched, MergeAction action, RawExpr condition, List<ResTarget> targetList,
                           char overriding, List<RawExpr> values, int location) {}

    // ---- databases, roles and privileges (gram.y CreatedbStmt, DropdbStmt, AlterDatabaseStmt,
    // AlterDatabaseSetStmt, RenameStmt, AlterOwnerStmt, CreateRoleStmt, AlterRoleStmt, DropRoleStmt, GrantStmt)

    /**
     * A "name [=] value" option of a database or role statement (gram.y OptionItem, kept apart from
     * the utility statements' {@link DefElem}, whose values are text): value is a String, a
     * Long/BigDecimal number, Boolean, or null.
     */
    record OptionItem(String name, Object value, int location) {}

    /** A role in GRANT/REVOKE, OWNER TO and ALTER ROLE (RoleSpec): a name, or PUBLIC, CURRENT_USER, SESSION_USER (name null). */
    record RoleSpec(Kind kind, String name, int location) {
        public enum Kind { NAME, PUBLIC, CURRENT_USER, SESSION_USER, CURRENT_ROLE }
    }

    // ---- schemas (gram.y CreateSchemaStmt, DropStmt OBJECT_SCHEMA, RenameStmt/AlterOwnerStmt on a schema)

    /** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]; name null means the role's name. */
    record CreateSchemaStmt(String name, RoleSpec owner, boolean ifNotExists) implements Stmt {}

    /** DROP SCHEMA [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropSchemaStmt(List<String> names, boolean missingOk, boolean cascade) implements Stmt {}

    /** ALTER SCHEMA name RENAME TO newName, or OWNER TO newOwner (the other one null). */
    record AlterSchemaStmt(String name, String newName, RoleSpec newOwner) implements Stmt {}

    // ---- domains (gram.y CreateDomainStmt, AlterDomainStmt, DropStmt OBJECT_DOMAIN)

    /**
     * One constraint of CREATE DOMAIN or ALTER DOMAIN ADD: {@code kind} 'n' NOT NULL, 'u' NULL,
     * 'c' CHECK (with the expression's text in {@code checkSql}); {@code name} null when unnamed.
     */
    record DomainConstraint(String name, char kind, String checkSql, boolean notValid, int location) {}

    /**
     * CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT expr] [constraint ...]: {@code defaultSql}
     * is the DEFAULT expression's text (null if none), {@code collation} the COLLATE name (null if none).
     */
    record CreateDomainStmt(List<String> name, TypeName type, List<String> collation, String defaultSql,
                            List<DomainConstraint> constraints, int location) implements Stmt {}

    /**
     * ALTER DOMAIN, by AlterDomainStmt's subtype: 'T' SET DEFAULT ({@code defaultSql}) / DROP
     * DEFAULT (null), 'N' DROP NOT NULL, 'O' SET NOT NULL, 'C' ADD {@code constraint}, 'X' DROP
     * CONSTRAINT {@code constraintName} [IF EXISTS: missingOk], 'V' VALIDATE CONSTRAINT, and
     * RenameStmt's forms: 'R' RENAME TO {@code newName}, 'r' RENAME CONSTRAINT constraintName TO newName.
     */
    record AlterDomainStmt(List<String> name, char subtype, String defaultSql, DomainConstraint constraint,
                           String constraintName, String newName, boolean missingOk, boolean cascade) implements Stmt {}

    /** DROP DOMAIN [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropDomainStmt(List<List<String>> names, boolean missingOk, boolean cascade) implements Stmt {}

    // ---- user-defined types (gram.y CreateEnumStmt, AlterEnumStmt, DropStmt OBJECT_TYPE)

    /** CREATE TYPE name AS ENUM ('label', ...); {@code name} is the possibly qualified type name. */
    record CreateEnumStmt(List<String> name, List<String> labels) implements Stmt {}

    /**
     * ALTER TYPE name ADD VALUE [IF NOT EXISTS] newVal [BEFORE|AFTER neighbor] (oldVal null), or
     * ALTER TYPE name RENAME VALUE oldVal TO newVal, or (renameType) ALTER TYPE name RENAME TO newVal.
     */
    record AlterEnumStmt(List<String> name, String oldVal, String newVal, String neighbor, boolean before,
                         boolean skipIfExists, boolean renameType) implements Stmt {}

    /** One attribute of CREATE TYPE ... AS (...): its name and type (TableFuncElement). */
    record CompositeAttribute(String name, TypeName type, int location) {}

    /** CREATE TYPE name AS (attr type, ...) (gram.y CompositeTypeStmt). */
    record CompositeTypeStmt(List<String> name, List<CompositeAttribute> attributes) implements Stmt {}

    /**
     * CREATE TYPE name AS RANGE (subtype = ..., ...) (gram.y CreateRangeStmt): the parameters as
     * def_elems, read by DefineRange.
     */
    record CreateRangeStmt(List<String> name, List<DefElem> params, int location) implements Stmt {}

    /** DROP TYPE [IF EXISTS] name, ... [CASCADE | RESTRICT]. */
    record DropTypeStmt(List<List<String>> names, boolean missingOk, boolean cascade) implements Stmt {}

    /**
     * gram.y DefineStmt for OBJECT_TYPE: CREATE TYPE name (a shell type, {@code definition} null) or
     * CREATE TYPE name (def_elem, ...) (a base type). A def_elem's value is the text of its def_arg
     * (a name, number, string or operator) and its list the parts of a qualified name, else null.
     */
    record DefineTypeStmt(List<String> name, List<DefElem> definition, int location) implements Stmt {}

    /**
     * CREATE CAST (source AS target) WITH FUNCTION f[(args)] | WITHOUT FUNCTION | WITH INOUT
     * [AS ASSIGNMENT | AS IMPLICIT] (gram.y CreateCastStmt): {@code function} null without one;
     * {@code context} 'e', 'a' or 'i'.
     */
    record CreateCastStmt(TypeName source, TypeName target, DropFunctionStmt.FunctionRef function, char context,
                          boolean inout) implements Stmt {}

    /** DROP CAST [IF EXISTS] (source AS target) [CASCADE | RESTRICT]. */
    record DropCastStmt(TypeName source, TypeName target, boolean missingOk, boolean cascade) implements Stmt {}

    /**
     * gram.y DefineStmt for OBJECT_OPERATOR: CREATE OPERATOR name (def_elem, ...); {@code name} is
     * any_operator (schema parts, then the operator).
     */
    record DefineOperatorStmt(List<String> name, List<DefElem> definition) implements Stmt {}

    // ---- operator classes and families (gram.y CreateOpClassStmt, CreateOpFamilyStmt, AlterOpFamilyStmt)

    /**
     * One opclass_item or opclass_drop: OPERATOR n name [(left, right)] [FOR SEARCH | FOR ORDER BY
     * family], FUNCTION n [(left, right)] name(args), or STORAGE type. {@code classArgs} are the
     * member's (left, right) types as written (empty when not given); {@code functionArgs} the
     * support function's argument types; {@code orderFamily} the FOR ORDER BY family, else null.
     */
    record OpClassItem(OpClassItemKind kind, int number, List<String> name, List<TypeName> classArgs,
                       List<TypeName> functionArgs, List<String> orderFamily, TypeName storage, int location) {}

    enum OpClassItemKind { OPERATOR, FUNCTION, STORAGE }

    /** CREATE OPERATOR CLASS name [DEFAULT] FOR TYPE t USING am [FAMILY f] AS items. */
    record CreateOpClassStmt(List<String> name, boolean isDefault, TypeName dataType, String amName, List<String> family,
                             List<OpClassItem> items) implements Stmt {}

    /** CREATE OPERATOR FAMILY name USING am. */
    record CreateOpFamilyStmt(List<String> name, String amName) implements Stmt {}

    /** ALTER OPERATOR FAMILY name USING am ADD items | DROP items. */
    record AlterOpFamilyStmt(List<String> name, String amName, boolean isDrop, List<OpClassItem> items) implements Stmt {}

    /** DROP OPERATOR CLASS | FAMILY [IF EXISTS] name USING am [CASCADE | RESTRICT]. */
    record DropOpClassStmt(boolean family, List<String> name, String amName, boolean missingOk, boolean cascade)
            implements Stmt {}

    /** ALTER OPERATOR name (left, right) SET (def_elem, ...) (gram.y AlterOperatorStmt). */
    record AlterOperatorStmt(DropOperatorStmt.OperatorRef operator, List<DefElem> options) implements Stmt {}

    // ---- user-defined functions (gram.y CreateFunctionStmt, RemoveFuncStmt)

    /** One argument of CREATE FUNCTION: name may be null; defaultSql is the DEFAULT expression's text or null. */
    /**
     * One parameter of CREATE FUNCTION / AGGREGATE: {@code mode} is proargmodes' letter ('i' IN,
     * 'o' OUT, 'b' INOUT, 'v' VARIADIC, 't' a RETURNS TABLE column).
     */
    record FunctionParameter(String name, TypeName type, String defaultSql, RawExpr defaultExpr, char mode, int location) {
        public FunctionParameter(String name, TypeName type, String defaultSql, RawExpr defaultExpr) {
            this(name, type, defaultSql, defaultExpr, 'i', -1);
        }
    }

    /**
     * CREATE [OR REPLACE] FUNCTION. Options not given are null. {@code asText} is AS 'definition'
     * (with {@code asLink} for AS 'obj_file', 'link_symbol'); {@code sqlBody} is a SQL-standard
     * body as SQL (RETURN expr as "SELECT expr", BEGIN ATOMIC's statements as written);
     * {@code bodyLocation} is where the body's text starts in the statement, for error positions.
     * {@code attributes} holds the routine kind and security options.
     */
    record CreateFunctionStmt(boolean replace, List<String> name, List<FunctionParameter> params, TypeName returnType,
                              boolean retset, String language, String volatility, Boolean strict, String asText,
                              String asLink, String sqlBody, int bodyLocation, int location,
                              FunctionAttributes attributes) implements Stmt {}

    /**
     * The options of CREATE FUNCTION/PROCEDURE that compute_function_attributes reads besides
     * language, volatility and strictness: PROCEDURE (prokind 'p'), WINDOW (prokind 'w'),
     * [EXTERNAL] SECURITY DEFINER (prosecdef), LEAKPROOF (proleakproof), the SET clauses
     * (proconfig), each SET as the VariableSetStmt the grammar makes of it, and COST and ROWS
     * (procost, prorows) as written, null when absent.
     */
    record FunctionAttributes(boolean procedure, boolean window, boolean securityDefiner, boolean leakproof,
                              List<VariableSetStmt> settings, int leakproofLocation, String cost, String rows) {
        public static final FunctionAttributes DEFAULT = new FunctionAttributes(false, false, false, false, List.of(), -1, null, null);
    }

    /**
     * CREATE [OR REPLACE] [CONSTRAINT] TRIGGER (gram.y CreateTrigStmt). {@code timing} and
     * {@code events} are trigger.h's TRIGGER_TYPE_* bits (timing 0 for AFTER); {@code columns} the
     * UPDATE OF list; {@code whenSql} the WHEN condition's text (null without WHEN); {@code args}
     * the function arguments as strings, as gram.y's TriggerFuncArgs keeps them; {@code constrrel}
     * the FROM table of a constraint trigger.
     */
    record CreateTrigStmt(boolean replace, boolean isConstraint, String trigname, RangeVar relation, List<String> funcname,
                          List<String> args, boolean row, int timing, int events, List<String> columns,
                          RawExpr whenClause, String whenSql, int whenLocation, List<TriggerTransition> transitionRels,
                          boolean deferrable, boolean initdeferred, RangeVar constrrel, int location) implements Stmt {}

    /** REFERENCING {OLD|NEW} {TABLE|ROW} [AS] name (gram.y TriggerTransition). */
    record TriggerTransition(String name, boolean isNew, boolean isTable) {}

    /** DROP TRIGGER [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    record DropTriggerStmt(String name, RangeVar relation, boolean missingOk, boolean cascade) implements Stmt {}

    /** ALTER TRIGGER name ON table RENAME TO newname. */
    record RenameTriggerStmt(String name, RangeVar relation, String newName) implements Stmt {}

    /**
     * CREATE [OR REPLACE] RULE (RuleStmt): {@code event} is select/insert/update/delete;
     * {@code whereText} and {@code actionTexts} are the condition's and the actions' SQL as
     * written (what pg_rewrite keeps); no actions is DO ... NOTHING.
     */
    record CreateRuleStmt(RangeVar relation, String name, String event, boolean instead, String whereText,
                          int whereLocation, List<Stmt> actions, List<String> actionTexts, boolean replace) implements Stmt {}

    /**
     * CREATE POLICY (CreatePolicyStmt): {@code cmd} the FOR keyword in lower case ("all" when
     * absent), {@code roles} the TO list (empty: PUBLIC), {@code qual} and {@code withCheck} the
     * USING and WITH CHECK expressions' SQL text as written, or null.
     */
    record CreatePolicyStmt(String name, RangeVar table, boolean permissive, String cmd, List<RoleSpec> roles,
                            String qual, String withCheck) implements Stmt {}

    /**
     * ALTER POLICY (AlterPolicyStmt) or, with {@code newName}, ALTER POLICY ... RENAME TO: each of
     * {@code roles}, {@code qual} and {@code withCheck} is null when not given.
     */
    record AlterPolicyStmt(String name, RangeVar table, List<RoleSpec> roles, String qual, String withCheck,
                           String newName) implements Stmt {}

    /** DROP POLICY [IF EXISTS] name ON table [CASCADE | RESTRICT]. */
    record DropPolicyStmt(String name, RangeVar table, boolean missingOk, boolean cascade) implements Stmt {}

    /** DROP RULE [IF EXISTS] name ON relation [CASCADE]. */
    record DropRuleStmt(String name, RangeVar relation, boolean missingOk, boolean cascade) implements Stmt {}

    /** ALTER RULE name ON relation RENAME TO newName. */
    record RenameRuleStmt(String name, RangeVar relation, String newName) implements Stmt {}

    /** DROP FUNCTION [IF EXISTS] name[(argtypes)], ... [CASCADE | RESTRICT]; argTypes null when no list was given. */
    record DropFunctionStmt(List<FunctionRef> functions, boolean missingOk, boolean cascade) implements Stmt {
        /**
         * function_with_argtypes: {@code argTypes} are the IN, INOUT and VARIADIC parameters written
         * (null when no list is given), {@code allTypes} every parameter written including OUT ones
         * (a procedure's OUT parameters are part of its signature); {@code objtype} is the object
         * kind the statement names: "function", "procedure" or "routine".
         */
        public record FunctionRef(List<String> name, List<TypeName> argTypes, List<TypeName> allTypes, String objtype) {
            public FunctionRef(List<String> name, List<TypeName> argTypes) {
                this(name, argTypes, argTypes, "function");
            }
        }

        /** The object kind named ("function", "procedure" or "routine"), from the first reference. */
        public String objtype() {
            return functions.isEmpty() ? "function" : functions.get(0).objtype();
        }
    }

    /**
     * CALL name(args) (gram.y CallStmt): {@code call} is the procedure call as a function call
     * node, resolved against procedures by transformCallStmt.
     */
    record CallStmt(RawExpr.FuncCall call, int location) implements Stmt {}

    /**
     * CREATE [OR REPLACE] AGGREGATE (gram.y DefineStmt, OBJECT_AGGREGATE). {@code args} is null for
     * the old syntax (the input type is then the definition's BASETYPE), empty for agg(*);
     * {@code directArgs} is the number of arguments before ORDER BY of an ordered-set aggregate,
     * -1 for an ordinary one.
     */
    record CreateAggregateStmt(boolean replace, List<String> name, List<FunctionParameter> args, int directArgs,
                               List<AggDefElem> definition, int location) implements Stmt {
        /** One "name = value" of the definition: the value's text and, if it reads as a type or function name, that name. */
        public record AggDefElem(String name, String value, TypeName type, int location) {}
    }

    /** DROP AGGREGATE [IF EXISTS] name(args | *) [, ...] [CASCADE | RESTRICT]. */
    /**
     * DROP OPERATOR [IF EXISTS] name (left, right) [, ...] [CASCADE | RESTRICT] (gram.y
     * RemoveOperStmt): a null type is NONE, the missing side of a prefix operator.
     */
    record DropOperatorStmt(List<OperatorRef> operators, boolean missingOk, boolean cascade) implements Stmt {
        public record OperatorRef(List<String> name, TypeName left, TypeName right) {}
    }

    record DropAggregateStmt(List<AggregateRef> aggregates, boolean missingOk, boolean cascade) implements Stmt {
        /** argTypes is empty for name(*); orderByStart is the index where ORDER BY arguments begin, -1 if none. */
        public record AggregateRef(List<String> name, List<TypeName> argTypes, int orderByStart) {}
    }

    /**
     * ALTER FUNCTION / ALTER AGGREGATE (gram.y AlterFunctionStmt, RenameStmt, AlterObjectSchemaStmt):
     * exactly one of {@code newName}, {@code newSchema} and {@code actions} (the alterfunc_opt_list,
     * FUNCTION only) is given. For an aggregate, the argument list is the aggr_args one.
     * {@code settings} are the SET/RESET clauses of the list, in order (they change proconfig).
     */
    record AlterFunctionStmt(boolean aggregate, DropFunctionStmt.FunctionRef function, String newName,
                             String newSchema, List<DefElem> actions, List<VariableSetStmt> settings) implements Stmt {
        public AlterFunctionStmt(boolean aggregate, DropFunctionStmt.FunctionRef function, String newName,
                                 String newSchema, List<DefElem> actions) {
            this(aggregate, function, newName, newSchema, actions, List.of());
        }
    }

    /** ALTER FUNCTION / AGGREGATE ... OWNER TO role (AlterOwnerStmt), run with the shared catalogs' roles. */
    record AlterFunctionOwnerStmt(boolean aggregate, DropFunctionStmt.FunctionRef function, RoleSpec newOwner)
            implements Stmt {}

    /** ALTER TYPE / ALTER DOMAIN name OWNER TO role (AlterOwnerStmt on OBJECT_TYPE / OBJECT_DOMAIN). */
    record AlterTypeOwnerStmt(boolean domain, List<String> name, RoleSpec newOwner) implements Stmt {}

    /** CREATE DATABASE name [WITH] options. */
    record CreatedbStmt(String dbname, List<OptionItem> options) implements Stmt {}

    /** DROP DATABASE [IF EXISTS] name [[WITH] (FORCE)]. */
    record DropdbStmt(String dbname, boolean missingOk, boolean force) implements Stmt {}

    /**
     * ALTER DATABASE name: exactly one of RENAME TO {@code newName}, OWNER TO {@code newOwner},
     * [WITH] {@code options} (ALLOW_CONNECTIONS, CONNECTION LIMIT, IS_TEMPLATE).
     */
    record AlterDatabaseStmt(String dbname, String newName, RoleSpec newOwner, List<OptionItem> options) implements Stmt {}

    /** CREATE ROLE | USER | GROUP name [WITH] options; USER implies LOGIN. */
    record CreateRoleStmt(Kind kind, String role, List<OptionItem> options) implements Stmt {
        public enum Kind { ROLE, USER, GROUP }
    }

    /** ALTER ROLE | USER name [WITH] options, or RENAME TO newName (options then empty). */
    record AlterRoleStmt(RoleSpec role, List<OptionItem> options, String newName) implements Stmt {}

    /** DROP ROLE | USER | GROUP [IF EXISTS] names. */
    record DropRoleStmt(List<String> roles, boolean missingOk) implements Stmt {}

    /** REASSIGN OWNED BY roles TO newRole (ReassignOwnedStmt). */
    record ReassignOwnedStmt(List<RoleSpec> roles, RoleSpec newRole) implements Stmt {}

    /** DROP OWNED BY roles [CASCADE | RESTRICT] (DropOwnedStmt). */
    record DropOwnedStmt(List<RoleSpec> roles, boolean cascade) implements Stmt {}

    /**
     * GRANT privileges ON [TABLE] tables TO grantees [WITH GRANT OPTION] and REVOKE [GRANT OPTION
     * FOR] privileges ON [TABLE] tables FROM grantees [CASCADE | RESTRICT]; privileges is null
     * for ALL [PRIVILEGES]. grantOption is WITH GRANT OPTION for GRANT, GRANT OPTION FOR for REVOKE.
     * {@code columns} holds the column privileges (gram.y privilege's cols: SELECT (a, b)), each
     * privilege with its column list (empty when none was written); "all" for ALL [PRIVILEGES] (cols).
     */
    record GrantStmt(boolean isGrant, List<String> privileges, List<RangeVar> objects, List<RoleSpec> grantees,
                     boolean grantOption, boolean cascade, Target target, List<String> names,
                     List<DropFunctionStmt.FunctionRef> functions, List<ColumnPrivilege> columns) implements Stmt {
        /** One privilege written with a column list: {@code privilege} ("all" for ALL) on {@code columns}. */
        public record ColumnPrivilege(String privilege, List<String> columns) {}

        /** A statement without column privileges. */
        public GrantStmt(boolean isGrant, List<String> privileges, List<RangeVar> objects, List<RoleSpec> grantees,
                         boolean grantOption, boolean cascade, Target target, List<String> names,
                         List<DropFunctionStmt.FunctionRef> functions) {
            this(isGrant, privileges, objects, grantees, grantOption, cascade, target, names, functions, List.of());
        }

        /**
         * privilege_target's object kind (gram.y). TABLE, SEQUENCE, TYPE and DOMAIN name their
         * objects in {@code objects}; DATABASE, SCHEMA, LANGUAGE and the ALL ... IN SCHEMA forms
         * in {@code names} (the schemas for the latter); FUNCTION, PROCEDURE and ROUTINE in
         * {@code functions}.
         */
        public enum Target { TABLE, SEQUENCE, DATABASE, SCHEMA, FUNCTION, PROCEDURE, ROUTINE, TYPE, DOMAIN, LANGUAGE,
            ALL_TABLES, ALL_SEQUENCES, ALL_FUNCTIONS, ALL_PROCEDURES, ALL_ROUTINES }

        /** The table form the grammar has always built. */
        public GrantStmt(boolean isGrant, List<String> privileges, List<RangeVar> objects, List<RoleSpec> grantees,
                         boolean grantOption, boolean cascade) {
            this(isGrant, privileges, objects, grantees, grantOption, cascade, Target.TABLE, List.of(), List.of());
        }
    }

    /**
     * ALTER DEFAULT PRIVILEGES [FOR ROLE role, ...] [IN SCHEMA schema, ...] GRANT/REVOKE ... ON
     * TABLES | SEQUENCES | FUNCTIONS | ROUTINES | TYPES | SCHEMAS ... (gram.y
     * AlterDefaultPrivilegesStmt): {@code roles} empty for the current role, {@code schemas} empty
     * for all schemas; {@code action} holds the privileges, grantees and options (its objects
     * empty), {@code objtype} the pg_default_acl.defaclobjtype ('r', 'S', 'f', 'T', 'n').
     */
    record AlterDefaultPrivilegesStmt(List<RoleSpec> roles, List<String> schemas, GrantStmt action, char objtype)
            implements Stmt {}

    /**
     * GRANT role, ... TO role, ... [WITH ADMIN OPTION] [GRANTED BY role] and REVOKE [ADMIN OPTION
     * FOR] role, ... FROM role, ... [GRANTED BY role] [CASCADE | RESTRICT] (gram.y GrantRoleStmt).
     */
    record GrantRoleStmt(boolean isGrant, List<String> roles, List<RoleSpec> grantees, boolean adminOption,
                         RoleSpec grantor, boolean cascade) implements Stmt {}

    /**
     * ALTER DATABASE d SET/RESET ... (role null) and ALTER ROLE r [IN DATABASE d] SET/RESET ...
     * (AlterDatabaseSetStmt, AlterRoleSetStmt): a connection-time default in pg_db_role_setting.
     */
    record AlterSettingStmt(String database, RoleSpec role, VariableSetStmt set) implements Stmt {}

    // ---- utility statements of commands/ (gram.y CopyStmt, TruncateStmt, AlterTableStmt, RenameStmt, VacuumStmt)

    /**
     * COPY table [(cols)] FROM/TO STDIN|STDOUT|'file' [WITH] (options), or COPY (query) TO.
     * Exactly one of {@code relation} and {@code query} is set; {@code filename} null means
     * STDIN/STDOUT. Options keep gram.y's names (format, delimiter, null, header, quote, escape,
     * freeze, ...), the old-style keywords (BINARY, CSV, HEADER, DELIMITER [AS] x, NULL [AS] x)
     * mapped to them as copy_opt_item does.
     */
    record CopyStmt(RangeVar relation, List<String> columns, SelectStmt query, String queryText, boolean isFrom,
                    String filename, List<DefElem> options, int location, RawExpr whereClause) implements Stmt {
        public CopyStmt(RangeVar relation, List<String> columns, SelectStmt query, String queryText, boolean isFrom,
                        String filename, List<DefElem> options, int location) {
            this(relation, columns, query, queryText, isFrom, filename, options, location, null);
        }
    }

    /** TRUNCATE [TABLE] [ONLY] names [RESTART|CONTINUE IDENTITY] [CASCADE|RESTRICT]. */
    record TruncateStmt(List<RangeVar> relations, boolean restartSeqs, boolean cascade) implements Stmt {}

    /** LOCK [TABLE] relations [IN mode MODE] [NOWAIT]: {@code mode} is the lock mode's number (lockdefs.h). */
    /**
     * LIKE source_table [{INCLUDING | EXCLUDING} option ...] in CREATE TABLE (TableLikeClause).
     *
     * @param options  the CREATE_TABLE_LIKE_* bits that end up INCLUDED
     * @param position how many column definitions precede the clause: its columns go there
     */
    record TableLikeClause(RangeVar relation, int options, int position, int location) implements Stmt {
        public static final int COMMENTS = 1, COMPRESSION = 1 << 1, CONSTRAINTS = 1 << 2, DEFAULTS = 1 << 3,
                GENERATED = 1 << 4, IDENTITY = 1 << 5, INDEXES = 1 << 6, STATISTICS = 1 << 7, STORAGE = 1 << 8,
                ALL = 0x7FFFFFFF;

        public boolean including(int option) { return (options & option) != 0; }
    }

    /**
     * SET CONSTRAINTS {ALL | name [, ...]} {DEFERRED | IMMEDIATE} (ConstraintsSetStmt).
     *
     * @param constraints the names, or null for ALL
     */
    record ConstraintsSetStmt(List<RangeVar> constraints, boolean deferred) implements Stmt {}

    record LockStmt(List<RangeVar> relations, int mode, boolean nowait) implements Stmt {}

    /** ALTER TABLE [IF EXISTS] [ONLY] name cmd [, ...]. */
    record AlterTableStmt(RangeVar relation, boolean missingOk, List<AlterTableCmd> cmds, char objectType)
            implements Stmt {
        /**
         * ALTER TABLE (gram.y's OBJECT_TABLE); {@code objectType} 'i' marks ALTER INDEX
         * (OBJECT_INDEX), 'v' ALTER VIEW, 'm' ALTER MATERIALIZED VIEW, which set the command tag.
         */
        public AlterTableStmt(RangeVar relation, boolean missingOk, List<AlterTableCmd> cmds) {
            this(relation, missingOk, cmds, 'r');
        }

        /** Whether the statement was written ALTER INDEX. */
        public boolean alterIndex() {
            return objectType == 'i';
        }
    }

    /** One subcommand of ALTER TABLE (gram.y alter_table_cmd), for the forms Tusk carries out. */
    sealed interface AlterTableCmd {
        record AddConstraint(TableConstraint constraint) implements AlterTableCmd {}

        /** DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]. */
        record DropConstraint(String name, boolean missingOk, boolean cascade) implements AlterTableCmd {}

        /** VALIDATE CONSTRAINT name. */
        record ValidateConstraint(String name) implements AlterTableCmd {}

        record AddColumn(ColumnDefinition column, boolean ifNotExists) implements AlterTableCmd {}

        record DropColumn(String name, boolean missingOk, boolean cascade) implements AlterTableCmd {}

        /**
         * ALTER [COLUMN] col [SET DATA] TYPE type [COLLATE c] [USING expr] ({@code usingSql} the
         * expression's text, null without USING; {@code location} that of the type name;
         * {@code collation} the COLLATE name or null, at {@code collationLocation}).
         */
        record AlterColumnType(String column, TypeName type, RawExpr using, String usingSql, int location,
                               List<String> collation, int collationLocation) implements AlterTableCmd {
            public AlterColumnType(String column, TypeName type, RawExpr using, String usingSql, int location) {
                this(column, type, using, usingSql, location, null, -1);
            }
        }

        record SetNotNull(String column) implements AlterTableCmd {}

        /**
         * ALTER [COLUMN] c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]:
         * {@code identity} 'a' or 'd'; the options are the sequence's, SEQUENCE NAME among them.
         */
        record AddIdentity(String column, char identity, List<DefElem> options) implements AlterTableCmd {}

        /** SET (storage parameters) or, with {@code reset}, RESET (names) (AT_SetRelOptions, AT_ResetRelOptions). */
        record SetRelOptions(List<DefElem> options, boolean reset) implements AlterTableCmd {}

        /**
         * ALTER COLUMN col SET STATISTICS target (AT_SetStatistics): {@code column} the name, or
         * null when an index column is named by its number {@code colnum}.
         */
        record SetStatistics(String column, int colnum, int target) implements AlterTableCmd {}

        /** ALTER COLUMN col SET (attribute options) / RESET (names) (AT_SetOptions, AT_ResetOptions). */
        record SetColumnOptions(String column, List<DefElem> options, boolean reset) implements AlterTableCmd {}

        /**
         * ADD [CONSTRAINT name] {PRIMARY KEY | UNIQUE} USING INDEX index (gram.y
         * ExistingIndex; AT_AddIndexConstraint), with the constraint's deferrability.
         */
        record AddIndexConstraint(String name, boolean primary, String index, boolean deferrable,
                                  boolean initiallyDeferred, int location) implements AlterTableCmd {}

        /** ALTER COLUMN col SET STORAGE {PLAIN | EXTERNAL | EXTENDED | MAIN} ({@code storage} as written). */
        record SetStorage(String column, String storage, int location) implements AlterTableCmd {}

        /** ALTER COLUMN col SET COMPRESSION {pglz | lz4 | default}. */
        record SetCompression(String column, String method, int location) implements AlterTableCmd {}

        record DropNotNull(String column) implements AlterTableCmd {}

        /** SET DEFAULT expr ({@code defaultSql} its text) or, with a null expression, DROP DEFAULT. */
        record SetDefault(String column, RawExpr rawDefault, String defaultSql) implements AlterTableCmd {}

        /** ALTER [COLUMN] c DROP EXPRESSION [IF EXISTS]: a stored generated column becomes an ordinary one. */
        record DropExpression(String column, boolean missingOk) implements AlterTableCmd {}

        /** ATTACH PARTITION name FOR VALUES ... | DEFAULT. */
        record AttachPartition(RangeVar partition, PartitionBoundSpec bound) implements AlterTableCmd {}

        /** DETACH PARTITION name. */
        record DetachPartition(RangeVar partition) implements AlterTableCmd {}

        /**
         * ENABLE [ALWAYS | REPLICA] / DISABLE TRIGGER name | ALL | USER: {@code name} null for ALL
         * and USER ({@code userOnly} for USER); {@code fires} the new tgenabled ('O', 'A', 'R', 'D').
         */
        record EnableTrigger(String name, boolean userOnly, char fires) implements AlterTableCmd {}

        /**
         * ENABLE / DISABLE ROW LEVEL SECURITY ({@code enable} non-null) or FORCE / NO FORCE ROW
         * LEVEL SECURITY ({@code force} non-null).
         */
        record RowSecurity(Boolean enable, Boolean force) implements AlterTableCmd {}

        /**
         * CLUSTER ON index (AT_ClusterOn) or, with a null {@code index}, SET WITHOUT CLUSTER
         * (AT_DropCluster).
         */
        record ClusterOn(String index) implements AlterTableCmd {}

        /**
         * REPLICA IDENTITY {DEFAULT | FULL | NOTHING | USING INDEX index} (AT_ReplicaIdentity):
         * {@code identity} is pg_class.relreplident's code ('d', 'f', 'n', 'i'), {@code index}
         * the index named for 'i'.
         */
        record ReplicaIdentity(char identity, String index) implements AlterTableCmd {}
    }

    /**
     * PARTITION BY strategy (params) of CREATE TABLE (gram.y PartitionSpec): {@code strategy} as
     * written, lower case ("range", "list", "hash", or anything else, refused in analysis).
     */
    record PartitionSpec(String strategy, List<PartitionElem> params, int location) {}

    /**
     * One partition key element (PartitionElem): a column name, or an expression ({@code expr}
     * with its SQL text); {@code collation} (COLLATE) and {@code opclass} are qualified names or null.
     */
    record PartitionElem(String column, RawExpr expr, String exprSql, List<String> collation, List<String> opclass,
                         int location) {}

    /**
     * A partition bound as written (PartitionBoundSpec of gram.y): {@code strategy} 'l' (IN), 'r'
     * (FROM ... TO), 'h' (WITH (MODULUS, REMAINDER)) or 'd' (DEFAULT). Each datum keeps its SQL text
     * ({@code *Sql}), which is analysed against the key column's type.
     */
    record PartitionBoundSpec(char strategy, List<RawExpr> listDatums, List<String> listSql, List<RawExpr> lower,
                              List<String> lowerSql, List<RawExpr> upper, List<String> upperSql, int modulus,
                              int remainder, int location) {}

    /**
     * ALTER TABLE [IF EXISTS] name RENAME TO new | RENAME [COLUMN] col TO new; column null for the
     * table. {@code objectType} is 't' for ALTER TABLE/VIEW, 'i' for ALTER INDEX (its command tag).
     */
    record RenameStmt(RangeVar relation, String column, String newName, boolean missingOk, char objectType) implements Stmt {
        public RenameStmt(RangeVar relation, String column, String newName, boolean missingOk) {
            this(relation, column, newName, missingOk, 't');
        }
    }

    /**
     * COMMENT ON objtype name IS 'text' | NULL (gram.y CommentStmt). {@code objtype} is the
     * object type's keywords in lower case ("table", "column", "materialized view", ...);
     * {@code names} its possibly qualified name (for a column, the relation's name and then the
     * column's; for a constraint, the table's), {@code member} a constraint's name,
     * {@code function} a function's name and argument types, {@code type} a type's name;
     * {@code comment} null for IS NULL.
     */
    record CommentStmt(String objtype, List<String> names, String member, DropFunctionStmt.FunctionRef function,
                       org.tusk.nodes.TypeName type, String comment, int location) implements Stmt {}

    /**
     * REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name
     * (gram.y ReindexStmt). {@code kind} is 'i', 't', 's', 'd' or 'y' (system); {@code relation}
     * names the index or table, {@code name} the schema or database.
     */
    record ReindexStmt(char kind, RangeVar relation, String name, boolean concurrently, boolean verbose,
                       String tablespace, int location) implements Stmt {}

    /** ALTER TABLE [IF EXISTS] name RENAME CONSTRAINT old TO new. */
    record RenameConstraintStmt(RangeVar relation, String name, String newName, boolean missingOk) implements Stmt {}

    /**
     * VACUUM [(options)] [FULL] [FREEZE] [VERBOSE] [ANALYZE] [tables] or ANALYZE [VERBOSE] [tables]
     * ({@code isVacuum} false); an empty list means every table of the database.
     * {@code disablePageSkipping}: the DISABLE_PAGE_SKIPPING option (every page is read).
     */
    record VacuumStmt(boolean isVacuum, boolean analyze, boolean verbose, boolean full, boolean freeze,
                      boolean disablePageSkipping, List<RangeVar> relations) implements Stmt {}

    // ---- prepared statements and cursors (gram.y PrepareStmt, ExecuteStmt, DeallocateStmt,
    // DeclareCursorStmt, FetchStmt, ClosePortalStmt)

    /** PREPARE name [(types)] AS statement; {@code query} is the statement with its span in the query string. */
    record PrepareStmt(String name, List<TypeName> argTypes, RawStmt query) implements Stmt {}

    /** EXECUTE name [(params)]. */
    record ExecuteStmt(String name, List<RawExpr> params, int location) implements Stmt {}

    /** DEALLOCATE [PREPARE] name | ALL (name null). */
    record DeallocateStmt(String name) implements Stmt {}

    /**
     * DECLARE name [BINARY] [ASENSITIVE|INSENSITIVE] [[NO] SCROLL] CURSOR [WITH[OUT] HOLD] FOR
     * query; {@code scroll} is null when neither SCROLL nor NO SCROLL was written.
     */
    record DeclareCursorStmt(String name, boolean binary, Boolean scroll, boolean hold, RawStmt query) implements Stmt {}

    /** The direction of FETCH/MOVE (FetchDirection). */
    enum FetchDirection { FORWARD, BACKWARD, ABSOLUTE, RELATIVE }

    /**
     * FETCH or MOVE ({@code isMove}) {@code howMany} rows in {@code direction} from cursor
     * {@code portalName}; {@code howMany} is {@link #FETCH_ALL} for ALL.
     */
    record FetchStmt(FetchDirection direction, long howMany, String portalName, boolean isMove) implements Stmt {
        public static final long FETCH_ALL = Long.MAX_VALUE;
    }

    /** CLOSE name | ALL (name null). */
    record ClosePortalStmt(String name) implements Stmt {}
}
