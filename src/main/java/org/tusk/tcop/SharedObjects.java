package org.tusk.tcop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;

import org.tusk.access.transam.RmgrId;
import org.tusk.access.transam.XLogRecordBuilder;
import org.tusk.catalog.BootstrapCatalog;
import org.tusk.catalog.SharedCatalog;
import org.tusk.commands.DbCommands;
import org.tusk.commands.GrantCommands;
import org.tusk.commands.SchemaCommands;
import org.tusk.commands.SettingCommands;
import org.tusk.commands.SharedObjectEnv;
import org.tusk.commands.UserCommands;
import org.tusk.nodes.Stmt;
import org.tusk.storage.ipc.SignalFuncs;
import org.tusk.storage.lmgr.LockMode;
import org.tusk.storage.lmgr.LockTag;
import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.init.BackendType;

/**
 * The backend's side of the commands on databases and roles: runs them (ProcessUtility's cases
 * for CreatedbStmt, DropdbStmt, AlterDatabaseStmt, CreateRoleStmt, AlterRoleStmt, DropRoleStmt
 * and GrantStmt) and answers what they ask of the session ({@link SharedObjectEnv}): other
 * sessions in the ProcArray, checkpoints, WAL, locks on shared objects.
 */
final class SharedObjects implements SharedObjectEnv {
    private final BackendContext ctx;
    private final QueryRunner runner;

    SharedObjects(BackendContext ctx, QueryRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
    }

    /** The command tag of a statement run here, or null if it is not one of them. */
    static String tag(Stmt s) {
        return switch (s) {
            case Stmt.CreatedbStmt c -> "CREATE DATABASE";
            case Stmt.DropdbStmt d -> "DROP DATABASE";
            case Stmt.AlterDatabaseStmt a -> "ALTER DATABASE";
            case Stmt.CreateRoleStmt c -> "CREATE ROLE";
            case Stmt.AlterRoleStmt a -> "ALTER ROLE";
            case Stmt.DropRoleStmt d -> "DROP ROLE";
            case Stmt.ReassignOwnedStmt r -> "REASSIGN OWNED";
            case Stmt.DropOwnedStmt d -> "DROP OWNED";
            case Stmt.AlterSettingStmt a -> a.role() == null ? "ALTER DATABASE" : "ALTER ROLE";
            case Stmt.GrantStmt g -> g.isGrant() ? "GRANT" : "REVOKE";
            case Stmt.AlterDefaultPrivilegesStmt a -> "ALTER DEFAULT PRIVILEGES";
            case Stmt.GrantRoleStmt g -> g.isGrant() ? "GRANT ROLE" : "REVOKE ROLE";
            case Stmt.CreateSchemaStmt c -> "CREATE SCHEMA";
            case Stmt.DropSchemaStmt d -> "DROP SCHEMA";
            case Stmt.AlterSchemaStmt a -> "ALTER SCHEMA";
            // AlterObjectTypeCommandTag: OBJECT_PROCEDURE and OBJECT_ROUTINE have tags of their own
            case Stmt.AlterFunctionOwnerStmt a -> a.aggregate() ? "ALTER AGGREGATE" : switch (a.function().objtype()) {
                case "procedure" -> "ALTER PROCEDURE";
                case "routine" -> "ALTER ROUTINE";
                default -> "ALTER FUNCTION";
            };
            case Stmt.AlterTypeOwnerStmt a -> a.domain() ? "ALTER DOMAIN" : "ALTER TYPE";
            case Stmt.AlterRelationOwnerStmt a -> switch (a.objectKind()) {
                case 'S' -> "ALTER SEQUENCE";
                case 'v' -> "ALTER VIEW";
                case 'm' -> "ALTER MATERIALIZED VIEW";
                case 'i' -> "ALTER INDEX";
                default -> "ALTER TABLE";
            };
            default -> null;
        };
    }

    /** Runs one statement; returns its command tag. */
    String run(Stmt s) {
        // The statement's snapshot (catalog reads need one) and its catch-up on invalidations.
        var env = ctx.storage.statementEnvironment();
        switch (s) {
            case Stmt.CreatedbStmt c -> DbCommands.createdb(c, this);
            case Stmt.DropdbStmt d -> DbCommands.dropdb(d, this);
            case Stmt.AlterDatabaseStmt a -> DbCommands.alter(a, this);
            case Stmt.CreateRoleStmt c -> UserCommands.createRole(c, this);
            case Stmt.AlterRoleStmt a -> UserCommands.alterRole(a, this);
            case Stmt.DropRoleStmt d -> UserCommands.dropRole(d, this);
            case Stmt.DropOwnedStmt d -> {
                org.tusk.commands.OwnedObjectsCommands.dropOwned(d, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.ReassignOwnedStmt r -> {
                org.tusk.commands.OwnedObjectsCommands.reassignOwned(r, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.AlterSettingStmt a -> SettingCommands.alterSetting(a, this);
            case Stmt.GrantStmt g -> {
                GrantCommands.execute(g, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.GrantRoleStmt g -> org.tusk.commands.RoleMembershipCommands.grantRole(g, this);
            case Stmt.AlterDefaultPrivilegesStmt a -> {
                org.tusk.commands.DefaultPrivilegeCommands.execute(a, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.CreateSchemaStmt c -> {
                SchemaCommands.create(c, this, env, ctx.messages::report);
                env.commandCounterIncrement();
            }
            case Stmt.DropSchemaStmt d -> {
                SchemaCommands.drop(d, this, env, ctx.messages::report);
                env.commandCounterIncrement();
            }
            case Stmt.AlterSchemaStmt a -> {
                SchemaCommands.alter(a, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.AlterFunctionOwnerStmt a -> {
                org.tusk.commands.AlterFunctionCommands.alterOwner(a, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.AlterTypeOwnerStmt a -> {
                org.tusk.commands.TypeOwnerCommands.alterOwner(a, this, env);
                env.commandCounterIncrement();
            }
            case Stmt.AlterRelationOwnerStmt a -> {
                org.tusk.commands.RelationOwnerCommands.alterOwner(a, this, env, ctx.messages::report);
                env.commandCounterIncrement();
            }
            default -> throw new IllegalStateException("not a shared-object statement: " + s);
        }
        return tag(s);
    }

    @Override public SharedCatalog sharedCatalog() { return ctx.storage.sharedCatalog; }

    @Override public Path dataDir() { return ctx.env.dataDir(); }

    @Override public int currentUserId() { return ctx.role().oid(); }

    @Override public int sessionUserId() { return ctx.identity.sessionUser().oid(); }

    @Override public int currentDatabaseId() { return ctx.database.oid(); }

    @Override public ZoneId timeZone() { return ZoneId.of(ctx.env.gucs().getString("TimeZone")); }

    @Override public org.tusk.utils.adt.InputSettings inputSettings() {
        var gucs = ctx.env.gucs();
        long us = ctx.xact.startMicros;
        return new org.tusk.utils.adt.InputSettings(timeZone(), org.tusk.utils.adt.DateStyles.orderOf(gucs.getString("DateStyle")),
                org.tusk.utils.adt.DateStyles.intervalStyleOf(gucs.getString("IntervalStyle")),
                us == 0 ? null : java.time.Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1000));
    }

    @Override public boolean inTransactionBlock() { return ctx.xact.inBlock() || runner.inMultiStatementQuery(); }

    @Override public void requestCheckpoint() { requestCheckpoint(ctx); }

    /** RequestCheckpoint(CHECKPOINT_IMMEDIATE | CHECKPOINT_FORCE | CHECKPOINT_WAIT), waiting interruptibly. */
    static void requestCheckpoint(BackendContext ctx) {
        var ckpt = ctx.env.shmem().checkpointer();
        // The checkpointer is started as the server enters PM_RUN and may not have registered yet:
        // wait for it, as RequestCheckpoint does (MAX_SIGNAL_TRIES, 100 ms apart), on our latch.
        int slot = ckpt.checkpointerSlot();
        for (int tries = 0; slot == 0 && tries < 600; tries++) {
            ctx.latch.reset();
            ctx.interrupts.check();
            ctx.latch.await(100_000_000L);
            slot = ckpt.checkpointerSlot();
        }
        if (slot == 0) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "could not request checkpoint because checkpointer not running");
        }
        int failedBefore = ckpt.failedCount();
        int startedBefore = ckpt.request(org.tusk.storage.sync.CheckpointerShmem.CHECKPOINT_IMMEDIATE
                | org.tusk.storage.sync.CheckpointerShmem.CHECKPOINT_FORCE | org.tusk.storage.sync.CheckpointerShmem.CHECKPOINT_WAIT);
        ctx.env.shmem().procGlobal().proc(slot).latch().set();
        if (!ckpt.awaitCompletion(startedBefore, failedBefore, ctx.interrupts::check)) {
            throw PgException.error(SqlState.INTERNAL_ERROR, "checkpoint request failed")
                    .withHint("Consult recent messages in the server log for details.");
        }
    }

    @Override public int newObjectId() { return ctx.storage.newObjectId(); }

    /** Other client backends whose PGPROC names {@code dbOid} (databaseId is set before they lock the database). */
    private int otherBackends(int dbOid) {
        ProcGlobal procs = ctx.env.shmem().procGlobal();
        int n = 0;
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            if (slot == ctx.slot) continue;
            Proc p = procs.proc(slot);
            if (p.pid() != 0 && p.databaseId() == dbOid && (p.backendType() == BackendType.BACKEND
                    || p.backendType() == BackendType.AUTOVAC_WORKER)) {
                n++;
            }
        }
        return n;
    }

    /** CountOtherDBBackends' other half: autovacuum workers in the database are told to stop (SIGTERM). */
    private void terminateAutovacuumWorkers(int dbOid) {
        ProcGlobal procs = ctx.env.shmem().procGlobal();
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            Proc p = procs.proc(slot);
            if (slot != ctx.slot && p.pid() != 0 && p.databaseId() == dbOid && p.backendType() == BackendType.AUTOVAC_WORKER) {
                org.tusk.port.Libc.kill(p.pid(), org.tusk.port.Signals.SIGTERM);
            }
        }
    }

    @Override
    public int countOtherBackends(int dbOid) {
        // CountOtherDBBackends: up to 50 tries 100 ms apart, for sessions that are just ending;
        // autovacuum workers in the database are sent SIGTERM at each try, as PostgreSQL's are.
        for (int tries = 0; tries < 50; tries++) {
            int n = otherBackends(dbOid);
            if (n == 0) return 0;
            terminateAutovacuumWorkers(dbOid);
            ctx.latch.reset();
            ctx.interrupts.check();
            ctx.latch.await(100_000_000L);
        }
        return otherBackends(dbOid);
    }

    @Override
    public void terminateOtherBackends(int dbOid) {
        ProcGlobal procs = ctx.env.shmem().procGlobal();
        java.util.List<Integer> pids = new java.util.ArrayList<>();
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            if (slot == ctx.slot) continue;
            Proc p = procs.proc(slot);
            if (p.pid() == 0 || p.databaseId() != dbOid || p.backendType() != BackendType.BACKEND) continue;
            if (!ctx.role().superuser()) {
                boolean targetSuper = BootstrapCatalog.load(ctx.env.dataDir()).role(p.roleId())
                        .map(BootstrapCatalog.Role::superuser).orElse(false);
                if (targetSuper || p.roleId() != ctx.role().oid()) {
                    throw PgException.error(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to terminate process")
                            .withDetail("Only roles with the SUPERUSER attribute may terminate processes of roles with the SUPERUSER attribute.");
                }
            }
            pids.add(p.pid());
        }
        for (int pid : pids) SignalFuncs.signalBackend(procs, pid, true);
    }

    @Override
    public void lockDatabaseObject(int dbOid, LockMode mode) {
        ctx.locks.acquire(LockTag.object(0, BootstrapCatalog.DATABASE_RELATION_ID, dbOid, 0), mode, false);
    }

    @Override
    public void walInsert(XLogRecordBuilder record, RmgrId rmgr, int info) {
        try {
            ctx.xlog.get().insert(record, rmgr, info, ctx.transaction.getCurrentTransactionId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void forceSyncCommit() { ctx.storage.forceSyncCommit = true; }

    @Override public void dropDatabaseBuffers(int dbOid) { ctx.storage.buffers.dropDatabaseBuffers(dbOid); }

    @Override public void closeDatabaseFiles(int dbOid) { ctx.storage.smgr.closeDatabase(BootstrapCatalog.DEFAULTTABLESPACE_OID, dbOid); }

    @Override public java.util.List<String> roleDependenciesHere(int roleOid) { return ctx.storage.catalog.roleDependencies(roleOid); }

    @Override
    public String checkSetting(String name, String value) {
        var gucs = ctx.env.gucs();
        String canonical = gucs.canonicalName(name);
        boolean superuser = ctx.storage.sharedCatalog.current().role(ctx.role().oid()).map(r -> r.superuser()).orElse(false);
        if (value != null) {
            gucs.validate(canonical, value, superuser ? org.tusk.utils.misc.GucContext.SUSET : org.tusk.utils.misc.GucContext.USERSET,
                    org.tusk.utils.misc.GucSource.DATABASE_USER);
        }
        return canonical;
    }

    @Override public String passwordEncryption() { return ctx.env.gucs().getEnum("password_encryption"); }

    @Override
    public void notice(String message) {
        ctx.messages.report(Severity.NOTICE, "00000", message, null, null, 0);
    }

    @Override
    public void warning(String sqlState, String message) {
        ctx.messages.report(Severity.WARNING, sqlState, message, null, null, 0);
    }
}
