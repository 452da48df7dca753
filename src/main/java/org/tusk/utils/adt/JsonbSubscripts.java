package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * jsonb subscripting (jsonbsubs.c with jsonfuncs.c's jsonb_get_element and jsonb_set_element):
 * {@code j['key'][0]} reads along a path of keys and array positions, each given as text (an
 * integer subscript arrives as its decimal text), and {@code j['a'][2] = v} writes along one.
 *
 * <p>Reading is lenient, as the -> operators are: a key on an array, a position that is not an
 * integer or out of range, or anything below a scalar gives SQL NULL.
 *
 * <p>Writing is setPath with JB_PATH_CREATE | JB_PATH_FILL_GAPS | JB_PATH_CONSISTENT_POSITION:
 * a missing key is added; a missing path below it is built, an object for a text step and an
 * array for an integer step; an array too short for a position is padded with JSON nulls so that
 * the value lands at exactly that position; a negative position counts from the end and may not
 * reach before the start; and a step into a scalar is an error, since the path says a container
 * is there. On an object every step is a key, "0" included.
 */
public final class JsonbSubscripts {
    private JsonbSubscripts() {}

    /** jsonb_get_element: the value at {@code path}, or null (SQL NULL) where the path leads nowhere. */
    public static Jsonb fetch(Jsonb container, List<String> path) {
        Object node = JsonFuncs.path(container.root(), path);
        return node == null ? null : new Jsonb(node);
    }

    /**
     * jsonb_set_element: {@code container} (null: an empty array when {@code expectArray}, the
     * first subscript being an integer, else an empty object) with {@code value} (null: JSON
     * null) stored at {@code path}.
     */
    public static Jsonb assign(Jsonb container, List<String> path, Jsonb value, boolean expectArray) {
        for (String p : path)
            if (p == null) throw PgException.error("22004", "jsonb subscript in assignment must not be null");
        Object root = container != null ? container.root()
                : expectArray ? List.of() : Collections.unmodifiableMap(Jsonb.newObject());
        Object v = value == null ? Jsonb.Null.NULL : value.root();
        return new Jsonb(set(root, path, 0, v));
    }

    private static Object set(Object node, List<String> path, int level, Object value) {
        String step = path.get(level);
        boolean last = level == path.size() - 1;
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = Jsonb.newObject();
            m.forEach((k, x) -> out.put((String) k, x));
            Object cur = m.get(step);
            if (last) out.put(step, value);
            else if (cur == null) out.put(step, build(path, level + 1, value));
            else out.put(step, set(cur, path, level + 1, value));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> l) {
            Integer idx = integer(step);
            if (idx == null)
                throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + (level + 1)
                        + " is not an integer: \"" + step + "\"");
            List<Object> out = new ArrayList<>(l);
            int n = l.size();
            int i = idx;
            if (i < 0) {
                if (-i > n)
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "path element at position " + (level + 1)
                            + " is out of range: " + idx);
                i = n + i;
            }
            if (i < n) {
                out.set(i, last ? value : set(l.get(i), path, level + 1, value));
            } else {
                while (out.size() < i) out.add(Jsonb.Null.NULL);
                out.add(last ? value : build(path, level + 1, value));
            }
            return Collections.unmodifiableList(out);
        }
        // a scalar (or JSON null) where the path needs a container to go on
        throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key")
                .withDetail("The path assumes key is a composite object, but it is a scalar value.");
    }

    /** push_path: the containers the rest of the path (from {@code level}) names, holding {@code value} at its end. */
    private static Object build(List<String> path, int level, Object value) {
        if (level == path.size()) return value;
        String step = path.get(level);
        Object inner = build(path, level + 1, value);
        Integer idx = integer(step);
        if (idx == null) {
            TreeMap<String, Object> obj = Jsonb.newObject();
            obj.put(step, inner);
            return Collections.unmodifiableMap(obj);
        }
        List<Object> arr = new ArrayList<>();
        for (int i = 0; i < idx; i++) arr.add(Jsonb.Null.NULL);
        arr.add(inner);
        return Collections.unmodifiableList(arr);
    }

    /** strtoint's full-string parse: null unless the whole text is a decimal int. */
    private static Integer integer(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
