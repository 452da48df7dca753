package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * Date/time functions of timestamp.c and date.c: EXTRACT/date_part (timestamp_part_common,
 * interval_part_common, extract_date, time_part_common; numeric results as PostgreSQL 14+),
 * date_trunc (timestamp_trunc, timestamptz_trunc, interval_trunc), AT TIME ZONE
 * (timestamp_zone, timestamptz_zone), make_date/make_time/make_timestamp(tz)/make_interval,
 * age, justify_*, isfinite. Stateless; the session zone is passed in.
 */
public final class DateTimeFuncs {
    private DateTimeFuncs() {}

    /** Units of DecodeUnits/DecodeSpecial (deltatktbl and datetktbl). */
    enum Unit { MICROSEC, MILLISEC, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY,
        MILLENNIUM, TZ, TZ_HOUR, TZ_MINUTE, EPOCH, DOW, ISODOW, DOY, JULIAN, ISOYEAR }

    private static final Map<String, Unit> UNITS = new HashMap<>();

    private static void u(Unit unit, String... names) { for (String n : names) UNITS.put(n, unit); }

    static {
        u(Unit.MICROSEC, "microsecond", "microseconds", "microsecon", "us", "usec", "usecs");
        u(Unit.MILLISEC, "millisecond", "milliseconds", "millisecon", "ms", "msec", "msecs");
        u(Unit.SECOND, "second", "seconds", "s", "sec", "secs");
        u(Unit.MINUTE, "minute", "minutes", "m", "min", "mins");
        u(Unit.HOUR, "hour", "hours", "h", "hr", "hrs");
        u(Unit.DAY, "day", "days", "d");
        u(Unit.WEEK, "week", "weeks", "w");
        u(Unit.MONTH, "month", "months", "mon", "mons");
        u(Unit.QUARTER, "quarter", "qtr");
        u(Unit.YEAR, "year", "years", "y", "yr", "yrs");
        u(Unit.DECADE, "decade", "decades", "dec", "decs");
        u(Unit.CENTURY, "century", "centuries", "c", "cent");
        u(Unit.MILLENNIUM, "millennium", "millennia", "mil", "mils");
        u(Unit.TZ, "timezone");
        u(Unit.TZ_HOUR, "timezone_h", "timezone_hour");
        u(Unit.TZ_MINUTE, "timezone_m", "timezone_minute");
        u(Unit.EPOCH, "epoch");
        u(Unit.DOW, "dow");
        u(Unit.ISODOW, "isodow");
        u(Unit.DOY, "doy");
        u(Unit.JULIAN, "julian", "j");
        u(Unit.ISOYEAR, "isoyear");
    }

    private static Unit unit(String units, String type) {
        Unit u = UNITS.get(units.toLowerCase(Locale.ROOT));
        if (u == null) throw notRecognized(units, type);
        return u;
    }

    private static PgException notSupported(String units, String type) {
        return PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "unit \"" + units.toLowerCase(Locale.ROOT) + "\" not supported for type " + type);
    }

    private static PgException notRecognized(String units, String type) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                "unit \"" + units.toLowerCase(Locale.ROOT) + "\" not recognized for type " + type);
    }

    private static final long UNIX_EPOCH_JDATE = 2440588;

    static long date2j(LocalDate d) { return d.toEpochDay() + UNIX_EPOCH_JDATE; }

    /** int64_div_fast_to_numeric: v / 10^scale, exactly, at that scale. */
    private static BigDecimal scaled(long v, int scale) { return BigDecimal.valueOf(v, scale); }

    private static BigDecimal n(long v) { return BigDecimal.valueOf(v); }

    private static int bcYear(int y) { return y > 0 ? y : y - 1; }

    private static long decade(int y) { return y >= 0 ? y / 10 : -((8 - (y - 1)) / 10); }

    private static long century(int y) { return y > 0 ? (y + 99) / 100 : -((99 - (y - 1)) / 100); }

    private static long millennium(int y) { return y > 0 ? (y + 999) / 1000 : -((999 - (y - 1)) / 1000); }

    private static int isoYear(LocalDate d) {
        int y = d.get(IsoFields.WEEK_BASED_YEAR);
        return y <= 0 ? y - 1 : y;
    }

    /** timestamp_part_common for finite values: local fields, plus the zone offset (east) for timestamptz. */
    private static BigDecimal part(Unit u, LocalDateTime t, Integer east, BigDecimal epoch, String units, String type) {
        LocalDate d = t.toLocalDate();
        int sec = t.getSecond();
        long fsec = t.getNano() / 1000;
        return switch (u) {
            case MICROSEC -> n(sec * 1_000_000L + fsec);
            case MILLISEC -> scaled(sec * 1_000_000L + fsec, 3);
            case SECOND -> scaled(sec * 1_000_000L + fsec, 6);
            case MINUTE -> n(t.getMinute());
            case HOUR -> n(t.getHour());
            case DAY -> n(t.getDayOfMonth());
            case MONTH -> n(t.getMonthValue());
            case QUARTER -> n((t.getMonthValue() - 1) / 3 + 1);
            case WEEK -> n(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case YEAR -> n(bcYear(d.getYear()));
            case DECADE -> n(decade(d.getYear()));
            case CENTURY -> n(century(d.getYear()));
            case MILLENNIUM -> n(millennium(d.getYear()));
            case JULIAN -> n(date2j(d)).add(Numerics.div(n(t.toLocalTime().toNanoOfDay() / 1000), n(Interval.USECS_PER_DAY)));
            case ISOYEAR -> n(isoYear(d));
            case DOW -> n(t.getDayOfWeek().getValue() % 7);
            case ISODOW -> n(t.getDayOfWeek().getValue());
            case DOY -> n(t.getDayOfYear());
            case EPOCH -> epoch;
            case TZ -> { if (east == null) throw notSupported(units, type); yield n(east); }
            case TZ_HOUR -> { if (east == null) throw notSupported(units, type); yield n(east / 3600); }
            case TZ_MINUTE -> { if (east == null) throw notSupported(units, type); yield n(east / 60 % 60); }
        };
    }

    /** Seconds since 1970 with six decimals; computed apart so values near the upper bound cannot overflow. */
    private static BigDecimal epochSeconds(long seconds, int nanos) {
        return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos / 1000, 6)).setScale(6);
    }

    /** NonFiniteTimestampPartComponent: monotonic units give the infinity itself, others NULL. */
    private static BigDecimal nonFinite(Unit u, boolean positive, String units, String type) {
        switch (u) {
            case YEAR, DECADE, CENTURY, MILLENNIUM, JULIAN, ISOYEAR, EPOCH -> {
                return positive ? NumericSpecial.PINF : NumericSpecial.NINF;
            }
            default -> { return null; }
        }
    }

    /** extract(units from timestamp). */
    public static BigDecimal extract(String units, LocalDateTime t) {
        String type = "timestamp without time zone";
        Unit u = unit(units, type);
        if (u == Unit.TZ || u == Unit.TZ_HOUR || u == Unit.TZ_MINUTE) throw notSupported(units, type);
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return nonFinite(u, t.equals(LocalDateTime.MAX), units, type);
        return part(u, t, null, epochSeconds(t.toEpochSecond(java.time.ZoneOffset.UTC), t.getNano()), units, type);
    }

    /** extract(units from timestamptz), in the session zone. */
    public static BigDecimal extract(String units, Instant i, ZoneId zone) {
        String type = "timestamp with time zone";
        Unit u = unit(units, type);
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) return nonFinite(u, i.equals(Instant.MAX), units, type);
        ZonedDateTime z = i.atZone(zone);
        return part(u, z.toLocalDateTime(), z.getOffset().getTotalSeconds(), epochSeconds(i.getEpochSecond(), i.getNano()), units, type);
    }

    /** extract_date: only the date units; epoch is midnight UTC. */
    public static BigDecimal extract(String units, LocalDate d) {
        String type = "date";
        Unit u = unit(units, type);
        switch (u) {
            case DAY, MONTH, QUARTER, WEEK, YEAR, DECADE, CENTURY, MILLENNIUM, JULIAN, ISOYEAR, DOW, ISODOW, DOY -> { }
            case EPOCH -> {
                if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) return nonFinite(u, d.equals(LocalDate.MAX), units, type);
                return n(d.toEpochDay() * 86400);
            }
            default -> throw notSupported(units, type);
        }
        if (d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN)) return nonFinite(u, d.equals(LocalDate.MAX), units, type);
        if (u == Unit.JULIAN) return n(date2j(d));
        return part(u, d.atStartOfDay(), null, BigDecimal.ZERO, units, type);
    }

    /** time_part_common. */
    public static BigDecimal extract(String units, LocalTime t) {
        String type = "time without time zone";
        Unit u = unit(units, type);
        long us = t.toNanoOfDay() / 1000;
        long sec = t.getSecond() * 1_000_000L + t.getNano() / 1000;
        return switch (u) {
            case MICROSEC -> n(sec);
            case MILLISEC -> scaled(sec, 3);
            case SECOND -> scaled(sec, 6);
            case MINUTE -> n(t.getMinute());
            case HOUR -> n(t.getHour());
            case EPOCH -> scaled(us, 6);
            default -> throw notSupported(units, type);
        };
    }

    /** interval_part_common. */
    public static BigDecimal extract(String units, Interval v) {
        String type = "interval";
        Unit u = unit(units, type);
        int year = v.months() / 12, mon = v.months() % 12;
        long time = v.micros();
        long hour = time / Interval.USECS_PER_HOUR;
        time -= hour * Interval.USECS_PER_HOUR;
        long min = time / Interval.USECS_PER_MINUTE;
        time -= min * Interval.USECS_PER_MINUTE;
        return switch (u) {
            case MICROSEC -> n(time);
            case MILLISEC -> scaled(time, 3);
            case SECOND -> scaled(time, 6);
            case MINUTE -> n(min);
            case HOUR -> n(hour);
            case DAY -> n(v.days());
            case MONTH -> n(mon);
            case QUARTER -> n(mon / 3 + 1);
            case YEAR -> n(year);
            case DECADE -> n(year / 10);
            case CENTURY -> n(year / 100);
            case MILLENNIUM -> n(year / 1000);
            case EPOCH -> {
                // 4 * DAYS_PER_YEAR keeps the 365.25-day year in integer arithmetic, as PostgreSQL does
                long secs = (1461L * (v.months() / 12) + 120L * (v.months() % 12) + 4L * v.days()) * (86400 / 4);
                yield n(secs).add(scaled(v.micros(), 6));
            }
            default -> throw notSupported(units, type);
        };
    }

    // ---------------- date_trunc ----------------

    private static LocalDateTime truncLocal(Unit u, LocalDateTime t, String units, String type) {
        int y = t.getYear();
        LocalDate d = t.toLocalDate();
        return switch (u) {
            case WEEK -> d.with(DayOfWeek.MONDAY).atStartOfDay();
            case MILLENNIUM -> LocalDate.of(y > 0 ? ((y + 999) / 1000) * 1000 - 999 : -((999 - (y - 1)) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
            case CENTURY -> LocalDate.of(y > 0 ? ((y + 99) / 100) * 100 - 99 : -((99 - (y - 1)) / 100) * 100 + 1, 1, 1).atStartOfDay();
            case DECADE -> LocalDate.of(y > 0 ? (y / 10) * 10 : -((8 - (y - 1)) / 10) * 10, 1, 1).atStartOfDay();
            case YEAR -> LocalDate.of(y, 1, 1).atStartOfDay();
            case QUARTER -> LocalDate.of(y, 3 * ((t.getMonthValue() - 1) / 3) + 1, 1).atStartOfDay();
            case MONTH -> LocalDate.of(y, t.getMonthValue(), 1).atStartOfDay();
            case DAY -> d.atStartOfDay();
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
            case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
            case MILLISEC -> t.truncatedTo(ChronoUnit.MILLIS);
            case MICROSEC -> t;
            default -> throw notSupported(units, type);
        };
    }

    private static boolean redoZone(Unit u) {
        return switch (u) {
            case HOUR, MINUTE, SECOND, MILLISEC, MICROSEC -> false;
            default -> true;
        };
    }

    /** timestamp_trunc. */
    public static LocalDateTime trunc(String units, LocalDateTime t) {
        String type = "timestamp without time zone";
        Unit u = unit(units, type);
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return t;
        return truncLocal(u, t, units, type);
    }

    /** timestamptz_trunc(_zone): truncate the local time in {@code zone}; whole days re-resolve the offset. */
    public static Instant trunc(String units, Instant i, ZoneId zone) {
        String type = "timestamp with time zone";
        Unit u = unit(units, type);
        if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) return i;
        ZonedDateTime z = i.atZone(zone);
        LocalDateTime t = truncLocal(u, z.toLocalDateTime(), units, type);
        if (redoZone(u)) return t.atZone(zone).withLaterOffsetAtOverlap().toInstant();
        return t.toInstant(z.getOffset());
    }

    /** interval_trunc. */
    public static Interval trunc(String units, Interval v) {
        String type = "interval";
        Unit u = unit(units, type);
        int year = v.months() / 12, mon = v.months() % 12, day = v.days();
        long time = v.micros();
        long hour = time / Interval.USECS_PER_HOUR;
        time -= hour * Interval.USECS_PER_HOUR;
        long min = time / Interval.USECS_PER_MINUTE;
        time -= min * Interval.USECS_PER_MINUTE;
        long usec = time;
        switch (u) {
            case MILLENNIUM -> { year = (year / 1000) * 1000; mon = 0; day = 0; hour = 0; min = 0; usec = 0; }
            case CENTURY -> { year = (year / 100) * 100; mon = 0; day = 0; hour = 0; min = 0; usec = 0; }
            case DECADE -> { year = (year / 10) * 10; mon = 0; day = 0; hour = 0; min = 0; usec = 0; }
            case YEAR -> { mon = 0; day = 0; hour = 0; min = 0; usec = 0; }
            case QUARTER -> { mon = 3 * (mon / 3); day = 0; hour = 0; min = 0; usec = 0; }
            case MONTH -> { day = 0; hour = 0; min = 0; usec = 0; }
            case DAY -> { hour = 0; min = 0; usec = 0; }
            case HOUR -> { min = 0; usec = 0; }
            case MINUTE -> usec = 0;
            case SECOND -> usec = (usec / 1_000_000) * 1_000_000;
            case MILLISEC -> usec = (usec / 1000) * 1000;
            case MICROSEC -> { }
            case WEEK -> throw notSupported(units, type).withDetail("Months usually have fractional weeks.");
            default -> throw notSupported(units, type);
        }
        return new Interval(year * 12 + mon, day, hour * Interval.USECS_PER_HOUR + min * Interval.USECS_PER_MINUTE + usec);
    }

    // ---------------- date_bin ----------------

    /** timestamp_bin / timestamptz_bin on the on-disk microsecond counts. */
    private static long bin(Interval stride, long ts, long origin, boolean originInfinite) {
        PgException range = PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        if (originInfinite) throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "origin out of range");
        if (stride.months() != 0)
            throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "timestamps cannot be binned into intervals containing months or years");
        long strideUsecs;
        try {
            strideUsecs = Math.addExact(Math.multiplyExact((long) stride.days(), Interval.USECS_PER_DAY), stride.micros());
        } catch (ArithmeticException e) {
            throw range;
        }
        if (strideUsecs <= 0) throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "stride must be greater than zero");
        long diff;
        try {
            diff = Math.subtractExact(ts, origin);
        } catch (ArithmeticException e) {
            throw range;
        }
        long modulo = diff % strideUsecs;
        long result = origin + (diff - modulo);
        if (modulo < 0) {
            try {
                result = Math.subtractExact(result, strideUsecs);
            } catch (ArithmeticException e) {
                throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
            }
            if (result < MIN_TIMESTAMP_USECS)
                throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
        return result;
    }

    /** MIN_TIMESTAMP: 4714-11-24 00:00 BC, in microseconds from 2000-01-01. */
    private static final long MIN_TIMESTAMP_USECS = DateTimes.timestampToDatum(DateTimeParse.MIN_DATE.atStartOfDay());

    public static LocalDateTime dateBin(Interval stride, LocalDateTime ts, LocalDateTime origin) {
        if (!isFinite(ts)) return ts;
        return DateTimes.timestampFromDatum(bin(stride, DateTimes.timestampToDatum(ts),
                isFinite(origin) ? DateTimes.timestampToDatum(origin) : 0, !isFinite(origin)));
    }

    public static Instant dateBin(Interval stride, Instant ts, Instant origin) {
        if (!isFinite(ts)) return ts;
        return DateTimes.timestamptzFromDatum(bin(stride, DateTimes.timestamptzToDatum(ts),
                isFinite(origin) ? DateTimes.timestamptzToDatum(origin) : 0, !isFinite(origin)));
    }

    // ---------------- AT TIME ZONE ----------------

    /** The zone a timezone() argument names: an abbreviation, a full name or a POSIX offset. */
    public static ZoneId zoneNamed(String tz) {
        Integer abbrev = DateTimeParse.abbreviation(tz.toLowerCase(Locale.ROOT));
        if (abbrev != null) return ZoneOffset.ofTotalSeconds(abbrev);
        ZoneId named = DateTimeParse.namedZone(tz.toLowerCase(Locale.ROOT));
        if (named != null) return named;
        return DateTimes.zone(tz);
    }

    /** timestamp_zone: the local time {@code t} in zone {@code tz}, as an instant. */
    public static Instant atZone(String tz, LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) return Instant.MAX;
        if (t.equals(LocalDateTime.MIN)) return Instant.MIN;
        return t.atZone(zoneNamed(tz)).withLaterOffsetAtOverlap().toInstant();
    }

    /** timestamptz_zone: the local time in zone {@code tz} of instant {@code i}. */
    public static LocalDateTime atZone(String tz, Instant i) {
        if (i.equals(Instant.MAX)) return LocalDateTime.MAX;
        if (i.equals(Instant.MIN)) return LocalDateTime.MIN;
        return i.atZone(zoneNamed(tz)).toLocalDateTime();
    }

    /** timestamp_izone: zone given as an interval (hours, minutes, seconds only). */
    public static ZoneOffset intervalZone(Interval v) {
        if (v.months() != 0 || v.days() != 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "interval time zone \"" + DateTimes.intervalOut(v) + "\" must not include months or days");
        return ZoneOffset.ofTotalSeconds((int) (v.micros() / Interval.USECS_PER_SEC));
    }

    // ---------------- constructors ----------------

    private static LocalDate makeDate(int year, int mon, int mday) {
        int y = year;
        boolean bc = y < 0;
        if (bc) y = -y;
        try {
            if (y == 0 || mon < 1 || mon > 12 || mday < 1) throw new java.time.DateTimeException("range");
            LocalDate d = LocalDate.of(bc ? -(y - 1) : y, mon, mday);
            if (d.isBefore(DateTimeParse.MIN_DATE) || d.isAfter(DateTimeParse.MAX_DATE))
                throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                        "date out of range: " + year + "-" + two(mon) + "-" + two(mday));
            return d;
        } catch (java.time.DateTimeException e) {
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    "date field value out of range: " + year + "-" + two(mon) + "-" + two(mday));
        }
    }

    /** printf's %02g for the seconds in range messages. */
    private static String gSeconds(double sec) {
        String g = new BigDecimal(sec).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return g.length() < 2 ? "0" + g : g;
    }

    private static String two(int v) { return v >= 0 && v < 10 ? "0" + v : Integer.toString(v); }

    /** make_date. */
    public static LocalDate makeDate(long year, long mon, long mday) { return makeDate((int) year, (int) mon, (int) mday); }

    private static LocalTime makeTime(int hour, int min, double sec) {
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || Double.isNaN(sec)
                || hour > 24 || (hour == 24 && (min > 0 || sec > 0)))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    "time field value out of range: " + hour + ":" + two(min) + ":" + gSeconds(sec));
        long us = hour * Interval.USECS_PER_HOUR + min * Interval.USECS_PER_MINUTE + Math.round(sec * 1_000_000);
        if (us >= Interval.USECS_PER_DAY) us = Interval.USECS_PER_DAY - 1;
        return LocalTime.ofNanoOfDay(us * 1000);
    }

    /** make_time. */
    public static LocalTime makeTime(long hour, long min, double sec) { return makeTime((int) hour, (int) min, sec); }

    /** make_timestamp. */
    public static LocalDateTime makeTimestamp(long y, long m, long d, long h, long mi, double sec) {
        LocalDate date = makeDate((int) y, (int) m, (int) d);
        int hour = (int) h, min = (int) mi;
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || Double.isNaN(sec)
                || hour > 24 || (hour == 24 && (min > 0 || sec > 0)))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    "time field value out of range: " + hour + ":" + two(min) + ":" + gSeconds(sec));
        long us = hour * Interval.USECS_PER_HOUR + min * Interval.USECS_PER_MINUTE + Math.round(sec * 1_000_000);
        return date.atStartOfDay().plus(us, ChronoUnit.MICROS);
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs). */
    public static Interval makeInterval(long years, long months, long weeks, long days, long hours, long mins, double secs) {
        if (Double.isNaN(secs) || Double.isInfinite(secs))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        try {
            int m = Math.toIntExact(Math.addExact(Math.multiplyExact(years, 12L), months));
            int d = Math.toIntExact(Math.addExact(Math.multiplyExact(weeks, 7L), days));
            double t = secs * 1_000_000 + (double) hours * Interval.USECS_PER_HOUR + (double) mins * Interval.USECS_PER_MINUTE;
            if (Math.abs(t) > 9.2e18) throw new ArithmeticException();
            return new Interval(m, d, Math.round(t));
        } catch (ArithmeticException e) {
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    // ---------------- age, justify, isfinite ----------------

    private static final int[][] DAY_TAB = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    /** timestamp_age: field-wise difference with borrows, in months, days and time. */
    public static Interval age(LocalDateTime t1, LocalDateTime t2) {
        if (t1.equals(LocalDateTime.MAX) || t1.equals(LocalDateTime.MIN) || t2.equals(LocalDateTime.MAX) || t2.equals(LocalDateTime.MIN))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        boolean neg = t1.isBefore(t2);
        long fsec = t1.getNano() / 1000 - t2.getNano() / 1000;
        long sec = t1.getSecond() - t2.getSecond();
        long min = t1.getMinute() - t2.getMinute();
        long hour = t1.getHour() - t2.getHour();
        long mday = t1.getDayOfMonth() - t2.getDayOfMonth();
        long mon = t1.getMonthValue() - t2.getMonthValue();
        long year = t1.getYear() - t2.getYear();
        if (neg) { fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year; }
        while (fsec < 0) { fsec += 1_000_000; sec--; }
        while (sec < 0) { sec += 60; min--; }
        while (min < 0) { min += 60; hour--; }
        while (hour < 0) { hour += 24; mday--; }
        while (mday < 0) {
            LocalDateTime ref = neg ? t1 : t2;
            mday += DAY_TAB[DateTimeParse.isLeap(ref.getYear()) ? 1 : 0][ref.getMonthValue() - 1];
            mon--;
        }
        while (mon < 0) { mon += 12; year--; }
        if (neg) { fsec = -fsec; sec = -sec; min = -min; hour = -hour; mday = -mday; mon = -mon; year = -year; }
        return new Interval(Math.toIntExact(year * 12 + mon), Math.toIntExact(mday),
                ((hour * 60 + min) * 60 + sec) * 1_000_000 + fsec);
    }

    /** timestamptz_age: the same on local times in the session zone. */
    public static Interval age(Instant a, Instant b, ZoneId zone) {
        if (a.equals(Instant.MAX) || a.equals(Instant.MIN) || b.equals(Instant.MAX) || b.equals(Instant.MIN))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        return age(a.atZone(zone).toLocalDateTime(), b.atZone(zone).toLocalDateTime());
    }

    /** interval_justify_hours. */
    public static Interval justifyHours(Interval v) {
        long time = v.micros();
        long wholeDay = time / Interval.USECS_PER_DAY;
        time -= wholeDay * Interval.USECS_PER_DAY;
        long day = v.days() + wholeDay;
        if (day > 0 && time < 0) { time += Interval.USECS_PER_DAY; day--; }
        else if (day < 0 && time > 0) { time -= Interval.USECS_PER_DAY; day++; }
        return new Interval(v.months(), checkedInt(day), time);
    }

    /** interval_justify_days. */
    public static Interval justifyDays(Interval v) {
        long day = v.days();
        long wholeMonth = day / 30;
        day -= wholeMonth * 30;
        long month = v.months() + wholeMonth;
        if (month > 0 && day < 0) { day += 30; month--; }
        else if (month < 0 && day > 0) { day -= 30; month++; }
        return new Interval(checkedInt(month), (int) day, v.micros());
    }

    /** interval_justify_interval. */
    public static Interval justifyInterval(Interval v) {
        long time = v.micros();
        long wholeDay = time / Interval.USECS_PER_DAY;
        time -= wholeDay * Interval.USECS_PER_DAY;
        long day = v.days() + wholeDay;
        long wholeMonth = day / 30;
        day -= wholeMonth * 30;
        long month = v.months() + wholeMonth;
        if (month > 0 && (day < 0 || (day == 0 && time < 0))) { day += 30; month--; }
        else if (month < 0 && (day > 0 || (day == 0 && time > 0))) { day -= 30; month++; }
        if (day > 0 && time < 0) { time += Interval.USECS_PER_DAY; day--; }
        else if (day < 0 && time > 0) { time -= Interval.USECS_PER_DAY; day++; }
        return new Interval(checkedInt(month), (int) day, time);
    }

    private static int checkedInt(long v) {
        if (v != (int) v) throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        return (int) v;
    }

    public static boolean isFinite(Object v) {
        return !(v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN) || v.equals(LocalDateTime.MAX)
                || v.equals(LocalDateTime.MIN) || v.equals(Instant.MAX) || v.equals(Instant.MIN));
    }
}
