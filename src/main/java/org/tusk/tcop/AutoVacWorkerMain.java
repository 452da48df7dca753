package org.tusk.tcop;

import org.tusk.auxprocess.AutoVacuumThresholds;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.Catalog;
import org.tusk.catalog.RelationLocks;
import org.tusk.commands.VacuumCommand;
import org.tusk.executor.ExecContext;
import org.tusk.executor.ExecEnvironment;
import org.tusk.libpq.BackendMessages;
import org.tusk.libpq.PqComm;
import org.tusk.libpq.Port;
import org.tusk.nodes.Stmt;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.storage.ipc.AutoVacuumShmem;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.utils.activity.BackendStatusArray.State;
import org.tusk.utils.activity.PgStatFields;
import org.tusk.utils.activity.PgStatShared;
import org.tusk.utils.cache.Relation;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.misc.GucAction;
import org.tusk.utils.misc.GucContext;
import org.tusk.utils.misc.GucSettings;
import org.tusk.utils.misc.GucSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An autovacuum worker (PostgreSQL's AutoVacWorkerMain and do_autovacuum in
 * postmaster/autovacuum.c): started by the postmaster at the launcher's request, it takes the
 * database the launcher chose from {@link AutoVacuumShmem}, connects to it as the bootstrap
 * superuser, finds the tables whose statistics put them over the autovacuum thresholds
 * ({@link AutoVacuumThresholds}, with the table's reloptions), VACUUMs and/or ANALYZEs each in a
 * transaction of its own, and exits.
 *
 * <p>It lives in {@code tcop} because it is a database session without a client: it is set up as
 * a client backend is ({@link BackendMain#initProcess}, {@link BackendMain#startSession}) and runs
 * VACUUM through the same command code, so it needs the backend's context. Its protocol output (a
 * warning at commit, say) has no client to go to: it goes to a socket pair whose other end a thread
 * of the worker drains. Errors go to the server log.
 *
 * <p>Each table is locked ShareUpdateExclusiveLock only if the lock is free at once
 * (ConditionalLockRelationOid, autovacuum's VACOPT_SKIP_LOCKED); a table locked by someone else is
 * skipped, and one another worker is processing too. SIGTERM (shutdown, DROP DATABASE) ends the
 * worker with FATAL "terminating autovacuum process due to administrator command" at its next
 * interrupt check; SIGINT cancels the table it is on ("canceling autovacuum task") and it goes on
 * with the next. PostgreSQL's deadlock checker also cancels a worker that blocks someone's lock
 * request; Tusk's does not (a user's DDL waits for the worker to finish the table).
 */
public final class AutoVacWorkerMain {
    private final BackendContext ctx;
    private final BackendSession session;
    private final QueryRunner runner;
    private final AutoVacuumShmem shared;

    private AutoVacWorkerMain(BackendContext ctx) {
        this.ctx = ctx;
        this.session = new BackendSession(ctx);
        this.runner = new QueryRunner(ctx, session);
        runner.setEnvironments(ctx.storage::statementEnvironment);
        this.shared = ctx.env.shmem().autoVacuum();
    }

    public static void run(ChildEnvironment env, int slot) {
        Interrupts interrupts = new Interrupts();
        interrupts.setAutovacuumWorker();
        interrupts.install();
        int[] pair = Sockets.socketPair();
        drain(pair[0]);
        PqComm comm = new PqComm(pair[1], interrupts.wakeFd());
        BackendContext ctx = new BackendContext(env, interrupts, new Port(comm, Sockets.peer(pair[1])), new BackendMessages(comm));
        env.log().setBackendType(BackendType.AUTOVAC_WORKER.description());
        ctx.slot = slot;
        PMChildFlags flags = env.shmem().pmChildFlags();
        flags.markActive(slot);
        env.procExit().onShmemExit(() -> flags.markInactive(slot));
        AutoVacuumShmem shared = env.shmem().autoVacuum();
        int dboid = shared.takeRequest(slot, System.currentTimeMillis());
        env.procExit().onShmemExit(() -> {
            shared.workerExited(slot);
            wakeLauncher(env);
        });
        wakeLauncher(env);
        if (dboid == 0) env.procExit().exit(0);   // the launcher gave the request up meanwhile
        try {
            BackendMain.initProcess(ctx, BackendType.AUTOVAC_WORKER);
            BootstrapCatalog catalog = BootstrapCatalog.load(env.dataDir());
            BootstrapCatalog.Database db = catalog.database(dboid).orElse(null);
            // The database was dropped since the launcher chose it: nothing to do.
            if (db == null) env.procExit().exit(0);
            BootstrapCatalog.Role role = catalog.role(BootstrapCatalog.BOOTSTRAP_SUPERUSER_ID).orElseThrow();
            ctx.proc.setDatabaseAndRole(db.oid(), role.oid());
            // As InitPostgres: with databaseId published, wait out a DROP DATABASE of it (which
            // locks it, then counts and signals the processes in it), then look again; a database
            // dropped meanwhile is quietly left (PostgreSQL's worker exits the same way).
            var dbLock = org.tusk.storage.lmgr.LockTag.object(0, BootstrapCatalog.DATABASE_RELATION_ID, db.oid(), 0);
            ctx.locks.acquire(dbLock, org.tusk.storage.lmgr.LockMode.ROW_EXCLUSIVE, true, false);
            ctx.locks.release(dbLock, org.tusk.storage.lmgr.LockMode.ROW_EXCLUSIVE, true);
            db = BootstrapCatalog.load(env.dataDir()).database(dboid).orElse(null);
            if (db == null) env.procExit().exit(0);
            env.log().setSession("", db.name(), "", "");
            ctx.identity = new SessionIdentity(role, env.gucs(), name -> ctx.storage != null
                    ? ctx.storage.sharedCatalog.current().role(name) : BootstrapCatalog.load(env.dataDir()).role(name));
            ctx.database = db;
            workerSettings(env.gucs(), db);
            BackendMain.startSession(ctx, role, db, BackendType.AUTOVAC_WORKER, "", null, 0);
            new AutoVacWorkerMain(ctx).doAutovacuum();
            ctx.storage.pgstat.discardTableCounts();
        } catch (PgException e) {
            env.log().report(e);
            env.procExit().exit(1);
        } catch (RuntimeException e) {
            // A bug, not a crash: as a client backend's statement, it ends the work cleanly (the
            // exit aborts the transaction and releases everything), so it costs no crash-restart.
            env.log().report(Severity.LOG, org.tusk.utils.error.SqlState.INTERNAL_ERROR,
                    "unexpected exception in autovacuum worker: " + e, null, null);
            env.procExit().exit(1);
        }
        env.procExit().exit(0);
    }

    /** The worker's end of nowhere: reads and drops what the session writes for a client it does not have. */
    private static void drain(int fd) {
        Thread t = new Thread(() -> {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = a.allocate(8192);
                while (Libc.read(fd, buf, 8192) > 0) {
                    // dropped
                }
            }
        }, "autovacuum output drain");
        t.setDaemon(true);
        t.start();
    }

    private static void wakeLauncher(ChildEnvironment env) {
        int launcher = env.shmem().autoVacuum().launcherSlot();
        if (launcher > 0) env.shmem().procGlobal().proc(launcher).latch().set();
    }

    /**
     * AutoVacWorkerMain's settings: no timeouts (a worker must not be cut short by a setting meant
     * for clients), read committed, and an empty search_path, so that nothing a user defines is
     * found by name while tables are processed.
     */
    private static void workerSettings(GucSettings gucs, BootstrapCatalog.Database db) {
        gucs.set("lc_collate", db.collate(), GucContext.INTERNAL, GucSource.DYNAMIC_DEFAULT, GucAction.SET);
        gucs.set("lc_ctype", db.ctype(), GucContext.INTERNAL, GucSource.DYNAMIC_DEFAULT, GucAction.SET);
        String[][] settings = {{"search_path", ""}, {"statement_timeout", "0"}, {"lock_timeout", "0"},
                {"idle_in_transaction_session_timeout", "0"}, {"default_transaction_isolation", "read committed"},
                {"synchronous_commit", "local"}};
        for (String[] s : settings) {
            try {
                gucs.set(s[0], s[1], GucContext.SUSET, GucSource.OVERRIDE, GucAction.SET);
            } catch (PgException e) {
                // a setting this server does not have: nothing to override
            }
        }
    }

    /** A table the worker will process, as do_autovacuum lists them (OIDs, then each rechecked). */
    private record Candidate(int oid, String schema, String name) {}

    /** do_autovacuum: list the tables that need work, then process each (table_recheck_autovac first). */
    private void doAutovacuum() {
        List<Candidate> tables = new ArrayList<>();
        runner.startTransactionCommand();
        try {
            ExecEnvironment env = ctx.storage.statementEnvironment();
            Catalog catalog = env.catalog();
            for (Relation rel : catalog.userTables()) {
                AutoVacuumThresholds.Decision d = decide(catalog, rel);
                if (d.vacuum() || d.analyze()) {
                    tables.add(new Candidate(rel.oid(), catalog.namespaceName(rel.namespace()), rel.name()));
                }
            }
            runner.finishImplicitTransaction();
        } catch (PgException e) {
            runner.abortCurrentTransaction();
            throw e;
        }
        for (Candidate t : tables) {
            ctx.interrupts.check();
            if (!shared.claimTable(ctx.slot, t.oid())) continue;   // another worker is on it
            try {
                processTable(t);
            } finally {
                shared.claimTable(ctx.slot, 0);
            }
        }
    }

    /** relation_needs_vacanalyze over the table's statistics entry, reltuples and reloptions. */
    private AutoVacuumThresholds.Decision decide(Catalog catalog, Relation rel) {
        long[] c = ctx.env.shmem().pgStat().read(PgStatShared.KIND_RELATION, ctx.database.oid(), rel.oid());
        AutoVacuumThresholds.Counts counts = c == null ? null : new AutoVacuumThresholds.Counts(
                c[PgStatFields.N_DEAD_TUPLES], c[PgStatFields.INSERTS_SINCE_VACUUM], c[PgStatFields.CHANGES_SINCE_ANALYZE]);
        return AutoVacuumThresholds.decide(settings(), relOptions(catalog.relOptions(rel)), counts, rel.reltuples(),
                false, false, false);
    }

    private AutoVacuumThresholds.Settings settings() {
        GucSettings g = ctx.env.gucs();
        return new AutoVacuumThresholds.Settings(g.getInt("autovacuum_vacuum_threshold"),
                g.getReal("autovacuum_vacuum_scale_factor"), g.getInt("autovacuum_vacuum_insert_threshold"),
                g.getReal("autovacuum_vacuum_insert_scale_factor"), g.getInt("autovacuum_analyze_threshold"),
                g.getReal("autovacuum_analyze_scale_factor"));
    }

    /** extract_autovac_opts: Tusk's tables store autovacuum_enabled among the autovacuum reloptions. */
    static AutoVacuumThresholds.RelOptions relOptions(List<String> reloptions) {
        boolean enabled = true;
        for (String o : reloptions) {
            if (o.startsWith("autovacuum_enabled=")) {
                String v = o.substring("autovacuum_enabled=".length()).toLowerCase(Locale.ROOT);
                enabled = !(v.equals("false") || v.equals("off") || v.equals("0") || v.equals("no") || v.equals("f"));
            }
        }
        AutoVacuumThresholds.RelOptions n = AutoVacuumThresholds.RelOptions.NONE;
        return new AutoVacuumThresholds.RelOptions(enabled, n.vacuumThreshold(), n.vacuumScaleFactor(), n.vacuumInsertThreshold(),
                n.vacuumInsertScaleFactor(), n.analyzeThreshold(), n.analyzeScaleFactor());
    }

    /**
     * One table, in a transaction of its own: take its lock if it is free, recheck that it still
     * needs work (another worker or a user's VACUUM may have done it), report the activity, run
     * VACUUM and/or ANALYZE, and log it as log_autovacuum_min_duration says.
     */
    private void processTable(Candidate t) {
        long start = System.nanoTime();
        int logMin = ctx.env.gucs().getInt("log_autovacuum_min_duration");
        List<String> report = new ArrayList<>();
        boolean vacuum = false, analyze = false;
        runner.startTransactionCommand();
        try {
            ExecEnvironment env = ctx.storage.statementEnvironment();
            Catalog catalog = env.catalog();
            if (!catalog.conditionalLockRelation(t.oid(), RelationLocks.SHARE_UPDATE_EXCLUSIVE_LOCK)) {
                // vacuum_open_relation with VACOPT_SKIP_LOCKED
                if (logMin >= 0) ctx.env.log().log("skipping vacuum of \"" + t.name() + "\" --- lock not available");
                runner.finishImplicitTransaction();
                return;
            }
            Relation rel = catalog.openRelation(t.oid());
            if (rel == null) {   // dropped meanwhile
                runner.finishImplicitTransaction();
                return;
            }
            AutoVacuumThresholds.Decision d = decide(catalog, rel);
            vacuum = d.vacuum();
            analyze = d.analyze();
            if (!vacuum && !analyze) {
                runner.finishImplicitTransaction();
                return;
            }
            // autovac_report_activity
            String activity = "autovacuum: " + (vacuum ? analyze ? "VACUUM ANALYZE " : "VACUUM " : "ANALYZE ")
                    + t.schema() + "." + t.name();
            runner.statementStart(activity);
            Stmt.VacuumStmt stmt = new Stmt.VacuumStmt(vacuum, analyze, logMin >= 0, false, false, false,
                    List.of(new Stmt.RangeVar(null, t.schema(), t.name(), null, -1)));
            VacuumCommand.vacuum(stmt, ExecContext.of(session, env), report::add);
            runner.finishImplicitTransaction();
        } catch (PgException e) {
            if (e.severity().ordinal() >= Severity.FATAL.ordinal()) throw e;
            // PostgreSQL logs the error with CONTEXT "automatic vacuum of table ..." and goes on
            ctx.env.log().report(e.severity(), e.sqlState(), e.getMessage(), e.detail(), e.hint());
            ctx.env.log().log("automatic " + (vacuum ? "vacuum" : "analyze") + " of table \"" + qualified(t) + "\" failed");
            runner.abortCurrentTransaction();
            return;
        } catch (RuntimeException e) {
            // a bug: this table's work is given up (its transaction aborted), the next one is tried
            ctx.env.log().report(Severity.LOG, org.tusk.utils.error.SqlState.INTERNAL_ERROR,
                    "unexpected exception in automatic vacuum of table \"" + qualified(t) + "\": " + e, null, null);
            runner.abortCurrentTransaction();
            return;
        } finally {
            ctx.status.reportActivity(State.IDLE, null, PostgresMain.nowMicros());
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        if (logMin >= 0 && elapsedMs >= logMin) {
            String usage = String.format(Locale.ROOT, "system usage: elapsed: %.2f s", elapsedMs / 1000.0);
            if (vacuum) {
                // heap_vacuum_rel's report: what VACUUM VERBOSE said when it finished the table
                String finished = "finished vacuuming \"" + qualified(t) + "\": ";
                String body = report.stream().filter(l -> l.startsWith(finished)).map(l -> l.substring(finished.length()))
                        .findFirst().orElse("");
                ctx.env.log().log("automatic vacuum of table \"" + qualified(t) + "\": " + body + "\n" + usage);
            }
            if (analyze) ctx.env.log().log("automatic analyze of table \"" + qualified(t) + "\"\n" + usage);
        }
    }

    private String qualified(Candidate t) {
        return ctx.database.name() + "." + t.schema() + "." + t.name();
    }
}
