package org.tusk.tcop;

import org.tusk.libpq.PqComm;
import org.tusk.port.NativeHeap;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Waiting for the client's next command once ReadyForQuery has gone out: the part of
 * postgres.c's main loop that arms the idle timeouts around ReadCommand.
 *
 * <ul>
 * <li>{@code idle_in_transaction_session_timeout} while a transaction block is open (or failed),
 *     {@code idle_session_timeout} outside one: when it runs out the session ends with
 *     PostgreSQL's FATAL (25P03 "terminating connection due to idle-in-transaction timeout",
 *     57P05 "terminating connection due to idle-session timeout"). 0 turns either off.</li>
 * <li>Once the session has been idle for {@link NativeHeap#SETTLE_MILLIS}, the process gives its
 *     free C-heap memory back to the kernel (see NativeHeap for why a JVM has some).</li>
 * </ul>
 * The waits are the poll() timeouts of the socket read, which the process's latch can also end
 * (terminate, cancel); no timer thread is involved. A command already buffered (pipelined) is read
 * at once, as PostgreSQL reads it without arming anything.
 */
final class ClientIdleWait {
    private final NativeHeap.IdleTrim trim = new NativeHeap.IdleTrim();

    /** The first byte of the client's next message; -1 at a clean end of the connection. */
    int readMessageType(PqComm comm, int timeoutMs, boolean inTransaction) {
        try {
            if (comm.hasBufferedInput()) return comm.readByte(-1);
            trim.busy();
            long start = System.currentTimeMillis();
            while (true) {
                long now = System.currentTimeMillis();
                long wait = trim.millisUntilDue(now);
                if (timeoutMs > 0) wait = Math.min(wait, Math.max(0, start + timeoutMs - now));
                try {
                    return comm.readByte(wait == Long.MAX_VALUE ? -1 : wait);
                } catch (PqComm.TimeoutException e) {
                    now = System.currentTimeMillis();
                    if (timeoutMs > 0 && now - start >= timeoutMs) throw timedOut(inTransaction);
                    trim.afterWait(now);
                }
            }
        } catch (PqComm.ClientGone e) {
            return -1;
        }
    }

    private static PgException timedOut(boolean inTransaction) {
        return inTransaction
                ? PgException.fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                        "terminating connection due to idle-in-transaction timeout")
                : PgException.fatal(SqlState.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout");
    }
}
