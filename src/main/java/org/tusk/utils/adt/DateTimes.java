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
 * datetime.c), ISO DateStyle and postgres IntervalStyle only. timestamptz is an Instant,
 * displayed in the session time zone handed in by the caller.
 */
public final class DateTimes {
    private DateTimes() {}

    private static final Pattern TS = Pattern.compile(
            "(\\d{4,})-(\\d{1,2})-(\\d{1,2})(?:(?:[T ]+)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d*))?)?)?\\s*"
                    + "(Z|z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z_/+-]*)?");
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

    private static LocalDateTime localPart(Matcher m, String type, String s) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) return d.atStartOfDay();
            int h = Integer.parseInt(m.group(4)), mi = Integer.parseInt(m.group(5));
            int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            if (h == 24 && mi == 0 && sec == 0) return d.plusDays(1).atStartOfDay();
            return d.atTime(h, mi, sec).plusNanos(nanosOf(m.group(7)));
        } catch (DateTimeException e) {
            throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + s + "\"")
                    .withHint("Perhaps you need a different \"datestyle\" setting.");
        }
    }

    /** interval_mul: months and days may become fractional; the fractions cascade down as in PostgreSQL. */
    public static Interval multiply(Interval iv, double f) {
        if (Double.isNaN(f)) throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "interval out of range");
        double months = iv.months() * f;
        double days = iv.days() * f;
        int m = (int) months;
        double dFromM = (months - m) * 30;
        int wholeDaysFromM = (int) dFromM;
        double totalDays = days + wholeDaysFromM;
        int d = (int) totalDays;
        double usec = iv.micros() * f + (totalDays - d) * Interval.USECS_PER_DAY
                + (dFromM - wholeDaysFromM) * Interval.USECS_PER_DAY;
        if (Math.abs(months) > Integer.MAX_VALUE || Math.abs(totalDays) > Integer.MAX_VALUE || Math.abs(usec) > 9.2e18)
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "interval out of range");
        return new Interval(m, d, Math.round(usec));
    }

    public static Instant timestamptzIn(String s, ZoneId sessionZone) {
        String t = s.strip();
        if (t.equalsIgnoreCase("epoch")) return Instant.EPOCH;
        Matcher m = TS.matcher(t);
        if (!m.matches()) throw bad("timestamp with time zone", s);
        LocalDateTime ldt = localPart(m, "timestamp with time zone", s);
        String z = m.group(8);
        ZoneId zone = z == null ? sessionZone : z.matches("[+-].*") ? offset(z) : zone(z);
        return ldt.atZone(zone).toInstant();
    }

    private static ZoneOffset offset(String z) {
        String d = z.substring(1).replace(":", "");
        int h, mi = 0, se = 0;
        if (d.length() <= 2) h = Integer.parseInt(d);
        else {
            h = Integer.parseInt(d.substring(0, d.length() % 2 == 0 ? 2 : 1));
            String rest = d.substring(d.length() % 2 == 0 ? 2 : 1);
            mi = Integer.parseInt(rest.substring(0, 2));
            if (rest.length() > 2) se = Integer.parseInt(rest.substring(2));
        }
        int total = h * 3600 + mi * 60 + se;
        return ZoneOffset.ofTotalSeconds(z.charAt(0) == '-' ? -total : total);
    }

    public static LocalDateTime timestampIn(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("epoch")) return LocalDateTime.of(1970, 1, 1, 0, 0);
        Matcher m = TS.matcher(t);
        if (!m.matches()) throw bad("timestamp", s);
        return localPart(m, "timestamp", s);
    }

    public static LocalDate dateIn(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("epoch")) return LocalDate.of(1970, 1, 1);
        Matcher m = TS.matcher(t);
        if (!m.matches()) throw bad("date", s);
        return localPart(m, "date", s).toLocalDate();
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

    public static String timestamptzOut(Instant i, ZoneId zone) {
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
        StringBuilder sb = new StringBuilder(32);
        appendDate(sb, t.toLocalDate());
        sb.append(' ');
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return bc(t.toLocalDate(), sb.toString());
    }

    public static String dateOut(LocalDate d) {
        StringBuilder sb = new StringBuilder();
        appendDate(sb, d);
        return bc(d, sb.toString());
    }

    public static String timeOut(LocalTime t) {
        StringBuilder sb = new StringBuilder();
        appendTime(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
        return sb.toString();
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

    private static final Pattern IV_TOKEN = Pattern.compile(
            "([+-]?)(\\d+):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?|([+-]?\\d+(?:\\.\\d*)?|[+-]?\\.\\d+)\\s*([a-zA-Z]+)?");

    public static Interval intervalIn(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        boolean ago = false;
        if (t.startsWith("@")) t = t.substring(1).strip();
        if (t.endsWith(" ago")) { ago = true; t = t.substring(0, t.length() - 4).strip(); }
        if (t.isEmpty()) throw bad("interval", s);
        double months = 0, days = 0;
        double micros = 0;
        int pos = 0;
        Matcher m = IV_TOKEN.matcher(t);
        while (pos < t.length()) {
            while (pos < t.length() && (t.charAt(pos) == ' ' || t.charAt(pos) == ',')) pos++;
            if (pos >= t.length()) break;
            if (!m.find(pos) || m.start() != pos) throw bad("interval", s);
            if (m.group(2) != null) {
                double sign = "-".equals(m.group(1)) ? -1 : 1;
                double us = Long.parseLong(m.group(2)) * (double) Interval.USECS_PER_HOUR
                        + Long.parseLong(m.group(3)) * (double) Interval.USECS_PER_MINUTE
                        + (m.group(4) == null ? 0 : Long.parseLong(m.group(4)) * (double) Interval.USECS_PER_SEC)
                        + nanosOf(m.group(5)) / 1000.0;
                micros += sign * us;
            } else {
                double n = Double.parseDouble(m.group(6));
                String unit = m.group(7) == null ? "second" : m.group(7);
                switch (unit) {
                    case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> micros += n;
                    case "millisecond", "milliseconds", "ms", "msec", "msecs" -> micros += n * 1000;
                    case "second", "seconds", "s", "sec", "secs" -> micros += n * Interval.USECS_PER_SEC;
                    case "minute", "minutes", "m", "min", "mins" -> micros += n * Interval.USECS_PER_MINUTE;
                    case "hour", "hours", "h", "hr", "hrs" -> micros += n * Interval.USECS_PER_HOUR;
                    case "day", "days", "d" -> days += n;
                    case "week", "weeks", "w" -> days += n * 7;
                    case "month", "months", "mon", "mons" -> months += n;
                    case "year", "years", "y", "yr", "yrs" -> months += n * 12;
                    case "decade", "decades" -> months += n * 120;
                    case "century", "centuries" -> months += n * 1200;
                    case "millennium", "millennia", "millenniums" -> months += n * 12000;
                    default -> throw bad("interval", s);
                }
            }
            pos = m.end();
        }
        // carry fractional months into days and fractional days into time, as DecodeInterval does
        int wholeMonths = (int) months;
        days += (months - wholeMonths) * 30;
        int wholeDays = (int) days;
        micros += (days - wholeDays) * Interval.USECS_PER_DAY;
        Interval r = new Interval(wholeMonths, wholeDays, Math.round(micros));
        return ago ? new Interval(-r.months(), -r.days(), -r.micros()) : r;
    }

    public static Instant addInterval(Instant t, Interval iv, ZoneId zone) {
        ZonedDateTime z = t.atZone(zone);
        if (iv.months() != 0) z = z.plusMonths(iv.months());
        if (iv.days() != 0) z = z.plusDays(iv.days());
        return z.toInstant().plus(iv.micros(), ChronoUnit.MICROS);
    }

    public static LocalDateTime addInterval(LocalDateTime t, Interval iv) {
        return t.plusMonths(iv.months()).plusDays(iv.days()).plus(iv.micros(), ChronoUnit.MICROS);
    }

    public static Interval negate(Interval iv) { return new Interval(-iv.months(), -iv.days(), -iv.micros()); }

    /** timestamp_mi: difference as days + time (interval_justify_hours). */
    public static Interval diff(long micros) {
        long days = micros / Interval.USECS_PER_DAY;
        long rest = micros % Interval.USECS_PER_DAY;
        return new Interval(0, (int) days, rest);
    }

    public static long microsBetween(Instant a, Instant b) { return ChronoUnit.MICROS.between(b, a); }
    public static long microsBetween(LocalDateTime a, LocalDateTime b) { return ChronoUnit.MICROS.between(b, a); }
}
