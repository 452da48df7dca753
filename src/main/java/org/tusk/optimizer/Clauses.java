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
