package org.tusk.utils.init;

import org.tusk.storage.ipc.ProcExit;
import org.tusk.storage.ipc.SharedMemoryMap;
import org.tusk.utils.error.ServerLog;
import org.tusk.utils.misc.GucSettings;

import java.nio.file.Path;

/**
 * What every child of the postmaster has once it has started: its log, data directory,
 * configuration and the shared-memory region (the process-wide part of PostgreSQL's globals:
 * DataDir, the GUC variables, the shared-memory pointers, MyProcPid's postmaster).
 */
public record ChildEnvironment(ServerLog log, Path dataDir, GucSettings gucs, SharedMemoryMap shmem,
                               int postmasterPid, long postmasterStartMicros, ProcExit procExit) {
    /** The same process with another set of settings (a reused backend starts each session afresh). */
    public ChildEnvironment withGucs(GucSettings fresh) {
        return new ChildEnvironment(log, dataDir, fresh, shmem, postmasterPid, postmasterStartMicros, procExit);
    }
}
