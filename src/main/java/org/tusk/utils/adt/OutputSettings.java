package org.tusk.utils.adt;

import java.time.ZoneId;

/**
 * The session settings that output functions depend on: TimeZone (timestamptz),
 * extra_float_digits (float4/float8: &gt; 0 means shortest round-trip output, otherwise
 * %.{6|15 + extra_float_digits}g as in PostgreSQL's float4out/float8out), DateStyle (style and
 * field order of date/timestamp output) and IntervalStyle.
 */
public record OutputSettings(ZoneId timeZone, int extraFloatDigits, DateStyles.Style dateStyle,
                             DateStyles.Order dateOrder, DateStyles.IntervalStyle intervalStyle) {
    public static final OutputSettings DEFAULT = new OutputSettings(java.time.ZoneOffset.UTC, 1);

    /** ISO, MDY and postgres interval output: PostgreSQL's defaults. */
    public OutputSettings(ZoneId timeZone, int extraFloatDigits) {
        this(timeZone, extraFloatDigits, DateStyles.Style.ISO, DateStyles.Order.MDY, DateStyles.IntervalStyle.POSTGRES);
    }
}
