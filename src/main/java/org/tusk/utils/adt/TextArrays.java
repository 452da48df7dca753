package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * One-dimensional arrays of text-like elements as SQL values (a {@code List} of element values,
 * null for a NULL element) and the "char" type: array_out's quoting, array_in for text[],
 * array_to_string (PostgreSQL's arrayfuncs.c, char.c).
 */
public final class TextArrays {
    private TextArrays() {}

    /** charin: the first byte of the string ("" gives the zero byte, shown as ""). */
    public static String charIn(String s) {
        return s.isEmpty() ? "" : s.substring(0, 1);
    }

    /** The elements of an array value held as a List or as a Java array of element values. */
    public static List<?> elements(Object array) {
        if (array instanceof List<?> l) return l;
        if (array instanceof Object[] a) return java.util.Arrays.asList(a);
        throw new IllegalArgumentException("not an array value: " + array.getClass().getName());
    }

    /** array_out for one dimension: {a,b}, with elements quoted as array_out quotes them. */
    public static String arrayOut(Object array) {
        List<?> elems = elements(array);
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elems.size(); i++) {
            if (i > 0) sb.append(',');
            Object e = elems.get(i);
            if (e == null) {
                sb.append("NULL");
                continue;
            }
            String v = e.toString();
            if (needsQuotes(v)) {
                sb.append('"');
                for (char c : v.toCharArray()) {
                    if (c == '"' || c == '\\') sb.append('\\');
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String v) {
        if (v.isEmpty() || v.equalsIgnoreCase("NULL")) return true;
        for (char c : v.toCharArray()) {
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
        }
        return false;
    }

    /** array_in for a one-dimensional text[] literal such as {a,"b c",NULL}. */
    public static List<String> arrayIn(String s) {
        String t = s.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) throw malformed(s, "Array value must start with \"{\" or dimension information.");
        List<String> out = new ArrayList<>();
        String body = t.substring(1, t.length() - 1);
        if (body.isBlank()) return Collections.unmodifiableList(out);
        int i = 0;
        while (true) {
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) i++;
            StringBuilder sb = new StringBuilder();
            boolean quoted = false;
            if (i < body.length() && body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < body.length() && body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) i++;
                    sb.append(body.charAt(i++));
                }
                if (i >= body.length()) throw malformed(s, "Unexpected end of input.");
                i++;
                while (i < body.length() && Character.isWhitespace(body.charAt(i))) i++;
            } else {
                while (i < body.length() && body.charAt(i) != ',') {
                    char c = body.charAt(i);
                    if (c == '{' || c == '}' || c == '"') throw malformed(s, "Unexpected \"" + c + "\" character.");
                    if (c == '\\' && i + 1 < body.length()) c = body.charAt(++i);
                    sb.append(c);
                    i++;
                }
            }
            String v = quoted ? sb.toString() : sb.toString().strip();
            out.add(!quoted && v.toUpperCase(Locale.ROOT).equals("NULL") ? null : v);
            if (i >= body.length()) break;
            if (body.charAt(i) != ',') throw malformed(s, "Unexpected array element.");
            i++;
        }
        return Collections.unmodifiableList(out);
    }

    private static PgException malformed(String s, String detail) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + s + "\"").withDetail(detail);
    }

    /** array_to_string(array, delimiter [, null_string]): NULL elements are skipped unless null_string is given. */
    public static String arrayToString(Object array, String delimiter, String nullString) {
        List<?> elems = elements(array);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Object e : elems) {
            if (e == null && nullString == null) continue;
            if (!first) sb.append(delimiter);
            sb.append(e == null ? nullString : e.toString());
            first = false;
        }
        return sb.toString();
    }
}
