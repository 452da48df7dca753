package org.tusk.tcop;

import org.tusk.libpq.PqFormat;
import org.tusk.nodes.RawStmt;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol (PostgreSQL's exec_parse_message, exec_bind_message,
 * exec_execute_message, exec_describe_*_message and the Close message): prepared statements
 * and portals, named or unnamed, kept for the session (or, for the unnamed ones, until replaced).
 *
 * <p>Parameters ($1...) in prepared statements are refused for now with 0A000: the SQL engine does
 * not yet resolve parameter references.
 */
final class ExtendedQuery {
    /** What Parse stored. {@code raw} is null for an empty query string. */
    private record PreparedSource(String query, RawStmt raw, int[] paramTypes) {}

    private final BackendContext ctx;
    private final QueryRunner runner;
    private final Map<String, PreparedSource> statements = new HashMap<>();
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

    void parse(PqFormat.Reader r) {
        inMessage = true;
        String name = r.string();
        String query = r.string();
        int n = r.int16();
        int[] types = new int[Math.max(0, n)];
        for (int i = 0; i < types.length; i++) types[i] = r.int32();
        r.end();
        runner.statementStart(query);
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw PgException.error("42P05", "prepared statement \"" + name + "\" already exists");
        }
        List<RawStmt> stmts = org.tusk.tcop.Engine.parse(query);
        if (stmts.size() > 1) {
            throw PgException.error(SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        if (types.length > 0 && !stmts.isEmpty()) {
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "parameters in prepared statements are not supported yet");
        }
        runner.startTransactionCommand();
        statements.put(name, new PreparedSource(query, stmts.isEmpty() ? null : stmts.get(0), types));
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
        for (int i = 0; i < nParams; i++) {
            int len = r.int32();
            if (len > 0) r.bytes(len);
        }
        int nResult = r.int16();
        int[] resultFormats = new int[Math.max(0, nResult)];
        for (int i = 0; i < resultFormats.length; i++) resultFormats[i] = r.int16();
        r.end();
        PreparedSource src = statement(stmtName);
        if (nParams != 0) {
            throw PgException.error(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + nParams
                    + " parameters, but prepared statement \"" + stmtName + "\" requires 0");
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw PgException.error("42P03", "cursor \"" + portalName + "\" already exists");
        }
        runner.startTransactionCommand();
        QueryRunner.PortalRun portal = src.raw() == null ? null
                : runner.new PortalRun(src.raw(), src.query(), runner.prepare(src.raw(), src.query()), resultFormats);
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
            boolean finished = portal.run(ctx.messages, Math.max(0, maxRows), false);
            if (finished && portalName.isEmpty()) portals.remove(portalName);
        }
        inMessage = false;
    }

    void describe(PqFormat.Reader r) {
        inMessage = true;
        int kind = r.int8();
        String name = r.string();
        r.end();
        if (kind == 'S') {
            PreparedSource src = statement(name);
            ctx.messages.parameterDescription(src.paramTypes());
            if (src.raw() == null) {
                ctx.messages.noData();
            } else {
                runner.startTransactionCommand();
                PreparedStatement ps = runner.prepare(src.raw(), src.query());
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
        if (kind == 'S') statements.remove(name);
        else if (kind == 'P') portals.remove(name);
        else throw PgException.error(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
        ctx.messages.closeComplete();
        inMessage = false;
    }

    private PreparedSource statement(String name) {
        PreparedSource s = statements.get(name);
        if (s == null) {
            throw PgException.error("26000", name.isEmpty() ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return s;
    }

    private static PgException noPortal(String name) {
        return PgException.error("34000", name.isEmpty() ? "unnamed portal does not exist"
                : "portal \"" + name + "\" does not exist");
    }
}
