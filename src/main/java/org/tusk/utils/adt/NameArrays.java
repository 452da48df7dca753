package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * name[] values (arrayfuncs.c array_in/array_out for a one-dimensional array of name without
 * NULL elements), held as String[]; and array_position over them.
 */
public final class NameArrays {
    private NameArrays() {}

    /** array_out: {a,b}, quoting elements that are empty or contain special characters. */
    public static String out(String[] values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(',');
            String v = values[i];
            boolean quote = v.isEmpty() || v.equalsIgnoreCase("null");
            for (char ch : v.toCharArray()) quote |= ch == '{' || ch == '}' || ch == ',' || ch == '"' || ch == '\\' || Character.isWhitespace(ch);
            if (!quote) {
                sb.append(v);
                continue;
            }
            sb.append('"');
            for (char ch : v.toCharArray()) {
                if (ch == '"' || ch == '\\') sb.append('\\');
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /** array_in for {a,"b c"}: no NULL elements, no dimensions decoration. */
    public static String[] in(String text) {
        String s = text.strip();
        if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}')
            throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"")
                    .withDetail("Array value must start with \"{\" or dimension information.");
        List<String> out = new ArrayList<>();
        String body = s.substring(1, s.length() - 1);
        int i = 0;
        while (i < body.length()) {
            StringBuilder el = new StringBuilder();
            boolean quoted = false;
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) i++;
            if (i < body.length() && body.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < body.length() && body.charAt(i) != '"') {
                    if (body.charAt(i) == '\\' && i + 1 < body.length()) i++;
                    el.append(body.charAt(i++));
                }
                i++;
            }
            while (i < body.length() && body.charAt(i) != ',') el.append(body.charAt(i++));
            String v = quoted ? el.toString() : el.toString().strip();
            if (!quoted && v.equalsIgnoreCase("null"))
                throw PgException.error(SqlState.FEATURE_NOT_SUPPORTED, "NULL elements in name[] are not supported yet");
            out.add(Texts.namein(v));
            i++;
        }
        return out.toArray(new String[0]);
    }

    /** array_position: the 1-based index of the first element equal to {@code value}, or null. */
    public static Integer position(String[] values, String value) {
        if (value == null) return null;
        for (int i = 0; i < values.length; i++) if (values[i].equals(value)) return i + 1;
        return null;
    }
}
