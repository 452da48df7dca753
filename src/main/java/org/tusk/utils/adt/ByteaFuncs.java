package org.tusk.utils.adt;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * bytea functions of varlena.c and encode.c: encode/decode with the hex, base64 and escape
 * formats, get_byte/set_byte/get_bit/set_bit, substr and btrim/ltrim/rtrim on bytes.
 */
public final class ByteaFuncs {
    private ByteaFuncs() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private static PgException unrecognized(String format) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized encoding: \"" + format + "\"");
    }

    /** binary_encode. */
    public static String encode(byte[] data, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex": {
                StringBuilder sb = new StringBuilder(data.length * 2);
                for (byte b : data) sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                return sb.toString();
            }
            case "base64": return base64Encode(data);
            case "escape": {
                StringBuilder sb = new StringBuilder();
                for (byte b : data) {
                    int c = b & 0xFF;
                    if (c == 0 || c >= 0x80) sb.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
                    else if (c == '\\') sb.append("\\\\");
                    else sb.append((char) c);
                }
                return sb.toString();
            }
            default: throw unrecognized(format);
        }
    }

    /** binary_decode. */
    public static byte[] decode(String data, String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "hex": return hexDecode(data);
            case "base64": return base64Decode(data);
            case "escape": return escapeDecode(data);
            default: throw unrecognized(format);
        }
    }

    /** pg_base64_encode: a newline after every 76 output characters. */
    static String base64Encode(byte[] src) {
        StringBuilder p = new StringBuilder();
        int pos = 2, buf = 0, lineEnd = 76;
        for (byte b : src) {
            buf |= (b & 0xFF) << (pos << 3);
            pos--;
            if (pos < 0) {
                p.append(B64[(buf >> 18) & 0x3f]).append(B64[(buf >> 12) & 0x3f]).append(B64[(buf >> 6) & 0x3f]).append(B64[buf & 0x3f]);
                pos = 2;
                buf = 0;
            }
            if (p.length() >= lineEnd) {
                p.append('\n');
                lineEnd = p.length() + 76;
            }
        }
        if (pos != 2) {
            p.append(B64[(buf >> 18) & 0x3f]).append(B64[(buf >> 12) & 0x3f]);
            p.append(pos == 0 ? B64[(buf >> 6) & 0x3f] : '=');
            p.append('=');
        }
        return p.toString();
    }

    /** pg_base64_decode: whitespace is skipped; '=' may only end the data. */
    static byte[] base64Decode(String src) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buf = 0, pos = 0, end = 0;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
            int b;
            if (c == '=') {
                if (end == 0) {
                    if (pos == 2) end = 1;
                    else if (pos == 3) end = 2;
                    else throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "unexpected \"=\" while decoding base64 sequence");
                }
                b = 0;
            } else {
                b = c < 128 ? indexOf(c) : -1;
                if (b < 0)
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid symbol \"" + c + "\" found while decoding base64 sequence");
                if (end != 0)
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid symbol \"" + c
                            + "\" found while decoding base64 sequence");
            }
            buf = (buf << 6) + b;
            pos++;
            if (pos == 4) {
                out.write((buf >> 16) & 0xFF);
                if (end == 0 || end > 1) out.write((buf >> 8) & 0xFF);
                if (end == 0 || end > 2) out.write(buf & 0xFF);
                buf = 0;
                pos = 0;
            }
        }
        if (pos != 0)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence")
                    .withHint("Input data is missing padding, is truncated, or is otherwise corrupted.");
        return out.toByteArray();
    }

    private static int indexOf(char c) {
        for (int i = 0; i < 64; i++) if (B64[i] == c) return i;
        return -1;
    }

    /** hex_decode: pairs of hex digits, whitespace between pairs skipped. */
    static byte[] hexDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = Character.digit(c, 16);
            if (hi < 0 || c > 'f') throw badHex(s, i);
            if (i + 1 >= s.length())
                throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
            int lo = Character.digit(s.charAt(i + 1), 16);
            if (lo < 0 || s.charAt(i + 1) > 'f') throw badHex(s, i + 1);
            out.write(hi << 4 | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static PgException badHex(String s, int i) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                "invalid hexadecimal digit: \"" + s.substring(i, i + Character.charCount(s.codePointAt(i))) + "\"");
    }

    /** esc_dec: \\ is a backslash, \ooo an octal byte. */
    static byte[] escapeDecode(String s) {
        byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; ) {
            if (in[i] != '\\') {
                out.write(in[i++]);
            } else if (i + 3 < in.length + 0 && oct(in[i + 1], 0, 3) && oct(in[i + 2], 0, 7) && oct(in[i + 3], 0, 7)) {
                out.write(((in[i + 1] - '0') << 6) | ((in[i + 2] - '0') << 3) | (in[i + 3] - '0'));
                i += 4;
            } else if (i + 1 < in.length && in[i + 1] == '\\') {
                out.write('\\');
                i += 2;
            } else {
                throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
        }
        return out.toByteArray();
    }

    private static boolean oct(byte b, int lo, int hi) { return b >= '0' + lo && b <= '0' + hi; }

    public static int getByte(byte[] v, int n) {
        if (n < 0 || n >= v.length)
            throw PgException.error("2202E", "index " + n + " out of valid range, 0.." + (v.length - 1));
        return v[n] & 0xFF;
    }

    public static byte[] setByte(byte[] v, int n, int newByte) {
        if (n < 0 || n >= v.length)
            throw PgException.error("2202E", "index " + n + " out of valid range, 0.." + (v.length - 1));
        byte[] r = v.clone();
        r[n] = (byte) newByte;
        return r;
    }

    public static int getBit(byte[] v, long n) {
        if (n < 0 || n >= (long) v.length * 8)
            throw PgException.error("2202E", "index " + n + " out of valid range, 0.." + ((long) v.length * 8 - 1));
        return (v[(int) (n / 8)] >> (n % 8)) & 1;
    }

    public static byte[] setBit(byte[] v, long n, int newBit) {
        if (n < 0 || n >= (long) v.length * 8)
            throw PgException.error("2202E", "index " + n + " out of valid range, 0.." + ((long) v.length * 8 - 1));
        if (newBit != 0 && newBit != 1) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "new bit must be 0 or 1");
        byte[] r = v.clone();
        int i = (int) (n / 8), bit = (int) (n % 8);
        r[i] = (byte) (newBit == 0 ? r[i] & ~(1 << bit) : r[i] | (1 << bit));
        return r;
    }

    /** bytea_substring: 1-based start, bytes before the start and past the end ignored. */
    public static byte[] substr(byte[] v, int start, Integer length) {
        long s1 = Math.max(start, 1);
        long e1;
        if (length == null) e1 = Long.MAX_VALUE;
        else {
            if (length < 0) throw PgException.error("22011", "negative substring length not allowed");
            e1 = (long) start + length;
        }
        if (s1 > v.length || e1 <= s1) return new byte[0];
        int from = (int) (s1 - 1), to = (int) Math.min(v.length, e1 - 1);
        return Arrays.copyOfRange(v, from, Math.max(from, to));
    }

    /** bytea_overlay: the {@code len} bytes from {@code start} replaced by {@code placing} (null: placing's length). */
    public static byte[] overlay(byte[] v, byte[] placing, int start, Integer len) {
        int sl = len != null ? len : placing.length;
        if (start <= 0) throw PgException.error("22011", "negative substring length not allowed");
        long end = (long) start + sl;
        if (end != (int) end) throw PgException.error("22003", "integer out of range");
        byte[] head = substr(v, 1, start - 1), tail = substr(v, (int) end, null);
        byte[] r = Arrays.copyOf(head, head.length + placing.length + tail.length);
        System.arraycopy(placing, 0, r, head.length, placing.length);
        System.arraycopy(tail, 0, r, head.length + placing.length, tail.length);
        return r;
    }

    /** byteapos: the 1-based position of the first occurrence of {@code pattern} (1 if empty), 0 if none. */
    public static int position(byte[] v, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= v.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (v[i + j] != pattern[j]) continue outer;
            return i + 1;
        }
        return 0;
    }

    /** bytealike (~~): LIKE over bytes with backslash as the escape (like_match.c MatchText, byte-wise). */
    public static boolean like(byte[] v, byte[] pattern) {
        return Texts.likeCodes(unsigned(v), unsigned(pattern), '\\');
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xFF;
        return out;
    }

    /**
     * like_escape_bytea (like_match.c do_like_escape): rewrites {@code pattern} written with escape
     * byte {@code esc} into one with backslash as the escape, as LIKE ... ESCAPE needs. No escape
     * doubles every backslash; otherwise each escape byte becomes a backslash and each backslash
     * not right after an escape is doubled.
     */
    public static byte[] likeEscape(byte[] pattern, byte[] esc) {
        if (esc.length > 1)
            throw PgException.error("22025", "invalid escape string").withHint("Escape string must be empty or one character.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (esc.length == 0) {
            for (byte c : pattern) {
                if (c == '\\') out.write('\\');
                out.write(c);
            }
            return out.toByteArray();
        }
        if (esc[0] == '\\') return pattern.clone();
        boolean afterEscape = false;
        for (byte c : pattern) {
            if (c == esc[0] && !afterEscape) {
                out.write('\\');
                afterEscape = true;
            } else if (c == '\\') {
                out.write('\\');
                if (!afterEscape) out.write('\\');
                afterEscape = false;
            } else {
                out.write(c);
                afterEscape = false;
            }
        }
        return out.toByteArray();
    }

    /** byteatrim / bytealtrim / byteartrim: removes leading and/or trailing bytes found in {@code set}. */
    public static byte[] trim(byte[] v, byte[] set, boolean leading, boolean trailing) {
        int from = 0, to = v.length;
        if (leading) while (from < to && contains(set, v[from])) from++;
        if (trailing) while (to > from && contains(set, v[to - 1])) to--;
        return Arrays.copyOfRange(v, from, to);
    }

    private static boolean contains(byte[] set, byte b) {
        for (byte s : set) if (s == b) return true;
        return false;
    }

    /** bytea_bit_count (varlena.c): the number of one bits over all bytes (pg_popcount). */
    public static long bitCount(byte[] b) {
        long n = 0;
        for (byte x : b) n += Integer.bitCount(x & 0xFF);
        return n;
    }
}
