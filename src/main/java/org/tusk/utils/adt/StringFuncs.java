package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The string functions of varlena.c, quote.c and oracle_compat.c that work character-wise:
 * reverse, left, right, strpos, split_part, translate, lpad, rpad, initcap, ascii, chr,
 * quote_literal, concat_ws. Characters are code points, as PostgreSQL counts them in UTF8.
 */
public final class StringFuncs {
    private StringFuncs() {}

    private static int[] cps(String s) { return s.codePoints().toArray(); }

    private static String str(int[] cps, int from, int to) { return new String(cps, from, Math.max(0, to - from)); }

    /** quote_literal_cstr: doubles quotes and backslashes; a backslash makes it an E'' string. */
    public static String quoteLiteral(String s) {
        StringBuilder sb = new StringBuilder();
        if (s.indexOf('\\') >= 0) sb.append('E');
        sb.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') sb.append(c);
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** text_reverse. */
    public static String reverse(String s) {
        int[] c = cps(s);
        int[] r = new int[c.length];
        for (int i = 0; i < c.length; i++) r[i] = c[c.length - 1 - i];
        return new String(r, 0, r.length);
    }

    /** text_left: the first n characters; a negative n drops the last |n|. */
    public static String left(String s, int n) {
        int[] c = cps(s);
        int len = n < 0 ? Math.max(0, c.length + n) : Math.min(n, c.length);
        return str(c, 0, len);
    }

    /** text_right: the last n characters; a negative n drops the first |n|. */
    public static String right(String s, int n) {
        int[] c = cps(s);
        int len = n < 0 ? Math.max(0, c.length + n) : Math.min(n, c.length);
        return str(c, c.length - len, c.length);
    }

    /** textpos: 1-based character position of the first occurrence, 0 if none. */
    public static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    /**
     * text_overlay: {@code s} with the {@code len} characters from {@code start} replaced by
     * {@code placing}; {@code len} null means placing's length (textoverlay_no_len).
     */
    public static String overlay(String s, String placing, int start, Integer len) {
        int sl = len != null ? len : Texts.length(placing);
        if (start <= 0) throw PgException.error("22011", "negative substring length not allowed");
        long end = (long) start + sl;
        if (end != (int) end) throw PgException.error("22003", "integer out of range");
        return Texts.substr(s, 1, (long) start - 1) + placing + Texts.substr(s, end, null);
    }

    /** split_part: the n-th field (negative counts from the end); "" past the end. */
    public static String splitPart(String s, String delim, int n) {
        if (n == 0) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        if (s.isEmpty()) return "";
        if (delim.isEmpty()) return n == 1 || n == -1 ? s : "";
        java.util.List<String> parts = new java.util.ArrayList<>();
        int from = 0, at;
        while ((at = s.indexOf(delim, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + delim.length();
        }
        parts.add(s.substring(from));
        int idx = n > 0 ? n - 1 : parts.size() + n;
        return idx >= 0 && idx < parts.size() ? parts.get(idx) : "";
    }

    /** translate: characters of from are replaced by those at the same place in to, or dropped. */
    public static String translate(String s, String from, String to) {
        int[] f = cps(from), t = cps(to);
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            int k = -1;
            for (int i = 0; i < f.length; i++) if (f[i] == c) { k = i; break; }
            if (k < 0) sb.appendCodePoint(c);
            else if (k < t.length) sb.appendCodePoint(t[k]);
        });
        return sb.toString();
    }

    /** lpad/rpad: fill to len characters with fill (repeated), or truncate to len. */
    public static String pad(String s, int len, String fill, boolean leftSide) {
        int[] c = cps(s);
        if (len <= 0) return "";
        if (c.length >= len) return str(c, 0, len);
        int[] f = cps(fill);
        if (f.length == 0) return s;
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < len - c.length; i++) padding.appendCodePoint(f[i % f.length]);
        return leftSide ? padding + s : s + padding;
    }

    /** initcap: upper-case the first letter of each alphanumeric run, lower-case the rest. */
    public static String initcap(String s) {
        StringBuilder sb = new StringBuilder();
        boolean inWord = false;
        for (int c : cps(s)) {
            sb.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
            inWord = Character.isLetterOrDigit(c);
        }
        return sb.toString();
    }

    /** ascii: the code point of the first character, 0 for the empty string. */
    public static int ascii(String s) { return s.isEmpty() ? 0 : s.codePointAt(0); }

    /** chr: the character with that code point (UTF8). */
    public static String chr(int cp) {
        if (cp == 0) throw PgException.error("54000", "null character not permitted");
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            throw PgException.error("54000", "requested character too large for encoding: " + cp);
        return new String(Character.toChars(cp));
    }

    /** concat_ws(sep, VARIADIC "any"): NULL arguments are skipped; a NULL separator gives NULL. */
    public static String concatWs(Object[] args) {
        if (args[0] == null) return null;
        String sep = (String) args[0];
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 1; i < args.length; i++) {
            if (args[i] == null) continue;
            if (!first) sb.append(sep);
            sb.append((String) args[i]);
            first = false;
        }
        return sb.toString();
    }
}
