package org.tusk.catalog;

import static org.tusk.catalog.TypeOids.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.ArraySets;
import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.GenerateSeries;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.adt.Jsonb;
import org.tusk.utils.adt.JsonSets;
import org.tusk.utils.adt.TextSets;

/**
 * The set-returning built-ins (pg_proc.dat rows with proretset): generate_series,
 * generate_subscripts, unnest, the json/jsonb each/keys/elements functions, regexp_matches,
 * regexp_split_to_table and string_to_table. The values themselves come from utils/adt
 * ({@link GenerateSeries}, {@link ArraySets}, {@link JsonSets}, {@link TextSets}).
 */
final class SrfBuiltins {
    private SrfBuiltins() {}

    static void register(BuiltinRegistry r) {
        series(r);
        arrays(r);
        json(r);
        text(r);
    }

    private static void srf(BuiltinRegistry r, String name, List<Integer> args, int result, Volatility v,
                            SetReturningFunction f) {
        r.fn(name, args, result, v, true, f);
    }

    private static void series(BuiltinRegistry r) {
        srf(r, "generate_series", List.of(INT4, INT4), INT4, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.int4((Integer) a[0], (Integer) a[1], 1));
        srf(r, "generate_series", List.of(INT4, INT4, INT4), INT4, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.int4((Integer) a[0], (Integer) a[1], (Integer) a[2]));
        srf(r, "generate_series", List.of(INT8, INT8), INT8, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.int8((Long) a[0], (Long) a[1], 1));
        srf(r, "generate_series", List.of(INT8, INT8, INT8), INT8, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.int8((Long) a[0], (Long) a[1], (Long) a[2]));
        srf(r, "generate_series", List.of(NUMERIC, NUMERIC), NUMERIC, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.numeric((BigDecimal) a[0], (BigDecimal) a[1], BigDecimal.ONE));
        srf(r, "generate_series", List.of(NUMERIC, NUMERIC, NUMERIC), NUMERIC, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.numeric((BigDecimal) a[0], (BigDecimal) a[1], (BigDecimal) a[2]));
        srf(r, "generate_series", List.of(TIMESTAMP, TIMESTAMP, INTERVAL), TIMESTAMP, Volatility.IMMUTABLE,
                (c, a) -> GenerateSeries.timestamp((LocalDateTime) a[0], (LocalDateTime) a[1], (Interval) a[2]));
        srf(r, "generate_series", List.of(TIMESTAMPTZ, TIMESTAMPTZ, INTERVAL), TIMESTAMPTZ, Volatility.STABLE,
                (c, a) -> GenerateSeries.timestamptz((Instant) a[0], (Instant) a[1], (Interval) a[2], c.timeZone()));
    }

    private static void arrays(BuiltinRegistry r) {
        SetReturningFunction.Polymorphic unnest = (argTypes, result) ->
                (c, a) -> ArraySets.unnest(ArrayValue.of(a[0], result));
        r.fn("unnest", List.of(ANYARRAY), ANYELEMENT, Volatility.IMMUTABLE, true, unnest);
        srf(r, "generate_subscripts", List.of(ANYARRAY, INT4), INT4, Volatility.IMMUTABLE,
                (c, a) -> ArraySets.generateSubscripts(ArrayValue.of(a[0], 0), (Integer) a[1], false));
        srf(r, "generate_subscripts", List.of(ANYARRAY, INT4, BOOL), INT4, Volatility.IMMUTABLE,
                (c, a) -> ArraySets.generateSubscripts(ArrayValue.of(a[0], 0), (Integer) a[1], (Boolean) a[2]));
    }

    private static void json(BuiltinRegistry r) {
        for (int t : new int[] {JSON, JSONB}) {
            String p = t == JSON ? "json" : "jsonb";
            boolean b = t == JSONB;
            srf(r, p + "_each", List.of(t), RECORD, Volatility.IMMUTABLE, SetReturningFunction.withColumns(
                    List.of(new ColumnDef("key", TEXT), new ColumnDef("value", t)),
                    (c, a) -> b ? JsonSets.jsonbEach((Jsonb) a[0], false) : JsonSets.jsonEach((String) a[0], false)));
            srf(r, p + "_each_text", List.of(t), RECORD, Volatility.IMMUTABLE, SetReturningFunction.withColumns(
                    List.of(new ColumnDef("key", TEXT), new ColumnDef("value", TEXT)),
                    (c, a) -> b ? JsonSets.jsonbEach((Jsonb) a[0], true) : JsonSets.jsonEach((String) a[0], true)));
            srf(r, p + "_object_keys", List.of(t), TEXT, Volatility.IMMUTABLE,
                    (c, a) -> b ? JsonSets.jsonbObjectKeys((Jsonb) a[0]) : JsonSets.jsonObjectKeys((String) a[0]));
            // one OUT parameter, "value": it names the column in FROM
            srf(r, p + "_array_elements", List.of(t), t, Volatility.IMMUTABLE, SetReturningFunction.withColumns(
                    List.of(new ColumnDef("value", t)), (c, a) -> b ? JsonSets.jsonbArrayElements((Jsonb) a[0], false)
                            : JsonSets.jsonArrayElements((String) a[0], false)));
            srf(r, p + "_array_elements_text", List.of(t), TEXT, Volatility.IMMUTABLE, SetReturningFunction.withColumns(
                    List.of(new ColumnDef("value", TEXT)), (c, a) -> b ? JsonSets.jsonbArrayElements((Jsonb) a[0], true)
                            : JsonSets.jsonArrayElements((String) a[0], true)));
        }
    }

    private static void text(BuiltinRegistry r) {
        srf(r, "regexp_matches", List.of(TEXT, TEXT), TEXT_ARRAY, Volatility.IMMUTABLE,
                (c, a) -> TextSets.regexpMatches((String) a[0], (String) a[1], null));
        srf(r, "regexp_matches", List.of(TEXT, TEXT, TEXT), TEXT_ARRAY, Volatility.IMMUTABLE,
                (c, a) -> TextSets.regexpMatches((String) a[0], (String) a[1], (String) a[2]));
        srf(r, "regexp_split_to_table", List.of(TEXT, TEXT), TEXT, Volatility.IMMUTABLE,
                (c, a) -> TextSets.regexpSplitToTable((String) a[0], (String) a[1], null));
        srf(r, "regexp_split_to_table", List.of(TEXT, TEXT, TEXT), TEXT, Volatility.IMMUTABLE,
                (c, a) -> TextSets.regexpSplitToTable((String) a[0], (String) a[1], (String) a[2]));
        // string_to_table is not strict: a NULL delimiter splits into characters, a NULL string gives no rows
        r.fn("string_to_table", List.of(TEXT, TEXT), TEXT, Volatility.IMMUTABLE, false,
                (SetReturningFunction) (c, a) -> TextSets.stringToTable((String) a[0], (String) a[1], null));
        r.fn("string_to_table", List.of(TEXT, TEXT, TEXT), TEXT, Volatility.IMMUTABLE, false,
                (SetReturningFunction) (c, a) -> TextSets.stringToTable((String) a[0], (String) a[1], (String) a[2]));
    }
}
