package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** json's path operators return slices of the input text, as jsonfuncs.c's get_worker does. */
class JsonTextPathTest {
    private static final String DOC = "{\"f2\":{\"f3\":1},\"f4\":{\"f5\":99,\"f6\":\"stringy\"}}";

    @Test
    void containersComeBackAsWritten() {
        assertEquals("{\"f3\":1}", JsonTextPath.field(DOC, "f2", false));
        assertEquals("{\"b\":{\"c\": \"foo\"}}", JsonTextPath.field("{\"a\": {\"b\":{\"c\": \"foo\"}} }", "a", false));
        assertEquals("[1,2,3]", JsonTextPath.element("[0, [1,2,3] ]", 1, false));
    }

    @Test
    void emptyPathIsTheWholeValue() {
        assertEquals("{\"a\": {\"b\":{\"c\": \"foo\"}}}", JsonTextPath.path(" {\"a\": {\"b\":{\"c\": \"foo\"}}} ", List.of(), false));
        assertEquals("foo", JsonTextPath.path("\"foo\"", List.of(), true));
        assertEquals("\"foo\"", JsonTextPath.path("\"foo\"", List.of(), false));
        assertNull(JsonTextPath.path("null", List.of(), true));
        assertEquals("null", JsonTextPath.path("null", List.of(), false));
    }

    @Test
    void asTextDeEscapesStringsAndMapsNullToSqlNull() {
        assertEquals("stringy", JsonTextPath.path(DOC, List.of("f4", "f6"), true));
        assertEquals("\"stringy\"", JsonTextPath.path(DOC, List.of("f4", "f6"), false));
        assertEquals("a\"b\u00e9", JsonTextPath.field("{\"k\": \"a\\\"b\\u00e9\"}", "k", true));
        assertNull(JsonTextPath.field("{\"k\": null}", "k", true));
        assertEquals("null", JsonTextPath.field("{\"k\": null}", "k", false));
        assertEquals("1.50e2", JsonTextPath.field("{\"k\": 1.50e2}", "k", true));
    }

    @Test
    void subscriptsAndMisses() {
        String arr = "[1,2,3,{\"f1\":9}]";
        assertEquals("{\"f1\":9}", JsonTextPath.element(arr, -1, false));
        assertEquals("1", JsonTextPath.element(arr, -4, false));
        assertNull(JsonTextPath.element(arr, -5, false));
        assertNull(JsonTextPath.element(arr, 4, false));
        assertNull(JsonTextPath.field(arr, "0", false));
        assertNull(JsonTextPath.element("{\"0\": 1}", 0, false));
        assertEquals("9", JsonTextPath.path(arr, List.of(" +3", "f1"), false));
        assertNull(JsonTextPath.path(arr, List.of("x"), false));
        assertNull(JsonTextPath.path(DOC, Arrays.asList("f2", null), false));
        assertNull(JsonTextPath.path("3", List.of("a"), false));
    }

    @Test
    void aRepeatedKeyGivesTheLastValueFound() {
        assertEquals("2", JsonTextPath.field("{\"a\":1, \"a\":2}", "a", false));
        assertEquals("1", JsonTextPath.path("{\"a\":{\"b\":1}, \"a\":{\"c\":2}}", List.of("a", "b"), false));
    }

    @Test
    void stripNullsKeepsTokensAndDropsWhitespace() {
        assertEquals("[1,2,null,3,4]", JsonTextStripNulls.strip("[1,2,null,3,4]"));
        assertEquals("{\"a\":1,\"c\":[2,null,3],\"d\":{\"e\":4}}",
                JsonTextStripNulls.strip("{\"a\":1,\"b\":null,\"c\":[2,null,3],\"d\":{\"e\":4,\"f\":null}}"));
        assertEquals("{\"a\":{},\"d\":{}}", JsonTextStripNulls.strip("{\"a\": {\"b\": null, \"c\": null}, \"d\": {} }"));
        // escape_json writes the de-escaped string back: é as itself, a newline as \n
        assertEquals("{\"x\":1.0e1,\"y\":\"\u00e9\\n\"}", JsonTextStripNulls.strip("{ \"n\" : null , \"x\" : 1.0e1, \"y\": \"\\u00e9\\n\"}"));
    }
}
