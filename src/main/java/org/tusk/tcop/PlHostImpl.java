package org.tusk.tcop;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecEnvironment;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.pl.plpgsql.PlHost;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.Severity;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.SessionServices;

/**
 * The backend's side of PL/pgSQL (the parts of SPI and xact.c pl_exec.c calls): statement
 * environments from the session's storage, utility statements through the same path a client's
 * take, internal subtransactions for EXCEPTION blocks (BeginInternalSubTransaction with its GUC
 * nest level), and RAISE's messages sent at once when client_min_messages lets them through.
 */
final class PlHostImpl implements PlHost {
    private final BackendContext ctx;
    private final BackendSession session;
    private final RelationProvider relations;
    /** The GUC nest level each open internal subtransaction started. */
    private final Deque<Integer> gucLevels = new ArrayDeque<>();

    PlHostImpl(BackendContext ctx, BackendSession session, RelationProvider relations) {
        this.ctx = ctx;
        this.session = session;
        this.relations = relations;
    }

    @Override public RelationProvider relations() { return relations; }

    @Override public SessionServices session() { return session; }

    @Override public long generation() { return ctx.storage == null ? 0 : ctx.storage.relcache.namesGeneration(); }

    @Override
    public ExecEnvironment statementEnvironment() {
        if (ctx.storage == null) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "PL/pgSQL needs a database session");
        return ctx.storage.statementEnvironment();
    }

    @Override
    public UtilityRows runUtility(RawStmt raw, String text, ExecEnvironment env) {
        Stmt s = raw.stmt();
        if (s instanceof Stmt.TransactionStmt) {
            throw PgException.error("0A000", "unsupported transaction command in PL/pgSQL");
        }
        PreparedStatement ps = Engine.prepare(raw, text, relations, session, null, null, env);
        Iterator<String[]> it;
        try {
            it = ps.execute();
        } catch (PgException e) {
            // what the statement reported before failing is sent first (ereport sends at once)
            for (String w : ps.warnings()) report(new PgException(Severity.WARNING, "01000", w, null, null, 0));
            for (String n : ps.notices()) report(new PgException(Severity.NOTICE, "00000", n, null, null, 0));
            throw e;
        }
        // the utility statements that return rows (EXPLAIN, SHOW) return text, whose values are
        // their output strings; a FOR loop or RETURN QUERY over them reads those rows
        List<ResultColumn> cols = ps.columns();
        boolean textRows = cols != null && !cols.isEmpty()
                && cols.stream().allMatch(c -> c.typeOid() == org.tusk.catalog.TypeOids.TEXT);
        List<Object[]> rows = new java.util.ArrayList<>();
        while (it.hasNext()) {
            String[] row = it.next();
            if (textRows) rows.add(java.util.Arrays.copyOf(row, row.length, Object[].class));
        }
        for (String w : ps.warnings()) report(new PgException(Severity.WARNING, "01000", w, null, null, 0));
        for (String n : ps.notices()) report(new PgException(Severity.NOTICE, "00000", n, null, null, 0));
        if (!textRows) return null;
        List<String> names = new java.util.ArrayList<>();
        List<Integer> types = new java.util.ArrayList<>();
        for (ResultColumn c : cols) {
            names.add(c.name());
            types.add(c.typeOid());
        }
        return new UtilityRows(List.copyOf(names), List.copyOf(types), List.copyOf(rows));
    }

    @Override
    public void beginSubTransaction() {
        ctx.transaction.beginSubTransaction(null);
        gucLevels.push(ctx.env.gucs().newNestLevel());
    }

    @Override
    public void releaseSubTransaction() {
        ctx.transaction.commitSubTransaction();
        ctx.env.gucs().atEndOfNestLevel(true, gucLevels.pop());
    }

    @Override
    public void rollbackSubTransaction() {
        if (ctx.storage != null) ctx.storage.buffers.releaseAll();
        ctx.transaction.abortSubTransaction();
        ctx.env.gucs().atEndOfNestLevel(false, gucLevels.pop());
    }

    /** client_min_messages' order (elog.h): a message goes to the client at or above the setting. */
    private static final List<String> LEVELS = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice",
            "warning", "error");

    @Override
    public void report(PgException message) {
        String min = ctx.env.gucs().getEnum("client_min_messages").toLowerCase(Locale.ROOT);
        String level = switch (message.severity()) {
            case DEBUG -> "debug1";
            case LOG -> "log";
            case INFO -> "error";   // INFO always reaches the client
            case NOTICE -> "notice";
            default -> "warning";
        };
        if (LEVELS.indexOf(level) < LEVELS.indexOf(min)) return;
        ctx.messages.report(message);
    }
}
