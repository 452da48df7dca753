package org.tusk.utils.adt;

/**
 * Walks already-validated json text token by token, keeping source positions, for the json
 * functions that PostgreSQL answers from the original text rather than from a parsed tree
 * (jsonfuncs.c's semantic-action walkers return slices of their input and keep scalar tokens
 * exactly as written).
 */
final class JsonTextScanner {
    final String s;
    int pos;

    JsonTextScanner(String s) {
        this.s = s;
    }

    void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    /** The next character, after any whitespace. */
    char peek() {
        skipWhitespace();
        return s.charAt(pos);
    }

    /** Consumes the expected punctuation character, after any whitespace. */
    void expect(char c) {
        if (peek() != c) throw new IllegalStateException("json text not validated: expected '" + c + "' at " + pos);
        pos++;
    }

    /** Consumes ',' and returns true, or returns false at the closing bracket (not consumed). */
    boolean nextMember() {
        if (peek() == ',') {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips one value (after whitespace); returns its start, pos being its end. */
    int skipValue() {
        skipWhitespace();
        int start = pos;
        char c = s.charAt(pos);
        if (c == '{' || c == '[') {
            int depth = 0;
            do {
                char d = s.charAt(pos);
                if (d == '"') {
                    skipString();
                    continue;
                }
                if (d == '{' || d == '[') depth++;
                else if (d == '}' || d == ']') depth--;
                pos++;
            } while (depth > 0);
        } else if (c == '"') {
            skipString();
        } else {
            while (pos < s.length() && "{}[],: \t\n\r\"".indexOf(s.charAt(pos)) < 0) pos++;
        }
        return start;
    }

    private void skipString() {
        pos++;
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') return;
            if (c == '\\') pos++;
        }
    }

    /** Reads a string token (after whitespace) and returns its de-escaped value. */
    String readString() {
        int start = skipValue();
        return decodeString(start, pos);
    }

    /**
     * The value of the string token s[start, end): as the json lexer de-escapes it, where
     * \u0000 cannot become text.
     */
    String decodeString(int start, int end) {
        String token = s.substring(start, end);
        if (token.indexOf('\\') < 0) return token.substring(1, token.length() - 1);
        return (String) JsonbIO.jsonbIn(token).root();
    }

    /** Whether the value starting at start (a token start) is a string. */
    boolean isString(int start) { return s.charAt(start) == '"'; }

    /** Whether the value s[start, end) is the json null literal. */
    boolean isNull(int start, int end) { return end - start == 4 && s.startsWith("null", start); }
}
