package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** The json/jsonb set-returning functions, with PostgreSQL 15's results and messages. */
class JsonSetsTest {
    private static List<String> rows(Iterator<Object> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(r -> out.add(r instanceof Object[] a ? Arrays.toString(a) : String.valueOf(r)));
        return out;
    }

    @Test
    void jsonEachKeepsDocumentOrderDuplicatesAndSpelling() {
        assertEquals(List.of("[b, 1]", "[a, [1, 2]]", "[b, \"z\"]"), rows(JsonSets.jsonEach("{\"b\":1, \"a\" : [1, 2], \"b\":\"z\"}", false)));
        assertEquals(List.of("[a, q\"x]", "[n, null]"), rows(JsonSets.jsonEach("{\"a\":\"q\\\"x\", \"n\": null}", true)));
        assertEquals(List.of("1", "a", "null"), rows(JsonSets.jsonArrayElements("[1, \"a\", null]", true)));
        assertEquals(List.of("1", "\"a\"", "{\"x\" : [1]}"), rows(JsonSets.jsonArrayElements(" [1, \"a\" , {\"x\" : [1]}] ", false)));
        assertEquals(List.of(), rows(JsonSets.jsonObjectKeys("{}")));
    }

    @Test
    void jsonbEachUsesJsonbKeyOrder() {
        assertEquals(List.of("[a, [1, 2]]", "[b, 1]"), rows(JsonSets.jsonbEach(JsonbIO.jsonbIn("{\"b\": 1, \"a\": [1, 2]}"), false)));
        assertEquals(List.of("b", "aa"), rows(JsonSets.jsonbObjectKeys(JsonbIO.jsonbIn("{\"aa\": 1, \"b\": 2}"))));
    }

    @Test
    void wrongShapesAreRefusedWithPostgresMessages() {
        assertEquals("cannot call jsonb_each on a non-object",
                assertThrows(PgException.class, () -> JsonSets.jsonbEach(JsonbIO.jsonbIn("[1]"), false)).getMessage());
        assertEquals("cannot call jsonb_object_keys on an array",
                assertThrows(PgException.class, () -> JsonSets.jsonbObjectKeys(JsonbIO.jsonbIn("[1]"))).getMessage());
        assertEquals("cannot extract elements from an object",
                assertThrows(PgException.class, () -> JsonSets.jsonbArrayElements(JsonbIO.jsonbIn("{}"), false)).getMessage());
        assertEquals("cannot deconstruct an array as an object",
                assertThrows(PgException.class, () -> JsonSets.jsonEach("[1]", false)).getMessage());
        assertEquals("cannot deconstruct a scalar", assertThrows(PgException.class, () -> JsonSets.jsonEach("1", false)).getMessage());
        assertEquals("cannot call json_array_elements on a non-array",
                assertThrows(PgException.class, () -> JsonSets.jsonArrayElements("{}", false)).getMessage());
        assertEquals("cannot call json_array_elements_text on a scalar",
                assertThrows(PgException.class, () -> JsonSets.jsonArrayElements("1", true)).getMessage());
    }
}
