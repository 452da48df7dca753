package org.tusk.utils.adt;

import java.util.function.Function;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * range_in and range_out's text form (range_parse, range_parse_bound, range_deparse,
 * range_bound_escape): "empty", or a bracket or parenthesis, the lower bound, a comma, the upper
 * bound and a closing bracket or parenthesis. A bound may be double-quoted, backslash escapes
 * any character, and a bound left empty (unquoted) is infinite. The subtype's own input and
 * output functions convert the bound texts; this class knows only the punctuation.
 */
public final class RangeIO {
    private RangeIO() {}

    /** What range_parse found: the flags and the bound texts (null for an infinite bound). */
    public record Parsed(boolean empty, boolean lowerInc, boolean upperInc, String lower, String upper) {}

    private static PgException malformed(String text, String detail) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "malformed range literal: \"" + text + "\"")
                .withDetail(detail);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    /** range_parse. */
    public static Parsed parse(String s) {
        int p = 0, n = s.length();
        while (p < n && isSpace(s.charAt(p))) p++;
        if (s.regionMatches(true, p, "empty", 0, 5)) {
            int q = p + 5;
            while (q < n && isSpace(s.charAt(q))) q++;
            if (q == n) return new Parsed(true, false, false, null, null);
        }
        boolean lowerInc;
        if (p < n && s.charAt(p) == '[') lowerInc = true;
        else if (p < n && s.charAt(p) == '(') lowerInc = false;
        else throw malformed(s, "Missing left parenthesis or bracket.");
        p++;
        int[] pos = {p};
        String lower = bound(s, pos);
        p = pos[0];
        if (p < n && s.charAt(p) == ',') p++;
        else throw malformed(s, "Missing comma after lower bound.");
        pos[0] = p;
        String upper = bound(s, pos);
        p = pos[0];
        boolean upperInc;
        if (p < n && s.charAt(p) == ']') upperInc = true;
        else if (p < n && s.charAt(p) == ')') upperInc = false;
        else throw malformed(s, "Too many commas.");
        p++;
        while (p < n && isSpace(s.charAt(p))) p++;
        if (p != n) throw malformed(s, "Junk after right parenthesis or bracket.");
        return new Parsed(false, lower != null && lowerInc, upper != null && upperInc, lower, upper);
    }

    /** range_parse_bound: the text up to an unquoted ',' ']' or ')', or null if it is empty (infinite). */
    private static String bound(String s, int[] pos) {
        int p = pos[0], n = s.length();
        if (p < n && (s.charAt(p) == ',' || s.charAt(p) == ')' || s.charAt(p) == ']')) return null;
        StringBuilder b = new StringBuilder();
        boolean inQuote = false;
        while (inQuote || !(p < n && (s.charAt(p) == ',' || s.charAt(p) == ')' || s.charAt(p) == ']'))) {
            if (p >= n) throw malformed(s, "Unexpected end of input.");
            char c = s.charAt(p++);
            if (c == '\\') {
                if (p >= n) throw malformed(s, "Unexpected end of input.");
                b.append(s.charAt(p++));
            } else if (c == '"') {
                if (!inQuote) inQuote = true;
                else if (p < n && s.charAt(p) == '"') b.append(s.charAt(p++));   // doubled quote
                else inQuote = false;
            } else {
                b.append(c);
            }
        }
        pos[0] = p;
        return b.toString();
    }

    /** range_out: {@code subOut} is the subtype's output function. */
    public static String out(RangeValue r, Function<Object, String> subOut) {
        if (r.isEmpty()) return "empty";
        StringBuilder b = new StringBuilder();
        b.append((r.flags() & RangeValue.LB_INC) != 0 ? '[' : '(');
        if ((r.flags() & RangeValue.LB_INF) == 0) escape(b, subOut.apply(r.lower()));
        b.append(',');
        if ((r.flags() & RangeValue.UB_INF) == 0) escape(b, subOut.apply(r.upper()));
        b.append((r.flags() & RangeValue.UB_INC) != 0 ? ']' : ')');
        return b.toString();
    }

    /** range_bound_escape: quotes a bound that is empty or holds punctuation, quotes, backslashes or space. */
    private static void escape(StringBuilder b, String v) {
        boolean quote = v.isEmpty();
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || isSpace(c);
        }
        if (!quote) {
            b.append(v);
            return;
        }
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') b.append(c);
            b.append(c);
        }
        b.append('"');
    }
}
