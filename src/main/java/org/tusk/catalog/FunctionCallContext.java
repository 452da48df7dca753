package org.tusk.catalog;

import java.time.ZoneId;

import org.tusk.utils.misc.SessionServices;

/** What a built-in function can see of the executing session (fmgr's FunctionCallInfo, minus the args). */
public interface FunctionCallContext {
    SessionServices session();

    /** The session's TimeZone setting, resolved. */
    ZoneId timeZone();

    /**
     * The value bound to parameter {@code $number} (1-based), in its type's Java form, or null.
     * Contexts without parameters have none.
     */
    default Object paramValue(int number) {
        throw org.tusk.utils.error.PgException.error("42P02", "there is no parameter $" + number);
    }

    /**
     * fmgr_sql: runs the body of a LANGUAGE sql function with {@code args} as $1..$n and returns
     * its result. Contexts without a session that can run SQL cannot.
     */
    default Object callSqlFunction(SqlFunction f, Object[] args) {
        throw org.tusk.utils.error.PgException.error("0A000", "SQL functions cannot be run here");
    }

    /**
     * A SQL function's result rows (fmgr_sql in a set-returning or record-returning call): every
     * row of its last statement, each as the values of its result columns.
     */
    default java.util.List<Object[]> callSqlFunctionSet(SqlFunction f, Object[] args) {
        throw org.tusk.utils.error.PgException.error("0A000", "SQL functions cannot be run here");
    }

    /**
     * inline_set_returning_function's look at a LANGUAGE sql function's body: the body analysed
     * and rewritten, its arguments still parameters $1..$n, when it is a single SELECT; null when
     * it is anything else or this context cannot analyse SQL.
     */
    default org.tusk.nodes.Query inlinableSqlFunctionBody(SqlFunction f) {
        return null;
    }

    /**
     * eval_const_expressions' active_fns: the SQL functions whose inlined bodies are being
     * simplified right now, so that a function reached again through its own body is left a call
     * rather than inlined without end. Null in contexts that do not inline.
     */
    default java.util.Set<Integer> inliningFunctions() {
        return null;
    }

    /**
     * Parse analysis of a stored query's text (a view's rule action) against the session's
     * relations, as the rewriter does it. Contexts without a session that can analyse SQL cannot.
     */
    default org.tusk.nodes.Query analyzeStoredQuery(String sql) {
        throw org.tusk.utils.error.PgException.error("0A000", "stored queries cannot be analysed here");
    }

    /**
     * A stored rule's condition and actions analysed again from pg_rewrite's texts with OLD and
     * NEW bound to its relation, as the rewriter analyses them: what PostgreSQL keeps in ev_qual
     * and ev_action, for ruleutils' make_ruledef to print.
     */
    default StoredRule analyzeStoredRule(org.tusk.utils.cache.Relation rel, RuleInfo rule) {
        throw org.tusk.utils.error.PgException.error("0A000", "rules cannot be analysed here");
    }

    /** A rule analysed: its WHERE condition (null for none) and its actions (empty for NOTHING). */
    record StoredRule(org.tusk.nodes.Expr qual, java.util.List<org.tusk.nodes.Query> actions) {}

    /**
     * The statements of SQL function {@code f}'s SQL-standard body analysed again from the stored
     * text, under the function's own schema, with the arguments as parameters and without the
     * result coercions a call adds: what PostgreSQL keeps in prosqlbody, for ruleutils to print.
     */
    default java.util.List<SqlBodyStatement> analyzeSqlBody(SqlFunction f) {
        throw org.tusk.utils.error.PgException.error("0A000", "function bodies cannot be analysed here");
    }

    /** GetActiveSnapshot: the running statement's MVCC snapshot; contexts outside a statement have none. */
    default org.tusk.utils.time.Snapshot activeSnapshot() {
        throw org.tusk.utils.error.PgException.error("XX000", "no active snapshot set");
    }

    /** The catalog of the session's database, or null where the context has no storage (catalog functions need it). */
    default Catalog catalog() {
        return null;
    }

    /**
     * Settings input functions depend on (TimeZone, DateOrder, IntervalStyle, the transaction's
     * start); PostgreSQL's defaults for the other three where the context has no session settings.
     */
    default org.tusk.utils.adt.InputSettings inputSettings() {
        return org.tusk.utils.adt.InputSettings.of(timeZone());
    }

    /** Settings output functions depend on (TimeZone, extra_float_digits). */
    default org.tusk.utils.adt.OutputSettings outputSettings() {
        return new org.tusk.utils.adt.OutputSettings(timeZone(), 1);
    }

    /**
     * domain_check: runs the constraints of domain {@code domainOid} on {@code value} (which may
     * be null) for a built-in that builds values of arbitrary types (json_populate_record).
     * Only the executor's context can evaluate the CHECK expressions.
     */
    default void checkDomain(int domainOid, Object value) {
        throw org.tusk.utils.error.PgException.error("0A000", "domain constraints cannot be checked here");
    }
}
