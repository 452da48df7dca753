package org.tusk.optimizer;

import org.tusk.catalog.PgProc;
import org.tusk.catalog.TypeOids;
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
     * IMMUTABLE, or holds a sub-select. A cast is its cast function's call, or, through I/O, the
     * source type's output function's and the target type's input function's; their provolatile
     * is pg_proc's ({@link #castIsMutable}, {@link #ioIsMutable}).
     */
    public static boolean containsMutableFunctions(Expr e) {
        return ExprTrees.any(e, x -> switch (x) {
            case Expr.FuncExpr f -> f.proc().volatility() != PgProc.Volatility.IMMUTABLE;
            case Expr.OpExpr o -> o.op().volatility() != PgProc.Volatility.IMMUTABLE;
            case Expr.CastFunc c -> castIsMutable(c.arg().type(), c.type());
            case Expr.CoerceViaIO c -> ioIsMutable(c.arg().type(), c.type());
            case Expr.SubLink s -> true;
            default -> false;
        });
    }

    /**
     * Whether the pg_cast function from {@code source} to {@code target} is not IMMUTABLE: those of
     * pg_proc.dat that are STABLE read the session's TimeZone (every cast from timestamptz, and to
     * timestamptz or timetz), lc_monetary (to or from money), xmloption (to xml) or the catalogs
     * through the search path (text to regclass).
     */
    static boolean castIsMutable(int source, int target) {
        if (source == target) return false;   // a length coercion (timestamptz(timestamptz, integer) is immutable)
        return source == TypeOids.TIMESTAMPTZ || target == TypeOids.TIMESTAMPTZ || target == TypeOids.TIMETZ
                || source == TypeOids.MONEY || target == TypeOids.MONEY || target == XML || target == REGCLASS;
    }

    /**
     * Whether a CoerceViaIO calls a function that is not IMMUTABLE: the source type's output
     * function or the target type's input function. STABLE in pg_proc.dat are the date/time
     * types' (DateStyle, TimeZone; the outputs of time and timetz are immutable), interval's,
     * money's, aclitem's and the reg* types' (catalog lookups), xml's input, and the generic ones
     * of arrays, records, ranges, enums and domains, which call their element's or base type's.
     */
    static boolean ioIsMutable(int source, int target) {
        return !immutableIo(source, false) || !immutableIo(target, true);
    }

    /** pg_type.dat's OIDs of the types named here that TypeOids does not list. */
    private static final int XML = 142, REGPROC = 24, REGPROCEDURE = 2202, REGOPER = 2203, REGOPERATOR = 2204,
            REGCLASS = 2205, REGTYPE = 2206, REGCONFIG = 3734, REGDICTIONARY = 3769, REGNAMESPACE = 4089, REGROLE = 4096,
            REGCOLLATION = 4191;

    private static final java.util.Set<Integer> STABLE_IO = java.util.Set.of(TypeOids.DATE, TypeOids.TIMESTAMP,
            TypeOids.TIMESTAMPTZ, TypeOids.INTERVAL, TypeOids.MONEY, TypeOids.ACLITEM, TypeOids.RECORD,
            REGPROC, REGPROCEDURE, REGOPER, REGOPERATOR, REGCLASS, REGTYPE, REGCONFIG, REGDICTIONARY, REGNAMESPACE, REGROLE,
            REGCOLLATION, 3904, 3906, 3908, 3910, 3912, 3926, 4451, 4532, 4533, 4534, 4535, 4536);
    /** Types whose input function only is STABLE (their output functions are immutable). */
    private static final java.util.Set<Integer> STABLE_INPUT = java.util.Set.of(TypeOids.TIME, TypeOids.TIMETZ, XML);

    /** Whether type {@code t}'s input ({@code input}) or output function is IMMUTABLE. */
    private static boolean immutableIo(int t, boolean input) {
        // user-defined types (enums, ranges, composites, domains, base types) and the catalogs' row
        // types: their I/O is record_in, enum_in, range_in, domain_in, ... (STABLE) or unknown here
        if (Integer.compareUnsigned(t, 10000) >= 0 || org.tusk.catalog.ArrayTypes.isArray(t)) return false;
        return !STABLE_IO.contains(t) && !(input && STABLE_INPUT.contains(t));
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
