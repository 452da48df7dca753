package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/**
 * json[b]_populate_record's field population and json_object's array checks, with PostgreSQL
 * 15's results and messages. The types are a small fixed set: type 1 a composite (a text,
 * b int4, c int4[]), 2 a domain over int4 that refuses NULL.
 */
class JsonPopulateTest {
    private static final int COMP = 1, NOT_NULL_INT = 2, INT4 = 23, TEXT = 25, INT4_ARRAY = 1007;

    /** The catalog facts of the test types; int4 and text read with their own input rules. */
    private static final JsonPopulate.Types TYPES = new JsonPopulate.Types() {
        public JsonPopulate.Category category(int t) {
            return switch (t) {
                case COMP -> JsonPopulate.Category.COMPOSITE;
                case NOT_NULL_INT -> JsonPopulate.Category.DOMAIN;
                case INT4_ARRAY -> JsonPopulate.Category.ARRAY;
                default -> JsonPopulate.Category.SCALAR;
            };
        }

        public int elementType(int t) { return INT4; }

        public int domainBase(int t) { return INT4; }

        public void domainCheck(int t, Object v) {
            if (v == null) throw PgException.error("23502", "domain d does not allow null values");
        }

        public List<String> columnNames(int t) { return t == COMP ? List.of("a", "b", "c") : List.of("i"); }

        public List<Integer> columnTypes(int t) { return t == COMP ? List.of(TEXT, INT4, INT4_ARRAY) : List.of(NOT_NULL_INT); }

        public List<Integer> columnTypmods(int t) { return t == COMP ? List.of(-1, -1, -1) : List.of(-1); }

        public Object input(int t, int typmod, String s) {
            if (t == INT4) return Integer.valueOf(s);
            return s;
        }
    };

    @Test
    void jsonAndJsonbFillTheColumnsByName() {
        RecordValue r = new JsonPopulate(TYPES, true).record(COMP, null, "{\"a\": \"x\\\"y\", \"b\": 3, \"z\": 1, \"b\": 4}");
        assertEquals(List.of("x\"y", 4), r.values().subList(0, 2));
        assertNull(r.get(2));
        RecordValue base = new RecordValue(COMP, List.of(TEXT, INT4, INT4_ARRAY), java.util.Arrays.asList("k", 9, null));
        RecordValue j = new JsonPopulate(TYPES, false).record(COMP, base, JsonbIO.jsonbIn("{\"c\": [[1, 2], [3, 4]]}"));
        assertEquals("k", j.get(0));
        assertEquals(9, j.get(1));
        ArrayValue c = (ArrayValue) j.get(2);
        assertArrayEquals(new int[] {2, 2}, c.dims());
        assertEquals(List.of(1, 2, 3, 4), c.elementList());
    }

    @Test
    void arraysMustNestEvenly() {
        JsonPopulate p = new JsonPopulate(TYPES, false);
        PgException e = assertThrows(PgException.class, () -> p.record(COMP, null, JsonbIO.jsonbIn("{\"c\": [[1], 2]}")));
        assertEquals("expected JSON array", e.getMessage());
        assertEquals("See the array element [1] of key \"c\".", e.hint());
        e = assertThrows(PgException.class, () -> p.record(COMP, null, JsonbIO.jsonbIn("{\"c\": 5}")));
        assertEquals("See the value of key \"c\".", e.hint());
        e = assertThrows(PgException.class, () -> p.record(COMP, null, JsonbIO.jsonbIn("{\"c\": [[1], [2, 3]]}")));
        assertEquals("malformed JSON array", e.getMessage());
        e = assertThrows(PgException.class, () -> new JsonPopulate(TYPES, true).record(COMP, null, "[1]"));
        assertEquals("cannot call populate_composite on an array", e.getMessage());
    }

    @Test
    void domainsAreCheckedEvenForAbsentKeys() {
        PgException e = assertThrows(PgException.class, () -> new JsonPopulate(TYPES, true).record(3, null, "{\"x\": 1}"));
        assertEquals("domain d does not allow null values", e.getMessage());
        assertEquals(12, new JsonPopulate(TYPES, true).record(3, null, "{\"i\": 12}").get(0));
    }

    @Test
    void recordsetNeedsAnArrayOfObjects() {
        JsonPopulate p = new JsonPopulate(TYPES, false);
        PgException e = assertThrows(PgException.class, () -> p.recordsetElements(JsonbIO.jsonbIn("[1]"), "f"));
        assertEquals("argument of f must be an array of objects", e.getMessage());
        e = assertThrows(PgException.class, () -> p.recordsetElements(JsonbIO.jsonbIn("{}"), "f"));
        assertEquals("cannot call f on a non-array", e.getMessage());
    }

    @Test
    void jsonObjectFromArrays() {
        ArrayValue flat = new ArrayValue(TEXT, new int[] {4}, new int[] {1}, new Object[] {"a", "1", "b", null});
        assertEquals("{\"a\" : \"1\", \"b\" : null}", JsonObjectArrays.jsonText(JsonObjectArrays.pairs(flat)));
        ArrayValue odd = new ArrayValue(TEXT, new int[] {3}, new int[] {1}, new Object[] {"a", "1", "b"});
        assertEquals("array must have even number of elements",
                assertThrows(PgException.class, () -> JsonObjectArrays.pairs(odd)).getMessage());
        ArrayValue keys = new ArrayValue(TEXT, new int[] {2}, new int[] {1}, new Object[] {"a", null});
        assertEquals("null value not allowed for object key",
                assertThrows(PgException.class, () -> JsonObjectArrays.pairs(keys, keys)).getMessage());
        assertEquals("{\"a\": \"3\"}", JsonObjectArrays.jsonb(JsonObjectArrays.pairs(
                new ArrayValue(TEXT, new int[] {4}, new int[] {1}, new Object[] {"a", "1", "a", "3"}))).toString());
    }
}
