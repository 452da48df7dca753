package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * money (cash.c): input and output in the format of lc_monetary, arithmetic with money,
 * floats and integers, the conversions to and from numeric and integers, and cash_words.
 * Tusk's lc_monetary is always C, whose localeconv() has no monetary symbols, so PostgreSQL's
 * fallbacks apply: two fraction digits, '.' as the decimal point, ',' grouping by three, '$'
 * as the currency symbol, '-' for negatives, the sign before the symbol ("-$1,234.56").
 */
public final class Cashes {
    private Cashes() {}

    private static final int FPOINT = 2;
    private static final long SCALE = 100;
    private static final String CSYMBOL = "$", DSYMBOL = ".", SSYMBOL = ",", NSYMBOL = "-", PSYMBOL = "+";

    private static PgException outOfRange(String s) {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + s + "\" is out of range for type money");
    }

    private static boolean isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 11; }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /**
     * cash_in: accumulates the digits as a negative number (so the most negative value is
     * reachable), rounds half up on the first dropped digit, accepts a leading or trailing sign,
     * parentheses for negatives, and the currency symbol before or after.
     */
    public static Cash in(String str) {
        String s = str;
        int i = 0, n = s.length();
        long value = 0;
        int dec = 0, sgn = 1;
        boolean seenDot = false;
        while (i < n && isSpace(s.charAt(i))) i++;
        if (s.startsWith(CSYMBOL, i)) i += CSYMBOL.length();
        while (i < n && isSpace(s.charAt(i))) i++;
        // a leading minus or paren signifies a negative number
        if (s.startsWith(NSYMBOL, i)) {
            sgn = -1;
            i += NSYMBOL.length();
        } else if (i < n && s.charAt(i) == '(') {
            sgn = -1;
            i++;
        } else if (s.startsWith(PSYMBOL, i)) {
            i += PSYMBOL.length();
        }
        while (i < n && isSpace(s.charAt(i))) i++;
        if (s.startsWith(CSYMBOL, i)) i += CSYMBOL.length();
        while (i < n && isSpace(s.charAt(i))) i++;
        for (; i < n; i++) {
            char c = s.charAt(i);
            // we look for digits as long as we have found less than the required number of decimal places
            if (isDigit(c) && (!seenDot || dec < FPOINT)) {
                try {
                    value = Math.subtractExact(Math.multiplyExact(value, 10), c - '0');
                } catch (ArithmeticException e) {
                    throw outOfRange(str);
                }
                if (seenDot) dec++;
            } else if (s.startsWith(DSYMBOL, i) && !seenDot) {
                seenDot = true;
            } else if (s.startsWith(SSYMBOL, i)) {
                i += SSYMBOL.length() - 1;   // ignore if "thousands" separator
            } else {
                break;
            }
        }
        // round off if there's another digit
        if (i < n && isDigit(s.charAt(i)) && s.charAt(i) >= '5') {
            if (value == Long.MIN_VALUE) throw outOfRange(str);
            value--;
        }
        // adjust for less than required decimal places
        for (; dec < FPOINT; dec++) {
            try {
                value = Math.multiplyExact(value, 10);
            } catch (ArithmeticException e) {
                throw outOfRange(str);
            }
        }
        // should only be trailing digits followed by whitespace, right paren, trailing sign, and/or currency symbol
        while (i < n && isDigit(s.charAt(i))) i++;
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c) || c == ')') i++;
            else if (s.startsWith(NSYMBOL, i)) {
                sgn = -1;
                i += NSYMBOL.length();
            } else if (s.startsWith(PSYMBOL, i)) i += PSYMBOL.length();
            else if (s.startsWith(CSYMBOL, i)) i += CSYMBOL.length();
            else throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type money: \"" + str + "\"");
        }
        // if the value is supposed to be positive, flip the sign, but check for the most negative number
        if (sgn > 0) {
            if (value == Long.MIN_VALUE) throw outOfRange(str);
            return new Cash(-value);
        }
        return new Cash(value);
    }

    /** cash_out: digits grouped by three, the decimal point, then sign and currency symbol in front. */
    public static String out(Cash c) {
        long v = c.value();
        boolean neg = v < 0;
        // the digits of |v|, exact even for the most negative value
        String digits = neg ? Long.toString(v).substring(1) : Long.toString(v);
        while (digits.length() <= FPOINT) digits = "0" + digits;
        String whole = digits.substring(0, digits.length() - FPOINT), frac = digits.substring(digits.length() - FPOINT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) sb.append(SSYMBOL);
            sb.append(whole.charAt(i));
        }
        sb.append(DSYMBOL).append(frac);
        return (neg ? NSYMBOL : "") + CSYMBOL + sb;
    }

    private static PgException moneyOutOfRange() {
        return PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "money out of range");
    }

    private static PgException divisionByZero() {
        return PgException.error(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** cash_pl. */
    public static Cash plus(Cash a, Cash b) {
        try {
            return new Cash(Math.addExact(a.value(), b.value()));
        } catch (ArithmeticException e) {
            throw moneyOutOfRange();
        }
    }

    /** cash_mi. */
    public static Cash minus(Cash a, Cash b) {
        try {
            return new Cash(Math.subtractExact(a.value(), b.value()));
        } catch (ArithmeticException e) {
            throw moneyOutOfRange();
        }
    }

    /** cash_div_cash: the ratio as float8. */
    public static double divide(Cash a, Cash b) {
        if (b.value() == 0) throw divisionByZero();
        return (double) a.value() / (double) b.value();
    }

    /** cash_mul_flt8 / flt8_mul_cash (and the float4 forms): rounded to the nearest unit, ties to even. */
    public static Cash multiply(Cash a, double f) { return fromDouble(Math.rint(a.value() * f)); }

    /** cash_div_flt8. */
    public static Cash divide(Cash a, double f) {
        if (f == 0.0) throw divisionByZero();
        return fromDouble(Math.rint(a.value() / f));
    }

    private static Cash fromDouble(double d) {
        if (Double.isNaN(d) || d < -9.223372036854775808E18 || d >= 9.223372036854775808E18) throw moneyOutOfRange();
        return new Cash((long) d);
    }

    /** cash_mul_int8 and the int4/int2 forms. */
    public static Cash multiply(Cash a, long i) {
        try {
            return new Cash(Math.multiplyExact(a.value(), i));
        } catch (ArithmeticException e) {
            throw moneyOutOfRange();
        }
    }

    /** cash_div_int8 and the int4/int2 forms: truncating integer division. */
    public static Cash divide(Cash a, long i) {
        if (i == 0) throw divisionByZero();
        if (i == -1) return multiply(a, -1);
        return new Cash(a.value() / i);
    }

    /** cash_numeric: the value with the locale's fraction digits as scale. */
    public static BigDecimal toNumeric(Cash c) { return BigDecimal.valueOf(c.value(), FPOINT); }

    /** numeric_cash: scaled by 10^fpoint and rounded half away from zero (numeric_int8). */
    public static Cash fromNumeric(BigDecimal n) {
        if (n instanceof NumericSpecial) throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot convert " + Numerics.numericOut(n) + " to money");
        BigDecimal v = n.movePointRight(FPOINT).setScale(0, RoundingMode.HALF_UP);
        try {
            return new Cash(v.longValueExact());
        } catch (ArithmeticException e) {
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        }
    }

    /** int4_cash / int8_cash: whole currency units. */
    public static Cash fromLong(long v) {
        try {
            return new Cash(Math.multiplyExact(v, SCALE));
        } catch (ArithmeticException e) {
            throw PgException.error(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
        }
    }

    private static final String[] SMALL = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

    /** num_word: 0..999 in words, as cash.c spells them ("one hundred and five", "forty two"). */
    private static String numWord(long value) {
        int tu = (int) (value % 100);
        if (value <= 20) return SMALL[(int) value];
        if (tu == 0) return SMALL[(int) (value / 100)] + " hundred";
        String big = tu >= 20 ? SMALL[tu / 10 + 18] : null;
        String low;
        if (value % 10 == 0 && tu > 10) low = big;
        else if (tu < 20) low = (value > 99 ? "and " : "") + SMALL[tu];
        else low = big + " " + SMALL[tu % 10];
        return value > 99 ? SMALL[(int) (value / 100)] + " hundred " + low : low;
    }

    /** cash_words: the amount in English words, dollars and cents, first letter capitalised. */
    public static String words(Cash c) {
        long value = c.value();
        StringBuilder sb = new StringBuilder();
        if (value < 0) {
            value = -value;
            sb.append("minus ");
        }
        // the most negative value stays negative; treat it as unsigned as cash.c's uint64 does
        String dollarsStr = Long.toUnsignedString(value / 100 >= 0 ? value / 100 : Long.divideUnsigned(value, 100));
        long val = Long.parseUnsignedLong(dollarsStr);
        long cents = Long.remainderUnsigned(value, 100);
        long m0 = cents, m1 = val % 1000, m2 = (val / 1000) % 1000, m3 = (val / 1_000_000) % 1000,
                m4 = (val / 1_000_000_000L) % 1000, m5 = (val / 1_000_000_000_000L) % 1000,
                m6 = (val / 1_000_000_000_000_000L) % 1000;
        if (m6 != 0) sb.append(numWord(m6)).append(" quadrillion ");
        if (m5 != 0) sb.append(numWord(m5)).append(" trillion ");
        if (m4 != 0) sb.append(numWord(m4)).append(" billion ");
        if (m3 != 0) sb.append(numWord(m3)).append(" million ");
        if (m2 != 0) sb.append(numWord(m2)).append(" thousand ");
        if (m1 != 0) sb.append(numWord(m1));
        if (val == 0) sb.append("zero");
        sb.append(val == 1 ? " dollar and " : " dollars and ");
        sb.append(numWord(m0));
        sb.append(m0 == 1 ? " cent" : " cents");
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }
}
