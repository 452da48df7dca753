package org.tusk.auxprocess;

import org.tusk.storage.ipc.Latch;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.storage.lmgr.Proc;
import org.tusk.utils.activity.BackendStatusArray;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;

/**
 * What every auxiliary process does before its own work (PostgreSQL's AuxiliaryProcessMain):
 * mark its child slot ACTIVE, claim its PGPROC and status entry (so {@code pg_stat_activity}
 * shows it with its backend type), and register their release with ProcExit.
 */
final class AuxiliaryProcess {
    final ChildEnvironment env;
    final int slot;
    final Proc proc;
    final Latch latch;
    final BackendStatusArray.Writer status;

    private AuxiliaryProcess(ChildEnvironment env, int slot, Proc proc, BackendStatusArray.Writer status) {
        this.env = env;
        this.slot = slot;
        this.proc = proc;
        this.latch = proc.latch();
        this.status = status;
    }

    static AuxiliaryProcess start(ChildEnvironment env, int slot, BackendType type) {
        PMChildFlags flags = env.shmem().pmChildFlags();
        flags.markActive(slot);
        env.procExit().onShmemExit(() -> flags.markInactive(slot));
        env.log().setBackendType(type.description());
        int pid = (int) ProcessHandle.current().pid();
        Proc proc = env.shmem().procGlobal().proc(slot);
        proc.initialize(pid, type, 0);
        env.procExit().onShmemExit(proc::release);
        BackendStatusArray.Writer status = env.shmem().backendStatus().writer(slot);
        status.start(pid, type, 0, 0, "", "", "", null, 0, System.currentTimeMillis() * 1000);
        env.procExit().onShmemExit(status::clear);
        return new AuxiliaryProcess(env, slot, proc, status);
    }
}
