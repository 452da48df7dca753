package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.OID;
import static org.tusk.catalog.TypeOids.TEXT;
import static org.tusk.catalog.TypeOids.TEXT_ARRAY;

import java.util.ArrayList;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.TextArrays;
import org.tusk.utils.ruleutils.FunctionArguments;

/**
 * The catalog functions pg_dump calls that no other area provides: pg_get_function_arguments,
 * pg_get_function_identity_arguments, pg_get_function_arg_default, pg_get_functiondef and pg_get_function_sqlbody (ruleutils.c, over pg_proc rows,
 * {@link FunctionArguments}), and pg_options_to_table (foreign.c: a reloptions-style text[] of
 * "name=value" items as rows (option_name, option_value), split at the first '='; an item without
 * one has a NULL value), and shobj_description, always NULL as no shared object can have a comment.
 */
final class DumpSupportBuiltins {
    private DumpSupportBuiltins() {}

    static void register(BuiltinRegistry r) {
        Volatility S = Volatility.STABLE;
        r.fn("pg_get_function_arguments", List.of(OID), TEXT, S, true,
                (c, a) -> FunctionArguments.arguments(((Number) a[0]).intValue(), c.session().currentDatabase()));
        r.fn("pg_get_function_identity_arguments", List.of(OID), TEXT, S, true,
                (c, a) -> FunctionArguments.identityArguments(((Number) a[0]).intValue()));
        r.fn("pg_get_functiondef", List.of(OID), TEXT, S, true,
                (c, a) -> org.tusk.utils.ruleutils.FunctionDefinition.functionDef(((Number) a[0]).intValue(),
                        c.session().currentDatabase(), c));
        r.fn("pg_get_function_arg_default", List.of(OID, TypeOids.INT4), TEXT, S, true,
                (c, a) -> FunctionArguments.argDefault(((Number) a[0]).intValue(), ((Number) a[1]).intValue(), c));
        r.fn("pg_get_function_sqlbody", List.of(OID), TEXT, S, true,
                (c, a) -> FunctionArguments.sqlBody(((Number) a[0]).intValue(), c));
        // shobj_description: comments on shared objects (pg_shdescription); Tusk has no COMMENT ON
        // DATABASE / ROLE / TABLESPACE, so no shared object has one
        r.fn("shobj_description", List.of(OID, TypeOids.NAME), TEXT, S, true, (c, a) -> null);
        // pg_tablespace_location: pg_default and pg_global live in the data directory (empty string)
        r.fn("pg_tablespace_location", List.of(OID), TEXT, S, true, (c, a) -> {
            long oid = ((Number) a[0]).longValue();
            if (oid == InstallationCatalogs.DEFAULT_TABLESPACE || oid == InstallationCatalogs.GLOBAL_TABLESPACE) return "";
            throw org.tusk.utils.error.PgException.error(org.tusk.utils.error.SqlState.UNDEFINED_OBJECT,
                    "tablespace with OID " + oid + " does not exist");
        });
        r.fn("pg_options_to_table", List.of(TEXT_ARRAY), TypeOids.RECORD, Volatility.STABLE, true,
                SetReturningFunction.withColumns(List.of(new ColumnDef("option_name", TEXT), new ColumnDef("option_value", TEXT)),
                        (c, a) -> optionsToTable(a[0]).iterator()));
    }

    /** pg_options_to_table / untransformRelOptions: "k=v" items as (k, v) rows. */
    static List<Object[]> optionsToTable(Object options) {
        List<Object[]> out = new ArrayList<>();
        for (Object item : TextArrays.elements(options)) {
            if (item == null) continue;
            String s = item.toString();
            int eq = s.indexOf('=');
            out.add(eq < 0 ? new Object[] {s, null} : new Object[] {s.substring(0, eq), s.substring(eq + 1)});
        }
        return out;
    }
}
