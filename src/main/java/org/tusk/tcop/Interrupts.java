package org.tusk.tcop;

import org.tusk.port.Libc;
import org.tusk.port.Signals;
import org.tusk.storage.ipc.Latch;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;


/**
 * Pending interrupts of one backend (PostgreSQL's InterruptPending, QueryCancelPending,
 * ProcDiePending and ProcessInterrupts in postgres.c).
 *
 * <p>Signal handlers (each on its own JVM thread) only set a flag here, write the wake-up
 * eventfd (which interrupts a poll on the client socket) and set the process latch (which
 * interrupts a latch sleep such as pg_sleep). The main thread acts on the flags at
 * {@link #check()} — PostgreSQL's CHECK_FOR_INTERRUPTS — called between rows, in every wait and
 * whenever a client read is interrupted.
 *
 * <pre>
 *   SIGINT   cancel the running query: ERROR 57014
 *   SIGTERM  terminate the session:     FATAL 57P01
 *   SIGUSR1  wake up (PostgreSQL's procsignal): the reason is in the PGPROC, e.g. INTERRUPT_NOTIFY
 *            for a NOTIFY to read (taken by NotifyInterrupt when the backend is idle)
 *   SIGHUP   re-read the configuration file at the next idle point
 * </pre>
 * SIGQUICKDIE is not an interrupt: its handler ends the process at once (see {@code QuickDie}).
 */
public final class Interrupts {
    private volatile boolean queryCancelPending;
    /** The pending cancel came from statement_timeout, not from a client (changes the message). */
    private volatile boolean statementTimeoutPending;
    private volatile boolean procDiePending;
    private volatile boolean configReloadPending;
    /** While positive, cancel and die wait (PostgreSQL's HOLD_INTERRUPTS, e.g. while sending an error). */
    private int holdoffCount;
    private final int wakeFd = Libc.eventfd(Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
    private volatile Latch latch;

    /** Installs the handlers; call once, early in the process. */
    public void install() {
        Signals.handle(Signals.SIGINT, s -> { queryCancelPending = true; wake(); });
        Signals.handle(Signals.SIGTERM, s -> { procDiePending = true; wake(); });
        Signals.handle(Signals.SIGUSR1, s -> wake());
        Signals.handle(Signals.SIGHUP, s -> { configReloadPending = true; wake(); });
        Signals.ignore(Signals.SIGPIPE);
    }

    /** From now on also set this latch (our PGPROC's) on every interrupt. */
    public void attachLatch(Latch l) {
        this.latch = l;
    }

    private void wake() {
        Libc.eventfdSignal(wakeFd);
        Latch l = latch;
        if (l != null) l.set();
    }

    public int wakeFd() {
        return wakeFd;
    }

    public boolean pending() {
        return queryCancelPending || procDiePending;
    }

    public boolean takeConfigReload() {
        boolean r = configReloadPending;
        configReloadPending = false;
        return r;
    }

    public void hold() {
        holdoffCount++;
    }

    public void resume() {
        holdoffCount--;
    }

    /** statement_timeout expired: cancel the running statement, saying why. */
    public void requestStatementTimeout() {
        statementTimeoutPending = true;
        queryCancelPending = true;
        wake();
    }

    /**
     * CHECK_FOR_INTERRUPTS: throws the error that a pending signal asks for. Die wins over cancel,
     * as in PostgreSQL.
     */
    public void check() {
        if (holdoffCount > 0) return;
        if (procDiePending) {
            procDiePending = false;
            queryCancelPending = false;
            throw new PgException(Severity.FATAL, SqlState.ADMIN_SHUTDOWN, autovacuumWorker
                    ? "terminating autovacuum process due to administrator command"
                    : "terminating connection due to administrator command", null, null, 0);
        }
        if (queryCancelPending) {
            queryCancelPending = false;
            boolean timeout = statementTimeoutPending;
            statementTimeoutPending = false;
            throw PgException.error(SqlState.QUERY_CANCELED, timeout ? "canceling statement due to statement timeout"
                    : autovacuumWorker ? "canceling autovacuum task" : "canceling statement due to user request");
        }
    }

    /** ProcessInterrupts' IsAutoVacuumWorkerProcess() wording: set once by an autovacuum worker. */
    private boolean autovacuumWorker;

    void setAutovacuumWorker() {
        autovacuumWorker = true;
    }

    /**
     * While blocked sending to a client that does not read, only "die" is acted on; a cancel
     * stays pending for the next {@link #check()} (PostgreSQL's ProcessClientWriteInterrupt).
     */
    public void checkDieOnly() {
        if (holdoffCount > 0 || !procDiePending) return;
        boolean cancel = queryCancelPending;
        try {
            check();
        } finally {
            queryCancelPending = cancel;
        }
    }

    /**
     * While waiting for the client's next command, only "die" matters; a cancel that arrives
     * when no query runs is dropped (PostgreSQL's ProcessClientReadInterrupt).
     */
    public void checkWhileIdle() {
        queryCancelPending = false;
        statementTimeoutPending = false;
        check();
    }
}
