package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;

/**
 * User-defined functions in function resolution (parse_func.c func_get_detail with
 * FuncnameGetCandidates): candidates from pg_proc by name through the search path, callable with
 * fewer arguments than declared when the missing trailing ones have defaults, and the default
 * expressions appended to such a call (expand_function_arguments at parse time).
 */
final class UserFunctions {
    private UserFunctions() {}

    /** A user function usable with {@code nargs} arguments, and the argument types a call of that length matches. */
    record Candidate(SqlFunction fn, PgProc proc, List<Integer> signature) {}

    static List<Candidate> candidates(Analyzer a, String schemaOrNull, String name, int nargs) {
        if (a.env() == null) return List.of();
        FunctionDdl functions = a.env().catalog().functions();
        if (functions == null) return List.of();
        List<Candidate> out = new ArrayList<>();
        for (SqlFunction f : functions.candidates(schemaOrNull, name)) {
            int n = f.argTypes().size();
            if (nargs > n || nargs < n - f.nDefaults()) continue;
            out.add(new Candidate(f, f.asProc(), f.argTypes().subList(0, nargs)));
        }
        return out;
    }

    /** The call's arguments followed by the defaults of the arguments it leaves out, coerced to their types. */
    static List<Expr> withDefaults(Analyzer a, SqlFunction f, List<Expr> given, int location) {
        int missing = f.argTypes().size() - given.size();
        if (missing == 0) return given;
        List<RawExpr> defaults = parseDefaults(f.defaultsSql());
        List<Expr> out = new ArrayList<>(given);
        String text = "SELECT " + f.defaultsSql();
        for (int i = defaults.size() - missing; i < defaults.size(); i++) {
            Analyzer d = a.child(text);
            Expr e = d.transformExpr(defaults.get(i));
            out.add(d.coerce(e, f.argTypes().get(out.size()), -1, Context.ASSIGNMENT, location));
        }
        return out;
    }

    /** The default expressions kept as "expr, expr, ..." (a SELECT's target list). */
    static List<RawExpr> parseDefaults(String defaultsSql) {
        List<RawStmt> stmts = Parser.parse("SELECT " + defaultsSql);
        List<RawExpr> out = new ArrayList<>();
        for (Stmt.ResTarget t : ((Stmt.SelectStmt) stmts.get(0).stmt()).targetList()) out.add(t.val());
        return out;
    }
}
