package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.RawExpr;
import org.tusk.utils.error.SqlState;

/**
 * A call's argument list as ParseFuncOrColumn sees it: the argument expressions without their
 * NamedArg / VARIADIC wrappers, the names of the trailing named arguments, and whether the last
 * argument was written VARIADIC. The checks are parse_func.c's: a positional argument may not
 * follow a named one, and no name may be used twice.
 */
record FuncArgs(List<RawExpr> args, List<String> names, boolean variadic) {

    static FuncArgs of(Analyzer a, RawExpr.FuncCall f) {
        List<RawExpr> args = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean variadic = false;
        for (RawExpr r : f.args()) {
            if (r instanceof RawExpr.VariadicArg v) {
                variadic = true;
                r = v.arg();
            }
            if (r instanceof RawExpr.NamedArg n) {
                if (names.contains(n.name())) {
                    throw a.err(SqlState.SYNTAX_ERROR, "argument name \"" + n.name() + "\" used more than once", n.location());
                }
                names.add(n.name());
                args.add(n.arg());
            } else {
                if (!names.isEmpty()) {
                    throw a.err(SqlState.SYNTAX_ERROR, "positional argument cannot follow named argument", r.location());
                }
                args.add(r);
            }
        }
        return new FuncArgs(List.copyOf(args), List.copyOf(names), variadic);
    }

    boolean plain() {
        return names.isEmpty() && !variadic;
    }

    /** funcname_signature_string: "f(integer, b => text)" (named arguments shown with their names). */
    String signature(String name, List<Integer> types) {
        StringBuilder sb = new StringBuilder(name).append('(');
        int positional = types.size() - names.size();
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) sb.append(", ");
            if (i >= positional) sb.append(names.get(i - positional)).append(" => ");
            sb.append(BuiltinCatalog.formatType(types.get(i)));
        }
        return sb.append(')').toString();
    }
}
