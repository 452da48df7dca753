/**
 * The parser and parse analysis, as PostgreSQL's {@code parser/}.
 *
 * <h2>Raw parsing</h2>
 * {@link org.tusk.parser.Lexer} follows scan.l and produces tokens lazily. It reads
 * standard_conforming_strings and escape_string_warning from the
 * {@link org.tusk.utils.misc.ScanSettings} it is made with, as scanner_init copies scan.l's
 * globals: the session's, which the traffic cop, the statement's ExecEnvironment, the
 * SessionServices and plpgsql's host carry to whoever parses text for the session (stored
 * expressions and bodies are scanned as they were written, in the session), PostgreSQL's defaults
 * elsewhere ({@link org.tusk.parser.Parser#parse(String)}; ruleutils' display of stored text, as
 * it reads with InputSettings.DEFAULT); with the first off a plain literal
 * takes backslash escapes and U&amp;'...' is refused, and the scanner's WARNINGs go to the settings'
 * sink while scanning continues; {@link org.tusk.parser.Parser} is a hand-written recursive-descent version of the
 * accepted subset of gram.y, with gram.y's operator precedence and associativity (including the
 * non-associative comparison operators and unary minus binding tighter than {@code ^}). Output:
 * a list of {@link org.tusk.nodes.RawStmt}, one per statement of the query string, each with its
 * text span. Like raw_parser(), it does no catalog lookups, so it can run outside a transaction;
 * a syntax error anywhere fails the whole string. Valid PostgreSQL statements that Tusk cannot
 * run yet are parsed into {@code UnsupportedStmt} (error 0A000 at execution); anything else is a
 * syntax error with PostgreSQL's message and 1-based character position. In particular a word
 * after CREATE, DROP or ALTER that begins none of gram.y's object productions ("CREATE foo",
 * "DROP TUPLE") is a syntax error at that word, not an UnsupportedStmt. SELECT ... INTO is
 * accepted only at the top of a plain SELECT; inside COPY (query) and CREATE VIEW it raises
 * their own 0A000 errors (DoCopy, DefineView), elsewhere 42601 at the target table.
 *
 * <p>IN lists ({@code InListAnalysis}, transformAExprIn): the items without Vars of the query
 * level become one ScalarArrayOpExpr over an ARRAY[] of their common type (the planner folds a
 * constant one to an array Const); items with Vars, or all when there is no common array type,
 * are separate comparisons joined by OR (AND for NOT IN).
 *
 * <h2>Parse analysis</h2>
 * {@link org.tusk.parser.Analyzer} turns one raw statement into a {@link org.tusk.nodes.Query}:
 * resolves the FROM relation through {@link org.tusk.catalog.RelationProvider}, column
 * references, {@code *}; types every expression; resolves operators and functions among the
 * built-ins with PostgreSQL's rules ({@link org.tusk.parser.ParseFunc}: exact match, implicit
 * coercibility, most exact matches, preferred types, unknown-literal category resolution);
 * inserts coercions ({@link org.tusk.parser.ParseCoerce}); converts unknown-type literals with the
 * target type's input function at analysis time (so input errors point at the literal); resolves
 * remaining unknown outputs to text; assigns output column names (FigureColname); and checks
 * aggregate placement. Every error carries PostgreSQL's SQLSTATE, text and cursor position.
 *
 * <h2>Tables and data modification</h2>
 * The grammar also covers CREATE [TEMP] TABLE (column types with modifiers, NOT NULL/NULL/DEFAULT/
 * PRIMARY KEY/UNIQUE, table PRIMARY KEY/UNIQUE), CREATE [UNIQUE] INDEX, DROP TABLE/INDEX,
 * INSERT (VALUES with DEFAULT items, SELECT, DEFAULT VALUES), UPDATE and DELETE, each with
 * RETURNING. A DEFAULT's text is kept as written ({@code ColumnDefinition.defaultSql}), since
 * the catalog stores defaults as SQL text. Names in FROM resolve to system views first, then to
 * catalog tables of the statement's {@link org.tusk.executor.ExecEnvironment} (none: views only).
 * {@link org.tusk.parser.ModifyAnalysis} analyses INSERT/UPDATE/DELETE into a Query whose target
 * list is the complete new row in attribute order: assigned values are coerced in assignment
 * context (42804 with PostgreSQL's hint when impossible), missing columns get their default,
 * parsed from the catalog's text and analysed each time (rewriteTargetListIU's work). UPDATE ...
 * FROM and DELETE ... USING put the target first in the range table and the FROM/USING items
 * after it, all in one namespace (a FROM item may not repeat the target's name: 42712).
 * MERGE ({@link org.tusk.parser.MergeGrammar}, {@link org.tusk.parser.MergeAnalysis}, after
 * parse_merge.c) puts the target first in the range table, then the source's entries, then the
 * join of the two (source LEFT JOIN target when a WHEN NOT MATCHED clause exists, else an inner
 * join), which is the query's one join tree item. The source cannot see the target; the join
 * condition sees both; each WHEN clause is analysed in its own namespace (both for MATCHED, the
 * source only for NOT MATCHED, where naming the target is errorMissingRTE's 42P01 with its hint)
 * into a {@code Query.MergeAction} carrying the complete new row as INSERT and UPDATE do. Only
 * plain and partitioned tables without rules can be targets (0A000); a clause after an
 * unconditional one of the same kind is 42601; MERGE as a WITH query or COPY's query is 0A000.
 * {@link org.tusk.parser.ConflictAnalysis} handles INSERT ... ON CONFLICT: it analyses the
 * conflict target into inference elements (column or expression, COLLATE, operator class) with
 * their WHERE, or the OID of the ON CONSTRAINT constraint, leaving the choice of arbiter indexes
 * to the planner (optimizer.ArbiterInference, infer_arbiter_indexes), and analyses DO UPDATE's
 * SET and WHERE over the target (range table entry 1) and EXCLUDED (entry 2, no system columns).
 * {@link org.tusk.parser.ExclusionGrammar} parses EXCLUDE constraints. Not yet: multi-column
 * SET in ON CONFLICT, DESC index columns (parsed, refused at execution).
 * WHERE CURRENT OF cursor becomes a CurrentOfExpr over the target's ctid and tableoid, resolved by
 * the executor (execCurrent.c); COPY FROM's WHERE is analysed by {@link org.tusk.parser.CopyWhereAnalysis}.
 * A GENERATED ALWAYS identity column takes only DEFAULT unless OVERRIDING SYSTEM VALUE (428C9);
 * OVERRIDING USER VALUE replaces given identity values by the default. CHECK and FOREIGN KEY
 * constraints are parsed by {@link org.tusk.parser.ConstraintGrammar} (a column's become table
 * constraints on that column; a CHECK keeps its text, which is what the catalog stores) and a
 * CHECK's text is analysed against its table by {@link org.tusk.parser.CheckConstraintAnalysis}
 * (cookConstraint).
 *
 * <p>Prepared statements and cursors ({@link org.tusk.parser.PortalGrammar}): PREPARE keeps its
 * statement as a RawStmt spanning its text in the query string, so errors found when it is
 * analysed again at EXECUTE still point into it; EXECUTE's parameter list is analysed by
 * {@link org.tusk.parser.ExecuteParams} against the prepared parameter types (assignment
 * coercion, 42804; 42601 for a wrong count). DECLARE, FETCH/MOVE (gram.y's fetch_args: the
 * direction and count as FetchStmt carries them) and CLOSE are utility statements.
 *
 * <p>{@code CreateAsGrammar} parses CREATE [OR REPLACE] [TEMP] VIEW (keeping the query's text,
 * which the catalog stores), CREATE TABLE ... AS query [WITH [NO] DATA] (a column-name list is told
 * from column definitions by the token after the first name) and the INTO clause of a top-level
 * SELECT, which makes the statement a CreateTableAsStmt (42601 "SELECT ... INTO is not allowed
 * here" anywhere else). CREATE TABLE takes INHERITS (parents); FROM items and UPDATE/DELETE
 * targets take ONLY ({@code RangeVar.inh} false, carried to {@code RangeTblEntry.inh}). A view
 * named in FROM becomes a RELATION entry of the view; the rewriter replaces it.
 *
 * <p>The statements on databases, roles and table privileges (CREATE/DROP/ALTER DATABASE,
 * CREATE/ALTER/DROP ROLE, USER and GROUP, GRANT/REVOKE ON TABLE) are parsed by {@code RoleGrammar}
 * on the same token stream, into gram.y's node shapes with its DefElem option names; they are
 * utility statements and are not analysed. GRANT of roles and of privileges on other object
 * kinds, and ALTER DATABASE/ROLE ... SET, parse as UnsupportedStmt.
 *
 * <p>EXPLAIN ({@code ExplainGrammar}) wraps one explainable statement (SELECT, VALUES, TABLE,
 * WITH, INSERT, UPDATE, DELETE) with its option list as DefElems, the old
 * {@code EXPLAIN [ANALYZE] [VERBOSE]} keywords becoming the same DefElems; the options are
 * checked when the statement runs, as ExplainQuery does. The explained statement is analysed
 * by the traffic cop like any other.
 *
 * <h2>Queries</h2>
 * SELECT covers FROM lists with [INNER|LEFT|RIGHT|FULL] JOIN ... ON/USING, NATURAL and CROSS
 * JOIN, table and column aliases, subqueries, VALUES and function calls in FROM, LATERAL; GROUP
 * BY (expressions, ordinals, output names as SQL92 allows), HAVING, aggregates with DISTINCT and
 * FILTER; DISTINCT [ON]; subqueries in expressions (scalar, EXISTS, IN/NOT IN, op ANY/SOME/ALL,
 * correlated at any depth); UNION/INTERSECT/EXCEPT [ALL]; WITH [RECURSIVE]. Name resolution
 * follows parse_relation.c: each query level ({@link org.tusk.parser.Analyzer}, linked to its
 * parent) has a range table and a namespace of {@link org.tusk.parser.NsItem}s; a column is
 * looked up at the innermost level that has it (a Var with {@code levelsup} for outer levels),
 * 42702 if two items of that level have it, 42P01 with PostgreSQL's hints when a table name is
 * not visible, 42703 with errorMissingColumn's hint when an unqualified column exists only in an
 * entry this part of the query cannot see (its fuzzy "Perhaps you meant" suggestions are not made). {@link org.tusk.parser.ParseClause} builds FROM (an ON clause sees only its join's
 * inputs, a LATERAL item the items before it (but naming the left side of a RIGHT or FULL join
 * from its right side is 42P10, check_lateral_ref_ok), an aliased join hides its inputs; USING/NATURAL
 * merge columns, COALESCE for FULL joins), {@link org.tusk.parser.SetOpAnalysis} resolves set
 * operation column types pairwise (select_common_type), {@link org.tusk.parser.CteAnalysis}
 * WITH (a recursive query's overall column types and typmods must equal its non-recursive term's; ORDER BY,
 * LIMIT, OFFSET and FOR UPDATE on the recursive union are 0A000; a self-reference inside a
 * sub-select of an expression is 42P19). A plain WITH makes each item visible to the items after
 * it (a forward reference is 42P01 naming the later item, p_future_ctes); in WITH RECURSIVE
 * {@link org.tusk.parser.CteDependencies} (makeDependencyGraph, TopologicalSort) finds which items
 * refer to themselves and orders the analysis so each item follows those it reads, and the
 * query's WITH list is left in that order (a cycle between items is 0A000); a recursive
 * INSERT/UPDATE/DELETE item is 42P19. The target of a data-modifying statement is never a WITH
 * query (setTargetTable opens the relation directly). SEARCH and CYCLE clauses ({@link org.tusk.parser.CteClauseGrammar},
 * {@link org.tusk.parser.SearchCycleAnalysis}) add columns after the query's own (the self-reference
 * sees them, but its {@code *} does not); the query is then rewritten as rewriteSearchCycle.c does
 * ({@link org.tusk.parser.SearchCycleRewrite}, at the end of analysis rather than in the rewriter) and
 * the analysed original is kept beside it for ruleutils.
 * Grouping is checked as parseCheckAggregates does: outside aggregates only grouped expressions
 * and outer references (42803), or columns of a table whose primary key is grouped (functional
 * dependency). Aggregates take ORDER BY (sorted input).
 *
 * <p>An aggregate call belongs to the query level of its arguments' nearest Vars and aggregate
 * calls ({@link org.tusk.parser.AggLevels}, parse_agg.c): written in a sub-select, an aggregate
 * over outer columns only is computed by that outer level (agglevelsup). The owning level's
 * current clause decides whether it is allowed (WHERE, JOIN conditions, GROUP BY, FILTER,
 * functions in FROM and the FROM subqueries of the owning level refuse it, 42803); an aggregate
 * call of the same level in its arguments is "cannot be nested" (42803); a WITH query below the
 * owning level in its arguments is 0A000. The owning level's analyzer appends the call, its
 * arguments moved into that level's frame, to its aggregate list; the call left in the
 * expression keeps its arguments in the frame it is written in, {@code levelsup} and
 * {@code aggno} naming the level and the slot. Invariant: every Aggref with levelsup k at a
 * level has a counterpart at index aggno of the aggregate list k levels up.
 *
 * <p>Ordered-set aggregates ({@link org.tusk.parser.OrderedSetAnalysis}): {@code f(direct) WITHIN
 * GROUP (ORDER BY keys)} is looked up on the direct arguments followed by the keys; the keys become
 * the Aggref's arguments and its ORDER BY, the direct arguments its {@code directArgs}. The level
 * is decided by the keys and FILTER only; the direct arguments may then read only that level or
 * outer ones and hold no aggregate of that level or below, and at their level they count as
 * outside the aggregate for the GROUP BY check (the DETAIL says so). A hypothetical-set
 * aggregate needs one direct argument per key, each pair coerced to its common type
 * ("WITHIN GROUP types ... cannot be matched"). Without WITHIN GROUP a call that matches an
 * ordered-set aggregate is 42809, as is WITHIN GROUP on an ordinary aggregate or OVER on an
 * ordered-set one. {@code ORDER BY x USING op} ({@link org.tusk.parser.SortUsing}, in queries,
 * windows and aggregates): {@code <} and {@code ~<~} sort ascending, {@code >} and {@code ~>~}
 * descending, any other operator is "not a valid ordering operator" (42809).
 *
 * <p>Windows ({@link org.tusk.parser.WindowGrammar}, {@link org.tusk.parser.WindowAnalysis}): the
 * grammar builds WindowDefs with PostgreSQL's frame option bits and makes gram.y's frame checks;
 * analysis keeps the level's windows in p_windowdefs order (WINDOW clause first, then each
 * distinct inline OVER), resolves window functions (built-in ones with their polymorphic
 * arguments, or aggregates, with FILTER) and, after DISTINCT, turns each window's PARTITION BY
 * and ORDER BY into target list references (resjunk entries where needed) and types its frame
 * offsets (bigint for ROWS/GROUPS, the in_range offset type for RANGE). Window functions are
 * refused outside the target list, ORDER BY and DISTINCT ON (42P20), nested (42803) or inside
 * aggregates (42803). Grouping sets ({@link org.tusk.parser.GroupingSetAnalysis}) are expanded
 * as expand_grouping_sets expands them (cross product, sorted by size with PostgreSQL's qsort;
 * a top-level {@code (a, b)} is two grouping items; GROUP BY DISTINCT sorts each set and the
 * list by sortgroupref, ORDER BY's entries numbered first, and drops equal neighbours). A
 * GROUPING() call belongs, like an aggregate, to the level of its arguments' Vars (its
 * {@code levelsup}); that level's clause must allow it, and that level, once its GROUP BY is
 * known, checks that every argument is one of its grouping expressions (42803) and records which,
 * walking into its sub-selects for calls written there. Not yet: the check of ungrouped outer
 * columns inside sub-selects ("subquery uses ungrouped column"); the written ROLLUP/CUBE/GROUPING
 * SETS structure is not kept in the Query (only the expanded sets), so pg_get_viewdef prints
 * GROUPING SETS of the expanded sets and no GROUP BY DISTINCT.
 *
 * <p>Composite values ({@link org.tusk.parser.RowAnalysis}, grammar in
 * {@link org.tusk.parser.RowGrammar}): ROW(...) and (a, b) build an anonymous record (fields
 * f1, f2, ...; {@code t.*} items expand to t's columns); a FROM item's name used as a value, or
 * {@code t.*} in an expression, is a whole-row reference: for a stored table a
 * {@link org.tusk.nodes.Expr.WholeRowVar} (makeWholeRowVar; its RowExpr of the column Vars typed
 * with the table's row type, and the table's ctid Var, which is NULL only when an outer join
 * null-extends the table, so the row is then NULL as in PostgreSQL), for other items still a
 * RowExpr of its column Vars (RECORD; not NULL when null-extended); a field of a whole-row
 * reference, {@code (x).*} of one and a {@code ROW(t.*)} item are its column Vars
 * (ParseComplexProjection's and ExpandRowReference's special cases); {@code (x).f}, {@code col.f} and {@code rel.col.f} select a field
 * (FieldSelect, or the item itself of a RowExpr), {@code (x).*} in a target list expands to one
 * column per field; a call of a function returning RECORD through OUT columns (jsonb_each) has
 * those columns as its fields, as get_expr_result_type gives them. Two row constructors compare as make_row_comparison_op does: = is the AND,
 * &lt;&gt; the OR of the pairs, the ordering operators a RowCompareExpr; IS [NOT] DISTINCT FROM
 * pairwise; {@code (a, b) IN (SELECT x, y ...)} compares with the subquery's row. Other composite
 * values compare through the record operators. A row (RECORD) is coerced to a named composite
 * field by field (coerce_record_to_complex, 42846 with PostgreSQL's details); a named composite
 * is binary-coercible to record. UPDATE's {@code SET (a, b) = (...)} takes a row constructor's
 * items (DEFAULT allowed) or the columns of a one-row sub-SELECT (each column reads its field
 * of the row {@code (SELECT s FROM (sub) s)}, so a correlated sub-SELECT runs once per assigned
 * column; a {@code ROW(v.*)} source is counted after its * is expanded).
 *
 * <p>Assignment targets with indirection ({@code SET col[i].f[j:k] = v}, {@code INSERT INTO t
 * (col.f, col[i])}, the targets of {@code SET (a[1], b.f) = ...}, ON CONFLICT's and MERGE's SET)
 * keep their steps in order as an IndirectAssign and are analysed by
 * {@link org.tusk.parser.AssignmentIndirection} as transformAssignmentIndirection does: one
 * FieldStore per field step, one SubscriptingAssign per run of adjacent subscripts, each nested
 * level working on a CaseTestExpr (the current value of the field or element above it), a
 * domain over the container or composite coerced on top (so its constraints see the finished
 * value). The bottom is the column's Var in UPDATE, a NULL in INSERT. Several assignments to one
 * column are nested as process_matched_tle does (the later over the earlier; fields of one
 * FieldStore merged); a whole-column assignment next to another is 42601 "multiple assignments
 * to same column" (without position, as the rewriter reports it). INSERT's VALUES and SELECT
 * supply the innermost value (transformInsertRow's strip_indirection) and the target list
 * rebuilds the nest over the source column; INSERT ... SELECT keeps unknown literals unknown
 * (p_resolve_unknowns) so they are read as the type they are assigned to. CREATE
 * TYPE ... AS (...) is parsed by {@link org.tusk.parser.CompositeTypeGrammar}. Not yet: row
 * expansion {@code col.*} as an assignment target, a row compared with a multi-column scalar sub-SELECT
 * ({@code (a, b) = (SELECT ...)}, ROWCOMPARE sublinks), and functional notation {@code f1(x)}.
 *
 * <p>Date/time syntax ({@link org.tusk.parser.DateTimeGrammar}) is rewritten as gram.y does:
 * {@code EXTRACT(f FROM x)} is the call {@code extract('f', x)}, {@code x AT TIME ZONE z} is
 * {@code timezone(z, x)}, and interval field qualifiers ({@code INTERVAL '1' YEAR},
 * {@code interval day to second(3)}) become the interval typmod (range mask &lt;&lt; 16 | precision),
 * which ParseCoerce hands to interval input so that a bare number takes the qualifier's unit.
 * timestamp/time/timetz precisions are typmods 0..6 applied by CoerceToTypmod. bit(n) and bit
 * varying(n) have the length itself as typmod ({@code BitTypmods}); a bare BIT means bit(1) as in
 * gram.y, and B'...'/X'...' constants ({@code BitStringConst}) are bit literals without a length.
 *
 * <p>Arrays ({@link org.tusk.parser.ArrayAnalysis}, grammar in {@link org.tusk.parser.ArrayGrammar}):
 * ARRAY[...] (with a cast's target type pushed down), ARRAY(subquery), subscripts and slices,
 * x op ANY/ALL (array), UPDATE SET col[...] = v and INSERT (col[...]) VALUES. Polymorphic
 * functions and operators (anyelement, anyarray, anynonarray, anycompatible[array]) are checked
 * for consistency while candidates are chosen and then bound to the resolved types
 * ({@link org.tusk.parser.ParsePolymorphic}); array types coerce element-wise (ArrayCoerceExpr).
 *
 * <p>User-defined objects: {@link org.tusk.parser.TypeGrammar} (CREATE TYPE AS ENUM, ALTER
 * TYPE, DROP TYPE), {@link org.tusk.parser.DefineGrammar} (gram.y DefineStmt: CREATE TYPE name
 * [(definition)] for shell and base types, CREATE OPERATOR, ALTER OPERATOR ... SET; a def_arg is
 * kept as its text and name parts), {@link org.tusk.parser.CastGrammar} (CREATE CAST, DROP CAST)
 * and {@link org.tusk.parser.FunctionGrammar} (CREATE [OR REPLACE] FUNCTION,
 * DROP FUNCTION) parse their statements; {@link org.tusk.parser.AnyEnum} binds the pseudo-type
 * anyenum of built-in operators, functions and aggregates to the call's enum type
 * (enforce_generic_type_consistency); {@link org.tusk.parser.UserFunctions} adds pg_proc's
 * functions to function resolution (after the built-ins, which pg_catalog puts first in the
 * path) with FuncnameGetCandidates' rules: defaults of omitted arguments, named notation
 * (name => value after the positional arguments, {@link org.tusk.parser.FuncArgs}), VARIADIC
 * parameters collected into an array or passed as one with VARIADIC in the call
 * ({@link org.tusk.parser.VariadicCalls}, which also spreads such an array for built-ins declared
 * VARIADIC "any"); built-ins that declare parameter names (BuiltinCatalog.parameterInfo, such
 * as the jsonb_path_* functions) accept named notation too: {@link
 * org.tusk.parser.BuiltinNamedArgs} rewrites such a call into positional form, filling omitted
 * parameters with their declared defaults, before resolution; built-ins declared VARIADIC over a
 * concrete array type (BuiltinCatalog.isVariadic, json_extract_path) are offered in their
 * expanded form to calls without VARIADIC and in their declared form to calls with it
 * ({@link org.tusk.parser.BuiltinVariadic}, FuncnameGetCandidates), an expanded form giving way
 * to an ordinary overload with the same argument types;
 * {@link org.tusk.parser.UserAggregates} adds pg_aggregate's aggregates to
 * aggregate and window-aggregate resolution; {@link org.tusk.parser.AggregateGrammar} parses
 * CREATE/DROP AGGREGATE;
 * {@link org.tusk.parser.SqlFunctionBody} analyses a SQL function's body with its arguments as
 * $1..$n or by name (a name is a parameter only where no column has it) and coerces the final
 * statement's single column to the declared result (check_sql_fn_retval).
 * {@link org.tusk.parser.PolymorphicSqlCalls} binds a user function with polymorphic parameters
 * to the types of each call before its body is analysed (the body's plans are then per bound
 * signature). {@link org.tusk.parser.CallAnalysis} (transformCallStmt) resolves CALL's call
 * against procedures only and makes it the query {@code SELECT * FROM proc(args)}, whose row is
 * the output parameters ExecuteCallStmt returns; a function call naming a procedure is
 * "... is a procedure" (42809), a CALL naming a function "... is not a procedure".
 *
 * <p>Functions in FROM ({@link org.tusk.parser.RangeFunctionAnalysis}, transformRangeFunction):
 * implicitly LATERAL; WITH ORDINALITY, ROWS FROM (...) and the multi-argument unnest (expanded
 * into one unnest per argument) give one range table entry with several calls; column names
 * come from OUT parameters, else the alias (one call) or the function name. A function returning
 * record without OUT parameters needs a column definition list and any other refuses one
 * ({@link org.tusk.parser.FuncAliasGrammar} parses func_alias_clause and ROWS FROM's
 * opt_col_def_list; {@link org.tusk.parser.ColumnDefinitionList} checks it, makes the columns and
 * binds a ColumnListFunction built-in to them; the range table function keeps the list's types,
 * against which the executor checks each returned record). Where a
 * set-returning function may be called is checked as each call is analysed
 * ({@link org.tusk.parser.ParseSrf}, check_srf_call_placement, plus the aggregate-argument,
 * CASE, COALESCE and top-of-FROM rules), always 0A000 at the call's position.
 *
 * <p>Columns of a table range table entry are in attribute-number order, one per attribute, so
 * Var attno is the attribute number; a dropped column keeps its place with an empty name (as
 * PostgreSQL's eref), which no reference can match and which {@code *}, column aliases and
 * INSERT's default column list skip. A name that is none of a table's columns may be one of its
 * system columns ({@link org.tusk.parser.SystemColumns}: ctid, xmin, cmin, xmax, cmax, tableoid,
 * only on table FROM items, never in {@code *}), numbered past the table's columns. ALTER COLUMN
 * TYPE's new-value expression and rewrite decision come from {@link org.tusk.parser.AlterTypeAnalysis}.
 *
 * <p>Invariants: the Query handed to the optimizer is fully typed; visible target entries come
 * first, resjunk (ORDER BY-only) entries after; nothing in the Query refers back to raw nodes.
 * Analysis depends on session state only through the input settings passed in (an
 * {@link org.tusk.utils.adt.InputSettings}: TimeZone, DateOrder, IntervalStyle and the
 * transaction's start, which the input functions of the literals it folds read; the parameters
 * that carry them are still named {@code zone}).
 *
 * <p>Declarative partitioning ({@link org.tusk.parser.PartitionGrammar}): PARTITION BY
 * strategy (part_elem: a column, a function call or a parenthesized expression, each with
 * optional COLLATE and operator class), PARTITION OF parent [(column options, constraints)] FOR VALUES IN /
 * FROM ... TO / WITH (MODULUS, REMAINDER) | DEFAULT, and ATTACH / DETACH PARTITION. As in
 * gram.y the parent of PARTITION OF goes into inhRelations; each bound datum keeps its SQL
 * text, analysed by {@link org.tusk.parser.PartitionBoundAnalysis} against its key column's
 * type (no column references, no subqueries). Key expressions are analysed by
 * {@link org.tusk.parser.PartitionKeyAnalysis} over the partitioned table's row. ALTER INDEX
 * name ATTACH PARTITION index is, as in gram.y, an AlterTableStmt whose ATTACH PARTITION has
 * no bound. ON CONFLICT without a conflict target leaves the arbiter list empty
 * (infer_arbiter_indexes returns NIL): the executor then checks every unique and exclusion
 * index of the relation the row is stored in.
 *
 * <p>Domains: {@link org.tusk.parser.DomainGrammar} parses CREATE/ALTER/DROP DOMAIN (DOMAIN is
 * recognised as an unquoted word, not a lexer keyword). {@link org.tusk.parser.ParseCoerce}
 * coerces to a domain as coerce_to_domain does: to the base type (with the domain's typmod),
 * then a CoerceToDomain node; from a domain through a RelabelType to its base type. Operator and
 * function resolution ({@link org.tusk.parser.ParseFunc#select}) and select_common_type see a
 * domain as its base type, so d + 1 is of the base type. A domain CHECK is analysed by
 * {@link org.tusk.parser.DomainCheckAnalysis} with VALUE as a CoerceToDomainValue.
 *
 * <p>anyrange belongs to polymorphic family 1 ({@code ParsePolymorphic}): every argument
 * declared anyrange must have the same range type (a domain over a range counts as the range),
 * and anyelement in the same call is that range's subtype.
 *
 * <p>{@link org.tusk.parser.OpclassGrammar} parses CREATE OPERATOR CLASS / FAMILY, ALTER OPERATOR
 * FAMILY ... ADD / DROP and DROP OPERATOR CLASS / FAMILY (recognised by the words OPERATOR CLASS /
 * OPERATOR FAMILY before CREATE OPERATOR and DROP OPERATOR are tried). CURRENT_TIME and
 * CURRENT_TIME(p) are now() cast to timetz (with the precision as typmod), as GetSQLCurrentTime.
 *
 * <p>Collations ({@link org.tusk.parser.ParseCollate}, parse_collate.c): {@code expr COLLATE name}
 * is a RawExpr.CollateClause, analysed into an Expr.CollateExpr (42804 on a non-collatable type,
 * 42704 for an unknown name); coercion goes under a CollateExpr (coerce_type). Analysed nodes do
 * not store a collation: ParseCollate derives it from the tree (explicit &gt; conflict &gt; implicit,
 * the default collation giving way to any other implicit one; a Var takes its table column's
 * attcollation or its subquery column's) and reports two different explicit collations in one
 * context (42P21) when a SELECT's target list, WHERE and HAVING are complete. A column
 * definition's COLLATE (ColQualList; twice is 42601) and ALTER COLUMN TYPE ... COLLATE are kept
 * by name for the commands. In an index element a top-level COLLATE of the expression becomes
 * the element's collation and the stored expression is its argument (ComputeIndexAttrs), and an
 * expression column's collation is the expression's. Under the C locale all three collations
 * compare bytewise, so the derivation decides what is recorded and reported, not results.
 */
package org.tusk.parser;
