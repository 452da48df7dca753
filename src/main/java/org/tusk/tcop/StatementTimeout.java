package org.tusk.tcop;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * statement_timeout (PostgreSQL's enable_statement_timeout / disable_statement_timeout over its
 * timeout.c SIGALRM machinery): armed when a statement starts, disarmed when it ends; if it
 * fires, the statement is cancelled through the same interrupt path as a client's cancel.
 * The timer thread is created on first use, so sessions that never set a timeout pay nothing.
 */
final class StatementTimeout {
    private final Interrupts interrupts;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> armed;

    StatementTimeout(Interrupts interrupts) {
        this.interrupts = interrupts;
    }

    void arm(int timeoutMs) {
        disarm();
        if (timeoutMs <= 0) return;
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "statement_timeout");
                t.setDaemon(true);
                return t;
            });
        }
        armed = timer.schedule(interrupts::requestStatementTimeout, timeoutMs, TimeUnit.MILLISECONDS);
    }

    void disarm() {
        if (armed != null) {
            armed.cancel(false);
            armed = null;
        }
    }
}
