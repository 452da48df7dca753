package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * JSON text in and out (jsonapi.c's recursive-descent parser and lexer, jsonb.c's jsonb_in /
 * jsonb_out / jsonb_pretty, json.c's escape_json). Input errors are PostgreSQL's: 22P02
 * "invalid input syntax for type json" with the lexer's or parser's detail and a
 * "JSON data, line N: ..." context; \u0000 in jsonb is 22P05.
 */
public final class JsonbIO {
    private JsonbIO() {}

    /** json_in: validates and returns the text unchanged. */
    public static String jsonIn(String s) {
        new Parser(s, false).parseDocument();
        return s;
    }

    /** jsonb_in. */
    public static Jsonb jsonbIn(String s) {
        return new Jsonb(new Parser(s, true).parseDocument());
    }

    /** Parses json text into the same tree jsonb uses (duplicate keys: the last wins). */
    public static Object parseTree(String s) {
        return new Parser(s, false).parseDocument();
    }

    /** jsonb_out (pretty false) or jsonb_pretty (pretty true). */
    public static String out(Jsonb j, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        write(sb, j.root(), pretty, 0);
        return sb.toString();
    }

    /** The text of one node as jsonb_out writes it. */
    public static String nodeText(Object node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, false, 0);
        return sb.toString();
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append('\n');
        for (int i = 0; i < level; i++) sb.append("    ");
    }

    private static void write(StringBuilder sb, Object v, boolean pretty, int level) {
        switch (v) {
            case Jsonb.Null n -> sb.append("null");
            case Boolean b -> sb.append(b ? "true" : "false");
            case BigDecimal d -> sb.append(Numerics.numericOut(d));
            case String s -> escape(sb, s);
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(pretty ? "," : ", ");
                    if (pretty) indent(sb, level + 1);
                    write(sb, l.get(i), pretty, level + 1);
                }
                if (pretty && !l.isEmpty()) indent(sb, level);
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) sb.append(pretty ? "," : ", ");
                    first = false;
                    if (pretty) indent(sb, level + 1);
                    escape(sb, (String) e.getKey());
                    sb.append(": ");
                    write(sb, e.getValue(), pretty, level + 1);
                }
                if (pretty && !m.isEmpty()) indent(sb, level);
                sb.append('}');
            }
            default -> throw new IllegalArgumentException("not a jsonb node: " + v);
        }
    }

    /** escape_json. */
    public static void escape(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < ' ') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        escape(sb, s);
        return sb.toString();
    }

    /** The recursive-descent parser of jsonapi.c (parse_object, parse_array, json_lex). */
    private static final class Parser {
        private final String s;
        private final boolean jsonb;
        private int pos;
        private int tokStart;
        private int lineStart;
        private int line = 1;

        Parser(String s, boolean jsonb) {
            this.s = s;
            this.jsonb = jsonb;
        }

        private enum Tok { OBJ_START, OBJ_END, ARR_START, ARR_END, COMMA, COLON, STRING, NUMBER, TRUE, FALSE, NULL, END, INVALID }

        private Tok tok;
        private String tokText;   // decoded string value, or the number's text

        PgException syntax(String detail) {
            // report_json_context: the line so far, up to the end of the offending token, cut from
            // the left (whole characters) to under 50 bytes, unless that would hide at most 3 bytes
            int end = Math.min(pos, s.length());
            int from = lineStart;
            int start = from;
            while (utf8Length(start, end) >= 50) start += Character.charCount(s.codePointAt(start));
            if (utf8Length(from, start) <= 3) start = from;
            String ctx = s.substring(start, end);
            String prefix = start > from ? "..." : "";
            String suffix = tok != Tok.END && end < s.length() && s.charAt(end) != '\n' && s.charAt(end) != '\r'
                    && !ctxEndsLine(end) ? "..." : "";
            return PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json")
                    .withDetail(detail).withContext("JSON data, line " + line + ": " + prefix + ctx + suffix);
        }

        private int utf8Length(int from, int to) {
            return s.substring(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }

        private boolean ctxEndsLine(int end) {
            return end >= s.length();
        }

        Object parseDocument() {
            lex();
            Object v = parseValue();
            if (tok != Tok.END) throw syntax("Expected end of input, but found \"" + tokenText() + "\".");
            return v;
        }

        private String tokenText() {
            return s.substring(tokStart, pos);
        }

        /**
         * Nesting deeper than this is refused as PostgreSQL's check_stack_depth() would (Tusk has no
         * max_stack_depth setting; the limit keeps the recursive parser and writers within the
         * thread's stack).
         */
        static final int MAX_DEPTH = 1000;
        private int depth;

        private Object parseValue() {
            if ((tok == Tok.OBJ_START || tok == Tok.ARR_START) && ++depth > MAX_DEPTH)
                throw org.tusk.utils.error.StackDepth.exceeded();
            return parseValueInner();
        }

        private Object parseValueInner() {
            switch (tok) {
                case OBJ_START -> {
                    Object o = parseObject();
                    depth--;
                    return o;
                }
                case ARR_START -> {
                    Object o = parseArray();
                    depth--;
                    return o;
                }
                case STRING -> {
                    String v = tokText;
                    lex();
                    return v;
                }
                case NUMBER -> {
                    BigDecimal d = Numerics.numericIn(tokText);
                    lex();
                    return d;
                }
                case TRUE, FALSE -> {
                    boolean b = tok == Tok.TRUE;
                    lex();
                    return b;
                }
                case NULL -> {
                    lex();
                    return Jsonb.NULL;
                }
                case END -> throw syntax("The input string ended unexpectedly.");
                default -> throw syntax("Expected JSON value, but found \"" + tokenText() + "\".");
            }
        }

        private Object parseObject() {
            TreeMap<String, Object> m = Jsonb.newObject();
            lex();
            if (tok == Tok.OBJ_END) {
                lex();
                return Collections.unmodifiableMap(m);
            }
            while (true) {
                if (tok == Tok.END) throw syntax("The input string ended unexpectedly.");
                if (tok != Tok.STRING) throw syntax("Expected string or \"}\", but found \"" + tokenText() + "\".");
                String key = tokText;
                lex();
                if (tok == Tok.END) throw syntax("The input string ended unexpectedly.");
                if (tok != Tok.COLON) throw syntax("Expected \":\", but found \"" + tokenText() + "\".");
                lex();
                m.put(key, parseValue());
                if (tok == Tok.COMMA) {
                    lex();
                    if (tok == Tok.END) throw syntax("The input string ended unexpectedly.");
                    if (tok != Tok.STRING) throw syntax("Expected string, but found \"" + tokenText() + "\".");
                    continue;
                }
                if (tok == Tok.OBJ_END) {
                    lex();
                    return Collections.unmodifiableMap(m);
                }
                if (tok == Tok.END) throw syntax("The input string ended unexpectedly.");
                throw syntax("Expected \",\" or \"}\", but found \"" + tokenText() + "\".");
            }
        }

        private Object parseArray() {
            List<Object> l = new ArrayList<>();
            lex();
            if (tok == Tok.ARR_END) {
                lex();
                return Collections.unmodifiableList(l);
            }
            while (true) {
                l.add(parseValue());
                if (tok == Tok.COMMA) {
                    lex();
                    continue;
                }
                if (tok == Tok.ARR_END) {
                    lex();
                    return Collections.unmodifiableList(l);
                }
                if (tok == Tok.END) throw syntax("The input string ended unexpectedly.");
                throw syntax("Expected \",\" or \"]\", but found \"" + tokenText() + "\".");
            }
        }

        private static boolean isDelimiter(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '{' || c == '}' || c == '[' || c == ']'
                    || c == ',' || c == ':' || c == '"';
        }

        private void lex() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\n') {
                    line++;
                    lineStart = pos + 1;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    break;
                }
                pos++;
            }
            tokStart = pos;
            if (pos >= s.length()) {
                tok = Tok.END;
                return;
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> { pos++; tok = Tok.OBJ_START; }
                case '}' -> { pos++; tok = Tok.OBJ_END; }
                case '[' -> { pos++; tok = Tok.ARR_START; }
                case ']' -> { pos++; tok = Tok.ARR_END; }
                case ',' -> { pos++; tok = Tok.COMMA; }
                case ':' -> { pos++; tok = Tok.COLON; }
                case '"' -> lexString();
                default -> lexWord();
            }
        }

        /** JSON_ALPHANUMERIC_CHAR: letters, digits, '_' and any non-ASCII character. */
        private static boolean isAlnum(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80;
        }

        /**
         * Numbers (json_lex_number, whose error token runs on over following alphanumerics) and the
         * keywords; a character that starts no token is an invalid token by itself.
         */
        private void lexWord() {
            char first = s.charAt(pos);
            int end = pos;
            if (first == '-' || first >= '0' && first <= '9') {
                if (first == '-') end++;
                while (end < s.length() && (isAlnum(s.charAt(end)) || s.charAt(end) == '.'
                        || (s.charAt(end) == '+' || s.charAt(end) == '-') && (s.charAt(end - 1) == 'e' || s.charAt(end - 1) == 'E')))
                    end++;
                String w = s.substring(pos, end);
                pos = end;
                if (w.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                    tok = Tok.NUMBER;
                    tokText = w;
                    return;
                }
                tok = Tok.INVALID;
                throw syntax("Token \"" + w + "\" is invalid.");
            }
            while (end < s.length() && isAlnum(s.charAt(end))) end++;
            if (end == pos) end = pos + Character.charCount(s.codePointAt(pos));
            String w = s.substring(pos, end);
            pos = end;
            switch (w) {
                case "true" -> tok = Tok.TRUE;
                case "false" -> tok = Tok.FALSE;
                case "null" -> tok = Tok.NULL;
                default -> {
                    tok = Tok.INVALID;
                    throw syntax("Token \"" + w + "\" is invalid.");
                }
            }
        }

        private void lexString() {
            StringBuilder sb = new StringBuilder();
            pos++;
            int hiSurrogate = -1;
            while (true) {
                if (pos >= s.length()) {
                    tok = Tok.INVALID;
                    throw syntax("Token \"" + s.substring(tokStart) + "\" is invalid.");
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    break;
                }
                if (c < 0x20) {
                    // json_lex_string: the character is not printable, so the context stops before it
                    tok = Tok.INVALID;
                    throw syntax(String.format("Character with value 0x%02x must be escaped.", (int) c));
                }
                if (c != '\\') {
                    if (hiSurrogate != -1) throw surrogate("Unicode low surrogate must follow a high surrogate.");
                    sb.append(c);
                    pos++;
                    continue;
                }
                pos++;
                if (pos >= s.length()) {
                    tok = Tok.INVALID;
                    throw syntax("Token \"" + s.substring(tokStart) + "\" is invalid.");
                }
                char e = s.charAt(pos++);
                if (e == 'u') {
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = pos < s.length() ? Character.digit(s.charAt(pos), 16) : -1;
                        if (d < 0) {
                            while (pos < s.length() && !isDelimiter(s.charAt(pos))) pos++;
                            throw syntax("\"\\u\" must be followed by four hexadecimal digits.");
                        }
                        cp = cp * 16 + d;
                        pos++;
                    }
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (hiSurrogate != -1) throw surrogate("Unicode high surrogate must not follow a high surrogate.");
                        hiSurrogate = cp;
                        continue;
                    }
                    if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        if (hiSurrogate == -1) throw surrogate("Unicode low surrogate must follow a high surrogate.");
                        sb.append((char) hiSurrogate).append((char) cp);
                        hiSurrogate = -1;
                        continue;
                    }
                    if (hiSurrogate != -1) throw surrogate("Unicode low surrogate must follow a high surrogate.");
                    if (cp == 0) {
                        if (jsonb) throw PgException.error("22P05", "unsupported Unicode escape sequence")
                                .withDetail("\\u0000 cannot be converted to text.")
                                .withContext("JSON data, line " + line + ": " + s.substring(lineStart, pos) + "...");
                        sb.append("\\u0000");
                        continue;
                    }
                    sb.append((char) cp);
                    continue;
                }
                if (hiSurrogate != -1) throw surrogate("Unicode low surrogate must follow a high surrogate.");
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    default -> {
                        tok = Tok.INVALID;
                        throw syntax("Escape sequence \"\\" + e + "\" is invalid.");
                    }
                }
            }
            if (hiSurrogate != -1) throw surrogate("Unicode low surrogate must follow a high surrogate.");
            tok = Tok.STRING;
            tokText = sb.toString();
        }

        private PgException surrogate(String detail) {
            tok = Tok.INVALID;
            return syntax(detail);
        }
    }
}
