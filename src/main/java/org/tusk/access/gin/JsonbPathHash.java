package org.tusk.access.gin;

import org.tusk.utils.adt.Jsonb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jsonb_path_ops (jsonb_gin.c gin_extract_jsonb_path): each scalar value or array element
 * becomes one int4 key, the hash of the object keys on the path to it and of the value itself,
 * mixed as JsonbHashScalarValue mixes (rotate left one bit, xor the next hash). Array positions
 * are not part of the path. The hashes are a stable function of the bytes (they are stored), not
 * PostgreSQL's hash_any: the keys only have to agree between rows and queries of one index.
 * Only {@code @>} (7) uses entries; the jsonpath operators search every row.
 */
final class JsonbPathHash implements GinOpclass {
    private static final int INT4 = 23;

    @Override
    public String name() {
        return "jsonb_path_ops";
    }

    @Override
    public int keyType(int keyType) {
        return INT4;
    }

    /** btint4cmp. */
    @Override
    public int compare(Object a, Object b, int keyType) {
        return Integer.compare((Integer) a, (Integer) b);
    }

    @Override
    public List<Object> extractValue(Object value, int keyType) {
        List<Object> out = new ArrayList<>();
        Object root = ((Jsonb) value).root();
        if (root instanceof List<?> || root instanceof Map<?, ?>) walk(root, 0, out);
        else out.add(mix(0, root));
        return out;
    }

    private static void walk(Object node, int hash, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                int h = rotate(hash) ^ hashBytes(("K" + e.getKey()).getBytes(StandardCharsets.UTF_8));
                Object v = e.getValue();
                if (v instanceof List<?> || v instanceof Map<?, ?>) walk(v, h, out);
                else out.add(mix(h, v));
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                if (v instanceof List<?> || v instanceof Map<?, ?>) walk(v, hash, out);
                else out.add(mix(hash, v));
            }
        }
    }

    /** JsonbHashScalarValue folded into {@code hash}. */
    private static int mix(int hash, Object scalar) {
        String s = switch (scalar) {
            case Jsonb.Null n -> "N";
            case Boolean b -> b ? "Bt" : "Bf";
            case BigDecimal d -> "D" + GinJsonbOps.normalize(d);
            case String str -> "S" + str;
            default -> throw new IllegalArgumentException("not a jsonb scalar: " + scalar);
        };
        return rotate(hash) ^ hashBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int rotate(int h) {
        return (h << 1) | (h >>> 31);
    }

    /** FNV-1a over the bytes: stable across processes and releases, as stored keys must be. */
    static int hashBytes(byte[] b) {
        int h = 0x811C9DC5;
        for (byte x : b) {
            h ^= x & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    /** gin_extract_jsonb_query_path. */
    @Override
    public Query extractQuery(Object query, int strategy, int keyType) {
        if (strategy == GinJsonbOps.CONTAINS) {
            List<Object> e = extractValue(query, keyType);
            return new Query(e, e.isEmpty() ? SearchMode.ALL : SearchMode.DEFAULT);
        }
        if (strategy == GinJsonbOps.JSONPATH_EXISTS || strategy == GinJsonbOps.JSONPATH_MATCH)
            return new Query(List.of(), SearchMode.ALL);
        throw new IllegalArgumentException("unrecognized strategy number: " + strategy);
    }

    /** gin_consistent_jsonb_path: every path of the query must be there for @>. */
    @Override
    public boolean consistent(boolean[] check, int strategy, Query query) {
        if (strategy == GinJsonbOps.CONTAINS) for (boolean c : check) if (!c) return false;
        return true;
    }
}
