package org.tusk.utils.adt;

import java.time.ZoneId;

/**
 * The broken-down result of decoding a date/time string: PostgreSQL's {@code struct pg_tm} plus
 * fsec and the time zone that DecodeDateTime reports. Mutable, owned by one decoding call.
 * {@code year} is astronomical (1 BC = 0) once {@link DateTimeParse} has validated it.
 */
final class DateTimeFields {
    /** DecodeDateTime's dtype: an ordinary value or one of the reserved words. */
    enum Kind { DATE, TIME, EPOCH, LATE, EARLY }

    Kind kind = Kind.DATE;
    int year, mon, mday, hour, min, sec, yday;
    /** Fractional second in microseconds. */
    long fsec;
    /** The explicit zone offset, seconds EAST of Greenwich (PostgreSQL keeps seconds west), or null. */
    Integer tzEast;
    /** A full zone name from the input ("America/New_York"), applied once the date is known. */
    ZoneId namedZone;
}
