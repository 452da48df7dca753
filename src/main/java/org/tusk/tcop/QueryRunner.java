package org.tusk.tcop;

import org.tusk.libpq.BackendMessages;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.utils.activity.BackendStatusArray.State;
import org.tusk.utils.adt.SystemViews;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Running statements and the transaction block around them (PostgreSQL's exec_simple_query,
 * PortalRun and the block-state machine of xact.c).
 *
 * <p>A simple Query message runs its statements in one implicit transaction unless a BEGIN
 * opens an explicit block; the extended protocol's implicit transaction lasts until Sync. After
 * an error inside a block, only ROLLBACK, COMMIT (which then rolls back) and ROLLBACK TO a
 * savepoint are accepted. Settings changed with SET LOCAL, or changed inside a transaction that
 * aborts, are undone by the GUC stack at the same transitions.
 */
final class QueryRunner {
    private final BackendContext ctx;
    private final BackendSession session;
    private final SystemViews relations;
    /** Savepoint names with the GUC nest level each one opened. */
    private final Deque<Savepoint> savepoints = new ArrayDeque<>();
    private String currentQuery;
    /** Whether the simple Query being run has more than one statement (an implicit transaction block). */
    private boolean multiStatementQuery;
    private final SharedObjects sharedObjects;
    /** The session's prepared statements, shared with the extended protocol. */
    final PreparedQueries preparedQueries = new PreparedQueries();
    /** The session's cursors (DECLARE). */
    final Cursors cursors = new Cursors();
    private final StatementTimeout statementTimeout;
    /** Gives each statement its storage environment; none (null) until the backend has storage. */
    private java.util.function.Supplier<org.tusk.executor.ExecEnvironment> environments = () -> null;

    /**
     * Savepoint names with the GUC nest level each one opened, and the read-only status of the
     * level it was opened in (TransactionStateData's prevXactReadOnly).
     */
    /** A savepoint: its GUC nest level, XactReadOnly before it, and the deferred-trigger state to return to. */
    private record Savepoint(String name, int gucLevel, boolean prevReadOnly, Object deferredMark) {}

    QueryRunner(BackendContext ctx, BackendSession session) {
        this.ctx = ctx;
        this.session = session;
        this.relations = new SystemViews(ctx.env.shmem(), ctx.env.shmem().procGlobal());
        this.statementTimeout = new StatementTimeout(ctx.interrupts);
        this.sharedObjects = new SharedObjects(ctx, this);
        // LANGUAGE sql's call handler for this backend's session
        // and plpgsql's, chosen by the function's language
        ctx.sqlFunctions = new LanguageHandlers(new SqlFunctionHandler(this::lookupRelation, session,
                () -> ctx.storage == null ? 0 : ctx.storage.relcache.namesGeneration(), () -> ctx.storage.statementEnvironment(),
                (d, query, types, values) -> declareCursor(d, query, types, values)),
                new org.tusk.pl.plpgsql.PlpgsqlHandler(new PlHostImpl(ctx, session, this::lookupRelation)),
                new SecurityDefinerCall(ctx));
        // WHERE CURRENT OF finds this session's cursors
        ctx.portals = cursors::get;
    }

    /** The statistics views first, then the shared catalogs (once the session has storage). */
    private org.tusk.catalog.ScannableRelation lookupRelation(String schema, String name) {
        if (schema == null || schema.equals("pg_catalog")) {
            // the views over this session's own state (pg_prepared_statement(), pg_cursor())
            if (name.equals("pg_prepared_statements")) return preparedQueries.view();
            if (name.equals("pg_cursors")) return cursors.view();
            if (name.equals("pg_settings")) return new org.tusk.catalog.PgSettingsView(session::settingRows).lookup(schema, name);
        }
        org.tusk.catalog.ScannableRelation r = relations.lookup(schema, name);
        if (r != null || ctx.storage == null) return r;
        r = new org.tusk.catalog.IntrospectionViews(org.tusk.utils.ruleutils.RuleUtils::indexdefOf).lookup(schema, name);
        if (r != null) return r;
        r = new org.tusk.catalog.PolicyViews((text, relid) -> org.tusk.utils.ruleutils.RuleUtils.getExpr(text, relid,
                session.currentDatabase())).lookup(schema, name);
        if (r != null) return r;
        r = org.tusk.catalog.ComputedCatalogs.INSTANCE.lookup(schema, name);
        if (r != null) return r;
        return new org.tusk.catalog.SharedCatalogViews(ctx.storage.sharedCatalog::current,
                () -> ctx.storage.sharedCatalog.current().role(ctx.role().oid()).map(x -> x.superuser()).orElse(false))
                .lookup(schema, name);
    }

    /** IsTransactionBlock's implicit block: a simple Query message with several statements. */
    boolean inMultiStatementQuery() {
        return multiStatementQuery;
    }

    /**
     * Installs the source of per-statement environments (snapshot, command id, catalog, access
     * methods); until it is called, statements that need tables fail with 0A000.
     */
    void setEnvironments(java.util.function.Supplier<org.tusk.executor.ExecEnvironment> environments) {
        this.environments = environments;
    }

    BackendSession session() {
        return session;
    }

    SystemViews relations() {
        return relations;
    }

    /** exec_simple_query. */
    void execSimpleQuery(String query) {
        statementStart(query);
        List<RawStmt> stmts = Engine.parse(query, ctx.scanSettings);
        if (stmts.isEmpty()) {
            ctx.messages.emptyQueryResponse();
            return;
        }
        multiStatementQuery = stmts.size() > 1;
        try {
            for (int i = 0; i < stmts.size(); i++) {
                RawStmt raw = stmts.get(i);
                startTransactionCommand();
                statementTimeout.arm(ctx.env.gucs().getInt("statement_timeout"));
                // the last statement's CommandComplete follows the commit (finish_xact_command
                // before EndCommand): an error at commit replaces it
                if (i == stmts.size() - 1) ctx.messages.holdCommandComplete();
                PortalRun portal = new PortalRun(raw, query, prepare(raw, query), null);
                portal.run(ctx.messages, 0, true);
                statementTimeout.disarm();
            }
            finishImplicitTransaction();
            ctx.messages.releaseCommandComplete();
        } finally {
            ctx.messages.dropHeldCommandComplete();
            statementTimeout.disarm();
            multiStatementQuery = false;
        }
    }

    /** The query string being run (debug_query_string), for the log's STATEMENT line. */
    String currentQuery() {
        return currentQuery;
    }

    /** Runs {@code action} under statement_timeout (an extended-protocol Execute). */
    void withStatementTimeout(Runnable action) {
        statementTimeout.arm(ctx.env.gucs().getInt("statement_timeout"));
        try {
            action.run();
        } finally {
            statementTimeout.disarm();
        }
    }

    /** pgstat_report_activity(RUNNING) and the statement's start time. */
    void statementStart(String query) {
        currentQuery = query;
        Instant now = Instant.now();
        session.statementStarted(now);
        ctx.status.reportActivity(State.RUNNING, query, PostgresMain.nowMicros());
    }

    /** Analyses and plans one statement, refusing it in a failed transaction block. */
    PreparedStatement prepare(RawStmt raw, String query) {
        return prepare(raw, query, null, null);
    }

    /** The same with parameters: declared/resolved types and, for execution, their values as text. */
    PreparedStatement prepare(RawStmt raw, String query, List<Integer> paramTypes, String[] paramText) {
        if (ctx.xact.aborted() && !allowedInFailedBlock(raw.stmt())) {
            throw PgException.error(SqlState.IN_FAILED_SQL_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        // Parse and Describe only analyse (no values yet): EXECUTE's statement is then described,
        // not planned for values or counted as one of its executions (FetchPreparedStatementResultDesc).
        boolean describeOnly = paramTypes != null && paramText == null;
        if (raw.stmt() instanceof Stmt.ExecuteStmt e) {
            if (describeOnly) return describePrepared(e);
            return executePrepared(e, raw, query);
        }
        if (raw.stmt() instanceof Stmt.CreateTableAsStmt c && c.execute() != null) return createTableAsExecute(c, raw, query);
        if (raw.stmt() instanceof Stmt.ExplainStmt ex && ex.query() instanceof Stmt.CreateTableAsStmt c && c.execute() != null)
            return createTableAsExecute(c, raw, query, ex);
        if (raw.stmt() instanceof Stmt.ExplainStmt ex && ex.query() instanceof Stmt.ExecuteStmt e)
            return explainExecute(e, ex, raw, query, describeOnly);
        org.tusk.executor.ExecEnvironment env = PreparedStatement.tableStatementTag(raw.stmt()) != null
                || raw.stmt() instanceof Stmt.SelectStmt || raw.stmt() instanceof Stmt.ExplainStmt ? environments.get() : null;
        return Engine.prepare(raw, query, this::lookupRelation, session, paramTypes, paramText, env);
    }

    /**
     * EXECUTE (ExecuteQuery): the prepared statement analysed and planned again with the values
     * of the parameter list (EvaluateParams: evaluated once, as a SELECT, and handed over in
     * their types' text form, as Bind hands them over); 0A000 if its result columns changed.
     */
    private PreparedStatement executePrepared(Stmt.ExecuteStmt e, RawStmt raw, String query) {
        PreparedQueries.Entry entry = preparedQueries.fetch(e.name());
        String[] values = evaluateParams(raw, entry, query);
        if (entry.raw() == null) throw PgException.error(SqlState.SYNTAX_ERROR, "prepared statement is empty");
        return prepareFromSource(entry, values);
    }

    /**
     * An EXECUTE being parsed or described: the prepared statement analysed and planned without
     * parameter values, for its result columns; its parameter list is not evaluated and the
     * execution is not counted.
     */
    private PreparedStatement describePrepared(Stmt.ExecuteStmt e) {
        PreparedQueries.Entry entry = preparedQueries.fetch(e.name());
        if (entry.raw() == null) throw PgException.error(SqlState.SYNTAX_ERROR, "prepared statement is empty");
        return prepare(entry.raw(), entry.query(), new java.util.ArrayList<>(entry.paramTypes()), null);
    }

    /**
     * EvaluateParams: the values of EXECUTE's parameter list ({@code execute}, the statement as
     * parsed from {@code query}) for prepared statement {@code entry}, evaluated once as a SELECT
     * and handed over in their types' text form, as Bind hands them over.
     */
    private String[] evaluateParams(RawStmt execute, PreparedQueries.Entry entry, String query) {
        Stmt.ExecuteStmt e = (Stmt.ExecuteStmt) execute.stmt();
        String[] values = new String[entry.paramTypes().size()];
        if (e.params().isEmpty() && values.length == 0) return values;
        PreparedStatement params = Engine.prepare(execute, query, this::lookupRelation, session,
                new java.util.ArrayList<>(entry.paramTypes()), null, environments.get());
        return params.execute().next();
    }

    /**
     * EXPLAIN EXECUTE (ExplainExecuteQuery): the prepared statement planned with the values of
     * the parameter list, evaluated as for EXECUTE, and explained with the EXPLAIN's options.
     */
    private PreparedStatement explainExecute(Stmt.ExecuteStmt e, Stmt.ExplainStmt explain, RawStmt raw, String query,
                                             boolean describeOnly) {
        PreparedQueries.Entry entry = preparedQueries.fetch(e.name());
        if (entry.raw() == null) throw PgException.error(SqlState.SYNTAX_ERROR, "prepared statement is empty");
        RawStmt explained = new RawStmt(new Stmt.ExplainStmt(entry.raw().stmt(), explain.options(), entry.raw().location()),
                entry.raw().location(), entry.raw().length());
        if (describeOnly) {
            // its one column, QUERY PLAN: nothing is planned for values or counted
            return Engine.prepareExplainExecute(explained, entry.query(), this::lookupRelation, session,
                    new java.util.ArrayList<>(entry.paramTypes()), null, environments.get(), false);
        }
        String[] values = evaluateParams(new RawStmt(e, raw.location(), raw.length()), entry, query);
        // GetCachedPlan: the plan the statement would run with, custom or generic, counted as one of its plans.
        PlanChoice choice = preparedQueries.choice(entry);
        boolean custom = chooseCustom(entry, choice);
        org.tusk.executor.ExecEnvironment env = environments.get();
        PreparedStatement ps = Engine.prepareExplainExecute(explained, entry.query(), this::lookupRelation, session,
                new java.util.ArrayList<>(entry.paramTypes()), values, env, custom);
        if (ps.explainedPlan() != null) {
            if (custom) {
                choice.customPlanned(ps.explainedPlan(), this::planCost);
            } else {
                choice.genericPlanned(planCost(ps.explainedPlan(), env));
            }
            if (!entry.name().isEmpty()) preparedQueries.executed(entry.name(), !custom);
        }
        return ps;
    }

    /**
     * CREATE TABLE ... AS EXECUTE (ExecCreateTableAs over ExecuteQuery): the parameters are
     * evaluated as for EXECUTE, then the prepared SELECT makes and fills the table with them
     * bound; 42809 if the prepared statement is not a SELECT.
     */
    private PreparedStatement createTableAsExecute(Stmt.CreateTableAsStmt c, RawStmt raw, String query) {
        return createTableAsExecute(c, raw, query, null);
    }

    /**
     * The same, explained when {@code explain} is not null (EXPLAIN CREATE TABLE AS EXECUTE,
     * ExplainExecuteQuery with an IntoClause): the prepared SELECT is what is planned and shown.
     */
    private PreparedStatement createTableAsExecute(Stmt.CreateTableAsStmt c, RawStmt raw, String query,
                                                   Stmt.ExplainStmt explain) {
        Stmt.ExecuteStmt e = c.execute();
        PreparedQueries.Entry entry = preparedQueries.fetch(e.name());
        if (entry.raw() == null || !(entry.raw().stmt() instanceof Stmt.SelectStmt select))
            throw PgException.error("42809", "prepared statement is not a SELECT");
        String[] values = evaluateParams(new RawStmt(e, raw.location(), raw.length()), entry, query);
        RawStmt ctas = new RawStmt(c.withQuery(select), entry.raw().location(), entry.raw().length());
        if (explain != null) {
            ctas = new RawStmt(new Stmt.ExplainStmt(c.withQuery(select), explain.options(), entry.raw().location()),
                    entry.raw().location(), entry.raw().length());
        }
        return Engine.prepare(ctas, entry.query(), this::lookupRelation, session,
                new java.util.ArrayList<>(entry.paramTypes()), values, environments.get());
    }

    /**
     * GetCachedPlan for one execution of a prepared statement (Bind, EXECUTE). A SELECT, INSERT,
     * UPDATE or DELETE with parameters gets a custom plan, made for its values, or the generic
     * plan, as {@link PlanChoice} says (choose_custom_plan: custom for the first five executions,
     * then generic while that costs less than the custom plans did). The generic plan is made at
     * the first execution that uses it and reused while no catalog invalidation arrived and the
     * planner settings are the same; otherwise it is analysed and planned again (and that plan
     * kept). Either is refused with 0A000 if its result columns changed.
     */
    PreparedStatement prepareFromSource(PreparedQueries.Entry src, String[] paramText) {
        Stmt s = src.raw().stmt();
        boolean plannable = s instanceof Stmt.SelectStmt || s instanceof Stmt.InsertStmt
                || s instanceof Stmt.UpdateStmt || s instanceof Stmt.DeleteStmt || s instanceof Stmt.MergeStmt;
        if (!plannable || ctx.storage == null || ctx.xact.aborted()) {
            PreparedStatement ps = prepare(src.raw(), src.query(), new java.util.ArrayList<>(src.paramTypes()), paramText);
            checkResultTypes(ps, src);
            if (!src.name().isEmpty()) preparedQueries.executed(src.name(), false);
            return ps;
        }
        PlanChoice choice = preparedQueries.choice(src);
        if (chooseCustom(src, choice)) return customPlan(src, paramText, choice);
        org.tusk.executor.ExecEnvironment env = environments.get();   // accepts invalidations first
        String settings = plannerSettings();
        PreparedQueries.CachedPlan cached = preparedQueries.cachedPlan(src, settings);
        // CheckCachedPlan: the plan's relations locked first, then the invalidations that came before the locks
        if (cached != null) ctx.storage.acquireExecutorLocks(cached.relationLocks());
        long generation = ctx.storage.relcache.namesGeneration();
        Engine.Planned planned = cached != null && cached.generation() == generation ? cached.planned() : null;
        boolean reused = planned != null;
        SessionStorage.RelationLockLog lockLog = new SessionStorage.RelationLockLog();
        if (planned == null) {
            SessionStorage.RelationLockLog outer = ctx.storage.recordRelationLocks(lockLog);
            try {
                planned = Engine.analyzeAndPlan(src.raw(), src.query(), this::lookupRelation, session,
                        new java.util.ArrayList<>(src.paramTypes()), env);
            } finally {
                ctx.storage.recordRelationLocks(outer);
                if (outer != null) outer.addAll(lockLog);
            }
            if (planned == null) {
                // rules rewrote it into several statements: prepared afresh each time, not cached
                PreparedStatement ps = prepare(src.raw(), src.query(), new java.util.ArrayList<>(src.paramTypes()), paramText);
                checkResultTypes(ps, src);
                if (!src.name().isEmpty()) preparedQueries.executed(src.name(), false);
                return ps;
            }
            choice.genericPlanned(planCost(planned.plan(), env));
        }
        PreparedStatement ps = Engine.instantiate(planned, src.query(), session, src.paramTypes(), paramText, env,
                this::lookupRelation);
        if (!reused) {
            checkResultTypes(ps, src);
            // keep it only if planning saw no invalidation (it may have accepted some itself)
            if (ctx.storage.relcache.namesGeneration() == generation) {
                preparedQueries.rememberPlan(src, planned, generation, settings, lockLog.locks());
            }
            // choose_custom_plan again, now that the generic plan's cost is known
            if (chooseCustom(src, choice)) return customPlan(src, paramText, choice);
        }
        if (!src.name().isEmpty()) preparedQueries.executed(src.name(), true);
        return ps;
    }

    /** A custom plan: the statement analysed and planned for these parameter values, its cost recorded. */
    private PreparedStatement customPlan(PreparedQueries.Entry src, String[] paramText, PlanChoice choice) {
        PreparedStatement ps = prepare(src.raw(), src.query(), new java.util.ArrayList<>(src.paramTypes()), paramText);
        checkResultTypes(ps, src);
        choice.customPlanned(ps.plannedStmt(), this::planCost);
        if (!src.name().isEmpty()) preparedQueries.executed(src.name(), false);
        return ps;
    }

    /** A plan's total cost, with the table sizes and settings of now. */
    private double planCost(org.tusk.nodes.PlannedStmt p) {
        return planCost(p, environments.get());
    }

    private double planCost(org.tusk.nodes.PlannedStmt p, org.tusk.executor.ExecEnvironment env) {
        return org.tusk.optimizer.PlanCosts.totalCost(p.planTree(), env, org.tusk.executor.ExecContext.of(session, env));
    }

    /** choose_custom_plan for one execution of {@code src}, under the session's plan_cache_mode. */
    private boolean chooseCustom(PreparedQueries.Entry src, PlanChoice choice) {
        return choice.chooseCustom(PlanChoice.mode(ctx.env.gucs().show("plan_cache_mode")), src.paramTypes().size(),
                this::planCost);
    }

    private static void checkResultTypes(PreparedStatement ps, PreparedQueries.Entry src) {
        // plancache.c: a statement analysed again after DDL may not change its result columns
        if (!java.util.Objects.equals(PreparedQueries.resultTypes(ps), src.resultTypes()))
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
    }

    /**
     * The settings analysis and planning read, which a cached plan must have been made under.
     * Built again only when some setting or the role changed since the last Bind: formatting ten
     * settings at every execution of a prepared statement was a tenth of its CPU.
     */
    private String plannerSettings() {
        var g = ctx.env.gucs();
        long changes = g.valueChanges();
        int role = ctx.role().oid();
        if (plannerSettings != null && changes == plannerSettingsChanges && role == plannerSettingsRole) return plannerSettings;
        StringBuilder b = new StringBuilder(g.getString("search_path")).append('|').append(role);
        for (String name : PLANNER_SETTINGS) b.append('|').append(g.show(name));
        plannerSettings = b.toString();
        plannerSettingsChanges = changes;
        plannerSettingsRole = role;
        return plannerSettings;
    }

    private String plannerSettings;
    private long plannerSettingsChanges;
    private int plannerSettingsRole;

    private static final String[] PLANNER_SETTINGS = {"enable_seqscan", "enable_indexscan", "enable_nestloop",
            "enable_hashjoin", "enable_mergejoin", "enable_hashagg", "seq_page_cost", "random_page_cost", "work_mem",
            // a cached plan has the policies of the setting it was rewritten under (plancache.c's rewriteRowSecurity)
            "row_security"};

    /**
     * PREPARE (PrepareQuery): analyses and rewrites the statement now, with the declared parameter
     * types and any others inferred from context (42P18 if one cannot be), and keeps it under its
     * name; it is planned at its first EXECUTE.
     */
    private void prepareStatement(Stmt.PrepareStmt p, String query) {
        // PortalRunUtility sets a snapshot for PREPARE: a declared type may have to be read from the catalogs
        environments.get();
        java.util.List<Integer> types = new java.util.ArrayList<>();
        for (org.tusk.nodes.TypeName tn : p.argTypes()) {
            int oid = org.tusk.parser.ParseCoerce.resolveTypeName(tn, query).oid();
            if (oid == org.tusk.catalog.TypeOids.UNKNOWN) oid = 0;
            types.add(oid);
        }
        if (!p.name().isEmpty() && preparedQueries.exists(p.name()))
            throw PgException.error("42P05", "prepared statement \"" + p.name() + "\" already exists");
        Stmt s = p.query().stmt();
        boolean plannable = s instanceof Stmt.SelectStmt || s instanceof Stmt.InsertStmt || s instanceof Stmt.UpdateStmt
                || s instanceof Stmt.DeleteStmt || s instanceof Stmt.MergeStmt;
        java.util.List<Integer> resultTypes;
        if (plannable && ctx.storage != null) {
            // PrepareQuery analyses and rewrites only; the plan is made at EXECUTE (prepareFromSource)
            resultTypes = Engine.analyzeAndRewrite(p.query(), query, this::lookupRelation, session, types, environments.get());
        } else {
            resultTypes = PreparedQueries.resultTypes(prepare(p.query(), query, types, null));
        }
        preparedQueries.store(new PreparedQueries.Entry(p.name(), query, p.query(), java.util.List.copyOf(types), true,
                PostgresMain.nowMicros(), resultTypes));
    }

    /**
     * The statements on prepared statements and cursors (PREPARE, DEALLOCATE, DECLARE, FETCH,
     * MOVE, CLOSE), which act on this session's state; returns the command tag, or null if
     * {@code s} is none of them. FETCH sends its rows (and, when asked, their description).
     */
    /**
     * PerformCursorOpen: 42P03 if the name is taken; the query is planned with the parameters
     * given (a DECLARE in a function body) and gets its own snapshot and the DECLARE's command id
     * (PortalStart).
     */
    private void declareCursor(Stmt.DeclareCursorStmt d, String query, List<Integer> paramTypes, String[] paramText) {
        if (cursors.exists(d.name()))
            throw PgException.error("42P03", "cursor \"" + d.name() + "\" already exists");
        SessionStorage.PortalEnvironment portal = ctx.storage.portalEnvironment();
        PreparedStatement ps;
        try {
            ps = Engine.prepare(d.query(), query, this::lookupRelation, session, paramTypes, paramText, portal.env());
        } catch (RuntimeException e) {
            portal.releaseSnapshot().run();
            throw e;
        }
        cursors.declare(d, query, ps, PostgresMain.nowMicros(), savepoints.size(), portal.releaseSnapshot());
    }

    private String portalStatement(Stmt s, String query, BackendMessages out, boolean sendDescription) {
        switch (s) {
            case Stmt.PrepareStmt p -> {
                prepareStatement(p, query);
                return "PREPARE";
            }
            case Stmt.DeallocateStmt d -> {
                if (d.name() == null) preparedQueries.dropAll(); else preparedQueries.drop(d.name(), true);
                return d.name() == null ? "DEALLOCATE ALL" : "DEALLOCATE";
            }
            case Stmt.DeclareCursorStmt d -> {
                // RequireTransactionBlock, unless WITH HOLD
                if (!d.hold() && !ctx.xact.inBlock() && !multiStatementQuery)
                    throw PgException.error("25P01", "DECLARE CURSOR can only be used in transaction blocks");
                declareCursor(d, query, null, null);
                return "DECLARE CURSOR";
            }
            case Stmt.FetchStmt f -> {
                Cursor c = cursors.get(f.portalName());
                if (f.isMove()) return "MOVE " + c.fetch(f.direction(), f.howMany(), null);
                java.util.List<String[]> rows = new java.util.ArrayList<>();
                long n = c.fetch(f.direction(), f.howMany(), rows);
                int[] formats = c.binary ? new int[] {1} : null;
                if (sendDescription) out.rowDescription(DestRemote.columns(c.columns, formats));
                DestRemote dest = new DestRemote(out, c.columns, formats);
                for (String[] row : rows) dest.send(row);
                return "FETCH " + n;
            }
            case Stmt.ClosePortalStmt c -> {
                cursors.close(c.name());
                return c.name() == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
            }
            case Stmt.DiscardStmt d -> {
                discard(d.target());
                return d.commandTag();
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * discard.c DiscardCommand. DISCARD ALL puts the session back as it was when it connected
     * (what a connection pooler runs before handing a server connection to another client):
     * portals closed, SESSION AUTHORIZATION and every setting reset, prepared statements
     * deallocated, LISTEN registrations and session-level advisory locks given up, cached plans
     * dropped, temporary objects dropped, sequence values forgotten. The parts run alone as
     * DISCARD PLANS, SEQUENCES and TEMP.
     */
    private void discard(Stmt.DiscardStmt.Target target) {
        switch (target) {
            case ALL -> {
                // PreventInTransactionBlock: the resets are not transactional
                if (ctx.xact.inBlock() || multiStatementQuery) {
                    throw PgException.error("25001", "DISCARD ALL cannot run inside a transaction block");
                }
                cursors.close(null);
                session.resetSetting("session_authorization");
                session.resetSetting("all");
                preparedQueries.dropAll();
                session.unlisten(null);
                session.advisoryUnlockAll();
                preparedQueries.resetPlans();
                discardTemp();
                if (ctx.storage != null) ctx.storage.sequences.resetCaches();
            }
            case PLANS -> preparedQueries.resetPlans();
            case SEQUENCES -> {
                if (ctx.storage != null) ctx.storage.sequences.resetCaches();
            }
            case TEMP -> discardTemp();
        }
    }

    /** ResetTempTableNamespace: drops this session's temporary objects, in the statement's transaction. */
    private void discardTemp() {
        if (ctx.storage == null || !ctx.storage.catalog.usedTempNamespace()) return;
        ctx.storage.statementEnvironment();   // the transaction's snapshot, for the catalog scans
        ctx.storage.catalog.removeOwnTempRelations();
    }

    private static boolean allowedInFailedBlock(Stmt s) {
        if (!(s instanceof Stmt.TransactionStmt t)) return false;
        return switch (t.kind()) {
            case COMMIT, ROLLBACK, ROLLBACK_TO, ROLLBACK_PREPARED, COMMIT_PREPARED -> true;
            default -> false;
        };
    }

    /** One statement (or a suspended extended-protocol portal) being run. */
    final class PortalRun {
        final RawStmt raw;
        final String query;
        final PreparedStatement ps;
        final int[] resultFormats;
        private Iterator<String[]> rows;
        private boolean done;

        PortalRun(RawStmt raw, String query, PreparedStatement ps, int[] resultFormats) {
            this.raw = raw;
            this.query = query;
            this.ps = ps;
            this.resultFormats = resultFormats;
        }

        List<BackendMessages.Column> describe() {
            if (raw.stmt() instanceof Stmt.FetchStmt f && !f.isMove() && cursors.exists(f.portalName())) {
                Cursor c = cursors.get(f.portalName());
                return DestRemote.columns(c.columns, c.binary ? new int[] {1} : resultFormats);
            }
            return ps.columns() == null ? null : DestRemote.columns(ps.columns(), resultFormats);
        }

        /**
         * Runs to completion or until {@code maxRows} rows (0: no limit) have been sent;
         * returns true if the portal is finished (CommandComplete sent), false if suspended.
         */
        boolean run(BackendMessages out, long maxRows, boolean sendDescription) {
            if (done) {
                out.commandComplete(ps.commandTag());
                return true;
            }
            if (TransactionCharacteristics.readOnly(ctx.env.gucs())) {
                ReadOnlyCheck.check(ps.plannedStmt(), ps.commandTag(), () -> copyTargetPersistence(ps.copyStmt()));
            }
            if (ps.checkpointStmt() != null) {
                requestCheckpoint();
                out.commandComplete("CHECKPOINT");
                done = true;
                return true;
            }
            Stmt shared = ps.plannedStmt().utilityStmt();
            if (shared != null && SharedObjects.tag(shared) != null) {
                if (ctx.storage == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, SharedObjects.tag(shared) + " is not supported yet");
                out.commandComplete(sharedObjects.run(shared));
                done = true;
                return true;
            }
            if (raw.stmt() instanceof Stmt.ConstraintsSetStmt && !ctx.xact.inBlock() && !multiStatementQuery) {
                // WarnNoTransactionBlock: the setting would last only for this statement's own transaction
                warning("25P01", "SET CONSTRAINTS can only be used in transaction blocks");
            }
            if (raw.stmt() instanceof Stmt.LockStmt && !ctx.xact.inBlock() && !multiStatementQuery) {
                // RequireTransactionBlock: a lock taken in its own transaction would be released at once
                throw PgException.error("25P01", "LOCK TABLE can only be used in transaction blocks");
            }
            String concurrent = ConcurrentIndexDdl.concurrentCommand(raw.stmt());
            if (concurrent != null && ctx.storage != null) {
                ConcurrentIndexDdl.preventInTransactionBlock(concurrent, ctx.xact.inBlock() || multiStatementQuery);
                new ConcurrentIndexDdl(ctx, session, () -> {
                    endTransaction(true);
                    startTransactionCommand();
                }).run(raw.stmt(), query, ps.execContext(),
                        m -> out.report(Severity.NOTICE, "00000", m, null, null, 0),
                        m -> out.report(Severity.WARNING, "01000", m, null, null, 0),
                        m -> out.report(Severity.INFO, "00000", m, null, null, 0));
                out.commandComplete(ps.commandTag());
                done = true;
                return true;
            }
            if (raw.stmt() instanceof Stmt.VacuumStmt v && v.isVacuum() && (ctx.xact.inBlock() || multiStatementQuery)) {
                // PreventInTransactionBlock: lazy vacuum's work is not undone by a rollback.
                throw PgException.error("25001", "VACUUM cannot run inside a transaction block");
            }
            if (raw.stmt() instanceof Stmt.ReindexStmt r && r.kind() != 'i' && r.kind() != 't'
                    && (ctx.xact.inBlock() || multiStatementQuery)) {
                // PreventInTransactionBlock, as ExecReindex does for the multiple-table forms
                throw PgException.error("25001", (r.kind() == 's' ? "REINDEX SCHEMA" : r.kind() == 'y' ? "REINDEX SYSTEM"
                        : "REINDEX DATABASE") + " cannot run inside a transaction block");
            }
            if (ps.copyStmt() != null) {
                long n = copy(ps);
                out.commandComplete("COPY " + n);
                done = true;
                return true;
            }
            String portalTag = portalStatement(raw.stmt(), query, out, sendDescription);
            if (portalTag != null) {
                out.commandComplete(portalTag);
                done = true;
                return true;
            }
            if (raw.stmt() instanceof Stmt.SetTransactionStmt st) {
                setTransaction(st);
                out.commandComplete("SET");
                done = true;
                return true;
            }
            Stmt.TransactionStmt t = ps.transactionStmt();
            if (t != null) {
                String tag = transactionStatement(t);
                out.commandComplete(tag);
                done = true;
                return true;
            }
            if (rows == null) {
                if (sendDescription && ps.columns() != null) out.rowDescription(describe());
                try {
                    rows = ps.execute();
                } catch (PgException e) {
                    // the messages raised before the error (DefineAggregate's unrecognised attributes,
                    // DROP ... IF EXISTS skipping a missing object) reach the client first, as
                    // PostgreSQL's ereport(WARNING/NOTICE) sends each at once
                    for (String info : ps.infos()) out.report(Severity.INFO, "00000", info, null, null, 0);
                    for (String warning : ps.warnings()) out.report(Severity.WARNING, "01000", warning, null, null, 0);
                    for (String notice : ps.notices()) out.report(Severity.NOTICE, "00000", notice, null, null, 0);
                    throw e;
                }
            }
            DestRemote dest = new DestRemote(out, ps.columns(), resultFormats);
            long sent = 0;
            while (rows.hasNext()) {
                if (maxRows > 0 && sent == maxRows) {
                    out.portalSuspended();
                    return false;
                }
                dest.send(rows.next());
                sent++;
            }
            done = true;
            for (String info : ps.infos()) out.report(Severity.INFO, "00000", info, null, null, 0);
            for (String warning : ps.warnings()) out.report(Severity.WARNING, "01000", warning, null, null, 0);
            for (String notice : ps.notices()) out.report(Severity.NOTICE, "00000", notice, null, null, 0);
            out.commandComplete(ps.commandTag());
            return true;
        }
    }

    /**
     * DoCopy through the copy sub-protocol ({@link CopyProtocol}) or a server file. COPY (query)
     * TO plans the query as a statement of its own and hands its rows (as text) to the command.
     */
    private long copy(PreparedStatement ps) {
        Stmt.CopyStmt c = ps.copyStmt();
        var ectx = ps.execContext();
        boolean superuser = ctx.role().superuser();
        String rlsQuery = CopyRowSecurity.queryFor(c, ectx.env(), Engine.rowSecurity(ectx.session()));
        if (rlsQuery != null) {
            RawStmt raw = org.tusk.parser.Parser.parse(rlsQuery, ctx.scanSettings).get(0);
            PreparedStatement q = prepare(raw, rlsQuery);
            List<String> names = new java.util.ArrayList<>();
            for (ResultColumn col : q.columns()) names.add(col.name());
            return org.tusk.commands.CopyCommand.copyQueryTo(c, ectx, superuser, names, q.execute(), CopyProtocol.out(ctx),
                    ps.queryString());
        }
        if (c.query() != null) {
            RawStmt raw = new RawStmt(c.query(), 0, c.queryText().length());
            PreparedStatement q = prepare(raw, c.queryText());
            List<String> names = new java.util.ArrayList<>();
            for (ResultColumn col : q.columns()) names.add(col.name());
            return org.tusk.commands.CopyCommand.copyQueryTo(c, ectx, superuser, names, q.execute(), CopyProtocol.out(ctx),
                    ps.queryString());
        }
        if (c.isFrom()) {
            long n = org.tusk.commands.CopyCommand.copyFrom(c, ectx, superuser, ctx.env.dataDir(), CopyProtocol.in(ctx),
                    ps.queryString());
            ectx.env().commandCounterIncrement();
            return n;
        }
        return org.tusk.commands.CopyCommand.copyTo(c, ectx, superuser, CopyProtocol.out(ctx), ps.queryString());
    }

    /**
     * CHECKPOINT (RequestCheckpoint with CHECKPOINT_IMMEDIATE | FORCE | WAIT): asks the checkpointer
     * and waits, interruptibly, for a checkpoint that started after the request to finish.
     */
    private void requestCheckpoint() {
        if (!ctx.role().superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be superuser or have privileges of pg_checkpoint to do CHECKPOINT");
        }
        SharedObjects.requestCheckpoint(ctx);
    }

    /** COPY FROM's target's relpersistence, for the read-only check ('t' if there is none: COPY reports that). */
    private char copyTargetPersistence(Stmt.CopyStmt c) {
        if (ctx.storage == null) return 't';
        org.tusk.utils.cache.Relation rel = ctx.storage.catalog.openRelation(c.relation().schema(), c.relation().name());
        return rel == null ? 't' : rel.persistence();
    }

    // ------------------------------------------------------------------ transactions

    /** StartTransactionCommand: begins an implicit transaction unless one is open. */
    void startTransactionCommand() {
        if (ctx.xact.block == TransactionState.Block.DEFAULT) {
            ctx.xact.block = TransactionState.Block.STARTED;
            ctx.xact.startMicros = PostgresMain.nowMicros();
            ctx.status.reportXactStart(ctx.xact.startMicros);
            ctx.env.gucs().atTransactionStart();
            TransactionCharacteristics.atTransactionStart(ctx.env.gucs());
            if (ctx.storage != null) ctx.storage.atTransactionStart();
        }
    }

    /**
     * RemoveTempRelationsCallback: as a session ends cleanly, the objects of its temporary schema
     * are dropped in a transaction of their own (an open transaction is rolled back first, as
     * AbortOutOfAnyTransaction does), so that no other session sees them and a reused process
     * starts its next session without them. A session that ends otherwise (FATAL, a signal, a
     * crash) leaves them to the next user of its schema, which drops them first
     * (InitTempTableNamespace). Failures are logged, never thrown: the session is ending anyway.
     */
    void removeTempObjectsAtSessionEnd() {
        if (ctx.storage == null || !ctx.storage.catalog.usedTempNamespace()) return;
        try {
            if (ctx.xact.block != TransactionState.Block.DEFAULT) endTransaction(false);
            startTransactionCommand();
            ctx.storage.statementEnvironment();   // the transaction's snapshot, for the catalog scans
            ctx.storage.catalog.removeOwnTempRelations();
            endTransaction(true);
        } catch (RuntimeException e) {
            ctx.env.log().log("could not remove temporary objects at session end: " + e.getMessage());
            if (ctx.xact.block != TransactionState.Block.DEFAULT) endTransaction(false);
        }
    }

    /** Ends an implicit transaction (after a simple Query, or at Sync). */
    void finishImplicitTransaction() {
        if (ctx.xact.block == TransactionState.Block.STARTED) endTransaction(true);
    }

    private void endTransaction(boolean commit) {
        if (commit && ctx.storage != null && ctx.storage.deferredTriggers.pending() > 0) {
            // CommitTransaction: AfterTriggerFireDeferred first; a failed check ends the
            // transaction by abort, and the COMMIT reports the error.
            try {
                ctx.storage.deferredTriggers.fireAll(org.tusk.executor.ExecContext.of(session,
                        ctx.storage.statementEnvironment()));
            } catch (RuntimeException e) {
                endTransaction(false);
                throw e;
            }
        }
        boolean synchronous = !ctx.env.gucs().getEnum("synchronous_commit").equals("off");
        // PreCommit_Portals: WITH HOLD cursors read their rest inside the transaction; others close
        if (commit) cursors.atCommit(); else cursors.atAbort();
        if (commit && ctx.storage != null && org.tusk.commands.OnCommitActions.any(ctx.storage.catalog)) {
            // PreCommit_on_commit_actions: ON COMMIT DELETE ROWS / DROP temporary tables
            try {
                org.tusk.commands.OnCommitActions.preCommit(ctx.storage.statementEnvironment());
            } catch (RuntimeException e) {
                endTransaction(false);
                throw e;
            }
        }
        if (commit && ctx.storage != null && ctx.storage.async.hasPendingWork()) {
            // PreCommit_Notify: LISTEN joins the queue and NOTIFY's entries go in (a full queue aborts)
            try {
                ctx.storage.async.preCommit();
            } catch (RuntimeException e) {
                endTransaction(false);
                throw e;
            }
        }
        if (ctx.storage == null) {
            if (commit) ctx.transaction.commit(synchronous); else ctx.transaction.abort();
        } else {
            if (commit) ctx.storage.commit(synchronous); else ctx.storage.abort();
            // AtCommit_Notify / AtAbort_Notify
            if (commit) ctx.storage.async.atCommit(); else ctx.storage.async.atAbort();
        }
        if (commit) ctx.env.gucs().atTransactionCommit(); else ctx.env.gucs().atTransactionAbort();
        savepoints.clear();
        ctx.xact.block = TransactionState.Block.DEFAULT;
        ctx.xact.startMicros = 0;
        ctx.status.reportXactStart(0);
    }

    /** AbortCurrentTransaction after an ERROR. */
    void abortCurrentTransaction() {
        switch (ctx.xact.block) {
            case STARTED -> endTransaction(false);
            case INPROGRESS -> {
                ctx.xact.block = TransactionState.Block.ABORT;
                if (ctx.storage != null) {
                    // AbortTransaction at once when no savepoint can resume the block: its locks
                    // and its xid must not keep others waiting until the client says ROLLBACK.
                    // Inside a savepoint the subtransactions are aborted at ROLLBACK TO.
                    if (savepoints.isEmpty()) {
                        cursors.atAbort();
                        ctx.storage.abort();
                    } else {
                        ctx.storage.buffers.releaseAll();
                    }
                }
            }
            default -> {
                if (ctx.storage != null) ctx.storage.buffers.releaseAll();
            }
        }
    }

    private String transactionStatement(Stmt.TransactionStmt t) {
        TransactionState x = ctx.xact;
        switch (t.kind()) {
            case BEGIN, START -> {
                if (x.inBlock()) {
                    warning("25001", "there is already a transaction in progress");
                } else {
                    x.block = TransactionState.Block.INPROGRESS;
                }
                // BEGIN's modes are SET LOCAL of the transaction parameters (standard_ProcessUtility).
                TransactionCharacteristics.apply(ctx.env.gucs(), t.options(), false, true, ctx.role().superuser());
                return t.kind() == Stmt.TransactionStmt.Kind.BEGIN ? "BEGIN" : "START TRANSACTION";
            }
            case COMMIT -> {
                if (!x.inBlock()) {
                    noTransactionInProgress(t.chain(), "COMMIT AND CHAIN");
                    // The implicit transaction ends here; the rest of the Query starts another.
                    if (x.block == TransactionState.Block.STARTED) endTransaction(true);
                    return "COMMIT";
                }
                boolean wasAborted = x.aborted();
                endTransactionBlock(!wasAborted, t.chain());
                return wasAborted ? "ROLLBACK" : "COMMIT";
            }
            case ROLLBACK -> {
                if (!x.inBlock()) {
                    noTransactionInProgress(t.chain(), "ROLLBACK AND CHAIN");
                    if (x.block == TransactionState.Block.STARTED) endTransaction(false);
                } else {
                    endTransactionBlock(false, t.chain());
                }
                return "ROLLBACK";
            }
            case SAVEPOINT -> {
                requireBlock("SAVEPOINT");
                ctx.transaction.beginSubTransaction(t.savepointName());
                savepoints.push(new Savepoint(t.savepointName(), ctx.env.gucs().newNestLevel(),
                        TransactionCharacteristics.readOnly(ctx.env.gucs()), deferredMark()));
                return "SAVEPOINT";
            }
            case RELEASE -> {
                requireBlock("RELEASE SAVEPOINT");
                Savepoint sp = findSavepoint(t.savepointName());
                ctx.transaction.releaseSavepoint(t.savepointName());
                while (savepoints.peek() != sp) savepoints.pop();
                cursors.atSubCommit(savepoints.size());
                savepoints.pop();
                ctx.env.gucs().atEndOfNestLevel(true, sp.gucLevel());
                // CommitSubTransaction: XactReadOnly = s->prevXactReadOnly, whatever the GUC merge kept.
                TransactionCharacteristics.restoreReadOnly(ctx.env.gucs(), sp.prevReadOnly());
                return "RELEASE";
            }
            case ROLLBACK_TO -> {
                requireBlock("ROLLBACK TO SAVEPOINT");
                Savepoint sp = findSavepoint(t.savepointName());
                if (ctx.storage != null) ctx.storage.buffers.releaseAll();
                ctx.transaction.rollbackToSavepoint(t.savepointName());
                while (savepoints.peek() != sp) savepoints.pop();
                cursors.atSubAbort(savepoints.size());
                ctx.env.gucs().atEndOfNestLevel(false, sp.gucLevel());
                TransactionCharacteristics.restoreReadOnly(ctx.env.gucs(), sp.prevReadOnly());
                savepoints.pop();
                if (ctx.storage != null) ctx.storage.deferredTriggers.rollbackTo(sp.deferredMark());
                savepoints.push(new Savepoint(sp.name(), ctx.env.gucs().newNestLevel(), sp.prevReadOnly(), deferredMark()));
                x.block = TransactionState.Block.INPROGRESS;
                return "ROLLBACK";
            }
            default -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "prepared transactions are not supported");
        }
    }

    /**
     * COMMIT or ROLLBACK outside a block (EndTransactionBlock, UserAbortTransactionBlock in
     * TBLOCK_STARTED): a WARNING, but AND CHAIN has nothing to chain to and is an error.
     */
    private void noTransactionInProgress(boolean chain, String what) {
        if (chain) throw PgException.error("25P01", what + " can only be used in transaction blocks");
        warning("25P01", "there is no transaction in progress");
    }

    /**
     * Ends the block; AND CHAIN then opens a new one with the same characteristics
     * (SaveTransactionCharacteristics, StartTransaction, RestoreTransactionCharacteristics).
     */
    private void endTransactionBlock(boolean commit, boolean chain) {
        TransactionCharacteristics.Saved saved = chain ? TransactionCharacteristics.save(ctx.env.gucs()) : null;
        endTransaction(commit);
        if (chain) {
            startTransactionCommand();
            TransactionCharacteristics.restore(ctx.env.gucs(), saved);
            ctx.xact.block = TransactionState.Block.INPROGRESS;
        }
    }

    /**
     * SET TRANSACTION (WarnNoTransactionBlock first: outside a block it would last for this
     * statement only) and SET SESSION CHARACTERISTICS AS TRANSACTION, which sets the defaults.
     */
    private void setTransaction(Stmt.SetTransactionStmt st) {
        if (!st.sessionCharacteristics() && !ctx.xact.inBlock() && !multiStatementQuery) {
            warning("25P01", "SET TRANSACTION can only be used in transaction blocks");
        }
        TransactionCharacteristics.apply(ctx.env.gucs(), st.modes(), st.sessionCharacteristics(), st.isLocal(),
                ctx.role().superuser());
    }

    private void requireBlock(String what) {
        if (!ctx.xact.inBlock()) {
            throw PgException.error("25P01", what + " can only be used in transaction blocks");
        }
    }

    private Object deferredMark() {
        return ctx.storage == null ? null : ctx.storage.deferredTriggers.mark();
    }

    private Savepoint findSavepoint(String name) {
        for (Savepoint sp : savepoints) if (sp.name().equals(name)) return sp;
        throw PgException.error("3B001", "savepoint \"" + name + "\" does not exist");
    }

    private void warning(String sqlState, String message) {
        ctx.messages.report(Severity.WARNING, sqlState, message, null, null, 0);
    }
}
