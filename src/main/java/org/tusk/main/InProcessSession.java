package org.tusk.main;

import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.storage.ipc.PMChildFlags;
import org.tusk.tcop.BackendMain;
import org.tusk.tcop.QuickDie;
import org.tusk.utils.init.BackendType;
import org.tusk.utils.init.ChildAssignment;
import org.tusk.utils.init.ChildEnvironment;

import java.io.IOException;

/**
 * One client session served by a backend that runs on the calling thread of this JVM, with the
 * frontend on a second thread at the other end of a socket pair: what single-user mode
 * ({@link PostgresSingleUser}, postgres --single) and the AOT training run ({@link AotTraining})
 * both need. The backend is the ordinary {@link BackendMain} in child slot {@code slot} of the
 * process's own shared memory, so it goes through the same startup packet, authentication,
 * query loop and clean exit as a backend the postmaster started; it returns, as a reused backend
 * does, instead of ending the process. When the session is over everything the backend held in
 * shared memory has been released and the slot is free again, or the session fails.
 */
final class InProcessSession {
    private InProcessSession() {}

    /** What the frontend does once the startup packet has been answered. */
    interface Frontend {
        void run(AotTrainingClient client) throws IOException;
    }

    /**
     * Runs one session of {@code user} on {@code database}. Throws if the frontend failed, or if
     * the backend did not end the session cleanly (a FATAL error, or something shared still held).
     */
    static void run(ChildEnvironment env, int slot, String user, String database, Frontend script) throws IOException {
        int[] pair = Sockets.socketPair();
        IOException[] failed = new IOException[1];
        Thread frontend = new Thread(() -> {
            AotTrainingClient c = new AotTrainingClient(pair[0]);
            try {
                c.startup(user, database);
                script.run(c);
            } catch (IOException | RuntimeException e) {
                failed[0] = e instanceof IOException io ? io : new IOException(e.toString(), e);
            } finally {
                // Terminate also after a failure, so that the backend ends its session cleanly and returns.
                try {
                    c.terminate();
                } catch (RuntimeException ignored) {
                    // the backend is gone; its own failure is what will be reported
                }
            }
        }, "in-process frontend");
        frontend.start();
        PMChildFlags flags = env.shmem().pmChildFlags();
        flags.markAssigned(slot);
        QuickDie quickDie = new QuickDie(flags::quitReason);
        ChildAssignment assignment = new ChildAssignment(BackendType.BACKEND, slot,
                ChildAssignment.CanAcceptConnections.OK, System.currentTimeMillis() * 1000);
        boolean clean = BackendMain.run(env, assignment, pair[1], quickDie, true);
        try {
            frontend.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        Libc.close(pair[0]);
        if (failed[0] != null) throw failed[0];
        if (!clean || !env.procExit().releaseAll()) throw new IOException("the in-process session did not end cleanly");
        flags.release(slot);
    }
}
