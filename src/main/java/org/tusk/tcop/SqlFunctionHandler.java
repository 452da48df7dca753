package org.tusk.tcop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.tusk.catalog.RelationProvider;
import org.tusk.catalog.SqlFunction;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.Executor;
import org.tusk.executor.PlanState;
import org.tusk.executor.SqlFunctionRunner;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;
import org.tusk.optimizer.Planner;
import org.tusk.parser.SqlFunctionBody;
import org.tusk.utils.error.PgException;
import org.tusk.utils.misc.SessionServices;

/**
 * fmgr_sql (executor/functions.c): runs a LANGUAGE sql function's body for one call. The body
 * is parsed, analysed, rewritten (views expanded) and planned once per session and function
 * (init_sql_fcache), with the arguments as parameters; the statements' table privileges are
 * checked at every call, for the user the call runs as, and the plans are kept until any catalog invalidation empties the
 * relcache's name cache (a changed table or function could make them stale). Each call binds
 * the arguments as $1..$n and runs the statements in order: a STABLE or IMMUTABLE function's in
 * the calling statement's snapshot, a VOLATILE one's in a fresh snapshot, each statement after
 * CommandCounterIncrement (so it sees what the calling statement has changed so far); a statement
 * that changes rows is followed by CommandCounterIncrement, so the next one sees its changes,
 * and the result is the first row of the last statement (NULL if it has none).
 * A set-returning or record-returning call ({@link #callSet}) gets every row of the last
 * statement, materialised as PostgreSQL's fmgr_sql does into a tuplestore when the caller is a
 * FunctionScan; rows are collected before the caller reads the first. A utility statement of
 * the body (CREATE TABLE AS, DDL) runs through the path a client's statement takes, in the
 * caller's transaction, followed by CommandCounterIncrement; as in PostgreSQL 15 the whole body
 * is analysed before the first statement runs, so a later statement cannot use a table an
 * earlier one creates.
 */
final class SqlFunctionHandler implements SqlFunctionRunner {
    /** How deeply SQL functions may call each other before 54001, standing in for max_stack_depth. */
    static final int MAX_DEPTH = 200;

    private final RelationProvider relations;
    private final SessionServices session;
    private final LongSupplier generation;
    /** A fresh statement environment (GetTransactionSnapshot with the current command id). */
    private final java.util.function.Supplier<ExecEnvironment> environments;
    /** Opens a cursor in the session, as a client's DECLARE does. */
    private final CursorOpener cursors;
    private final Map<Integer, Cached> cache = new HashMap<>();
    /** Bodies analysed for inlining, by function oid (see {@link #inlinableBody}). */
    private final Map<Integer, Inlinable> inlinable = new HashMap<>();
    private int depth;

    /**
     * PerformCursorOpen for a DECLARE in a function body: the cursor belongs to the session (it
     * outlives the call) and its query sees the function's arguments as parameters $1.. of
     * {@code paramTypes}, handed over in their text form as EXECUTE hands over its values.
     */
    @FunctionalInterface
    interface CursorOpener {
        void declare(org.tusk.nodes.Stmt.DeclareCursorStmt d, String query, List<Integer> paramTypes, String[] paramText);
    }

    /** A function's body as inlining sees it: the single SELECT, or null when it is not one. */
    private record Inlinable(SqlFunction fn, long generation, Query select) {}

    /** A function's plans with the analysed statements whose permissions each call checks. */
    private record Cached(SqlFunction fn, long generation, List<Query> analysed, List<PlannedStmt> plans) {}

    SqlFunctionHandler(RelationProvider relations, SessionServices session, LongSupplier generation,
                       java.util.function.Supplier<ExecEnvironment> environments, CursorOpener cursors) {
        this.relations = relations;
        this.cursors = cursors;
        this.session = session;
        this.generation = generation;
        this.environments = environments;
    }

    @Override
    public Object call(SqlFunction f, Object[] args, ExecContext caller) {
        List<Object[]> rows = enter(f, args, caller, false);
        if (f.resultType() == org.tusk.catalog.TypeOids.VOID) return org.tusk.utils.adt.VoidValue.VOID;
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    @Override
    public List<Object[]> callSet(SqlFunction f, Object[] args, ExecContext caller) {
        return enter(f, args, caller, true);
    }

    private List<Object[]> enter(SqlFunction f, Object[] args, ExecContext caller, boolean all) {
        if (depth >= MAX_DEPTH) {
            throw org.tusk.utils.error.StackDepth.exceeded();
        }
        depth++;
        try {
            return run(f, args, caller, all);
        } finally {
            depth--;
        }
    }

    /** The rows of the last statement: the first only unless {@code all}. */
    private List<Object[]> run(SqlFunction f, Object[] args, ExecContext caller, boolean all) {
        ExecEnvironment env = caller.env();
        List<PlannedStmt> plans;
        try {
            Cached c = plans(f, caller, env);
            // ExecCheckRTPerms at each call: the current user may differ from the one the plans were made for
            for (Query q : c.analysed()) org.tusk.executor.ExecPermissions.check(q, env);
            plans = c.plans();
        } catch (PgException e) {
            throw e.withContext("SQL function \"" + f.name() + "\" during startup");
        }
        List<Object[]> result = new ArrayList<>();
        // fmgr_sql: a VOLATILE function's statements run in a snapshot of their own, taken at the
        // call, and each starts with CommandCounterIncrement and that snapshot moved on to the new
        // command id, so it sees what the calling statement and the function's earlier statements
        // have changed; a STABLE or IMMUTABLE one reads in the caller's snapshot.
        boolean volatileFn = f.volatility() == org.tusk.catalog.PgProc.Volatility.VOLATILE && !plans.isEmpty();
        if (volatileFn) env = environments.get();
        for (int i = 0; i < plans.size(); i++) {
            PlannedStmt p = plans.get(i);
            if (volatileFn) env.commandCounterIncrement();
            if (p.utilityStmt() != null) {
                runUtility(f, p, i, args, caller, env);
                continue;
            }
            ExecContext ctx = ExecContext.of(session, env);
            ctx.setParams(args);
            PlanState state = Executor.init(p.planTree(), ctx);
            boolean last = i == plans.size() - 1;
            boolean modify = p.commandType() != Query.CommandType.SELECT;
            try {
                Object[] row;
                try {
                    row = state.next();
                } catch (PgException e) {
                    throw e.withContext("SQL function \"" + f.name() + "\" statement " + (i + 1));
                }
                if (last && row != null && f.resultType() != org.tusk.catalog.TypeOids.VOID) {
                    int width = Math.max(1, f.outColumns().size());
                    while (row != null) {
                        result.add(java.util.Arrays.copyOf(row, width));
                        if (!all) break;
                        try {
                            row = state.next();
                        } catch (PgException e) {
                            throw e.withContext("SQL function \"" + f.name() + "\" statement " + (i + 1));
                        }
                    }
                }
                if (modify || !last) {
                    try {
                        while (row != null) row = state.next();   // a statement other than the result runs to completion
                    } catch (PgException e) {
                        throw e.withContext("SQL function \"" + f.name() + "\" statement " + (i + 1));
                    }
                }
            } finally {
                state.close();
            }
            if (modify) env.commandCounterIncrement();
        }
        return result;
    }

    /**
     * A utility statement of the body (postquel_getnext's ProcessUtility), through the path a
     * client's statement takes, then CommandCounterIncrement so the next statement sees its
     * effects. Transaction control is refused as init_execution_state refuses it. The statement's
     * NOTICEs and WARNINGs are not passed on to the client (known gap).
     */
    private void runUtility(SqlFunction f, PlannedStmt p, int index, Object[] args, ExecContext caller, ExecEnvironment env) {
        String context = "SQL function \"" + f.name() + "\" statement " + (index + 1);
        org.tusk.nodes.RawStmt raw = new org.tusk.nodes.RawStmt(p.utilityStmt(), 0, f.body().length());
        try {
            if (p.utilityStmt() instanceof org.tusk.nodes.Stmt.DeclareCursorStmt d) {
                String[] text = new String[args.length];
                org.tusk.utils.adt.OutputSettings os = caller.outputSettings();
                for (int a = 0; a < args.length; a++) {
                    text[a] = args[a] == null ? null
                            : org.tusk.catalog.BuiltinCatalog.type(f.argTypes().get(a)).output().out(args[a], os);
                }
                cursors.declare(d, f.body(), new ArrayList<>(f.argTypes()), text);
                env.commandCounterIncrement();
                return;
            }
            if (p.utilityStmt() instanceof org.tusk.nodes.Stmt.TransactionStmt) {
                PreparedStatement tagged = Engine.prepare(raw, f.body(), relations, session, null, null, env);
                throw PgException.error("0A000", tagged.commandTag() + " is not allowed in a SQL function");
            }
            PreparedStatement ps = Engine.prepare(raw, f.body(), relations, session, null, null, env);
            java.util.Iterator<String[]> it = ps.execute();
            while (it.hasNext()) it.next();
        } catch (PgException e) {
            throw e.withContext(context);
        }
        env.commandCounterIncrement();
    }

    @Override
    public List<Query> validate(String body, List<Integer> argTypes, List<String> argNames, int resultType,
                                List<Integer> outTypes, ExecContext caller) {
        return SqlFunctionBody.analyze(body, argTypes, argNames, resultType, outTypes, relations, caller.env(), caller.inputSettings(),
                session.currentDatabase()).statements();
    }

    /**
     * inline_set_returning_function's analysis of the body: pg_parse_query, then
     * pg_analyze_and_rewrite with the arguments as parameters and check_sql_fn_retval's coercions;
     * only a body of one SELECT that rewrites into one SELECT is returned. Kept, as the plans are,
     * until a catalog invalidation. Errors carry "SQL function ... during inlining".
     */
    @Override
    public Query inlinableBody(SqlFunction f, ExecContext caller) {
        long g = generation.getAsLong();
        Inlinable c = inlinable.get(f.oid());
        if (c != null && c.generation() == g && c.fn().equals(f)) return c.select();
        ExecEnvironment env = caller.env();
        Query select = null;
        try {
            SqlFunctionBody.Analyzed a = SqlFunctionBody.analyze(f.body(), f.argTypes(), f.argNames(), f.resultType(),
                    f.outColumns().stream().map(org.tusk.catalog.ColumnDef::typeOid).toList(), relations, env,
                    caller.inputSettings(), session.currentDatabase());
            if (a.statements().size() == 1 && a.statements().get(0).commandType() == Query.CommandType.SELECT
                    && a.statements().get(0).utilityStmt() == null) {
                List<Query> rewritten = new org.tusk.rewrite.RewriteHandler(relations, env, caller.inputSettings(),
                        session.currentDatabase(), true).rewriteAll(a.statements().get(0)).queries();
                if (rewritten.size() == 1 && rewritten.get(0).commandType() == Query.CommandType.SELECT) select = rewritten.get(0);
            }
        } catch (PgException e) {
            throw e.withContext("SQL function \"" + f.name() + "\" during inlining");
        }
        inlinable.put(f.oid(), new Inlinable(f, g, select));
        return select;
    }

    @Override
    public List<org.tusk.catalog.SqlBodyStatement> analyzeSqlBody(SqlFunction f, ExecContext caller) {
        return org.tusk.catalog.ObjectNames.current().analyzeStored(f.namespace(), () -> SqlFunctionBody.analyzeAsStored(
                f.body(), f.argTypes(), f.argNames(), relations, caller.env(), caller.inputSettings(), session.currentDatabase()));
    }

    @Override
    public org.tusk.catalog.FunctionCallContext.StoredRule analyzeStoredRule(org.tusk.utils.cache.Relation rel,
            org.tusk.catalog.RuleInfo rule, ExecContext caller) {
        org.tusk.rewrite.RuleActions a = org.tusk.rewrite.RuleActions.analyze(rel, rule.evType(), rule.qual(),
                rule.actions(), relations, caller.env(), caller.inputSettings(), session.currentDatabase());
        return new org.tusk.catalog.FunctionCallContext.StoredRule(a.qual(), a.actions());
    }

    @Override
    public Query analyzeStoredQuery(String sql, ExecContext caller) {
        List<org.tusk.nodes.RawStmt> raws = org.tusk.parser.Parser.parse(sql, caller.env().scanSettings());
        if (raws.size() != 1) throw PgException.error("XX000", "stored query text holds " + raws.size() + " statements");
        return org.tusk.parser.Analyzer.analyze(raws.get(0), sql, relations, caller.env(), caller.inputSettings(),
                session.currentDatabase(), null);
    }

    private Cached plans(SqlFunction f, ExecContext caller, ExecEnvironment env) {
        long g = generation.getAsLong();
        Cached c = cache.get(f.oid());
        if (c != null && c.generation() == g && c.fn().equals(f)) return c;
        SqlFunctionBody.Analyzed a = SqlFunctionBody.analyze(f.body(), f.argTypes(), f.argNames(), f.resultType(),
                f.outColumns().stream().map(org.tusk.catalog.ColumnDef::typeOid).toList(), relations, env, caller.inputSettings(), session.currentDatabase());
        List<PlannedStmt> plans = new ArrayList<>();
        ExecContext planCtx = ExecContext.of(session, env);
        for (Query q : a.statements()) {
            // pg_rewrite_query, as init_sql_fcache's pg_analyze_and_rewrite does: views are expanded
            // (their owners' privileges checked now), rules may turn one statement into several
            org.tusk.rewrite.RewriteHandler.Rewritten rw = new org.tusk.rewrite.RewriteHandler(relations, env,
                    caller.inputSettings(), session.currentDatabase(), true).rewriteAll(q);
            for (Query product : rw.queries()) plans.add(Planner.plan(product, planCtx, env));
        }
        c = new Cached(f, g, List.copyOf(a.statements()), List.copyOf(plans));
        cache.put(f.oid(), c);
        return c;
    }
}
