package org.tusk.utils.adt;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/** text, varchar and name functions (PostgreSQL's varlena.c, like.c, oracle_compat.c). */
public final class Texts {
    private Texts() {}

    public static int length(String s) { return s.codePointCount(0, s.length()); }

    /** Applies a varchar(n) typmod for an explicit cast: silently truncates to n characters. */
    public static String varcharTruncate(String s, int typmod) {
        if (typmod < 4) return s;
        int n = typmod - 4;
        if (length(s) <= n) return s;
        return s.substring(0, s.offsetByCodePoints(0, n));
    }

    /** The same typmod in assignment context: error unless the excess is spaces. */
    public static String varcharCheck(String s, int typmod) {
        if (typmod < 4) return s;
        int n = typmod - 4;
        if (length(s) <= n) return s;
        String cut = s.substring(0, s.offsetByCodePoints(0, n));
        if (s.substring(cut.length()).isBlank()) return cut;
        throw PgException.error(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                "value too long for type character varying(" + n + ")");
    }

    /**
     * bpchar(): a character(n) value of typmod n+4, blank-padded to n characters; a longer value
     * is an error unless the excess is blanks (or, with {@code explicit}, a cast, it is cut).
     */
    public static String bpchar(String s, int typmod, boolean explicit) {
        if (typmod < 4) return s;
        int n = typmod - 4;
        int len = length(s);
        if (len > n) {
            String cut = s.substring(0, s.offsetByCodePoints(0, n));
            if (!explicit && !s.substring(cut.length()).isBlank())
                throw PgException.error(SqlState.STRING_DATA_RIGHT_TRUNCATION, "value too long for type character(" + n + ")");
            return cut;
        }
        return len == n ? s : s + " ".repeat(n - len);
    }

    /** rtrim1: a bpchar value without its trailing blanks, as bpchar-to-text casts give it. */
    public static String bpcharTrim(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') end--;
        return s.substring(0, end);
    }

    /** name input: truncated to NAMEDATALEN-1 (63) bytes. */
    public static String namein(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= 63) return s;
        int end = s.length();
        while (s.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) end--;
        return s.substring(0, end);
    }

    public static String substr(String s, long start, Long len) {
        if (len != null && len < 0)
            throw PgException.error("22011", "negative substring length not allowed");
        int n = length(s);
        long e = len == null ? Long.MAX_VALUE : start + len;
        long s1 = Math.max(start, 1);
        if (len != null && e < 1) return "";
        if (s1 > n) return "";
        long e1 = Math.min(e, (long) n + 1);
        if (e1 <= s1) return "";
        int from = s.offsetByCodePoints(0, (int) (s1 - 1));
        int to = s.offsetByCodePoints(0, (int) (e1 - 1));
        return s.substring(from, to);
    }

    /** btrim/ltrim/rtrim: removes the longest prefix/suffix made only of characters in {@code chars}. */
    public static String trim(String s, String chars, boolean leading, boolean trailing) {
        int[] cps = s.codePoints().toArray();
        int from = 0, to = cps.length;
        if (leading) while (from < to && chars.indexOf(Character.toString(cps[from])) >= 0) from++;
        if (trailing) while (to > from && chars.indexOf(Character.toString(cps[to - 1])) >= 0) to--;
        return new String(cps, from, to - from);
    }

    public static String repeat(String s, int count) {
        if (count <= 0) return "";
        long total = (long) s.length() * count;
        if (total > (1L << 28))
            throw PgException.error(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        return s.repeat(count);
    }

    /** Character-by-character case mapping, as PostgreSQL's towlower()/towupper() loop (no 'ß' -> "SS"). */
    public static String lower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toLowerCase(c)));
        return sb.toString();
    }

    public static String upper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.toUpperCase(c)));
        return sb.toString();
    }

    /** SQL LIKE with '%' and '_' and an escape character ('\\' by default; 0 for none). */
    public static boolean like(String str, String pat, int escape, boolean caseInsensitive) {
        if (caseInsensitive) {
            str = lower(str);
            pat = lower(pat);
        }
        int[] s = str.codePoints().toArray();
        int[] p = pat.codePoints().toArray();
        return match(s, 0, p, 0, escape);
    }

    /** MatchText over any code units (bytea's bytes, unsigned): {@code %}, {@code _} and {@code escape} as for text. */
    public static boolean likeCodes(int[] s, int[] p, int escape) {
        return match(s, 0, p, 0, escape);
    }

    private static boolean match(int[] s, int si, int[] p, int pi, int esc) {
        while (pi < p.length) {
            int c = p[pi];
            if (c == '%') {
                while (pi < p.length && p[pi] == '%') pi++;
                if (pi == p.length) return true;
                for (int k = si; k <= s.length; k++)
                    if (match(s, k, p, pi, esc)) return true;
                return false;
            }
            if (si >= s.length) return false;
            if (c == '_') {
                si++;
                pi++;
                continue;
            }
            if (esc != 0 && c == esc) {
                pi++;
                if (pi >= p.length)
                    throw PgException.error("22025", "LIKE pattern must not end with escape character");
                c = p[pi];
            }
            if (s[si] != c) return false;
            si++;
            pi++;
        }
        return si == s.length;
    }

    /** like_escape(pattern, esc): rewrites a pattern with a custom escape character to backslash escapes. */
    public static String likeEscape(String pat, String esc) {
        if (esc.codePointCount(0, esc.length()) > 1)
            throw PgException.error("22019", "invalid escape string")
                    .withHint("Escape string must be empty or one character.");
        StringBuilder sb = new StringBuilder();
        if (esc.isEmpty()) {
            for (char ch : pat.toCharArray()) sb.append(ch == '\\' ? "\\\\" : String.valueOf(ch));
            return sb.toString();
        }
        int e = esc.codePointAt(0);
        int[] cps = pat.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == e) {
                if (i + 1 < cps.length) {
                    sb.append('\\').appendCodePoint(cps[++i]);
                } else {
                    throw PgException.error("22025", "LIKE pattern must not end with escape character");
                }
            } else if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    /** Quotes an identifier when needed, as quote_identifier() does (keywords not considered). */
    public static String quoteIdentifier(String id) {
        boolean safe = !id.isEmpty() && (Character.isLowerCase(id.charAt(0)) || id.charAt(0) == '_');
        for (int i = 0; safe && i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
        }
        return safe ? id : "\"" + id.replace("\"", "\"\"") + "\"";
    }

    /** byteaout for the session's bytea_output: escape format when {@code os.byteaEscape()}, else hex. */
    public static String byteaOut(byte[] b, OutputSettings os) {
        return os != null && os.byteaEscape() ? byteaOutEscape(b) : byteaOut(b);
    }

    /**
     * byteaout in escape format (varlena.c byteaout, BYTEA_OUTPUT_ESCAPE): a backslash is doubled,
     * bytes below 0x20 or above 0x7e become \ooo octal, everything else prints as itself.
     */
    public static String byteaOutEscape(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xFF;
            if (c == '\\') sb.append("\\\\");
            else if (c < 0x20 || c > 0x7e)
                sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7))).append((char) ('0' + (c & 7)));
            else sb.append((char) c);
        }
        return sb.toString();
    }

    /** byteaout in hex format (BYTEA_OUTPUT_HEX). */
    public static String byteaOut(byte[] b) {
        StringBuilder sb = new StringBuilder(2 + b.length * 2).append("\\x");
        for (byte x : b) sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        return sb.toString();
    }

    public static byte[] byteaIn(String s) {
        if (s.startsWith("\\x")) {
            String h = s.substring(2).replaceAll("\\s", "");
            if (h.length() % 2 != 0)
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
            byte[] out = new byte[h.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(h.charAt(2 * i), 16), lo = Character.digit(h.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0)
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid hexadecimal digit: \"" + h.charAt(2 * i + (hi < 0 ? 0 : 1)) + "\"");
                out[i] = (byte) (hi * 16 + lo);
            }
            return out;
        }
        java.io.ByteArrayOutputStream bo = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\\') { bo.write('\\'); i++; continue; }
                if (i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-3][0-7][0-7]")) {
                    bo.write(Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                }
                // byteain reports this without echoing the input
                throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
            byte[] enc = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            bo.write(enc, 0, enc.length);
        }
        return bo.toByteArray();
    }
}
