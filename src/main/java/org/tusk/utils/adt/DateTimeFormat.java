package org.tusk.utils.adt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * Date/time output in every DateStyle and IntervalStyle, as PostgreSQL's EncodeDateOnly,
 * EncodeDateTime, EncodeTimezone and EncodeInterval (datetime.c). Infinite values print as
 * "infinity"/"-infinity" (EncodeSpecialTimestamp). Stateless.
 */
public final class DateTimeFormat {
    private DateTimeFormat() {}

    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        if (s.length() >= width) return s;
        return "0".repeat(width - s.length()) + s;
    }

    /** The year as printed: 1 BC is printed as 1 with the BC suffix. */
    private static int displayYear(int year) { return year > 0 ? year : -(year - 1); }

    /** EncodeDateOnly. */
    public static String date(LocalDate d, DateStyles.Style style, DateStyles.Order order) {
        if (d.equals(LocalDate.MAX)) return "infinity";
        if (d.equals(LocalDate.MIN)) return "-infinity";
        StringBuilder sb = new StringBuilder(16);
        String y = pad(displayYear(d.getYear()), 4), mo = pad(d.getMonthValue(), 2), da = pad(d.getDayOfMonth(), 2);
        switch (style) {
            case ISO -> sb.append(y).append('-').append(mo).append('-').append(da);
            case SQL -> sb.append(order == DateStyles.Order.DMY ? da + "/" + mo : mo + "/" + da).append('/').append(y);
            case GERMAN -> sb.append(da).append('.').append(mo).append('.').append(y);
            case POSTGRES -> sb.append(order == DateStyles.Order.DMY ? da + "-" + mo : mo + "-" + da).append('-').append(y);
        }
        if (d.getYear() <= 0) sb.append(" BC");
        return sb.toString();
    }

    /** AppendSeconds with fillzeros: two-digit seconds, fraction without trailing zeros. */
    static void seconds(StringBuilder sb, int sec, long fsecMicros, boolean fillZeros) {
        sec = Math.abs(sec);
        fsecMicros = Math.abs(fsecMicros);
        sb.append(fillZeros ? pad(sec, 2) : Integer.toString(sec));
        if (fsecMicros != 0) {
            String f = pad(fsecMicros, 6);
            int end = f.length();
            while (f.charAt(end - 1) == '0') end--;
            sb.append('.').append(f, 0, end);
        }
    }

    /** EncodeTimezone: offset in seconds east, "+hh", "+hh:mm" or "+hh:mm:ss". */
    static String timezone(int east) {
        int a = Math.abs(east);
        int hour = a / 3600, min = a % 3600 / 60, sec = a % 60;
        StringBuilder sb = new StringBuilder(9);
        sb.append(east >= 0 ? '+' : '-').append(pad(hour, 2));
        if (sec != 0) sb.append(':').append(pad(min, 2)).append(':').append(pad(sec, 2));
        else if (min != 0) sb.append(':').append(pad(min, 2));
        return sb.toString();
    }

    /** The zone abbreviation shown by the non-ISO styles, or null to show the numeric offset. */
    public static String abbreviation(ZonedDateTime z) {
        ZoneId zone = z.getZone();
        if (zone instanceof ZoneOffset o) return o.getTotalSeconds() == 0 ? "UTC" : null;
        java.time.zone.ZoneRules rules = zone.getRules();
        var transitions = rules.getTransitions();
        // before the zone's first transition the tz database has local mean time
        if (!transitions.isEmpty() && z.toInstant().isBefore(transitions.get(0).getInstant())) return "LMT";
        String a = java.util.TimeZone.getTimeZone(zone).getDisplayName(rules.isDaylightSavings(z.toInstant()),
                java.util.TimeZone.SHORT, Locale.US);
        if (a.startsWith("GMT") && a.length() > 3) return null;
        if (a.startsWith("UTC") && a.length() > 3) return null;
        return a;
    }

    /** EncodeDateTime for timestamp without time zone. */
    public static String timestamp(LocalDateTime t, DateStyles.Style style, DateStyles.Order order) {
        if (t.equals(LocalDateTime.MAX)) return "infinity";
        if (t.equals(LocalDateTime.MIN)) return "-infinity";
        return encode(t, style, order, null, null);
    }

    /** EncodeDateTime for timestamp with time zone, shown in {@code zone}. */
    public static String timestamptz(Instant i, ZoneId zone, DateStyles.Style style, DateStyles.Order order) {
        if (i.equals(Instant.MAX)) return "infinity";
        if (i.equals(Instant.MIN)) return "-infinity";
        ZonedDateTime z = i.atZone(zone);
        return encode(z.toLocalDateTime(), style, order, z.getOffset().getTotalSeconds(), abbreviation(z));
    }

    private static String encode(LocalDateTime t, DateStyles.Style style, DateStyles.Order order, Integer east, String tzn) {
        StringBuilder sb = new StringBuilder(40);
        String y = pad(displayYear(t.getYear()), 4), mo = pad(t.getMonthValue(), 2), da = pad(t.getDayOfMonth(), 2);
        String hm = pad(t.getHour(), 2) + ":" + pad(t.getMinute(), 2) + ":";
        long fsec = t.getNano() / 1000;
        switch (style) {
            case ISO -> {
                sb.append(y).append('-').append(mo).append('-').append(da).append(' ').append(hm);
                seconds(sb, t.getSecond(), fsec, true);
                if (east != null) sb.append(timezone(east));
            }
            case SQL, GERMAN -> {
                if (style == DateStyles.Style.GERMAN) sb.append(da).append('.').append(mo).append('.');
                else sb.append(order == DateStyles.Order.DMY ? da + "/" + mo : mo + "/" + da).append('/');
                if (style == DateStyles.Style.GERMAN) sb.append(y);
                else sb.append(y);
                sb.append(' ').append(hm);
                seconds(sb, t.getSecond(), fsec, true);
                if (east != null) sb.append(tzn != null ? " " + tzn : timezone(east));
            }
            case POSTGRES -> {
                sb.append(DAYS[t.getDayOfWeek().getValue() % 7]).append(' ');
                if (order == DateStyles.Order.DMY) sb.append(da).append(' ').append(MONTHS[t.getMonthValue() - 1]);
                else sb.append(MONTHS[t.getMonthValue() - 1]).append(' ').append(da);
                sb.append(' ').append(hm);
                seconds(sb, t.getSecond(), fsec, true);
                sb.append(' ').append(y);
                if (east != null) sb.append(' ').append(tzn != null ? tzn : timezone(east));
            }
        }
        if (t.getYear() <= 0) sb.append(" BC");
        return sb.toString();
    }

    // ---------------- interval ----------------

    /** EncodeInterval in the given IntervalStyle. */
    public static String interval(Interval v, DateStyles.IntervalStyle style) {
        int year = v.months() / 12, mon = v.months() % 12, mday = v.days();
        long time = v.micros();
        long hour = time / Interval.USECS_PER_HOUR;
        time -= hour * Interval.USECS_PER_HOUR;
        int min = (int) (time / Interval.USECS_PER_MINUTE);
        time -= min * Interval.USECS_PER_MINUTE;
        int sec = (int) (time / Interval.USECS_PER_SEC);
        long fsec = time - sec * Interval.USECS_PER_SEC;
        StringBuilder sb = new StringBuilder(40);
        boolean[] isBefore = {false}, isZero = {true};
        switch (style) {
            case SQL_STANDARD -> {
                boolean hasNegative = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
                boolean hasPositive = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
                boolean hasYearMonth = year != 0 || mon != 0;
                boolean hasDayTime = mday != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
                boolean hasDay = mday != 0;
                boolean sqlStandardValue = !(hasNegative && hasPositive) && !(hasYearMonth && hasDayTime);
                if (hasNegative && sqlStandardValue) {
                    sb.append('-');
                    year = -year; mon = -mon; mday = -mday; hour = -hour; min = -min; sec = -sec; fsec = -fsec;
                }
                if (!hasNegative && !hasPositive) {
                    sb.append('0');
                } else if (!sqlStandardValue) {
                    char yearSign = (year < 0 || mon < 0) ? '-' : '+';
                    char daySign = mday < 0 ? '-' : '+';
                    char secSign = (hour < 0 || min < 0 || sec < 0 || fsec < 0) ? '-' : '+';
                    sb.append(yearSign).append(Math.abs(year)).append('-').append(Math.abs(mon)).append(' ')
                            .append(daySign).append(Math.abs((long) mday)).append(' ')
                            .append(secSign).append(Math.abs(hour)).append(':').append(pad(Math.abs(min), 2)).append(':');
                    seconds(sb, sec, fsec, true);
                } else if (hasYearMonth) {
                    sb.append(year).append('-').append(mon);
                } else if (hasDay) {
                    sb.append(mday).append(' ').append(hour).append(':').append(pad(min, 2)).append(':');
                    seconds(sb, sec, fsec, true);
                } else {
                    sb.append(hour).append(':').append(pad(min, 2)).append(':');
                    seconds(sb, sec, fsec, true);
                }
            }
            case ISO_8601 -> {
                if (year == 0 && mon == 0 && mday == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) return "PT0S";
                sb.append('P');
                isoPart(sb, year, 'Y');
                isoPart(sb, mon, 'M');
                isoPart(sb, mday, 'D');
                if (hour != 0 || min != 0 || sec != 0 || fsec != 0) sb.append('T');
                isoPart(sb, hour, 'H');
                isoPart(sb, min, 'M');
                if (sec != 0 || fsec != 0) {
                    if (sec < 0 || fsec < 0) sb.append('-');
                    seconds(sb, sec, fsec, false);
                    sb.append('S');
                }
            }
            case POSTGRES -> {
                postgresPart(sb, year, "year", isBefore, isZero);
                postgresPart(sb, mon, "mon", isBefore, isZero);
                postgresPart(sb, mday, "day", isBefore, isZero);
                if (isZero[0] || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
                    boolean minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
                    if (!isZero[0]) sb.append(' ');
                    sb.append(minus ? "-" : isBefore[0] ? "+" : "");
                    sb.append(pad(Math.abs(hour), 2)).append(':').append(pad(Math.abs(min), 2)).append(':');
                    seconds(sb, sec, fsec, true);
                }
            }
            case POSTGRES_VERBOSE -> {
                sb.append('@');
                verbosePart(sb, year, "year", isBefore, isZero);
                verbosePart(sb, mon, "mon", isBefore, isZero);
                verbosePart(sb, mday, "day", isBefore, isZero);
                verbosePart(sb, hour, "hour", isBefore, isZero);
                verbosePart(sb, min, "min", isBefore, isZero);
                if (sec != 0 || fsec != 0) {
                    sb.append(' ');
                    if (sec < 0 || (sec == 0 && fsec < 0)) {
                        if (isZero[0]) isBefore[0] = true;
                        else if (!isBefore[0]) sb.append('-');
                    } else if (isBefore[0]) {
                        sb.append('-');
                    }
                    seconds(sb, sec, fsec, false);
                    sb.append(" sec").append(Math.abs(sec) != 1 || fsec != 0 ? "s" : "");
                    isZero[0] = false;
                }
                if (isZero[0]) sb.append(" 0");
                if (isBefore[0]) sb.append(" ago");
            }
        }
        return sb.toString();
    }

    private static void isoPart(StringBuilder sb, long value, char units) {
        if (value != 0) sb.append(value).append(units);
    }

    private static void postgresPart(StringBuilder sb, long value, String units, boolean[] isBefore, boolean[] isZero) {
        if (value == 0) return;
        if (!isZero[0]) sb.append(' ');
        sb.append(isBefore[0] && value > 0 ? "+" : "").append(value).append(' ').append(units)
                .append(value != 1 ? "s" : "");
        isBefore[0] = value < 0;
        isZero[0] = false;
    }

    private static void verbosePart(StringBuilder sb, long value, String units, boolean[] isBefore, boolean[] isZero) {
        if (value == 0) return;
        if (isZero[0]) {
            isBefore[0] = value < 0;
            value = Math.abs(value);
        } else if (isBefore[0]) {
            value = -value;
        }
        sb.append(' ').append(value).append(' ').append(units).append(value == 1 ? "" : "s");
        isZero[0] = false;
    }
}
