package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * interval input, as PostgreSQL's interval_in: ParseDateTime's fields decoded right to left by
 * DecodeInterval (units before values, "ago", SQL "years-months" and "+hh:mm" forms, the
 * IntervalStyle sql_standard leading-sign rule, a field qualifier's rightmost unit for bare
 * numbers), falling back to DecodeISO8601Interval ("P1Y2M3DT4H5M6S" and the alternative
 * formats). Fields accumulate in a pg_itm_in (years, months, days, microseconds) with overflow
 * checks, then itmin2interval.
 */
public final class IntervalParse {
    private IntervalParse() {}

    // interval field-qualifier bits (INTERVAL_MASK of datetime.h), as carried in an interval typmod
    public static final int MONTH = 1 << 1, YEAR = 1 << 2, DAY = 1 << 3, HOUR = 1 << 10, MINUTE = 1 << 11,
            SECOND = 1 << 12;
    public static final int FULL_RANGE = 0x7FFF;

    private enum U { MICROSEC, MILLISEC, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, YEAR, DECADE, CENTURY, MILLENNIUM, AGO, IGNORE }

    private static final Map<String, U> UNITS = new HashMap<>();

    private static void u(U unit, String... names) { for (String n : names) UNITS.put(n, unit); }

    static {
        u(U.IGNORE, "@");
        u(U.AGO, "ago");
        u(U.CENTURY, "c", "cent", "centuries", "century");
        u(U.DAY, "d", "day", "days");
        u(U.DECADE, "dec", "decade", "decades", "decs");
        u(U.HOUR, "h", "hour", "hours", "hr", "hrs");
        u(U.MINUTE, "m", "min", "mins", "minute", "minutes");
        u(U.MILLENNIUM, "mil", "millennia", "millennium", "mils");
        u(U.MILLISEC, "millisecon", "ms", "msec", "msecs", "millisecond", "milliseconds");
        u(U.MONTH, "mon", "mons", "month", "months");
        u(U.SECOND, "s", "sec", "second", "seconds", "secs");
        u(U.MICROSEC, "us", "usec", "usecs", "microsecon", "microsecond", "microseconds");
        u(U.WEEK, "w", "week", "weeks");
        u(U.YEAR, "y", "year", "years", "yr", "yrs");
    }

    /** pg_itm_in. */
    private static final class Itm {
        long usec;
        int mday, mon, year;
    }

    private static final class Err extends RuntimeException {
        final int code;
        Err(int code) { super(null, null, false, false); this.code = code; }
    }

    private static final int BAD = DateTimeParse.BAD_FORMAT, OVERFLOW = DateTimeParse.FIELD_OVERFLOW;

    /** interval_in with a field-qualifier range (FULL_RANGE when none). */
    public static Interval parse(String str, int range, DateStyles.IntervalStyle style) {
        Itm itm;
        try {
            itm = decode(str, range, style);
        } catch (Err e) {
            if (e.code != BAD) throw DateTimeParse.error(e.code == OVERFLOW ? DateTimeParse.INTERVAL_OVERFLOW : e.code, str, "interval");
            try {
                itm = decodeIso(str);
            } catch (Err e2) {
                throw DateTimeParse.error(e2.code == OVERFLOW ? DateTimeParse.INTERVAL_OVERFLOW : e2.code, str, "interval");
            }
        }
        long months = (long) itm.year * 12 + itm.mon;
        if (months != (int) months) throw PgException.error(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        return new Interval((int) months, itm.mday, itm.usec);
    }

    private static Itm decode(String str, int range, DateStyles.IntervalStyle style) {
        List<String> field = new ArrayList<>();
        List<Integer> ftype = new ArrayList<>();
        try {
            DateTimeParse.parse(str, field, ftype);
        } catch (DateTimeParse.DtErr e) {
            throw new Err(e.code);
        }
        int nf = field.size();
        Itm itm = new Itm();
        boolean forceNegative = false, isBefore = false, parsingUnitVal = false;
        if (style == DateStyles.IntervalStyle.SQL_STANDARD && nf > 0 && field.get(0).startsWith("-")) {
            forceNegative = true;
            for (int i = 1; i < nf; i++) {
                if (field.get(i).startsWith("-") || field.get(i).startsWith("+")) { forceNegative = false; break; }
            }
        }
        int fmask = 0;
        U type = null;
        for (int i = nf - 1; i >= 0; i--) {
            String f = field.get(i);
            int tmask = 0;
            int ft = ftype.get(i);
            boolean handled = false;
            if (ft == DateTimeParse.DTK_TIME) {
                tmask = decodeTime(f, range, itm);
                if (forceNegative && itm.usec > 0) itm.usec = -itm.usec;
                type = U.DAY;
                parsingUnitVal = false;
                handled = true;
            } else if (ft == DateTimeParse.DTK_TZ && f.indexOf(':', 1) >= 0 && tryTime(f.substring(1), range, itm)) {
                tmask = TIME_M;
                if (f.charAt(0) == '-') {
                    if (itm.usec == Long.MIN_VALUE) throw new Err(OVERFLOW);
                    itm.usec = -itm.usec;
                }
                if (forceNegative && itm.usec > 0) itm.usec = -itm.usec;
                type = U.DAY;
                parsingUnitVal = false;
                handled = true;
            }
            if (!handled && (ft == DateTimeParse.DTK_TZ || ft == DateTimeParse.DTK_DATE || ft == DateTimeParse.DTK_NUMBER)) {
                if (type == null) type = rightmost(range);
                int[] end = new int[1];
                long val = strtol(f, end);
                String rest = f.substring(end[0]);
                double fval;
                if (rest.startsWith("-")) {
                    int[] end2 = new int[1];
                    String r2 = rest.substring(1);
                    long val2 = r2.isEmpty() || !Character.isDigit(r2.charAt(0)) ? -1 : strtol(r2, end2);
                    if (val2 < 0 || val2 >= 12) throw new Err(OVERFLOW);
                    if (end2[0] != r2.length()) throw new Err(BAD);
                    type = U.MONTH;
                    if (f.startsWith("-")) val2 = -val2;
                    try {
                        val = Math.addExact(Math.multiplyExact(val, 12L), val2);
                    } catch (ArithmeticException e) {
                        throw new Err(OVERFLOW);
                    }
                    fval = 0;
                } else if (rest.startsWith(".")) {
                    try {
                        fval = Double.parseDouble("0" + rest);
                    } catch (NumberFormatException e) {
                        throw new Err(BAD);
                    }
                    if (f.startsWith("-")) fval = -fval;
                } else if (rest.isEmpty()) {
                    fval = 0;
                } else {
                    throw new Err(BAD);
                }
                if (forceNegative) {
                    if (val > 0) val = -val;
                    if (fval > 0) fval = -fval;
                }
                switch (type) {
                    case MICROSEC -> { adjustMicroseconds(val, fval, 1, itm); tmask = bit(U.MICROSEC); }
                    case MILLISEC -> { adjustMicroseconds(val, fval, 1000, itm); tmask = bit(U.MILLISEC); }
                    case SECOND -> {
                        adjustMicroseconds(val, fval, Interval.USECS_PER_SEC, itm);
                        tmask = fval == 0 ? bit(U.SECOND) : bit(U.SECOND) | bit(U.MILLISEC) | bit(U.MICROSEC);
                    }
                    case MINUTE -> { adjustMicroseconds(val, fval, Interval.USECS_PER_MINUTE, itm); tmask = bit(U.MINUTE); }
                    case HOUR -> {
                        adjustMicroseconds(val, fval, Interval.USECS_PER_HOUR, itm);
                        tmask = bit(U.HOUR);
                        type = U.DAY;
                    }
                    case DAY -> { adjustDays(val, 1, itm); adjustFractMicroseconds(fval, Interval.USECS_PER_DAY, itm); tmask = bit(U.DAY); }
                    case WEEK -> { adjustDays(val, 7, itm); adjustFractDays(fval, 7, itm); tmask = bit(U.WEEK); }
                    case MONTH -> { adjustMonths(val, itm); adjustFractDays(fval, 30, itm); tmask = bit(U.MONTH); }
                    case YEAR -> { adjustYears(val, 1, itm); adjustFractYears(fval, 1, itm); tmask = bit(U.YEAR); }
                    case DECADE -> { adjustYears(val, 10, itm); adjustFractYears(fval, 10, itm); tmask = bit(U.DECADE); }
                    case CENTURY -> { adjustYears(val, 100, itm); adjustFractYears(fval, 100, itm); tmask = bit(U.CENTURY); }
                    case MILLENNIUM -> { adjustYears(val, 1000, itm); adjustFractYears(fval, 1000, itm); tmask = bit(U.MILLENNIUM); }
                    default -> throw new Err(BAD);
                }
                parsingUnitVal = false;
            } else if (!handled && (ft == DateTimeParse.DTK_STRING || ft == DateTimeParse.DTK_SPECIAL)) {
                if (parsingUnitVal) throw new Err(BAD);
                U unit = UNITS.get(f.length() > 10 ? f.substring(0, 10) : f); // TOKMAXLEN
                if (unit == null) throw new Err(BAD);
                if (unit == U.IGNORE) continue;
                if (unit == U.AGO) {
                    if (i != nf - 1) throw new Err(BAD);
                    isBefore = true;
                } else {
                    type = unit;
                    parsingUnitVal = true;
                }
            } else if (!handled) {
                throw new Err(BAD);
            }
            if ((tmask & fmask) != 0) throw new Err(BAD);
            fmask |= tmask;
        }
        if (fmask == 0) throw new Err(BAD);
        if (parsingUnitVal) throw new Err(BAD);
        if (isBefore) {
            if (itm.usec == Long.MIN_VALUE || itm.mday == Integer.MIN_VALUE || itm.mon == Integer.MIN_VALUE
                    || itm.year == Integer.MIN_VALUE) throw new Err(OVERFLOW);
            itm.usec = -itm.usec;
            itm.mday = -itm.mday;
            itm.mon = -itm.mon;
            itm.year = -itm.year;
        }
        return itm;
    }

    private static int bit(U u) { return 1 << u.ordinal(); }

    private static final int TIME_M = bit(U.HOUR) | bit(U.MINUTE) | bit(U.SECOND) | bit(U.MILLISEC) | bit(U.MICROSEC);

    /** The unit of a bare trailing number, from the field qualifier. */
    private static U rightmost(int range) {
        if (range == YEAR) return U.YEAR;
        if (range == MONTH || range == (YEAR | MONTH)) return U.MONTH;
        if (range == DAY) return U.DAY;
        if (range == HOUR || range == (DAY | HOUR)) return U.HOUR;
        if (range == MINUTE || range == (HOUR | MINUTE) || range == (DAY | HOUR | MINUTE)) return U.MINUTE;
        return U.SECOND;
    }

    private static long strtol(String s, int[] end) {
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) { neg = s.charAt(i) == '-'; i++; }
        int start = i;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                if (neg && v == (Long.MAX_VALUE - d + 1) / 10 && (Long.MAX_VALUE - d + 1) % 10 == 0) { v = Long.MIN_VALUE; i++; continue; }
                throw new Err(OVERFLOW);
            }
            v = v * 10 + d;
            i++;
        }
        end[0] = i == start ? 0 : i;
        return neg && v != Long.MIN_VALUE ? -v : v;
    }

    private static boolean tryTime(String s, int range, Itm itm) {
        try {
            decodeTime(s, range, itm);
            return true;
        } catch (Err e) {
            return false;
        }
    }

    /** DecodeTime for intervals: hours may exceed 24 and are 64-bit. */
    private static int decodeTime(String str, int range, Itm itm) {
        int[] end = new int[1];
        long hour = strtol(str, end);
        if (end[0] >= str.length() || str.charAt(end[0]) != ':') throw new Err(BAD);
        String r = str.substring(end[0] + 1);
        long min = strtol(r, end);
        r = r.substring(end[0]);
        long sec = 0, fsec = 0;
        if (r.isEmpty()) {
            if (range == (MINUTE | SECOND)) { sec = min; min = hour; hour = 0; }
        } else if (r.startsWith(".")) {
            fsec = fraction(r);
            sec = min;
            min = hour;
            hour = 0;
        } else if (r.startsWith(":")) {
            r = r.substring(1);
            sec = strtol(r, end);
            r = r.substring(end[0]);
            if (!r.isEmpty()) {
                if (!r.startsWith(".")) throw new Err(BAD);
                fsec = fraction(r);
            }
        } else {
            throw new Err(BAD);
        }
        if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > Interval.USECS_PER_SEC)
            throw new Err(OVERFLOW);
        try {
            itm.usec = Math.addExact(Math.multiplyExact(hour, Interval.USECS_PER_HOUR),
                    min * Interval.USECS_PER_MINUTE + sec * Interval.USECS_PER_SEC + fsec);
        } catch (ArithmeticException e) {
            throw new Err(OVERFLOW);
        }
        return TIME_M;
    }

    private static long fraction(String s) {
        try {
            return Math.round(Double.parseDouble("0" + s) * 1_000_000);
        } catch (NumberFormatException e) {
            throw new Err(BAD);
        }
    }

    // ---- the Adjust* helpers: add a scaled value into pg_itm_in, failing on overflow ----

    private static void adjustFractMicroseconds(double frac, long scale, Itm itm) {
        if (frac == 0) return;
        frac *= scale;
        long usec = (long) frac;
        frac -= usec;
        if (frac > 0.5) usec++;
        else if (frac < -0.5) usec--;
        try {
            itm.usec = Math.addExact(itm.usec, usec);
        } catch (ArithmeticException e) {
            throw new Err(OVERFLOW);
        }
    }

    private static void adjustFractDays(double frac, int scale, Itm itm) {
        if (frac == 0) return;
        frac *= scale;
        int extra = (int) frac;
        itm.mday = addInt(itm.mday, extra);
        frac -= extra;
        adjustFractMicroseconds(frac, Interval.USECS_PER_DAY, itm);
    }

    private static void adjustFractYears(double frac, int scale, Itm itm) {
        int extra = (int) Math.rint(frac * scale * 12);
        itm.mon = addInt(itm.mon, extra);
    }

    private static void adjustMicroseconds(long val, double fval, long scale, Itm itm) {
        try {
            itm.usec = Math.addExact(itm.usec, Math.multiplyExact(val, scale));
        } catch (ArithmeticException e) {
            throw new Err(OVERFLOW);
        }
        adjustFractMicroseconds(fval, scale, itm);
    }

    private static void adjustDays(long val, int scale, Itm itm) {
        long days = val * scale;
        if (val != (int) val || days != (int) days) throw new Err(OVERFLOW);
        itm.mday = addInt(itm.mday, (int) days);
    }

    private static void adjustMonths(long val, Itm itm) {
        if (val != (int) val) throw new Err(OVERFLOW);
        itm.mon = addInt(itm.mon, (int) val);
    }

    private static void adjustYears(long val, int scale, Itm itm) {
        long years = val * scale;
        if (val != (int) val || years != (int) years) throw new Err(OVERFLOW);
        itm.year = addInt(itm.year, (int) years);
    }

    private static int addInt(int a, int b) {
        long r = (long) a + b;
        if (r != (int) r) throw new Err(OVERFLOW);
        return (int) r;
    }

    // ---- DecodeISO8601Interval ----

    /** ParseISO8601Number: a decimal number split into integral part (returned) and fraction. */
    private static long isoNumber(String s, int[] at, double[] frac) {
        int i = at[0];
        if (i >= s.length() || !(Character.isDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '.')) throw new Err(BAD);
        int j = i;
        if (j < s.length() && (s.charAt(j) == '-' || s.charAt(j) == '+')) j++;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        if (j < s.length() && s.charAt(j) == '.') {
            j++;
            while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        }
        if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
            if (k < s.length() && Character.isDigit(s.charAt(k))) {
                while (k < s.length() && Character.isDigit(s.charAt(k))) k++;
                j = k;
            }
        }
        double val;
        try {
            val = Double.parseDouble(s.substring(i, j));
        } catch (NumberFormatException e) {
            throw new Err(BAD);
        }
        if (Double.isNaN(val) || val < -1.0e15 || val > 1.0e15) throw new Err(OVERFLOW);
        long ipart = val >= 0 ? (long) Math.floor(val) : (long) -Math.floor(-val);
        frac[0] = val - ipart;
        at[0] = j;
        return ipart;
    }

    private static int integerWidth(String s, int from) {
        int i = from;
        if (i < s.length() && s.charAt(i) == '-') i++;
        int start = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        return i - start;
    }

    private static Itm decodeIso(String str) {
        Itm itm = new Itm();
        if (str.length() < 2 || str.charAt(0) != 'P') throw new Err(BAD);
        boolean datepart = true, havefield = false;
        int[] at = {1};
        double[] fr = new double[1];
        int n = str.length();
        while (at[0] < n) {
            if (str.charAt(at[0]) == 'T') {
                datepart = false;
                havefield = false;
                at[0]++;
                continue;
            }
            int fieldstart = at[0];
            long val = isoNumber(str, at, fr);
            double fval = fr[0];
            char unit = at[0] < n ? str.charAt(at[0]) : '\0';
            at[0]++;
            if (datepart) {
                switch (unit) {
                    case 'Y' -> { adjustYears(val, 1, itm); adjustFractYears(fval, 1, itm); }
                    case 'M' -> { adjustMonths(val, itm); adjustFractDays(fval, 30, itm); }
                    case 'W' -> { adjustDays(val, 7, itm); adjustFractDays(fval, 7, itm); }
                    case 'D' -> { adjustDays(val, 1, itm); adjustFractMicroseconds(fval, Interval.USECS_PER_DAY, itm); }
                    case 'T', '\0', '-' -> {
                        if (unit != '-' && integerWidth(str, fieldstart) == 8 && !havefield) {
                            adjustYears(val / 10000, 1, itm);
                            adjustMonths((val / 100) % 100, itm);
                            adjustDays(val % 100, 1, itm);
                            adjustFractMicroseconds(fval, Interval.USECS_PER_DAY, itm);
                            if (unit == '\0') return itm;
                            datepart = false;
                            havefield = false;
                            continue;
                        }
                        if (havefield) throw new Err(BAD);
                        adjustYears(val, 1, itm);
                        adjustFractYears(fval, 1, itm);
                        if (unit == '\0') return itm;
                        if (unit == 'T') { datepart = false; havefield = false; continue; }
                        val = isoNumber(str, at, fr);
                        adjustMonths(val, itm);
                        adjustFractDays(fr[0], 30, itm);
                        if (at[0] >= n) return itm;
                        if (str.charAt(at[0]) == 'T') { datepart = false; havefield = false; at[0]++; continue; }
                        if (str.charAt(at[0]) != '-') throw new Err(BAD);
                        at[0]++;
                        val = isoNumber(str, at, fr);
                        adjustDays(val, 1, itm);
                        adjustFractMicroseconds(fr[0], Interval.USECS_PER_DAY, itm);
                        if (at[0] >= n) return itm;
                        if (str.charAt(at[0]) == 'T') { datepart = false; havefield = false; at[0]++; continue; }
                        throw new Err(BAD);
                    }
                    default -> throw new Err(BAD);
                }
            } else {
                switch (unit) {
                    case 'H' -> adjustMicroseconds(val, fval, Interval.USECS_PER_HOUR, itm);
                    case 'M' -> adjustMicroseconds(val, fval, Interval.USECS_PER_MINUTE, itm);
                    case 'S' -> adjustMicroseconds(val, fval, Interval.USECS_PER_SEC, itm);
                    case '\0', ':' -> {
                        if (unit == '\0' && integerWidth(str, fieldstart) == 6 && !havefield) {
                            adjustMicroseconds(val / 10000, 0, Interval.USECS_PER_HOUR, itm);
                            adjustMicroseconds((val / 100) % 100, 0, Interval.USECS_PER_MINUTE, itm);
                            adjustMicroseconds(val % 100, 0, Interval.USECS_PER_SEC, itm);
                            adjustFractMicroseconds(fval, 1_000_000, itm);
                            return itm;
                        }
                        if (havefield) throw new Err(BAD);
                        adjustMicroseconds(val, fval, Interval.USECS_PER_HOUR, itm);
                        if (unit == '\0') return itm;
                        val = isoNumber(str, at, fr);
                        adjustMicroseconds(val, fr[0], Interval.USECS_PER_MINUTE, itm);
                        if (at[0] >= n) return itm;
                        if (str.charAt(at[0]) != ':') throw new Err(BAD);
                        at[0]++;
                        val = isoNumber(str, at, fr);
                        adjustMicroseconds(val, fr[0], Interval.USECS_PER_SEC, itm);
                        if (at[0] >= n) return itm;
                        throw new Err(BAD);
                    }
                    default -> throw new Err(BAD);
                }
            }
            havefield = true;
        }
        return itm;
    }
}
