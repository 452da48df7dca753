package org.tusk.utils.adt;

/**
 * The fixed prefix of a LIKE / ILIKE pattern (like_support.c like_fixed_prefix) and the least
 * string greater than every string starting with it (make_greater_string), from which the
 * planner makes B-tree conditions for a pattern match: {@code x LIKE 'foo%'} implies
 * {@code x >= 'foo' AND x < 'fop'} under a bytewise (C) ordering, and {@code x LIKE 'foo'} is
 * {@code x = 'foo'}.
 */
public final class LikePrefix {
    private LikePrefix() {}

    /** Pattern_Prefix_Status: no fixed prefix, a prefix followed by wildcards, or the whole pattern. */
    public enum Status { NONE, PARTIAL, EXACT }

    /** A pattern's fixed prefix and how much of the pattern it is. */
    public record Prefix(String text, Status status) {}

    /**
     * like_fixed_prefix: the characters before the first wildcard ({@code %} or {@code _}),
     * backslash escapes resolved. For ILIKE the prefix also stops at the first character whose
     * case can vary (pattern_char_isalpha): an ASCII letter, and under a collation other than C
     * any non-ASCII character. An empty pattern is an exact match of the empty string.
     */
    public static Prefix of(String pattern, boolean caseInsensitive, boolean localeIsC) {
        StringBuilder match = new StringBuilder();
        int pos = 0, len = pattern.length();
        for (; pos < len; pos++) {
            char c = pattern.charAt(pos);
            if (c == '%' || c == '_') break;
            if (c == '\\') {
                pos++;
                if (pos >= len) break;
                c = pattern.charAt(pos);
            }
            if (caseInsensitive && isAlpha(c, localeIsC)) break;
            match.append(c);
        }
        if (pos == len) return new Prefix(match.toString(), Status.EXACT);
        return new Prefix(match.toString(), match.length() > 0 ? Status.PARTIAL : Status.NONE);
    }

    /** pattern_char_isalpha for a UTF8 database. */
    private static boolean isAlpha(char c, boolean localeIsC) {
        if (c < 128) return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        return !localeIsC;
    }

    /**
     * make_greater_string under the C collation: the prefix with its last character replaced by
     * the next code point (pg_utf8_increment, which skips the surrogate range); a last character
     * that cannot be incremented is dropped and the one before it tried. Null when no character
     * can be incremented.
     */
    public static String greaterString(String prefix) {
        int[] cps = prefix.codePoints().toArray();
        for (int n = cps.length; n > 0; n--) {
            int next = cps[n - 1] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) next = Character.MAX_SURROGATE + 1;
            if (next > Character.MAX_CODE_POINT) continue;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n - 1; i++) sb.appendCodePoint(cps[i]);
            return sb.appendCodePoint(next).toString();
        }
        return null;
    }
}
