package org.tusk.tcop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.commands.AlterTableCommand;
import org.tusk.commands.TableCommands;
import org.tusk.commands.TruncateCommand;
import org.tusk.commands.VacuumCommand;
import org.tusk.commands.VariableCommands;
import org.tusk.executor.ExecContext;
import org.tusk.executor.Executor;
import org.tusk.executor.PlanState;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Stmt;
import org.tusk.utils.misc.SessionServices;

/**
 * A planned statement ready to run, in the role of PostgreSQL's Portal. {@link #columns()} is
 * the row description ({@code null} for statements that return no rows); {@link #execute()}
 * runs it and returns its rows one at a time as text (null for SQL NULL); after the iterator is
 * exhausted {@link #commandTag()} is the CommandComplete tag ("SELECT 3", "SET", ...).
 *
 * <p>Transaction control statements are not executed here: {@link #transactionStmt()} returns
 * the node for the backend to act on, and execute() returns no rows.
 */
public final class PreparedStatement {
    private final PlannedStmt planned;
    private final SessionServices session;
    private final ExecContext ctx;
    private List<ResultColumn> columns;
    /** A CALL (ExecuteCallStmt): tag CALL; only a procedure with output parameters sends its row. */
    private boolean call;
    private final String queryString;
    private final List<String> notices = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String tag;
    private long rows;
    /** Rows INSERT/UPDATE/DELETE processed, once finished. */
    private long processed;

    /** Where names in FROM resolve to system views: for the queries CREATE VIEW and CREATE TABLE AS analyse. */
    private final org.tusk.catalog.RelationProvider relations;

    /**
     * An EXPLAIN: its options, the explained statement's plan and the planner's time; for EXPLAIN
     * CREATE TABLE AS / SELECT INTO the statement whose table ANALYZE creates and fills ({@code
     * into}), and no plan when IF NOT EXISTS found the table already there (no output at all);
     * {@code scrollMaterialized}: EXPLAIN DECLARE ... SCROLL CURSOR of a plan that cannot run
     * backward, shown under the Material node the planner adds for it.
     */
    record Explain(org.tusk.commands.explain.ExplainOptions options, PlannedStmt plan, double planningMs,
                   Stmt.CreateTableAsStmt into, boolean scrollMaterialized) {
        Explain(org.tusk.commands.explain.ExplainOptions options, PlannedStmt plan, double planningMs,
                Stmt.CreateTableAsStmt into) {
            this(options, plan, planningMs, into, false);
        }
    }

    private final Explain explain;

    /** The other statements rules made of this one (RewriteQuery's product), run before and after it. */
    private List<PreparedStatement> ruleBefore = List.of();
    private List<PreparedStatement> ruleAfter = List.of();
    /** Rules replaced this statement and none of their statements sets the tag: it runs nothing itself. */
    private boolean suppressed;
    /** The rule product (a SELECT action) whose rows the client receives in this statement's place, or null. */
    private PreparedStatement ruleRows;

    /** Sets the statements that run with this one (see {@link Engine}'s prepareProducts). */
    void setRuleProducts(List<PreparedStatement> before, List<PreparedStatement> after, boolean suppressed) {
        this.ruleBefore = List.copyOf(before);
        this.ruleAfter = List.copyOf(after);
        this.suppressed = suppressed;
        // PortalRunMulti sends the rows of a rule's SELECT action to the client too (exec_simple_query's
        // altdest is the client), while the tag stays the original's; Tusk has one result per statement
        List<PreparedStatement> selects = new ArrayList<>();
        for (PreparedStatement p : before) if (p.returnsSelectRows()) selects.add(p);
        for (PreparedStatement p : after) if (p.returnsSelectRows()) selects.add(p);
        if (selects.isEmpty()) return;
        if (selects.size() > 1 || !suppressed && columns != null) {
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.FEATURE_NOT_SUPPORTED,
                    "rules that make a statement return several result sets are not supported by Tusk");
        }
        ruleRows = selects.get(0);
        columns = ruleRows.columns;
    }

    /** Whether this is a plain SELECT (a rule's SELECT action), whose rows go to the client. */
    private boolean returnsSelectRows() {
        return planned.utilityStmt() == null && planned.commandType() == org.tusk.nodes.Query.CommandType.SELECT
                && columns != null;
    }

    PreparedStatement(PlannedStmt planned, SessionServices session, ExecContext ctx, String queryString,
                      org.tusk.catalog.RelationProvider relations) {
        this(planned, session, ctx, queryString, relations, null);
    }

    PreparedStatement(PlannedStmt planned, SessionServices session, ExecContext ctx, String queryString,
                      org.tusk.catalog.RelationProvider relations, Explain explain) {
        this.relations = relations;
        this.explain = explain;
        this.planned = planned;
        this.session = session;
        this.ctx = ctx;
        this.queryString = queryString;
        this.columns = describe();
        this.tag = initialTag();
    }

    /**
     * The tag of ALTER TABLE and RENAME by the object type written (AlterObjectTypeCommandTag):
     * 'i' index, 'S' sequence, 'v' view, 'm' materialized view, else table.
     */
    private static String alterTag(char objectType) {
        return switch (objectType) {
            case 'i' -> "ALTER INDEX";
            case 'S' -> "ALTER SEQUENCE";
            case 'v' -> "ALTER VIEW";
            case 'm' -> "ALTER MATERIALIZED VIEW";
            default -> "ALTER TABLE";
        };
    }

    /**
     * The command tag of a statement that needs tables (and so an ExecEnvironment), or null for
     * one that does not.
     */
    static String tableStatementTag(Stmt s) {
        return switch (s) {
            case Stmt.CreateStmt c -> "CREATE TABLE";
            case Stmt.IndexStmt i -> "CREATE INDEX";
            case Stmt.DropStmt d -> "DROP " + d.kind().sqlName();
            case Stmt.CreateMatViewStmt c -> "SELECT";
            case Stmt.RefreshMatViewStmt r -> "REFRESH MATERIALIZED VIEW";
            case Stmt.CreateSeqStmt c -> "CREATE SEQUENCE";
            case Stmt.AlterSeqStmt a -> "ALTER SEQUENCE";
            case Stmt.InsertStmt i -> "INSERT";
            case Stmt.UpdateStmt u -> "UPDATE";
            case Stmt.MergeStmt m -> "MERGE";
            case Stmt.DeleteStmt d -> "DELETE";
            case Stmt.CopyStmt c -> "COPY";
            case Stmt.TruncateStmt t -> "TRUNCATE TABLE";
            case Stmt.LockStmt l -> "LOCK TABLE";
            case Stmt.ConstraintsSetStmt c -> "SET CONSTRAINTS";
            case Stmt.AlterTableStmt a -> alterTag(a.objectType());
            case Stmt.RenameStmt r -> alterTag(r.objectType());
            case Stmt.ReindexStmt r -> "REINDEX";
            case Stmt.CommentStmt c -> "COMMENT";
            case Stmt.RenameConstraintStmt r -> "ALTER TABLE";
            case Stmt.VacuumStmt v -> v.isVacuum() ? "VACUUM" : "ANALYZE";
            case Stmt.CreateEnumStmt c -> "CREATE TYPE";
            case Stmt.CreateRangeStmt c -> "CREATE TYPE";
            case Stmt.CompositeTypeStmt c -> "CREATE TYPE";
            case Stmt.AlterEnumStmt a -> "ALTER TYPE";
            case Stmt.DropTypeStmt d -> "DROP TYPE";
            case Stmt.CreateDomainStmt c -> "CREATE DOMAIN";
            case Stmt.CallStmt c -> "CALL";
            case Stmt.AlterDomainStmt a -> "ALTER DOMAIN";
            case Stmt.DropDomainStmt d -> "DROP DOMAIN";
            case Stmt.CreateFunctionStmt c -> c.attributes().procedure() ? "CREATE PROCEDURE" : "CREATE FUNCTION";
            case Stmt.DoStmt d -> "DO";
            case Stmt.DropFunctionStmt d -> "DROP " + d.objtype().toUpperCase(java.util.Locale.ROOT);
            case Stmt.CreateAggregateStmt c -> "CREATE AGGREGATE";
            case Stmt.AlterFunctionStmt a -> a.aggregate() ? "ALTER AGGREGATE"
                    : "ALTER " + a.function().objtype().toUpperCase(java.util.Locale.ROOT);
            case Stmt.DropAggregateStmt d -> "DROP AGGREGATE";
            case Stmt.DropOperatorStmt d -> "DROP OPERATOR";
            case Stmt.DefineTypeStmt d -> "CREATE TYPE";
            case Stmt.CreateCastStmt c -> "CREATE CAST";
            case Stmt.DropCastStmt d -> "DROP CAST";
            case Stmt.DefineOperatorStmt d -> "CREATE OPERATOR";
            case Stmt.CreateOpClassStmt c -> "CREATE OPERATOR CLASS";
            case Stmt.CreateOpFamilyStmt c -> "CREATE OPERATOR FAMILY";
            case Stmt.AlterOpFamilyStmt a -> "ALTER OPERATOR FAMILY";
            case Stmt.DropOpClassStmt d -> d.family() ? "DROP OPERATOR FAMILY" : "DROP OPERATOR CLASS";
            case Stmt.AlterOperatorStmt a -> "ALTER OPERATOR";
            case Stmt.ViewStmt v -> "CREATE VIEW";
            case Stmt.CreateTrigStmt c -> "CREATE TRIGGER";
            case Stmt.DropTriggerStmt d -> "DROP TRIGGER";
            case Stmt.RenameTriggerStmt r -> "ALTER TRIGGER";
            case Stmt.CreateRuleStmt r -> "CREATE RULE";
            case Stmt.DropRuleStmt r -> "DROP RULE";
            case Stmt.RenameRuleStmt r -> "ALTER RULE";
            case Stmt.CreatePolicyStmt p -> "CREATE POLICY";
            case Stmt.AlterPolicyStmt p -> "ALTER POLICY";
            case Stmt.DropPolicyStmt p -> "DROP POLICY";
            case Stmt.CreateTableAsStmt c -> c.isSelectInto() ? "SELECT" : "CREATE TABLE AS";
            default -> null;
        };
    }

    private boolean isModify() {
        return switch (planned.commandType()) {
            case INSERT, UPDATE, DELETE, MERGE -> true;
            default -> false;
        };
    }

    /** The tag of INSERT/UPDATE/DELETE after {@code n} rows (PostgreSQL still prints the old OID field for INSERT). */
    private String modifyTag(long n) {
        return switch (planned.commandType()) {
            case INSERT -> "INSERT 0 " + n;
            case UPDATE -> "UPDATE " + n;
            case MERGE -> "MERGE " + n;
            default -> "DELETE " + n;
        };
    }

    /** NOTICE messages the statement raised (IF EXISTS skips), for the client. */
    public List<String> notices() { return List.copyOf(notices); }

    /** INFO messages the statement raised (VACUUM/ANALYZE VERBOSE), for the client. */
    public List<String> infos() { return List.copyOf(infos); }

    /** WARNINGs raised by a utility statement (sent before its notices). */
    public List<String> warnings() { return List.copyOf(warnings); }

    private List<ResultColumn> describe() {
        Stmt u = planned.utilityStmt();
        if (u instanceof Stmt.ExplainStmt) return List.of(new ResultColumn("QUERY PLAN", org.tusk.catalog.TypeOids.TEXT, -1, -1));
        if (u == null && isModify() && planned.visibleColumns() == 0) return null;
        if (u == null) {
            List<ResultColumn> cols = new ArrayList<>();
            for (int i = 0; i < planned.visibleColumns(); i++) {
                int t = planned.columnTypes().get(i), typmod = planned.columnTypmods().get(i);
                // SendRowDescriptionMessage: a domain column is described as its base type and typmod
                for (org.tusk.catalog.DomainInfo d = org.tusk.catalog.TypeCache.lookupDomain(t); d != null;
                        d = org.tusk.catalog.TypeCache.lookupDomain(t)) {
                    t = d.baseType();
                    typmod = d.baseTypmod();
                }
                cols.add(new ResultColumn(planned.columnNames().get(i), t, BuiltinCatalog.type(t).typlen(), typmod));
            }
            return List.copyOf(cols);
        }
        if (u instanceof Stmt.VariableShowStmt s) {
            int text = org.tusk.catalog.TypeOids.TEXT;
            if (s.name().equals("all"))
                return List.of(new ResultColumn("name", text, -1, -1), new ResultColumn("setting", text, -1, -1),
                        new ResultColumn("description", text, -1, -1));
            return List.of(new ResultColumn(VariableCommands.showColumnName(s.name(), session), text, -1, -1));
        }
        return null;
    }

    private String initialTag() {
        Stmt u = planned.utilityStmt();
        if (u == null) return isModify() ? modifyTag(0) : "SELECT 0";
        if (u instanceof Stmt.ExplainStmt) return "EXPLAIN";
        String tableTag = tableStatementTag(u);
        if (tableTag != null) return tableTag;
        String sharedTag = SharedObjects.tag(u);
        if (sharedTag != null) return sharedTag;
        return switch (u) {
            case Stmt.VariableSetStmt v -> v.kind() == Stmt.VariableSetStmt.Kind.RESET
                    || v.kind() == Stmt.VariableSetStmt.Kind.RESET_ALL ? "RESET" : "SET";
            case Stmt.VariableShowStmt v -> "SHOW";
            case Stmt.SetTransactionStmt t -> "SET";
            case Stmt.TransactionStmt t -> switch (t.kind()) {
                case BEGIN -> "BEGIN";
                case START -> "START TRANSACTION";
                case COMMIT -> "COMMIT";
                case ROLLBACK, ROLLBACK_TO -> "ROLLBACK";
                case SAVEPOINT -> "SAVEPOINT";
                case RELEASE -> "RELEASE";
                case PREPARE -> "PREPARE TRANSACTION";
                case COMMIT_PREPARED -> "COMMIT PREPARED";
                case ROLLBACK_PREPARED -> "ROLLBACK PREPARED";
            };
            case Stmt.UnsupportedStmt s -> s.tag();
            case Stmt.CheckpointStmt c -> "CHECKPOINT";
            case Stmt.ListenStmt l -> "LISTEN";
            case Stmt.UnlistenStmt l -> "UNLISTEN";
            case Stmt.DiscardStmt d -> d.commandTag();
            case Stmt.NotifyStmt n -> "NOTIFY";
            case Stmt.PrepareStmt p -> "PREPARE";
            case Stmt.DeallocateStmt d -> d.name() == null ? "DEALLOCATE ALL" : "DEALLOCATE";
            case Stmt.DeclareCursorStmt d -> "DECLARE CURSOR";
            case Stmt.FetchStmt f -> f.isMove() ? "MOVE 0" : "FETCH 0";
            case Stmt.ClosePortalStmt c -> c.name() == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
            case Stmt.SelectStmt s -> "SELECT 0";
            default -> throw new IllegalStateException("no tag for " + u);
        };
    }

    /** Result columns, or null if the statement returns no rows (SET, BEGIN, ...). */
    public List<ResultColumn> columns() { return columns; }

    /** The plan tree, for EXPLAIN-like inspection and tests; null for utility statements. */
    public PlannedStmt plannedStmt() { return planned; }

    /** For an EXPLAIN, the plan it explains; else null. */
    PlannedStmt explainedPlan() { return explain == null ? null : explain.plan(); }

    /** A CHECKPOINT statement the backend must carry out, or null. */
    public Stmt.CheckpointStmt checkpointStmt() {
        return planned.utilityStmt() instanceof Stmt.CheckpointStmt c ? c : null;
    }

    /** A COPY statement the backend must carry out (it needs the client's data stream), or null. */
    public Stmt.CopyStmt copyStmt() {
        return planned.utilityStmt() instanceof Stmt.CopyStmt c ? c : null;
    }

    /** The statement's executor context (its environment, session and time zone), for COPY. */
    ExecContext execContext() {
        return ctx;
    }

    /** The transaction control statement the backend must carry out, or null. */
    public Stmt.TransactionStmt transactionStmt() {
        return planned.utilityStmt() instanceof Stmt.TransactionStmt t ? t : null;
    }

    /** CommandComplete tag; for SELECT, final once the row iterator is exhausted. */
    public String commandTag() { return call ? "CALL" : tag; }

    /**
     * Makes this the execution of a CALL, whose query runs the procedure once in FROM: a procedure
     * without output parameters (a single void column) sends no row description and no row
     * (CallStmtResultDesc gives none then), one with them sends their values as one row.
     */
    void markCall() {
        call = true;
        if (columns != null && columns.size() == 1 && columns.get(0).typeOid() == org.tusk.catalog.TypeOids.VOID) {
            columns = null;
        }
    }

    /**
     * CREATE/DROP TABLE and INDEX through the catalog (ProcessUtility), then
     * CommandCounterIncrement so the next statement of the transaction sees the change.
     */
    private void runTableUtility(Stmt u) {
        var env = ctx.env();
        switch (u) {
            case Stmt.CreateStmt c when org.tusk.commands.PartitionCommands.isPartitionDdl(c) ->
                    org.tusk.commands.PartitionCommands.createTable(c, queryString, ctx, notices::add);
            case Stmt.CreateStmt c -> TableCommands.createTable(c, queryString, ctx, notices::add);
            case Stmt.IndexStmt i -> org.tusk.commands.IndexCommands.define(i, queryString, ctx);
            case Stmt.DropStmt d -> TableCommands.drop(d, env, notices::add, () -> ctx.session().boolSetting("allow_system_table_mods"));
            case Stmt.CreateMatViewStmt c -> createMaterializedView(c);
            case Stmt.RefreshMatViewStmt r -> refreshMaterializedView(r);
            case Stmt.TruncateStmt t -> TruncateCommand.truncate(t, ctx, notices::add);
            case Stmt.LockStmt l -> org.tusk.commands.LockCommand.execute(l, env);
            case Stmt.ConstraintsSetStmt c -> org.tusk.commands.ConstraintsSetCommand.execute(c, ctx);
            case Stmt.CreateSeqStmt c -> org.tusk.commands.SequenceCommands.defineSequence(c, env);
            case Stmt.AlterSeqStmt a -> org.tusk.commands.SequenceCommands.alterSequence(a, env, notices::add);
            case Stmt.AlterTableStmt a -> AlterTableCommand.alter(a, queryString, ctx, notices::add);
            case Stmt.RenameStmt r -> AlterTableCommand.rename(r, env, notices::add);
            case Stmt.RenameConstraintStmt r -> org.tusk.commands.ConstraintCommands.rename(r, env, notices::add);
            case Stmt.VacuumStmt v -> VacuumCommand.vacuum(v, ctx, infos::add);
            case Stmt.ReindexStmt r -> org.tusk.commands.ReindexCommand.reindex(r, ctx, infos::add, notices::add);
            case Stmt.CommentStmt c -> org.tusk.commands.CommentCommand.comment(c, queryString, env);
            case Stmt.CreateEnumStmt c -> org.tusk.commands.TypeCommands.createEnum(c, env);
            case Stmt.CreateRangeStmt c -> org.tusk.commands.RangeTypeCommands.define(c, queryString, env);
            case Stmt.CompositeTypeStmt c -> org.tusk.commands.CompositeTypeCommands.define(c, queryString, env);
            case Stmt.AlterEnumStmt a -> org.tusk.commands.TypeCommands.alterEnum(a, env);
            case Stmt.DropTypeStmt d -> org.tusk.commands.TypeCommands.drop(d, env, notices::add);
            case Stmt.CreateDomainStmt c -> org.tusk.commands.DomainCommands.define(c, queryString, ctx);
            case Stmt.AlterDomainStmt a -> org.tusk.commands.DomainCommands.alter(a, queryString, ctx, notices::add);
            case Stmt.DropDomainStmt d -> org.tusk.commands.DomainCommands.drop(d, ctx, notices::add);
            case Stmt.CreateFunctionStmt c -> org.tusk.commands.FunctionCommands.create(c, queryString, ctx, notices::add);
            case Stmt.DoStmt d -> org.tusk.commands.FunctionCommands.executeDo(d, ctx);
            case Stmt.DropFunctionStmt d -> org.tusk.commands.FunctionCommands.drop(d, queryString, env, notices::add);
            case Stmt.CreateAggregateStmt c -> org.tusk.commands.AggregateCommands.define(c, queryString, ctx, warnings::add);
            case Stmt.DropAggregateStmt d -> org.tusk.commands.AggregateCommands.drop(d, queryString, env, notices::add);
            case Stmt.DropOperatorStmt d -> org.tusk.commands.OperatorCommands.drop(d, queryString, env, notices::add);
            case Stmt.DefineTypeStmt d -> org.tusk.commands.DefineTypeCommand.define(d, queryString, env, warnings::add);
            case Stmt.CreateCastStmt c -> org.tusk.commands.CastCommands.create(c, queryString, env, warnings::add);
            case Stmt.DropCastStmt d -> org.tusk.commands.CastCommands.drop(d, queryString, env, notices::add);
            case Stmt.DefineOperatorStmt d -> org.tusk.commands.OperatorCommands.define(d, queryString, env, warnings::add);
            case Stmt.CreateOpClassStmt c -> org.tusk.commands.OpclassCommands.defineClass(c, queryString, env);
            case Stmt.CreateOpFamilyStmt c -> org.tusk.commands.OpclassCommands.defineFamily(c, env);
            case Stmt.AlterOpFamilyStmt a -> org.tusk.commands.OpclassCommands.alterFamily(a, queryString, env);
            case Stmt.DropOpClassStmt d -> org.tusk.commands.OpclassCommands.drop(d, env, notices::add);
            case Stmt.AlterOperatorStmt a -> org.tusk.commands.OperatorCommands.alter(a, queryString, env);
            case Stmt.AlterFunctionStmt a -> org.tusk.commands.AlterFunctionCommands.alter(a, queryString, env,
                    session::canonicalSettingName);
            case Stmt.ViewStmt v -> org.tusk.commands.ViewCommands.defineView(v, queryString, relations, env, ctx.inputSettings(),
                    session.currentDatabase(), notices::add);
            case Stmt.CreateTableAsStmt c -> createTableAs(c);
            case Stmt.CreateTrigStmt c -> org.tusk.commands.TriggerCommands.create(c, queryString, ctx);
            case Stmt.DropTriggerStmt d -> org.tusk.commands.TriggerCommands.drop(d, env, notices::add);
            case Stmt.RenameTriggerStmt r -> org.tusk.commands.TriggerCommands.rename(r, env);
            case Stmt.CreateRuleStmt r -> org.tusk.commands.RuleCommands.define(r, relations, env, ctx.inputSettings(),
                    session.currentDatabase());
            case Stmt.DropRuleStmt r -> org.tusk.commands.RuleCommands.drop(r, env, notices::add);
            case Stmt.RenameRuleStmt r -> org.tusk.commands.RuleCommands.rename(r, env);
            case Stmt.CreatePolicyStmt p -> org.tusk.commands.PolicyCommands.create(p, relations, ctx, warnings::add);
            case Stmt.AlterPolicyStmt p -> org.tusk.commands.PolicyCommands.alter(p, relations, ctx, warnings::add);
            case Stmt.DropPolicyStmt p -> org.tusk.commands.PolicyCommands.drop(p, env, notices::add);
            default -> throw new IllegalStateException("not a table utility statement: " + u);
        }
        env.commandCounterIncrement();
    }

    /**
     * ExecCreateTableAs: creates the table, then (unless WITH NO DATA) fills it by running
     * INSERT INTO it of the same query, as intorel_receive stores each row. The tag is
     * "SELECT n", or "CREATE TABLE AS" when IF NOT EXISTS skipped the statement or WITH NO DATA
     * left the table empty.
     */
    private void createTableAs(Stmt.CreateTableAsStmt c) {
        var env = ctx.env();
        // ExecCreateTableAs runs the query with the snapshot of the statement's start (its
        // command id), and intorel_startup creates the table under that command id: the query
        // does not see the table it fills (a scan of pg_class does not find it)
        int queryCid = env.snapshot().curcid();
        org.tusk.utils.cache.Relation rel = org.tusk.commands.CreateAsCommands.createTableAs(c, queryString, relations, env,
                ctx.inputSettings(), session.currentDatabase(), utilityParamTypes);
        if (rel == null) {
            tag = "CREATE TABLE AS";
            return;
        }
        if (!c.withData()) {
            // WITH NO DATA runs no executor, so the completion keeps its default tag
            tag = "CREATE TABLE AS";
            return;
        }
        long n = 0;
        {
            String schema = env.catalog().namespaceName(rel.namespace());
            Stmt.InsertStmt insert = new Stmt.InsertStmt(new Stmt.RangeVar(null, schema, rel.name(), null, -1), List.of(),
                    null, -1, c.query(), false, List.of());
            PreparedStatement fill = Engine.prepareIntoRelation(new org.tusk.nodes.RawStmt(insert, 0, queryString.length()), queryString,
                    relations, session, utilityParamTypes == null ? null : new ArrayList<>(utilityParamTypes), utilityParamText, env);
            org.tusk.utils.time.Snapshot snapshot = env.snapshot();
            int now = snapshot.curcid();
            snapshot.setCurcid(queryCid);
            try {
                Iterator<String[]> it = fill.execute();
                while (it.hasNext()) it.next();
            } finally {
                snapshot.setCurcid(Math.max(now, snapshot.curcid()));
            }
            n = fill.processed;
        }
        tag = "SELECT " + n;
    }

    /**
     * ExecCreateTableAs for CREATE MATERIALIZED VIEW: creates it, then (unless WITH NO DATA) fills
     * it from its query as CREATE TABLE AS does. The tag is "SELECT n", or "CREATE MATERIALIZED
     * VIEW" when IF NOT EXISTS skipped the statement or WITH NO DATA left it unpopulated.
     */
    private void createMaterializedView(Stmt.CreateMatViewStmt c) {
        var env = ctx.env();
        int queryCid = env.snapshot().curcid();
        org.tusk.utils.cache.Relation mv = org.tusk.commands.MatviewCommands.create(c, queryString, relations, env,
                ctx.inputSettings(), session.currentDatabase(), notices::add);
        if (mv == null || !c.withData()) {
            tag = "CREATE MATERIALIZED VIEW";
            return;
        }
        tag = "SELECT " + fillRelation(mv, c.query(), queryString, queryCid, false);
    }

    /**
     * ExecRefreshMatView: the checks and the new storage are {@code MatviewCommands.prepareRefresh}'s;
     * the stored query then refills the materialized view. CONCURRENTLY replaces the rows in place
     * (refresh_by_match_merge's outcome: the old rows go, the query's rows come), so that readers,
     * which its ExclusiveLock admits, see the old rows until the refresh commits.
     */
    private void refreshMaterializedView(Stmt.RefreshMatViewStmt r) {
        var env = ctx.env();
        org.tusk.utils.cache.Relation mv = org.tusk.commands.MatviewCommands.prepareRefresh(r, env);
        if (mv == null) return;
        Stmt.SelectStmt query = org.tusk.commands.MatviewCommands.storedQuery(mv, env.catalog(), env.scanSettings());
        String text = org.tusk.commands.MatviewCommands.storedQueryText(mv, env.catalog());
        if (r.concurrent()) {
            String schema = env.catalog().namespaceName(mv.namespace());
            Stmt.DeleteStmt delete = new Stmt.DeleteStmt(new Stmt.RangeVar(null, schema, mv.name(), null, -1), List.of(), null, List.of());
            PreparedStatement empty = Engine.prepareIntoRelation(new org.tusk.nodes.RawStmt(delete, 0, text.length()), text,
                    relations, session, null, null, env);
            empty.ctx.allowMaterializedViewFill(mv.oid());
            run(empty);
            env.commandCounterIncrement();
        }
        fillRelation(mv, query, text, env.snapshot().curcid(), true);
        if (!r.concurrent()) {
            env.commandCounterIncrement();
            org.tusk.commands.MatviewCommands.reindexAfterRefresh(mv, ctx);
        }
    }

    /** Runs {@code fill} to its end; returns the rows it processed. */
    private static long run(PreparedStatement fill) {
        Iterator<String[]> it = fill.execute();
        while (it.hasNext()) it.next();
        return fill.processed;
    }

    /**
     * intorel_receive's work, done as an INSERT of {@code query} into {@code rel} run under
     * command id {@code queryCid} (the query does not see the relation being filled); returns the
     * number of rows stored.
     */
    private long fillRelation(org.tusk.utils.cache.Relation rel, Stmt.SelectStmt query, String text, int queryCid,
                              boolean storedQuery) {
        var env = ctx.env();
        String schema = env.catalog().namespaceName(rel.namespace());
        Stmt.InsertStmt insert = new Stmt.InsertStmt(new Stmt.RangeVar(null, schema, rel.name(), null, -1), List.of(),
                null, -1, query, false, List.of());
        PreparedStatement fill;
        try {
            fill = Engine.prepareIntoRelation(new org.tusk.nodes.RawStmt(insert, 0, text.length()), text, relations, session,
                    storedQuery || utilityParamTypes == null ? null : new ArrayList<>(utilityParamTypes),
                    storedQuery ? null : utilityParamText, env);
        } catch (org.tusk.utils.error.PgException e) {
            if (!storedQuery) throw e;
            // positions would point into the stored query, not the statement the client sent
            throw new org.tusk.utils.error.PgException(org.tusk.utils.error.Severity.ERROR, e.sqlState(), e.getMessage(),
                    e.detail(), e.hint(), 0).withContext("SQL statement defining materialized view \"" + rel.name() + "\"");
        }
        fill.ctx.allowMaterializedViewFill(rel.oid());
        org.tusk.utils.time.Snapshot snapshot = env.snapshot();
        int now = snapshot.curcid();
        snapshot.setCurcid(queryCid);
        try {
            return run(fill);
        } finally {
            snapshot.setCurcid(Math.max(now, snapshot.curcid()));
        }
    }

    /**
     * CreateIntoRelDestReceiver for EXPLAIN ANALYZE CREATE TABLE AS: creates the table (as
     * intorel_startup does, even WITH NO DATA) and returns intorel_receive, which stores each row
     * of the query's visible columns with table_tuple_insert (the new table has no indexes).
     */
    private java.util.function.Consumer<Object[]> intoRelation(Stmt.CreateTableAsStmt c) {
        var env = ctx.env();
        org.tusk.utils.cache.Relation rel = org.tusk.commands.CreateAsCommands.createTableAs(c, queryString, relations, env,
                ctx.inputSettings(), session.currentDatabase(), utilityParamTypes);
        if (rel == null) return null;
        int natts = rel.desc().natts();
        return row -> env.tableAm().insert(rel, java.util.Arrays.copyOf(row, natts), env.commandId());
    }

    /**
     * Runs the statement; rows are produced on demand. INSERT/UPDATE/DELETE do their work as the
     * iterator is drained (all of it at the first call without RETURNING) and increment the
     * command counter when done.
     */
    /** The parameters a CREATE TABLE ... AS EXECUTE binds to the prepared query (null: none). */
    private List<Integer> utilityParamTypes;
    private String[] utilityParamText;

    void bindUtilityParams(List<Integer> types, String[] text) {
        this.utilityParamTypes = types == null ? null : List.copyOf(types);
        this.utilityParamText = text;
    }

    /** The source text the statement was parsed from (its locations index into it). */
    String queryString() { return queryString; }

    /** The plan state of the last {@link #execute()}, which a cursor's scan positions are read from. */
    private PlanState running;

    /** WHERE CURRENT OF: where the scans of the running plan stand, just after it returned a row. */
    org.tusk.executor.ScanPositions.Row capturePositions(org.tusk.executor.ScanPositions positions) {
        return positions.capture(running);
    }

    public Iterator<String[]> execute() {
        if (call && columns == null) {
            // the procedure runs; its void result is no row for the client
            Iterator<String[]> it = executeOwn();
            while (it.hasNext()) it.next();
            return java.util.Collections.emptyIterator();
        }
        if (ruleBefore.isEmpty() && ruleAfter.isEmpty() && !suppressed) return executeOwn();
        // PortalRunMulti: every statement of the rewritten list in order, the command counter
        // advanced after each; only this one's rows and tag reach the client
        List<String[]> out = new ArrayList<>();
        for (PreparedStatement p : ruleBefore) drain(p, out);
        if (!suppressed) {
            Iterator<String[]> it = executeOwn();
            while (it.hasNext()) out.add(it.next());
        }
        for (PreparedStatement p : ruleAfter) drain(p, out);
        return out.iterator();
    }

    private void drain(PreparedStatement p, List<String[]> out) {
        Iterator<String[]> it = p.execute();
        while (it.hasNext()) {
            String[] row = it.next();
            if (p == ruleRows) out.add(row);
        }
        notices.addAll(p.notices);
        infos.addAll(p.infos);
        warnings.addAll(p.warnings);
    }

    private Iterator<String[]> executeOwn() {
        Stmt u = planned.utilityStmt();
        if (u instanceof Stmt.VariableSetStmt v) {
            VariableCommands.set(v, session);
            return java.util.Collections.emptyIterator();
        }
        if (u instanceof Stmt.VariableShowStmt s) return VariableCommands.show(s.name(), session).iterator();
        // standard_ProcessUtility's T_ListenStmt, T_UnlistenStmt, T_NotifyStmt (async.c)
        if (u instanceof Stmt.ListenStmt l) {
            session.listen(l.channel());
            return java.util.Collections.emptyIterator();
        }
        if (u instanceof Stmt.UnlistenStmt l) {
            session.unlisten(l.channel());
            return java.util.Collections.emptyIterator();
        }
        if (u instanceof Stmt.NotifyStmt n) {
            session.asyncNotify(n.channel(), n.payload());
            return java.util.Collections.emptyIterator();
        }
        if (explain != null) {
            if (explain.plan() == null) return java.util.Collections.emptyIterator();
            java.util.function.Consumer<Object[]> into = explain.into() != null && explain.options().analyze()
                    ? intoRelation(explain.into()) : null;
            List<String[]> lines = new ArrayList<>();
            for (String line : org.tusk.commands.explain.ExplainCommand.explain(explain.options(), explain.plan(), ctx,
                    explain.planningMs(), into, explain.into() != null && !explain.into().withData(),
                    explain.scrollMaterialized())) lines.add(new String[] {line});
            if (into != null) ctx.env().commandCounterIncrement();
            return lines.iterator();
        }
        if (u != null && tableStatementTag(u) != null) {
            runTableUtility(u);
            return java.util.Collections.emptyIterator();
        }
        if (u != null) return java.util.Collections.emptyIterator();
        PlanState state = Executor.init(planned.planTree(), ctx);
        running = state;
        boolean modify = isModify();
        int visible = planned.visibleColumns();
        int[] outTypes = new int[visible];
        for (int i = 0; i < visible; i++) outTypes[i] = planned.columnTypes().get(i);
        rows = 0;
        return new Iterator<>() {
            Object[] nextTuple;
            boolean finished;

            private void fetch() {
                if (nextTuple != null || finished) return;
                try {
                    session.checkForInterrupts();
                    nextTuple = state.next();
                } catch (RuntimeException e) {
                    // temporary files of sorts are removed even when the statement fails
                    ctx.releaseResources();
                    throw e;
                }
                if (nextTuple == null) {
                    finished = true;
                    state.close();
                    ctx.releaseResources();
                    if (modify) {
                        processed = Executor.processedRows(state);
                        tag = modifyTag(processed);
                        ctx.env().commandCounterIncrement();
                    } else {
                        tag = "SELECT " + rows;
                    }
                }
            }

            @Override
            public boolean hasNext() {
                fetch();
                return nextTuple != null;
            }

            @Override
            public String[] next() {
                fetch();
                if (nextTuple == null) throw new NoSuchElementException();
                Object[] t = nextTuple;
                nextTuple = null;
                String[] out = new String[visible];
                org.tusk.utils.adt.OutputSettings os = ctx.outputSettings();
                for (int i = 0; i < visible; i++)
                    out[i] = t[i] == null ? null : BuiltinCatalog.type(outTypes[i]).output().out(t[i], os);
                rows++;
                tag = modify ? modifyTag(rows) : "SELECT " + rows;
                return out;
            }
        };
    }
}
