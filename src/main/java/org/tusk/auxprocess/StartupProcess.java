package org.tusk.auxprocess;

import org.tusk.port.Signals;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.storage.lmgr.Proc;
import org.tusk.utils.activity.BackendStatusArray;
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
 * <p>Today it checks the data directory and claims its PGPROC and status entry, so that it is
 * visible while it runs; WAL replay from the last checkpoint's REDO point joins it with the
 * write-ahead log, and will be the bulk of its work.
 */
public final class StartupProcess {
    private StartupProcess() {}

    public static void run(ChildEnvironment env, int slot) {
        PMChildFlags flags = env.shmem().pmChildFlags();
        flags.markActive(slot);
        env.procExit().onShmemExit(() -> flags.markInactive(slot));
        env.log().setBackendType(BackendType.STARTUP.description());
        // SIGTERM during a shutdown request while starting: stop cleanly.
        Signals.handle(Signals.SIGTERM, s -> env.procExit().exit(1));

        int pid = (int) ProcessHandle.current().pid();
        Proc proc = env.shmem().procGlobal().proc(slot);
        proc.initialize(pid, BackendType.STARTUP, 0);
        env.procExit().onShmemExit(proc::release);
        BackendStatusArray.Writer status = env.shmem().backendStatus().writer(slot);
        status.start(pid, BackendType.STARTUP, 0, 0, "", "", "", null, 0, System.currentTimeMillis() * 1000);
        env.procExit().onShmemExit(status::clear);

        Path version = env.dataDir().resolve("PG_VERSION");
        try {
            String v = Files.readString(version).trim();
            if (!v.equals("15")) {
                env.log().report(org.tusk.utils.error.Severity.FATAL, null,
                        "database files are incompatible with server", "The data directory was initialized by "
                                + "PostgreSQL version " + v + ", which is not compatible with this version 15.", null);
                env.procExit().exit(1);
            }
        } catch (java.io.IOException e) {
            env.log().report(org.tusk.utils.error.Severity.FATAL, null,
                    "could not read file \"" + version + "\": " + e.getMessage(), null, null);
            env.procExit().exit(1);
        }
        env.procExit().exit(0);
    }
}
