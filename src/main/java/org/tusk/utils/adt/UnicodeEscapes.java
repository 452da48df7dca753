package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * unistr() of varlena.c: decodes the four escape forms (backslash then XXXX, +XXXXXX, u and XXXX,
 * or U and XXXXXXXX hex digits), and two backslashes for one; UTF-16 surrogate pairs written
 * as two escapes are combined.
 */
public final class UnicodeEscapes {
    private UnicodeEscapes() {}

    public static String unistr(String in) {
        StringBuilder out = new StringBuilder();
        int pairFirst = 0;
        int i = 0, len = in.length();
        while (i < len) {
            char c = in.charAt(i);
            if (c != '\\') {
                if (pairFirst != 0) throw invalidPair();
                out.append(c);
                i++;
                continue;
            }
            int rest = len - i;
            int code, consumed;
            if (rest >= 2 && in.charAt(i + 1) == '\\') {
                if (pairFirst != 0) throw invalidPair();
                out.append('\\');
                i += 2;
                continue;
            } else if (rest >= 5 && hex(in, i + 1, 4)) {
                code = Integer.parseInt(in.substring(i + 1, i + 5), 16);
                consumed = 5;
            } else if (rest >= 6 && in.charAt(i + 1) == 'u' && hex(in, i + 2, 4)) {
                code = Integer.parseInt(in.substring(i + 2, i + 6), 16);
                consumed = 6;
            } else if (rest >= 8 && in.charAt(i + 1) == '+' && hex(in, i + 2, 6)) {
                code = Integer.parseInt(in.substring(i + 2, i + 8), 16);
                consumed = 8;
            } else if (rest >= 10 && in.charAt(i + 1) == 'U' && hex(in, i + 2, 8)) {
                code = (int) Long.parseLong(in.substring(i + 2, i + 10), 16);
                consumed = 10;
            } else {
                throw PgException.error(SqlState.SYNTAX_ERROR, "invalid Unicode escape")
                        .withHint("Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.");
            }
            if (code <= 0 || code > 0x10FFFF)
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, String.format("invalid Unicode code point: %04X", code));
            if (pairFirst != 0) {
                if (!Character.isLowSurrogate((char) code) || code > 0xFFFF) throw invalidPair();
                out.appendCodePoint(Character.toCodePoint((char) pairFirst, (char) code));
                pairFirst = 0;
            } else if (code <= 0xFFFF && Character.isLowSurrogate((char) code)) {
                throw invalidPair();
            } else if (code <= 0xFFFF && Character.isHighSurrogate((char) code)) {
                pairFirst = code;
            } else {
                out.appendCodePoint(code);
            }
            i += consumed;
        }
        if (pairFirst != 0) throw invalidPair();
        return out.toString();
    }

    private static boolean hex(String s, int from, int n) {
        for (int k = from; k < from + n; k++) if (Character.digit(s.charAt(k), 16) < 0 || s.charAt(k) > 'f') return false;
        return true;
    }

    private static PgException invalidPair() {
        return PgException.error(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair");
    }
}
