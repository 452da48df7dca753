package org.tusk.catalog;

import static org.tusk.catalog.BuiltinRegistry.d;
import static org.tusk.catalog.BuiltinRegistry.l;
import static org.tusk.catalog.BuiltinRegistry.n;
import static org.tusk.catalog.TypeOids.*;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.tusk.catalog.PgProc.Volatility;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.adt.formatting.DateTimeFormatting;
import org.tusk.utils.adt.formatting.NumericFormatting;

/**
 * The data type formatting functions of pg_proc.dat (formatting.c): to_char for timestamp,
 * timestamptz, interval, numeric, int4, int8, float4 and float8; to_number; to_date;
 * to_timestamp(text, text) and to_timestamp(float8) (float8_timestamptz of timestamp.c). All
 * but to_timestamp(float8) are STABLE as in pg_proc.dat: their output follows lc_numeric,
 * lc_time or the session time zone.
 */
final class FormattingBuiltins {
    private FormattingBuiltins() {}

    static void register(BuiltinRegistry r) {
        Volatility s = Volatility.STABLE;
        r.fn("to_char", List.of(TIMESTAMP, TEXT), TEXT, s, true,
                (c, a) -> DateTimeFormatting.toChar((LocalDateTime) a[0], (String) a[1]));
        r.fn("to_char", List.of(TIMESTAMPTZ, TEXT), TEXT, s, true,
                (c, a) -> DateTimeFormatting.toChar((Instant) a[0], c.timeZone(), (String) a[1]));
        r.fn("to_char", List.of(INTERVAL, TEXT), TEXT, s, true,
                (c, a) -> DateTimeFormatting.toChar((Interval) a[0], (String) a[1]));
        r.fn("to_char", List.of(NUMERIC, TEXT), TEXT, s, true, (c, a) -> NumericFormatting.toChar(n(a[0]), (String) a[1]));
        r.fn("to_char", List.of(INT4, TEXT), TEXT, s, true, (c, a) -> NumericFormatting.toChar(l(a[0]), true, (String) a[1]));
        r.fn("to_char", List.of(INT8, TEXT), TEXT, s, true, (c, a) -> NumericFormatting.toChar(l(a[0]), false, (String) a[1]));
        r.fn("to_char", List.of(FLOAT4, TEXT), TEXT, s, true, (c, a) -> NumericFormatting.toChar(d(a[0]), 6, (String) a[1]));
        r.fn("to_char", List.of(FLOAT8, TEXT), TEXT, s, true, (c, a) -> NumericFormatting.toChar(d(a[0]), 15, (String) a[1]));
        r.fn("to_number", List.of(TEXT, TEXT), NUMERIC, s, true,
                (c, a) -> NumericFormatting.toNumber((String) a[0], (String) a[1]));
        r.fn("to_date", List.of(TEXT, TEXT), DATE, s, true, (c, a) -> DateTimeFormatting.toDate((String) a[0], (String) a[1]));
        r.fn("to_timestamp", List.of(TEXT, TEXT), TIMESTAMPTZ, s, true,
                (c, a) -> DateTimeFormatting.toTimestamp((String) a[0], (String) a[1], c.timeZone()));
        r.fn("to_timestamp", List.of(FLOAT8), TIMESTAMPTZ, (c, a) -> DateTimeFormatting.fromUnixEpoch(d(a[0])));
    }
}
