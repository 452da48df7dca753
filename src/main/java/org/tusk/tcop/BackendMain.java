package org.tusk.tcop;

import org.tusk.catalog.BootstrapCatalog;
import org.tusk.libpq.AuthChannel;
import org.tusk.libpq.AuthenticationFailedException;
import org.tusk.libpq.BackendMessages;
import org.tusk.libpq.ClientAuthentication;
import org.tusk.libpq.ClientDisconnectedException;
import org.tusk.libpq.HbaConnType;
import org.tusk.libpq.HbaFile;
import org.tusk.libpq.HbaLine;
import org.tusk.libpq.HbaParseException;
import org.tusk.libpq.MockAuthenticationNonce;
import org.tusk.libpq.Port;
import org.tusk.libpq.PqComm;
import org.tusk.libpq.StartupPacket;
import org.tusk.port.Sockets;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.storage.ipc.SignalFuncs;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.misc.GucAction;
import org.tusk.utils.misc.GucContext;
import org.tusk.utils.misc.GucSource;
import org.tusk.utils.misc.StartupOptions;

import java.security.SecureRandom;
import java.util.Map;

/**
 * A client backend from the moment it is handed a connection until its session loop starts
 * (PostgreSQL's BackendInitialize, ProcessStartupPacket, ClientAuthentication, InitProcess and
 * InitPostgres, in that order).
 *
 * <p>Order matters for robustness: the PMChildFlags word goes ACTIVE before anything in shared
 * memory is touched, and every shared resource is registered with {@code ProcExit} as soon as it
 * is taken, so that any FATAL error on the way releases exactly what was taken and the
 * postmaster sees a clean exit. A dead-end child (no slot) only reads the startup packet and
 * says why it refuses.
 */
public final class BackendMain {
    private BackendMain() {}

    /**
     * Serves one client. Returns true only if the session ended cleanly and the process may be
     * reused ({@code reuseAllowed} and BackendReuse's conditions); otherwise it exits.
     */
    public static boolean run(ChildEnvironment env, ChildAssignment assignment, int clientFd, QuickDie quickDie,
                              boolean reuseAllowed) {
        return run(env, assignment, clientFd, quickDie, reuseAllowed, null);
    }

    /** As above, for a process that serves several sessions and keeps {@code carry} between them. */
    static boolean run(ChildEnvironment env, ChildAssignment assignment, int clientFd, QuickDie quickDie,
                       boolean reuseAllowed, SessionCarryOver carry) {
        Interrupts interrupts = new Interrupts();
        interrupts.install();
        quickDie.setClientFd(clientFd);
        PqComm comm = new PqComm(clientFd, interrupts.wakeFd());
        Port port = new Port(comm, Sockets.peer(clientFd));
        BackendMessages messages = new BackendMessages(comm);
        BackendContext ctx = new BackendContext(env, interrupts, port, messages);
        // ProcessClientReadInterrupt / ProcessClientWriteInterrupt
        comm.setInterruptCallback(reading -> {
            if (!reading) {
                interrupts.checkDieOnly();
                return;
            }
            interrupts.checkWhileIdle();
            Runnable idle = ctx.clientReadInterrupt;
            if (idle != null) idle.run();
        });
        ctx.reuseAllowed = reuseAllowed;
        ctx.carryOver = carry;
        env.log().setBackendType(assignment.type().description());
        env.log().setSession("", "", "", port.remoteHostForMessages());

        ctx.slot = assignment.slot();
        if (ctx.slot > 0) {
            PMChildFlags flags = env.shmem().pmChildFlags();
            flags.markActive(ctx.slot);
            env.procExit().onShmemExit(() -> flags.markInactive(ctx.slot));
        }
        try {
            if (env.gucs().getBool("log_connections")) {
                env.log().log("connection received: host=" + port.remoteHostForMessages()
                        + (port.isLocal() ? "" : " port=" + port.remotePort()));
            }
            if (!readStartupPacket(ctx, assignment)) env.procExit().exit(0);
            initProcess(ctx, BackendType.BACKEND);
            authenticate(ctx);
            initPostgres(ctx);
        } catch (PgException e) {
            fatal(ctx, e);
        } catch (PqComm.ClientGone | ClientDisconnectedException e) {
            env.procExit().exit(0);
        } catch (PqComm.TimeoutException e) {
            env.log().report(Severity.FATAL, SqlState.QUERY_CANCELED, "canceling authentication due to timeout", null, null);
            env.procExit().exit(1);
        }
        boolean reuse = new PostgresMain(ctx).run();
        quickDie.setClientFd(-1);
        comm.close();
        return reuse;
    }

    /** Sends a FATAL error to the client (if it still listens), logs it, and exits with code 1. */
    static void fatal(BackendContext ctx, PgException e) {
        if (e instanceof AuthenticationFailedException afe) {
            ctx.env.log().report(e.severity(), e.sqlState(), e.getMessage(), afe.logDetail(), null);
        } else {
            ctx.env.log().report(e);
        }
        try {
            ctx.messages.report(e);
            ctx.messages.flush();
        } catch (RuntimeException ignored) {
            // the client is gone; the log has it
        }
        ctx.env.procExit().exit(1);
    }

    /**
     * ProcessStartupPacket; returns false when the connection needs nothing more (a cancel
     * request, or a client that sent garbage, which is logged as PostgreSQL's COMMERROR).
     */
    private static boolean readStartupPacket(BackendContext ctx, ChildAssignment assignment) {
        if (assignment.cancelRequest()) {
            // The postmaster read it from a connection it refuses (postmaster.DeadEndConnections).
            processCancelRequest(ctx, new StartupPacket.Cancel(assignment.cancelPid(), assignment.cancelKey()));
            return false;
        }
        long timeoutMs = ctx.env.gucs().getInt("authentication_timeout") * 1000L;
        StartupPacket.Result r;
        try {
            r = StartupPacket.read(ctx.port, timeoutMs);
        } catch (StartupPacket.Invalid e) {
            ctx.env.log().report(Severity.LOG, SqlState.PROTOCOL_VIOLATION, e.getMessage(), null, null);
            return false;
        } catch (PqComm.ClientGone e) {
            return false;
        } catch (PqComm.TimeoutException e) {
            return false;
        }
        if (r instanceof StartupPacket.Cancel c) {
            processCancelRequest(ctx, c);
            return false;
        }
        ctx.env.log().setSession(ctx.port.userName(), ctx.port.databaseName(), ctx.port.applicationName(),
                ctx.port.remoteHostForMessages());
        if (assignment.type() == BackendType.DEAD_END_BACKEND) throw assignment.cac().refusal();
        return true;
    }

    private static void processCancelRequest(BackendContext ctx, StartupPacket.Cancel c) {
        ProcGlobal procs = ctx.env.shmem().procGlobal();
        switch (SignalFuncs.cancelWithKey(procs, c.pid(), c.key())) {
            case SIGNALED -> { }
            case WRONG_KEY -> ctx.env.log().log("wrong key in cancel request for process " + c.pid());
            case NOT_A_BACKEND -> ctx.env.log().log("PID " + c.pid() + " in cancel request did not match any process");
        }
    }

    /** InitProcess: claim the PGPROC of our slot, with a fresh cancel key, and our latch. */
    static void initProcess(BackendContext ctx, BackendType type) {
        ctx.cancelKey = new SecureRandom().nextInt();
        ctx.proc = ctx.env.shmem().procGlobal().proc(ctx.slot);
        ctx.proc.initialize(ctx.pid, type, ctx.cancelKey);
        ctx.env.procExit().onShmemExit(ctx.proc::release);
        ctx.latch = ctx.proc.latch();
        ctx.interrupts.attachLatch(ctx.latch);
        // Lock waits end on cancel, terminate and statement_timeout, and read the timeouts afresh.
        var gucs = ctx.env.gucs();
        ctx.locks = new org.tusk.storage.lmgr.LockManager(ctx.env.shmem().lockTable(), ctx.proc,
                new org.tusk.storage.lmgr.LockWaitContext() {
                    @Override public void checkForInterrupts() { ctx.interrupts.check(); }
                    @Override public int deadlockTimeoutMs() { return gucs.getInt("deadlock_timeout"); }
                    @Override public int lockTimeoutMs() { return gucs.getInt("lock_timeout"); }
                });
        // Registered after the PGPROC's release, so it runs before it: no lock outlives the process.
        ctx.locks.registerExit(ctx.env.procExit());
    }

    /** ClientAuthentication: pg_hba.conf, then the method it names. */
    private static void authenticate(BackendContext ctx) {
        HbaFile hba;
        try {
            hba = HbaFile.load(ctx.env.dataDir().resolve("pg_hba.conf"));
        } catch (HbaParseException e) {
            ctx.env.log().report(e);
            throw PgException.fatal(SqlState.CONFIG_FILE_ERROR, "could not load pg_hba.conf");
        }
        Port port = ctx.port;
        HbaLine line = hba.match(port.isLocal() ? HbaConnType.LOCAL : HbaConnType.HOST, port.databaseName(),
                port.userName(), port.remoteAddress());
        BootstrapCatalog catalog = BootstrapCatalog.load(ctx.env.dataDir());
        BootstrapCatalog.Role role = catalog.role(port.userName()).orElse(null);
        byte[] nonce = MockAuthenticationNonce.loadOrCreate(
                ctx.env.dataDir().resolve("global").resolve("mock_authentication_nonce"));
        AuthChannel channel = new AuthChannel() {
            @Override
            public void sendAuthenticationRequest(int code, byte[] payload) {
                ctx.messages.authenticationRequest(code, payload);
                ctx.messages.flush();
            }

            @Override
            public byte[] readPasswordPacket() {
                try {
                    int type = port.comm().readByte(-1);
                    int len = port.comm().readInt32(-1);
                    if (type != 'p') {
                        throw new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION,
                                "expected password response, got message type " + type, null, null, 0);
                    }
                    if (len < 4 || len > 10000) throw PqComm.protocolViolation("invalid message length");
                    return port.comm().readBytes(len - 4, -1);
                } catch (PqComm.ClientGone e) {
                    return null;
                }
            }
        };
        // get_role_password: a password past its VALID UNTIL time is as good as none.
        String secret = role == null ? null : role.password();
        if (secret != null && role.validUntil() != null
                && java.time.Instant.parse(role.validUntil()).isBefore(java.time.Instant.now())) {
            secret = null;
        }
        new ClientAuthentication(nonce).authenticate(channel, line, port.userName(), port.databaseName(),
                port.remoteAddress(), port.isLocal(), secret, role != null);
        ctx.messages.authenticationRequest(AuthChannel.AUTH_REQ_OK, null);
        ctx.catalogAtStart = catalog;
    }

    /** InitPostgres: the role and database must exist and admit us; then the session's settings. */
    private static void initPostgres(BackendContext ctx) {
        BootstrapCatalog catalog = ctx.catalogAtStart;
        Port port = ctx.port;
        BootstrapCatalog.Role role = catalog.role(port.userName()).orElseThrow(() -> new PgException(Severity.FATAL,
                SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + port.userName() + "\" does not exist", null, null, 0));
        if (!role.canLogin()) {
            throw new PgException(Severity.FATAL, SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "role \"" + role.name() + "\" is not permitted to log in", null, null, 0);
        }
        int reserved = ctx.env.gucs().getInt("superuser_reserved_connections");
        if (!role.superuser() && reserved > 0 && freeBackendSlots(ctx) < reserved) {
            throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS,
                    "remaining connection slots are reserved for non-replication superuser connections");
        }
        BootstrapCatalog.Database db = catalog.database(port.databaseName()).orElseThrow(() -> new PgException(
                Severity.FATAL, SqlState.INVALID_CATALOG_NAME, "database \"" + port.databaseName() + "\" does not exist",
                null, null, 0));
        if (!db.allowConnections()) {
            throw new PgException(Severity.FATAL, "55000",
                    "database \"" + db.name() + "\" is not currently accepting connections", null, null, 0);
        }
        ctx.proc.setDatabaseAndRole(db.oid(), role.oid());
        // With databaseId published, wait out a CREATE DATABASE copying this database or a DROP
        // DATABASE of it (they lock it and then count its sessions), then look at it again.
        var dbLock = org.tusk.storage.lmgr.LockTag.object(0, BootstrapCatalog.DATABASE_RELATION_ID, db.oid(), 0);
        ctx.locks.acquire(dbLock, org.tusk.storage.lmgr.LockMode.ROW_EXCLUSIVE, true, false);
        ctx.locks.release(dbLock, org.tusk.storage.lmgr.LockMode.ROW_EXCLUSIVE, true);
        BootstrapCatalog fresh = BootstrapCatalog.load(ctx.env.dataDir());
        BootstrapCatalog.Database again = fresh.database(db.oid()).orElse(null);
        if (again == null || !again.name().equals(db.name())) {
            throw new PgException(Severity.FATAL, SqlState.INVALID_CATALOG_NAME, "database \"" + db.name() + "\" does not exist",
                    "It seems to have just been dropped or renamed.", null, 0);
        }
        db = again;
        if (!db.allowConnections()) {
            throw new PgException(Severity.FATAL, "55000",
                    "database \"" + db.name() + "\" is not currently accepting connections", null, null, 0);
        }
        // CheckMyDatabase: CONNECT privilege, held directly, through PUBLIC or an inherited role.
        if (!role.superuser() && (org.tusk.catalog.Acl.databaseMask(db, role.oid()) & org.tusk.catalog.Acl.ACL_CONNECT) == 0
                && !org.tusk.catalog.RoleMembership.rolesMemberOf(fresh, role.oid(), true).stream()
                        .anyMatch(r -> (org.tusk.catalog.Acl.databaseMask(again, r) & org.tusk.catalog.Acl.ACL_CONNECT) != 0)) {
            throw new PgException(Severity.FATAL, SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for database \"" + db.name() + "\"",
                    "User does not have CONNECT privilege.", null, 0);
        }
        // CheckMyDatabase's and InitializeSessionUserId's connection limits (we count ourselves).
        if (!role.superuser() && db.connLimit() >= 0 && countBackends(ctx, p -> p.databaseId() == ctx.proc.databaseId()) > db.connLimit()) {
            throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "too many connections for database \"" + db.name() + "\"");
        }
        if (!role.superuser() && role.connLimit() >= 0 && countBackends(ctx, p -> p.roleId() == role.oid()) > role.connLimit()) {
            throw PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "too many connections for role \"" + role.name() + "\"");
        }
        ctx.identity = new SessionIdentity(role, ctx.env.gucs(), name -> ctx.storage != null
                ? ctx.storage.sharedCatalog.current().role(name) : BootstrapCatalog.load(ctx.env.dataDir()).role(name));
        ctx.database = db;

        var gucs = ctx.env.gucs();
        // CheckMyDatabase: lc_collate and lc_ctype show the database's locale.
        gucs.set("lc_collate", db.collate(), GucContext.INTERNAL, GucSource.DYNAMIC_DEFAULT, GucAction.SET);
        gucs.set("lc_ctype", db.ctype(), GucContext.INTERNAL, GucSource.DYNAMIC_DEFAULT, GucAction.SET);
        StartupOptions.applyStartupPacket(gucs, ctx.port.startupParameters(), role.superuser());
        processSettings(ctx, fresh, db.oid(), role);
        startSession(ctx, role, db, BackendType.BACKEND, gucs.getString("application_name"), port.remoteAddress(),
                port.remotePort());

        for (Map.Entry<String, String> e : gucs.beginReporting().entrySet()) {
            ctx.messages.parameterStatus(e.getKey(), e.getValue());
        }
        ctx.messages.backendKeyData(ctx.pid, ctx.cancelKey);
        if (gucs.getBool("log_connections")) {
            ctx.env.log().log("connection authorized: user=" + role.name() + " database=" + db.name()
                    + (gucs.getString("application_name").isEmpty() ? "" : " application_name=" + gucs.getString("application_name")));
        }
    }

    /**
     * The part of InitPostgres that every process serving a database runs once its role and
     * database are settled (a client backend after its checks, an autovacuum worker as the
     * bootstrap superuser): the session's identity settings, ProcArray membership, WAL handle,
     * transaction machinery, storage and status entry, each registered with ProcExit.
     */
    static void startSession(BackendContext ctx, BootstrapCatalog.Role role, BootstrapCatalog.Database db,
                             BackendType type, String applicationName, java.net.InetAddress remoteAddress, int remotePort) {
        var gucs = ctx.env.gucs();
        gucs.set("is_superuser", role.superuser() ? "on" : "off", GucContext.INTERNAL, GucSource.OVERRIDE, GucAction.SET);
        gucs.set("session_authorization", role.name(), GucContext.INTERNAL, GucSource.OVERRIDE, GucAction.SET);
        IdentityChecks.install(ctx);
        ctx.scanSettings = ScannerSettings.of(ctx);

        ctx.env.shmem().procGlobal().add(ctx.proc);
        ctx.env.procExit().onShmemExit(() -> ctx.env.shmem().procGlobal().remove(ctx.proc));
        var shmem = ctx.env.shmem();
        ctx.xlog = new org.tusk.access.transam.XLogHandle(shmem.xlogCtl(), ctx.env.dataDir(), gucs.getBool("fsync"),
                gucs.getEnum("wal_sync_method"), ctx.slot);
        ctx.transaction = new org.tusk.access.transam.Xact(shmem.transamVariables(),
                new org.tusk.access.transam.Clog(shmem.clogShared(), ctx.env.dataDir().resolve("pg_xact"), ctx.xlog),
                new org.tusk.access.transam.SubTrans(shmem.subtransShared(), ctx.env.dataDir().resolve("pg_subtrans")),
                ctx.xlog, shmem.procGlobal(), ctx.proc, w -> ctx.messages.report(w));
        ctx.storage = new SessionStorage(ctx);
        // A session that ends (or dies with FATAL) inside a transaction aborts it first, before
        // anything else it holds is given back (ShutdownPostgres: AbortOutOfAnyTransaction).
        ctx.env.procExit().onShmemExit(ctx.storage::abort);
        ctx.status = ctx.env.shmem().backendStatus().writer(ctx.slot);
        ctx.status.start(ctx.pid, type, db.oid(), role.oid(), role.name(), db.name(),
                applicationName, remoteAddress, remotePort, ctx.backendStartMicros);
        ctx.env.procExit().onShmemExit(ctx.status::clear);
    }

    /**
     * process_settings: the pg_db_role_setting defaults of this database and role, the most
     * specific first; a client's startup-packet settings (a higher source) win over them. A
     * setting that no longer applies is reported as a WARNING, as ProcessGUCArray does.
     */
    private static void processSettings(BackendContext ctx, BootstrapCatalog cat, int dbOid, BootstrapCatalog.Role role) {
        var gucs = ctx.env.gucs();
        GucContext context = role.superuser() ? GucContext.SUSET : GucContext.USERSET;
        int[][] keys = {{dbOid, role.oid()}, {0, role.oid()}, {dbOid, 0}};
        GucSource[] sources = {GucSource.DATABASE_USER, GucSource.USER, GucSource.DATABASE};
        for (int i = 0; i < keys.length; i++) {
            BootstrapCatalog.DbRoleSetting s = cat.setting(keys[i][0], keys[i][1]);
            if (s == null) continue;
            for (String entry : s.config()) {
                int eq = entry.indexOf('=');
                if (eq <= 0) continue;
                try {
                    gucs.set(entry.substring(0, eq), entry.substring(eq + 1), context, sources[i], GucAction.SET);
                } catch (PgException e) {
                    ctx.messages.report(Severity.WARNING, e.sqlState(), e.getMessage(), e.detail(), e.hint(), 0);
                }
            }
        }
    }

    /** CountDBConnections / CountUserBackends: client backends (this one included) that match. */
    private static int countBackends(BackendContext ctx, java.util.function.Predicate<org.tusk.storage.lmgr.Proc> which) {
        ProcGlobal procs = ctx.env.shmem().procGlobal();
        int n = 0;
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            var p = procs.proc(slot);
            if (p.pid() != 0 && p.backendType() == BackendType.BACKEND && which.test(p)) n++;
        }
        return n;
    }

    /** HaveNFreeProcs over the client-backend slots. */
    private static int freeBackendSlots(BackendContext ctx) {
        ProcGlobal procs = ctx.env.shmem().procGlobal();
        int maxBackends = ctx.env.shmem().region().sizing().maxBackends();
        int free = 0;
        for (int slot = 1; slot <= maxBackends; slot++) if (procs.proc(slot).pid() == 0) free++;
        return free;
    }
}
