package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.util.Arrays;
import java.util.List;

/**
 * The parts of pg_proc rows beyond argument and result types that the built-ins registered
 * elsewhere need for calls to resolve as in PostgreSQL: provariadic (the last parameter is
 * VARIADIC over a concrete element type, so {@code json_extract_path(j, 'a', 'b')} collects
 * its trailing arguments into a text[]), and proargnames with proargdefaults (named notation
 * and omitted trailing arguments, {@code make_interval(days => 10)}). The names and defaults
 * are those of pg_proc.dat and system_functions.sql in PostgreSQL 15.
 */
final class ProcSignatures {
    private ProcSignatures() {}

    static void register(BuiltinRegistry r) {
        for (String f : List.of("json_extract_path", "json_extract_path_text")) r.variadic(f, List.of(JSON, TEXT_ARRAY));
        for (String f : List.of("jsonb_extract_path", "jsonb_extract_path_text")) r.variadic(f, List.of(JSONB, TEXT_ARRAY));
        r.variadic("jsonb_delete", List.of(JSONB, TEXT_ARRAY));

        r.parameters("jsonb_set", List.of("jsonb_in", "path", "replacement", "create_if_missing"),
                Arrays.asList(null, null, null, "true"), List.of("jsonb", "_text", "jsonb", "bool"));
        r.parameters("jsonb_insert", List.of("jsonb_in", "path", "replacement", "insert_after"),
                Arrays.asList(null, null, null, "false"), List.of("jsonb", "_text", "jsonb", "bool"));
        r.parameters("jsonb_set_lax", List.of("jsonb_in", "path", "replacement", "create_if_missing", "null_value_treatment"),
                Arrays.asList(null, null, null, "true", "use_json_null"), List.of("jsonb", "_text", "jsonb", "bool", "text"));
        for (String p : List.of("json", "jsonb")) {
            r.parameters(p + "_populate_record", List.of("base", "from_json", "use_json_as_text"),
                    Arrays.asList(null, null, "false"), List.of("anyelement", p, "bool"));
            r.parameters(p + "_populate_recordset", List.of("base", "from_json", "use_json_as_text"),
                    Arrays.asList(null, null, "false"), List.of("anyelement", p, "bool"));
        }
        r.parameters("parse_ident", List.of("str", "strict"), Arrays.asList(null, "true"), List.of("text", "bool"));
        r.parameters("make_interval", List.of("years", "months", "weeks", "days", "hours", "mins", "secs"),
                List.of("0", "0", "0", "0", "0", "0", "0.0"), List.of("int4", "int4", "int4", "int4", "int4", "int4", "float8"));
        r.parameters("make_date", List.of("year", "month", "day"), Arrays.asList(null, null, null), List.of("int4", "int4", "int4"));
        r.parameters("make_time", List.of("hour", "min", "sec"), Arrays.asList(null, null, null), List.of("int4", "int4", "float8"));
        r.parameters("make_timestamp", List.of("year", "month", "mday", "hour", "min", "sec"),
                Arrays.asList(null, null, null, null, null, null), List.of("int4", "int4", "int4", "int4", "int4", "float8"));
        r.parameters("make_timestamptz", List.of("year", "month", "mday", "hour", "min", "sec", "timezone"),
                Arrays.asList(null, null, null, null, null, null, null),
                List.of("int4", "int4", "int4", "int4", "int4", "float8", "text"));
    }
}
