package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * time with time zone (date.c's timetz_* functions): input (DecodeTimeOnly over the shared
 * date/time decoder), output (EncodeTimeOnly with EncodeTimezone), typmod rounding,
 * arithmetic with intervals, AT TIME ZONE, the casts to and from time and timestamptz, and
 * extract. A zone given by full name needs a date unless the zone has a fixed offset; no zone
 * at all means the session zone's offset on the current transaction's date, as PostgreSQL does.
 */
public final class TimeTzs {
    private TimeTzs() {}

    static final String TYPE = "time with time zone";
    private static final long DAY = Interval.USECS_PER_DAY;

    /** timetz_in. The settings' zone is the TimeZone setting. */
    public static TimeTz in(String s, InputSettings settings) {
        ZoneId session = settings.timeZone();
        DateTimeFields tm = DateTimeParse.decodeString(s, TYPE, session, settings);
        if (tm.kind == DateTimeFields.Kind.EPOCH || tm.kind == DateTimeFields.Kind.LATE || tm.kind == DateTimeFields.Kind.EARLY)
            throw DateTimeParse.error(DateTimeParse.BAD_FORMAT, s, TYPE);
        boolean hasDate = tm.kind == DateTimeFields.Kind.DATE;
        // DecodeTimeOnly takes a whole date or none: a stray date field ("15:36:39 m2") is refused
        if (!hasDate && (tm.year != 0 || tm.mon != 0 || tm.mday != 0))
            throw DateTimeParse.error(DateTimeParse.BAD_FORMAT, s, TYPE);
        if (tm.hour < 0 || tm.min < 0 || tm.min > 59 || tm.sec < 0 || tm.sec > 60 || tm.hour > 24
                || tm.hour == 24 && (tm.min > 0 || tm.sec > 0 || tm.fsec > 0))
            throw DateTimeParse.error(DateTimeParse.FIELD_OVERFLOW, s, TYPE);
        long micros = ((tm.hour * 60L + tm.min) * 60 + tm.sec) * Interval.USECS_PER_SEC + tm.fsec;
        if (micros > DAY) throw DateTimeParse.error(DateTimeParse.FIELD_OVERFLOW, s, TYPE);
        int zone;
        if (tm.tzEast != null) {
            zone = -tm.tzEast;
        } else {
            ZoneId z = tm.namedZone != null ? tm.namedZone : session;
            if (z.getRules().isFixedOffset()) {
                zone = -z.getRules().getOffset(Instant.EPOCH).getTotalSeconds();
            } else {
                // DetermineTimeZoneOffset needs a date: the given one, or today's for the session zone;
                // a full zone name without a date is refused (DecodeTimeOnly)
                if (!hasDate && tm.namedZone != null) throw DateTimeParse.error(DateTimeParse.BAD_FORMAT, s, TYPE);
                LocalDate d = hasDate ? LocalDate.of(tm.year, tm.mon, tm.mday) : today(session, settings.now());
                LocalDateTime ldt = d.atStartOfDay().plus(Math.min(micros, DAY - 1), ChronoUnit.MICROS);
                zone = -z.getRules().getOffset(ldt).getTotalSeconds();
            }
        }
        return new TimeTz(micros, zone);
    }

    private static LocalDate today(ZoneId session, Instant now) {
        return now.atZone(session).toLocalDate();
    }

    /** timetz_out: EncodeTimeOnly then EncodeTimezone (ISO form). */
    public static String out(TimeTz t) {
        StringBuilder sb = new StringBuilder();
        long us = t.micros();
        long h = us / Interval.USECS_PER_HOUR;
        us -= h * Interval.USECS_PER_HOUR;
        long m = us / Interval.USECS_PER_MINUTE;
        us -= m * Interval.USECS_PER_MINUTE;
        long sec = us / Interval.USECS_PER_SEC;
        long frac = us - sec * Interval.USECS_PER_SEC;
        sb.append(two(h)).append(':').append(two(m)).append(':').append(two(sec));
        if (frac != 0) {
            String f = String.format(Locale.ROOT, "%06d", frac);
            int end = f.length();
            while (f.charAt(end - 1) == '0') end--;
            sb.append('.').append(f, 0, end);
        }
        encodeTimezone(sb, t.zone());
        return sb.toString();
    }

    /** EncodeTimezone: +hh, +hh:mm or +hh:mm:ss, the sign east-positive. */
    static void encodeTimezone(StringBuilder sb, int tz) {
        int a = Math.abs(tz);
        int hour = a / 3600, min = (a / 60) % 60, sec = a % 60;
        sb.append(tz <= 0 ? '+' : '-').append(two(hour));
        if (sec != 0) sb.append(':').append(two(min)).append(':').append(two(sec));
        else if (min != 0) sb.append(':').append(two(min));
    }

    private static String two(long v) { return v < 10 ? "0" + v : Long.toString(v); }

    /** AdjustTimeForTypmod on the time part (timetz_scale, and the typmod of timetz_in). */
    public static TimeTz applyTypmod(TimeTz t, int precision) {
        if (precision < 0 || precision >= 6) return t;
        long scale = 1;
        for (int i = precision; i < 6; i++) scale *= 10;
        long us = t.micros();
        long r = us >= 0 ? (us + scale / 2) / scale * scale : -((-us + scale / 2) / scale * scale);
        return new TimeTz(r, t.zone());
    }

    /** timetz_pl_interval: the day part and months are ignored, the time wraps around midnight. */
    public static TimeTz plus(TimeTz t, Interval span) { return new TimeTz(wrap(t.micros() + span.micros() % DAY), t.zone()); }

    /** timetz_mi_interval. */
    public static TimeTz minus(TimeTz t, Interval span) { return new TimeTz(wrap(t.micros() - span.micros() % DAY), t.zone()); }

    private static long wrap(long us) {
        us -= us / DAY * DAY;
        return us < 0 ? us + DAY : us;
    }

    /**
     * timetz_zone: the same instant of the day in zone {@code tzname} (its offset now, if not
     * fixed: at the transaction's start, from {@code settings}).
     */
    public static TimeTz atZone(String tzname, TimeTz t, InputSettings settings) {
        ZoneId z = DateTimeFuncs.zoneNamed(tzname);
        int tz = -z.getRules().getOffset(settings.now()).getTotalSeconds();
        return shift(t, tz);
    }

    /** timetz_izone: the zone given as an interval of hours, minutes and seconds. */
    public static TimeTz atZone(Interval zone, TimeTz t) {
        ZoneOffset o = DateTimeFuncs.intervalZone(zone);
        return shift(t, -o.getTotalSeconds());
    }

    private static TimeTz shift(TimeTz t, int tz) {
        return new TimeTz(wrap(t.micros() + (long) (t.zone() - tz) * Interval.USECS_PER_SEC), tz);
    }

    /** time_timetz: the session zone's offset today (the transaction's start's day, from {@code settings}). */
    public static TimeTz fromTime(LocalTime t, InputSettings settings) {
        ZoneId session = settings.timeZone();
        long us = t.toNanoOfDay() / 1000;
        LocalDateTime ldt = today(session, settings.now()).atTime(t);
        return new TimeTz(us, -session.getRules().getOffset(ldt).getTotalSeconds());
    }

    /** timetz_time: the local time, the zone dropped. */
    public static LocalTime toTime(TimeTz t) {
        return LocalTime.ofNanoOfDay(Math.min(t.micros(), DAY - 1) * 1000 + (t.micros() == DAY ? 999 : 0));
    }

    /** timestamptz_timetz: the local time of the instant in the session zone, with that zone's offset. */
    public static TimeTz fromTimestamptz(Instant i, ZoneId session) {
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) return null;
        java.time.ZonedDateTime z = i.atZone(session);
        return new TimeTz(z.toLocalTime().toNanoOfDay() / 1000, -z.getOffset().getTotalSeconds());
    }

    /** datetimetz_timestamptz: date + timetz. */
    public static Instant atDate(LocalDate d, TimeTz t) {
        return d.atStartOfDay().plus(t.micros(), ChronoUnit.MICROS).toInstant(ZoneOffset.ofTotalSeconds(-t.zone()));
    }

    /** timetz_part_common with retnumeric (extract); date_part converts the result to float8. */
    public static BigDecimal extract(String units, TimeTz t) {
        String u = units.toLowerCase(Locale.ROOT);
        long us = t.micros();
        long secOfMin = us % Interval.USECS_PER_MINUTE;
        return switch (u) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "useconds" -> BigDecimal.valueOf(secOfMin);
            case "millisecond", "milliseconds", "ms", "msec", "msecs", "mseconds" -> BigDecimal.valueOf(secOfMin, 3);
            case "second", "seconds", "s", "sec", "secs" -> BigDecimal.valueOf(secOfMin, 6);
            case "minute", "minutes", "m", "min", "mins" -> BigDecimal.valueOf((us / Interval.USECS_PER_MINUTE) % 60);
            case "hour", "hours", "h", "hr", "hrs" -> BigDecimal.valueOf(us / Interval.USECS_PER_HOUR);
            case "timezone" -> BigDecimal.valueOf(-t.zone());
            // tz / SECS_PER_HOUR and (tz / SECS_PER_MINUTE) % MINS_PER_HOUR with C's truncation, of -zone
            case "timezone_hour" -> BigDecimal.valueOf(-t.zone() / 3600);
            case "timezone_minute" -> BigDecimal.valueOf((-t.zone() / 60) % 60);
            case "epoch" -> BigDecimal.valueOf(us + t.zone() * Interval.USECS_PER_SEC, 6);
            case "day", "days", "d", "month", "months", "mon", "mons", "year", "years", "y", "yr", "yrs", "decade",
                 "decades", "dec", "decs", "century", "centuries", "c", "cent", "millennium", "millennia", "mil",
                 "mils", "quarter", "qtr", "week", "weeks", "w", "dow", "doy", "isodow", "isoyear", "julian", "j" ->
                    throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + u + "\" not supported for type " + TYPE);
            default -> throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "unit \"" + u + "\" not recognized for type " + TYPE);
        };
    }

    /** timetz_send: int64 time, int32 zone, network order. */
    public static byte[] send(TimeTz t) {
        return java.nio.ByteBuffer.allocate(12).putLong(t.micros()).putInt(t.zone()).array();
    }

    /** timetz_recv: checks the ranges timetz_recv checks. */
    public static TimeTz recv(byte[] b) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        long us = buf.getLong();
        int zone = buf.getInt();
        if (us < 0 || us > DAY)
            throw PgException.error("22P03", "time out of range");
        if (zone < -15 * 3600 - 59 * 60 || zone > 15 * 3600 + 59 * 60)
            throw PgException.error("22P03", "time zone displacement out of range");
        return new TimeTz(us, zone);
    }
}
