package org.tusk.auxprocess;

import org.tusk.access.transam.Checkpoints;
import org.tusk.access.transam.Clog;
import org.tusk.access.transam.SubTrans;
import org.tusk.storage.lmgr.ProcArray;
import org.tusk.access.transam.RedoContext;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.access.transam.XLogHandle;
import org.tusk.access.transam.StartupXLog;
import org.tusk.port.Signals;
import org.tusk.utils.error.PgException;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The startup process (PostgreSQL's postmaster/startup.c driving access/transam's recovery):
 * the first child of every start and of every crash-restart. It brings the data directory to a
 * consistent state and exits with code 0; the postmaster then enters PM_RUN. A non-zero exit
 * at the first start makes the postmaster give up.
 *
 * <p>It checks the data directory's version, then runs StartupXLOG: reads {@code pg_control},
 * finds the latest checkpoint record, sets the shared transaction counters and starts the CLOG,
 * and replays WAL from the checkpoint's REDO point to the end of valid WAL.
 */
public final class StartupProcess {
    private StartupProcess() {}

    public static void run(ChildEnvironment env, int slot) {
        AuxiliaryProcess.start(env, slot, BackendType.STARTUP);
        // SIGTERM during a shutdown request while starting: stop cleanly.
        Signals.handle(Signals.SIGTERM, s -> env.procExit().exit(1));
        env.procExit().exit(startupXLog(env, slot) ? 0 : 1);
    }

    /** pgstat_reset_after_failure: counts start from zero now (the fixed ones' stats_reset is set). */
    private static void resetStats(ChildEnvironment env) {
        java.time.Instant now = java.time.Instant.now();
        env.shmem().pgStat().setFixed(org.tusk.utils.activity.PgStatFields.BGWRITER_STAT_RESET_TIMESTAMP,
                now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
    }

    /**
     * The startup process's work without the process around it: checks PG_VERSION and runs
     * StartupXLOG on the shared memory of {@code env}, with WAL written in the name of
     * {@code slot}. Returns false after reporting why it failed. Also used by the build's AOT
     * training run, which brings up a throw-away cluster in one JVM.
     */
    public static boolean startupXLog(ChildEnvironment env, int slot) {
        Path version = env.dataDir().resolve("PG_VERSION");
        try {
            String v = Files.readString(version).trim();
            if (!v.equals("15")) {
                env.log().report(org.tusk.utils.error.Severity.FATAL, null,
                        "database files are incompatible with server", "The data directory was initialized by "
                                + "PostgreSQL version " + v + ", which is not compatible with this version 15.", null);
                return false;
            }
        } catch (java.io.IOException e) {
            env.log().report(org.tusk.utils.error.Severity.FATAL, null,
                    "could not read file \"" + version + "\": " + e.getMessage(), null, null);
            return false;
        }
        try {
            XLogHandle xlog = new XLogHandle(env.shmem().xlogCtl(), env.dataDir(), env.gucs().getBool("fsync"),
                    env.gucs().getEnum("wal_sync_method"), slot);
            Clog clog = new Clog(env.shmem().clogShared(), env.dataDir().resolve("pg_xact"), xlog);
            SubTrans subtrans = new SubTrans(env.shmem().subtransShared(), env.dataDir().resolve("pg_subtrans"));
            Checkpoints checkpoints = new Checkpoints(env.dataDir(), env.log(), env.shmem().xlogCtl(), xlog,
                    env.shmem().transamVariables(), clog, subtrans,
                    new ProcArray(env.shmem().procGlobal(), env.shmem().transamVariables()), env.shmem().syncRequests());
            // Replayed pages go through the shared buffers; the end-of-recovery checkpoint writes
            // them and fsyncs their files. WAL being replayed is on disk already, so writing a
            // page needs no WAL flush (XLogFlush during recovery only moves minRecoveryPoint).
            StorageManager smgr = new StorageManager(env.dataDir(), checkpoints::rememberDirtySegment);
            BufferManager buffers = new BufferManager(env.shmem().bufferPool(), new SmgrBlockIO(smgr, lsn -> { }));
            checkpoints.attach(smgr, buffers);
            RedoContext redoCtx = new RedoContext(buffers, smgr, clog, env.shmem().transamVariables());
            StartupXLog.EndOfWal end = StartupXLog.run(env.dataDir(), env.log(), env.shmem().transamVariables(), clog,
                    subtrans, redoCtx);
            // Shared catalog files written before a commit record and not yet installed when the
            // server went down: the CLOG, now complete, says whether each one's transaction committed.
            for (String done : org.tusk.catalog.SharedCatalog.resolvePending(env.dataDir(),
                    xid -> org.tusk.access.transam.TransactionId.precedes(xid, env.shmem().transamVariables().nextXid().xid())
                            && clog.getStatus(xid) == org.tusk.access.transam.XidStatus.COMMITTED)) {
                env.log().log(done);
            }
            // StartupXLOG's pgstat_restore_stats after a clean shutdown, pgstat_discard_stats after
            // a crash: statistics are not WAL-logged, so a crashed server's counts are not trusted
            if (end.crashRecovery()) {
                org.tusk.utils.activity.PgStatFile.discard(env.dataDir());
                resetStats(env);
            } else if (!org.tusk.utils.activity.PgStatFile.restore(env.dataDir(), env.shmem().pgStat())) {
                resetStats(env);
            }
            StartupXLog.finish(env.dataDir(), end, env.shmem().xlogCtl(), checkpoints);
        } catch (PgException e) {
            env.log().report(e);
            return false;
        } catch (java.io.IOException | RuntimeException e) {
            env.log().report(org.tusk.utils.error.Severity.PANIC, null, "startup failed: " + e, null, null);
            return false;
        }
        return true;
    }
}
