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
 * <li>When the statistics flush before ReadyForQuery left counts pending (it runs at most once a
 *     second), they are flushed when the wait it asked for has passed (IDLE_STATS_UPDATE_TIMEOUT).</li>
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
        return readMessageType(comm, timeoutMs, inTransaction, 0, null);
    }

    /**
     * As {@link #readMessageType(PqComm, int, boolean)}, and {@code statsFlush} (pgstat_report_stat
     * with force, returning the milliseconds until it wants to run again, 0 for never) runs once
     * {@code statsWaitMs} (0: none) have passed without a message.
     */
    int readMessageType(PqComm comm, int timeoutMs, boolean inTransaction, long statsWaitMs,
                        java.util.function.LongSupplier statsFlush) {
        try {
            if (comm.hasBufferedInput()) return comm.readByte(-1);
            trim.busy();
            long start = System.currentTimeMillis();
            long statsDue = statsWaitMs > 0 && statsFlush != null ? start + statsWaitMs : 0;
            while (true) {
                long now = System.currentTimeMillis();
                long wait = trim.millisUntilDue(now);
                if (timeoutMs > 0) wait = Math.min(wait, Math.max(0, start + timeoutMs - now));
                if (statsDue > 0) wait = Math.min(wait, Math.max(0, statsDue - now));
                try {
                    return comm.readByte(wait == Long.MAX_VALUE ? -1 : wait);
                } catch (PqComm.TimeoutException e) {
                    now = System.currentTimeMillis();
                    if (timeoutMs > 0 && now - start >= timeoutMs) throw timedOut(inTransaction);
                    if (statsDue > 0 && now >= statsDue) {
                        long next = statsFlush.getAsLong();
                        statsDue = next > 0 ? now + next : 0;
                    }
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
