package org.tusk.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.FunctionDdl;
import org.tusk.catalog.PgProc;
import org.tusk.catalog.SqlFunction;
import org.tusk.nodes.Expr;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.RawStmt;
import org.tusk.nodes.Stmt;
import org.tusk.parser.ParseCoerce.Context;

/**
 * User-defined functions in function resolution (namespace.c FuncnameGetCandidates with
 * expand_variadic, expand_defaults and MatchNamedCall; parse_func.c func_get_detail): candidates
 * from pg_proc by name through the search path, each with the argument types a call of that shape
 * matches. A call may leave out trailing parameters that have defaults, name parameters
 * (name => value after the positional ones, in any order), and pass any number of trailing
 * values to a VARIADIC parameter, which are then collected into its array; with VARIADIC written
 * in the call the array is passed as it is. expand_function_arguments then puts the arguments in
 * declared order and appends the missing defaults, here at parse time.
 */
final class UserFunctions {
    private UserFunctions() {}

    /**
     * A user function usable for the call, and how the call maps onto it.
     *
     * @param signature the declared types the call's arguments are matched against, in call order
     * @param positions for each call argument, the declared parameter it fills
     * @param nvargs    how many trailing arguments go into the variadic array, -1 when not expanded
     */
    record Candidate(SqlFunction fn, PgProc proc, List<Integer> signature, int[] positions, int nvargs) {}

    static List<Candidate> candidates(Analyzer a, String schemaOrNull, String name, int nargs) {
        return candidates(a, schemaOrNull, name, nargs, List.of(), true);
    }

    /**
     * @param argNames       the names of the call's trailing named arguments (empty: all positional)
     * @param expandVariadic false when the call wrote VARIADIC: a variadic function then takes the array as declared
     */
    static List<Candidate> candidates(Analyzer a, String schemaOrNull, String name, int nargs, List<String> argNames,
                                      boolean expandVariadic) {
        FunctionDdl functions = functions(a);
        if (functions == null) return List.of();
        return matching(functions.candidates(schemaOrNull, name), nargs, argNames, expandVariadic);
    }

    /**
     * The statement's catalog of routines, or without a statement environment (a stored
     * expression analysed over a stand-in relation) the session's.
     */
    private static FunctionDdl functions(Analyzer a) {
        return a.env() != null ? a.env().catalog().functions() : org.tusk.catalog.ObjectNames.current().functions();
    }

    /** The same for a call with OVER: the user's window functions (prokind 'w') named {@code name}. */
    static List<Candidate> windowCandidates(Analyzer a, String name, int nargs, List<String> argNames) {
        if (a.env() == null) return List.of();
        FunctionDdl functions = a.env().catalog().functions();
        if (functions == null) return List.of();
        return matching(functions.windowCandidates(null, name), nargs, argNames, true);
    }

    /** Whether the search path has a user window function named {@code name}, whatever its arguments. */
    static boolean anyWindowFunction(Analyzer a, String name) {
        if (a.env() == null) return false;
        FunctionDdl functions = a.env().catalog().functions();
        return functions != null && !functions.windowCandidates(null, name).isEmpty();
    }

    /** The same for CALL: the procedures named {@code name} (func_get_detail with proc_call). */
    static List<Candidate> procedureCandidates(Analyzer a, String schemaOrNull, String name, int nargs,
                                               List<String> argNames, boolean expandVariadic) {
        if (a.env() == null) return List.of();
        FunctionDdl functions = a.env().catalog().functions();
        if (functions == null) return List.of();
        return matching(functions.procedureCandidates(schemaOrNull, name), nargs, argNames, expandVariadic);
    }

    /** The routines of {@code routines} a call of this shape can use, with how it maps onto each. */
    private static List<Candidate> matching(List<SqlFunction> routines, int nargs, List<String> argNames,
                                            boolean expandVariadic) {
        List<Candidate> out = new ArrayList<>();
        for (SqlFunction f : routines) {
            Candidate c = argNames.isEmpty() ? positional(f, nargs, expandVariadic) : named(f, nargs, argNames, expandVariadic);
            if (c != null) out.add(c);
        }
        return out;
    }

    private static Candidate positional(SqlFunction f, int nargs, boolean expandVariadic) {
        int n = f.argTypes().size();
        int[] positions = new int[nargs];
        if (f.variadicType() != 0 && expandVariadic) {
            // the expanded form: the variadic parameter's element type repeated for each trailing argument
            if (nargs < n) return defaultsOnly(f, nargs);
            List<Integer> sig = new ArrayList<>(f.argTypes().subList(0, n - 1));
            for (int i = n - 1; i < nargs; i++) sig.add(f.variadicType());
            for (int i = 0; i < nargs; i++) positions[i] = Math.min(i, n - 1);
            return new Candidate(f, f.asProc(), sig, positions, nargs - n + 1);
        }
        if (!expandVariadic && f.variadicType() == 0) return null;   // VARIADIC written for a function without one
        if (!expandVariadic && nargs != n) return null;
        return defaultsOnly(f, nargs);
    }

    /** The call fills the first {@code nargs} parameters; the rest must have defaults. */
    private static Candidate defaultsOnly(SqlFunction f, int nargs) {
        int n = f.argTypes().size();
        if (nargs > n || nargs < n - f.nDefaults()) return null;
        int[] positions = new int[nargs];
        for (int i = 0; i < nargs; i++) positions[i] = i;
        return new Candidate(f, f.asProc(), f.argTypes().subList(0, nargs), positions, -1);
    }

    /** MatchNamedCall: positional arguments first, then each name to a distinct later parameter; the others need defaults. */
    private static Candidate named(SqlFunction f, int nargs, List<String> argNames, boolean expandVariadic) {
        // a variadic function takes named notation only with VARIADIC written (its array then named too)
        if (f.variadicType() != 0 && expandVariadic) return null;
        int n = f.argTypes().size();
        int positional = nargs - argNames.size();
        if (nargs > n || positional > n) return null;
        int[] positions = new int[nargs];
        boolean[] filled = new boolean[n];
        for (int i = 0; i < positional; i++) {
            positions[i] = i;
            filled[i] = true;
        }
        for (int k = 0; k < argNames.size(); k++) {
            int found = -1;
            for (int j = 0; j < n; j++) if (argNames.get(k).equals(f.argName(j))) found = j;
            if (found < 0 || filled[found]) return null;
            filled[found] = true;
            positions[positional + k] = found;
        }
        int firstDefault = n - f.nDefaults();
        for (int j = 0; j < n; j++) if (!filled[j] && j < firstDefault) return null;
        List<Integer> sig = new ArrayList<>();
        for (int p : positions) sig.add(f.argTypes().get(p));
        return new Candidate(f, f.asProc(), sig, positions, -1);
    }

    /**
     * The function's arguments in declared order: the call's (already coerced to the candidate's
     * signature), the variadic ones collected into an array, and the defaults of the parameters
     * the call left out, coerced to their types.
     */
    static List<Expr> finalArgs(Analyzer a, Candidate c, List<Expr> given, int location) {
        SqlFunction f = c.fn();
        int n = f.argTypes().size();
        Expr[] declared = new Expr[n];
        if (c.nvargs() >= 0) {
            for (int i = 0; i < n - 1; i++) declared[i] = given.get(i);
            List<Expr> elems = List.copyOf(given.subList(n - 1, given.size()));
            int arrayType = f.argTypes().get(n - 1);
            declared[n - 1] = new Expr.ArrayExpr(f.variadicType(), arrayType, elems, false, location);
        } else {
            for (int i = 0; i < given.size(); i++) declared[c.positions()[i]] = given.get(i);
        }
        if (Arrays.stream(declared).anyMatch(e -> e == null)) {
            List<RawExpr> defaults = parseDefaults(f.defaultsSql(), a.scanSettings());
            String text = "SELECT " + f.defaultsSql();
            int firstDefault = n - defaults.size();
            for (int j = 0; j < n; j++) {
                if (declared[j] != null) continue;
                Analyzer d = a.child(text);
                Expr e = d.transformExpr(defaults.get(j - firstDefault));
                declared[j] = d.coerce(e, f.argTypes().get(j), -1, Context.ASSIGNMENT, location);
            }
        }
        return List.of(declared);
    }

    /** The call's arguments followed by the defaults of the arguments it leaves out, coerced to their types. */
    static List<Expr> withDefaults(Analyzer a, SqlFunction f, List<Expr> given, int location) {
        int[] positions = new int[given.size()];
        for (int i = 0; i < positions.length; i++) positions[i] = i;
        return finalArgs(a, new Candidate(f, f.asProc(), f.argTypes().subList(0, given.size()), positions, -1), given, location);
    }

    /** The default expressions kept as "expr, expr, ..." (a SELECT's target list). */
    static List<RawExpr> parseDefaults(String defaultsSql, org.tusk.utils.misc.ScanSettings scan) {
        List<RawStmt> stmts = Parser.parse("SELECT " + defaultsSql, scan);
        List<RawExpr> out = new ArrayList<>();
        for (Stmt.ResTarget t : ((Stmt.SelectStmt) stmts.get(0).stmt()).targetList()) out.add(t.val());
        return out;
    }

    /** Whether {@code t} is an array type (VARIADIC's argument must be one). */
    static boolean isArray(int t) {
        return ArrayTypes.isArray(t);
    }
}
