package org.tusk.utils.adt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * General date/time input, as PostgreSQL's datetime.c: {@link #parse} is ParseDateTime (split the
 * string into typed fields) and {@link #decode} is DecodeDateTime with DecodeDate, DecodeNumber,
 * DecodeNumberField, DecodeTime, DecodeTimezone, DecodeSpecial and ValidateDate. Ambiguous
 * numeric dates follow the session's DateOrder ({@link InputSettings#dateOrder()}). Errors carry
 * DateTimeParseError's messages and SQLSTATEs.
 */
final class DateTimeParse {
    private DateTimeParse() {}

    // field types of ParseDateTime
    static final int DTK_NUMBER = 0, DTK_STRING = 1, DTK_DATE = 2, DTK_TIME = 3, DTK_TZ = 4, DTK_SPECIAL = 6;

    // token types of DecodeSpecial (datetime.h), used as bit positions of the field masks
    private static final int RESERV = 0, MONTH = 1, YEAR = 2, DAY = 3, JULIAN = 4, TZ = 5, DTZ = 6, DTZMOD = 7,
            IGNORE = 8, AMPM = 9, HOUR = 10, MINUTE = 11, SECOND = 12, MILLISECOND = 13, MICROSECOND = 14,
            DOY = 15, DOW = 16, UNITS = 17, ADBC = 18, ISOTIME = 23, UNKNOWN = 31;

    private static int m(int t) { return 1 << t; }

    private static final int DATE_M = m(YEAR) | m(MONTH) | m(DAY);
    private static final int TIME_M = m(HOUR) | m(MINUTE) | m(SECOND) | m(MILLISECOND) | m(MICROSECOND);
    private static final int ALL_SECS_M = m(SECOND) | m(MILLISECOND) | m(MICROSECOND);

    // reserved-word values
    private static final int R_EPOCH = 1, R_LATE = 2, R_EARLY = 3, R_NOW = 4, R_TODAY = 5, R_TOMORROW = 6,
            R_YESTERDAY = 7, R_ZULU = 8, R_CURRENT = 9;
    private static final int AM = 0, PM = 1, HR24 = 2;

    private record Tok(int type, int value) {}

    /** datetktbl, plus the "Default" time zone abbreviation set (offsets in seconds east). */
    private static final Map<String, Tok> TOKENS = new HashMap<>();

    private static void t(int type, int value, String... names) {
        for (String n : names) TOKENS.put(n, new Tok(type, value));
    }

    static {
        t(RESERV, R_EARLY, "-infinity");
        t(RESERV, R_LATE, "infinity", "+infinity");
        t(RESERV, R_EPOCH, "epoch");
        t(RESERV, R_NOW, "now");
        t(RESERV, R_TODAY, "today");
        t(RESERV, R_TOMORROW, "tomorrow");
        t(RESERV, R_YESTERDAY, "yesterday");
        t(RESERV, R_ZULU, "allballs");
        t(RESERV, R_CURRENT, "current");
        t(ADBC, 0, "ad");
        t(ADBC, 1, "bc");
        t(AMPM, AM, "am", "a.m.");
        t(AMPM, PM, "pm", "p.m.");
        t(IGNORE, 0, "at", "on");
        t(ISOTIME, 0, "t");
        t(DTZMOD, 3600, "dst");
        t(UNITS, JULIAN, "j", "jd", "julian");
        t(UNITS, YEAR, "y");
        t(UNITS, MONTH, "m");
        t(UNITS, DAY, "d");
        t(UNITS, HOUR, "h");
        t(UNITS, MINUTE, "mm");
        t(UNITS, SECOND, "s");
        String[][] months = {{"jan", "january"}, {"feb", "february"}, {"mar", "march"}, {"apr", "april"}, {"may"},
                {"jun", "june"}, {"jul", "july"}, {"aug", "august"}, {"sep", "sept", "september"},
                {"oct", "october"}, {"nov", "november"}, {"dec", "december"}};
        for (int i = 0; i < 12; i++) t(MONTH, i + 1, months[i]);
        String[][] days = {{"sun", "sunday"}, {"mon", "monday"}, {"tue", "tues", "tuesday"},
                {"wed", "wednesday", "weds"}, {"thu", "thur", "thurs", "thursday"}, {"fri", "friday"},
                {"sat", "saturday"}};
        for (int i = 0; i < 7; i++) t(DOW, i, days[i]);
        // share/timezonesets/Default (the abbreviations the regression tests and common use need)
        t(TZ, 0, "utc", "gmt", "ut", "z", "zulu", "wet", "greenwich");
        t(TZ, -8 * 3600, "pst");
        t(DTZ, -7 * 3600, "pdt");
        t(TZ, -7 * 3600, "mst");
        t(DTZ, -6 * 3600, "mdt");
        t(TZ, -6 * 3600, "cst");
        t(DTZ, -5 * 3600, "cdt");
        t(TZ, -5 * 3600, "est");
        t(DTZ, -4 * 3600, "edt");
        t(TZ, -4 * 3600, "ast");
        t(DTZ, -3 * 3600, "adt");
        t(TZ, -9 * 3600, "akst");
        t(DTZ, -8 * 3600, "akdt");
        t(TZ, -10 * 3600, "hst");
        t(TZ, -(3 * 3600 + 1800), "nst");
        t(DTZ, -(2 * 3600 + 1800), "ndt");
        t(TZ, 3600, "cet", "met", "mez");
        t(DTZ, 2 * 3600, "cest", "mest", "mesz");
        t(DTZ, 3600, "west", "bst");
        t(TZ, 2 * 3600, "eet", "ist", "sast");
        t(DTZ, 3 * 3600, "eest");
        t(TZ, 3 * 3600, "msk");
        t(TZ, 8 * 3600, "awst", "hkt", "sgt");
        t(TZ, 9 * 3600, "jst", "kst");
        t(TZ, 9 * 3600 + 1800, "acst");
        t(DTZ, 10 * 3600 + 1800, "acdt");
        t(TZ, 10 * 3600, "aest");
        t(DTZ, 11 * 3600, "aedt");
        t(TZ, 12 * 3600, "nzst");
        t(DTZ, 13 * 3600, "nzdt");
    }

    /** A time zone abbreviation's offset in seconds east, or null (DecodeTimezoneAbbrev). */
    static Integer abbreviation(String lower) {
        Tok t = TOKENS.get(lower);
        return t != null && (t.type() == TZ || t.type() == DTZ) ? t.value() : null;
    }

    /** Full zone names, case-insensitively (pg_tzset). */
    private static final Map<String, String> ZONE_NAMES = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) ZONE_NAMES.put(id.toLowerCase(Locale.ROOT), id);
    }

    private static final java.util.regex.Pattern POSIX = java.util.regex.Pattern.compile(
            "([a-z]{3,})([+-])(\\d{1,2})(?::(\\d{2}))?");

    /**
     * pg_tzset: a full zone name, or a POSIX "STDoffset" spec such as "gmt+8" whose offset counts
     * hours WEST of Greenwich; null if neither.
     */
    static ZoneId namedZone(String lower) {
        String id = ZONE_NAMES.get(lower);
        if (id != null) return ZoneId.of(id);
        java.util.regex.Matcher m = POSIX.matcher(lower);
        if (m.matches()) {
            int secs = Integer.parseInt(m.group(3)) * 3600 + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)) * 60);
            if (secs > 18 * 3600) return null;
            return java.time.ZoneOffset.ofTotalSeconds(m.group(2).equals("+") ? -secs : secs);
        }
        return null;
    }

    /** Signals a DateTimeParseError code. */
    static final class DtErr extends RuntimeException {
        final int code;
        DtErr(int code) { super(null, null, false, false); this.code = code; }
    }

    static final int BAD_FORMAT = -1, FIELD_OVERFLOW = -2, MD_FIELD_OVERFLOW = -3, INTERVAL_OVERFLOW = -4,
            TZDISP_OVERFLOW = -5;

    /** DateTimeParseError: the error for a code, for input {@code str} of type {@code type}. */
    static PgException error(int code, String str, String type) {
        return switch (code) {
            case FIELD_OVERFLOW -> PgException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + str + "\"");
            case MD_FIELD_OVERFLOW -> PgException.error(SqlState.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + str + "\"")
                    .withHint("Perhaps you need a different \"datestyle\" setting.");
            case INTERVAL_OVERFLOW -> PgException.error("22015", "interval field value out of range: \"" + str + "\"");
            case TZDISP_OVERFLOW -> PgException.error("22009", "time zone displacement out of range: \"" + str + "\"");
            default -> PgException.error(SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + type + ": \"" + str + "\"");
        };
    }

    private static DtErr err(int code) { return new DtErr(code); }

    /** ParseDateTime: the fields of {@code s} (lower-cased) and their types. */
    static void parse(String s, List<String> fields, List<Integer> types) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            StringBuilder b = new StringBuilder();
            int type;
            if (isDigit(c)) {
                b.append(c);
                i++;
                while (i < n && isDigit(s.charAt(i))) b.append(s.charAt(i++));
                if (i < n && s.charAt(i) == ':') {
                    type = DTK_TIME;
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.')) b.append(s.charAt(i++));
                } else if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    char delim = s.charAt(i);
                    b.append(delim);
                    i++;
                    if (i < n && isDigit(s.charAt(i))) {
                        while (i < n && isDigit(s.charAt(i))) b.append(s.charAt(i++));
                        if (i < n && s.charAt(i) == delim) {
                            // second delimiter: a date
                            type = DTK_DATE;
                            while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == delim)) b.append(s.charAt(i++));
                        } else {
                            type = DTK_DATE;
                            if (delim == '.') type = DTK_NUMBER;
                        }
                    } else {
                        type = DTK_DATE;
                        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == delim))
                            b.append(Character.toLowerCase(s.charAt(i++)));
                    }
                } else {
                    type = DTK_NUMBER;
                }
            } else if (c == '.') {
                b.append(c);
                i++;
                while (i < n && isDigit(s.charAt(i))) b.append(s.charAt(i++));
                type = DTK_NUMBER;
            } else if (Character.isLetter(c)) {
                type = DTK_STRING;
                while (i < n && Character.isLetter(s.charAt(i))) b.append(Character.toLowerCase(s.charAt(i++)));
                boolean isDate = false;
                if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '.')) isDate = true;
                else if (i < n && (s.charAt(i) == '+' || isDigit(s.charAt(i)))) {
                    // only the core keyword table counts here, not zone abbreviations ("gmt+8" is a zone)
                    Tok k = TOKENS.get(b.toString());
                    isDate = k == null || k.type() == TZ || k.type() == DTZ;
                }
                if (isDate) {
                    type = DTK_DATE;
                    do {
                        b.append(Character.toLowerCase(s.charAt(i++)));
                    } while (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-' || s.charAt(i) == '/' || s.charAt(i) == '_'
                            || s.charAt(i) == '.' || s.charAt(i) == ':' || Character.isLetterOrDigit(s.charAt(i))));
                }
            } else if (c == '+' || c == '-') {
                b.append(c);
                i++;
                while (i < n && Character.isWhitespace(s.charAt(i))) i++;
                if (i < n && isDigit(s.charAt(i))) {
                    type = DTK_TZ;
                    b.append(s.charAt(i++));
                    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == ':' || s.charAt(i) == '.' || s.charAt(i) == '-'))
                        b.append(s.charAt(i++));
                } else if (i < n && Character.isLetter(s.charAt(i))) {
                    type = DTK_SPECIAL;
                    while (i < n && Character.isLetter(s.charAt(i))) b.append(Character.toLowerCase(s.charAt(i++)));
                } else {
                    throw err(BAD_FORMAT);
                }
            } else if (isPunct(c)) {
                i++;
                continue;
            } else {
                throw err(BAD_FORMAT);
            }
            fields.add(b.toString());
            types.add(type);
        }
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isPunct(char c) { return c < 128 && c > 32 && !Character.isLetterOrDigit(c); }

    /** Leading integer of {@code s} from {@code from}; the end index is left in {@code end[0]}. */
    private static int strtoint(String s, int from, int[] end) {
        int i = from;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) { neg = s.charAt(i) == '-'; i++; }
        int start = i;
        long v = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v > Integer.MAX_VALUE) throw err(FIELD_OVERFLOW);
            i++;
        }
        end[0] = i == start ? from : i;
        return (int) (neg ? -v : v);
    }

    /** ParseFractionalSecond: ".ddd" to microseconds, rounded. */
    private static long fraction(String s) {
        try {
            return Math.round(Double.parseDouble("0" + s) * 1_000_000);
        } catch (NumberFormatException e) {
            throw err(BAD_FORMAT);
        }
    }

    /** The mutable decoding state shared by the Decode* helpers. */
    private static final class State {
        final DateTimeFields tm = new DateTimeFields();
        boolean is2digits, haveTextMonth;
        /** DateOrder: how DecodeNumber reads an ambiguous numeric date. */
        final DateStyles.Order order;

        State(DateStyles.Order order) { this.order = order; }
    }

    /**
     * DecodeDateTime: fields to a broken-down time; {@code now} resolves "now", "today" and
     * friends, {@code order} is the session's DateOrder.
     */
    static DateTimeFields decode(List<String> field, List<Integer> ftype, ZonedDateTime now, DateStyles.Order order) {
        State st = new State(order);
        DateTimeFields tm = st.tm;
        int fmask = 0, tmask;
        int ptype = 0;
        int mer = HR24;
        boolean isjulian = false, bc = false;
        int nf = field.size();
        for (int i = 0; i < nf; i++) {
            String f = field.get(i);
            tmask = 0;
            switch (ftype.get(i)) {
                case DTK_DATE -> {
                    if (ptype == JULIAN) {
                        int[] end = new int[1];
                        int val = strtoint(f, 0, end);
                        if (val < 0) throw err(FIELD_OVERFLOW);
                        j2date(val, tm);
                        isjulian = true;
                        tm.tzEast = decodeTimezone(f.substring(end[0]));
                        tmask = DATE_M | TIME_M | m(TZ);
                        ptype = 0;
                    } else if (ptype != 0 || (fmask & (m(MONTH) | m(DAY))) == (m(MONTH) | m(DAY))) {
                        if (isDigit(f.charAt(0)) || ptype != 0) {
                            if (ptype != 0) {
                                if (ptype != ISOTIME) throw err(BAD_FORMAT);
                                ptype = 0;
                            }
                            if ((fmask & TIME_M) == TIME_M) throw err(BAD_FORMAT);
                            int dash = f.indexOf('-');
                            if (dash < 0) throw err(BAD_FORMAT);
                            tm.tzEast = decodeTimezone(f.substring(dash));
                            int[] tmk = new int[1];
                            decodeNumberField(f.substring(0, dash), fmask, tmk, st);
                            tmask = tmk[0] | m(TZ);
                        } else {
                            tm.namedZone = namedZone(f);
                            if (tm.namedZone == null)
                                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + f + "\" not recognized");
                            tmask = m(TZ);
                        }
                    } else {
                        tmask = decodeDate(f, fmask, st);
                    }
                }
                case DTK_TIME -> {
                    tmask = decodeTime(f, tm);
                    if (tm.hour > 24 || (tm.hour == 24 && (tm.min > 0 || tm.sec > 0 || tm.fsec > 0)))
                        throw err(FIELD_OVERFLOW);
                }
                case DTK_TZ -> {
                    tm.tzEast = decodeTimezone(f);
                    tmask = m(TZ);
                }
                case DTK_NUMBER -> {
                    if (ptype != 0) {
                        int[] end = new int[1];
                        int val = strtoint(f, 0, end);
                        String rest = f.substring(end[0]);
                        if (rest.startsWith(".")) {
                            if (ptype != JULIAN && ptype != ISOTIME && ptype != SECOND) throw err(BAD_FORMAT);
                        } else if (!rest.isEmpty()) throw err(BAD_FORMAT);
                        switch (ptype) {
                            case YEAR -> { tm.year = val; tmask = m(YEAR); }
                            case MONTH -> {
                                if ((fmask & m(MONTH)) != 0 && (fmask & m(HOUR)) != 0) { tm.min = val; tmask = m(MINUTE); }
                                else { tm.mon = val; tmask = m(MONTH); }
                            }
                            case DAY -> { tm.mday = val; tmask = m(DAY); }
                            case HOUR -> { tm.hour = val; tmask = m(HOUR); }
                            case MINUTE -> { tm.min = val; tmask = m(MINUTE); }
                            case SECOND -> {
                                tm.sec = val;
                                tmask = m(SECOND);
                                if (rest.startsWith(".")) { tm.fsec = fraction(rest); tmask = ALL_SECS_M; }
                            }
                            case JULIAN -> {
                                if (val < 0) throw err(FIELD_OVERFLOW);
                                tmask = DATE_M;
                                j2date(val, tm);
                                isjulian = true;
                                if (rest.startsWith(".")) {
                                    double time;
                                    try { time = Double.parseDouble(rest); } catch (NumberFormatException e) { throw err(BAD_FORMAT); }
                                    long us = Math.round(time * Interval.USECS_PER_DAY);
                                    tm.hour = (int) (us / Interval.USECS_PER_HOUR);
                                    us -= tm.hour * Interval.USECS_PER_HOUR;
                                    tm.min = (int) (us / Interval.USECS_PER_MINUTE);
                                    us -= tm.min * Interval.USECS_PER_MINUTE;
                                    tm.sec = (int) (us / Interval.USECS_PER_SEC);
                                    tm.fsec = us - tm.sec * Interval.USECS_PER_SEC;
                                    tmask |= TIME_M;
                                }
                            }
                            case ISOTIME -> {
                                int[] tmk = new int[1];
                                decodeNumberField(f, fmask | DATE_M, tmk, st);
                                tmask = tmk[0];
                                if (tmask != TIME_M) throw err(BAD_FORMAT);
                            }
                            default -> throw err(BAD_FORMAT);
                        }
                        ptype = 0;
                        tm.kind = DateTimeFields.Kind.DATE;
                    } else {
                        int dot = f.indexOf('.');
                        int flen = f.length();
                        int[] tmk = new int[1];
                        if (dot >= 0 && (fmask & DATE_M) == 0) {
                            tmask = decodeDate(f, fmask, st);
                        } else if (dot >= 0 && dot > 2) {
                            decodeNumberField(f, fmask, tmk, st);
                            tmask = tmk[0];
                        } else if (flen > 4) {
                            decodeNumberField(f, fmask, tmk, st);
                            tmask = tmk[0];
                        } else {
                            tmask = decodeNumber(f, st.haveTextMonth, fmask, st);
                        }
                    }
                }
                case DTK_STRING, DTK_SPECIAL -> {
                    Tok tok = TOKENS.get(f.length() > 10 ? f.substring(0, 10) : f); // TOKMAXLEN
                    int type = tok == null ? UNKNOWN : tok.type();
                    int val = tok == null ? 0 : tok.value();
                    if (type == IGNORE) continue;
                    tmask = m(type);
                    switch (type) {
                        case RESERV -> {
                            switch (val) {
                                case R_CURRENT -> throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                                        "date/time value \"current\" is no longer supported");
                                case R_NOW -> {
                                    tmask = DATE_M | TIME_M | m(TZ);
                                    tm.kind = DateTimeFields.Kind.DATE;
                                    setFrom(tm, now);
                                    tm.fsec = now.getNano() / 1000;
                                    tm.tzEast = now.getOffset().getTotalSeconds();
                                }
                                case R_TODAY, R_TOMORROW, R_YESTERDAY -> {
                                    tmask = DATE_M;
                                    tm.kind = DateTimeFields.Kind.DATE;
                                    LocalDate d = now.toLocalDate().plusDays(val == R_TOMORROW ? 1 : val == R_YESTERDAY ? -1 : 0);
                                    tm.year = d.getYear();
                                    tm.mon = d.getMonthValue();
                                    tm.mday = d.getDayOfMonth();
                                    tm.hour = tm.min = tm.sec = 0;
                                }
                                case R_ZULU -> {
                                    tmask = TIME_M | m(TZ);
                                    tm.kind = DateTimeFields.Kind.DATE;
                                    tm.hour = tm.min = tm.sec = 0;
                                    tm.tzEast = 0;
                                }
                                case R_EPOCH -> tm.kind = DateTimeFields.Kind.EPOCH;
                                case R_LATE -> tm.kind = DateTimeFields.Kind.LATE;
                                default -> tm.kind = DateTimeFields.Kind.EARLY;
                            }
                        }
                        case MONTH -> {
                            if ((fmask & m(MONTH)) != 0 && !st.haveTextMonth && (fmask & m(DAY)) == 0
                                    && tm.mon >= 1 && tm.mon <= 31) {
                                tm.mday = tm.mon;
                                tmask = m(DAY);
                            }
                            st.haveTextMonth = true;
                            tm.mon = val;
                        }
                        case DTZMOD -> {
                            tmask |= m(DTZ);
                            tm.tzEast = (tm.tzEast == null ? 0 : tm.tzEast) + val;
                        }
                        case DTZ -> {
                            tmask |= m(TZ);
                            tm.tzEast = val;
                        }
                        case TZ -> tm.tzEast = val;
                        case AMPM -> mer = val;
                        case ADBC -> bc = val == 1;
                        case DOW -> { }
                        case UNITS -> {
                            tmask = 0;
                            ptype = val;
                        }
                        case ISOTIME -> {
                            tmask = 0;
                            if ((fmask & DATE_M) != DATE_M) throw err(BAD_FORMAT);
                            if (i >= nf - 1 || (ftype.get(i + 1) != DTK_NUMBER && ftype.get(i + 1) != DTK_TIME
                                    && ftype.get(i + 1) != DTK_DATE)) throw err(BAD_FORMAT);
                            ptype = ISOTIME;
                        }
                        default -> {
                            tm.namedZone = namedZone(f);
                            if (tm.namedZone == null) throw err(BAD_FORMAT);
                            tmask = m(TZ);
                        }
                    }
                }
                default -> throw err(BAD_FORMAT);
            }
            if ((tmask & fmask) != 0) throw err(BAD_FORMAT);
            fmask |= tmask;
        }
        validateDate(fmask, isjulian, st.is2digits, bc, tm);
        if (mer != HR24 && tm.hour > 12) throw err(FIELD_OVERFLOW);
        if (mer == AM && tm.hour == 12) tm.hour = 0;
        else if (mer == PM && tm.hour != 12) tm.hour += 12;
        if (tm.kind == DateTimeFields.Kind.DATE) {
            if ((fmask & DATE_M) != DATE_M) {
                if ((fmask & TIME_M) == TIME_M) tm.kind = DateTimeFields.Kind.TIME;
                else throw err(BAD_FORMAT);
            }
            if (tm.namedZone != null && (fmask & m(DTZMOD)) != 0) throw err(BAD_FORMAT);
            if (tm.tzEast == null && tm.namedZone == null && (fmask & m(DTZMOD)) != 0) throw err(BAD_FORMAT);
        }
        return tm;
    }

    private static void setFrom(DateTimeFields tm, ZonedDateTime z) {
        tm.year = z.getYear();
        tm.mon = z.getMonthValue();
        tm.mday = z.getDayOfMonth();
        tm.hour = z.getHour();
        tm.min = z.getMinute();
        tm.sec = z.getSecond();
    }

    /** j2date: a Julian day number to year/month/day. */
    static void j2date(int jd, DateTimeFields tm) {
        LocalDate d = LocalDate.ofEpochDay(jd - 2440588L);
        tm.year = d.getYear();
        tm.mon = d.getMonthValue();
        tm.mday = d.getDayOfMonth();
    }

    /** DecodeDate: a date field with embedded separators; returns the mask of fields it set. */
    private static int decodeDate(String str, int fmask, State st) {
        if ((fmask & DATE_M) != 0) throw err(BAD_FORMAT);
        List<String> sub = new ArrayList<>();
        int i = 0, n = str.length();
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(str.charAt(i))) i++;
            if (i >= n) throw err(BAD_FORMAT);
            int start = i;
            if (isDigit(str.charAt(i))) while (i < n && isDigit(str.charAt(i))) i++;
            else while (i < n && Character.isLetter(str.charAt(i))) i++;
            sub.add(str.substring(start, i));
            if (i < n) i++;
        }
        int tmask = 0;
        // textual months first: they are unambiguous
        for (int k = 0; k < sub.size(); k++) {
            String f = sub.get(k);
            if (!Character.isLetter(f.charAt(0))) continue;
            Tok tok = TOKENS.get(f);
            if (tok != null && tok.type() == IGNORE) { sub.set(k, null); continue; }
            if (tok == null || tok.type() != MONTH) throw err(BAD_FORMAT);
            st.tm.mon = tok.value();
            st.haveTextMonth = true;
            int dmask = m(MONTH);
            if ((fmask & dmask) != 0) throw err(BAD_FORMAT);
            fmask |= dmask;
            tmask |= dmask;
            sub.set(k, null);
        }
        for (String f : sub) {
            if (f == null) continue;
            if (f.isEmpty()) throw err(BAD_FORMAT);
            int dmask = decodeNumber(f, st.haveTextMonth, fmask, st);
            if ((fmask & dmask) != 0) throw err(BAD_FORMAT);
            fmask |= dmask;
            tmask |= dmask;
        }
        if ((fmask & ~(m(DOY) | m(TZ))) != DATE_M) throw err(BAD_FORMAT);
        return tmask;
    }

    /** DecodeNumber: one numeric field, placed by what is known so far and by DateOrder. */
    private static int decodeNumber(String str, boolean haveTextMonth, int fmask, State st) {
        DateTimeFields tm = st.tm;
        int[] end = new int[1];
        int val = strtoint(str, 0, end);
        if (end[0] == 0) throw err(BAD_FORMAT);
        int flen = str.length();
        if (end[0] < flen) {
            if (str.charAt(end[0]) != '.') throw err(BAD_FORMAT);
            if (end[0] > 2) {
                int[] tmk = new int[1];
                decodeNumberField(str, fmask | DATE_M, tmk, st);
                return tmk[0];
            }
            tm.fsec = fraction(str.substring(end[0]));
        }
        if (flen == 3 && (fmask & DATE_M) == m(YEAR) && val >= 1 && val <= 366) {
            tm.yday = val;
            return m(DOY) | m(MONTH) | m(DAY);
        }
        DateStyles.Order order = st.order;
        int tmask;
        switch (fmask & DATE_M) {
            case 0 -> {
                if (flen >= 3 || order == DateStyles.Order.YMD) { tmask = m(YEAR); tm.year = val; }
                else if (order == DateStyles.Order.DMY) { tmask = m(DAY); tm.mday = val; }
                else { tmask = m(MONTH); tm.mon = val; }
            }
            case 1 << YEAR -> { tmask = m(MONTH); tm.mon = val; }
            case 1 << MONTH -> {
                if (haveTextMonth) {
                    if (flen >= 3 || order == DateStyles.Order.YMD) { tmask = m(YEAR); tm.year = val; }
                    else { tmask = m(DAY); tm.mday = val; }
                } else { tmask = m(DAY); tm.mday = val; }
            }
            case (1 << YEAR) | (1 << MONTH) -> {
                if (haveTextMonth && flen >= 3 && st.is2digits) {
                    tmask = m(DAY);
                    tm.mday = tm.year;
                    tm.year = val;
                    st.is2digits = false;
                } else { tmask = m(DAY); tm.mday = val; }
            }
            case 1 << DAY -> { tmask = m(MONTH); tm.mon = val; }
            case (1 << MONTH) | (1 << DAY) -> { tmask = m(YEAR); tm.year = val; }
            case (1 << YEAR) | (1 << MONTH) | (1 << DAY) -> {
                int[] tmk = new int[1];
                decodeNumberField(str, fmask, tmk, st);
                return tmk[0];
            }
            default -> throw err(BAD_FORMAT);
        }
        if (tmask == m(YEAR)) st.is2digits = flen <= 2;
        return tmask;
    }

    /** DecodeNumberField: run-together yyyymmdd, yymmdd, hhmmss or hhmm, maybe with a fraction. */
    private static void decodeNumberField(String str, int fmask, int[] tmask, State st) {
        DateTimeFields tm = st.tm;
        int dot = str.indexOf('.');
        if (dot >= 0) {
            try {
                tm.fsec = Math.round(Double.parseDouble("0" + str.substring(dot)) * 1_000_000);
            } catch (NumberFormatException e) {
                throw err(BAD_FORMAT);
            }
            str = str.substring(0, dot);
        } else if ((fmask & DATE_M) != DATE_M) {
            int len = str.length();
            if (len >= 6) {
                tmask[0] = DATE_M;
                tm.mday = Integer.parseInt(str.substring(len - 2));
                tm.mon = Integer.parseInt(str.substring(len - 4, len - 2));
                tm.year = Integer.parseInt(str.substring(0, len - 4));
                if (len - 4 == 2) st.is2digits = true;
                return;
            }
        }
        int len = str.length();
        if ((fmask & TIME_M) != TIME_M) {
            if (len == 6) {
                tmask[0] = TIME_M;
                tm.sec = Integer.parseInt(str.substring(4));
                tm.min = Integer.parseInt(str.substring(2, 4));
                tm.hour = Integer.parseInt(str.substring(0, 2));
                return;
            } else if (len == 4) {
                tmask[0] = TIME_M;
                tm.sec = 0;
                tm.min = Integer.parseInt(str.substring(2));
                tm.hour = Integer.parseInt(str.substring(0, 2));
                return;
            }
        }
        throw err(BAD_FORMAT);
    }

    /** DecodeTime: hh:mm[:ss[.fff]] or mm:ss.fff. */
    static int decodeTime(String str, DateTimeFields tm) {
        int[] end = new int[1];
        int hour = strtoint(str, 0, end);
        if (end[0] >= str.length() || str.charAt(end[0]) != ':') throw err(BAD_FORMAT);
        int min = strtoint(str, end[0] + 1, end);
        int sec = 0;
        long fsec = 0;
        if (end[0] == str.length()) {
            // hh:mm
        } else if (str.charAt(end[0]) == '.') {
            fsec = fraction(str.substring(end[0]));
            sec = min;
            min = hour;
            hour = 0;
        } else if (str.charAt(end[0]) == ':') {
            sec = strtoint(str, end[0] + 1, end);
            if (end[0] < str.length()) {
                if (str.charAt(end[0]) != '.') throw err(BAD_FORMAT);
                fsec = fraction(str.substring(end[0]));
            }
        } else {
            throw err(BAD_FORMAT);
        }
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > Interval.USECS_PER_SEC)
            throw err(FIELD_OVERFLOW);
        tm.hour = hour;
        tm.min = min;
        tm.sec = sec;
        tm.fsec = fsec;
        return TIME_M;
    }

    /** DecodeTimezone: "+hh", "+hh:mm[:ss]" or "+hhmm"; returns seconds east. */
    static int decodeTimezone(String str) {
        if (str.isEmpty() || (str.charAt(0) != '+' && str.charAt(0) != '-')) throw err(BAD_FORMAT);
        int[] end = new int[1];
        int hr = strtoint(str, 1, end);
        int min = 0, sec = 0;
        if (end[0] < str.length() && str.charAt(end[0]) == ':') {
            min = strtoint(str, end[0] + 1, end);
            if (end[0] < str.length() && str.charAt(end[0]) == ':') sec = strtoint(str, end[0] + 1, end);
        } else if (end[0] == str.length() && str.length() > 3) {
            min = hr % 100;
            hr = hr / 100;
        }
        if (hr < 0 || hr > 15) throw err(TZDISP_OVERFLOW);
        if (min < 0 || min >= 60) throw err(TZDISP_OVERFLOW);
        if (sec < 0 || sec >= 60) throw err(TZDISP_OVERFLOW);
        int tz = (hr * 60 + min) * 60 + sec;
        if (end[0] != str.length()) throw err(BAD_FORMAT);
        return str.charAt(0) == '-' ? -tz : tz;
    }

    private static final int[][] DAY_TAB = {
        {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
        {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    static boolean isLeap(int y) { return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0)); }

    /** ValidateDate: BC and two-digit years, day of year, month and day ranges. */
    private static void validateDate(int fmask, boolean isjulian, boolean is2digits, boolean bc, DateTimeFields tm) {
        if ((fmask & m(YEAR)) != 0) {
            if (isjulian) {
                // already astronomical
            } else if (bc) {
                if (tm.year <= 0) throw err(FIELD_OVERFLOW);
                tm.year = -(tm.year - 1);
            } else if (is2digits) {
                if (tm.year < 0) throw err(FIELD_OVERFLOW);
                if (tm.year < 70) tm.year += 2000;
                else if (tm.year < 100) tm.year += 1900;
            } else if (tm.year <= 0) {
                throw err(FIELD_OVERFLOW);
            }
        }
        if ((fmask & m(DOY)) != 0) {
            LocalDate d = LocalDate.of(tm.year, 1, 1).plusDays(tm.yday - 1);
            tm.year = d.getYear();
            tm.mon = d.getMonthValue();
            tm.mday = d.getDayOfMonth();
        }
        if ((fmask & m(MONTH)) != 0 && (tm.mon < 1 || tm.mon > 12)) throw err(MD_FIELD_OVERFLOW);
        if ((fmask & m(DAY)) != 0 && (tm.mday < 1 || tm.mday > 31)) throw err(MD_FIELD_OVERFLOW);
        if ((fmask & DATE_M) == DATE_M && tm.mday > DAY_TAB[isLeap(tm.year) ? 1 : 0][tm.mon - 1])
            throw err(FIELD_OVERFLOW);
    }

    // ---------------- the type input functions built on the decoder ----------------

    /** Julian day of 4714-11-24 BC is 0; PostgreSQL's lowest date and timestamp. */
    static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
    static final LocalDate MAX_DATE = LocalDate.of(5874897, 12, 31);
    static final LocalDateTime MAX_TIMESTAMP = LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000);

    /** ParseDateTime and DecodeDateTime of {@code s} in zone {@code session}, with the settings' DateOrder and "now". */
    static DateTimeFields decodeString(String s, String type, ZoneId session, InputSettings settings) {
        List<String> fields = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        try {
            if (s.length() > 128) throw err(BAD_FORMAT);
            parse(s, fields, types);
            if (fields.isEmpty()) throw err(BAD_FORMAT);
            ZonedDateTime now = settings.now().truncatedTo(ChronoUnit.MICROS).atZone(session);
            return decode(fields, types, now, settings.dateOrder());
        } catch (DtErr e) {
            throw error(e.code, s, type);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw error(FIELD_OVERFLOW, s, type);
        }
    }

    /** The local date and time the fields name (with 24:00:00 and leap second 60 rolled over). */
    static LocalDateTime local(DateTimeFields tm) {
        LocalDateTime t = LocalDate.of(tm.year, tm.mon, tm.mday).atStartOfDay()
                .plusHours(tm.hour).plusMinutes(tm.min).plusSeconds(tm.sec);
        return t.plus(tm.fsec, ChronoUnit.MICROS);
    }
}
