package org.tusk.utils.adt;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.tusk.utils.error.PgException;
import org.tusk.utils.error.SqlState;

/**
 * The set-returning functions of jsonfuncs.c over jsonb (each_worker_jsonb,
 * jsonb_object_keys, elements_worker_jsonb) and json (each_worker, json_object_keys,
 * elements_worker). The json forms work on the document's text, as PostgreSQL's semantic-action
 * parser does, so keys keep their order and duplicates and values keep their spelling; only the
 * top level is split ({@link JsonTopLevel}), nested values are returned as written.
 */
public final class JsonSets {
    private JsonSets() {}

    /** One key/value pair of jsonb_each / json_each, the value as jsonb, json or text. */
    private static Object[] pair(String key, Object value) { return new Object[] {key, value}; }

    private static PgException invalid(String message) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    /** jsonb_each / jsonb_each_text ({@code asText}): the pairs of the top-level object, in jsonb key order. */
    public static Iterator<Object> jsonbEach(Jsonb j, boolean asText) {
        if (!(j.root() instanceof Map<?, ?> m))
            throw invalid("cannot call " + (asText ? "jsonb_each_text" : "jsonb_each") + " on a non-object");
        List<Object> rows = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet())
            rows.add(pair((String) e.getKey(), asText ? JsonFuncs.text(e.getValue()) : new Jsonb(e.getValue())));
        return rows.iterator();
    }

    /** jsonb_object_keys. */
    public static Iterator<Object> jsonbObjectKeys(Jsonb j) {
        Object root = j.root();
        if (root instanceof List<?>) throw invalid("cannot call jsonb_object_keys on an array");
        if (!(root instanceof Map<?, ?> m)) throw invalid("cannot call jsonb_object_keys on a scalar");
        return new ArrayList<Object>(m.keySet()).iterator();
    }

    /** jsonb_array_elements / jsonb_array_elements_text ({@code asText}). */
    public static Iterator<Object> jsonbArrayElements(Jsonb j, boolean asText) {
        Object root = j.root();
        if (root instanceof Map<?, ?>) throw invalid("cannot extract elements from an object");
        if (!(root instanceof List<?> l)) throw invalid("cannot extract elements from a scalar");
        List<Object> rows = new ArrayList<>();
        for (Object e : l) rows.add(asText ? JsonFuncs.text(e) : new Jsonb(e));
        return rows.iterator();
    }

    /** json_each / json_each_text: the top-level object's pairs in document order, duplicates included. */
    public static Iterator<Object> jsonEach(String json, boolean asText) {
        JsonTopLevel top = JsonTopLevel.split(json);
        switch (top.kind()) {
            case ARRAY -> throw invalid("cannot deconstruct an array as an object");
            case SCALAR -> throw invalid("cannot deconstruct a scalar");
            default -> { }
        }
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < top.values().size(); i++) {
            String raw = top.values().get(i);
            rows.add(pair(top.keys().get(i), asText ? textOf(raw) : raw));
        }
        return rows.iterator();
    }

    /** json_object_keys. */
    public static Iterator<Object> jsonObjectKeys(String json) {
        JsonTopLevel top = JsonTopLevel.split(json);
        switch (top.kind()) {
            case ARRAY -> throw invalid("cannot call json_object_keys on an array");
            case SCALAR -> throw invalid("cannot call json_object_keys on a scalar");
            default -> { }
        }
        return new ArrayList<Object>(top.keys()).iterator();
    }

    /** json_array_elements / json_array_elements_text. */
    public static Iterator<Object> jsonArrayElements(String json, boolean asText) {
        JsonTopLevel top = JsonTopLevel.split(json);
        switch (top.kind()) {
            case OBJECT -> throw invalid("cannot call " + (asText ? "json_array_elements_text" : "json_array_elements")
                    + " on a non-array");
            case SCALAR -> throw invalid("cannot call " + (asText ? "json_array_elements_text" : "json_array_elements")
                    + " on a scalar");
            default -> { }
        }
        List<Object> rows = new ArrayList<>();
        for (String raw : top.values()) rows.add(asText ? textOf(raw) : raw);
        return rows.iterator();
    }

    /** The _text form of a json value: a string de-escaped, null as SQL NULL, anything else as written. */
    private static String textOf(String raw) {
        if (raw.startsWith("\"")) return (String) JsonbIO.parseTree(raw);
        return raw.equals("null") ? null : raw;
    }
}
