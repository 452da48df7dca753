package org.tusk.utils.adt;

import java.util.List;

/**
 * jsonfuncs.c's get_worker for json (not jsonb): json -> text, json -> int, #>, #>> and
 * json_extract_path[_text] answer with the exact slice of the input text the path leads to,
 * whitespace and all, and the scalar tokens as written. Where an object repeats a key, every
 * matching member is followed and the last value found wins, as the streaming walker leaves it.
 */
public final class JsonTextPath {
    /** strtoint's failure marker: a path element that is no integer matches no array element. */
    private static final int NO_INDEX = Integer.MIN_VALUE;

    private final JsonTextScanner in;
    private final String[] keys;
    private final int[] indexes;
    private final boolean asText;

    private JsonTextPath(String json, String[] keys, int[] indexes, boolean asText) {
        this.in = new JsonTextScanner(json);
        this.keys = keys;
        this.indexes = indexes;
        this.asText = asText;
    }

    /** json_object_field[_text]: the field of an object, or NULL. */
    public static String field(String json, String key, boolean asText) {
        return new JsonTextPath(json, new String[] {key}, new int[] {NO_INDEX}, asText).get();
    }

    /** json_array_element[_text]: the element of an array, counting from the end when negative. */
    public static String element(String json, int index, boolean asText) {
        return new JsonTextPath(json, new String[] {null}, new int[] {index}, asText).get();
    }

    /**
     * get_path_all (#>, #>>, json_extract_path[_text]): each element is an object key and, when
     * it reads as an integer, an array subscript. A NULL element makes the result NULL; an empty
     * path gives the whole value.
     */
    public static String path(String json, List<?> path, boolean asText) {
        String[] keys = new String[path.size()];
        int[] indexes = new int[path.size()];
        for (int i = 0; i < keys.length; i++) {
            if (path.get(i) == null) return null;
            keys[i] = (String) path.get(i);
            indexes[i] = strtoint(keys[i]);
        }
        return new JsonTextPath(json, keys, indexes, asText).get();
    }

    /** strtoint as get_path_all calls it: leading whitespace and a sign allowed, nothing after. */
    private static int strtoint(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        String t = s.substring(i);
        if (!t.matches("[+-]?[0-9]+")) return NO_INDEX;
        try {
            return Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return NO_INDEX;
        }
    }

    private String get() {
        int[] span = find(0);
        if (span == null) return null;
        int start = span[0], end = span[1];
        if (asText) {
            if (in.isString(start)) return in.decodeString(start, end);
            if (in.isNull(start, end)) return null;
        }
        return in.s.substring(start, end);
    }

    /** The span of the last value at the path's end within the value at pos, or null; pos moves past it. */
    private int[] find(int level) {
        if (level == keys.length) {
            int start = in.skipValue();
            return new int[] {start, in.pos};
        }
        char c = in.peek();
        if (c == '{') return findInObject(level);
        if (c == '[') return findInArray(level);
        in.skipValue();
        return null;
    }

    private int[] findInObject(int level) {
        int[] result = null;
        in.expect('{');
        if (in.peek() == '}') {
            in.pos++;
            return null;
        }
        do {
            String key = in.readString();
            in.expect(':');
            if (key.equals(keys[level])) {
                int[] r = find(level + 1);
                if (r != null) result = r;
            } else {
                in.skipValue();
            }
        } while (in.nextMember());
        in.expect('}');
        return result;
    }

    private int[] findInArray(int level) {
        int wanted = indexes[level];
        if (wanted < 0 && wanted != NO_INDEX) {
            // a negative subscript counts from the end: count the elements first
            int n = countElements();
            if (-wanted <= n) wanted += n;
        }
        int[] result = null;
        in.expect('[');
        if (in.peek() == ']') {
            in.pos++;
            return null;
        }
        int i = 0;
        do {
            if (i++ == wanted) result = find(level + 1);
            else in.skipValue();
        } while (in.nextMember());
        in.expect(']');
        return result;
    }

    /** json_count_array_elements of the array at pos, leaving pos where it was. */
    private int countElements() {
        int save = in.pos;
        in.expect('[');
        int n = 0;
        if (in.peek() != ']') {
            do {
                in.skipValue();
                n++;
            } while (in.nextMember());
        }
        in.pos = save;
        return n;
    }
}
