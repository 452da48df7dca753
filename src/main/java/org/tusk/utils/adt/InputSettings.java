package org.tusk.utils.adt;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The session state that input functions read, which PostgreSQL's read as globals: TimeZone
 * (session_timezone: timestamptz and timetz input), DateStyle's field order (DateOrder, which
 * DecodeNumber follows for an ambiguous numeric date), IntervalStyle (sql_standard's leading sign
 * in interval input) and the start of the current transaction, which "now", "today", "tomorrow"
 * and "yesterday" mean (GetCurrentTransactionStartTimestamp). Here they travel with the call: the
 * executor's context derives them from the session's settings (again only when a setting
 * changed) and parse analysis gets them from the statement's context.
 *
 * @param transactionStart the current transaction's start, or null where there is no transaction
 *                         (then "now" is the clock)
 */
public record InputSettings(ZoneId timeZone, DateStyles.Order dateOrder, DateStyles.IntervalStyle intervalStyle,
                            Instant transactionStart) {
    /** PostgreSQL's defaults (DateOrder MDY, IntervalStyle postgres) in UTC, "now" the clock. */
    public static final InputSettings DEFAULT = of(ZoneOffset.UTC);

    /** PostgreSQL's defaults in {@code zone}: for input outside a session's statement (tests, tools, the wire format). */
    public static InputSettings of(ZoneId zone) {
        return new InputSettings(zone, DateStyles.Order.MDY, DateStyles.IntervalStyle.POSTGRES, null);
    }

    /** The transaction's start, or the clock without a transaction. */
    Instant now() {
        return transactionStart != null ? transactionStart : Instant.now();
    }
}
