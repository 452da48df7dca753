package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * transform_json_string_values and transform_jsonb_string_values (jsonfuncs.c): a copy of a
 * json or jsonb document with every string value (not object keys) replaced by what a function
 * makes of it; ts_headline on json(b) uses them. The json form walks the text in document
 * order and writes it compactly (no blanks between tokens), keys re-escaped and non-string
 * scalars copied as written, as PostgreSQL's semantic actions do. The json text must already be
 * valid (json_in checked it).
 */
public final class JsonStringTransform {
    private JsonStringTransform() {}

    /** transform_jsonb_string_values over a jsonb tree. */
    public static Jsonb transform(Jsonb in, UnaryOperator<String> action) {
        return new Jsonb(walk(in.root(), action));
    }

    private static Object walk(Object v, UnaryOperator<String> action) {
        if (v instanceof String s) return action.apply(s);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(walk(o, action));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = Jsonb.newObject();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), walk(e.getValue(), action));
            return out;
        }
        return v;
    }

    /** transform_json_string_values over json text. */
    public static String transform(String json, UnaryOperator<String> action) {
        Scanner sc = new Scanner(json);
        StringBuilder out = new StringBuilder();
        sc.value(out, action);
        return out.toString();
    }

    /** A lexer over text json_in accepted (json_lex without the error paths). */
    private static final class Scanner {
        final String s;
        int i;

        Scanner(String s) { this.s = s; }

        void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') i++;
                else break;
            }
        }

        void value(StringBuilder out, UnaryOperator<String> action) {
            skipSpace();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                out.append('{');
                skipSpace();
                boolean first = true;
                while (s.charAt(i) != '}') {
                    if (!first) out.append(',');
                    first = false;
                    skipSpace();
                    JsonbIO.escape(out, string());
                    skipSpace();
                    i++; // ':'
                    out.append(':');
                    value(out, action);
                    skipSpace();
                    if (s.charAt(i) == ',') i++;
                    skipSpace();
                }
                i++;
                out.append('}');
            } else if (c == '[') {
                i++;
                out.append('[');
                skipSpace();
                boolean first = true;
                while (s.charAt(i) != ']') {
                    if (!first) out.append(',');
                    first = false;
                    value(out, action);
                    skipSpace();
                    if (s.charAt(i) == ',') i++;
                    skipSpace();
                }
                i++;
                out.append(']');
            } else if (c == '"') {
                JsonbIO.escape(out, action.apply(string()));
            } else {
                int start = i;
                while (i < s.length() && "{}[],: \t\n\r\"".indexOf(s.charAt(i)) < 0) i++;
                out.append(s, start, i);
            }
        }

        /** A string token, de-escaped (i at its opening quote). */
        String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }
    }
}
