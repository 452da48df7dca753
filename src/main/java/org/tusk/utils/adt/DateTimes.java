package org.tusk.utils.adt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * date, time, timestamp, timestamptz and interval (PostgreSQL's date.c, timestamp.c,
 * datetime.c). Input goes through {@link DateTimeParse} (DecodeDateTime), output through
 * {@link DateTimeFormat} in the session's DateStyle/IntervalStyle; the overloads without
 * {@link OutputSettings} print ISO/postgres. timestamptz is an Instant, displayed in the session
 * time zone handed in by the caller. +/-infinity are LocalDate/LocalDateTime/Instant MAX and MIN.
 */
public final class DateTimes {
    private DateTimes() {}

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d*))?)?");

    private static PgException bad(String type, String s) {
        return PgException.error(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + type + ": \"" + s + "\"");
    }

    public static ZoneId zone(String tz) {
        if (tz == null) return ZoneOffset.UTC;
        try {
            if (tz.equalsIgnoreCase("utc") || tz.equalsIgnoreCase("gmt") || tz.equalsIgnoreCase("z")) return ZoneOffset.UTC;
            // POSIX "UTC+3", "<+10:30>-10:30": hours west, where java.time would read "UTC+3" as east
            ZoneOffset posix = PosixTimeZone.parse(tz);
            if (posix != null) return posix;
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            try {
                // POSIX-style "+3" means three hours WEST of Greenwich, like PostgreSQL
                if (tz.matches("[+-]?\\d{1,2}(:\\d{2})?")) {
                    ZoneOffset o = ZoneOffset.of(tz.startsWith("+") || tz.startsWith("-") ? tz : "+" + tz);
                    return ZoneOffset.ofTotalSeconds(-o.getTotalSeconds());
                }
                return ZoneId.of(tz, ZoneId.SHORT_IDS);
            } catch (DateTimeException e2) {
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + tz + "\" not recognized");
            }
        }
    }

    private static int nanosOf(String frac) {
        if (frac == null || frac.isEmpty()) return 0;
        String f = (frac + "000000000").substring(0, 9);
        long n = Long.parseLong(f);
        // round to microseconds
        return (int) (Math.round(n / 1000.0) * 1000);
    }

    private static double tsRound(double j) { return Math.rint(j * 1_000_000.0) / 1_000_000.0; }

    private static PgException intervalOutOfRange() {
        return PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    private static boolean fitsInt(double d) { return !Double.isNaN(d) && d >= Integer.MIN_VALUE && d < -(double) Integer.MIN_VALUE; }

    /**
     * interval_mul: whole months and days scale in place; their fractions cascade down (30-day
     * months, 86400-second days, TSROUND'ed) but never up, exactly as PostgreSQL does.
     */
    public static Interval multiply(Interval iv, double factor) {
        double rm = iv.months() * factor;
        if (!fitsInt(rm)) throw intervalOutOfRange();
        int month = (int) rm;
        double rd = iv.days() * factor;
        if (!fitsInt(rd)) throw intervalOutOfRange();
        int day = (int) rd;
        double monthRemainderDays = tsRound((iv.months() * factor - month) * 30);
        double secRemainder = tsRound((iv.days() * factor - day + monthRemainderDays - (int) monthRemainderDays) * 86400);
        return cascade(month, day, monthRemainderDays, secRemainder, iv.micros() * factor);
    }

    /** interval_div, the same cascade with a divisor. */
    public static Interval divide(Interval iv, double factor) {
        if (factor == 0.0) throw PgException.error("22012", "division by zero");
        int month = (int) (iv.months() / factor);
        int day = (int) (iv.days() / factor);
        double monthRemainderDays = tsRound((iv.months() / factor - month) * 30);
        double secRemainder = tsRound((iv.days() / factor - day + monthRemainderDays - (int) monthRemainderDays) * 86400);
        return cascade(month, day, monthRemainderDays, secRemainder, iv.micros() / factor);
    }

    private static Interval cascade(int month, long day, double monthRemainderDays, double secRemainder, double time) {
        if (Math.abs(secRemainder) >= 86400) {
            day += (int) (secRemainder / 86400);
            secRemainder -= (int) (secRemainder / 86400) * 86400.0;
        }
        day += (int) monthRemainderDays;
        if (day != (int) day) throw intervalOutOfRange();
        double t = Math.rint(time + secRemainder * 1_000_000);
        if (Double.isNaN(t) || t < -9.223372036854775808E18 || t >= 9.223372036854775808E18) throw intervalOutOfRange();
        return new Interval(month, (int) day, (long) t);
    }

    /** timestamptz_in: DecodeDateTime, then the zone it names or the session's. */
    public static Instant timestamptzIn(String s, InputSettings settings) {
        ZoneId sessionZone = settings.timeZone();
        DateTimeFields tm = DateTimeParse.decodeString(s, "timestamp with time zone", sessionZone, settings);
        switch (tm.kind) {
            case EPOCH: return Instant.EPOCH;
            case LATE: return Instant.MAX;
            case EARLY: return Instant.MIN;
            case TIME: throw DateTimeParse.error(DateTimeParse.BAD_FORMAT, s, "timestamp with time zone");
            default: break;
        }
        LocalDateTime ldt = checkedLocal(tm, s);
        if (tm.tzEast != null) return ldt.toInstant(ZoneOffset.ofTotalSeconds(tm.tzEast));
        ZoneId zone = tm.namedZone != null ? tm.namedZone : sessionZone;
        // an ambiguous local time (DST fall-back) means standard time, as DetermineTimeZoneOffset
        return ldt.atZone(zone).withLaterOffsetAtOverlap().toInstant();
    }

    private static LocalDateTime checkedLocal(DateTimeFields tm, String s) {
        LocalDateTime ldt = DateTimeParse.local(tm);
        if (ldt.toLocalDate().isBefore(DateTimeParse.MIN_DATE) || ldt.isAfter(DateTimeParse.MAX_TIMESTAMP))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range: \"" + s + "\"");
        return ldt;
    }

    /** timestamp_in: DecodeDateTime, any zone given is ignored. */
    public static LocalDateTime timestampIn(String s, InputSettings settings) {
        DateTimeFields tm = DateTimeParse.decodeString(s, "timestamp", ZoneOffset.UTC, settings);
        switch (tm.kind) {
            case EPOCH: return LocalDateTime.of(1970, 1, 1, 0, 0);
            case LATE: return LocalDateTime.MAX;
            case EARLY: return LocalDateTime.MIN;
            case TIME: throw DateTimeParse.error(DateTimeParse.BAD_FORMAT, s, "timestamp");
            default: return checkedLocal(tm, s);
        }
    }

    /** date_in: DecodeDateTime, the time of day is dropped. */
    public static LocalDate dateIn(String s, InputSettings settings) {
        DateTimeFields tm = DateTimeParse.decodeString(s, "date", ZoneOffset.UTC, settings);
        switch (tm.kind) {
            case EPOCH: return LocalDate.of(1970, 1, 1);
            case LATE: return LocalDate.MAX;
            case EARLY: return LocalDate.MIN;
            case TIME: throw DateTimeParse.error(DateTimeParse.BAD_FORMAT, s, "date");
            default: break;
        }
        LocalDate d = LocalDate.of(tm.year, tm.mon, tm.mday);
        if (d.isBefore(DateTimeParse.MIN_DATE) || d.isAfter(DateTimeParse.MAX_DATE))
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range: \"" + s + "\"");
        return d;
    }

    public static LocalTime timeIn(String s) {
        Matcher m = TIME.matcher(s.strip());
        if (!m.matches()) throw bad("time", s);
        try {
            return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))).plusNanos(nanosOf(m.group(4)));
        } catch (DateTimeException e) {
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + s + "\"");
        }
    }

    private static void appendTime(StringBuilder sb, int h, int m, int s, int nanos) {
        sb.append(two(h)).append(':').append(two(m)).append(':').append(two(s));
        appendFraction(sb, nanos / 1000);
    }

    private static void appendFraction(StringBuilder sb, long micros) {
        if (micros == 0) return;
        String f = String.format(Locale.ROOT, "%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        sb.append('.').append(f, 0, end);
    }

    private static String two(long v) { return v < 10 ? "0" + v : Long.toString(v); }

    private static void appendDate(StringBuilder sb, LocalDate d) {
        int y = d.getYear();
        if (y <= 0) {
            sb.append(String.format(Locale.ROOT, "%04d-%02d-%02d", 1 - y, d.getMonthValue(), d.getDayOfMonth()));
            return;
        }
        sb.append(String.format(Locale.ROOT, "%04d-%02d-%02d", y, d.getMonthValue(), d.getDayOfMonth()));
    }

    private static String bc(LocalDate d, String s) { return d.getYear() <= 0 ? s + " BC" : s; }

    public static String timestamptzOut(Instant i, OutputSettings os) {
        return DateTimeFormat.timestamptz(i, os.timeZone(), os.dateStyle(), os.dateOrder());
    }

    public static String timestampOut(LocalDateTime t, OutputSettings os) {
        return DateTimeFormat.timestamp(t, os.dateStyle(), os.dateOrder());
    }

    public static String dateOut(LocalDate d, OutputSettings os) {
        return DateTimeFormat.date(d, os.dateStyle(), os.dateOrder());
    }

    public static String intervalOut(Interval v, OutputSettings os) {
        return DateTimeFormat.interval(v, os.intervalStyle());
    }

    public static String timestamptzOut(Instant i, ZoneId zone) {
        if (i.equals(Instant.MAX)) return "infinity";
        if (i.equals(Instant.MIN)) return "-infinity";
        ZonedDateTime z = i.atZone(zone);
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, z.toLocalDate());
        sb.append(' ');
        appendTime(sb, z.getHour(), z.getMinute(), z.getSecond(), z.getNano());
        int off = z.getOffset().getTotalSeconds();
        sb.append(off < 0 ? '-' : '+');
        off = Math.abs(off);
        sb.append(two(off / 3600));
        if (off % 3600 != 0) {
            sb.append(':').append(two(off % 3600 / 60));
            if (off % 60 != 0) sb.append(':').append(two(off % 60));
        }
        return bc(z.toLocalDate(), sb.toString());
    }

    public static String timestampOut(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) return "infinity";
        if (t.equals(LocalDateTime.MIN)) return "-infinity";
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, t.toLocalDate());
        sb.append(' ');
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return bc(t.toLocalDate(), sb.toString());
    }

    public static String dateOut(LocalDate d) {
        if (d.equals(LocalDate.MAX)) return "infinity";
        if (d.equals(LocalDate.MIN)) return "-infinity";
        StringBuilder sb = new StringBuilder();
        appendDate(sb, d);
        return bc(d, sb.toString());
    }

    public static String timeOut(LocalTime t) {
        StringBuilder sb = new StringBuilder();
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return sb.toString();
    }

    /**
     * AdjustTimestampForTypmod / AdjustTimeForTypmod: rounds the fractional second to
     * {@code precision} digits, half away from zero on the count of microseconds (PostgreSQL
     * counts from 2000-01-01; the rounding unit divides a second, so the origin does not matter).
     */
    public static Object applyTypmod(Object v, int precision) {
        if (v instanceof Interval iv) return adjustInterval(iv, precision);
        if (precision < 0 || precision >= 6) return v;
        long scale = (long) Math.pow(10, 6 - precision);
        if (v instanceof LocalDateTime t) {
            if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return t;
            return t.withNano(0).plus(roundMicros(t.getNano() / 1000, scale), ChronoUnit.MICROS);
        }
        if (v instanceof Instant i) {
            if (i.equals(Instant.MAX) || i.equals(Instant.MIN)) return i;
            return i.with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0).plus(roundMicros(i.getNano() / 1000, scale), ChronoUnit.MICROS);
        }
        if (v instanceof LocalTime t) {
            long us = roundMicros(t.toNanoOfDay() / 1000, scale);
            if (us >= Interval.USECS_PER_DAY) us = Interval.USECS_PER_DAY - 1;
            return LocalTime.ofNanoOfDay(us * 1000);
        }
        return v;
    }

    /** AdjustIntervalForTypmod: drop the fields the qualifier excludes, round to the precision. */
    public static Interval adjustInterval(Interval iv, int typmod) {
        if (typmod < 0) return iv;
        int range = typmod >>> 16, precision = typmod & 0xFFFF;
        int months = iv.months(), days = iv.days();
        long time = iv.micros();
        final int M = IntervalParse.MONTH, Y = IntervalParse.YEAR, D = IntervalParse.DAY, H = IntervalParse.HOUR,
                MI = IntervalParse.MINUTE;
        if (range == IntervalParse.FULL_RANGE) {
            // nothing to drop
        } else if (range == Y) {
            months = (months / 12) * 12;
            days = 0;
            time = 0;
        } else if (range == M || range == (Y | M)) {
            days = 0;
            time = 0;
        } else if (range == D) {
            time = 0;
        } else if (range == H || range == (D | H)) {
            time = (time / Interval.USECS_PER_HOUR) * Interval.USECS_PER_HOUR;
        } else if (range == MI || range == (D | H | MI) || range == (H | MI)) {
            time = (time / Interval.USECS_PER_MINUTE) * Interval.USECS_PER_MINUTE;
        }
        if (precision != 0xFFFF && precision < 6) {
            long scale = (long) Math.pow(10, 6 - precision);
            time = time >= 0 ? roundMicros(time, scale) : -roundMicros(-time, scale);
        }
        return new Interval(months, days, time);
    }

    private static long roundMicros(long us, long scale) { return ((us + scale / 2) / scale) * scale; }

    // ---- on-disk forms: days / microseconds since 2000-01-01, infinities as the integer extremes
    // (DATEVAL_NOBEGIN/NOEND, DT_NOBEGIN/NOEND), byte-compatible with PostgreSQL ----

    private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH_TS = PG_EPOCH.atStartOfDay();
    private static final Instant PG_EPOCH_INSTANT = Instant.parse("2000-01-01T00:00:00Z");

    public static int dateToDatum(LocalDate d) {
        if (d.equals(LocalDate.MAX)) return Integer.MAX_VALUE;
        if (d.equals(LocalDate.MIN)) return Integer.MIN_VALUE;
        return Math.toIntExact(ChronoUnit.DAYS.between(PG_EPOCH, d));
    }

    public static LocalDate dateFromDatum(int v) {
        if (v == Integer.MAX_VALUE) return LocalDate.MAX;
        if (v == Integer.MIN_VALUE) return LocalDate.MIN;
        return PG_EPOCH.plusDays(v);
    }

    public static long timestampToDatum(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) return Long.MAX_VALUE;
        if (t.equals(LocalDateTime.MIN)) return Long.MIN_VALUE;
        return ChronoUnit.MICROS.between(PG_EPOCH_TS, t);
    }

    public static LocalDateTime timestampFromDatum(long v) {
        if (v == Long.MAX_VALUE) return LocalDateTime.MAX;
        if (v == Long.MIN_VALUE) return LocalDateTime.MIN;
        return PG_EPOCH_TS.plus(v, ChronoUnit.MICROS);
    }

    public static long timestamptzToDatum(Instant i) {
        if (i.equals(Instant.MAX)) return Long.MAX_VALUE;
        if (i.equals(Instant.MIN)) return Long.MIN_VALUE;
        return ChronoUnit.MICROS.between(PG_EPOCH_INSTANT, i);
    }

    public static Instant timestamptzFromDatum(long v) {
        if (v == Long.MAX_VALUE) return Instant.MAX;
        if (v == Long.MIN_VALUE) return Instant.MIN;
        return PG_EPOCH_INSTANT.plus(v, ChronoUnit.MICROS);
    }

    /** Truncates to PostgreSQL's microsecond resolution. */
    public static Instant micros(Instant i) { return i.truncatedTo(ChronoUnit.MICROS); }

    // ---------------- interval ----------------

    public static String intervalOut(Interval v) {
        StringBuilder sb = new StringBuilder();
        int years = v.months() / 12, mons = v.months() % 12;
        boolean[] isBefore = {false};
        boolean[] isZero = {true};
        addUnit(sb, years, "year", isBefore, isZero);
        addUnit(sb, mons, "mon", isBefore, isZero);
        addUnit(sb, v.days(), "day", isBefore, isZero);
        long t = v.micros();
        if (t != 0 || isZero[0]) {
            boolean minus = t < 0;
            long a = Math.abs(t);
            if (sb.length() > 0) sb.append(' ');
            sb.append(minus ? "-" : (isBefore[0] ? "+" : ""));
            long h = a / Interval.USECS_PER_HOUR;
            a %= Interval.USECS_PER_HOUR;
            long m = a / Interval.USECS_PER_MINUTE;
            a %= Interval.USECS_PER_MINUTE;
            long s = a / Interval.USECS_PER_SEC;
            sb.append(two(h)).append(':').append(two(m)).append(':').append(two(s));
            appendFraction(sb, a % Interval.USECS_PER_SEC);
        }
        return sb.toString();
    }

    private static void addUnit(StringBuilder sb, int value, String unit, boolean[] isBefore, boolean[] isZero) {
        if (value == 0) return;
        if (sb.length() > 0) sb.append(' ');
        if (isBefore[0] && value > 0) sb.append('+');
        sb.append(value).append(' ').append(unit);
        if (value != 1) sb.append('s');
        isBefore[0] = value < 0;
        isZero[0] = false;
    }



    /** interval_in (no field qualifier). */
    public static Interval intervalIn(String s, InputSettings settings) {
        return IntervalParse.parse(s, IntervalParse.FULL_RANGE, settings.intervalStyle());
    }

    public static Instant addInterval(Instant t, Interval iv, ZoneId zone) {
        if (t.equals(Instant.MAX) || t.equals(Instant.MIN)) return t;
        ZonedDateTime z = t.atZone(zone);
        if (iv.months() != 0) z = z.plusMonths(iv.months());
        if (iv.days() != 0) z = z.plusDays(iv.days());
        return z.toInstant().plus(iv.micros(), ChronoUnit.MICROS);
    }

    public static LocalDateTime addInterval(LocalDateTime t, Interval iv) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return t;
        return t.plusMonths(iv.months()).plusDays(iv.days()).plus(iv.micros(), ChronoUnit.MICROS);
    }

    public static Interval negate(Interval iv) { return new Interval(-iv.months(), -iv.days(), -iv.micros()); }

    /** timestamp_mi: difference as days + time (interval_justify_hours). */
    public static Interval diff(long micros) {
        long days = micros / Interval.USECS_PER_DAY;
        long rest = micros % Interval.USECS_PER_DAY;
        return new Interval(0, (int) days, rest);
    }

    public static long microsBetween(Instant a, Instant b) {
        if (a.equals(Instant.MAX) || a.equals(Instant.MIN) || b.equals(Instant.MAX) || b.equals(Instant.MIN))
            throw infiniteSubtraction();
        return ChronoUnit.MICROS.between(b, a);
    }

    public static long microsBetween(LocalDateTime a, LocalDateTime b) {
        if (a.equals(LocalDateTime.MAX) || a.equals(LocalDateTime.MIN) || b.equals(LocalDateTime.MAX) || b.equals(LocalDateTime.MIN))
            throw infiniteSubtraction();
        return ChronoUnit.MICROS.between(b, a);
    }

    /** timestamp_mi on an infinity. */
    private static PgException infiniteSubtraction() {
        return PgException.error("22008", "cannot subtract infinite timestamps");
    }
}
