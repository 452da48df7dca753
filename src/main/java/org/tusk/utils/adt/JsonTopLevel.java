package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.List;

/**
 * The top level of a json document split into its members, each value as the text it was
 * written with (what jsonfuncs.c's each/elements semantic actions cut out of the input). The
 * document must already be valid json (json_in checked it), so this scanner only finds the
 * extents of strings, numbers, literals and nested containers.
 *
 * @param kind   what the top-level value is
 * @param keys   the object's keys, de-escaped, in document order (empty otherwise)
 * @param values the object's values or the array's elements, as written
 */
record JsonTopLevel(Kind kind, List<String> keys, List<String> values) {
    enum Kind { OBJECT, ARRAY, SCALAR }

    static JsonTopLevel split(String json) {
        Scanner s = new Scanner(json);
        s.skipSpace();
        char c = s.peek();
        if (c != '{' && c != '[') return new JsonTopLevel(Kind.SCALAR, List.of(), List.of());
        boolean object = c == '{';
        s.pos++;
        List<String> keys = new ArrayList<>(), values = new ArrayList<>();
        s.skipSpace();
        if (s.peek() == (object ? '}' : ']'))
            return new JsonTopLevel(object ? Kind.OBJECT : Kind.ARRAY, List.of(), List.of());
        while (true) {
            s.skipSpace();
            if (object) {
                int start = s.pos;
                s.skipValue();
                keys.add((String) JsonbIO.parseTree(json.substring(start, s.pos)));
                s.skipSpace();
                s.pos++; // ':'
                s.skipSpace();
            }
            int start = s.pos;
            s.skipValue();
            values.add(json.substring(start, s.pos));
            s.skipSpace();
            if (s.peek() == ',') {
                s.pos++;
                continue;
            }
            break;
        }
        return new JsonTopLevel(object ? Kind.OBJECT : Kind.ARRAY, List.copyOf(keys), List.copyOf(values));
    }

    private static final class Scanner {
        final String s;
        int pos;

        Scanner(String s) { this.s = s; }

        char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\n'
                    || s.charAt(pos) == '\r')) pos++;
        }

        void skipString() {
            pos++; // opening quote
            while (pos < s.length() && s.charAt(pos) != '"') pos += s.charAt(pos) == '\\' ? 2 : 1;
            pos++; // closing quote
        }

        /** Moves past one value: a string, a container (with everything nested in it) or a scalar token. */
        void skipValue() {
            char c = peek();
            if (c == '"') {
                skipString();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = peek();
                    if (d == '"') {
                        skipString();
                        continue;
                    }
                    if (d == '{' || d == '[') depth++;
                    else if (d == '}' || d == ']') depth--;
                    pos++;
                } while (depth > 0 && pos < s.length());
            } else {
                while (pos < s.length() && ",}] \t\n\r".indexOf(s.charAt(pos)) < 0) pos++;
            }
        }
    }
}
