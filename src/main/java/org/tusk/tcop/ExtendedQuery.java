package org.tusk.tcop;

import org.tusk.libpq.PqFormat;
import org.tusk.nodes.RawStmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol (PostgreSQL's exec_parse_message, exec_bind_message,
 * exec_execute_message, exec_describe_*_message and the Close message): prepared statements
 * and portals, named or unnamed, kept for the session (or, for the unnamed ones, until replaced).
 *
 * <p>Parameters: Parse analyses the statement at once, so that the types of $1..$n that the
 * client left open (0) are inferred from context, as PostgreSQL's variable parameters are; Bind
 * converts each value from its text or binary form with its type's input function and plans the
 * statement with them.
 */
final class ExtendedQuery {
    private final BackendContext ctx;
    private final QueryRunner runner;
    private final Map<String, QueryRunner.PortalRun> portals = new HashMap<>();
    private boolean inMessage;

    ExtendedQuery(BackendContext ctx, QueryRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
    }

    /** True while an extended-protocol message is being processed (an error then skips to Sync). */
    boolean inExtendedMessage() {
        return inMessage;
    }

    void endMessage() {
        inMessage = false;
    }

    /**
     * SocketBackend's doing_extended_query_message, set as the message of type {@code type} is
     * read: from then on an error, also an interrupt (a cancel) raised before the message is
     * processed, belongs to that message, so that an extended-protocol message's error skips to
     * Sync. Sync, a simple Query and the rest are not extended messages.
     */
    void messageRead(int type) {
        inMessage = switch (type) {
            case 'P', 'B', 'E', 'D', 'C', 'H' -> true;
            default -> false;
        };
    }

    void parse(PqFormat.Reader r) {
        inMessage = true;
        String name = r.string();
        String query = r.string();
        int n = r.int16();
        int[] types = new int[Math.max(0, n)];
        for (int i = 0; i < types.length; i++) types[i] = r.int32();
        r.end();
        runner.statementStart(query);
        if (!name.isEmpty() && runner.preparedQueries.exists(name)) {
            throw PgException.error("42P05", "prepared statement \"" + name + "\" already exists");
        }
        List<RawStmt> stmts = org.tusk.tcop.Engine.parse(query, ctx.scanSettings);
        if (stmts.size() > 1) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        List<Integer> resolved = new ArrayList<>();
        for (int t : types) resolved.add(t);
        runner.startTransactionCommand();
        RawStmt raw = stmts.isEmpty() ? null : stmts.get(0);
        PreparedStatement ps = raw == null ? null : runner.prepare(raw, query, resolved, null);
        runner.preparedQueries.store(new PreparedQueries.Entry(name, query, raw, List.copyOf(resolved), false,
                PostgresMain.nowMicros(), ps == null ? null : PreparedQueries.resultTypes(ps)));
        ctx.messages.parseComplete();
        inMessage = false;
    }

    void bind(PqFormat.Reader r) {
        inMessage = true;
        String portalName = r.string();
        String stmtName = r.string();
        int nFormats = r.int16();
        int[] paramFormats = new int[Math.max(0, nFormats)];
        for (int i = 0; i < paramFormats.length; i++) paramFormats[i] = r.int16();
        int nParams = r.int16();
        byte[][] values = new byte[Math.max(0, nParams)][];
        for (int i = 0; i < values.length; i++) {
            int len = r.int32();
            values[i] = len < 0 ? null : r.bytes(len);
        }
        int nResult = r.int16();
        int[] resultFormats = new int[Math.max(0, nResult)];
        for (int i = 0; i < resultFormats.length; i++) resultFormats[i] = r.int16();
        r.end();
        PreparedQueries.Entry src = runner.preparedQueries.fetch(stmtName);
        if (nParams != src.paramTypes().size()) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + nParams
                    + " parameters, but prepared statement \"" + stmtName + "\" requires " + src.paramTypes().size());
        }
        if (paramFormats.length > 1 && paramFormats.length != nParams) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message has " + paramFormats.length
                    + " parameter formats but " + nParams + " parameters");
        }
        String[] texts = new String[nParams];
        for (int i = 0; i < nParams; i++) {
            texts[i] = ParamDecoder.toText(src.paramTypes().get(i), DestRemote.formatOf(paramFormats, i, nParams), values[i], i + 1);
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw PgException.error("42P03", "cursor \"" + portalName + "\" already exists");
        }
        runner.startTransactionCommand();
        PreparedStatement ps = src.raw() == null ? null : runner.prepareFromSource(src, texts);
        QueryRunner.PortalRun portal = ps == null ? null : runner.new PortalRun(src.raw(), src.query(), ps, resultFormats);
        portals.put(portalName, portal);
        ctx.messages.bindComplete();
        inMessage = false;
    }

    void execute(PqFormat.Reader r) {
        inMessage = true;
        String portalName = r.string();
        int maxRows = r.int32();
        r.end();
        if (!portals.containsKey(portalName)) throw noPortal(portalName);
        QueryRunner.PortalRun portal = portals.get(portalName);
        if (portal == null) {
            ctx.messages.emptyQueryResponse();
        } else {
            runner.statementStart(portal.query);
            boolean[] finished = new boolean[1];
            runner.withStatementTimeout(() -> finished[0] = portal.run(ctx.messages, Math.max(0, maxRows), false));
            if (finished[0] && portalName.isEmpty()) portals.remove(portalName);
        }
        inMessage = false;
    }

    void describe(PqFormat.Reader r) {
        inMessage = true;
        int kind = r.int8();
        String name = r.string();
        r.end();
        if (kind == 'S') {
            PreparedQueries.Entry src = runner.preparedQueries.fetch(name);
            ctx.messages.parameterDescription(src.paramTypeArray());
            if (src.raw() == null) {
                ctx.messages.noData();
            } else {
                runner.startTransactionCommand();
                PreparedStatement ps = runner.prepare(src.raw(), src.query(), new ArrayList<>(src.paramTypes()), null);
                if (ps.columns() == null) ctx.messages.noData();
                else ctx.messages.rowDescription(DestRemote.columns(ps.columns(), null));
            }
        } else if (kind == 'P') {
            if (!portals.containsKey(name)) throw noPortal(name);
            QueryRunner.PortalRun p = portals.get(name);
            var cols = p == null ? null : p.describe();
            if (cols == null) ctx.messages.noData(); else ctx.messages.rowDescription(cols);
        } else {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
        }
        inMessage = false;
    }

    void close(PqFormat.Reader r) {
        inMessage = true;
        int kind = r.int8();
        String name = r.string();
        r.end();
        if (kind == 'S') runner.preparedQueries.drop(name, false);
        else if (kind == 'P') portals.remove(name);
        else throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
        ctx.messages.closeComplete();
        inMessage = false;
    }

    private static PgException noPortal(String name) {
        return PgException.error("34000", name.isEmpty() ? "unnamed portal does not exist"
                : "portal \"" + name + "\" does not exist");
    }
}
