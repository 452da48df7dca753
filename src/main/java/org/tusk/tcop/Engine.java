package org.tusk.tcop;

import java.util.List;

import org.tusk.catalog.RelationProvider;
import org.tusk.executor.ExecContext;
import org.tusk.nodes.PlannedStmt;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.optimizer.Planner;
import org.tusk.parser.Analyzer;
import org.tusk.parser.Parser;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.SessionServices;

/**
 * The SQL engine's entry points, in the role of PostgreSQL's postgres.c exec_simple_query():
 * {@link #parse} is pg_parse_query (the whole string, all statements); {@link #prepare} is
 * pg_analyze_and_rewrite + pg_plan_queries for one statement. As in PostgreSQL, callers should
 * prepare each statement only after executing the previous one, since analysis depends on
 * session state (e.g. a SET TIME ZONE earlier in the same string).
 */
public final class Engine {
    private Engine() {}

    /** Splits and parses a query string; syntax errors anywhere fail the whole string. */
    public static List<RawStmt> parse(String queryString) {
        return Parser.parse(queryString);
    }

    /** Analyses and plans one statement of {@code queryString}. */
    public static PreparedStatement prepare(RawStmt raw, String queryString, RelationProvider relations,
                                            SessionServices session) {
        if (raw.stmt() instanceof Stmt.UnsupportedStmt u)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, u.tag() + " is not supported yet");
        ExecContext ctx = ExecContext.of(session);
        Query q = Analyzer.analyze(raw, queryString, relations, ctx.timeZone(), session.currentDatabase());
        PlannedStmt p = Planner.plan(q, ctx);
        return new PreparedStatement(p, session, ctx);
    }
}
