package org.tusk.utils.adt.formatting;

import static org.tusk.utils.adt.formatting.DchKeywords.*;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * DCH_to_char of formatting.c: writes a {@link TmToChar} through a parsed date/time picture.
 * Field widths, the FM (no padding) and TH/th (ordinal) suffixes, the 9-character padding of
 * month and day names and the interval rules (fields with no meaning for an interval raise
 * "invalid format specification for an interval value") are PostgreSQL's. TM (localized names)
 * uses the C locale's English names, as PostgreSQL does with lc_time = C.
 */
final class DchToChar {
    private DchToChar() {}

    static final String[] MONTHS_FULL = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"};
    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static final String[] DAYS_SHORT = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static final String[] RM_MONTHS_UPPER = {"XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I"};
    static final String[] RM_MONTHS_LOWER = {"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i"};

    static String format(List<FormatNode> nodes, boolean isInterval, TmToChar tm) {
        StringBuilder s = new StringBuilder();
        for (FormatNode n : nodes) {
            if (n.type() != FormatNode.Type.ACTION) {
                s.append(n.character());
                continue;
            }
            boolean fm = n.fm();
            String v;
            switch (n.id()) {
                case A_M, P_M -> v = tm.hour() % 24 >= 12 ? "P.M." : "A.M.";
                case AM, PM -> v = tm.hour() % 24 >= 12 ? "PM" : "AM";
                case a_m, p_m -> v = tm.hour() % 24 >= 12 ? "p.m." : "a.m.";
                case am, pm -> v = tm.hour() % 24 >= 12 ? "pm" : "am";
                case HH, HH12 -> v = th(n, pad(fm ? 0 : tm.hour() >= 0 ? 2 : 3, tm.hour() % 12 == 0 ? 12 : tm.hour() % 12));
                case HH24 -> v = th(n, pad(fm ? 0 : tm.hour() >= 0 ? 2 : 3, tm.hour()));
                case MI -> v = th(n, pad(fm ? 0 : tm.min() >= 0 ? 2 : 3, tm.min()));
                case SS -> v = th(n, pad(fm ? 0 : tm.sec() >= 0 ? 2 : 3, tm.sec()));
                case FF1, FF2, FF3, FF4, FF5, FF6 -> {
                    int digits = n.id() - FF1 + 1;
                    v = th(n, pad(digits, tm.fsec() / (int) Math.pow(10, 6 - digits)));
                }
                case MS -> v = th(n, pad(3, tm.fsec() / 1000));
                case US -> v = th(n, pad(6, tm.fsec()));
                case SSSS -> v = th(n, Long.toString(tm.hour() * 3600 + tm.min() * 60L + tm.sec()));
                case tz -> {
                    invalidForInterval(isInterval);
                    v = tm.tzn() == null ? "" : tm.tzn().toLowerCase(Locale.ROOT);
                }
                case TZ -> {
                    invalidForInterval(isInterval);
                    v = tm.tzn() == null ? "" : tm.tzn();
                }
                case TZH -> {
                    invalidForInterval(isInterval);
                    v = (tm.gmtoff() >= 0 ? "+" : "-") + pad(2, Math.abs(tm.gmtoff()) / 3600);
                }
                case TZM -> {
                    invalidForInterval(isInterval);
                    v = pad(2, Math.abs(tm.gmtoff()) % 3600 / 60);
                }
                case OF -> {
                    invalidForInterval(isInterval);
                    long a = Math.abs(tm.gmtoff());
                    v = (tm.gmtoff() >= 0 ? "+" : "-") + pad(fm ? 0 : 2, a / 3600);
                    if (a % 3600 != 0) v += ":" + pad(2, a % 3600 / 60);
                }
                case A_D, B_C -> v = era(isInterval, tm, "B.C.", "A.D.");
                case AD, BC -> v = era(isInterval, tm, "BC", "AD");
                case a_d, b_c -> v = era(isInterval, tm, "b.c.", "a.d.");
                case ad, bc -> v = era(isInterval, tm, "bc", "ad");
                case MONTH, Month, month -> {
                    invalidForInterval(isInterval);
                    if (tm.mon() == 0) continue;
                    v = name(n, MONTHS_FULL[tm.mon() - 1]);
                    if (!fm && !n.tm()) v = String.format("%-9s", v);
                }
                case MON, Mon, mon -> {
                    invalidForInterval(isInterval);
                    if (tm.mon() == 0) continue;
                    v = name(n, MONTHS[tm.mon() - 1]);
                }
                case MM -> v = th(n, pad(fm ? 0 : tm.mon() >= 0 ? 2 : 3, tm.mon()));
                case DAY, Day, day -> {
                    invalidForInterval(isInterval);
                    v = name(n, DAYS[tm.wday()]);
                    if (!fm && !n.tm()) v = String.format("%-9s", v);
                }
                case DY, Dy, dy -> {
                    invalidForInterval(isInterval);
                    v = name(n, DAYS_SHORT[tm.wday()]);
                }
                case DDD, IDDD -> v = th(n, pad(fm ? 0 : 3, n.id() == DDD ? tm.yday() : isoYearDay(tm)));
                case DD -> v = th(n, pad(fm ? 0 : 2, tm.mday()));
                case D -> {
                    invalidForInterval(isInterval);
                    v = th(n, Integer.toString(tm.wday() + 1));
                }
                case ID -> {
                    invalidForInterval(isInterval);
                    v = th(n, Integer.toString(tm.wday() == 0 ? 7 : tm.wday()));
                }
                case WW -> v = th(n, pad(fm ? 0 : 2, (tm.yday() - 1) / 7 + 1));
                case IW -> v = th(n, pad(fm ? 0 : 2, date(tm).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case Q -> {
                    if (tm.mon() == 0) continue;
                    v = th(n, Integer.toString((tm.mon() - 1) / 3 + 1));
                }
                case CC -> {
                    int i;
                    if (isInterval) i = tm.year() / 100;
                    else if (tm.year() > 0) i = (tm.year() - 1) / 100 + 1;
                    else i = tm.year() / 100 - 1;
                    v = th(n, i <= 99 && i >= -99 ? pad(fm ? 0 : i >= 0 ? 2 : 3, i) : Integer.toString(i));
                }
                case Y_YYY -> {
                    int y = adjustYear(tm.year(), isInterval);
                    int i = y / 1000;
                    v = th(n, i + "," + pad(3, y - i * 1000));
                }
                case YYYY, IYYY -> {
                    int y = year(n.id() == YYYY, tm, isInterval);
                    v = th(n, pad(fm ? 0 : y >= 0 ? 4 : 5, y));
                }
                case YYY, IYY -> {
                    int y = year(n.id() == YYY, tm, isInterval);
                    v = th(n, pad(fm ? 0 : y >= 0 ? 3 : 4, y % 1000));
                }
                case YY, IY -> {
                    int y = year(n.id() == YY, tm, isInterval);
                    v = th(n, pad(fm ? 0 : y >= 0 ? 2 : 3, y % 100));
                }
                case Y, I -> v = th(n, Integer.toString(year(n.id() == Y, tm, isInterval) % 10));
                case RM, rm -> {
                    if (tm.mon() == 0 && tm.year() == 0) continue;
                    String[] months = n.id() == RM ? RM_MONTHS_UPPER : RM_MONTHS_LOWER;
                    int m;
                    if (tm.mon() == 0) m = tm.year() >= 0 ? 0 : 11;
                    else if (tm.mon() < 0) m = -1 * (tm.mon() + 1);
                    else m = 12 - tm.mon();
                    v = fm ? months[m] : String.format("%-4s", months[m]);
                }
                case W -> v = th(n, Integer.toString((tm.mday() - 1) / 7 + 1));
                case J -> v = th(n, Long.toString(date(tm).toEpochDay() + 2440588));
                default -> v = "";
            }
            s.append(v);
        }
        return s.toString();
    }

    private static void invalidForInterval(boolean isInterval) {
        if (isInterval)
            throw PgException.error(SqlState.INVALID_DATETIME_FORMAT, "invalid format specification for an interval value")
                    .withHint("Intervals are not tied to specific calendar dates.");
    }

    private static String era(boolean isInterval, TmToChar tm, String bc, String ad) {
        invalidForInterval(isInterval);
        return tm.year() <= 0 ? bc : ad;
    }

    /** Month or day name in the keyword's case: all upper, initial capital, or all lower. */
    private static String name(FormatNode n, String english) {
        String k = n.key().name();
        if (Character.isUpperCase(k.charAt(1))) return english.toUpperCase(Locale.ROOT);
        if (Character.isUpperCase(k.charAt(0))) return english;
        return english.toLowerCase(Locale.ROOT);
    }

    /** ADJUST_YEAR: BC years count from 1 for timestamps; interval years as they are. */
    static int adjustYear(int year, boolean isInterval) {
        return isInterval ? year : year <= 0 ? -(year - 1) : year;
    }

    private static int year(boolean gregorian, TmToChar tm, boolean isInterval) {
        int y = gregorian ? tm.year() : date(tm).get(IsoFields.WEEK_BASED_YEAR);
        return adjustYear(y, isInterval);
    }

    private static LocalDate date(TmToChar tm) {
        return LocalDate.of(tm.year(), Math.max(tm.mon(), 1), 1).plusDays(Math.max(tm.mday(), 1) - 1);
    }

    /** date2isoyearday: days since the start of the ISO year. */
    private static int isoYearDay(TmToChar tm) {
        LocalDate d = date(tm);
        return (d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) * 7 + d.getDayOfWeek().getValue();
    }

    /** sprintf("%0*d", width, v). */
    static String pad(int width, long v) {
        String s = Long.toString(Math.abs(v));
        int digits = v < 0 ? width - 1 : width;
        if (s.length() < digits) s = "0".repeat(digits - s.length()) + s;
        return v < 0 ? "-" + s : s;
    }

    /** str_numth when the node has TH or th. */
    private static String th(FormatNode n, String num) {
        return n.thth() ? num + NumProcessor.getTh(num, n.upperTh()) : num;
    }
}
