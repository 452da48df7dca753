package org.tusk.utils.adt;

import java.util.Locale;

/**
 * The DateStyle and IntervalStyle settings of this backend, PostgreSQL's globals DateStyle,
 * DateOrder and IntervalStyle (miscadmin.h). A backend is one process serving one session, so
 * one value per process is the session's; the executor publishes the GUC values here
 * ({@link #publish}) before input functions run, since date input reads DateOrder the way
 * PostgreSQL's DecodeNumber does. Output functions get the styles through {@link OutputSettings}.
 * Written and read by the backend's own thread only; volatile so a helper thread sees the latest.
 */
public final class DateStyles {
    private DateStyles() {}

    public enum Style { ISO, SQL, POSTGRES, GERMAN }

    public enum Order { YMD, DMY, MDY }

    public enum IntervalStyle { POSTGRES, POSTGRES_VERBOSE, SQL_STANDARD, ISO_8601 }

    private static volatile Order dateOrder = Order.MDY;
    private static volatile java.time.Instant transactionStart;
    private static volatile IntervalStyle intervalStyle = IntervalStyle.POSTGRES;

    /** IntervalStyle, which interval input consults for sql_standard's leading sign. */
    public static IntervalStyle intervalStyle() { return intervalStyle; }

    public static void publishIntervalStyle(String v) { intervalStyle = intervalStyleOf(v); }

    /**
     * The current transaction's start time, which "now", "today", "tomorrow" and "yesterday"
     * mean in date/time input (GetCurrentTransactionStartTimestamp); published with the settings.
     */
    public static void publishTransactionStart(java.time.Instant start) { transactionStart = start; }

    /** The published transaction start, or the clock when nothing was published (tests, tools). */
    static java.time.Instant now() {
        java.time.Instant t = transactionStart;
        return t != null ? t : java.time.Instant.now();
    }

    /** DateOrder, for ambiguous numeric dates. */
    public static Order dateOrder() { return dateOrder; }

    /** Publishes the session's DateStyle setting text (canonical "Style, ORDER"). */
    public static void publish(String dateStyle) {
        dateOrder = orderOf(dateStyle);
    }

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
