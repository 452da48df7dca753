package org.tusk.main;

import org.tusk.access.transam.Checkpoints;
import org.tusk.access.transam.Clog;
import org.tusk.access.transam.SubTrans;
import org.tusk.access.transam.XLogHandle;
import org.tusk.auxprocess.StartupProcess;
import org.tusk.libpq.LockFiles;
import org.tusk.storage.buffer.BufferManager;
import org.tusk.storage.buffer.SmgrBlockIO;
import org.tusk.storage.ipc.ProcExit;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.storage.lmgr.ProcArray;
import org.tusk.storage.shmem.ShmemRegion;
import org.tusk.storage.smgr.StorageManager;
import org.tusk.tcop.BackendMain;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-user mode (PostgreSQL's {@code postgres --single}, PostgresSingleUserMain in
 * tcop/postgres.c), as initdb uses it for its post-bootstrap SQL: one JVM, no postmaster and no
 * auxiliary processes, its own private shared memory. It takes the data directory's lock file
 * (CreateDataDirLockFile with a negative PID, the mark of a standalone backend), runs StartupXLOG
 * itself (InitPostgres does when not under a postmaster), runs the given SQL texts in one session,
 * and ends with the shutdown checkpoint (ShutdownXLOG, which single-user mode registers as an
 * on_shmem_exit callback), so that every page is in the files and {@code pg_control} says "shut
 * down" when it returns.
 *
 * <p>One difference from PostgreSQL: its single-user backend reads queries from standard input
 * and prints results itself (DestDebug); Tusk's backend speaks only the frontend/backend
 * protocol, so the SQL is fed to {@link BackendMain} over a socketpair by a thread of this JVM
 * ({@link AotTrainingClient}), each text as one simple Query (one implicit transaction); an error
 * stops the run (initdb's {@code exit_on_error=true}). The session runs with
 * {@code backend_reuse} on so that {@link BackendMain} returns instead of ending the JVM, and
 * the caller's settings (initdb's {@code fsync=off}) apply as {@code -c} switches.
 *
 * <p>Nothing else may run on the data directory meanwhile: the lock file refuses a postmaster.
 */
public final class PostgresSingleUser {
    /** The backend slot of the session and the auxiliary slot StartupXLOG and the checkpoint write WAL under. */
    private static final int BACKEND_SLOT = 1, AUX_SLOT = 11;
    /** Slots (10 backends + 6 auxiliary, as AotTraining) and the activity text size of the private region. */
    private static final int NUM_SLOTS = 16, MAX_BACKENDS = 10, QUERY_SIZE = 1024;

    private PostgresSingleUser() {}

    /**
     * Runs each of {@code sql} as one simple Query in {@code database} as {@code user}, then writes
     * the shutdown checkpoint. {@code settings} are "name=value" switches (as {@code -c}).
     * Throws with the first error's message; the cluster is then left as the failure left it.
     */
    public static void run(Path dataDir, String user, String database, List<String> settings, List<String> sql)
            throws IOException {
        ServerLog log = new ServerLog();
        GucSettings gucs = GucSettings.forBackend();
        List<String> all = new ArrayList<>(settings);
        all.add("backend_reuse=on");
        List<String> switches = ServerConfig.asSwitches(all);
        if (!ServerConfig.load(gucs, dataDir, switches, log)) throw new IOException("invalid configuration for single-user mode");
        Path lock = dataDir.resolve("postmaster.pid");
        try {
            LockFiles.create(lock, lockFileContents(dataDir), "data directory lock file");
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path shm = Files.createTempFile(Path.of("/dev/shm"), "tusk-single.", ".shm");
        try {
            int nbuffers = gucs.getInt("shared_buffers");
            ShmemRegion.Sizing sizing = new ShmemRegion.Sizing(NUM_SLOTS, MAX_BACKENDS, QUERY_SIZE, nbuffers,
                    SharedMemoryMap.walBuffers(gucs.getInt("wal_buffers"), nbuffers));
            try (SharedMemoryMap shmem = SharedMemoryMap.create(shm, sizing, (int) ProcessHandle.current().pid())) {
                ChildEnvironment env = new ChildEnvironment(log, dataDir, gucs, shmem, 0,
                        System.currentTimeMillis() * 1000, new ProcExit());
                if (!StartupProcess.startupXLog(env, AUX_SLOT)) throw new IOException("StartupXLOG failed (see the messages above)");
                session(env, user, database, sql);
                shutdownCheckpoint(env);
            }
        } finally {
            Files.deleteIfExists(shm);
            Files.deleteIfExists(lock);
        }
    }

    /** CreateDataDirLockFile(false): a negative PID marks a standalone backend, not a postmaster. */
    private static String lockFileContents(Path dataDir) {
        return "-" + ProcessHandle.current().pid() + "\n" + dataDir + "\n" + System.currentTimeMillis() / 1000 + "\n";
    }

    /** The one session: the backend runs on this thread, the statements come from another. */
    private static void session(ChildEnvironment env, String user, String database, List<String> sql) throws IOException {
        // A backend that may not be reused (a FATAL error, or a heap too full to serve another
        // session) ends the process instead of returning: then initdb must fail, not exit 0.
        env.procExit().setLastAct(() -> {
            System.err.println("single-user mode: the backend ended the process before the shutdown checkpoint");
            Runtime.getRuntime().halt(1);
        });
        try {
            InProcessSession.run(env, BACKEND_SLOT, user, database, c -> {
                for (String s : sql) c.query(s);
            });
        } finally {
            env.procExit().setLastAct(() -> { });
        }
    }

    /**
     * ShutdownXLOG: the shutdown checkpoint, written by this process as the checkpointer would
     * write it (every dirty buffer, the CLOG and pg_subtrans, then the record and pg_control).
     */
    private static void shutdownCheckpoint(ChildEnvironment env) throws IOException {
        XLogHandle xlog = new XLogHandle(env.shmem().xlogCtl(), env.dataDir(), env.gucs().getBool("fsync"),
                env.gucs().getEnum("wal_sync_method"), AUX_SLOT);
        Clog clog = new Clog(env.shmem().clogShared(), env.dataDir().resolve("pg_xact"), xlog);
        SubTrans subtrans = new SubTrans(env.shmem().subtransShared(), env.dataDir().resolve("pg_subtrans"));
        // LogCheckpointEnd only with log_checkpoints (initdb turns it off); Checkpoints logs to a non-null log.
        Checkpoints checkpoints = new Checkpoints(env.dataDir(), env.gucs().getBool("log_checkpoints") ? env.log() : null,
                env.shmem().xlogCtl(), xlog,
                env.shmem().transamVariables(), clog, subtrans,
                new ProcArray(env.shmem().procGlobal(), env.shmem().transamVariables()), env.shmem().syncRequests());
        StorageManager smgr = new StorageManager(env.dataDir(), checkpoints::rememberDirtySegment);
        BufferManager buffers = new BufferManager(env.shmem().bufferPool(), new SmgrBlockIO(smgr, xlog::flush));
        checkpoints.attach(smgr, buffers);
        try {
            checkpoints.create(true, false);
        } finally {
            buffers.releaseAll();
        }
    }
}
