/**
 * ruleutils (PostgreSQL's utils/adt/ruleutils.c): turning analysed trees back into SQL text.
 *
 * <p>Two printers live here. {@link org.tusk.utils.ruleutils.Deparser} prints a single
 * expression for pg_get_expr, pg_get_indexdef and pg_get_constraintdef. The query deparser
 * (get_query_def) prints a whole SELECT for pg_get_viewdef and pg_get_ruledef
 * ({@link org.tusk.utils.ruleutils.ViewDef}): {@code QueryDeparser} (WITH, select list, WHERE,
 * GROUP BY, HAVING, WINDOW, set operations, ORDER BY, LIMIT/OFFSET, FOR UPDATE),
 * {@code FromClauseDeparser} (FROM items, joins, aliases) and {@code RuleExpr} (get_rule_expr:
 * every expression node, sub-links recursing into the query deparser), sharing a
 * {@code DeparseContext} (buffer, pretty flags, indentation, the stack of query levels).
 *
 * <p>Rules other than a view's: {@code RuleDef} (make_ruledef) prints an INSERT, UPDATE or
 * DELETE rule from its condition and actions, which the caller analyses again from pg_rewrite's
 * texts as the rewriter does (FunctionCallContext.analyzeStoredRule); OLD and NEW are Vars of the
 * reserved varnos Query.PRS2_OLD_VARNO / PRS2_NEW_VARNO and print as {@code old.col} /
 * {@code new.col}, the names OLD and NEW reserved at each action's level as PostgreSQL's rtable
 * entries 1 and 2 reserve them. The query deparser prints INSERT (its column list with the
 * indirection of each assignment, process_matched_tle's nesting undone), UPDATE, DELETE and a
 * NOTIFY action.
 *
 * <p>SQL-standard function bodies: {@code FunctionBodyDef} (print_function_sqlbody) prints the
 * statements of prosqlbody, analysed again under the function's schema, through the query
 * deparser with an outermost namespace that names the function's arguments (get_parameter);
 * SELECT, RETURN and INSERT are deparsed, other statements shown as stored.
 *
 * <p>Partitioning: {@code PartitionRuleUtils} prints pg_get_partkeydef (key expressions
 * analysed from partexprs and deparsed as pg_get_indexdef does its keys) and gives the catalog
 * the types of key expressions; {@link org.tusk.utils.ruleutils.PartitionQual} builds
 * pg_get_partition_constraintdef's text directly in the form get_rule_expr prints the quals of
 * partbounds.c (get_qual_for_list / range / hash), the ancestors' quals first.
 *
 * <p>Invariants. A view's Query is not stored: Tusk keeps the SELECT's text in
 * pg_rewrite.ev_action, and callers analyse it at call time exactly as the rewriter does, so the
 * deparsed text always reflects the current names of the objects it reads. Range table entries
 * are named once per query level by {@code DeparseNamespace} (set_rtable_names): a name taken by
 * an enclosing level, or by the view rule's OLD and NEW entries, is made unique with "_N". The
 * layout follows appendContextKeyword and PRETTYINDENT_* exactly: pg_get_viewdef(view) uses
 * PRETTYFLAG_INDENT (every operator parenthesized), pg_get_viewdef(view, true) adds
 * PRETTYFLAG_PAREN (parentheses only where isSimpleNode says they are needed).
 *
 * <p>Known gaps, where Tusk's analysed tree holds less than PostgreSQL's: coercions do not record
 * whether they were written (CoercionForm), so all are shown where showimplicit is true and
 * hidden where it is false; a simple CASE has been turned into a searched one; GROUP BY ROLLUP /
 * CUBE are kept only as their expanded sets and print as GROUPING SETS; a CTE's or subquery's
 * column alias list is printed when the names differ from the query's own.
 *
 * <p>Locking: none of its own. Catalog lookups go through {@code ObjectNames} with the caller's
 * catalog snapshot; the printers keep no state between calls.
 */
package org.tusk.utils.ruleutils;
