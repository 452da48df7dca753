package org.tusk.utils.adt;

/**
 * json_strip_nulls for json (jsonfuncs.c's sn_* semantic actions): object fields whose value is
 * null are dropped, the rest is written back without whitespace, strings re-escaped as
 * escape_json writes them and other scalars exactly as they appear in the input.
 */
public final class JsonTextStripNulls {
    private final JsonTextScanner in;
    private final StringBuilder out = new StringBuilder();

    private JsonTextStripNulls(String json) {
        this.in = new JsonTextScanner(json);
    }

    public static String strip(String json) {
        JsonTextStripNulls s = new JsonTextStripNulls(json);
        s.value();
        return s.out.toString();
    }

    private void value() {
        char c = in.peek();
        if (c == '{') object();
        else if (c == '[') array();
        else scalar();
    }

    private void object() {
        in.expect('{');
        out.append('{');
        boolean first = true;
        if (in.peek() != '}') {
            do {
                String key = in.readString();
                in.expect(':');
                in.skipWhitespace();
                int start = in.pos;
                int end = peekValueEnd();
                if (in.isNull(start, end)) {
                    in.skipValue();
                    continue;
                }
                if (!first) out.append(',');
                first = false;
                JsonbIO.escape(out, key);
                out.append(':');
                value();
            } while (in.nextMember());
        }
        in.expect('}');
        out.append('}');
    }

    /** Where the value at pos ends, leaving pos where it is. */
    private int peekValueEnd() {
        int save = in.pos;
        in.skipValue();
        int end = in.pos;
        in.pos = save;
        return end;
    }

    private void array() {
        in.expect('[');
        out.append('[');
        if (in.peek() != ']') {
            boolean first = true;
            do {
                if (!first) out.append(',');
                first = false;
                value();
            } while (in.nextMember());
        }
        in.expect(']');
        out.append(']');
    }

    private void scalar() {
        int start = in.skipValue();
        if (in.isString(start)) JsonbIO.escape(out, in.decodeString(start, in.pos));
        else out.append(in.s, start, in.pos);
    }
}
