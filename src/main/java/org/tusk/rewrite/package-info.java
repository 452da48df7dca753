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
 * <p>RewriteQuery for INSERT, UPDATE and DELETE ({@link org.tusk.rewrite.RuleFirer}): the
 * rules of the target (pg_rewrite rows other than "_RETURN", read through the relcache's
 * rd_rules copy) fire in name order. Their condition and actions are stored as SQL text and
 * analysed again at each use ({@link org.tusk.rewrite.RuleActions}); OLD and NEW are resolved by a
 * parser hook to Vars with the reserved varnos RuleActions.OLD_VARNO / NEW_VARNO, which never
 * leave the rewriter: rewriteRuleAction replaces them with the original statement's target row
 * and new row while joining the action with the original's rows (its range table appended, its
 * join tree and WHERE added, the rule condition ANDed; an INSERT ... VALUES action becomes INSERT
 * ... SELECT over them; Tusk's INSERT source row becomes a VALUES or subquery entry). An
 * unconditional INSTEAD rule drops the original, a conditional one adds "condition IS NOT TRUE"
 * to it. Products are rewritten again; a relation whose rules reach it again is 42P17. The
 * result ({@link org.tusk.rewrite.RewriteHandler.Rewritten}) lists the statements in
 * PostgreSQL's order (INSERT: original first; UPDATE/DELETE: actions first) and which one sets
 * the command tag (canSetTag); tcop runs them in order with a CommandCounterIncrement after each.
 *
 * <p>Automatically updatable views ({@link org.tusk.rewrite.ViewTargetRewriter},
 * rewriteTargetView): without an unconditional INSTEAD rule, a statement on a view that
 * view_query_is_auto_updatable accepts ({@link org.tusk.rewrite.ViewUpdatability}) is turned
 * into the same statement on the view's base relation: the view's entry is replaced by the base
 * relation's at the same index, every Var of the view at any level becomes the view's expression
 * ({@link org.tusk.rewrite.RewriteManip}, rewriteManip.c), the view's WHERE is added for UPDATE
 * and DELETE, and the complete new row is re-keyed to the base relation's columns (unassigned
 * columns keep their value, or take the base column's default; a view column's own default
 * applies when an INSERT leaves it out). A view that is not updatable is 55000 with PostgreSQL's
 * DETAIL and HINT, a non-updatable column assigned is 0A000. Permissions: the statement's own
 * range table (the view as target) is checked for the user by the caller before rewriting; the
 * base relation is checked here for the view's owner.
 *
 * <p>WITH CHECK OPTION (rewriteTargetView's WithCheckOption step): a view's check option is its
 * reloption check_option ({@link org.tusk.rewrite.ViewCheckOption}). INSERT and UPDATE through a
 * view that has one, or under a view whose check is CASCADED, get a
 * {@link org.tusk.nodes.Query.WithCheckOption} holding the view's WHERE moved onto the base
 * relation, placed before the checks of the views above, so the list runs innermost view first;
 * checks already in the statement are rewritten onto the next base relation with the rest of it.
 * A LOCAL view without a WHERE adds nothing; a CASCADED one adds a check without a qual, which
 * only passes CASCADED down. The planner turns them into ModifyTable's checks and the executor
 * tests each changed row (ExecWithCheckOptions).
 *
 * <p>INSTEAD OF triggers ({@link org.tusk.rewrite.ViewInsteadTriggers}, view_has_instead_trigger):
 * a view with an INSTEAD OF row trigger for the statement's event and no unconditional INSTEAD
 * rule is not rewritten onto its base relation; it stays the result relation (one exception to
 * the invariant above) and the executor calls the trigger. For UPDATE and DELETE the view's
 * expansion is appended as the last range table entry and replaces the view in the join tree and
 * in every Var but RETURNING's (ApplyRetrieveRule's copy of the result relation), so the planner
 * reads the view's rows from it; the view's own SELECT privilege is not checked again there.
 *
 * <p>Row-level security (rowsecurity.c, {@link org.tusk.rewrite.RowSecurity},
 * {@link org.tusk.rewrite.RowSecurityRewriter}): fireRIRrules ends each query level by applying
 * the policies of every table entry for which check_enable_rls says they apply (relrowsecurity,
 * not a superuser, BYPASSRLS role or — without relforcerowsecurity — the owner; the user is the
 * view owner inside a view). The quals the rows read must pass (permissive USING ORed, each
 * restrictive ANDed, {@code false} without a permissive policy) are ANDed in front of the level's
 * WHERE for the UPDATE/DELETE target and for entries joined by inner joins only; an entry on the
 * nullable side of an outer join becomes a subquery over the table with the quals, at the same
 * index. INSERT and UPDATE get WithCheckOptions of kind WCO_RLS_INSERT_CHECK /
 * WCO_RLS_UPDATE_CHECK ahead of any view's, which the executor tests before the row is stored.
 * Policy expressions are stored as text ({@link org.tusk.rewrite.PolicyExpressions} analyses them
 * as {@code SELECT (expr) FROM ONLY table}); their SubLinks are rewritten like any other query
 * below, and a table met again while its own policies are expanded is 42P17. With row_security
 * off ({@link org.tusk.rewrite.RewriteHandler#rowSecurity}) a statement policies would affect is
 * 42501 instead. PostgreSQL evaluates security quals before the query's own (security barrier,
 * leakproof functions); Tusk only puts them first in the AND, so a leaky function in the
 * query's WHERE may see rows the policies hide.
 *
 * <p>Not built: WITH CHECK OPTION over a base table with inheritance children (refused by the planner), rule actions
 * that are SELECTs, several VALUES rows in one rule action; for row-level security, the ON CONFLICT
 * DO UPDATE policy checks (WCO_RLS_CONFLICT_CHECK), MERGE's policies, and the checks of a row an
 * INSERT routes into a partition with ON CONFLICT.
 *
 * <p>The package depends on the parser (to analyse views' text) and the executor's permission
 * checks; the planner and the executor never call it. One RewriteHandler serves one statement on
 * the backend's thread.
 */
package org.tusk.rewrite;
