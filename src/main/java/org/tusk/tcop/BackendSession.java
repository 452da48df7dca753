package org.tusk.tcop;

import org.tusk.storage.ipc.SignalFuncs;
import org.tusk.storage.lmgr.LockAcquireResult;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.lmgr.LockTag;
import org.tusk.storage.lmgr.Proc;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.AdvisoryLockKey;
import org.tusk.utils.misc.GucSettings;
import org.tusk.utils.misc.SessionServices;
import org.tusk.utils.misc.ShowAllRow;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the SQL engine may ask of the backend it runs in ({@link SessionServices}), answered from
 * the {@link BackendContext}: identity, settings, clocks, sleeping and signalling other backends.
 */
final class BackendSession implements SessionServices {
    private final BackendContext ctx;
    private Instant statementStart = Instant.now();
    /** Whether the running simple Query message holds several statements (the traffic cop knows). */
    private java.util.function.BooleanSupplier multiStatementQuery = () -> false;
    /** drandom_seed: random()'s state, unseeded at the start of every session. */
    private final org.tusk.utils.misc.PgPrng randomState = new org.tusk.utils.misc.PgPrng();

    BackendSession(BackendContext ctx) {
        this.ctx = ctx;
    }

    void multiStatementQuery(java.util.function.BooleanSupplier inMultiStatementQuery) {
        this.multiStatementQuery = inMultiStatementQuery;
    }

    @Override public org.tusk.utils.misc.PgPrng randomState() { return randomState; }

    @Override public org.tusk.utils.misc.ScanSettings scanSettings() {
        return ctx.scanSettings;
    }

    @Override public boolean inTransactionBlock() {
        return ctx.xact.inBlock() || multiStatementQuery.getAsBoolean();
    }

    void statementStarted(Instant now) {
        statementStart = now;
    }

    private GucSettings gucs() {
        return ctx.env.gucs();
    }

    @Override public int backendPid() { return ctx.pid; }

    @Override public boolean isAutovacuumWorker() {
        return ctx.proc != null && ctx.proc.backendType() == org.tusk.utils.init.BackendType.AUTOVAC_WORKER;
    }

    @Override public org.tusk.utils.activity.PgStatPending pgstat() {
        return ctx.storage == null ? null : ctx.storage.pgstat;
    }
    @Override public String currentUser() { return ctx.role().name(); }
    @Override public String sessionUser() { return ctx.identity.sessionUser().name(); }
    @Override public String currentDatabase() { return ctx.database.name(); }

    /**
     * pg_sleep: sleeps on the process latch, so that cancel, terminate and (through
     * PDEATHSIG) postmaster death end it at once; PostgreSQL's WaitLatch with WL_TIMEOUT.
     */
    @Override
    public void sleep(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            ctx.interrupts.check();
            long remaining = end - System.nanoTime();
            if (remaining <= 0) return;
            // Sleep at most a minute at a time, as PostgreSQL's pg_sleep does, re-checking between.
            ctx.latch.reset();
            ctx.interrupts.check();
            ctx.latch.await(Math.min(remaining, 60_000_000_000L));
        }
    }

    @Override
    public boolean terminateBackend(int pid, long timeoutMs) {
        if (timeoutMs < 0) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "\"timeout\" must not be negative");
        }
        boolean ok = signal(pid, true);
        if (ok && timeoutMs > 0) {
            long end = System.currentTimeMillis() + timeoutMs;
            while (SignalFuncs.findProc(ctx.env.shmem().procGlobal(), pid) != null) {
                if (System.currentTimeMillis() >= end) {
                    ctx.messages.report(Severity.WARNING, SqlState.WARNING,
                            "backend with PID " + pid + " did not terminate within " + timeoutMs + " milliseconds",
                            null, null, 0);
                    return false;
                }
                ctx.latch.reset();
                ctx.interrupts.check();
                ctx.latch.await(10_000_000L);
            }
        }
        return ok;
    }

    @Override
    public boolean cancelBackend(int pid) {
        return signal(pid, false);
    }

    @Override
    public java.util.Optional<String> roleName(int oid) {
        var cat = ctx.storage != null ? ctx.storage.sharedCatalog.current() : org.tusk.catalog.BootstrapCatalog.load(ctx.env.dataDir());
        return cat.role(oid).map(org.tusk.catalog.BootstrapCatalog.Role::name);
    }

    /** pg_signal_backend: only client backends; a non-superuser only those of its own role. */
    private boolean signal(int pid, boolean terminate) {
        Proc target = SignalFuncs.findProc(ctx.env.shmem().procGlobal(), pid);
        if (target != null && !ctx.role().superuser() && target.roleId() != ctx.role().oid()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "must be a member of the role whose process is being " + (terminate ? "terminated" : "canceled")
                            + " or member of pg_signal_backend");
        }
        if (SignalFuncs.signalBackend(ctx.env.shmem().procGlobal(), pid, terminate) != SignalFuncs.Result.SIGNALED) {
            ctx.messages.report(Severity.WARNING, SqlState.WARNING,
                    "PID " + pid + " is not a PostgreSQL backend process", null, null, 0);
            return false;
        }
        return true;
    }

    @Override public String showSetting(String name) { return gucs().show(name, ctx.role().superuser()); }

    @Override public long settingsVersion() { return gucs().valueChanges(); }

    @Override public boolean boolSetting(String name) { return gucs().getBool(name); }

    @Override public double realSetting(String name) { return gucs().getReal(name); }

    @Override
    public List<org.tusk.utils.misc.GucSettingRow> settingRows() { return gucs().settingRows(ctx.role().superuser()); }

    @Override
    public void setSetting(String name, String valueOrNullForDefault, boolean isLocal) {
        if (isLocal && !ctx.xact.inBlock()) {
            ctx.messages.report(Severity.WARNING, "25P01", "SET LOCAL can only be used in transaction blocks", null, null, 0);
        }
        gucs().setFromSql(name, valueOrNullForDefault, isLocal, ctx.role().superuser());
        // SetSessionAuthorization ends SET ROLE (SetRoleIsActive = false), in the same scope.
        if (gucs().canonicalName(name).equals("session_authorization") && !"none".equals(gucs().getString("role"))) {
            gucs().setFromSql("role", "none", isLocal, ctx.role().superuser());
        }
    }

    @Override
    public void resetSetting(String name) {
        if (name.equalsIgnoreCase("all")) {
            gucs().resetAll();
        } else {
            setSetting(name, null, false);
        }
    }

    /** What {@link #derivedFromSettings} keeps, and the settings version it was derived under. */
    private final java.util.Map<Object, Object> derived = new java.util.HashMap<>();
    private long derivedVersion = -1;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T derivedFromSettings(Object key, java.util.function.Supplier<T> derive) {
        long version = settingsVersion();
        if (version != derivedVersion) {
            derived.clear();
            derivedVersion = version;
        }
        Object value = derived.get(key);
        if (value == null) {
            value = derive.get();
            // deriving may itself have changed a setting: keep only what the current version made
            if (settingsVersion() == version) derived.put(key, value);
        }
        return (T) value;
    }

    // ------------------------------------------------------------------ advisory locks (lockfuncs.c)

    private LockTag advisoryTag(AdvisoryLockKey key) {
        return LockTag.advisory(ctx.database().oid(), key.key1(), key.key2(), key.kind());
    }

    private static LockMode advisoryMode(boolean shared) {
        return shared ? LockMode.SHARE : LockMode.EXCLUSIVE;
    }

    @Override
    public boolean advisoryLock(AdvisoryLockKey key, boolean shared, boolean sessionLevel, boolean dontWait) {
        return ctx.locks.acquire(advisoryTag(key), advisoryMode(shared), sessionLevel, dontWait)
                != LockAcquireResult.NOT_AVAIL;
    }

    @Override
    public boolean advisoryUnlock(AdvisoryLockKey key, boolean shared) {
        if (ctx.locks.release(advisoryTag(key), advisoryMode(shared), true)) return true;
        // LockRelease's elog(WARNING)
        ctx.messages.report(Severity.WARNING, "01000", "you don't own a lock of type " + advisoryMode(shared).pgName(), null, null, 0);
        return false;
    }

    @Override
    public void advisoryUnlockAll() {
        ctx.locks.releaseSession(LockTag.USER_LOCKMETHOD);
    }

    @Override
    public List<SettingRow> allSettings() {
        List<SettingRow> out = new ArrayList<>();
        for (ShowAllRow r : gucs().showAll(ctx.role().superuser())) out.add(new SettingRow(r.name(), r.setting(), r.description()));
        return out;
    }

    @Override public Instant statementStart() { return statementStart; }

    @Override
    public Instant transactionStart() {
        long us = ctx.xact.startMicros;
        return us == 0 ? statementStart : Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
    }

    @Override
    public Instant postmasterStart() {
        long us = ctx.env.postmasterStartMicros();
        return Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000);
    }

    @Override
    public long currentTransactionId() {
        return ctx.transaction.topFullTransactionId().value();
    }

    @Override
    public long currentTransactionIdIfAssigned() {
        return ctx.transaction.topFullTransactionIdIfAny().value();
    }

    @Override
    public long nextFullTransactionId() {
        return ctx.transaction.readNextFullTransactionId().value();
    }

    @Override
    public void asyncNotify(String channel, String payload) {
        async().notify(channel, payload);
    }

    @Override
    public void listen(String channel) {
        async().listen(channel);
    }

    @Override
    public void unlisten(String channel) {
        if (channel == null) async().unlistenAll(); else async().unlisten(channel);
    }

    @Override
    public java.util.List<String> listeningChannels() {
        return ctx.storage == null ? java.util.List.of() : ctx.storage.async.listeningChannels();
    }

    @Override
    public double notificationQueueUsage() {
        return ctx.storage == null ? 0 : ctx.storage.async.queueUsage();
    }

    private org.tusk.commands.Async async() {
        if (ctx.storage == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "LISTEN/NOTIFY is not supported here");
        return ctx.storage.async;
    }

    @Override
    public boolean transactionIdIsInProgress(int xid) {
        return ctx.storage.oracle.isInProgress(xid);
    }

    @Override
    public boolean transactionIdDidCommit(int xid) {
        return ctx.storage.oracle.didCommit(xid);
    }

    @Override
    public long walLsn(WalPosition which) {
        var xlog = ctx.xlog.get();
        return switch (which) {
            case INSERT -> xlog.getInsertRecPtr();
            case WRITE -> xlog.getWriteRecPtr();
            case FLUSH -> xlog.getFlushRecPtr();
        };
    }

    @Override
    public long switchWal() {
        if (!ctx.role().superuser()) {
            throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied for function pg_switch_wal");
        }
        try {
            var rec = ctx.xlog.get().insert(new org.tusk.access.transam.XLogRecordBuilder()
                    .assemble(org.tusk.access.transam.RmgrId.XLOG, org.tusk.access.transam.XLogSegmentWriter.XLOG_SWITCH, 0));
            return rec.endLsn();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override public InetAddress clientAddr() { return ctx.port.remoteAddress(); }
    @Override public int clientPort() { return ctx.port.isLocal() ? -1 : ctx.port.remotePort(); }
    @Override public void checkForInterrupts() { ctx.interrupts.check(); }

    @Override
    public void btIndexCheck(String indexName) {
        if (ctx.storage == null) SessionServices.super.btIndexCheck(indexName);
        ctx.storage.btIndexCheck(indexName);
    }

    @Override
    public long nextval(String sequence) {
        if (ctx.storage == null) return SessionServices.super.nextval(sequence);
        return ctx.storage.nextval(sequence);
    }

    @Override
    public long currval(String sequence) {
        if (ctx.storage == null) return SessionServices.super.currval(sequence);
        return ctx.storage.currval(sequence);
    }

    @Override
    public Long sequenceLastValue(String sequence) {
        if (ctx.storage == null) return SessionServices.super.sequenceLastValue(sequence);
        return ctx.storage.sequenceLastValue(sequence);
    }

    @Override
    public long setval(String sequence, long value, boolean isCalled) {
        if (ctx.storage == null) return SessionServices.super.setval(sequence, value, isCalled);
        return ctx.storage.setval(sequence, value, isCalled);
    }

    @Override
    public long lastval() {
        if (ctx.storage == null) return SessionServices.super.lastval();
        return ctx.storage.sequences.lastval();
    }
}
