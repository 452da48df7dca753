/**
 * The query rewriter (PostgreSQL's {@code src/backend/rewrite}): runs between parse analysis
 * and planning on every statement ({@code tcop.Engine}).
 *
 * <p>{@link org.tusk.rewrite.RewriteHandler} expands views: each range table entry naming a view
 * becomes a subquery entry over the view's query (fireRIRrules / ApplyRetrieveRule), at every
 * query level ({@link org.tusk.rewrite.QueryWalker}: FROM subqueries, CTEs, SubLinks, INSERT's
 * source). The view's query is its "_RETURN" rule's action, which Tusk keeps as SQL text (see
 * {@code catalog/package-info.java}), so it is parsed and analysed again at each use, with the
 * search_path of the moment (PostgreSQL binds names once, at CREATE VIEW) and keeping only the
 * view's columns (a {@code *} over a table that gained columns yields extra ones, made resjunk).
 * A view that refers to itself (through CREATE OR REPLACE) is 42P17.
 *
 * <p>Invariants: the rewritten Query has no range table entry of a view except a data-modifying
 * statement's target; the expanded entry keeps its index, alias and column names, so Vars
 * referring to it stay valid. Permissions: SELECT on a view is checked for the user reading it
 * (the current user, or for a view inside a view the outer view's owner), and the relations the
 * view's query reads are checked for the view's owner at any depth of that query, as PostgreSQL's
 * checkAsUser makes ExecCheckRTPerms do; the checks run here because the expanded query no longer
 * records whose privileges count. Statements only being parsed or described are not checked.
 *
 * <p>INSERT, UPDATE and DELETE on a view: automatically updatable views are not implemented, so
 * each fails with 55000 and PostgreSQL's HINT, with view_query_is_auto_updatable's DETAIL where
 * PostgreSQL would refuse the view as well ({@link org.tusk.rewrite.ViewUpdatability}).
 *
 * <p>The package depends on the parser (to analyse views' text) and the executor's permission
 * checks; the planner and the executor never call it. One RewriteHandler serves one statement on
 * the backend's thread.
 */
package org.tusk.rewrite;
