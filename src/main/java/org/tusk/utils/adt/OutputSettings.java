package org.tusk.utils.adt;

import java.time.ZoneId;

/**
 * The session settings that output functions depend on: TimeZone (timestamptz),
 * extra_float_digits (float4/float8: &gt; 0 means shortest round-trip output, otherwise
 * %.{6|15 + extra_float_digits}g as in PostgreSQL's float4out/float8out), DateStyle (style and
 * field order of date/timestamp output), IntervalStyle and bytea_output ({@code byteaEscape} is true
 * for bytea_output = escape, PostgreSQL's BYTEA_OUTPUT_ESCAPE; hex is the default).
 */
public record OutputSettings(ZoneId timeZone, int extraFloatDigits, DateStyles.Style dateStyle,
                             DateStyles.Order dateOrder, DateStyles.IntervalStyle intervalStyle,
                             boolean byteaEscape) {
    public static final OutputSettings DEFAULT = new OutputSettings(java.time.ZoneOffset.UTC, 1);

    /** The given styles with bytea_output = hex. */
    public OutputSettings(ZoneId timeZone, int extraFloatDigits, DateStyles.Style dateStyle,
                          DateStyles.Order dateOrder, DateStyles.IntervalStyle intervalStyle) {
        this(timeZone, extraFloatDigits, dateStyle, dateOrder, intervalStyle, false);
    }

    /** ISO, MDY and postgres interval output: PostgreSQL's defaults. */
    public OutputSettings(ZoneId timeZone, int extraFloatDigits) {
        this(timeZone, extraFloatDigits, DateStyles.Style.ISO, DateStyles.Order.MDY, DateStyles.IntervalStyle.POSTGRES);
    }
}
