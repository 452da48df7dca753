package org.tusk.utils.adt.jsonpath;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The jsonpath lexer (jsonpath_scan.l of PostgreSQL 15). Tokens are found as flex finds them:
 * at each position every rule of the current start condition is tried, the longest match wins
 * and a tie goes to the rule listed first (which is why "00" and "1e" are "trailing junk" and
 * "1.e3" is one number). Quoted strings, quoted variable names and unquoted identifiers decode
 * their escapes (\b \f \n \r \t \v, \\uXXXX, \\u{X...}, \\xXX, and a backslash before any other
 * character meaning that character). Each token remembers the text flex's yytext would hold
 * when the parser sees it, for the "at or near" of syntax errors.
 */
final class JsonPathScanner {
    /** One token: its kind (a keyword, a literal class, or the operator text), decoded value and yytext. */
    record Token(String kind, String value, String yytext) {}

    private static final String SPECIAL = "?%$.[]{}()|&!=<>@#,*:-+/";
    private static final String OTHER = "[^\\?\\%\\$\\.\\[\\]\\{\\}\\(\\)\\|\\&\\!\\=\\<\\>\\@\\#\\,\\*:\\-\\+\\/\\\\\" \\t\\n\\r\\f]";
    private static final String INTEGER = "(?:0|[1-9][0-9]*)";
    private static final String DECIMAL = "(?:" + INTEGER + "\\.[0-9]*|\\.[0-9]+)";
    private static final String REAL = "(?:" + INTEGER + "|" + DECIMAL + ")[Ee][-+]?[0-9]+";
    private static final String REALFAIL = "(?:" + INTEGER + "|" + DECIMAL + ")[Ee][-+]";

    /** The INITIAL rules in jsonpath_scan.l's order; the token kind, or an error message prefixed "ERR:". */
    private static final List<Map.Entry<Pattern, String>> RULES = List.of(
            rule("&&", "&&"), rule("\\|\\|", "||"), rule("!", "!"), rule("\\*\\*", "**"), rule("<", "<"),
            rule("<=", "<="), rule("==", "=="), rule("<>", "!="), rule("!=", "!="), rule(">=", ">="), rule(">", ">"),
            rule("\\$" + OTHER + "+", "$VAR"), rule("\\$\"", "$\""),
            rule("[\\?\\%\\$\\.\\[\\]\\{\\}\\(\\)\\|\\&\\!\\=\\<\\>\\@\\#\\,\\*:\\-\\+\\/]", "SPECIAL"),
            rule("[ \\t\\n\\r\\f]+", "BLANK"), rule("/\\*", "/*"),
            rule(REAL, "NUMERIC"), rule(DECIMAL, "NUMERIC"), rule(INTEGER, "INT"),
            rule(REALFAIL, "ERR:invalid numeric literal"),
            rule(INTEGER + OTHER, "ERR:trailing junk after numeric literal"),
            rule(DECIMAL + OTHER, "ERR:trailing junk after numeric literal"),
            rule(REAL + OTHER, "ERR:trailing junk after numeric literal"),
            rule("\"", "\""), rule("\\\\", "\\"), rule(OTHER + "+", "OTHER"));

    private static Map.Entry<Pattern, String> rule(String re, String kind) {
        return Map.entry(Pattern.compile(re), kind);
    }

    private static final Pattern OTHER_RUN = Pattern.compile(OTHER + "+");
    private static final Pattern BLANKS = Pattern.compile("[ \\t\\n\\r\\f]+");
    private static final String UNICODE = "\\\\u(?:[0-9A-Fa-f]{4}|\\{[0-9A-Fa-f]{1,6}\\})";
    private static final Pattern UNICODE_RUN = Pattern.compile("(?:" + UNICODE + ")+");
    private static final Pattern UNICODE_FAIL = Pattern.compile("(?:" + UNICODE + ")*\\\\u(?:[0-9A-Fa-f]{0,3}|\\{[0-9A-Fa-f]{0,6})");
    private static final Pattern HEX_CHAR = Pattern.compile("\\\\x[0-9A-Fa-f]{2}");
    private static final Pattern HEX_FAIL = Pattern.compile("\\\\x[0-9A-Fa-f]{0,1}");

    /** The keywords (jsonpath_scan.l's keywords[]); those marked lowercase-only match case-sensitively. */
    private static final Map<String, Boolean> KEYWORDS = Map.ofEntries(
            Map.entry("is", false), Map.entry("to", false), Map.entry("abs", false), Map.entry("lax", false),
            Map.entry("flag", false), Map.entry("last", false), Map.entry("null", true), Map.entry("size", false),
            Map.entry("true", true), Map.entry("type", false), Map.entry("with", false), Map.entry("false", true),
            Map.entry("floor", false), Map.entry("double", false), Map.entry("exists", false), Map.entry("starts", false),
            Map.entry("strict", false), Map.entry("ceiling", false), Map.entry("unknown", false),
            Map.entry("datetime", false), Map.entry("keyvalue", false), Map.entry("like_regex", false));

    private final String s;
    private int pos;

    JsonPathScanner(String s) {
        this.s = s;
    }

    /** jsonpath_yyerror: "MESSAGE at or near "yytext" of jsonpath input", or "at end" when yytext is empty. */
    static PgException error(String message, String yytext) {
        return PgException.error(SqlState.SYNTAX_ERROR, yytext.isEmpty() ? message + " at end of jsonpath input"
                : message + " at or near \"" + yytext + "\" of jsonpath input");
    }

    private int match(Pattern p) {
        Matcher m = p.matcher(s).region(pos, s.length());
        return m.lookingAt() ? m.end() - pos : -1;
    }

    Token next() {
        while (true) {
            if (pos >= s.length()) return new Token("EOF", null, "");
            int best = -1;
            String kind = null;
            for (Map.Entry<Pattern, String> r : RULES) {
                int len = match(r.getKey());
                if (len > best) {
                    best = len;
                    kind = r.getValue();
                }
            }
            String text = s.substring(pos, pos + best);
            int start = pos;
            pos += best;
            switch (kind) {
                case "BLANK" -> { continue; }
                case "/*" -> {
                    skipComment();
                    continue;
                }
                case "SPECIAL" -> { return new Token(text, null, text); }
                case "$VAR" -> { return new Token("VARIABLE", text.substring(1), text); }
                case "$\"" -> { return new Token("VARIABLE", quoted(), "\""); }
                case "\"" -> { return new Token("STRING", quoted(), "\""); }
                case "NUMERIC", "INT" -> { return new Token(kind, text, text); }
                case "\\", "OTHER" -> {
                    pos = start;
                    return unquoted();
                }
                default -> {
                    if (kind.startsWith("ERR:")) throw error(kind.substring(4), text);
                    return new Token(kind, null, text);
                }
            }
        }
    }

    private void skipComment() {
        int end = s.indexOf("*/", pos);
        if (end < 0) {
            pos = s.length();
            throw error("unexpected end of comment", "");
        }
        pos = end + 2;
    }

    /** The xq / xvq states: up to the closing double quote. */
    private String quoted() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw error("unexpected end of quoted string", "");
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\\') escape(sb);
            else {
                sb.append(c);
                pos++;
            }
        }
    }

    /** The xnq state: an unquoted identifier or keyword, ended by a blank, a special character, a quote or the end. */
    private Token unquoted() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) return keyword(sb.toString(), "");
            char c = s.charAt(pos);
            if (c == '\\') {
                escape(sb);
                continue;
            }
            int len = match(OTHER_RUN);
            if (len > 0) {
                sb.append(s, pos, pos + len);
                pos += len;
                continue;
            }
            if (s.startsWith("/*", pos)) {
                pos += 2;
                skipComment();
                return keyword(sb.toString(), "/*");
            }
            len = match(BLANKS);
            if (len > 0) {
                String blank = s.substring(pos, pos + len);
                pos += len;
                return keyword(sb.toString(), blank);
            }
            // a special character or a quote: yyless(0) leaves yytext empty
            return keyword(sb.toString(), "");
        }
    }

    /** checkKeyword. */
    private static Token keyword(String word, String yytext) {
        Boolean lowercaseOnly = KEYWORDS.get(word.toLowerCase(java.util.Locale.ROOT));
        if (lowercaseOnly != null && (!lowercaseOnly || KEYWORDS.containsKey(word)))
            return new Token(word.toUpperCase(java.util.Locale.ROOT), word, yytext);
        return new Token("IDENT", word, yytext);
    }

    /** One backslash sequence of the string states, decoded into {@code sb}. */
    private void escape(StringBuilder sb) {
        int uni = match(UNICODE_RUN), uniFail = match(UNICODE_FAIL), hex = match(HEX_CHAR), hexFail = match(HEX_FAIL);
        int rest = s.length() - pos;
        if (rest >= 2 && "bfnrtv".indexOf(s.charAt(pos + 1)) >= 0 && uni < 2 && uniFail < 2 && hexFail < 2) {
            char c = s.charAt(pos + 1);
            sb.append(switch (c) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> '\u000b';
            });
            pos += 2;
            return;
        }
        int longest = Math.max(Math.max(uni, uniFail), Math.max(hex, hexFail));
        if (uni > 0 && uni >= longest) {
            parseUnicode(sb, s.substring(pos, pos + uni));
            pos += uni;
        } else if (hex > 0 && hex >= longest) {
            addUnicodeChar(sb, Integer.parseInt(s.substring(pos + 2, pos + 4), 16));
            pos += hex;
        } else if (uniFail > 0 && uniFail >= longest) {
            throw error("invalid unicode sequence", s.substring(pos, pos + uniFail));
        } else if (hexFail > 0 && hexFail >= 2) {
            throw error("invalid hex character sequence", s.substring(pos, pos + hexFail));
        } else if (rest >= 2) {
            sb.appendCodePoint(s.codePointAt(pos + 1));
            pos += 1 + Character.charCount(s.codePointAt(pos + 1));
        } else {
            pos++;
            throw error("unexpected end after backslash", "\\");
        }
    }

    private static PgException badSurrogate(String detail) {
        return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type jsonpath").withDetail(detail);
    }

    /** parseUnicode: a run of \\u escapes, pairing surrogates. */
    private static void parseUnicode(StringBuilder sb, String run) {
        int hi = -1;
        int i = 0;
        while (i < run.length()) {
            i += 2;
            int ch;
            if (run.charAt(i) == '{') {
                int close = run.indexOf('}', i);
                ch = Integer.parseInt(run.substring(i + 1, close), 16);
                i = close + 1;
            } else {
                ch = Integer.parseInt(run.substring(i, i + 4), 16);
                i += 4;
            }
            if (ch >= 0xd800 && ch <= 0xdbff) {
                if (hi != -1) throw badSurrogate("Unicode high surrogate must not follow a high surrogate.");
                hi = (ch & 0x3ff) << 10;
                continue;
            } else if (ch >= 0xdc00 && ch <= 0xdfff) {
                if (hi == -1) throw badSurrogate("Unicode low surrogate must follow a high surrogate.");
                ch = 0x10000 + hi + (ch & 0x3ff);
                hi = -1;
            } else if (hi != -1) {
                throw badSurrogate("Unicode low surrogate must follow a high surrogate.");
            }
            addUnicodeChar(sb, ch);
        }
        if (hi != -1) throw badSurrogate("Unicode low surrogate must follow a high surrogate.");
    }

    private static void addUnicodeChar(StringBuilder sb, int ch) {
        if (ch == 0)
            throw PgException.error("22P05", "unsupported Unicode escape sequence").withDetail("\\u0000 cannot be converted to text.");
        if (ch > 0x10FFFF)
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "invalid Unicode code point: " + Integer.toHexString(ch).toUpperCase());
        sb.appendCodePoint(ch);
    }
}
