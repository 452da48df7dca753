package org.tusk.auxprocess;

import org.tusk.port.Signals;
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
        AuxiliaryProcess.start(env, slot, BackendType.STARTUP);
        // SIGTERM during a shutdown request while starting: stop cleanly.
        Signals.handle(Signals.SIGTERM, s -> env.procExit().exit(1));

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
