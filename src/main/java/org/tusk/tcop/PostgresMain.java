package org.tusk.tcop;

import org.tusk.libpq.PqComm;
import org.tusk.libpq.PqFormat;
import org.tusk.utils.activity.BackendStatusArray.State;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;

import java.time.Instant;
import java.util.Map;

/**
 * The session loop of a client backend (PostgreSQL's PostgresMain in postgres.c): read a
 * message, act on it, report, repeat until the client leaves.
 *
 * <p>Error handling follows PostgreSQL's: an ERROR aborts the current statement (and the
 * transaction block, which then accepts only ROLLBACK), is sent to the client, and the loop goes
 * on; in the extended protocol every message up to the next Sync is then skipped. A FATAL error
 * is sent, logged, and ends the process through ProcExit, releasing everything it holds in shared
 * memory. Before waiting for the client the backend reports "idle" (or "idle in transaction") in
 * its status entry and sends ReadyForQuery; the wait for the next command is then under the idle
 * timeouts (ClientIdleWait).
 */
final class PostgresMain {
    /** PostgreSQL's PQ_LARGE_MESSAGE_LIMIT and PQ_SMALL_MESSAGE_LIMIT. */
    private static final int LARGE_MESSAGE_LIMIT = 0x3fffffff, SMALL_MESSAGE_LIMIT = 10000;

    private final BackendContext ctx;
    private final BackendSession session;
    private final QueryRunner runner;
    private final ExtendedQuery extended;
    private boolean sendReadyForQuery = true;
    /** What the statistics flush before the last ReadyForQuery asked: milliseconds until it wants to run again (0: never). */
    private long statsWaitMs;
    private boolean ignoreTillSync;
    /** ReadyForQuery went out and no message has been read since: the idle timeouts apply. */
    private boolean idle;
    private final ClientIdleWait idleWait = new ClientIdleWait();
    private final NotifyInterrupt notifyInterrupt;

    PostgresMain(BackendContext ctx) {
        this.ctx = ctx;
        this.session = new BackendSession(ctx);
        this.runner = new QueryRunner(ctx, session);
        session.multiStatementQuery(runner::inMultiStatementQuery);
        if (ctx.storage != null) {
            runner.setEnvironments(ctx.storage::statementEnvironment);
            ctx.storage.catalog.partitions().setSupportFunctionCaller(this::callFunction);
        }
        this.extended = new ExtendedQuery(ctx, runner);
        this.notifyInterrupt = new NotifyInterrupt(ctx);
    }

    /**
     * OidFunctionCallN for the catalog's partition support functions (partsupfunc): the function
     * runs in this session under the current statement's snapshot, as any call of it would.
     */
    private Object callFunction(int procOid, Object[] args) {
        org.tusk.executor.ExecContext c = org.tusk.executor.ExecContext.of(session, ctx.storage.statementEnvironment());
        org.tusk.catalog.PgProc proc = org.tusk.catalog.BuiltinCatalog.functionByOid(procOid);
        if (proc == null) proc = c.catalog().functions().byOid(procOid).asProc();
        return proc.impl().invoke(c, args);
    }

    /**
     * Runs the session. Returns (instead of exiting) only when the client ended it cleanly and this
     * process may serve another session ({@code backend_reuse}); the caller then resets it.
     */
    boolean run() {
        PqComm comm = ctx.port.comm();
        try {
            loop(comm);
        } catch (SessionEnd end) {
            return true;
        }
        return false;
    }

    /** Thrown by {@link #terminate()} to leave the loop when the process will be reused. */
    private static final class SessionEnd extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SessionEnd() {
            super(null, null, false, false);
        }
    }

    private void loop(PqComm comm) {
        while (true) {
            try {
                if (sendReadyForQuery) {
                    // Notifications that arrived during the transaction (or our own) reach the
                    // client before ReadyForQuery (ProcessNotifyInterrupt(false) when idle).
                    if (ctx.xact.status() == 'I') notifyInterrupt.process();
                    ctx.status.reportActivity(ctx.xact.aborted() ? State.IDLE_IN_TRANSACTION_ABORTED
                            : ctx.xact.inBlock() ? State.IDLE_IN_TRANSACTION : State.IDLE, null, nowMicros());
                    reportChangedParameters();
                    // pgstat_report_stat(false) outside a transaction, before ReadyForQuery as
                    // PostgreSQL's, so that the client's next query (any session's) sees the counts
                    statsWaitMs = ctx.xact.status() == 'I' && ctx.storage != null ? ctx.storage.reportStat(false) : 0;
                    ctx.messages.readyForQuery(ctx.xact.status());
                    // As PostgreSQL's ReadyForQuery: the reply goes out now, even if the client has
                    // already pipelined its next query. Between other messages output stays buffered
                    // (the extended protocol's replies go out at Sync or Flush), and PqComm sends
                    // whatever is buffered before it waits for input: one send() per Sync, not one
                    // per message (pgbench -M prepared made four per select-only transaction).
                    ctx.messages.flush();
                    sendReadyForQuery = false;
                    idle = true;
                }
                if (ctx.interrupts.takeConfigReload()) {
                    org.tusk.utils.init.ServerConfig.reload(ctx.env.gucs(), ctx.env.dataDir(), ctx.env.log());
                }
                int type = idle ? readIdle(comm) : readMessageType(comm);
                idle = false;
                if (type < 0) terminate();
                byte[] body = readMessageBody(comm, type);
                extended.messageRead(type);
                // SocketBackend: a Sync stops the skipping as it is read, so that an interrupt
                // raised before it is processed still ends in ReadyForQuery
                if (type == 'S') ignoreTillSync = false;
                ctx.interrupts.check();
                if (ignoreTillSync && type != 'S') continue;
                dispatch(type, body);
            } catch (PgException e) {
                if (e.severity().ordinal() >= Severity.FATAL.ordinal()) BackendMain.fatal(ctx, e);
                reportError(e);
            } catch (PqComm.ClientGone e) {
                terminate();
            } catch (SessionEnd | org.tusk.libpq.ClientDisconnectedException | PqComm.TimeoutException e) {
                throw e;   // how a session ends, not an error of its statement
            } catch (StackOverflowError e) {
                // check_stack_depth: a deeply nested expression or query is this client's error only
                reportError(org.tusk.utils.error.StackDepth.exceeded());
            } catch (RuntimeException e) {
                // A bug, not bad input; PostgreSQL's elog(ERROR) path would still end only this
                // statement. Shared resources are given back by try/finally blocks and the abort,
                // as for any ERROR; the stack trace goes to the server log.
                ctx.env.log().report(Severity.LOG, SqlState.INTERNAL_ERROR, "unexpected exception: " + stackTrace(e), null, null);
                reportError(new PgException(Severity.ERROR, SqlState.INTERNAL_ERROR, String.valueOf(e), null, null, 0));
            }
        }
    }

    private void dispatch(int type, byte[] body) {
        PqFormat.Reader r = new PqFormat.Reader(body);
        switch (type) {
            case 'Q' -> {
                String query = r.string();
                r.end();
                runner.execSimpleQuery(query);
                sendReadyForQuery = true;
            }
            case 'P' -> extended.parse(r);
            case 'B' -> extended.bind(r);
            case 'E' -> extended.execute(r);
            case 'D' -> extended.describe(r);
            case 'C' -> extended.close(r);
            case 'H' -> ctx.messages.flush();
            case 'S' -> {
                r.end();
                ignoreTillSync = false;
                runner.finishImplicitTransaction();
                sendReadyForQuery = true;
            }
            case 'X' -> terminate();
            case 'F' -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "fastpath function calls are not supported");
            case 'd', 'c', 'f' -> {
                // Copy messages outside COPY are ignored, as PostgreSQL does.
            }
            default -> throw new PgException(Severity.FATAL, SqlState.PROTOCOL_VIOLATION,
                    "invalid frontend message type " + type, null, null, 0);
        }
    }

    /** Reads the next command's type byte after ReadyForQuery, under the idle timeouts. */
    private int readIdle(PqComm comm) {
        boolean inTransaction = ctx.xact.status() != 'I';
        int timeoutMs = ctx.env.gucs().getInt(inTransaction ? "idle_in_transaction_session_timeout" : "idle_session_timeout");
        // An idle backend outside a transaction delivers notifications as soon as it is signalled.
        ctx.clientReadInterrupt = inTransaction ? null : notifyInterrupt::processAndFlush;
        try {
            // the IDLE_STATS_UPDATE_TIMEOUT that the flush before ReadyForQuery asked for when it
            // left counts pending
            SessionStorage storage = ctx.storage;
            long statsWait = inTransaction ? 0 : statsWaitMs;
            statsWaitMs = 0;
            return idleWait.readMessageType(comm, timeoutMs, inTransaction, statsWait,
                    storage == null ? null : () -> storage.reportStat(true));
        } finally {
            ctx.clientReadInterrupt = null;
        }
    }

    /** Reads the type byte; -1 at a clean EOF. */
    private int readMessageType(PqComm comm) {
        try {
            return comm.readByte(-1);
        } catch (PqComm.ClientGone e) {
            return -1;
        }
    }

    private byte[] readMessageBody(PqComm comm, int type) {
        int len = comm.readInt32(-1);
        int limit = switch (type) {
            case 'Q', 'P', 'B', 'F', 'd' -> LARGE_MESSAGE_LIMIT;
            default -> SMALL_MESSAGE_LIMIT;
        };
        if (len < 4 || len > limit) {
            ctx.env.log().report(Severity.LOG, SqlState.PROTOCOL_VIOLATION, "invalid message length", null, null);
            terminate();
        }
        return comm.readBytes(len - 4, -1);
    }

    /** An ERROR: tell the client, abort what it aborts, and carry on. */
    private void reportError(PgException e) {
        e = org.tusk.utils.error.StackDepth.withHint(e, ctx.env.gucs().getInt("max_stack_depth"));
        ctx.messages.report(e);
        // Logged with the statement, as PostgreSQL does with log_min_error_statement = error.
        ctx.env.log().report(e, runner.currentQuery());
        runner.abortCurrentTransaction();
        if (extended.inExtendedMessage()) ignoreTillSync = true;
        extended.endMessage();
        sendReadyForQuery = !ignoreTillSync;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private void reportChangedParameters() {
        Map<String, String> changed = ctx.env.gucs().takeChangedReportedValues();
        for (Map.Entry<String, String> e : changed.entrySet()) ctx.messages.parameterStatus(e.getKey(), e.getValue());
        if (changed.containsKey("application_name")) ctx.status.reportAppName(changed.get("application_name"));
    }

    /**
     * Client said goodbye or vanished: exit cleanly, releasing shared resources, or with
     * {@code backend_reuse}, leave the loop so that the process can be reset and reused.
     */
    private void terminate() {
        // decided before the temporary objects' transaction, which ends any open block first
        boolean reusable = BackendReuse.mayReuse(ctx);
        runner.removeTempObjectsAtSessionEnd();
        if (ctx.env.gucs().getBool("log_disconnections")) {
            long us = System.currentTimeMillis() * 1000 - ctx.backendStartMicros;
            ctx.env.log().log(String.format("disconnection: session time: %d:%02d:%02d.%03d user=%s database=%s host=%s",
                    us / 3_600_000_000L, us / 60_000_000 % 60, us / 1_000_000 % 60, us / 1000 % 1000,
                    ctx.role().name(), ctx.database.name(), ctx.port.remoteHostForMessages()));
        }
        if (reusable) throw new SessionEnd();
        ctx.env.procExit().exit(0);
    }

    static long nowMicros() {
        Instant n = Instant.now();
        return n.getEpochSecond() * 1_000_000 + n.getNano() / 1000;
    }
}
