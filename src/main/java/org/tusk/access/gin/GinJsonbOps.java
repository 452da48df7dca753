package org.tusk.access.gin;

import org.tusk.utils.adt.ArrayValue;
import org.tusk.utils.adt.Jsonb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * jsonb_ops (jsonb_gin.c gin_extract_jsonb, gin_extract_jsonb_query, gin_consistent_jsonb):
 * every key, and every scalar value and array element, becomes a text key whose first byte flags
 * what it is (JGINFLAG_KEY 1, NULL 2, BOOL 3, NUM 4, STR 5), as make_scalar_key makes them; string
 * array elements are flagged as keys, so that {@code ?} finds them. A string longer than
 * JGIN_MAXLENGTH (125 bytes) is replaced by its hash in hex and flagged JGINFLAG_HASHED (0x10).
 * Numbers are normalized (numeric_normalize: trailing zeros dropped) so that equal numbers give
 * equal keys.
 *
 * <p>Strategies: {@code @>} (7) needs every key of the query; {@code ?} (9) its key;
 * {@code ?|} (10) any of the keys; {@code ?&} (11) all of them; {@code @?} (15) and
 * {@code @@} (16) a jsonpath, for which no entries are extracted here (extract_jsp_query is not
 * implemented) and every non-null row is a candidate (GIN_SEARCH_MODE_ALL), as PostgreSQL does
 * for a path it cannot use. Every match is rechecked.
 */
final class GinJsonbOps implements GinOpclass {
    static final int CONTAINS = 7, EXISTS = 9, EXISTS_ANY = 10, EXISTS_ALL = 11, JSONPATH_EXISTS = 15, JSONPATH_MATCH = 16;
    static final int JGINFLAG_KEY = 0x01, JGINFLAG_NULL = 0x02, JGINFLAG_BOOL = 0x03, JGINFLAG_NUM = 0x04,
            JGINFLAG_STR = 0x05, JGINFLAG_HASHED = 0x10;
    static final int JGIN_MAXLENGTH = 125;
    private static final int TEXT = 25;

    @Override
    public String name() {
        return "jsonb_ops";
    }

    @Override
    public int keyType(int keyType) {
        return TEXT;
    }

    /** gin_compare_jsonb: bytewise, then by length (the keys are never collated). */
    @Override
    public int compare(Object a, Object b, int keyType) {
        byte[] x = ((String) a).getBytes(StandardCharsets.UTF_8), y = ((String) b).getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** gin_extract_jsonb. */
    @Override
    public List<Object> extractValue(Object value, int keyType) {
        List<Object> out = new ArrayList<>();
        Object root = ((Jsonb) value).root();
        if (root instanceof List<?> || root instanceof Map<?, ?>) walk(root, out);
        else out.add(scalarKey(root, root instanceof String));   // a raw scalar is a one-element array's element
        return out;
    }

    private static void walk(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.add(textKey(JGINFLAG_KEY, (String) e.getKey()));
                Object v = e.getValue();
                if (v instanceof List<?> || v instanceof Map<?, ?>) walk(v, out);
                else out.add(scalarKey(v, false));
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                if (v instanceof List<?> || v instanceof Map<?, ?>) walk(v, out);
                else out.add(scalarKey(v, v instanceof String));   // WJB_ELEM: strings count as keys
            }
        }
    }

    /** make_scalar_key. */
    static String scalarKey(Object v, boolean isKey) {
        return switch (v) {
            case Jsonb.Null n -> textKey(JGINFLAG_NULL, "");
            case Boolean b -> textKey(JGINFLAG_BOOL, b ? "t" : "f");
            case BigDecimal d -> textKey(JGINFLAG_NUM, normalize(d));
            case String s -> textKey(isKey ? JGINFLAG_KEY : JGINFLAG_STR, s);
            default -> throw new IllegalArgumentException("not a jsonb scalar: " + v);
        };
    }

    /** numeric_normalize: the number without trailing fractional zeros. */
    static String normalize(BigDecimal d) {
        if (d.signum() == 0) return "0";
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** make_text_key: the flag byte, then the string, or for a long one its hash as 8 hex digits. */
    static String textKey(int flag, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > JGIN_MAXLENGTH) {
            return (char) (flag | JGINFLAG_HASHED) + String.format("%08x", JsonbPathHash.hashBytes(b));
        }
        return (char) flag + s;
    }

    /** gin_extract_jsonb_query. */
    @Override
    public Query extractQuery(Object query, int strategy, int keyType) {
        switch (strategy) {
            case CONTAINS -> {
                List<Object> e = extractValue(query, keyType);
                return new Query(e, e.isEmpty() ? SearchMode.ALL : SearchMode.DEFAULT);
            }
            case EXISTS -> {
                return new Query(List.of(textKey(JGINFLAG_KEY, (String) query)), SearchMode.DEFAULT);
            }
            case EXISTS_ANY, EXISTS_ALL -> {
                List<Object> e = new ArrayList<>();
                for (Object k : ArrayValue.of(query, TEXT).elementList()) if (k != null) e.add(textKey(JGINFLAG_KEY, (String) k));
                // ?& with no keys is true of every row; ?| with none of none
                return new Query(e, strategy == EXISTS_ALL && e.isEmpty() ? SearchMode.ALL : SearchMode.DEFAULT);
            }
            case JSONPATH_EXISTS, JSONPATH_MATCH -> {
                return new Query(List.of(), SearchMode.ALL);
            }
            default -> throw new IllegalArgumentException("unrecognized strategy number: " + strategy);
        }
    }

    /** gin_consistent_jsonb: all keys for @> and ?&, any for ? and ?| (the row was found through one). */
    @Override
    public boolean consistent(boolean[] check, int strategy, Query query) {
        if (strategy == CONTAINS || strategy == EXISTS_ALL || strategy == EXISTS) {
            for (boolean c : check) if (!c) return false;
        }
        return true;
    }
}
