package org.tusk.catalog;

import java.util.List;

import org.tusk.catalog.PgProc.Volatility;

/**
 * A user-defined function as its pg_proc row describes it: LANGUAGE sql or plpgsql ({@code language},
 * prolang); the language's handler runs it.
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
 * @param argModes     proargmodes in declaration order ('i', 'o', 'b' INOUT, 'v', 't' a RETURNS TABLE
 *                     column), or null when every parameter is IN (PostgreSQL stores NULL then too)
 * @param outColumns   the OUT, INOUT and TABLE parameters in order: the columns of the function's
 *                     result rows (a record when there are several), else empty
 * @param language     prolang: {@link #SQL_LANGUAGE_ID} or {@link #PLPGSQL_LANGUAGE_ID}
 * @param securityDefiner prosecdef: the call runs with the owner's privileges (fmgr_security_definer)
 * @param leakproof    proleakproof: the function reveals nothing about its arguments but its result
 * @param config       proconfig: the function's SET clauses as "name=value", applied for the call's
 *                     duration; empty when it has none
 * @param prokind      'f' a plain function; 'p' a procedure, run only by CALL (as in PostgreSQL 14 and
 *                     later its OUT parameters are part of its signature, {@code argTypes}, proargtypes,
 *                     and also its result columns, {@code outColumns}); 'w' a window function, called
 *                     only with OVER (LANGUAGE internal: {@code body} names a built-in window function's
 *                     implementation, as prosrc does)
 */
public record SqlFunction(int oid, String name, int namespace, int owner, List<Integer> argTypes, List<String> argNames,
                          String defaultsSql, int nDefaults, int resultType, boolean retset, boolean strict,
                          Volatility volatility, String body, boolean standardBody, int variadicType,
                          String argModes, List<ColumnDef> outColumns, int language, boolean securityDefiner,
                          boolean leakproof, List<String> config, char prokind) {
    /** PostgreSQL's SQLlanguageId. */
    public static final int SQL_LANGUAGE_ID = 14;
    /** pg_language's oid of plpgsql in PostgreSQL 15 (the row CREATE EXTENSION plpgsql makes at initdb). */
    public static final int PLPGSQL_LANGUAGE_ID = 13563;

    /** A function (prokind 'f') with these attributes. */
    public SqlFunction(int oid, String name, int namespace, int owner, List<Integer> argTypes, List<String> argNames,
                       String defaultsSql, int nDefaults, int resultType, boolean retset, boolean strict,
                       Volatility volatility, String body, boolean standardBody, int variadicType,
                       String argModes, List<ColumnDef> outColumns, int language, boolean securityDefiner,
                       boolean leakproof, List<String> config) {
        this(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset, strict, volatility,
                body, standardBody, variadicType, argModes, outColumns, language, securityDefiner, leakproof, config, 'f');
    }

    /** A function of language {@code language} with the default security attributes (SECURITY INVOKER, no SET clauses). */
    public SqlFunction(int oid, String name, int namespace, int owner, List<Integer> argTypes, List<String> argNames,
                       String defaultsSql, int nDefaults, int resultType, boolean retset, boolean strict,
                       Volatility volatility, String body, boolean standardBody, int variadicType,
                       String argModes, List<ColumnDef> outColumns, int language) {
        this(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset, strict, volatility,
                body, standardBody, variadicType, argModes, outColumns, language, false, false, List.of());
    }

    /** A LANGUAGE sql function. */
    public SqlFunction(int oid, String name, int namespace, int owner, List<Integer> argTypes, List<String> argNames,
                       String defaultsSql, int nDefaults, int resultType, boolean retset, boolean strict,
                       Volatility volatility, String body, boolean standardBody, int variadicType,
                       String argModes, List<ColumnDef> outColumns) {
        this(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset, strict, volatility,
                body, standardBody, variadicType, argModes, outColumns, SQL_LANGUAGE_ID);
    }

    /** The same function in another language (prolang). */
    public SqlFunction withLanguage(int lang) {
        return new SqlFunction(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset,
                strict, volatility, body, standardBody, variadicType, argModes, outColumns, lang, securityDefiner, leakproof,
                config, prokind);
    }

    /** The same function with these security attributes (prosecdef, proleakproof, proconfig). */
    public SqlFunction withSecurity(boolean definer, boolean leak, List<String> settings) {
        return new SqlFunction(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset,
                strict, volatility, body, standardBody, variadicType, argModes, outColumns, language, definer, leak,
                List.copyOf(settings), prokind);
    }

    /** The same routine as a procedure (prokind 'p'). */
    public SqlFunction asProcedure() {
        return new SqlFunction(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset,
                strict, volatility, body, standardBody, variadicType, argModes, outColumns, language, securityDefiner,
                leakproof, config, 'p');
    }

    /** The same routine as a window function (prokind 'w'). */
    public SqlFunction asWindow() {
        return new SqlFunction(oid, name, namespace, owner, argTypes, argNames, defaultsSql, nDefaults, resultType, retset,
                strict, volatility, body, standardBody, variadicType, argModes, outColumns, language, securityDefiner,
                leakproof, config, 'w');
    }

    /** Whether this is a procedure (prokind 'p'). */
    public boolean procedure() {
        return prokind == 'p';
    }

    /** Whether this is a window function (prokind 'w'). */
    public boolean window() {
        return prokind == 'w';
    }

    /**
     * This function as one call sees it (fmgr's resolved argument types): the declared argument,
     * result and output column types mapped through {@code resolve}, which turns a polymorphic
     * type into the call's actual one and leaves any other as it is. Its body is then analysed
     * with those types (functions.c prepare_sql_fn_parse_info with the call's expression).
     */
    public SqlFunction withResolvedTypes(java.util.function.IntUnaryOperator resolve) {
        List<Integer> args = argTypes.stream().map(resolve::applyAsInt).toList();
        List<ColumnDef> outs = outColumns.stream().map(c -> new ColumnDef(c.name(), resolve.applyAsInt(c.typeOid()))).toList();
        int variadic = variadicType == 0 ? 0 : resolve.applyAsInt(variadicType);
        return new SqlFunction(oid, name, namespace, owner, args, argNames, defaultsSql, nDefaults,
                resolve.applyAsInt(resultType), retset, strict, volatility, body, standardBody, variadic, argModes, outs,
                language, securityDefiner, leakproof, config, prokind);
    }

    /** prokind: 'p' for a procedure, 'w' for a window function, 'f' for a plain function. */
    public String kind() {
        return String.valueOf(prokind);
    }

    /**
     * Whether a call must go through fmgr_security_definer: the function runs as its owner, or
     * has settings of its own to apply for the call.
     */
    public boolean needsSecurityContext() {
        return securityDefiner || !config.isEmpty();
    }

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
        BuiltinFunction impl;
        if (language == InternalFunctions.INTERNAL_LANGUAGE_ID) {
            // fmgr_info for an internal function: the built-in named by prosrc, called with this signature
            PgProc builtin = InternalFunctions.lookup(body);
            BuiltinFunction constructor = RangeBuiltins.constructor(body, resultType);
            impl = constructor != null ? constructor : builtin != null ? builtin.impl() : (ctx, args) -> {
                throw org.tusk.utils.error.PgException.error("42883", "internal function \"" + body + "\" is not in internal lookup table");
            };
        } else if (retset) {
            // a SETOF function's rows come through the value-per-call protocol FunctionScan and ProjectSet use
            SetReturningFunction rows = (ctx, args) -> {
                java.util.List<Object[]> l = ctx.callSqlFunctionSet(self, args);
                // several result columns make Object[] rows; one makes plain values
                return outColumns.size() > 1 ? l.iterator() : l.stream().map(r -> r[0]).iterator();
            };
            impl = outColumns.isEmpty() ? rows : SetReturningFunction.withColumns(outColumns, rows);
        } else if (!outColumns.isEmpty()) {
            // OUT parameters without SETOF: one row; in FROM its columns (named by the parameters), in the
            // select list a record value (the plain value for a single OUT parameter)
            impl = new RecordFunction(outColumns, (ctx, args) -> ctx.callSqlFunctionSet(self, args));
        } else {
            impl = (ctx, args) -> ctx.callSqlFunction(self, args);
        }
        return new PgProc(oid, name, argTypes, resultType, strict, volatility, false, impl);
    }
}
