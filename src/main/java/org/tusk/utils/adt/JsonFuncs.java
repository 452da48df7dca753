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
 * The jsonb operators and functions over {@link Jsonb} trees (jsonfuncs.c, jsonb_op.c,
 * jsonb_util.c's JsonbDeepContains): field and element access, paths, containment, existence,
 * concatenation, deletion, jsonb_set / jsonb_insert, jsonb_strip_nulls. Nodes are never
 * modified; every change copies the containers on the way to it.
 */
public final class JsonFuncs {
    private JsonFuncs() {}

    static boolean isContainer(Object n) { return n instanceof List<?> || n instanceof Map<?, ?>; }

    /** -> text: the field of an object, else null. */
    public static Object field(Object node, String key) {
        return node instanceof Map<?, ?> m ? m.get(key) : null;
    }

    /** -> int: the element of an array, counting from the end when negative, else null. */
    public static Object element(Object node, int idx) {
        if (!(node instanceof List<?> l)) return null;
        int i = idx < 0 ? l.size() + idx : idx;
        return i < 0 || i >= l.size() ? null : l.get(i);
    }

    /** #>: follows a path of keys and array subscripts (as text); null where it leads nowhere. */
    public static Object path(Object node, List<?> path) {
        Object cur = node;
        for (Object p : path) {
            if (p == null) return null;
            String k = (String) p;
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(k);
            } else if (cur instanceof List<?>) {
                Integer i = parseIndex(k);
                if (i == null) return null;
                cur = element(cur, i);
            } else {
                return null;
            }
            if (cur == null) return null;
        }
        return cur;
    }

    private static Integer parseIndex(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ->>: a string's value, JSON null as SQL NULL, anything else as jsonb_out writes it. */
    public static String text(Object node) {
        if (node == null || node instanceof Jsonb.Null) return null;
        if (node instanceof String s) return s;
        return JsonbIO.nodeText(node);
    }

    /** @> (JsonbDeepContains, with the top-level rule that an array contains a raw scalar it holds). */
    public static boolean contains(Object a, Object b) {
        if (a instanceof List<?> l && !isContainer(b)) return l.stream().anyMatch(x -> !isContainer(x) && scalarEq(x, b));
        return deep(a, b);
    }

    private static boolean scalarEq(Object x, Object y) {
        return Jsonb.compareNodes(x, y, false) == 0;
    }

    private static boolean deep(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            for (Map.Entry<?, ?> e : mb.entrySet()) {
                Object av = ma.get(e.getKey());
                if (av == null) return false;
                Object bv = e.getValue();
                if (!isContainer(bv)) {
                    if (isContainer(av) || !scalarEq(av, bv)) return false;
                } else if (!(av instanceof List<?> && bv instanceof List<?> || av instanceof Map<?, ?> && bv instanceof Map<?, ?>)
                        || !deep(av, bv)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            for (Object bv : lb) {
                boolean found = false;
                for (Object av : la) {
                    if (!isContainer(bv)) {
                        if (!isContainer(av) && scalarEq(av, bv)) found = true;
                    } else if ((av instanceof List<?> && bv instanceof List<?> || av instanceof Map<?, ?> && bv instanceof Map<?, ?>)
                            && deep(av, bv)) {
                        found = true;
                    }
                    if (found) break;
                }
                if (!found) return false;
            }
            return true;
        }
        if (!isContainer(a) && !isContainer(b)) return scalarEq(a, b);
        return false;
    }

    /** ?: a key of an object, a string element of an array, or the string itself at the top. */
    public static boolean exists(Object node, String key) {
        if (node instanceof Map<?, ?> m) return m.containsKey(key);
        if (node instanceof List<?> l) return l.contains(key);
        return key.equals(node);
    }

    /** ||: objects merge (right wins), otherwise both sides as arrays are concatenated. */
    public static Object concat(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeMap<String, Object> m = Jsonb.newObject();
            ma.forEach((k, v) -> m.put((String) k, v));
            mb.forEach((k, v) -> m.put((String) k, v));
            return Collections.unmodifiableMap(m);
        }
        List<Object> out = new ArrayList<>();
        if (a instanceof List<?> la) out.addAll(la); else out.add(a);
        if (b instanceof List<?> lb) out.addAll(lb); else out.add(b);
        return Collections.unmodifiableList(out);
    }

    private static PgException scalarError(String what) {
        return PgException.error(SqlState.INVALID_PARAMETER_VALUE, what);
    }

    /** - text: removes a key, or matching string elements of an array. */
    public static Object deleteKey(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            if (!m.containsKey(key)) return node;
            TreeMap<String, Object> out = Jsonb.newObject();
            m.forEach((k, v) -> { if (!k.equals(key)) out.put((String) k, v); });
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) if (!key.equals(x)) out.add(x);
            return Collections.unmodifiableList(out);
        }
        throw scalarError("cannot delete from scalar");
    }

    /** - int: removes an array element (from the end when negative). */
    public static Object deleteIndex(Object node, int idx) {
        if (node instanceof Map<?, ?>) throw scalarError("cannot delete from object using integer index");
        if (!(node instanceof List<?> l)) throw scalarError("cannot delete from scalar");
        int i = idx < 0 ? l.size() + idx : idx;
        if (i < 0 || i >= l.size()) return node;
        List<Object> out = new ArrayList<>(l);
        out.remove(i);
        return Collections.unmodifiableList(out);
    }

    /** #-: deletes the element a path leads to (setPath with JB_PATH_DELETE). */
    public static Object deletePath(Object node, List<?> path) {
        if (!isContainer(node)) throw scalarError("cannot delete path in scalar");
        // jsonb_delete_path returns an empty container untouched, before looking at the path
        if (path.isEmpty() || (node instanceof List<?> l && l.isEmpty()) || (node instanceof java.util.Map<?, ?> m && m.isEmpty()))
            return node;
        return setPath(node, path, 0, null, Mode.DELETE);
    }

    enum Mode { SET, CREATE, INSERT_BEFORE, INSERT_AFTER, DELETE }

    /** jsonb_set(target, path, value, create_if_missing). */
    public static Object set(Object node, List<?> path, Object value, boolean create) {
        if (!isContainer(node)) throw scalarError("cannot set path in scalar");
        if (path.isEmpty()) return node;
        return setPath(node, path, 0, value, create ? Mode.CREATE : Mode.SET);
    }

    /** jsonb_insert(target, path, value, insert_after). */
    public static Object insert(Object node, List<?> path, Object value, boolean after) {
        if (!isContainer(node)) throw scalarError("cannot set path in scalar");
        if (path.isEmpty()) return node;
        return setPath(node, path, 0, value, after ? Mode.INSERT_AFTER : Mode.INSERT_BEFORE);
    }

    private static Object setPath(Object node, List<?> path, int level, Object value, Mode mode) {
        Object p = path.get(level);
        if (p == null)
            throw PgException.error(SqlState.NULL_VALUE_NOT_ALLOWED, "path element at position " + (level + 1) + " is null");
        String key = (String) p;
        boolean last = level == path.size() - 1;
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = Jsonb.newObject();
            m.forEach((k, v) -> out.put((String) k, v));
            Object cur = m.get(key);
            if (last) {
                switch (mode) {
                    case DELETE -> out.remove(key);
                    case SET -> { if (cur != null) out.put(key, value); }
                    case CREATE -> out.put(key, value);
                    default -> {
                        if (cur != null) throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot replace existing key")
                                .withHint("Try using the function jsonb_set to replace key value.");
                        out.put(key, value);
                    }
                }
            } else if (cur != null && isContainer(cur)) {
                out.put(key, setPath(cur, path, level + 1, value, mode));
            }
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> l) {
            Integer idx = parseIndex(key);
            if (idx == null)
                throw PgException.error(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position " + (level + 1)
                        + " is not an integer: \"" + key + "\"");
            List<Object> out = new ArrayList<>(l);
            int n = l.size();
            int i = idx < 0 ? n + idx : idx;
            if (last) {
                switch (mode) {
                    case DELETE -> { if (i >= 0 && i < n) out.remove(i); }
                    case SET, CREATE -> {
                        if (i >= 0 && i < n) out.set(i, value);
                        else if (mode == Mode.CREATE) {
                            if (i < 0) out.add(0, value);
                            else out.add(value);
                        }
                    }
                    case INSERT_BEFORE, INSERT_AFTER -> {
                        if (i < 0) out.add(0, value);
                        else if (i >= n) out.add(value);
                        else out.add(mode == Mode.INSERT_AFTER ? i + 1 : i, value);
                    }
                }
            } else if (i >= 0 && i < n && isContainer(l.get(i))) {
                out.set(i, setPath(l.get(i), path, level + 1, value, mode));
            }
            return Collections.unmodifiableList(out);
        }
        return node;
    }

    /** jsonb_strip_nulls: object fields whose value is null, at every level. */
    public static Object stripNulls(Object node) {
        if (node instanceof Map<?, ?> m) {
            TreeMap<String, Object> out = Jsonb.newObject();
            m.forEach((k, v) -> { if (!(v instanceof Jsonb.Null)) out.put((String) k, stripNulls(v)); });
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) out.add(stripNulls(x));
            return Collections.unmodifiableList(out);
        }
        return node;
    }

    /** jsonb_array_length. */
    public static int arrayLength(Object node) {
        if (node instanceof List<?> l) return l.size();
        throw scalarError(node instanceof Map<?, ?> ? "cannot get array length of a non-array" : "cannot get array length of a scalar");
    }

    /** A jsonb number from a Java number (to_jsonb of int/float/numeric). */
    public static BigDecimal number(Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case Double d -> Numerics.numericIn(Floats.float8out(d, 1));
            case Float f -> Numerics.numericIn(Floats.float4out(f, 1));
            default -> BigDecimal.valueOf(((Number) v).longValue());
        };
    }
}
