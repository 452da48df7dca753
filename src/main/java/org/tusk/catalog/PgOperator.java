package org.tusk.catalog;

/**
 * An operator as operator resolution and the executor use it (pg_operator row with its
 * function's strictness); {@code left == 0} for a prefix operator. Built-in operators are strict;
 * a user operator is as strict as its function (proisstrict of oprcode): a non-strict one is
 * called with NULL arguments, as ExecInterpExpr's EEOP_FUNCEXPR (not _STRICT) does.
 * {@code funcOid} is oprcode when that is a user-defined function (what the planner may inline,
 * as eval_const_expressions inlines an OpExpr's opfuncid), else 0.
 */
public record PgOperator(String name, int left, int right, int result, PgProc.Volatility volatility,
                         BuiltinFunction impl, boolean strict, int funcOid) {
    /** A strict operator (every built-in one). */
    public PgOperator(String name, int left, int right, int result, PgProc.Volatility volatility, BuiltinFunction impl) {
        this(name, left, right, result, volatility, impl, true);
    }

    /** An operator whose function is a built-in (no user function to inline: {@code funcOid} 0). */
    public PgOperator(String name, int left, int right, int result, PgProc.Volatility volatility, BuiltinFunction impl,
                      boolean strict) {
        this(name, left, right, result, volatility, impl, strict, 0);
    }
}
