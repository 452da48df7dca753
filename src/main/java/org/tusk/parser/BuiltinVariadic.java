package org.tusk.parser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tusk.catalog.ArrayTypes;
import org.tusk.catalog.BuiltinCatalog;
import org.tusk.catalog.BuiltinFunction;
import org.tusk.catalog.PgProc;
import org.tusk.utils.adt.ArrayValue;

/**
 * Built-ins declared with a VARIADIC parameter of a concrete array type (pg_proc.provariadic,
 * {@link BuiltinCatalog#isVariadic}), as FuncnameGetCandidates offers them: a call without
 * VARIADIC that has at least as many arguments as the function has parameters sees the
 * expanded form, the last parameter repeated as its element type once per trailing argument
 * (so {@code json_extract_path(j, '{a}')} passes the one key "{a}", as in PostgreSQL); a call
 * written with VARIADIC sees the declared form, its last argument being the array itself.
 * The expanded form collects the trailing arguments into an array before calling the
 * function, so a NULL among them is an element, not a NULL argument (a strict function still
 * returns NULL for a NULL leading argument).
 */
final class BuiltinVariadic {
    private BuiltinVariadic() {}

    /** The candidate forms of {@code procs} for a call of {@code nargs} arguments, with or without VARIADIC. */
    static List<PgProc> candidates(List<PgProc> procs, int nargs, boolean variadicCall) {
        List<PgProc> out = new ArrayList<>();
        for (PgProc p : procs) {
            if (p.variadicAny() || !BuiltinCatalog.isVariadic(p)) {
                out.add(p);
                continue;
            }
            int declared = p.argTypes().size();
            if (variadicCall) {
                if (declared == nargs) out.add(p);
            } else if (nargs >= declared) {
                out.add(expanded(p, nargs));
            }
        }
        // FuncnameGetCandidates: an expanded form with the same argument types as an ordinary
        // function of the name gives way to it (jsonb_delete(jsonb, text) over VARIADIC text[])
        out.removeIf(e -> !procs.contains(e) && procs.stream().anyMatch(o -> !BuiltinCatalog.isVariadic(o) && !o.variadicAny()
                && o.argTypes().equals(e.argTypes())));
        return out;
    }

    /** Whether {@code p} may be called with VARIADIC written (a declared VARIADIC array parameter). */
    static boolean acceptsVariadicCall(PgProc p) {
        return BuiltinCatalog.isVariadic(p);
    }

    private static PgProc expanded(PgProc p, int nargs) {
        int fixed = p.argTypes().size() - 1;
        int elem = ArrayTypes.elementOf(p.argTypes().get(fixed));
        List<Integer> types = new ArrayList<>(p.argTypes().subList(0, fixed));
        while (types.size() < nargs) types.add(elem);
        BuiltinFunction inner = p.impl();
        boolean strict = p.strict();
        BuiltinFunction collect = (ctx, values) -> {
            Object[] args = new Object[fixed + 1];
            for (int i = 0; i < fixed; i++) {
                if (strict && values[i] == null) return null;
                args[i] = values[i];
            }
            args[fixed] = ArrayValue.of1d(elem, Arrays.asList(values).subList(fixed, values.length));
            return inner.invoke(ctx, args);
        };
        return new PgProc(p.oid(), p.name(), List.copyOf(types), p.resultType(), false, p.volatility(), false, collect);
    }
}
