package org.tusk.utils.adt.formatting;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.tusk.utils.adt.DateTimeFormat;
import org.tusk.utils.adt.Interval;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * to_char for timestamp, timestamptz and interval, and to_timestamp / to_date (formatting.c's
 * timestamp_to_char, timestamptz_to_char, interval_to_char, to_timestamp, to_date and
 * do_to_timestamp). An empty picture or an infinite value gives NULL (a Java null).
 */
public final class DateTimeFormatting {
    private DateTimeFormatting() {}

    private static final long POSTGRES_EPOCH_JDATE = 2451545, UNIX_EPOCH_JDATE = 2440588;

    private static List<FormatNode> parse(String fmt) {
        return FormatParser.parse(fmt, DchKeywords.TABLE, true, false, null);
    }

    private static TmToChar tm(LocalDateTime t, long gmtoff, String tzn) {
        return new TmToChar(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                t.getNano() / 1000, t.getDayOfWeek().getValue() % 7, t.getDayOfYear(), gmtoff, tzn);
    }

    /** timestamp_to_char. */
    public static String toChar(LocalDateTime t, String fmt) {
        if (fmt.isEmpty() || t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return null;
        return DchToChar.format(parse(fmt), false, tm(t, 0, null));
    }

    /** timestamptz_to_char, shown in the session's time zone. */
    public static String toChar(Instant t, ZoneId zone, String fmt) {
        if (fmt.isEmpty() || t.equals(Instant.MAX) || t.equals(Instant.MIN)) return null;
        ZonedDateTime z = t.atZone(zone);
        int off = z.getOffset().getTotalSeconds();
        String tzn = DateTimeFormat.abbreviation(z);
        if (tzn == null) tzn = numericAbbreviation(off);
        return DchToChar.format(parse(fmt), false, tm(z.toLocalDateTime(), off, tzn));
    }

    /** The tz database's abbreviation for a zone without a name: "+05", "-0330". */
    private static String numericAbbreviation(int east) {
        int a = Math.abs(east);
        String s = (east < 0 ? "-" : "+") + DchToChar.pad(2, a / 3600);
        if (a % 3600 != 0) s += DchToChar.pad(2, a % 3600 / 60);
        return s;
    }

    /** interval_to_char: the interval's own fields (interval2itm); yday approximates the span in days. */
    public static String toChar(Interval iv, String fmt) {
        if (fmt.isEmpty()) return null;
        long micros = iv.micros();
        long hour = micros / Interval.USECS_PER_HOUR;
        micros -= hour * Interval.USECS_PER_HOUR;
        int min = (int) (micros / Interval.USECS_PER_MINUTE);
        micros -= min * Interval.USECS_PER_MINUTE;
        int sec = (int) (micros / Interval.USECS_PER_SEC);
        int usec = (int) (micros - sec * Interval.USECS_PER_SEC);
        int year = iv.months() / 12, mon = iv.months() % 12;
        int yday = (year * 12 + mon) * 30 + iv.days();
        return DchToChar.format(parse(fmt), true, new TmToChar(year, mon, iv.days(), hour, min, sec, usec, 0, yday, 0, null));
    }

    /** to_timestamp(text, text): local time in {@code zone} unless TZH/TZM were given. */
    public static Instant toTimestamp(String input, String fmt, ZoneId zone) {
        Result r = doToTimestamp(input, fmt);
        LocalDateTime ldt = r.localDateTime(input);
        Instant result;
        if (r.hasTz) result = ldt.toInstant(ZoneOffset.ofTotalSeconds(-r.gmtoffset));
        else result = ZonedDateTime.ofLocal(ldt, zone, null).toInstant();
        if (r.fprec > 0) result = roundMicros(result, r.fprec);
        checkTimestampRange(result.atOffset(ZoneOffset.UTC).toLocalDateTime());
        return result;
    }

    /** to_date(text, text). */
    public static LocalDate toDate(String input, String fmt) {
        Result r = doToTimestamp(input, fmt);
        LocalDate d;
        try {
            d = r.date();
        } catch (java.time.DateTimeException e) {
            throw dateOutOfRange(input);
        }
        long julian = d.toEpochDay() + UNIX_EPOCH_JDATE;
        // IS_VALID_JULIAN / IS_VALID_DATE: 4714-11-24 BC up to 5874897-12-31
        if (julian < 0 || julian - POSTGRES_EPOCH_JDATE >= 2147483494L - POSTGRES_EPOCH_JDATE + 1
                || d.isAfter(LocalDate.of(5874897, 12, 31)))
            throw dateOutOfRange(input);
        return d;
    }

    private static PgException dateOutOfRange(String input) {
        return PgException.error("22008", "date out of range: \"" + input + "\"");
    }

    private static void checkTimestampRange(LocalDateTime t) {
        // MIN_TIMESTAMP is 4714-11-24 00:00 BC (Julian day 0), END_TIMESTAMP 294277-01-01 00:00
        if (t.isBefore(LocalDateTime.of(-4713, 11, 24, 0, 0)) || !t.isBefore(LocalDateTime.of(294277, 1, 1, 0, 0)))
            throw PgException.error("22008", "timestamp out of range");
    }

    /** AdjustTimestampForTypmod: rounds to {@code precision} fractional digits, half away from zero. */
    private static Instant roundMicros(Instant t, int precision) {
        long scale = (long) Math.pow(10, 6 - precision);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, t);
        long r = micros >= 0 ? (micros + scale / 2) / scale * scale : -((-micros + scale / 2) / scale * scale);
        return Instant.EPOCH.plus(r, ChronoUnit.MICROS);
    }

    /** do_to_timestamp's result: a struct pg_tm with fsec, and the zone from TZH/TZM if any. */
    private static final class Result {
        int year, mon = 1, mday = 1, hour, min, sec, fsec, fprec, gmtoffset;
        boolean hasTz;

        LocalDate date() {
            // date2j arithmetic: an out-of-month day rolls over, as j2date(date2j(...)) does
            return LocalDate.of(year, 1, 1).plusMonths(mon - 1).plusDays(mday - 1);
        }

        LocalDateTime localDateTime(String input) {
            try {
                return date().atStartOfDay().plusHours(hour).plusMinutes(min).plusSeconds(sec).plusNanos(fsec * 1000L);
            } catch (java.time.DateTimeException e) {
                throw PgException.error("22008", "timestamp out of range");
            }
        }
    }

    private static PgException fieldOverflow(String input) {
        return PgException.error("22008", "date/time field value out of range: \"" + input + "\"");
    }

    private static final int[][] DAY_TAB = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
            {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    private static boolean isLeap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

    /** do_to_timestamp: reads the input and turns the fields into a date, time and zone. */
    private static Result doToTimestamp(String input, String fmt) {
        TmFromChar tmfc = fmt.isEmpty() ? new TmFromChar() : DchFromChar.parse(parse(fmt), input);
        Result tm = new Result();
        boolean yearSet = false, monthSet = false, daySet = false;
        if (tmfc.ssss != 0) {
            int x = tmfc.ssss;
            tm.hour = x / 3600;
            x %= 3600;
            tm.min = x / 60;
            tm.sec = x % 60;
        }
        if (tmfc.ss != 0) tm.sec = tmfc.ss;
        if (tmfc.mi != 0) tm.min = tmfc.mi;
        if (tmfc.hh != 0) tm.hour = tmfc.hh;
        if (tmfc.clock12) {
            if (tm.hour < 1 || tm.hour > 12)
                throw PgException.error(SqlState.INVALID_DATETIME_FORMAT, "hour \"" + tm.hour + "\" is invalid for the 12-hour clock")
                        .withHint("Use the 24-hour clock, or give an hour between 1 and 12.");
            if (tmfc.pm != 0 && tm.hour < 12) tm.hour += 12;
            else if (tmfc.pm == 0 && tm.hour == 12) tm.hour = 0;
        }
        if (tmfc.year != 0) {
            if (tmfc.cc != 0 && tmfc.yysz <= 2) {
                if (tmfc.bc != 0) tmfc.cc = -tmfc.cc;
                tm.year = tmfc.year % 100;
                if (tm.year != 0) {
                    long y = tmfc.cc >= 0 ? tm.year + (tmfc.cc - 1) * 100L : (tmfc.cc + 1) * 100L - tm.year + 1;
                    if (y > Integer.MAX_VALUE || y < Integer.MIN_VALUE) throw fieldOverflow(input);
                    tm.year = (int) y;
                } else {
                    tm.year = tmfc.cc * 100 + (tmfc.cc >= 0 ? 0 : 1);
                }
            } else {
                tm.year = tmfc.year;
                if (tmfc.bc != 0) tm.year = -tm.year;
                if (tm.year < 0) tm.year++;   // BC years count from 0 internally
            }
            yearSet = true;
        } else if (tmfc.cc != 0) {
            if (tmfc.bc != 0) tmfc.cc = -tmfc.cc;
            long y = tmfc.cc >= 0 ? (tmfc.cc - 1) * 100L + 1 : tmfc.cc * 100L + 1;
            if (y > Integer.MAX_VALUE || y < Integer.MIN_VALUE) throw fieldOverflow(input);
            tm.year = (int) y;
            yearSet = true;
        }
        if (tmfc.j != 0) {
            LocalDate d = LocalDate.ofEpochDay(tmfc.j - UNIX_EPOCH_JDATE);
            tm.year = d.getYear();
            tm.mon = d.getMonthValue();
            tm.mday = d.getDayOfMonth();
            yearSet = monthSet = daySet = true;
        }
        if (tmfc.ww != 0) {
            if (tmfc.mode == KeyWord.DateMode.ISOWEEK) {
                // isoweekdate2date / isoweek2date: Monday of the week unless a day was given
                LocalDate monday = isoWeek1Monday(tm.year).plusWeeks(tmfc.ww - 1);
                LocalDate d = tmfc.d != 0 ? monday.plusDays(tmfc.d == 1 ? 6 : tmfc.d - 2) : monday;
                tm.year = d.getYear();
                tm.mon = d.getMonthValue();
                tm.mday = d.getDayOfMonth();
                yearSet = monthSet = daySet = true;
            } else {
                tmfc.ddd = (tmfc.ww - 1) * 7 + 1;
            }
        }
        if (tmfc.w != 0) tmfc.dd = (tmfc.w - 1) * 7 + 1;
        if (tmfc.dd != 0) {
            tm.mday = tmfc.dd;
            daySet = true;
        }
        if (tmfc.mm != 0) {
            tm.mon = tmfc.mm;
            monthSet = true;
        }
        if (tmfc.ddd != 0 && (tm.mon <= 1 || tm.mday <= 1)) {
            if (tm.year == 0 && tmfc.bc == 0)
                throw PgException.error(SqlState.INVALID_DATETIME_FORMAT, "cannot calculate day of year without year information");
            if (tmfc.mode == KeyWord.DateMode.ISOWEEK) {
                LocalDate d = isoWeek1Monday(tm.year).plusDays(tmfc.ddd - 1);
                tm.year = d.getYear();
                tm.mon = d.getMonthValue();
                tm.mday = d.getDayOfMonth();
                yearSet = monthSet = daySet = true;
            } else {
                int[] ysum = new int[13];
                int[] tab = DAY_TAB[isLeap(tm.year) ? 1 : 0];
                for (int i = 1; i <= 12; i++) ysum[i] = ysum[i - 1] + tab[i - 1];
                int i;
                for (i = 1; i <= 12; i++) if (tmfc.ddd <= ysum[i]) break;
                if (tm.mon <= 1) tm.mon = i;
                if (tm.mday <= 1) tm.mday = tmfc.ddd - ysum[Math.min(i, 13) - 1];
                monthSet = daySet = true;
            }
        }
        if (tmfc.ms != 0) tm.fsec += tmfc.ms * 1000;
        if (tmfc.us != 0) tm.fsec += tmfc.us;
        tm.fprec = tmfc.ff;
        // ValidateDate with isjulian: month and day within bounds, and the day within its month
        if (monthSet && (tm.mon < 1 || tm.mon > 12)) throw fieldOverflow(input);
        if (daySet && (tm.mday < 1 || tm.mday > 31)) throw fieldOverflow(input);
        if (yearSet && monthSet && daySet && tm.mday > DAY_TAB[isLeap(tm.year) ? 1 : 0][tm.mon - 1]) throw fieldOverflow(input);
        if (tm.hour < 0 || tm.hour >= 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec >= 60 || tm.fsec < 0
                || tm.fsec >= 1_000_000)
            throw fieldOverflow(input);
        if (tmfc.tzsign != 0) {
            if (tmfc.tzh < 0 || tmfc.tzh > 15 || tmfc.tzm < 0 || tmfc.tzm >= 60)
                throw PgException.error("22009", "time zone displacement out of range: \"" + input + "\"");
            tm.hasTz = true;
            tm.gmtoffset = (tmfc.tzh * 60 + tmfc.tzm) * 60;
            if (tmfc.tzsign > 0) tm.gmtoffset = -tm.gmtoffset;   // PostgreSQL's offsets count west
        }
        return tm;
    }

    /** isoweek2j(year, 1): the Monday of ISO week 1 of {@code year} (the week holding January 4th). */
    private static LocalDate isoWeek1Monday(int year) {
        LocalDate jan4 = LocalDate.of(year, 1, 4);
        return jan4.minusDays(jan4.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
    }

    /**
     * float8_timestamptz (to_timestamp(double precision)): seconds since the Unix epoch, rounded
     * to microseconds; the infinities map to the infinite timestamps.
     */
    public static Instant fromUnixEpoch(double seconds) {
        if (Double.isNaN(seconds))
            throw PgException.error("22008", "timestamp cannot be NaN");
        if (Double.isInfinite(seconds)) return seconds > 0 ? Instant.MAX : Instant.MIN;
        // DATETIME_MIN_JULIAN (4714-11-24 BC) .. TIMESTAMP_END_JULIAN (294277-01-01)
        if (seconds < 86400.0 * (0 - UNIX_EPOCH_JDATE) || seconds >= 86400.0 * (109203528 - UNIX_EPOCH_JDATE))
            throw PgException.error("22008", "timestamp out of range: \"" + cG(seconds) + "\"");
        long micros = (long) Math.rint(seconds * 1_000_000);
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** printf("%g", v): six significant digits, trailing zeros dropped. */
    static String cG(double v) {
        if (v == 0) return "0";
        java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String e = NumericFormatting.cExp(v, 5);
            String mant = e.substring(1, e.indexOf('e'));
            if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
            String sign = v < 0 ? "-" : "";
            return sign + mant + e.substring(e.indexOf('e'));
        }
        return r.stripTrailingZeros().toPlainString();
    }
}
