package org.tusk.utils.adt;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A jsonb value (jsonb.h's JsonbValue tree). Nodes are: {@link #NULL} (JSON null), Boolean,
 * BigDecimal (every number, with its display scale), String, {@code List<Object>} (array) and
 * {@code TreeMap<String, Object>} ordered by {@link #KEY_ORDER} (object: keys unique, as
 * uniqueifyJsonbObject leaves them, the last duplicate winning). Trees are never changed after
 * construction; operations build new ones.
 *
 * <p>Ordering is compareJsonbContainers (jsonb_util.c): values of different kinds order
 * object &gt; array &gt; boolean &gt; number &gt; string &gt; null, except that an empty top-level array
 * sorts below everything; arrays compare by length first then element-wise, objects by pair
 * count then key/value pairs in storage order ({@link #KEY_ORDER}), each key compared as a
 * string (so {@code {"age": 25} < {"p": 1}}: same order of pairs, "age" sorts before "p").
 */
public final class Jsonb implements Comparable<Jsonb> {
    /** JSON null. */
    public enum Null { NULL; public String toString() { return "null"; } }

    public static final Null NULL = Null.NULL;

    /** lengthCompareJsonbString: shorter keys first, then bytewise (memcmp of the UTF-8). */
    public static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8), y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        return Arrays.compareUnsigned(x, y);
    };

    private final Object root;

    public Jsonb(Object root) {
        this.root = root;
    }

    public Object root() { return root; }

    public static TreeMap<String, Object> newObject() { return new TreeMap<>(KEY_ORDER); }

    /** JsonbTypeName of a node. */
    public static String typeName(Object v) {
        return switch (v) {
            case Null n -> "null";
            case Boolean b -> "boolean";
            case BigDecimal d -> "number";
            case String s -> "string";
            case List<?> l -> "array";
            case Map<?, ?> m -> "object";
            default -> throw new IllegalArgumentException("not a jsonb node: " + v);
        };
    }

    private static int kindRank(Object v) {
        return switch (v) {
            case Null n -> 0;
            case String s -> 1;
            case BigDecimal d -> 2;
            case Boolean b -> 3;
            case List<?> l -> 4;
            default -> 5;
        };
    }

    @Override
    public int compareTo(Jsonb o) {
        return compareNodes(root, o.root, true);
    }

    @SuppressWarnings("unchecked")
    static int compareNodes(Object a, Object b, boolean top) {
        if (top) {
            // a raw scalar is a one-element pseudo array: arrays (pseudo or not) compare by length
            // first, then a raw scalar sorts before a real array of the same length
            boolean sa = !(a instanceof List<?> || a instanceof Map<?, ?>), sb = !(b instanceof List<?> || b instanceof Map<?, ?>);
            if ((sa || a instanceof List<?>) && (sb || b instanceof List<?>) && !(sa && sb)) {
                int na = sa ? 1 : ((List<?>) a).size(), nb = sb ? 1 : ((List<?>) b).size();
                if (na != nb) return Integer.compare(na, nb);
                if (sa != sb) return sa ? -1 : 1;
            }
        }
        int ra = kindRank(a), rb = kindRank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        switch (a) {
            case Null n -> { return 0; }
            case String s -> { return Comparisons.compare(s, b); }
            case BigDecimal d -> { return d.compareTo((BigDecimal) b); }
            case Boolean x -> { return Boolean.compare(x, (Boolean) b); }
            case List<?> l -> {
                List<?> m = (List<?>) b;
                if (l.size() != m.size()) return Integer.compare(l.size(), m.size());
                for (int i = 0; i < l.size(); i++) {
                    int c = compareNodes(l.get(i), m.get(i), false);
                    if (c != 0) return c;
                }
                return 0;
            }
            default -> {
                Map<String, Object> x = (Map<String, Object>) a, y = (Map<String, Object>) b;
                if (x.size() != y.size()) return Integer.compare(x.size(), y.size());
                var ix = x.entrySet().iterator();
                var iy = y.entrySet().iterator();
                while (ix.hasNext()) {
                    var ex = ix.next();
                    var ey = iy.next();
                    // the keys come in storage order (KEY_ORDER), but compare as strings do
                    // (compareJsonbScalarValue's varstr_cmp), not shorter first
                    int c = Comparisons.compare(ex.getKey(), ey.getKey());
                    if (c != 0) return c;
                    c = compareNodes(ex.getValue(), ey.getValue(), false);
                    if (c != 0) return c;
                }
                return 0;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jsonb j && compareTo(j) == 0;
    }

    @Override
    public int hashCode() { return hash(root); }

    private static int hash(Object v) {
        return switch (v) {
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            case List<?> l -> {
                int h = 1;
                for (Object e : l) h = 31 * h + hash(e);
                yield h;
            }
            case Map<?, ?> m -> {
                int h = 7;
                for (var e : m.entrySet()) h = 31 * h + e.getKey().hashCode() * 17 + hash(e.getValue());
                yield h;
            }
            default -> v.hashCode();
        };
    }

    @Override
    public String toString() { return JsonbIO.out(this, false); }
}
