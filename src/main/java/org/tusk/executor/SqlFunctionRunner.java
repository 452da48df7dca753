package org.tusk.executor;

import org.tusk.catalog.SqlFunction;

/**
 * The language handler of LANGUAGE sql (PostgreSQL's executor/functions.c fmgr_sql): runs a
 * function's body for one call. Parsing and planning the body needs the parser and planner,
 * which sit above the executor, so the backend's top level provides the handler
 * through the statement's environment ({@link ExecEnvironment#sqlFunctionRunner}), as PostgreSQL's fmgr finds a language's call
 * handler through pg_language.
 */
public interface SqlFunctionRunner {
    /**
     * The trigger function handler of procedural language {@code languageOid} (pg_language OID),
     * as a PL's call handler takes trigger calls too; null for a language that has none.
     */
    default TriggerFunctionHandler triggerHandler(int languageOid) {
        return null;
    }

    /** The function's result for {@code args} ($1..$n), run in the calling statement's environment. */
    Object call(SqlFunction f, Object[] args, ExecContext caller);

    /**
     * Every result row of the function's last statement for {@code args} (a set-returning or
     * record-returning call), each row the values of its result columns.
     */
    java.util.List<Object[]> callSet(SqlFunction f, Object[] args, ExecContext caller);

    /**
     * The validator's check of a body (fmgr_sql_validator with check_function_bodies on): parse
     * analysis of every statement and of the final statement's result, errors thrown as they are.
     * Returns the analysed statements (what a SQL-standard body's dependencies are read from).
     */
    java.util.List<org.tusk.nodes.Query> validate(String body, java.util.List<Integer> argTypes, java.util.List<String> argNames, int resultType,
                  java.util.List<Integer> outTypes, ExecContext caller);

    /**
     * The body of {@code f} analysed and rewritten, its arguments as parameters $1..$n, when it
     * is a single SELECT (what inline_set_returning_function can put in place of a call); null
     * otherwise.
     */
    default org.tusk.nodes.Query inlinableBody(org.tusk.catalog.SqlFunction f, ExecContext caller) {
        return null;
    }

    /**
     * Parse analysis of a stored query's text (a view's "_RETURN" rule action) in the calling
     * statement's environment, as the rewriter analyses it: what pg_get_viewdef deparses.
     */
    org.tusk.nodes.Query analyzeStoredQuery(String sql, ExecContext caller);

    /** A stored rule analysed as the rewriter does (see FunctionCallContext.analyzeStoredRule). */
    default org.tusk.catalog.FunctionCallContext.StoredRule analyzeStoredRule(org.tusk.utils.cache.Relation rel,
            org.tusk.catalog.RuleInfo rule, ExecContext caller) {
        throw org.tusk.utils.error.PgException.error("0A000", "rules cannot be analysed here");
    }

    /** The SQL-standard body of {@code f} analysed as stored (see FunctionCallContext.analyzeSqlBody). */
    default java.util.List<org.tusk.catalog.SqlBodyStatement> analyzeSqlBody(org.tusk.catalog.SqlFunction f, ExecContext caller) {
        throw org.tusk.utils.error.PgException.error("0A000", "function bodies cannot be analysed here");
    }

    /**
     * The language's validator for a whole pg_proc row about to be stored (plpgsql_validator
     * compiles the body); LANGUAGE sql validates through {@link #validate} instead.
     */
    default void validateFunction(org.tusk.catalog.SqlFunction f, ExecContext caller) {
        throw org.tusk.utils.error.PgException.error("0A000", "language " + f.language() + " has no validator here");
    }

    /** The language's inline handler: DO's anonymous code block (plpgsql_inline_handler). */
    default void inline(String code, ExecContext caller) {
        throw org.tusk.utils.error.PgException.error("0A000", "DO is not supported here");
    }
}
