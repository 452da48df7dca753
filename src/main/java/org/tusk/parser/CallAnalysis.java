package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.Expr;
import org.tusk.nodes.Query;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;
import org.tusk.utils.error.SqlState;

/**
 * transformCallStmt (analyze.c): CALL resolves its call against procedures (prokind 'p') with
 * func_get_detail's rules for defaults, named and variadic arguments, and yields a query that
 * runs the procedure once, as a function in FROM ({@code SELECT * FROM proc(args)}), so its
 * output parameters are the query's columns: the row ExecuteCallStmt sends the client. A
 * procedure without output parameters makes a single void column, which the caller does not send.
 * A procedure's OUT parameters are part of its signature: the call passes a placeholder (usually
 * NULL) for each, as in PostgreSQL 14 and later.
 */
final class CallAnalysis {
    private CallAnalysis() {}

    static Query transform(Analyzer a, Stmt.CallStmt c) {
        RawExpr.FuncCall call = c.call();
        a.procCall = call;
        int loc = call.location();
        Stmt.SelectStmt select = new Stmt.SelectStmt(false, List.of(), List.of(new Stmt.ResTarget(null,
                new RawExpr.ColumnRef(List.of(), true, loc), loc)),
                List.of(new Stmt.RangeFunction(false, call, null, List.of(), loc)), null, List.of(), null, List.of(), null,
                null, List.of(), Stmt.SetOperation.NONE, false, null, null, null, c.location());
        return a.transformSelect(select);
    }

    /** ParseFuncOrColumn with proc_call: the procedure the call names, with its arguments in declared order. */
    static Expr resolveProcedure(Analyzer a, RawExpr.FuncCall f) {
        List<String> qn = f.name();
        String name = qn.get(qn.size() - 1);
        String schema = qn.size() == 2 ? qn.get(0) : null;
        if (qn.size() > 2) {
            throw a.err(SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not implemented: "
                    + String.join(".", qn), f.location());
        }
        FuncArgs call = FuncArgs.of(a, f);
        List<Expr> args = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (RawExpr r : call.args()) {
            Expr e = a.transformExpr(r);
            args.add(e);
            types.add(e.type());
        }
        String sig = call.signature((schema != null ? schema + "." : "") + name, types);
        List<UserFunctions.Candidate> cands = UserFunctions.procedureCandidates(a, schema, name, args.size(), call.names(),
                !call.variadic());
        int idx = cands.isEmpty() ? ParseFunc.NONE : ParseFunc.select(signatures(cands), types);
        if (idx == ParseFunc.AMBIGUOUS) {
            throw a.err(SqlState.AMBIGUOUS_FUNCTION, "procedure " + sig + " is not unique", f.location())
                    .withHint("Could not choose a best candidate procedure. You might need to add explicit type casts.");
        }
        if (idx == ParseFunc.NONE) {
            if (isFunction(a, schema, name, call, types)) {
                throw a.err("42809", sig + " is not a procedure", f.location()).withHint("To call a function, use SELECT.");
            }
            throw a.err(SqlState.UNDEFINED_FUNCTION, "procedure " + sig + " does not exist", f.location())
                    .withHint("No procedure matches the given name and argument types. You might need to add explicit type casts.");
        }
        UserFunctions.Candidate u = PolymorphicSqlCalls.bind(a, cands.get(idx), types, f.location());
        List<Expr> conv = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            conv.add(a.coerce(args.get(i), u.signature().get(i), -1, Context.IMPLICIT, call.args().get(i).location()));
        }
        return new Expr.FuncExpr(u.proc(), UserFunctions.finalArgs(a, u, conv, f.location()), u.fn().resultType(),
                f.location());
    }

    /**
     * ParseFuncOrColumn's check for a function call that names a procedure: "... is a procedure"
     * (42809) with the hint to use CALL. Returns normally when no procedure matches the call.
     */
    static void refuseProcedure(Analyzer a, String schema, String name, FuncArgs call, List<Integer> types, String sig,
                                int location) {
        if (schema != null && schema.equals("pg_catalog")) return;
        List<UserFunctions.Candidate> procs = UserFunctions.procedureCandidates(a, schema, name, types.size(), call.names(),
                !call.variadic());
        if (!procs.isEmpty() && ParseFunc.select(signatures(procs), types) >= 0) {
            throw a.err("42809", sig + " is a procedure", location).withHint("To call a procedure, use CALL.");
        }
    }

    /** Whether the call would find a function instead (func_get_detail found a routine of another kind). */
    private static boolean isFunction(Analyzer a, String schema, String name, FuncArgs call, List<Integer> types) {
        List<UserFunctions.Candidate> fns = UserFunctions.candidates(a, schema, name, types.size(), call.names(),
                !call.variadic());
        if (!fns.isEmpty() && ParseFunc.select(signatures(fns), types) >= 0) return true;
        if (schema != null && !schema.equals("pg_catalog")) return false;
        List<List<Integer>> builtin = new ArrayList<>();
        for (org.tusk.catalog.PgProc p : BuiltinCatalog.functions(name)) {
            if (p.argTypes().size() == types.size()) builtin.add(p.argTypes());
        }
        // an aggregate is a routine of another kind too (prokind 'a')
        for (org.tusk.catalog.PgAggregate g : BuiltinCatalog.aggregates(name)) {
            if (g.argTypes().size() == types.size()) builtin.add(g.argTypes());
        }
        return !builtin.isEmpty() && ParseFunc.select(builtin, types) >= 0;
    }

    private static List<List<Integer>> signatures(List<UserFunctions.Candidate> cands) {
        List<List<Integer>> sigs = new ArrayList<>();
        for (UserFunctions.Candidate c : cands) sigs.add(c.signature());
        return sigs;
    }
}
