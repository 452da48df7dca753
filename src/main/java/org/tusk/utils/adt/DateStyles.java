package org.tusk.utils.adt;

import java.util.Locale;

/**
 * The values of the DateStyle and IntervalStyle settings, PostgreSQL's DateStyle, DateOrder and
 * IntervalStyle (miscadmin.h), and their parsing from the settings' text. PostgreSQL keeps them
 * in globals; here input functions get them through {@link InputSettings} and output functions
 * through {@link OutputSettings}, which the executor derives from the session's settings.
 */
public final class DateStyles {
    private DateStyles() {}

    public enum Style { ISO, SQL, POSTGRES, GERMAN }

    public enum Order { YMD, DMY, MDY }

    public enum IntervalStyle { POSTGRES, POSTGRES_VERBOSE, SQL_STANDARD, ISO_8601 }

    /** The style half of a canonical DateStyle value ("Postgres, MDY" -> POSTGRES). */
    public static Style styleOf(String dateStyle) {
        if (dateStyle == null) return Style.ISO;
        String s = dateStyle.toUpperCase(Locale.ROOT);
        if (s.startsWith("SQL")) return Style.SQL;
        if (s.startsWith("POSTGRES")) return Style.POSTGRES;
        if (s.startsWith("GERMAN")) return Style.GERMAN;
        return Style.ISO;
    }

    /** The order half of a canonical DateStyle value. */
    public static Order orderOf(String dateStyle) {
        if (dateStyle == null) return Order.MDY;
        String s = dateStyle.toUpperCase(Locale.ROOT);
        if (s.endsWith("DMY")) return Order.DMY;
        if (s.endsWith("YMD")) return Order.YMD;
        return Order.MDY;
    }

    public static IntervalStyle intervalStyleOf(String v) {
        if (v == null) return IntervalStyle.POSTGRES;
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "postgres_verbose" -> IntervalStyle.POSTGRES_VERBOSE;
            case "sql_standard" -> IntervalStyle.SQL_STANDARD;
            case "iso_8601" -> IntervalStyle.ISO_8601;
            default -> IntervalStyle.POSTGRES;
        };
    }
}
