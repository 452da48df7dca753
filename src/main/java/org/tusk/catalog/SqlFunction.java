package org.tusk.catalog;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;

/**
 * A user-defined function as its pg_proc row describes it (LANGUAGE sql only).
 *
 * @param argNames     proargnames: one entry per argument, "" for an unnamed one; empty if none is named
 * @param defaultsSql  proargdefaults as SQL: the default expressions of the last arguments, as
 *                     the target list of a SELECT ("2, 'x'"), or null (Tusk keeps SQL text where
 *                     PostgreSQL keeps a node tree, as for column defaults)
 * @param nDefaults    pronargdefaults
 * @param body         the body's SQL: prosrc for AS '...', prosqlbody for RETURN / BEGIN ATOMIC
 * @param standardBody whether the body is SQL-standard (RETURN expr is stored as "SELECT expr")
 * @param variadicType provariadic: the element type of the VARIADIC last parameter (whose declared
 *                     type, the last of argTypes, is its array type), or 0
 */
public record SqlFunction(int oid, String name, int namespace, int owner, List<Integer> argTypes, List<String> argNames,
                          String defaultsSql, int nDefaults, int resultType, boolean retset, boolean strict,
                          Volatility volatility, String body, boolean standardBody, int variadicType) {
    /** PostgreSQL's SQLlanguageId. */
    public static final int SQL_LANGUAGE_ID = 14;

    /** The name of argument {@code i} (0-based), or null if it has none. */
    public String argName(int i) {
        if (argNames.isEmpty() || argNames.get(i).isEmpty()) return null;
        return argNames.get(i);
    }

    /**
     * The pg_proc entry parse analysis uses: calling it runs the body through
     * {@link FunctionCallContext#callSqlFunction} (fmgr_sql).
     */
    public PgProc asProc() {
        SqlFunction self = this;
        return new PgProc(oid, name, argTypes, resultType, strict, volatility, false,
                (ctx, args) -> ctx.callSqlFunction(self, args));
    }
}
