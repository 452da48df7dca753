package org.tusk.optimizer;

import java.util.ArrayList;
import java.util.List;

import org.tusk.access.transam.OidGenerator;
import org.tusk.catalog.FunctionCallContext;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TypeOids;
import org.tusk.executor.ExecEnvironment;
import org.tusk.executor.ExecPermissions;
import org.tusk.nodes.Expr;
import org.tusk.nodes.ExprTrees;
import org.tusk.nodes.Query;
import org.tusk.nodes.VarTreeMutator;

/**
 * Inlining of set-returning SQL functions in FROM (clauses.c inline_set_returning_function, as
 * prepjointree.c preprocess_function_rtes applies it before subqueries are pulled up): a
 * function scan of {@code f(args)} whose body is a single SELECT becomes a subquery of that
 * SELECT with the arguments put in place of its parameters. The subquery is then planned as any
 * other: pulled up into the query when it is simple (a {@code SELECT * FROM t} body becomes a
 * scan of t, and the query's conditions reach t's indexes), otherwise scanned.
 *
 * <p>Only what cannot change the results is inlined, as PostgreSQL decides it: one function
 * without ORDINALITY; a LANGUAGE sql function (not a procedure) declared to return a set, so that
 * a body returning one row or none means the same inlined; not STRICT (the subquery could not
 * return no rows for a NULL argument); not VOLATILE (a volatile function runs with a snapshot of
 * its own); not returning void; not SECURITY DEFINER and without SET clauses (its body would run
 * as the caller, with the caller's settings); arguments free of volatile functions and
 * sub-selects (substituted, they could run a different number of times); and the caller allowed
 * to execute it (otherwise the call is left to fail at run time). Tusk also leaves polymorphic
 * functions, whose body is analysed for the declared pseudo-types, and bodies whose result columns
 * are not exactly the function's columns.
 *
 * <p>After inlining, the body's tables are read with the calling user's privileges, as in
 * PostgreSQL, and a later change to the function's definition is a catalog invalidation that
 * makes cached plans of the calling query plan again.
 */
final class FunctionInlining {
    private FunctionInlining() {}

    /** {@code q} with every inlinable set-returning SQL function of its range table replaced by its body. */
    static Query inlineSetReturningFunctions(Query q, FunctionCallContext ctx, ExecEnvironment env) {
        if (env == null) return q;
        List<Query.RangeTblEntry> rtable = null;
        for (int i = 0; i < q.rangeTable().size(); i++) {
            Query.RangeTblEntry rte = q.rangeTable().get(i);
            if (rte.kind() != Query.RteKind.FUNCTION) continue;
            Query body = inline(rte, ctx, env);
            if (body == null) continue;
            if (rtable == null) rtable = new ArrayList<>(q.rangeTable());
            // a subquery reading other FROM items of this level (through the arguments) is LATERAL
            boolean lateral = rte.lateral() || ExprTrees.any(rte.functions().get(0).funcexpr(),
                    x -> x instanceof Expr.Var v && v.levelsup() == 0);
            rtable.set(i, new Query.RangeTblEntry(Query.RteKind.SUBQUERY, rte.refname(), null, null, null, rte.columns(),
                    null, body, null, null, null, 0, false, lateral));
        }
        return rtable == null ? q : q.withRangeTable(List.copyOf(rtable));
    }

    /** The body to put in place of the function scan {@code rte}, arguments substituted; null to keep the scan. */
    private static Query inline(Query.RangeTblEntry rte, FunctionCallContext ctx, ExecEnvironment env) {
        if (rte.funcOrdinality() || rte.functions().size() != 1) return null;
        if (!(rte.functions().get(0).funcexpr() instanceof Expr.FuncExpr call) || !call.proc().retset()) return null;
        for (Expr arg : call.args()) {
            if (Clauses.containsVolatileFunctions(arg) || ExprTrees.any(arg, x -> x instanceof Expr.SubLink)) return null;
        }
        // Tusk's built-in functions are Java, never LANGUAGE sql: none below FirstNormalObjectId is
        // looked up, and those numbered in the user range are told apart by userFunction
        if (call.proc().oid() < OidGenerator.FIRST_NORMAL_OBJECT_ID || env.catalog().functions() == null) return null;
        SqlFunction f = userFunction(call.proc(), env);
        if (f == null || f.language() != SqlFunction.SQL_LANGUAGE_ID || f.procedure() || f.strict()
                || f.volatility() == PgProc.Volatility.VOLATILE || f.resultType() == TypeOids.VOID
                || f.securityDefiner() || !f.config().isEmpty() || !f.retset()
                || call.args().size() != f.argTypes().size()) {
            return null;
        }
        if (TypeOids.isPolymorphic(f.resultType()) || f.argTypes().stream().anyMatch(TypeOids::isPolymorphic)) return null;
        if (!ExecPermissions.mayExecute(f.oid(), env)) return null;
        Query body = ctx.inlinableSqlFunctionBody(f);
        if (body == null) return null;
        body = compositeAsColumns(body, f.resultType(), rte.columns().size());
        if (!producesColumns(body, rte.columns())) return null;
        Query substituted = substituteParameters(body, call.args());
        // a parameter left where the walk does not reach would have no value at run time: keep the call
        return BoundParams.hasParams(substituted) ? null : substituted;
    }


    /**
     * A body returning one value of the function's composite result type as a ROW(...) of its
     * fields (as a SELECT of the type's columns is analysed) returns the fields as columns
     * instead, which is what the function scan's columns are; other bodies are unchanged.
     */
    private static Query compositeAsColumns(Query body, int resultType, int ncolumns) {
        // (nothing may refer to the one result column: ORDER BY, DISTINCT, GROUP BY, set operations)
        if (body.targetList().size() != 1 || !(body.targetList().get(0).expr() instanceof Expr.RowExpr row)
                || row.type() != resultType || row.args().size() != ncolumns || !body.sortClause().isEmpty()
                || !body.distinctClause().isEmpty() || !body.groupClause().isEmpty() || body.setOperations() != null) {
            return body;
        }
        List<Query.TargetEntry> tlist = new ArrayList<>();
        for (int i = 0; i < ncolumns; i++) tlist.add(new Query.TargetEntry(row.args().get(i), i + 1, row.colnames().get(i), false));
        return body.withTargetList(List.copyOf(tlist));
    }

    /**
     * inline_function: a call of a LANGUAGE sql function whose body is {@code SELECT expression}
     * (no FROM, WHERE, grouping, sorting, sub-selects, set-returning calls or WITH) becomes that
     * expression with the arguments in place of its parameters; {@code call}'s arguments are
     * already simplified. Null when the call must stay a call: the function is a procedure, SECURITY
     * DEFINER, has SET clauses, returns a set, a record or a composite, is polymorphic, may not be
     * executed by the caller; or the expression is more volatile than the function is declared
     * (an IMMUTABLE function's body must be immutable, a STABLE one's not volatile); or the function
     * is STRICT and the expression might not be NULL for a NULL argument or does not use every
     * argument; or an argument used more than once is costly (a sub-select, more than ten
     * operators) or volatile, so that substituting it would change how often or how long it runs.
     */
    static Expr inlineScalar(Expr.FuncExpr call, FunctionCallContext ctx) {
        if (call.proc().oid() < OidGenerator.FIRST_NORMAL_OBJECT_ID || call.proc().retset()) return null;
        if (!(ctx instanceof org.tusk.executor.ExecContext ec) || ec.env() == null) return null;
        ExecEnvironment env = ec.env();
        if (env.catalog() == null || env.catalog().functions() == null) return null;
        SqlFunction f = userFunction(call.proc(), env);
        if (f == null || f.language() != SqlFunction.SQL_LANGUAGE_ID || f.procedure() || f.securityDefiner()
                || !f.config().isEmpty() || f.retset() || f.resultType() == TypeOids.RECORD || !f.outColumns().isEmpty()
                || call.args().size() != f.argTypes().size() || TypeOids.isPolymorphic(f.resultType())
                || f.argTypes().stream().anyMatch(TypeOids::isPolymorphic)) {
            return null;
        }
        if (!ExecPermissions.mayExecute(f.oid(), env)) return null;
        Query body = ctx.inlinableSqlFunctionBody(f);
        if (body == null || !isSimpleExpressionSelect(body)) return null;
        Expr e = body.targetList().get(0).expr();
        if (e.type() != f.resultType() || ExprTrees.any(e, x -> x instanceof Expr.SubLink)
                || Clauses.returnsSet(e)) {
            return null;
        }
        if (f.volatility() == PgProc.Volatility.IMMUTABLE && Clauses.containsMutableFunctions(e)) return null;
        if (f.volatility() == PgProc.Volatility.STABLE && Clauses.containsVolatileFunctions(e)) return null;
        if (f.strict() && Clauses.containsNonStrictConstructs(e)) return null;
        int[] uses = new int[call.args().size()];
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.Param p && p.number() >= 1 && p.number() <= uses.length) uses[p.number() - 1]++;
            return false;
        });
        for (int i = 0; i < uses.length; i++) {
            Expr arg = call.args().get(i);
            if (uses[i] == 0 && f.strict()) return null;
            if (uses[i] > 1 && (ExprTrees.any(arg, x -> x instanceof Expr.SubLink || x instanceof Expr.SubPlan)
                    || operatorCount(arg) > 10 || Clauses.containsVolatileFunctions(arg))) {
                return null;
            }
        }
        // substitute_actual_parameters: the body is at the call's level, so the arguments go in as they are
        return ExprTrees.map(e, x -> x instanceof Expr.Param p && p.number() >= 1 && p.number() <= uses.length
                ? call.args().get(p.number() - 1) : null);
    }

    /**
     * inline_function for an operator: {@code op}'s function (its opfuncid, a user function) called
     * with the operator's arguments, inlined as {@link #inlineScalar} would inline that call; null
     * when it stays an operator.
     */
    static Expr inlineOperator(Expr.OpExpr op, FunctionCallContext ctx) {
        if (op.op().funcOid() < OidGenerator.FIRST_NORMAL_OBJECT_ID) return null;
        if (!(ctx instanceof org.tusk.executor.ExecContext ec) || ec.env() == null) return null;
        ExecEnvironment env = ec.env();
        if (env.catalog() == null || env.catalog().functions() == null) return null;
        SqlFunction f = env.catalog().functions().byOid(op.op().funcOid());
        if (f == null || f.language() != SqlFunction.SQL_LANGUAGE_ID) return null;
        return inlineScalar(new Expr.FuncExpr(f.asProc(), op.args(), op.type(), op.location()), ctx);
    }

    /**
     * The pg_proc row of the user function {@code proc} is, or null. Built-ins without a
     * PostgreSQL OID are numbered from 100000 (BuiltinRegistry), inside the range user objects
     * get theirs from, so the row found by OID must also be the same function by name and
     * argument types.
     */
    private static SqlFunction userFunction(PgProc proc, ExecEnvironment env) {
        SqlFunction f = env.catalog().functions().byOid(proc.oid());
        return f != null && f.name().equals(proc.name()) && f.argTypes().equals(proc.argTypes()) ? f : null;
    }

    /** The body inline_function accepts: a SELECT of one expression and nothing else. */
    private static boolean isSimpleExpressionSelect(Query q) {
        return q.commandType() == Query.CommandType.SELECT && q.utilityStmt() == null && q.rangeTable().isEmpty()
                && q.fromList().isEmpty() && q.where() == null && q.aggregates().isEmpty() && q.groupClause().isEmpty()
                && (q.groupingSets() == null || q.groupingSets().isEmpty()) && q.havingQual() == null
                && (q.windowClause() == null || q.windowClause().isEmpty()) && q.distinctClause().isEmpty()
                && q.sortClause().isEmpty() && q.limitCount() == null && q.limitOffset() == null
                && q.setOperations() == null && q.cteList().isEmpty() && q.targetList().size() == 1
                && !q.targetList().get(0).resjunk();
    }

    /** cost_qual_eval's operator count, roughly: the function and operator calls in {@code e}. */
    private static int operatorCount(Expr e) {
        int[] n = {0};
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.FuncExpr || x instanceof Expr.OpExpr || x instanceof Expr.ScalarArrayOpExpr) n[0]++;
            return false;
        });
        return n[0];
    }

    /** Whether the body's visible result columns have the function scan's column types, in order. */
    private static boolean producesColumns(Query body, List<org.tusk.catalog.ColumnDef> columns) {
        List<Query.TargetEntry> visible = body.targetList().stream().filter(t -> !t.resjunk()).toList();
        if (visible.size() != columns.size()) return false;
        for (int i = 0; i < columns.size(); i++) {
            if (visible.get(i).expr().type() != columns.get(i).typeOid()) return false;
        }
        return true;
    }

    /**
     * substitute_actual_srf_parameters: each $n of the body becomes argument n. The body sits
     * one level below the calling query, so the argument's Vars, found {@code depth} levels
     * further down, reach up that many levels more.
     */
    private static Query substituteParameters(Query body, List<Expr> args) {
        return VarTreeMutator.mapQuery(body, 0, new VarTreeMutator.VarMapper() {
            @Override public Expr map(Expr.Var v, int depth) { return null; }

            @Override public Expr param(Expr.Param p, int depth) {
                if (p.number() < 1 || p.number() > args.size()) return null;
                return ExprTrees.incrementLevelsUp(args.get(p.number() - 1), depth + 1);
            }
        });
    }
}
