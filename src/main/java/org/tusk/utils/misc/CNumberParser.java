package org.tusk.utils.misc;

import java.math.BigInteger;
import java.util.Locale;

/**
 * The parts of C's {@code strtol(s, &end, 0)} and {@code strtod(s, &end)} that guc.c relies on
 * when reading numeric parameters: leading white space, an optional sign, hexadecimal ("0x")
 * and octal (leading "0") integers, decimal reals with exponents, "inf" and "nan", and where the
 * number stopped so the rest can be read as a unit.
 */
final class CNumberParser {
    /** A parsed number and the index of the first character after it. */
    record Parsed(double value, int end, boolean outOfRange) {}

    private CNumberParser() {}

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** {@code strtol} with base 0; null when no digits were found (end would equal the start). */
    static Parsed strtol(String s) {
        int i = skipSpace(s, 0);
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        BigInteger acc = BigInteger.ZERO;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 128) {
            acc = acc.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(Character.digit(s.charAt(i), radix)));
            i++;
        }
        if (i == start) {
            return null;
        }
        if (negative) {
            acc = acc.negate();
        }
        boolean overflow = acc.bitLength() > 63;
        return new Parsed(overflow ? 0 : acc.longValue(), i, overflow);
    }

    /** {@code strtod}; null when no number was found. */
    static Parsed strtod(String s) {
        int i = skipSpace(s, 0);
        int signStart = i;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean negative = i > signStart && s.charAt(signStart) == '-';
        String rest = s.substring(i).toLowerCase(Locale.ROOT);
        if (rest.startsWith("infinity")) {
            return new Parsed(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, i + 8, false);
        }
        if (rest.startsWith("inf")) {
            return new Parsed(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, i + 3, false);
        }
        if (rest.startsWith("nan")) {
            return new Parsed(Double.NaN, i + 3, false);
        }
        if (rest.startsWith("0x") && rest.length() > 2 && Character.digit(rest.charAt(2), 16) >= 0) {
            Parsed hex = strtol(s);
            if (hex != null && !hex.outOfRange()) {
                return hex;
            }
        }
        int digits = 0;
        boolean nonZeroDigit = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
            nonZeroDigit |= s.charAt(i) != '0';
            i++;
            digits++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && isDigit(s.charAt(i))) {
                nonZeroDigit |= s.charAt(i) != '0';
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        // An exponent counts only if digits follow it: "5e" is 5 followed by "e".
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < s.length() && isDigit(s.charAt(j))) {
                while (j < s.length() && isDigit(s.charAt(j))) {
                    j++;
                }
                i = j;
            }
        }
        double value = Double.parseDouble(s.substring(signStart, i).trim());
        // glibc sets ERANGE on overflow to infinity and on underflow to zero.
        boolean range = Double.isInfinite(value) || (value == 0 && nonZeroDigit);
        return new Parsed(value, i, range);
    }

    static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
