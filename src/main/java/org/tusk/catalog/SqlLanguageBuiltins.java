package org.tusk.catalog;

import java.util.List;
import java.util.Set;

/**
 * The built-in functions that PostgreSQL 15 defines in LANGUAGE sql (pg_proc.dat's prolang 14
 * entries of pg_catalog, such as {@code log(numeric)} as {@code select log(10, $1)} and the
 * three-argument {@code substring} of SUBSTRING ... SIMILAR), which Tusk implements directly.
 * The difference shows in one place: when the planner evaluates such a call on constants
 * (evaluate_function), PostgreSQL runs the SQL body, so an error it raises carries the context
 * {@code SQL function "name" statement 1}; a call on other values is inlined and has none.
 * Tusk's built-ins do not have PostgreSQL's OIDs, so they are known by name and argument types.
 */
public final class SqlLanguageBuiltins {
    private SqlLanguageBuiltins() {}

    private static final int TEXT = 25, NUMERIC = 1700, INT4 = 23, INT8 = 20, BIT = 1560, BYTEA = 17, DATE = 1082,
            TIME = 1083, TIMETZ = 1266, TIMESTAMP = 1114, TIMESTAMPTZ = 1184, INTERVAL = 1186, INET = 869, OID = 26,
            NAME = 19, ANYNONARRAY = 2776, ANYELEMENT = 2283, REGCLASS = 2205, PATH = 602, POINT = 600,
            CIRCLE = 718, PG_LSN = 3220;

    private record Signature(String name, List<Integer> argTypes) {}

    private static final Set<Signature> SQL_LANGUAGE = Set.of(
            new Signature("age", List.of(TIMESTAMPTZ)), new Signature("age", List.of(TIMESTAMP)),
            new Signature("anytextcat", List.of(ANYNONARRAY, TEXT)), new Signature("textanycat", List.of(TEXT, ANYNONARRAY)),
            new Signature("bit_length", List.of(BIT)), new Signature("bit_length", List.of(TEXT)),
            new Signature("bit_length", List.of(BYTEA)), new Signature("col_description", List.of(OID, INT4)),
            new Signature("date_part", List.of(TEXT, DATE)), new Signature("int8pl_inet", List.of(INT8, INET)),
            new Signature("integer_pl_date", List.of(INT4, DATE)), new Signature("interval_pl_date", List.of(INTERVAL, DATE)),
            new Signature("interval_pl_time", List.of(INTERVAL, TIME)),
            new Signature("interval_pl_timestamp", List.of(INTERVAL, TIMESTAMP)),
            new Signature("interval_pl_timestamptz", List.of(INTERVAL, TIMESTAMPTZ)),
            new Signature("interval_pl_timetz", List.of(INTERVAL, TIMETZ)),
            new Signature("log", List.of(NUMERIC)), new Signature("log10", List.of(NUMERIC)),
            new Signature("lpad", List.of(TEXT, INT4)), new Signature("rpad", List.of(TEXT, INT4)),
            new Signature("numeric_pl_pg_lsn", List.of(NUMERIC, PG_LSN)),
            new Signature("obj_description", List.of(OID, NAME)), new Signature("obj_description", List.of(OID)),
            new Signature("shobj_description", List.of(OID, NAME)),
            new Signature("overlaps", List.of(TIMESTAMP, INTERVAL, TIMESTAMP, INTERVAL)),
            new Signature("overlaps", List.of(TIME, INTERVAL, TIME, TIME)),
            new Signature("overlaps", List.of(TIME, TIME, TIME, INTERVAL)),
            new Signature("overlaps", List.of(TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL)),
            new Signature("overlaps", List.of(TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, INTERVAL)),
            new Signature("overlaps", List.of(TIMESTAMPTZ, INTERVAL, TIMESTAMPTZ, TIMESTAMPTZ)),
            new Signature("overlaps", List.of(TIMESTAMP, TIMESTAMP, TIMESTAMP, INTERVAL)),
            new Signature("overlaps", List.of(TIMESTAMP, INTERVAL, TIMESTAMP, TIMESTAMP)),
            new Signature("overlaps", List.of(TIME, INTERVAL, TIME, INTERVAL)),
            new Signature("path_contain_pt", List.of(PATH, POINT)), new Signature("pg_relation_size", List.of(REGCLASS)),
            new Signature("polygon", List.of(CIRCLE)), new Signature("quote_literal", List.of(ANYELEMENT)),
            new Signature("quote_nullable", List.of(ANYELEMENT)), new Signature("round", List.of(NUMERIC)),
            new Signature("substring", List.of(TEXT, TEXT, TEXT)), new Signature("timedate_pl", List.of(TIME, DATE)),
            new Signature("timestamptz", List.of(DATE, TIME)), new Signature("timetzdate_pl", List.of(TIMETZ, DATE)),
            new Signature("trunc", List.of(NUMERIC)));

    /** Whether PostgreSQL defines {@code p} in LANGUAGE sql. */
    public static boolean isSqlLanguage(PgProc p) {
        return SQL_LANGUAGE.contains(new Signature(p.name(), p.argTypes()));
    }
}
