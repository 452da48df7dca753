package org.tusk.utils.ruleutils;

import static org.tusk.catalog.CatalogScan.oid;
import static org.tusk.catalog.SystemCatalogs.PG_PROC;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.ObjectNames;
import org.tusk.catalog.SqlFunction;
import org.tusk.catalog.TypeOids;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Texts;
import org.tusk.utils.error.PgException;
import org.tusk.utils.misc.GucDefinition;
import org.tusk.utils.misc.GucFlag;
import org.tusk.utils.misc.GucTables;

/**
 * pg_get_functiondef (ruleutils.c): the CREATE OR REPLACE FUNCTION (or PROCEDURE) statement
 * that recreates a routine from its pg_proc row. The header names the routine schema-qualified
 * with its arguments as pg_get_function_arguments prints them (defaults included), then RETURNS
 * (functions only), LANGUAGE, one line of the non-default options (WINDOW, IMMUTABLE/STABLE,
 * PARALLEL, STRICT, SECURITY DEFINER, LEAKPROOF, COST, ROWS), one SET line per proconfig entry,
 * and the body: a SQL-standard body as pg_get_function_sqlbody prints it, else
 * AS $function$prosrc$function$ with the delimiter lengthened until the body does not contain it.
 * An aggregate is refused (42809) as PostgreSQL refuses it; an OID without a pg_proc row (which
 * includes Tusk's built-in functions, kept in code) gives NULL.
 */
public final class FunctionDefinition {
    private FunctionDefinition() {}

    /** pg_get_functiondef(func oid). */
    public static String functionDef(int procOid, String currentDatabase, org.tusk.catalog.FunctionCallContext c) {
        List<Object[]> rows = ObjectNames.current().rows(PG_PROC, v -> oid(PG_PROC.get(v, "oid")) == procOid);
        if (rows.isEmpty()) return null;
        Object[] p = rows.get(0);
        String name = (String) PG_PROC.get(p, "proname");
        String kind = String.valueOf(PG_PROC.get(p, "prokind"));
        if (kind.equals("a")) throw PgException.error("42809", "\"" + name + "\" is an aggregate function");
        boolean isFunction = !kind.equals("p");
        StringBuilder b = new StringBuilder("CREATE OR REPLACE ").append(isFunction ? "FUNCTION " : "PROCEDURE ");
        String nsp = ObjectNames.current().namespaceName(oid(PG_PROC.get(p, "pronamespace")));
        b.append(Texts.quoteIdentifier(nsp)).append('.').append(Texts.quoteIdentifier(name)).append('(');
        b.append(FunctionArguments.print(p, true, currentDatabase)).append(")\n");
        if (isFunction) b.append(" RETURNS ").append(FunctionDef.result(procOid)).append('\n');
        int lang = oid(PG_PROC.get(p, "prolang"));
        b.append(" LANGUAGE ").append(Texts.quoteIdentifier(languageName(lang))).append('\n');
        b.append(options(p, kind, lang));
        Object config = PG_PROC.get(p, "proconfig");
        if (config != null) {
            for (Object o : ArrayValue.of(config, TypeOids.TEXT).elements()) {
                if (o == null) continue;
                String item = o.toString();
                int eq = item.indexOf('=');
                if (eq < 0) continue;
                b.append(" SET ").append(Texts.quoteIdentifier(item.substring(0, eq))).append(" TO ");
                b.append(settingValue(item.substring(0, eq), item.substring(eq + 1))).append('\n');
            }
        }
        if (lang == SqlFunction.SQL_LANGUAGE_ID && PG_PROC.get(p, "prosqlbody") != null) {
            b.append(FunctionArguments.sqlBody(procOid, c));
        } else {
            String src = String.valueOf(PG_PROC.get(p, "prosrc"));
            // a delimiter the body does not contain: "$function$", lengthened with x's as needed
            StringBuilder dq = new StringBuilder("$").append(isFunction ? "function" : "procedure");
            while (src.contains(dq)) dq.append('x');
            dq.append('$');
            b.append("AS ").append(dq).append(src).append(dq);
        }
        return b.append('\n').toString();
    }

    /** The line of options that differ from the defaults, or "" when none does. */
    private static String options(Object[] p, String kind, int lang) {
        StringBuilder o = new StringBuilder();
        if (kind.equals("w")) o.append(" WINDOW");
        switch (String.valueOf(PG_PROC.get(p, "provolatile"))) {
            case "i" -> o.append(" IMMUTABLE");
            case "s" -> o.append(" STABLE");
            default -> { }
        }
        switch (String.valueOf(PG_PROC.get(p, "proparallel"))) {
            case "s" -> o.append(" PARALLEL SAFE");
            case "r" -> o.append(" PARALLEL RESTRICTED");
            default -> { }
        }
        if (Boolean.TRUE.equals(PG_PROC.get(p, "proisstrict"))) o.append(" STRICT");
        if (Boolean.TRUE.equals(PG_PROC.get(p, "prosecdef"))) o.append(" SECURITY DEFINER");
        if (Boolean.TRUE.equals(PG_PROC.get(p, "proleakproof"))) o.append(" LEAKPROOF");
        // the default cost functioncmds.c gives: 1 for internal and C functions, 100 otherwise
        float defaultCost = lang == 12 || lang == 13 ? 1f : 100f;
        float cost = ((Number) PG_PROC.get(p, "procost")).floatValue();
        if (cost != defaultCost) o.append(" COST ").append(shortest(cost));
        float rows = ((Number) PG_PROC.get(p, "prorows")).floatValue();
        if (rows > 0 && rows != 1000) o.append(" ROWS ").append(shortest(rows));
        return o.isEmpty() ? "" : o.append('\n').toString();
    }

    /** printf's %g for the values COST and ROWS take: an integral value without a fraction. */
    private static String shortest(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Float.toString(v);
    }

    /** get_language_name for the languages pg_language has (pg_language.dat and initdb's plpgsql). */
    private static String languageName(int lang) {
        return switch (lang) {
            case 12 -> "internal";
            case 13 -> "c";
            case SqlFunction.SQL_LANGUAGE_ID -> "sql";
            case SqlFunction.PLPGSQL_LANGUAGE_ID -> "plpgsql";
            default -> throw PgException.error("XX000", "cache lookup failed for language " + lang);
        };
    }

    /**
     * A proconfig value as SQL: a GUC_LIST_QUOTE parameter's value (stored already quoted as
     * flatten_set_variable_args quotes list elements) is split and each element quoted as a
     * literal; any other value is one literal.
     */
    private static String settingValue(String name, String value) {
        GucDefinition def = GucTables.find(name);
        if (def == null || !def.hasFlag(GucFlag.LIST_QUOTE)) return literal(value);
        List<String> parts = new ArrayList<>();
        for (String element : splitGucList(value)) parts.add(literal(element));
        return String.join(", ", parts);
    }

    /** SplitGUCList: comma-separated elements, double quotes removed (doubled ones kept once), no case folding. */
    static List<String> splitGucList(String raw) {
        List<String> out = new ArrayList<>();
        int i = 0, n = raw.length();
        while (i < n && Character.isWhitespace(raw.charAt(i))) i++;
        if (i == n) return out;
        while (i <= n) {
            StringBuilder e = new StringBuilder();
            if (i < n && raw.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char ch = raw.charAt(i);
                    if (ch == '"') {
                        if (i + 1 < n && raw.charAt(i + 1) == '"') {
                            e.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    e.append(ch);
                    i++;
                }
            } else {
                int start = i;
                while (i < n && raw.charAt(i) != ',' && !Character.isWhitespace(raw.charAt(i))) i++;
                e.append(raw, start, i);
            }
            out.add(e.toString());
            while (i < n && Character.isWhitespace(raw.charAt(i))) i++;
            if (i >= n) break;
            if (raw.charAt(i) == ',') i++;
            while (i < n && Character.isWhitespace(raw.charAt(i))) i++;
        }
        return out;
    }

    /** simple_quote_literal: single quotes doubled (standard_conforming_strings on). */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
