package org.tusk.parser;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.BuiltinCatalog;
import org.tusk.nodes.RawExpr;
import org.tusk.nodes.TypeName;

/**
 * Named notation for built-in functions that declare parameter names (expand_function_arguments
 * of PostgreSQL's clauses.c, applied at parse analysis): a call such as
 * {@code jsonb_path_query(t, p, silent => true)} becomes the positional call
 * {@code jsonb_path_query(t, p, '{}'::jsonb, true)}, the omitted parameters before the last
 * named one taking their defaults. A call that names an unknown parameter, names one already
 * given by position, or leaves out one without a default is left as it is, so the ordinary
 * lookup reports that no such function exists.
 */
final class BuiltinNamedArgs {
    private BuiltinNamedArgs() {}

    static RawExpr.FuncCall expand(RawExpr.FuncCall f, String name) {
        if (f.args().stream().noneMatch(a -> a instanceof RawExpr.NamedArg)) return f;
        BuiltinCatalog.ParameterInfo info = BuiltinCatalog.parameterInfo(name);
        if (info == null) return f;
        int n = info.names().size();
        RawExpr[] slots = new RawExpr[n];
        int positional = 0;
        for (RawExpr a : f.args()) {
            if (a instanceof RawExpr.NamedArg na) {
                int i = info.names().indexOf(na.name());
                if (i < 0 || slots[i] != null) return f;
                slots[i] = na.arg();
            } else {
                if (a instanceof RawExpr.VariadicArg || positional >= n || slots[positional] != null) return f;
                slots[positional++] = a;
            }
        }
        int used = n;
        while (used > 0 && slots[used - 1] == null) used--;
        List<RawExpr> args = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            if (slots[i] == null) {
                String def = info.defaults().get(i);
                if (def == null) return f;
                slots[i] = new RawExpr.TypeCast(new RawExpr.AConst(RawExpr.AConst.Kind.STRING, def, f.location()),
                        new TypeName(List.of(info.types().get(i)), List.of(), false, f.location()), f.location());
            }
            args.add(slots[i]);
        }
        return new RawExpr.FuncCall(f.name(), args, f.star(), f.distinct(), f.filter(), f.aggOrder(), f.location(), f.over());
    }
}
