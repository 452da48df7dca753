package org.tusk.tcop;

import org.tusk.port.Libc;
import org.tusk.port.Signals;
import org.tusk.port.Sockets;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;
import org.tusk.utils.init.ChildEnvironment;

import java.lang.foreign.Arena;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A pre-started backend (Tusk's answer to a JVM that cannot fork): it has started its JVM, loaded
 * its configuration and mapped shared memory, and now waits on its control socket (descriptor 3)
 * for the postmaster to hand it a client.
 *
 * <p>Protocol on the control socket: the spare writes one byte, 'R', when it is ready; the
 * postmaster sends one {@link ChildAssignment} with the client's socket attached (SCM_RIGHTS).
 * EOF instead means the postmaster is gone or wants the spare to exit. Until it has a client, a
 * spare owns nothing in shared memory, so SIGTERM simply ends it.
 */
public final class SpareBackend {
    static final int CONTROL_FD = 3;

    private SpareBackend() {}

    public static void run(ChildEnvironment env, QuickDie quickDie) {
        env.log().setBackendType(BackendType.SPARE_BACKEND.description());
        Signals.handle(Signals.SIGTERM, s -> Libc.exitNow(0));
        // Not Signals.ignore: a JVM never lets a program catch INT, TERM or HUP again once they are
        // ignored, and the backend this spare becomes must catch them.
        Signals.handle(Signals.SIGINT, s -> { });
        Signals.handle(Signals.SIGHUP, s -> { });
        BackendWarmup.run(env);
        try (Arena a = Arena.ofConfined()) {
            // May fail with EPIPE: the postmaster already handed us a connection while we were
            // starting and closed its end. The assignment still waits in our receive queue.
            Sockets.send(CONTROL_FD, a.allocateFrom(JAVA_BYTE, (byte) 'R'), 1);
        }
        Sockets.Received r = Sockets.receiveWithFd(CONTROL_FD, 64);
        Libc.close(CONTROL_FD);
        if (r.data().length == 0 || r.fd() < 0) Libc.exitNow(0);
        ChildAssignment assignment = ChildAssignment.decode(r.data());
        BackendMain.run(env, assignment, r.fd(), quickDie);
    }
}
