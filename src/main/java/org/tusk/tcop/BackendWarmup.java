package org.tusk.tcop;

import org.tusk.libpq.BackendMessages;
import org.tusk.libpq.PqComm;
import org.tusk.port.Libc;
import org.tusk.port.Sockets;
import org.tusk.utils.error.PgException;
import org.tusk.utils.init.ChildEnvironment;

/**
 * What a spare does before it reports ready, so that the first client does not pay for it: the
 * first call of each native binding and the first use of each class cost milliseconds in a
 * fresh JVM. It runs the hand-off path once on a private socketpair (SCM_RIGHTS, recvmsg, poll,
 * read and write through {@link PqComm}) and parses a statement, touching no shared state.
 */
final class BackendWarmup {
    private BackendWarmup() {}

    static void run(ChildEnvironment env) {
        int[] pair = Sockets.socketPair();
        int[] carried = Sockets.socketPair();
        try {
            Sockets.sendWithFd(pair[0], new byte[] {1, 2, 3, 4}, carried[0]);
            Sockets.Received r = Sockets.receiveWithFd(pair[1], 64);
            Libc.close(r.fd());
            Sockets.peer(carried[1]);
            PqComm comm = new PqComm(pair[0], -1);
            BackendMessages out = new BackendMessages(comm);
            out.parameterStatus("server_version", env.gucs().show("server_version"));
            out.readyForQuery('I');
            out.flush();
            PqComm in = new PqComm(pair[1], -1);
            in.readBytes(5, 1000);
            in.readInt32(1000);
            Engine.parse("SELECT pg_backend_pid(), 1 + 2 AS x FROM pg_stat_activity WHERE state = 'active' ORDER BY 1 LIMIT 1");
        } catch (RuntimeException e) {
            // A failed warm-up costs only speed; the real session reports real errors.
            if (e instanceof PgException) env.log().report((PgException) e);
        } finally {
            Libc.close(pair[0]);
            Libc.close(pair[1]);
            Libc.close(carried[0]);
            Libc.close(carried[1]);
        }
    }
}
