package org.tusk.tcop;

import org.tusk.port.Libc;
import org.tusk.port.NativeHeap;
import org.tusk.port.Signals;
import org.tusk.port.Sockets;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;
import org.tusk.utils.init.ChildEnvironment;
import org.tusk.utils.init.LoadedConfig;
import org.tusk.utils.init.ServerConfig;
import org.tusk.utils.misc.GucSettings;

import java.lang.foreign.Arena;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A pre-started backend (Tusk's answer to a JVM that cannot fork): it has started its JVM, loaded
 * its configuration and mapped shared memory, and now waits on its control socket (descriptor 3)
 * for the postmaster to hand it a client.
 *
 * <p>Protocol on the control socket: the spare writes one byte, {@link #READY}, when it is ready;
 * the postmaster sends one {@link ChildAssignment} with the client's socket attached (SCM_RIGHTS),
 * only to a spare that has said it is ready (a connection that finds none waits in the postmaster
 * for the first one that is, see postmaster.PendingConnections).
 * EOF instead means the postmaster is gone or wants the spare to exit. Until it has a client, a
 * spare owns nothing in shared memory, so SIGTERM simply ends it.
 *
 * <p>With {@code backend_reuse = on}, a backend whose session ended cleanly releases everything
 * shared, reads its configuration afresh and writes {@link #REUSABLE}: the postmaster frees its
 * slot and counts it as a ready spare (see BackendReuse). The control socket stays open for that.
 */
public final class SpareBackend {
    static final int CONTROL_FD = 3;
    /** Control-socket messages from the child: started and ready; a session ended, reuse me. */
    public static final byte READY = 'R', REUSABLE = 'U';

    private SpareBackend() {}

    /** The spare's warm-up alone: also the workload from which the JVM's AOT cache is built. */
    public static void warmUp(ChildEnvironment env) {
        BackendWarmup.run(env);
    }

    public static void run(ChildEnvironment env, QuickDie quickDie, List<String> switches) {
        BackendWarmup.run(env);
        int sessions = 0;
        SessionCarryOver carry = new SessionCarryOver();
        // The settings as loaded at start (BackendWarmup works on a copy): each session starts from them.
        LoadedConfig config = new LoadedConfig(env.gucs(), env.dataDir(), switches);
        while (true) {
            env.log().setBackendType(BackendType.SPARE_BACKEND.description());
            env.log().setSession("", "", "", "");
            // Not Signals.ignore: a JVM never lets a program catch INT, TERM or HUP again once they
            // are ignored, and the backend this spare becomes must catch them.
            Signals.handle(Signals.SIGTERM, s -> Libc.exitNow(0));
            Signals.handle(Signals.SIGINT, s -> { });
            // A reload while waiting: the settings read when this spare started (or when its last
            // session ended) are stale; read them again once a connection arrives, as a backend
            // PostgreSQL forks after the reload would have the postmaster's new ones.
            java.util.concurrent.atomic.AtomicBoolean reloadPending = new java.util.concurrent.atomic.AtomicBoolean();
            Signals.handle(Signals.SIGHUP, s -> reloadPending.set(true));
            try (Arena a = Arena.ofConfined()) {
                // May fail with EPIPE: the postmaster already handed us a connection while we were
                // starting and closed its end. The assignment still waits in our receive queue.
                Sockets.send(CONTROL_FD, a.allocateFrom(JAVA_BYTE, sessions == 0 ? READY : REUSABLE), 1);
            }
            awaitAssignment();
            Sockets.Received r = Sockets.receiveWithFd(CONTROL_FD, 64);
            // A backend that exits cleanly closes its control socket last: the postmaster, seeing
            // EOF and the slot's flag back to ASSIGNED, frees the slot without waiting for the reap.
            env.procExit().setLastAct(() -> Libc.close(CONTROL_FD));
            if (r.data().length == 0 || r.fd() < 0) Libc.exitNow(0);
            ChildAssignment assignment = ChildAssignment.decode(r.data());
            if (reloadPending.get()) {
                GucSettings reloaded = config.newSettings(env.log(), true);
                if (reloaded == null) env.procExit().exit(1);
                env = env.withGucs(reloaded);
            }
            sessions++;
            boolean reuseAllowed = sessions < env.gucs().getInt("backend_reuse_max_sessions");
            if (!BackendMain.run(env, assignment, r.fd(), quickDie, reuseAllowed, carry)) return;
            // Reuse: give back everything shared, then start over with fresh settings (the files
            // are parsed again only if they changed).
            if (!env.procExit().releaseAll()) env.procExit().exit(1);
            GucSettings fresh = config.newSettings(env.log());
            if (fresh == null) env.procExit().exit(1);
            env = env.withGucs(fresh);
        }
    }

    /**
     * Waits until the postmaster writes to the control socket. A spare that waits longer than
     * {@link NativeHeap#SETTLE_MILLIS} gives its free C-heap memory (its warm-up's or its last
     * session's compiler arenas) back to the kernel first: spares are what the server keeps idle.
     */
    private static void awaitAssignment() {
        if (!Libc.waitReadable(CONTROL_FD, (int) NativeHeap.SETTLE_MILLIS)) NativeHeap.trim();
    }
}
