package org.tusk.auxprocess;

import org.tusk.port.NativeHeap;
import org.tusk.port.Signals;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.init.ServerConfig;

/**
 * The signal handling and sleeping shared by the looping auxiliary processes (the
 * HandleMainLoopInterrupts part of PostgreSQL's bgwriter, checkpointer and walwriter):
 * SIGHUP re-reads the configuration at the top of the next round, SIGTERM asks the process to
 * finish (what "finish" means is the process's own: the checkpointer writes the shutdown
 * checkpoint first), and between rounds the process sleeps on its latch, which any of these, and
 * any request from another process, sets.
 *
 * <p>The handlers are installed before the process marks its slot ACTIVE: the postmaster sends
 * SIGHUP only to children whose slot is ACTIVE, because a JVM without a handler exits on it.
 */
final class AuxLoop {
    final AuxiliaryProcess aux;
    private volatile boolean reloadPending;
    private volatile boolean shutdownRequested;
    private volatile org.tusk.storage.ipc.Latch latch;
    /**
     * When this process next gives its free C-heap memory back (NativeHeap): first once its
     * start-up's compilations may have settled, then every 20 s (its JIT goes on compiling for a
     * while after start, and later checkpoints bring new code). An auxiliary process wakes every
     * few hundred milliseconds whether or not it has work, so it has no idle period to wait for;
     * a trim that finds nothing costs microseconds.
     */
    private long nextTrimMillis = System.currentTimeMillis() + NativeHeap.SETTLE_MILLIS;
    private static final long TRIM_INTERVAL_MILLIS = 20_000;

    private AuxLoop(ChildEnvironment env, int slot, BackendType type) {
        Signals.handle(Signals.SIGHUP, s -> { reloadPending = true; wake(); });
        Signals.handle(Signals.SIGTERM, s -> { shutdownRequested = true; wake(); });
        Signals.handle(Signals.SIGINT, s -> wake());
        Signals.handle(Signals.SIGUSR1, s -> wake());
        this.aux = AuxiliaryProcess.start(env, slot, type);
        this.latch = aux.latch;
    }

    /** Installs the handlers, then starts the auxiliary process (slot ACTIVE, PGPROC, status entry). */
    static AuxLoop start(ChildEnvironment env, int slot, BackendType type) {
        return new AuxLoop(env, slot, type);
    }

    private void wake() {
        org.tusk.storage.ipc.Latch l = latch;
        if (l != null) l.set();
    }

    /** Applies a pending reload; returns whether shutdown was requested. */
    boolean handleInterrupts() {
        if (reloadPending) {
            reloadPending = false;
            ServerConfig.reload(aux.env.gucs(), aux.env.dataDir(), aux.env.log());
        }
        return shutdownRequested;
    }

    /** Sleeps until the latch is set or {@code millis} pass; resets the latch afterwards. */
    void sleep(long millis) {
        if (!shutdownRequested && !reloadPending) aux.latch.await(millis * 1_000_000L);
        aux.latch.reset();
        long now = System.currentTimeMillis();
        if (now >= nextTrimMillis) {
            NativeHeap.trim();
            nextTrimMillis = now + TRIM_INTERVAL_MILLIS;
        }
    }
}
