package org.tusk.executor;

import java.time.ZoneId;

import org.tusk.catalog.FunctionCallContext;
import org.tusk.utils.adt.DateTimes;
import org.tusk.utils.adt.DateStyles;
import org.tusk.utils.misc.SessionServices;

/**
 * Per-statement execution context (EState's share of it): the session, and the session's
 * TimeZone resolved to a ZoneId. The zone is re-read from the session on each use (cached while
 * the setting's text is unchanged), so set_config('TimeZone', ...) inside a statement affects
 * the output of later values, as in PostgreSQL.
 */
public final class ExecContext implements FunctionCallContext {
    private final SessionServices session;
    /** Values of $1..$n for this execution (extended protocol Bind), in their types' Java forms. */
    private Object[] params = new Object[0];
    private String zoneText;
    private ZoneId zone;
    /** Storage and catalogs for statements that touch tables; null when the backend has none. */
    private final ExecEnvironment env;

    private ExecContext(SessionServices session, ExecEnvironment env) {
        this.session = session;
        this.env = env;
    }

    @Override
    public org.tusk.catalog.Catalog catalog() {
        return env == null ? null : env.catalog();
    }

    public static ExecContext of(SessionServices session) {
        return new ExecContext(session, null);
    }

    public static ExecContext of(SessionServices session, ExecEnvironment env) {
        return new ExecContext(session, env);
    }

    /** PARAM_EXEC values (es_param_exec_vals), by parameter id; grown on demand. */
    private Object[] execParams = new Object[8];
    /** The shared row buffers of the statement's WITH queries, by CTE id. */
    private final java.util.Map<Integer, CteScanState.Buffer> cteBuffers = new java.util.HashMap<>();
    /** Results of uncorrelated SubPlans, computed once per statement. */
    private final java.util.IdentityHashMap<org.tusk.nodes.Expr.SubPlan, Object> subPlanResults = new java.util.IdentityHashMap<>();

    /** WHERE CURRENT OF: each cursor's row of each scanned table, resolved when the scan starts (see ExecCurrent). */
    private final java.util.Map<ExecCurrent.Key, java.util.Optional<org.tusk.storage.page.ItemPointer>> currentOfTids =
            new java.util.HashMap<>();

    java.util.Map<ExecCurrent.Key, java.util.Optional<org.tusk.storage.page.ItemPointer>> currentOfTids() { return currentOfTids; }

    /** The cache of each Memoize node, for the execution of the nested loop it is under. */
    private final java.util.IdentityHashMap<org.tusk.nodes.Plan.Memoize, MemoizeState.Cache> memoizeCaches =
            new java.util.IdentityHashMap<>();

    /** Starts an empty cache for {@code plan}: its nested loop begins an execution (ExecInitMemoize). */
    void resetMemoizeCache(org.tusk.nodes.Plan.Memoize plan) {
        memoizeCaches.remove(plan);
    }

    /** The current cache of {@code plan}, bounded by hash_mem (work_mem times hash_mem_multiplier). */
    MemoizeState.Cache memoizeCache(org.tusk.nodes.Plan.Memoize plan) {
        return memoizeCaches.computeIfAbsent(plan, k -> {
            double multiplier = 2.0;
            try {
                multiplier = Double.parseDouble(session().showSetting("hash_mem_multiplier").strip());
            } catch (RuntimeException e) {
                // the default
            }
            return new MemoizeState.Cache((long) (Executor.workMemKb(this) * 1024.0 * multiplier), instrumentFor(plan));
        });
    }

    /** EXPLAIN ANALYZE's per-node statistics, by plan node identity; null when not instrumenting. */
    private java.util.IdentityHashMap<org.tusk.nodes.Plan, Instrumentation> instrumentation;
    private boolean timing;
    /** Temporary files and other resources to release when the statement ends, normally or by error. */
    private final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();
    /**
     * The statement's transition-table capture of a partitioned UPDATE/DELETE target, by the
     * root's OID (TransitionCaptureState): where the leaves put their changed rows for the root's triggers.
     */
    private final java.util.Map<Integer, RelationTriggers> transitionCaptures = new java.util.HashMap<>();

    /**
     * The materialized view this statement fills for CREATE or REFRESH MATERIALIZED VIEW (0: none);
     * CheckValidResultRel refuses any other change of a materialized view.
     */
    private int filledMaterializedView;

    /** Lets this statement change materialized view {@code relOid}: it is the fill of CREATE or REFRESH. */
    public void allowMaterializedViewFill(int relOid) { this.filledMaterializedView = relOid; }

    boolean fillsMaterializedView(int relOid) { return relOid != 0 && filledMaterializedView == relOid; }

    void setTransitionCapture(int rootOid, RelationTriggers t) {
        if (t == null) transitionCaptures.remove(rootOid);
        else transitionCaptures.put(rootOid, t);
    }

    RelationTriggers transitionCapture(int rootOid) { return transitionCaptures.get(rootOid); }

    /** Makes {@link Executor#init} count rows, loops and (with {@code timing}) time per plan node (EXPLAIN ANALYZE). */
    public void enableInstrumentation(boolean timing) {
        this.instrumentation = new java.util.IdentityHashMap<>();
        this.timing = timing;
    }

    /** The statistics of {@code plan}, or null if it never ran or nothing is being instrumented. */
    public Instrumentation instrumentation(org.tusk.nodes.Plan plan) {
        return instrumentation == null ? null : instrumentation.get(plan);
    }

    /** The statistics object for {@code plan}, created on first use; null when not instrumenting. */
    Instrumentation instrumentFor(org.tusk.nodes.Plan plan) {
        return instrumentation == null ? null : instrumentation.computeIfAbsent(plan, k -> new Instrumentation(timing));
    }

    /** Registers a resource (a sort's temporary file) that {@link #releaseResources()} closes if its node does not. */
    void registerResource(AutoCloseable r) { resources.add(r); }

    void forgetResource(AutoCloseable r) { resources.remove(r); }

    /**
     * Closes what the statement's nodes still hold (PostgreSQL's resource owner cleanup at the
     * end of a portal or at abort): temporary files are removed even when the statement failed.
     */
    public void releaseResources() {
        for (AutoCloseable r : java.util.List.copyOf(resources)) {
            try {
                r.close();
            } catch (Exception e) {
                // cleanup continues with the next resource; a file that cannot be removed is left for restart's cleanup
            }
        }
        resources.clear();
    }

    Object execParam(int id) {
        return id < execParams.length ? execParams[id] : null;
    }

    void setExecParam(int id, Object value) {
        if (id >= execParams.length) execParams = java.util.Arrays.copyOf(execParams, Math.max(id + 1, execParams.length * 2));
        execParams[id] = value;
    }

    CteScanState.Buffer cteBuffer(int cteId, org.tusk.nodes.Plan plan) {
        return cteBuffers.computeIfAbsent(cteId, k -> new CteScanState.Buffer(plan, this));
    }

    /**
     * A recursive query starts a new round with new work-table rows: the WITH queries that read
     * them must be computed again, so their buffers are dropped (the next scan starts a new one).
     */
    void resetCtesReadingWorkTable(int paramId) {
        cteBuffers.values().removeIf(b -> b.readsWorkTable(paramId));
    }

    java.util.IdentityHashMap<org.tusk.nodes.Expr.SubPlan, Object> subPlanResults() { return subPlanResults; }

    /** The statement's storage environment, or null. */
    public ExecEnvironment env() { return env; }

    /** The environment, which a plan over tables cannot run without. */
    ExecEnvironment requireEnv() {
        if (env == null) throw new IllegalStateException("a plan over tables needs an ExecEnvironment");
        return env;
    }

    @Override
    public SessionServices session() { return session; }

    /** The statement's snapshot, when this context runs one. */
    @Override
    public org.tusk.utils.time.Snapshot activeSnapshot() {
        if (env == null) return FunctionCallContext.super.activeSnapshot();
        return env.snapshot();
    }

    /**
     * The backend's handler of LANGUAGE sql (and plpgsql), which the statement's environment
     * carries; null without an environment or in a process without sessions.
     */
    public SqlFunctionRunner sqlFunctionRunner() {
        return env == null ? null : env.sqlFunctionRunner();
    }

    /** The routines whose EXECUTE privilege this statement has checked (ExecInitFunc checks once per node). */
    private java.util.Set<Integer> executeChecked;

    /** pg_proc_aclcheck(ACL_EXECUTE) for the current user, once per routine and statement. */
    private void checkExecute(org.tusk.catalog.SqlFunction f) {
        if (executeChecked == null) executeChecked = new java.util.HashSet<>();
        if (executeChecked.contains(f.oid())) return;
        ExecPermissions.checkFunction(f.oid(), f.name(), env);
        executeChecked.add(f.oid());   // only once it passed: a check cut short (a cancel) is made again
    }

    @Override
    public Object callSqlFunction(org.tusk.catalog.SqlFunction f, Object[] args) {
        SqlFunctionRunner r = sqlFunctionRunner();
        if (r == null) return FunctionCallContext.super.callSqlFunction(f, args);
        checkExecute(f);
        return r.call(f, args, this);
    }

    @Override
    public java.util.List<Object[]> callSqlFunctionSet(org.tusk.catalog.SqlFunction f, Object[] args) {
        SqlFunctionRunner r = sqlFunctionRunner();
        if (r == null) return FunctionCallContext.super.callSqlFunctionSet(f, args);
        checkExecute(f);
        return r.callSet(f, args, this);
    }

    /** eval_const_expressions' active_fns for this statement's planning (see FunctionCallContext). */
    private final java.util.Set<Integer> inliningFunctions = new java.util.HashSet<>();

    @Override
    public java.util.Set<Integer> inliningFunctions() {
        return inliningFunctions;
    }

    @Override
    public org.tusk.nodes.Query inlinableSqlFunctionBody(org.tusk.catalog.SqlFunction f) {
        SqlFunctionRunner r = sqlFunctionRunner();
        if (r == null) return FunctionCallContext.super.inlinableSqlFunctionBody(f);
        return r.inlinableBody(f, this);
    }

    @Override
    public java.util.List<org.tusk.catalog.SqlBodyStatement> analyzeSqlBody(org.tusk.catalog.SqlFunction f) {
        SqlFunctionRunner r = sqlFunctionRunner();
        if (r == null) return FunctionCallContext.super.analyzeSqlBody(f);
        return r.analyzeSqlBody(f, this);
    }

    @Override
    public StoredRule analyzeStoredRule(org.tusk.utils.cache.Relation rel, org.tusk.catalog.RuleInfo rule) {
        SqlFunctionRunner r = sqlFunctionRunner();
        if (r == null) return FunctionCallContext.super.analyzeStoredRule(rel, rule);
        return r.analyzeStoredRule(rel, rule, this);
    }

    @Override
    public org.tusk.nodes.Query analyzeStoredQuery(String sql) {
        SqlFunctionRunner r = sqlFunctionRunner();
        if (r == null) return FunctionCallContext.super.analyzeStoredQuery(sql);
        return r.analyzeStoredQuery(sql, this);
    }

    /** Binds the values of the statement's parameters. */
    public void setParams(Object[] values) {
        this.params = values.clone();
    }

    @Override
    public Object paramValue(int number) {
        if (number < 1 || number > params.length) return FunctionCallContext.super.paramValue(number);
        return params[number - 1];
    }

    /** The output settings last derived, and the session's settings version they were derived under. */
    private org.tusk.utils.adt.OutputSettings outputSettings;
    private long outputSettingsVersion = -1;

    /**
     * The settings that value output depends on (TimeZone, DateStyle, IntervalStyle,
     * extra_float_digits, bytea_output). Output asks for them for every row it sends, so they are
     * derived again only when some setting changed since the last call (set_config inside the
     * statement changes the output of later rows, as in PostgreSQL), and kept by the session from
     * one statement to the next.
     */
    @Override
    public org.tusk.utils.adt.OutputSettings outputSettings() {
        long version = session.settingsVersion();
        if (outputSettings != null && version != -1 && version == outputSettingsVersion) return outputSettings;
        // a statement's first row: the session usually has them from an earlier statement
        outputSettings = session.derivedFromSettings(org.tusk.utils.adt.OutputSettings.class, this::deriveOutputSettings);
        outputSettingsVersion = version;
        return outputSettings;
    }

    private org.tusk.utils.adt.OutputSettings deriveOutputSettings() {
        int efd = 1;
        try {
            efd = Integer.parseInt(session.showSetting("extra_float_digits").strip());
        } catch (RuntimeException e) {
            // unknown to this session or unparsable: PostgreSQL's default
        }
        String dateStyle = setting("DateStyle");
        return new org.tusk.utils.adt.OutputSettings(timeZone(), Math.max(-15, Math.min(3, efd)),
                DateStyles.styleOf(dateStyle), DateStyles.orderOf(dateStyle),
                DateStyles.intervalStyleOf(setting("IntervalStyle")),
                "escape".equalsIgnoreCase(setting("bytea_output")));
    }

    private String setting(String name) {
        try {
            return session.showSetting(name);
        } catch (RuntimeException e) {
            return null; // unknown to this session: PostgreSQL's default applies
        }
    }

    /** The input settings last derived, and the session's settings version they were derived under. */
    private org.tusk.utils.adt.InputSettings inputSettings;
    private long inputSettingsVersion = -1;

    /**
     * The settings input functions read (TimeZone, DateStyle's DateOrder, IntervalStyle, the
     * transaction's start: PostgreSQL's globals for DecodeNumber, interval_in and "now"). Asked
     * for each value an input function reads, so they are derived again only when a setting
     * changed (set_config inside the statement affects later input) or a new transaction began.
     */
    @Override
    public org.tusk.utils.adt.InputSettings inputSettings() {
        long version = session.settingsVersion();
        java.time.Instant start;
        try {
            start = session.transactionStart();
        } catch (RuntimeException e) {
            start = null; // a context without a transaction: "now" is the clock
        }
        org.tusk.utils.adt.InputSettings s = inputSettings;
        if (s != null && version != -1 && version == inputSettingsVersion && java.util.Objects.equals(start, s.transactionStart()))
            return s;
        inputSettings = new org.tusk.utils.adt.InputSettings(timeZone(), DateStyles.orderOf(setting("DateStyle")),
                DateStyles.intervalStyleOf(setting("IntervalStyle")), start);
        inputSettingsVersion = version;
        return inputSettings;
    }

    @Override
    public ZoneId timeZone() {
        String tz;
        try {
            tz = session.showSetting("TimeZone");
        } catch (RuntimeException e) {
            tz = "UTC";
        }
        if (!tz.equals(zoneText)) {
            zone = DateTimes.zone(tz);
            zoneText = tz;
        }
        return zone;
    }

    @Override
    public void checkDomain(int domainOid, Object value) {
        DomainConstraints.check(domainOid, value, this);
    }
}
