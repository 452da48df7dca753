package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.StringFuncs;
import org.tusk.utils.adt.TextFormat;
import org.tusk.utils.adt.Texts;

/** pg_proc entries of the string functions in varlena.c, quote.c and oracle_compat.c. */
final class StringBuiltins {
    private StringBuiltins() {}

    static void register(BuiltinRegistry r) {
        r.fn("reverse", List.of(TEXT), TEXT, (c, a) -> StringFuncs.reverse(s(a[0])));
        r.fn("left", List.of(TEXT, INT4), TEXT, (c, a) -> StringFuncs.left(s(a[0]), (Integer) a[1]));
        r.fn("right", List.of(TEXT, INT4), TEXT, (c, a) -> StringFuncs.right(s(a[0]), (Integer) a[1]));
        r.fn("strpos", List.of(TEXT, TEXT), INT4, (c, a) -> StringFuncs.strpos(s(a[0]), s(a[1])));
        r.fn("split_part", List.of(TEXT, TEXT, INT4), TEXT, (c, a) -> StringFuncs.splitPart(s(a[0]), s(a[1]), (Integer) a[2]));
        r.fn("translate", List.of(TEXT, TEXT, TEXT), TEXT, (c, a) -> StringFuncs.translate(s(a[0]), s(a[1]), s(a[2])));
        r.fn("lpad", List.of(TEXT, INT4), TEXT, (c, a) -> StringFuncs.pad(s(a[0]), (Integer) a[1], " ", true));
        r.fn("lpad", List.of(TEXT, INT4, TEXT), TEXT, (c, a) -> StringFuncs.pad(s(a[0]), (Integer) a[1], s(a[2]), true));
        r.fn("rpad", List.of(TEXT, INT4), TEXT, (c, a) -> StringFuncs.pad(s(a[0]), (Integer) a[1], " ", false));
        r.fn("rpad", List.of(TEXT, INT4, TEXT), TEXT, (c, a) -> StringFuncs.pad(s(a[0]), (Integer) a[1], s(a[2]), false));
        r.fn("initcap", List.of(TEXT), TEXT, (c, a) -> StringFuncs.initcap(s(a[0])));
        r.fn("ascii", List.of(TEXT), INT4, (c, a) -> StringFuncs.ascii(s(a[0])));
        r.fn("chr", List.of(INT4), TEXT, (c, a) -> StringFuncs.chr((Integer) a[0]));
        r.fn("starts_with", List.of(TEXT, TEXT), BOOL, (c, a) -> s(a[0]).startsWith(s(a[1])));
        r.fn("replace", List.of(TEXT, TEXT, TEXT), TEXT,
                (c, a) -> s(a[1]).isEmpty() ? s(a[0]) : s(a[0]).replace(s(a[1]), s(a[2])));
        r.fn("quote_literal", List.of(TEXT), TEXT, (c, a) -> StringFuncs.quoteLiteral(s(a[0])));
        r.fn("quote_nullable", List.of(TEXT), TEXT, Volatility.IMMUTABLE, false,
                (c, a) -> a[0] == null ? "NULL" : StringFuncs.quoteLiteral(s(a[0])));
        r.fn("quote_ident", List.of(TEXT), TEXT, (c, a) -> Texts.quoteIdentifier(s(a[0])));
        // format(text [, VARIADIC "any"]) and concat_ws(text, VARIADIC "any"): not strict; arguments
        // reach them as text through their output functions
        variadic(r, "format", (c, a) -> a[0] == null ? null : TextFormat.format(s(a[0]), a, 1));
        variadic(r, "concat_ws", (c, a) -> StringFuncs.concatWs(a));
    }

    private static void variadic(BuiltinRegistry r, String name, BuiltinFunction f) {
        r.procs.computeIfAbsent(name, k -> new ArrayList<>())
                .add(new PgProc(r.oidFor(name, List.of(), true), name, List.of(), TEXT, false, Volatility.STABLE, true, f));
    }

    private static String s(Object o) { return (String) o; }
}
