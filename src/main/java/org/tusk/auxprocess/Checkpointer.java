package org.tusk.auxprocess;

import org.tusk.access.transam.Checkpoints;
import org.tusk.access.transam.Clog;
import org.tusk.access.transam.SubTrans;
import org.tusk.storage.lmgr.ProcArray;
import org.tusk.access.transam.XLogHandle;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.storage.sync.CheckpointerShmem;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The checkpointer (PostgreSQL's postmaster/checkpointer.c): writes a checkpoint every
 * {@code checkpoint_timeout}, when more than max_wal_size / (1 + checkpoint_completion_target)
 * of WAL follows the last REDO point (checked at least once a second), when someone asks (the CHECKPOINT command, through
 * {@link CheckpointerShmem}), and, when the postmaster tells it to shut down (SIGTERM here;
 * PostgreSQL uses SIGUSR2, which a JVM reserves), the shutdown checkpoint, after which it exits.
 * Between checkpoints it absorbs the fsync requests other processes forward, so that their queue
 * does not fill up. See {@link Checkpoints} for what a checkpoint does and in which order.
 */
public final class Checkpointer {
    private Checkpointer() {}

    public static void run(ChildEnvironment env, int slot) {
        AuxLoop loop = AuxLoop.start(env, slot, BackendType.CHECKPOINTER);
        CheckpointerShmem shared = env.shmem().checkpointer();
        XLogHandle xlog = new XLogHandle(env.shmem().xlogCtl(), env.dataDir(), env.gucs().getBool("fsync"),
                env.gucs().getEnum("wal_sync_method"), slot);
        // The CLOG handle flushes WAL before writing a page that reports an asynchronous commit.
        Clog clog = new Clog(env.shmem().clogShared(), env.dataDir().resolve("pg_xact"), xlog);
        SubTrans subtrans = new SubTrans(env.shmem().subtransShared(), env.dataDir().resolve("pg_subtrans"));
        Checkpoints checkpoints = new Checkpoints(env.dataDir(), env.log(), env.shmem().xlogCtl(), xlog,
                env.shmem().transamVariables(), clog, subtrans,
                new ProcArray(env.shmem().procGlobal(), env.shmem().transamVariables()), env.shmem().syncRequests());
        StorageManager smgr = new StorageManager(env.dataDir(), checkpoints::rememberDirtySegment);
        BufferManager buffers = new BufferManager(env.shmem().bufferPool(), new SmgrBlockIO(smgr, xlog::flush));
        checkpoints.attach(smgr, buffers);
        env.procExit().onShmemExit(buffers::releaseAll);
        shared.setCheckpointerSlot(slot);
        env.procExit().onShmemExit(() -> shared.setCheckpointerSlot(0));

        long lastCheckpoint = System.currentTimeMillis();
        while (true) {
            boolean shutdown = loop.handleInterrupts();
            checkpoints.absorbSyncRequests();
            long timeoutMs = env.gucs().getInt("checkpoint_timeout") * 1000L;
            boolean timed = System.currentTimeMillis() - lastCheckpoint >= timeoutMs;
            // Started in PM_STARTUP, as PostgreSQL 15's: while the startup process replays WAL and
            // writes its end-of-recovery checkpoint, this one only absorbs requests.
            boolean walReady = env.shmem().xlogCtl().isRecoveryDone();
            if (shutdown) {
                // Stopped before the startup process finished: there is nothing to checkpoint.
                if (walReady) {
                    run(checkpoints, shared, true, "shutdown immediate", env);
                    // pgstat_before_server_shutdown: the statistics survive a clean shutdown
                    writeStats(env);
                }
                env.procExit().exit(0);
            }
            boolean requested = walReady && shared.requested();
            boolean walDue = walReady && !requested && walSinceRedo(env, xlog) >= checkpointDistance(env);
            if (requested || (walReady && (timed || walDue))) {
                run(checkpoints, shared, false, requested ? "immediate force wait" : walDue ? "wal" : "time", env);
                lastCheckpoint = System.currentTimeMillis();
            }
            long remaining = timeoutMs - (System.currentTimeMillis() - lastCheckpoint);
            loop.sleep(Math.max(10, Math.min(remaining, 1000)));
        }
    }

    /** pgstat_write_statsfile, at the shutdown checkpoint; a failure loses the statistics only. */
    private static void writeStats(ChildEnvironment env) {
        try {
            org.tusk.utils.activity.PgStatFile.write(env.dataDir(), env.shmem().pgStat());
        } catch (IOException | RuntimeException e) {
            env.log().report(org.tusk.utils.error.Severity.LOG, null, "could not write statistics file: " + e, null, null);
        }
    }

    /** WAL inserted since the current checkpoint's REDO point. */
    private static long walSinceRedo(ChildEnvironment env, XLogHandle xlog) {
        return xlog.get().getInsertRecPtr() - env.shmem().xlogCtl().redoRecPtr();
    }

    /**
     * XLogCheckpointNeeded's distance: a checkpoint is due once this much WAL follows the REDO
     * point, max_wal_size / (1 + checkpoint_completion_target) (CalculateCheckpointSegments), so
     * that WAL kept for recovery stays within max_wal_size while the next checkpoint runs.
     */
    private static long checkpointDistance(ChildEnvironment env) {
        long maxWal = env.gucs().getInt("max_wal_size") * 1024L * 1024L;
        return (long) (maxWal / (1.0 + env.gucs().getReal("checkpoint_completion_target")));
    }

    /** One checkpoint, reported to whoever waits for it; a failure is logged and counted, not fatal. */
    private static void run(Checkpoints checkpoints, CheckpointerShmem shared, boolean shutdown, String cause,
                            ChildEnvironment env) {
        if (env.gucs().getBool("log_checkpoints")) env.log().log("checkpoint starting: " + cause);
        shared.start();
        // PgStat_CheckpointerStats: timed_checkpoints or requested_checkpoints
        if (!shutdown) env.shmem().pgStat().addFixed(cause.equals("time") ? org.tusk.utils.activity.PgStatFields.CKPT_TIMED
                : org.tusk.utils.activity.PgStatFields.CKPT_REQUESTED, 1);
        boolean ok = false;
        try {
            checkpoints.create(shutdown, false);
            ok = true;
        } catch (IOException | RuntimeException e) {
            // PostgreSQL: ERROR in the checkpointer, retried at the next cycle. A failed shutdown
            // checkpoint makes the checkpointer exit abnormally, so the postmaster notices.
            if (shutdown) throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            env.log().report(org.tusk.utils.error.Severity.ERROR, null, "checkpoint failed: " + e, null, null);
        } finally {
            shared.finish(ok);
        }
    }
}
