package org.tusk.parser;

import java.nio.charset.StandardCharsets;

import org.tusk.parser.Token.Kind;
import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;
import org.tusk.utils.misc.ScanSettings;

/**
 * The SQL scanner, following PostgreSQL's scan.l (standard_conforming_strings and
 * escape_string_warning come from the {@link ScanSettings} it is made with; with the first off, '...' is scanned as
 * E'...' and U&'...' is refused):
 * identifiers (case-folded, truncated to 63 bytes) and "quoted identifiers", keywords,
 * integer/decimal/real literals, 'strings' (with '' and newline-separated continuation),
 * E'escapes', U&'unicode' and U&"ident", $tag$dollar quoting$tag$, $n parameters, operators
 * (with scan.l's trailing +/- rule), ::, and -- and nested slash-star comments.
 *
 * <p>Tokens are produced on demand so that, as in PostgreSQL, an error later in the string is
 * reported only if the grammar gets that far. Error positions are 1-based character offsets.
 */
public final class Lexer {
    private final String src;
    private int pos;
    /** scan.l's warn_on_first_escape: the literal being scanned still owes its escape WARNING. */
    private boolean warnOnFirstEscape;
    /** standard_conforming_strings and escape_string_warning as scanner_init copies them, and the WARNINGs' sink. */
    private final ScanSettings settings;

    /** A scanner with PostgreSQL's default settings (standard strings). */
    public Lexer(String src) {
        this(src, ScanSettings.DEFAULT);
    }

    /** A scanner reading {@code src} under the session's {@code settings}. */
    public Lexer(String src, ScanSettings settings) {
        this.src = src;
        this.settings = settings;
    }

    public String source() { return src; }

    /**
     * 1-based character (code point) position of a 0-based UTF-16 offset, as PostgreSQL reports it;
     * 0 (no position) for an unknown location (-1, as parser nodes made without a token carry).
     */
    public static int position(String src, int offset) {
        if (offset < 0) return 0;
        offset = Math.min(offset, src.length());
        return src.codePointCount(0, offset) + 1;
    }

    private PgException error(String msg, int start) {
        String near = src.substring(start);
        return PgException.errorAt(SqlState.SYNTAX_ERROR, msg + " at or near \"" + near + "\"", position(src, start));
    }

    private PgException errorToken(String msg, int start, int end) {
        return PgException.errorAt(SqlState.SYNTAX_ERROR, msg + " at or near \"" + src.substring(start, end) + "\"",
                position(src, start));
    }

    private static boolean identStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean identCont(char c) {
        return identStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    private static boolean digit(char c) { return c >= '0' && c <= '9'; }

    private static final String OP_CHARS = "~!@#^&|`?+-*/%<>=";
    private static final String SELF = ",()[].;:+-*/%^<>=";

    private char peek(int off) {
        int p = pos + off;
        return p < src.length() ? src.charAt(p) : '\0';
    }

    private void skipWhitespaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') pos++;
            } else if (c == '/' && peek(1) == '*') {
                int start = pos;
                int depth = 0;
                while (true) {
                    if (pos >= src.length()) throw error("unterminated /* comment", start);
                    if (src.startsWith("/*", pos)) {
                        depth++;
                        pos += 2;
                    } else if (src.startsWith("*/", pos)) {
                        depth--;
                        pos += 2;
                        if (depth == 0) break;
                    } else {
                        pos++;
                    }
                }
            } else {
                break;
            }
        }
    }

    public Token next() {
        skipWhitespaceAndComments();
        int start = pos;
        if (pos >= src.length()) return new Token(Kind.EOF, "", null, src.length(), src.length());
        char c = src.charAt(pos);

        // prefixed string constants
        if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            return scanString(start, true);
        }
        if ((c == 'b' || c == 'B') && peek(1) == '\'') {
            pos++;
            Token t = scanString(start, false, "unterminated bit string literal");
            return new Token(Kind.BCONST, t.value(), null, start, t.end());
        }
        if ((c == 'x' || c == 'X') && peek(1) == '\'') {
            pos++;
            Token t = scanString(start, false, "unterminated hexadecimal string literal");
            return new Token(Kind.XCONST, t.value(), null, start, t.end());
        }
        if ((c == 'n' || c == 'N') && peek(1) == '\'') {
            pos++;
            Token t = scanString(start, false);
            return new Token(Kind.SCONST, t.value(), null, start, t.end());
        }
        if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            if (peek(2) == '\'' && !settings.standardConformingStrings())
                throw PgException.errorAt(SqlState.FEATURE_NOT_SUPPORTED,
                        "unsafe use of string constant with Unicode escapes", position(src, start))
                        .withDetail("String constants with Unicode escapes cannot be used when standard_conforming_strings is off.");
            pos += 2;
            return scanUnicode(start);
        }
        if (c == '\'') {
            if (settings.standardConformingStrings()) return scanString(start, false);
            // scan.l with standard_conforming_strings off: a plain literal is scanned as E'...',
            // warning about its first escape when escape_string_warning is on
            warnOnFirstEscape = settings.escapeStringWarning();
            try {
                return scanString(start, true);
            } finally {
                warnOnFirstEscape = false;
            }
        }
        if (c == '"') {
            String id = scanQuotedIdent(start);
            return new Token(Kind.IDENT, truncateIdent(id), null, start, pos);
        }
        if (c == '$') {
            if (digit(peek(1))) {
                pos++;
                while (pos < src.length() && digit(src.charAt(pos))) pos++;
                if (pos < src.length() && identCont(src.charAt(pos))) {
                    while (pos < src.length() && identCont(src.charAt(pos))) pos++;
                    throw errorToken("trailing junk after parameter", start, pos);
                }
                String num = src.substring(start + 1, pos);
                try {
                    Integer.parseInt(num);
                } catch (NumberFormatException e) {
                    throw errorToken("parameter number too large", start, pos);
                }
                return new Token(Kind.PARAM, num, null, start, pos);
            }
            int p = pos + 1;
            if (p < src.length() && identStart(src.charAt(p)) || p < src.length() && src.charAt(p) == '$') {
                while (p < src.length() && src.charAt(p) != '$' && identCont(src.charAt(p))) p++;
                if (p < src.length() && src.charAt(p) == '$') {
                    String tag = src.substring(pos, p + 1);
                    int bodyStart = p + 1;
                    int close = src.indexOf(tag, bodyStart);
                    if (close < 0) throw error("unterminated dollar-quoted string", start);
                    pos = close + tag.length();
                    return new Token(Kind.SCONST, src.substring(bodyStart, close), null, start, pos);
                }
            }
            pos++;
            return new Token(Kind.CHAR, "$", null, start, pos);
        }
        if (identStart(c)) {
            while (pos < src.length() && identCont(src.charAt(pos))) pos++;
            String raw = src.substring(start, pos);
            String folded = downcase(raw);
            String kw = Keywords.isKeyword(folded) ? folded : null;
            return new Token(Kind.IDENT, truncateIdent(folded), kw, start, pos);
        }
        if (digit(c) || (c == '.' && digit(peek(1)))) return scanNumber(start);
        if (c == ':' && peek(1) == ':') {
            pos += 2;
            return new Token(Kind.TYPECAST, "::", null, start, pos);
        }
        if (c == ':' && peek(1) == '=') {
            pos += 2;
            return new Token(Kind.COLON_EQUALS, ":=", null, start, pos);
        }
        if (c == '.' && peek(1) == '.') {
            pos += 2;
            return new Token(Kind.DOT_DOT, "..", null, start, pos);
        }
        if (OP_CHARS.indexOf(c) >= 0) return scanOperator(start);
        pos++;
        return new Token(Kind.CHAR, String.valueOf(c), null, start, pos);
    }

    /** ASCII-only downcasing, as downcase_identifier(). */
    static String downcase(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            sb.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
        }
        return sb.toString();
    }

    static String truncateIdent(String id) {
        if (id.getBytes(StandardCharsets.UTF_8).length < 64) return id;
        int end = id.length();
        while (id.substring(0, end).getBytes(StandardCharsets.UTF_8).length > 63) end--;
        if (end > 0 && Character.isHighSurrogate(id.charAt(end - 1))) end--;
        return id.substring(0, end);
    }

    private Token scanOperator(int start) {
        while (pos < src.length() && OP_CHARS.indexOf(src.charAt(pos)) >= 0) pos++;
        String text = src.substring(start, pos);
        int nchars = text.length();
        int slashstar = text.indexOf("/*"), dashdash = text.indexOf("--");
        int cut = slashstar < 0 ? dashdash : dashdash < 0 ? slashstar : Math.min(slashstar, dashdash);
        if (cut >= 0) nchars = cut;
        if (nchars > 1 && (text.charAt(nchars - 1) == '+' || text.charAt(nchars - 1) == '-')) {
            int ic;
            for (ic = nchars - 2; ic >= 0; ic--) if ("~!@#^&|`?%".indexOf(text.charAt(ic)) >= 0) break;
            if (ic < 0) {
                do {
                    nchars--;
                } while (nchars > 1 && (text.charAt(nchars - 1) == '+' || text.charAt(nchars - 1) == '-'));
            }
        }
        pos = start + nchars;
        text = text.substring(0, nchars);
        if (nchars == 1 && SELF.indexOf(text.charAt(0)) >= 0) return new Token(Kind.CHAR, text, null, start, pos);
        if (nchars == 2) {
            switch (text) {
                case "=>": return new Token(Kind.EQUALS_GREATER, text, null, start, pos);
                case ">=": return new Token(Kind.GREATER_EQUALS, text, null, start, pos);
                case "<=": return new Token(Kind.LESS_EQUALS, text, null, start, pos);
                case "<>", "!=": return new Token(Kind.NOT_EQUALS, "<>", null, start, pos);
                default: break;
            }
        }
        if (nchars >= 64) throw errorToken("operator too long", start, pos);
        return new Token(Kind.OP, text, null, start, pos);
    }

    private Token scanNumber(int start) {
        boolean isDecimal = false;
        while (pos < src.length() && digit(src.charAt(pos))) pos++;
        if (peek(0) == '.' && peek(1) == '.') {
            // decimalfail: "1..": return the integer, leave ".."
            return integerToken(start);
        }
        if (peek(0) == '.') {
            isDecimal = true;
            pos++;
            while (pos < src.length() && digit(src.charAt(pos))) pos++;
        }
        boolean isReal = false;
        if (peek(0) == 'e' || peek(0) == 'E') {
            int save = pos;
            pos++;
            boolean signed = peek(0) == '+' || peek(0) == '-';
            if (signed) pos++;
            if (digit(peek(0))) {
                while (pos < src.length() && digit(src.charAt(pos))) pos++;
                isReal = true;
            } else if (signed) {
                // scan.l's {realfail}: the token ends at the sign, whatever follows
                throw errorToken("trailing junk after numeric literal", start, pos);
            } else {
                pos = save + 1;
                throw trailingJunk(start);
            }
        }
        if (pos < src.length() && identStart(src.charAt(pos))) throw trailingJunk(start);
        if (isReal || isDecimal) return new Token(Kind.FCONST, src.substring(start, pos), null, start, pos);
        return integerToken(start);
    }

    private PgException trailingJunk(int start) {
        while (pos < src.length() && identCont(src.charAt(pos))) pos++;
        return errorToken("trailing junk after numeric literal", start, pos);
    }

    private Token integerToken(int start) {
        String text = src.substring(start, pos);
        try {
            Integer.parseInt(text);
            return new Token(Kind.ICONST, text, null, start, pos);
        } catch (NumberFormatException e) {
            return new Token(Kind.FCONST, text, null, start, pos);
        }
    }

    private String scanQuotedIdent(int start) {
        pos++; // opening "
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) throw error("unterminated quoted identifier", start);
            char ch = src.charAt(pos++);
            if (ch == '"') {
                if (peek(0) == '"') {
                    sb.append('"');
                    pos++;
                } else {
                    break;
                }
            } else {
                sb.append(ch);
            }
        }
        if (sb.length() == 0) throw errorToken("zero-length delimited identifier", start, pos);
        return sb.toString();
    }

    /** Scans '...' (pos at the quote), with '' and whitespace-newline continuation; E-escapes if extended. */
    private Token scanString(int start, boolean extended) {
        return scanString(start, extended, "unterminated quoted string");
    }

    /** {@link #scanString(int, boolean)} with scan.l's message for the kind of literal left open (xb, xh, xq). */
    private Token scanString(int start, boolean extended, String unterminated) {
        StringBuilder sb = new StringBuilder();
        pos++; // opening quote
        while (true) {
            if (pos >= src.length()) throw error(unterminated, start);
            char ch = src.charAt(pos++);
            if (ch == '\'') {
                if (peek(0) == '\'') {
                    sb.append('\'');
                    pos++;
                    continue;
                }
                // quote continuation: whitespace including a newline, then another quote
                int p = pos;
                boolean newline = false;
                while (p < src.length() && " \t\n\r\f".indexOf(src.charAt(p)) >= 0) {
                    if (src.charAt(p) == '\n' || src.charAt(p) == '\r') newline = true;
                    p++;
                }
                if (newline && p < src.length() && src.charAt(p) == '\'') {
                    pos = p + 1;
                    continue;
                }
                break;
            }
            if (extended && ch == '\\') {
                if (pos >= src.length()) throw error(unterminated, start);
                char e = src.charAt(pos++);
                if (warnOnFirstEscape) {
                    warnOnFirstEscape = false;
                    warnEscape(e, start);
                }
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'x' -> {
                        int v = 0, n = 0;
                        while (n < 2 && pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                            v = v * 16 + Character.digit(src.charAt(pos++), 16);
                            n++;
                        }
                        if (n == 0) sb.append('x'); else sb.append((char) v);
                    }
                    case 'u', 'U' -> {
                        int len = e == 'u' ? 4 : 8;
                        if (pos + len > src.length() || !src.substring(pos, pos + len).matches("[0-9a-fA-F]+"))
                            throw PgException.errorAt(SqlState.SYNTAX_ERROR,
                                    "invalid Unicode escape", position(src, pos - 2))
                                    .withHint("Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
                        int cp = Integer.parseInt(src.substring(pos, pos + len), 16);
                        int escStart = pos - 2;
                        pos += len;
                        if (cp == 0 || cp > 0x10FFFF)
                            throw errorToken("invalid Unicode escape value", escStart, pos);
                        if (cp >= 0xDC00 && cp <= 0xDFFF)
                            throw errorToken("invalid Unicode surrogate pair", escStart, pos);
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            // scan.l's xeu state: the low half must follow as the next escape
                            int lowLen = pos + 1 < src.length() && src.charAt(pos) == '\\'
                                    ? (src.charAt(pos + 1) == 'u' ? 4 : src.charAt(pos + 1) == 'U' ? 8 : 0) : 0;
                            int low = lowLen > 0 && pos + 2 + lowLen <= src.length()
                                    && src.substring(pos + 2, pos + 2 + lowLen).matches("[0-9a-fA-F]+")
                                    ? Integer.parseInt(src.substring(pos + 2, pos + 2 + lowLen), 16) : -1;
                            if (low < 0xDC00 || low > 0xDFFF) {
                                int end = low >= 0 ? pos + 2 + lowLen : Math.min(src.length(), pos + 1);
                                throw errorToken("invalid Unicode surrogate pair", pos, end);
                            }
                            pos += 2 + lowLen;
                            cp = Character.toCodePoint((char) cp, (char) low);
                        }
                        sb.appendCodePoint(cp);
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int v = e - '0', n = 1;
                            while (n < 3 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7') {
                                v = v * 8 + (src.charAt(pos++) - '0');
                                n++;
                            }
                            sb.append((char) (v & 0xFF));
                        } else {
                            sb.append(e);
                        }
                    }
                }
                continue;
            }
            sb.append(ch);
        }
        return new Token(Kind.SCONST, sb.toString(), null, start, pos);
    }

    /** check_string_escape_warning / check_escape_warning: the WARNING for a nonstandard escape. */
    private void warnEscape(char e, int start) {
        String msg, hint;
        if (e == '\'') {
            msg = "nonstandard use of \\' in a string literal";
            hint = "Use '' to write quotes in strings, or use the escape string syntax (E'...').";
        } else if (e == '\\') {
            msg = "nonstandard use of \\\\ in a string literal";
            hint = "Use the escape string syntax for backslashes, e.g., E'\\\\'.";
        } else {
            msg = "nonstandard use of escape in a string literal";
            hint = "Use the escape string syntax for escapes, e.g., E'\\r\\n'.";
        }
        settings.warn(new PgException(org.tusk.utils.error.Severity.WARNING, "22P06" /* nonstandard_use_of_escape_character */,
                msg, null, hint, position(src, start)));
    }

    private Token scanUnicode(int start) {
        boolean ident = src.charAt(pos) == '"';
        String raw;
        if (ident) raw = scanQuotedIdent(start); else raw = scanString(start, false).value();
        char esc = '\\';
        int save = pos;
        skipWhitespaceAndComments();
        if (src.regionMatches(true, pos, "uescape", 0, 7) && (pos + 7 >= src.length() || !identCont(src.charAt(pos + 7)))) {
            pos += 7;
            skipWhitespaceAndComments();
            int qs = pos;
            if (peek(0) != '\'') {
                int end = qs;
                while (end < src.length() && !Character.isWhitespace(src.charAt(end)) && src.charAt(end) != ';') end++;
                throw errorToken("UESCAPE must be followed by a simple string literal", qs, Math.max(end, qs + 1));
            }
            int close = src.indexOf('\'', qs + 1);
            if (close != qs + 2 || !validEscapeChar(src.charAt(qs + 1)))
                throw errorToken("invalid Unicode escape character", qs, close < 0 ? src.length() : close + 1);
            esc = src.charAt(pos + 1);
            pos += 3;
        } else {
            pos = save;
        }
        StringBuilder sb = new StringBuilder();
        int pendingHigh = -1; // a high surrogate waiting for its low half (addunicode's pair_first)
        // offsets in raw map to the source after U&' or U&" (exact unless doubled quotes came before)
        int base = start + 3;
        for (int i = 0; i < raw.length(); i++) {
            char ch = raw.charAt(i);
            if (pendingHigh >= 0 && (ch != esc || i + 1 >= raw.length() || raw.charAt(i + 1) == esc))
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair", position(src, base + i));
            if (ch != esc) {
                sb.append(ch);
                continue;
            }
            if (i + 1 < raw.length() && raw.charAt(i + 1) == esc) {
                sb.append(esc);
                i++;
            } else if (i + 4 < raw.length() && raw.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                pendingHigh = addUnicode(sb, Integer.parseInt(raw.substring(i + 1, i + 5), 16), pendingHigh, base + i);
                i += 4;
            } else if (i + 7 < raw.length() && raw.charAt(i + 1) == '+' && raw.substring(i + 2, i + 8).matches("[0-9a-fA-F]{6}")) {
                pendingHigh = addUnicode(sb, Integer.parseInt(raw.substring(i + 2, i + 8), 16), pendingHigh, base + i);
                i += 7;
            } else {
                throw PgException.errorAt(SqlState.SYNTAX_ERROR, "invalid Unicode escape", position(src, base + i))
                        .withHint("Unicode escapes must be \\XXXX or \\+XXXXXX.");
            }
        }
        if (pendingHigh >= 0)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair", position(src, base + raw.length()));
        if (ident) return new Token(Kind.IDENT, truncateIdent(sb.toString()), null, start, pos);
        return new Token(Kind.SCONST, sb.toString(), null, start, pos);
    }

    /** scan.l's check_uescapechar: not a hex digit, '+', a quote or white space. */
    private static boolean validEscapeChar(char c) {
        return Character.digit(c, 16) < 0 && c != '+' && c != '\'' && c != '"' && !Character.isWhitespace(c);
    }

    /**
     * addunicode with surrogate pairing (str_udeescape): a high surrogate must be followed by a
     * low one; values beyond U+10FFFF are rejected. Returns the pending high surrogate or -1.
     */
    private int addUnicode(StringBuilder sb, int cp, int pendingHigh, int offset) {
        if (cp > 0x10FFFF || cp == 0)
            throw PgException.errorAt(SqlState.SYNTAX_ERROR, "invalid Unicode escape value", position(src, offset));
        boolean high = cp >= 0xD800 && cp <= 0xDBFF, low = cp >= 0xDC00 && cp <= 0xDFFF;
        if (pendingHigh >= 0) {
            if (!low) throw PgException.errorAt(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair", position(src, offset));
            sb.appendCodePoint(Character.toCodePoint((char) pendingHigh, (char) cp));
            return -1;
        }
        if (high) return cp;
        if (low) throw PgException.errorAt(SqlState.SYNTAX_ERROR, "invalid Unicode surrogate pair", position(src, offset));
        sb.appendCodePoint(cp);
        return -1;
    }
}
