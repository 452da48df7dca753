package org.tusk.tcop;

import java.util.List;

import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.optimizer.BoundParams;
import org.tusk.optimizer.Planner;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Parser;
import org.tusk.rewrite.RewriteHandler;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.SessionServices;

/**
 * The SQL engine's entry points, in the role of PostgreSQL's postgres.c exec_simple_query():
 * {@link #parse} is pg_parse_query (the whole string, all statements); {@link #prepare} is
 * pg_analyze_and_rewrite + pg_plan_queries for one statement. As in PostgreSQL, callers should
 * prepare each statement only after executing the previous one, since analysis depends on
 * session state (e.g. a SET TIME ZONE earlier in the same string).
 */
public final class Engine {
    private Engine() {}

    /** Splits and parses a query string; syntax errors anywhere fail the whole string. */
    public static List<RawStmt> parse(String queryString) {
        return Parser.parse(queryString);
    }

    /** As {@link #parse(String)}, scanning with the session's standard_conforming_strings and escape_string_warning. */
    public static List<RawStmt> parse(String queryString, org.tusk.utils.misc.ScanSettings settings) {
        return Parser.parse(queryString, settings);
    }

    /** Analyses and plans one statement of {@code queryString}, which may not use parameters. */
    public static PreparedStatement prepare(RawStmt raw, String queryString, RelationProvider relations,
                                            SessionServices session) {
        return prepare(raw, queryString, relations, session, null, null);
    }

    /**
     * Analyses and plans a statement with parameters (the extended protocol). {@code paramTypes}
     * gives the declared types (0: infer) and receives the resolved ones; {@code paramText} holds
     * the bound values in their types' text input form (null for SQL NULL), or is null when the
     * statement is only being described.
     */
    public static PreparedStatement prepare(RawStmt raw, String queryString, RelationProvider relations,
                                            SessionServices session, List<Integer> paramTypes, String[] paramText) {
        return prepare(raw, queryString, relations, session, paramTypes, paramText, null);
    }

    /**
     * The same for a backend with storage: {@code env} (this statement's snapshot, command id,
     * catalog and access methods) lets the statement read and change tables. Without one, the
     * statements that need tables (CREATE/DROP TABLE and INDEX, INSERT, UPDATE, DELETE) fail
     * with 0A000 and names resolve to system views only.
     */
    public static PreparedStatement prepare(RawStmt raw, String queryString, RelationProvider relations,
                                            SessionServices session, List<Integer> paramTypes, String[] paramText,
                                            ExecEnvironment env) {
        return prepare(raw, queryString, relations, session, paramTypes, paramText, env, false);
    }

    /**
     * The INSERT that fills the new table of CREATE TABLE AS (intorel_receive): as {@link #prepare},
     * but the new table needs no INSERT privilege ({@code ExecPermissions.check}'s intoRelation).
     */
    static PreparedStatement prepareIntoRelation(RawStmt raw, String queryString, RelationProvider relations,
                                                 SessionServices session, List<Integer> paramTypes, String[] paramText,
                                                 ExecEnvironment env) {
        return prepare(raw, queryString, relations, session, paramTypes, paramText, env, true);
    }

    private static PreparedStatement prepare(RawStmt raw, String queryString, RelationProvider relations,
                                             SessionServices session, List<Integer> paramTypes, String[] paramText,
                                             ExecEnvironment env, boolean intoRelation) {
        if (raw.stmt() instanceof Stmt.UnsupportedStmt u)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, u.tag() + " is not supported yet");
        String tableTag = PreparedStatement.tableStatementTag(raw.stmt());
        if (tableTag != null && env == null)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, tableTag + " is not supported yet");
        ExecContext ctx = ExecContext.of(session, env);
        if (raw.stmt() instanceof Stmt.ExplainStmt ex) return prepareExplain(raw, ex, queryString, relations, session, paramTypes, paramText, env, ctx, true);
        org.tusk.utils.adt.InputSettings zone = ctx.inputSettings();
        Query q = Analyzer.analyze(raw, queryString, relations, env, zone, session.currentDatabase(), paramTypes);
        // ExecCheckRTPerms; a statement only being parsed or described (extended protocol) is not checked yet.
        if (env != null) {
            boolean check = !(paramTypes != null && paramText == null);
            if (check) org.tusk.executor.ExecPermissions.check(q, env, intoRelation);
            RewriteHandler.Rewritten rw = new RewriteHandler(relations, env, zone, session.currentDatabase(), check)
                    .rowSecurity(rowSecurity(session))
                    .rewriteAll(q);
            if (rw.queries().size() != 1 || rw.tagIndex() != 0) {
                return prepareProducts(q, rw, queryString, relations, session, paramTypes, paramText, env);
            }
            q = rw.queries().get(0);
        }
        if (paramText != null) {
            // Planned for this execution only: a custom plan, with the values as constants.
            ctx.setParams(paramValues(paramTypes, paramText, ctx));
            if (paramText.length > 0) q = BoundParams.asConstants(q, ctx);
        }
        PlannedStmt p = Planner.plan(q, ctx, env);
        PreparedStatement ps = new PreparedStatement(p, session, ctx, queryString, relations);
        if (raw.stmt() instanceof Stmt.CallStmt) ps.markCall();
        // CREATE TABLE ... AS EXECUTE runs the prepared query with these values bound
        if (raw.stmt() instanceof Stmt.CreateTableAsStmt) ps.bindUtilityParams(paramTypes, paramText);
        return ps;
    }

    /**
     * EXPLAIN EXECUTE's statement ({@code explained}: the prepared statement under the EXPLAIN),
     * with the parameter list's values bound for ANALYZE; {@code customPlan} false explains the
     * plan made with the parameters as Params, as PostgreSQL does once the prepared statement's
     * generic plan is chosen.
     */
    static PreparedStatement prepareExplainExecute(RawStmt explained, String queryString, RelationProvider relations,
                                                   SessionServices session, List<Integer> paramTypes, String[] paramText,
                                                   ExecEnvironment env, boolean customPlan) {
        return prepareExplain(explained, (Stmt.ExplainStmt) explained.stmt(), queryString, relations, session, paramTypes,
                paramText, env, ExecContext.of(session, env), customPlan);
    }

    /**
     * A statement that rules turned into several (or none): each is planned with a context of its
     * own; the one that sets the command tag is returned with the others to run before and after
     * it, or, when none sets it, a statement that runs nothing but carries the original's kind.
     */
    private static PreparedStatement prepareProducts(Query original, RewriteHandler.Rewritten rw, String queryString,
                                                     RelationProvider relations, SessionServices session,
                                                     List<Integer> paramTypes, String[] paramText, ExecEnvironment env) {
        List<PreparedStatement> all = new java.util.ArrayList<>();
        for (Query q : rw.queries()) {
            ExecContext c = ExecContext.of(session, env);
            Query planned = q;
            if (paramText != null) {
                c.setParams(paramValues(paramTypes, paramText, c));
                if (paramText.length > 0) planned = BoundParams.asConstants(q, c);
            }
            all.add(new PreparedStatement(Planner.plan(planned, c, env), session, c, queryString, relations));
        }
        if (rw.tagIndex() >= 0) {
            PreparedStatement primary = all.get(rw.tagIndex());
            primary.setRuleProducts(all.subList(0, rw.tagIndex()), all.subList(rw.tagIndex() + 1, all.size()), false);
            return primary;
        }
        ExecContext c = ExecContext.of(session, env);
        PreparedStatement none = new PreparedStatement(new PlannedStmt(null, null, List.of(), List.of(), List.of(),
                original.commandType()), session, c, queryString, relations);
        none.setRuleProducts(all, List.of(), true);
        return none;
    }

    /**
     * A statement analysed and planned once, to be run again with other parameter values
     * (plancache.c's generic plan): parameters stay Param nodes in the plan, evaluated at run time.
     */
    public record Planned(Query query, PlannedStmt plan) {}

    /**
     * Analysis, rewriting and planning only (pg_analyze_and_rewrite + pg_plan_query), with the
     * permission checks (ExecCheckRTPerms, and the view owner's on a view's tables), for
     * {@link #instantiate}; null when rules turn the statement into other than one statement. The caller keeps the result only as long as no catalog invalidation
     * arrives and the role is the same, so the checks' outcome cannot change while it is reused.
     */
    static Planned analyzeAndPlan(RawStmt raw, String queryString, RelationProvider relations, SessionServices session,
                                  List<Integer> paramTypes, ExecEnvironment env) {
        ExecContext ctx = ExecContext.of(session, env);
        org.tusk.utils.adt.InputSettings zone = ctx.inputSettings();
        Query q = Analyzer.analyze(raw, queryString, relations, env, zone, session.currentDatabase(), paramTypes);
        org.tusk.executor.ExecPermissions.check(q, env);
        RewriteHandler.Rewritten rw = new RewriteHandler(relations, env, zone, session.currentDatabase(), true)
                .rowSecurity(rowSecurity(session))
                .rewriteAll(q);
        // rules made several statements (or none) of it: a Planned holds one plan, so the caller prepares it afresh
        if (rw.queries().size() != 1 || rw.tagIndex() != 0) return null;
        q = rw.queries().get(0);
        return new Planned(q, Planner.plan(q, ctx, env));
    }

    /**
     * PrepareQuery's part for a plannable statement (SELECT, INSERT, UPDATE, DELETE, MERGE):
     * parse analysis with the declared parameter types, which resolves the others into
     * {@code paramTypes}, and rewriting (QueryRewrite), but no planning: the plan is made at the
     * first EXECUTE (GetCachedPlan), so an error the planner would raise (1/0 folded as a
     * constant) is raised there. Permissions are checked at execution (ExecCheckRTPerms), not
     * here. Returns the result column types as {@link PreparedQueries#resultTypes} gives them
     * for the executed statement (null for a statement that returns no rows).
     */
    static List<Integer> analyzeAndRewrite(RawStmt raw, String queryString, RelationProvider relations,
                                           SessionServices session, List<Integer> paramTypes, ExecEnvironment env) {
        ExecContext ctx = ExecContext.of(session, env);
        org.tusk.utils.adt.InputSettings zone = ctx.inputSettings();
        Query q = Analyzer.analyze(raw, queryString, relations, env, zone, session.currentDatabase(), paramTypes);
        RewriteHandler.Rewritten rw = new RewriteHandler(relations, env, zone, session.currentDatabase(), false)
                .rowSecurity(rowSecurity(session))
                .rewriteAll(q);
        Query tagged = rw.tagIndex() >= 0 ? rw.queries().get(rw.tagIndex()) : null;
        return resultTypes(tagged, q.commandType());
    }

    /**
     * The types of the columns a query returns, as PreparedStatement describes them
     * (SendRowDescriptionMessage): a SELECT's visible target list, a modification's RETURNING list
     * (null without one), domains as their base types; null for a statement rules replaced.
     */
    private static List<Integer> resultTypes(Query q, Query.CommandType original) {
        boolean select = (q == null ? original : q.commandType()) == Query.CommandType.SELECT;
        if (q == null) return select ? List.of() : null;
        List<Query.TargetEntry> out = select ? q.targetList() : q.returningList();
        if (!select && out.isEmpty()) return null;
        List<Integer> types = new java.util.ArrayList<>();
        for (Query.TargetEntry te : out) {
            if (te.resjunk()) continue;
            types.add(org.tusk.catalog.TypeCache.baseType(te.expr().type()));
        }
        return List.copyOf(types);
    }

    /**
     * One execution of a {@link Planned} statement: this statement's environment (snapshot,
     * command id) and the bound parameter values.
     */
    static PreparedStatement instantiate(Planned planned, String queryString, SessionServices session,
                                         List<Integer> paramTypes, String[] paramText, ExecEnvironment env,
                                         RelationProvider relations) {
        ExecContext ctx = ExecContext.of(session, env);
        ctx.setParams(paramValues(paramTypes, paramText, ctx));
        return new PreparedStatement(planned.plan(), session, ctx, queryString, relations);
    }

    /**
     * pg_rewrite_query (views expanded, the view owner's privileges checked on their tables), then
     * ExecCheckRTPerms when {@code checkPermissions}: the one path every analysed statement of a
     * backend with storage takes before planning.
     */
    private static Query rewrite(Query q, RelationProvider relations, SessionServices session, ExecEnvironment env,
                                 ExecContext ctx, boolean checkPermissions) {
        // The statement's own range table is checked for the user before rewriting: a view it
        // updates is checked as itself (the rewriter checks the view's base relation for the view's owner).
        if (checkPermissions) org.tusk.executor.ExecPermissions.check(q, env);
        return new RewriteHandler(relations, env, ctx.inputSettings(), session.currentDatabase(), checkPermissions)
                .rowSecurity(rowSecurity(session)).rewrite(q);
    }

    /** The row_security setting (on unless set off). */
    static boolean rowSecurity(SessionServices session) {
        return org.tusk.rewrite.RowSecurity.setting(session);
    }

    private static Object[] paramValues(List<Integer> paramTypes, String[] paramText, ExecContext ctx) {
        int n = paramTypes == null ? 0 : paramTypes.size();
        if (paramText.length != n) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + paramText.length
                    + " parameters, but prepared statement requires " + n);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = paramText[i] == null ? null
                    : org.tusk.catalog.BuiltinCatalog.type(paramTypes.get(i)).input().in(paramText[i], ctx.inputSettings());
        }
        return values;
    }

    /**
     * EXPLAIN (ExplainQuery's first half): checks the options, analyses and plans the explained
     * statement (timing the planner for SUMMARY); the statement runs, under ANALYZE, when the
     * EXPLAIN is executed.
     */
    private static PreparedStatement prepareExplain(RawStmt raw, Stmt.ExplainStmt ex, String queryString,
                                                    RelationProvider relations, SessionServices session,
                                                    List<Integer> paramTypes, String[] paramText, ExecEnvironment env,
                                                    ExecContext ctx, boolean customPlan) {
        org.tusk.commands.explain.ExplainOptions opts = org.tusk.commands.explain.ExplainOptions.parse(ex.options());
        RawStmt inner = new RawStmt(ex.query(), ex.queryLocation(), raw.location() + raw.length() - ex.queryLocation());
        // ExplainOneUtility: EXPLAIN CREATE TABLE AS / SELECT INTO explains the query, whose rows
        // EXPLAIN ANALYZE stores in the new table; a name already taken is settled before planning
        Stmt.CreateTableAsStmt into = null;
        if (ex.query() instanceof Stmt.CreateTableAsStmt c) {
            if (env == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "CREATE TABLE AS is not supported yet");
            if (org.tusk.commands.CreateAsCommands.relationExists(c, env)) {
                return new PreparedStatement(new PlannedStmt(null, ex, List.of(), List.of(), List.of()), session, ctx,
                        queryString, relations, new PreparedStatement.Explain(opts, null, 0, null));
            }
            into = c;
            inner = new RawStmt(c.query(), ex.queryLocation(), inner.length());
        }
        // the parameters' values (Bind's, or EXPLAIN EXECUTE's list): EXPLAIN ANALYZE runs with them
        if (paramText != null) ctx.setParams(paramValues(paramTypes, paramText, ctx));
        // ExplainOneUtility: EXPLAIN DECLARE explains the cursor's query
        if (ex.query() instanceof Stmt.DeclareCursorStmt d) inner = d.query();
        String tableTag = PreparedStatement.tableStatementTag(inner.stmt());
        if (tableTag != null && env == null)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, tableTag + " is not supported yet");
        Query q = Analyzer.analyze(inner, queryString, relations, env, ctx.inputSettings(), session.currentDatabase(), paramTypes);
        if (env != null) q = rewrite(q, relations, session, env, ctx, true);
        // With values (Bind's, or EXPLAIN EXECUTE's list) the statement is planned for them (a custom
        // plan), unless it explains a prepared statement's generic plan.
        if (paramText != null && paramText.length > 0 && customPlan) q = BoundParams.asConstants(q, ctx);
        long t0 = System.nanoTime();
        PlannedStmt p = Planner.plan(q, ctx, env);
        double planningMs = (System.nanoTime() - t0) / 1e6;
        PreparedStatement ps = new PreparedStatement(new PlannedStmt(null, ex, List.of(), List.of(), List.of()), session, ctx,
                queryString, relations, new PreparedStatement.Explain(opts, p, planningMs, into, scrollMaterialized(ex, p)));
        if (into != null) ps.bindUtilityParams(paramTypes, paramText);
        return ps;
    }

    /**
     * standard_planner with CURSOR_OPT_SCROLL: an explicitly SCROLL cursor whose plan cannot run
     * backward (ExecSupportsBackwardScan) gets a Material node on top.
     */
    private static boolean scrollMaterialized(Stmt.ExplainStmt ex, PlannedStmt p) {
        return ex.query() instanceof Stmt.DeclareCursorStmt d && Boolean.TRUE.equals(d.scroll()) && p.planTree() != null
                && !Cursors.supportsBackwardScan(p.planTree());
    }
}
