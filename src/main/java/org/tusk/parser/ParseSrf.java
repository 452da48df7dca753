package org.tusk.parser;

import java.util.List;

import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Where set-returning functions may be called (parse_func.c check_srf_call_placement, and the
 * p_last_srf checks of transformRangeFunction, transformAggregateCall, transformCaseExpr and
 * transformCoalesceExpr): in the select list, ORDER BY, GROUP BY, DISTINCT ON and RETURNING,
 * and at the top level of a function in FROM; nowhere else, and never inside an aggregate's
 * arguments, CASE or COALESCE, whose conditional evaluation cannot run a set in lock step.
 * All refusals are 0A000, positioned at the offending call.
 */
final class ParseSrf {
    private ParseSrf() {}

    private static final String LATERAL_HINT = "You might be able to move the set-returning function into a LATERAL FROM item.";

    /** check_srf_call_placement for a call {@code f} analysed in the analyzer's current expression kind. */
    static Expr checkPlacement(Analyzer a, Expr.FuncExpr f) {
        if (!f.proc().retset()) return f;
        String kind = a.exprKind();
        String where = switch (kind) {
            case "SELECT", "ORDER BY", "GROUP BY", "DISTINCT ON", "RETURNING", "functions in FROM" -> null;
            case "window PARTITION BY", "window ORDER BY", "window " -> "window definitions";
            case "index expression" -> "index expressions";
            case "index predicate" -> "index predicates";
            default -> kind;
        };
        if ("VALUES".equals(kind) && a.valuesSingle()) where = null;   // EXPR_KIND_VALUES_SINGLE: okay
        if (where != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in " + where, f.location());
        return f;
    }

    /** The first set-returning call in {@code e} (not looking into sublinks), or null. */
    static Expr.FuncExpr findSrf(Expr e) {
        Expr.FuncExpr[] found = new Expr.FuncExpr[1];
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.FuncExpr f && f.proc().retset()) {
                found[0] = f;
                return true;
            }
            return false;
        });
        return found[0];
    }

    static boolean containsSrf(Expr e) { return findSrf(e) != null; }

    /** transformRangeFunction: a set-returning call in FROM must be the function itself, not inside its arguments. */
    static void checkTopLevelInFrom(Analyzer a, Expr fn) {
        Expr inner = fn instanceof Expr.FuncExpr f && f.proc().retset() ? firstInArgs(f.args()) : findSrf(fn);
        if (inner instanceof Expr.FuncExpr s)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions must appear at top level of FROM",
                    s.location());
    }

    private static Expr.FuncExpr firstInArgs(List<Expr> args) {
        for (Expr x : args) {
            Expr.FuncExpr s = findSrf(x);
            if (s != null) return s;
        }
        return null;
    }

    /** transformAggregateCall / transformWindowFuncCall: {@code what} is "aggregate function calls" or "window function calls". */
    static void checkCallArgs(Analyzer a, List<Expr> args, String what) {
        Expr.FuncExpr s = firstInArgs(args);
        if (s != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, what + " cannot contain set-returning function calls", s.location())
                    .withHint(LATERAL_HINT);
    }

    /** transformCaseExpr / transformCoalesceExpr: {@code construct} is "CASE" or "COALESCE". */
    static Expr checkNotIn(Analyzer a, Expr e, String construct) {
        Expr.FuncExpr s = findSrf(e);
        if (s != null)
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in " + construct,
                    s.location()).withHint(LATERAL_HINT);
        return e;
    }
}
