package org.tusk.storage.ipc;

import org.tusk.port.Libc;
import org.tusk.port.Signals;
import org.tusk.storage.lmgr.Proc;
import org.tusk.storage.lmgr.ProcGlobal;
import org.tusk.utils.init.BackendType;

/**
 * Signalling other server processes (PostgreSQL's signalfuncs.c and the cancel-key check of
 * processCancelRequest): finding a process by pid in the PGPROC array, then recording the reason
 * in its PGPROC before sending the signal, so that the receiver can tell why it was woken.
 *
 * <p>Reads PGPROC fields without a lock: pid and cancel key are written by their owner before it
 * publishes its pid (release store) and cleared when it exits, so a reader either sees a
 * consistent pair or no process. A pid reused by an unrelated process between our read and our
 * kill() is the same small window PostgreSQL accepts.
 */
public final class SignalFuncs {
    private SignalFuncs() {}

    /** Outcome of a signal request. */
    public enum Result { SIGNALED, NOT_A_BACKEND, WRONG_KEY }

    /** The PGPROC of a live server process with this pid, or null. */
    public static Proc findProc(ProcGlobal procs, int pid) {
        if (pid <= 0) return null;
        for (int slot = 1; slot <= procs.numSlots(); slot++) {
            Proc p = procs.proc(slot);
            if (p.pid() == pid) return p;
        }
        return null;
    }

    /** A CancelRequest: SIGINT to the backend whose pid and secret key both match. */
    public static Result cancelWithKey(ProcGlobal procs, int pid, int key) {
        Proc p = findProc(procs, pid);
        if (p == null) return Result.NOT_A_BACKEND;
        if (p.cancelKey() != key) return Result.WRONG_KEY;
        p.addPendingInterrupt(Proc.INTERRUPT_CANCEL);
        Libc.kill(pid, Signals.SIGINT);
        return Result.SIGNALED;
    }

    /**
     * pg_cancel_backend / pg_terminate_backend: SIGINT or SIGTERM to a client backend (PostgreSQL
     * also allows auxiliary processes only for superusers; Tusk's SQL layer checks privileges).
     */
    public static Result signalBackend(ProcGlobal procs, int pid, boolean terminate) {
        Proc p = findProc(procs, pid);
        if (p == null || p.backendType() != BackendType.BACKEND) return Result.NOT_A_BACKEND;
        p.addPendingInterrupt(terminate ? Proc.INTERRUPT_TERMINATE : Proc.INTERRUPT_CANCEL);
        return Libc.kill(pid, terminate ? Signals.SIGTERM : Signals.SIGINT) ? Result.SIGNALED : Result.NOT_A_BACKEND;
    }

    /**
     * SendProcSignal(pid, PROCSIG_NOTIFY_INTERRUPT, slot): records the reason in the PGPROC of slot
     * {@code slot}, if {@code pid} still owns it, and sends SIGUSR1, which wakes the process from any
     * wait (async.c's SignalBackends). Returns false if the process is gone.
     */
    public static boolean sendNotifyInterrupt(ProcGlobal procs, int slot, int pid) {
        Proc p = procs.proc(slot);
        if (p.pid() != pid) return false;
        p.addPendingInterrupt(Proc.INTERRUPT_NOTIFY);
        return Libc.kill(pid, Signals.SIGUSR1);
    }
}
