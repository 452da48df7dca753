package org.tusk.optimizer;

import org.tusk.catalog.PgProc;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;

/**
 * The expression tests of clauses.c / nodeFuncs.c that the planner's decisions about a subquery
 * (pulling it up, dropping its unused outputs) and EXPLAIN's picture of them share.
 */
public final class Clauses {
    private Clauses() {}

    /**
     * expression_returns_set: whether {@code e} calls a set-returning function at its own level
     * (a sub-select's functions do not count: the sub-select returns one value).
     */
    public static boolean returnsSet(Expr e) {
        return ExprTrees.any(e, x -> x instanceof Expr.FuncExpr f && f.proc().retset());
    }

    /**
     * contain_mutable_functions: whether {@code e} calls a function or operator that is not
     * IMMUTABLE, or holds a sub-select. A cast counts as mutable when it converts to or from a
     * date/time type, where PostgreSQL's casts depend on DateStyle or TimeZone (STABLE).
     */
    public static boolean containsMutableFunctions(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() != PgProc.Volatility.IMMUTABLE;
            case Expr.OpExpr o -> o.op().volatility() != PgProc.Volatility.IMMUTABLE;
            case Expr.CastFunc c -> isDateTime(c.type()) || isDateTime(c.arg().type());
            case Expr.CoerceViaIO c -> isDateTime(c.type()) || isDateTime(c.arg().type());
            case Expr.SubLink s -> true;
            default -> false;
        });
    }

    private static boolean isDateTime(int type) {
        return type == org.tusk.catalog.TypeOids.TIMESTAMPTZ || type == org.tusk.catalog.TypeOids.TIMESTAMP
                || type == org.tusk.catalog.TypeOids.DATE || type == org.tusk.catalog.TypeOids.TIME
                || type == org.tusk.catalog.TypeOids.TIMETZ || type == org.tusk.catalog.TypeOids.INTERVAL;
    }

    /**
     * contain_nonstrict_functions, conservatively: whether {@code e} holds anything that might
     * yield a non-NULL result from a NULL input. Only constants, parameters, columns, strict
     * functions and operators, casts, field selection and collation labels are strict here.
     */
    public static boolean containsNonStrictConstructs(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.Const c -> false;
            case Expr.Param p -> false;
            case Expr.Var v -> false;
            case Expr.FuncExpr f -> !f.proc().strict();
            case Expr.OpExpr o -> !o.op().strict();
            case Expr.RelabelType r -> false;
            case Expr.CastFunc c -> false;
            case Expr.CoerceViaIO c -> false;
            case Expr.CoerceToTypmod c -> false;
            case Expr.CollateExpr c -> false;
            case Expr.FieldSelect f -> false;
            default -> true;
        });
    }

    /**
     * contain_volatile_functions: whether {@code e} calls a volatile function, at its own level or
     * inside a sub-select (whose functions run as often as the sub-select does).
     */
    public static boolean containsVolatileFunctions(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.OpExpr o -> o.op().volatility() == PgProc.Volatility.VOLATILE;
            case Expr.SubLink s -> CteInlining.containsVolatile(s.subselect());
            default -> false;
        });
    }

    /**
     * is_simple_subquery's test of a subquery's target list: one whose columns return sets or
     * call volatile functions is not pulled up into its parent (that would change how many rows
     * there are, or how often the functions run).
     */
    public static boolean pullableTargetList(Query sub) {
        for (Query.TargetEntry te : sub.targetList())
            if (returnsSet(te.expr()) || containsVolatileFunctions(te.expr())) return false;
        return true;
    }

    /**
     * The commutator of a comparison operator name ({@code a < b} is {@code b > a}): what a clause
     * written value-op-column becomes when read column-first; other operators are their own here.
     */
    static String commutedComparison(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }
}
