package org.tusk.storage.ipc;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Process exit with cleanup (PostgreSQL's ipc.c: on_shmem_exit, before_shmem_exit, proc_exit).
 *
 * <p>Subsystems register what must be undone in shared memory when this process leaves (release
 * the PGPROC, leave the ProcArray, clear the backend status entry, mark the PMChildFlags word
 * inactive); {@link #exit} runs the callbacks in reverse order of registration and halts the JVM.
 * A callback that fails does not stop the others. This path is for normal exits (code 0) and
 * FATAL errors (code 1) only; the quickdie path skips it, since shared memory may be corrupt.
 * One instance per process.
 */
public final class ProcExit {
    private final Deque<Runnable> callbacks = new ArrayDeque<>();
    private Runnable lastAct = () -> { };
    private boolean exiting;

    /**
     * What to do after every shared resource is released, just before the process ends (only on
     * exit, not when a reused backend releases its session): a backend closes its control socket
     * here, so that the postmaster learns at once that its slot is free.
     */
    public void setLastAct(Runnable act) {
        this.lastAct = act;
    }

    public void onShmemExit(Runnable callback) {
        callbacks.push(callback);
    }

    /**
     * Runs and forgets every callback without exiting: a backend that is reused for another session
     * gives back everything shared it held, exactly as if it had exited. Returns false if a
     * callback failed, in which case the process must not be reused.
     */
    public boolean releaseAll() {
        boolean ok = true;
        while (!callbacks.isEmpty()) {
            try {
                callbacks.pop().run();
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        return ok;
    }

    /** proc_exit: runs the callbacks and ends the process with {@code code}. Never returns. */
    public void exit(int code) {
        if (!exiting) {
            exiting = true;
            while (!callbacks.isEmpty()) {
                try {
                    callbacks.pop().run();
                } catch (RuntimeException e) {
                    // Keep releasing the rest; the postmaster will see a clean exit only if all ran.
                    code = code == 0 ? 1 : code;
                }
            }
            try {
                lastAct.run();
            } catch (RuntimeException ignored) {
                // the process ends anyway
            }
        }
        Runtime.getRuntime().halt(code);
    }
}
