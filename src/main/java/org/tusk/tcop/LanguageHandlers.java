package org.tusk.tcop;

import java.util.List;

import org.tusk.catalog.SqlFunction;
import org.tusk.executor.ExecContext;
import org.tusk.executor.SqlFunctionRunner;
import org.tusk.nodes.Query;
import org.tusk.pl.plpgsql.PlpgsqlHandler;

/**
 * fmgr's choice of a call handler by pg_proc.prolang: LANGUAGE sql functions go to fmgr_sql
 * ({@link SqlFunctionHandler}), plpgsql ones to plpgsql_call_handler ({@link PlpgsqlHandler}), whose
 * trigger branch is plpgsql's trigger function handler. A function that is SECURITY
 * DEFINER or has SET clauses is called through fmgr_security_definer ({@link SecurityDefinerCall}),
 * whatever its language.
 */
final class LanguageHandlers implements SqlFunctionRunner {
    private final SqlFunctionHandler sql;
    private final PlpgsqlHandler plpgsql;
    private final SecurityDefinerCall security;
    /** plpgsql_call_handler's trigger branch, found through the function's pg_language row. */
    private final org.tusk.executor.TriggerFunctionHandler plpgsqlTrigger;

    LanguageHandlers(SqlFunctionHandler sql, PlpgsqlHandler plpgsql, SecurityDefinerCall security) {
        this.sql = sql;
        this.plpgsql = plpgsql;
        this.security = security;
        this.plpgsqlTrigger = (fnOid, td, ctx) -> {
            SqlFunction f = ctx.env().catalog().functions().byOid(fnOid);
            // a VOLATILE trigger function's statements see the rows the firing statement has
            // changed so far, as any volatile function's do
            return protectingCaller(f, ctx, () -> security.run(f, () -> plpgsql.callTrigger(f, td, ctx)));
        };
    }

    @Override
    public org.tusk.executor.TriggerFunctionHandler triggerHandler(int languageOid) {
        return languageOid == SqlFunction.PLPGSQL_LANGUAGE_ID ? plpgsqlTrigger : null;
    }

    private static boolean isPlpgsql(SqlFunction f) {
        return f.language() == SqlFunction.PLPGSQL_LANGUAGE_ID;
    }

    @Override
    public Object call(SqlFunction f, Object[] args, ExecContext caller) {
        return protectingCaller(f, caller,
                () -> security.run(f, () -> isPlpgsql(f) ? plpgsql.call(f, args, caller) : sql.call(f, args, caller)));
    }

    @Override
    public List<Object[]> callSet(SqlFunction f, Object[] args, ExecContext caller) {
        return protectingCaller(f, caller,
                () -> security.run(f, () -> isPlpgsql(f) ? plpgsql.callSet(f, args, caller) : sql.callSet(f, args, caller)));
    }

    /**
     * A VOLATILE function's statements increment the command counter (to see what the calling
     * statement has changed so far); the calling statement keeps its own command id and
     * snapshot meanwhile ({@link org.tusk.executor.ExecEnvironment#pinForVolatileCall}).
     */
    private static <T> T protectingCaller(SqlFunction f, ExecContext caller, java.util.function.Supplier<T> call) {
        if (f.volatility() != org.tusk.catalog.PgProc.Volatility.VOLATILE || caller.env() == null) return call.get();
        try (org.tusk.executor.ExecEnvironment.CallerPin pin = caller.env().pinForVolatileCall()) {
            return call.get();
        }
    }

    @Override
    public List<org.tusk.nodes.Query> validate(String body, List<Integer> argTypes, List<String> argNames, int resultType,
                                               List<Integer> outTypes, ExecContext caller) {
        return sql.validate(body, argTypes, argNames, resultType, outTypes, caller);
    }

    @Override
    public Query inlinableBody(SqlFunction f, ExecContext caller) {
        return f.language() == SqlFunction.SQL_LANGUAGE_ID ? sql.inlinableBody(f, caller) : null;
    }

    @Override
    public Query analyzeStoredQuery(String sql, ExecContext caller) {
        return this.sql.analyzeStoredQuery(sql, caller);
    }

    @Override
    public org.tusk.catalog.FunctionCallContext.StoredRule analyzeStoredRule(org.tusk.utils.cache.Relation rel,
            org.tusk.catalog.RuleInfo rule, ExecContext caller) {
        return this.sql.analyzeStoredRule(rel, rule, caller);
    }

    @Override
    public List<org.tusk.catalog.SqlBodyStatement> analyzeSqlBody(SqlFunction f, ExecContext caller) {
        return this.sql.analyzeSqlBody(f, caller);
    }

    @Override
    public void validateFunction(SqlFunction f, ExecContext caller) {
        plpgsql.validate(f, caller);
    }

    @Override
    public void inline(String code, ExecContext caller) {
        plpgsql.inline(code, caller);
    }
}
