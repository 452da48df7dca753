package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * json_object / jsonb_object (json.c json_object, json_object_two_arg; jsonb.c jsonb_object,
 * jsonb_object_two_arg): an object built from a text array of alternating keys and values (one
 * dimension, even length) or of key/value rows (two dimensions, two columns), or from two
 * one-dimensional arrays of keys and values. A NULL key is refused; a NULL value is JSON null.
 * The json form keeps every pair in order (duplicates too) and spells it {@code {"k" : "v"}};
 * the jsonb form keeps the last of duplicate keys, as jsonb input does.
 */
public final class JsonObjectArrays {
    private JsonObjectArrays() {}

    /** The key/value pairs of json_object(text[]), checked as PostgreSQL checks them. */
    public static List<String[]> pairs(ArrayValue in) {
        int ndims = in.ndim();
        if (ndims == 0) return List.of();
        if (ndims == 1) {
            if (in.size() % 2 != 0)
                throw PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "array must have even number of elements");
        } else if (ndims == 2) {
            if (in.dim(1) != 2) throw PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "array must have two columns");
        } else {
            throw PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i += 2) out.add(pair(in.get(i), in.get(i + 1)));
        return out;
    }

    /** The key/value pairs of json_object(keys text[], values text[]). */
    public static List<String[]> pairs(ArrayValue keys, ArrayValue values) {
        if (keys.ndim() > 1 || values.ndim() > 1)
            throw PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        if (keys.size() != values.size())
            throw PgException.error(ArrayFuncs.ARRAY_SUBSCRIPT_ERROR, "mismatched array dimensions");
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) out.add(pair(keys.get(i), values.get(i)));
        return out;
    }

    private static String[] pair(Object k, Object v) {
        if (k == null) throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key");
        return new String[] {(String) k, (String) v};
    }

    /** json_object's text: {@code {"a" : "1", "b" : null}}, pairs in order. */
    public static String jsonText(List<String[]> pairs) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) sb.append(", ");
            JsonbIO.escape(sb, pairs.get(i)[0]);
            sb.append(" : ");
            if (pairs.get(i)[1] == null) sb.append("null");
            else JsonbIO.escape(sb, pairs.get(i)[1]);
        }
        return sb.append('}').toString();
    }

    /** jsonb_object's value: string values, the last of duplicate keys kept. */
    public static Jsonb jsonb(List<String[]> pairs) {
        TreeMap<String, Object> m = Jsonb.newObject();
        for (String[] p : pairs) m.put(p[0], p[1] == null ? Jsonb.NULL : p[1]);
        return new Jsonb(Collections.unmodifiableMap(m));
    }
}
