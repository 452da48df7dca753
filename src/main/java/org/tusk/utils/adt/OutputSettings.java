package org.tusk.utils.adt;

import java.time.ZoneId;

/**
 * The session settings that output functions depend on: TimeZone (timestamptz) and
 * extra_float_digits (float4/float8: &gt; 0 means shortest round-trip output, otherwise
 * %.{6|15 + extra_float_digits}g as in PostgreSQL's float4out/float8out).
 */
public record OutputSettings(ZoneId timeZone, int extraFloatDigits) {
    public static final OutputSettings DEFAULT = new OutputSettings(java.time.ZoneOffset.UTC, 1);
}
