package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** json/jsonb input and output and the jsonb operators, as PostgreSQL 15 shows them. */
class JsonbIOTest {
    private static String jb(String s) { return JsonbIO.out(JsonbIO.jsonbIn(s), false); }

    private static Object root(String s) { return JsonbIO.jsonbIn(s).root(); }

    @Test
    void jsonbNormalisesKeysAndKeepsNumbersAsNumeric() {
        assertEquals("{\"a\": 2, \"bb\": [1, 2.50, true, null, \"x\\\"y\"]}", jb("{\"bb\":[1,2.50,true,null,\"x\\\"y\"],\"a\":1,\"a\":2}"));
        assertEquals("{\"b\": 1, \"aa\": 2}", jb("{\"aa\":2,\"b\":1}"));
        assertEquals("100", jb("1e2"));
        assertEquals("\"\\u0001\"", jb("\"\\u0001\""));
        assertEquals("\"é\"", jb("\"\\u00e9\""));
    }

    @Test
    void jsonKeepsTheTextAsGiven() {
        assertEquals("{\"b\":1,  \"a\" : 2}", JsonbIO.jsonIn("{\"b\":1,  \"a\" : 2}"));
    }

    private static PgException bad(String s) {
        return assertThrows(PgException.class, () -> JsonbIO.jsonbIn(s));
    }

    @Test
    void errorsCarryPostgreSQLsDetailAndContext() {
        PgException e = bad("{\"abc\"=1}");
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type json", e.getMessage());
        assertEquals("Token \"=\" is invalid.", e.detail());
        assertEquals("JSON data, line 1: {\"abc\"=...", e.context());
        assertEquals("Token \"1.3ex100\" is invalid.", bad("1.3ex100").detail());
        assertEquals("The input string ended unexpectedly.", bad("[1,2").detail());
        assertEquals("JSON data, line 1: [1,2", bad("[1,2").context());
        assertEquals("Expected \":\", but found \",\".", bad("{\"abc\",1}").detail());
        assertEquals("Expected JSON value, but found \"]\".", bad("[1,2,]").detail());
        assertEquals("Escape sequence \"\\v\" is invalid.", bad("\"\\v\"").detail());
        assertEquals("22P05", bad("\"\\u0000\"").sqlState());
        assertEquals("54001", bad("[".repeat(5000)).sqlState());
        // an unescaped control character is left out of the context, which then ends its line
        assertEquals("JSON data, line 1: \"abc", bad("\"abc\ndef\"").context());
        // a long line shows its last 49 bytes (whole characters), after "..."
        String name = "\"" + "very".repeat(20) + "long\":}";
        assertEquals("JSON data, line 1: ..." + name.substring(name.length() - 49), bad("{" + name).context());
    }

    @Test
    void prettyPrinting() {
        assertEquals("{\n    \"a\": [\n        1\n    ],\n    \"b\": {\n    }\n}".replace("{\n    }", "{}"),
                JsonbIO.out(JsonbIO.jsonbIn("{\"b\":{},\"a\":[1]}"), true));
    }

    @Test
    void accessAndContainment() {
        Object r = root("{\"a\":{\"b\":[1,\"x\"]},\"c\":null}");
        assertEquals("x", JsonFuncs.text(JsonFuncs.path(r, List.of("a", "b", "1"))));
        assertEquals("x", JsonFuncs.text(JsonFuncs.element(JsonFuncs.path(r, List.of("a", "b")), -1)));
        assertNull(JsonFuncs.text(JsonFuncs.field(r, "c")));
        assertTrue(JsonFuncs.contains(r, root("{\"a\":{\"b\":[\"x\"]}}")));
        assertFalse(JsonFuncs.contains(r, root("{\"a\":{\"b\":\"x\"}}")));
        assertTrue(JsonFuncs.contains(root("[1,2,[3]]"), root("2")));
        assertTrue(JsonFuncs.exists(root("[\"a\",1]"), "a"));
    }

    @Test
    void modification() {
        assertEquals("{\"a\": 1, \"b\": 2}", JsonbIO.nodeText(JsonFuncs.concat(root("{\"a\":1}"), root("{\"b\":2}"))));
        assertEquals("[1, 2, 3]", JsonbIO.nodeText(JsonFuncs.concat(root("[1,2]"), root("3"))));
        assertEquals("{\"a\": [\"x\", 2]}", JsonbIO.nodeText(JsonFuncs.set(root("{\"a\":[1,2]}"), List.of("a", "0"), "x", true)));
        assertEquals("[1, 9, 2]", JsonbIO.nodeText(JsonFuncs.insert(root("[1,2]"), List.of("1"), root("9"), false)));
        assertEquals("{\"a\": {}}", JsonbIO.nodeText(JsonFuncs.deletePath(root("{\"a\":{\"b\":1}}"), List.of("a", "b"))));
        assertEquals("{\"b\": [null]}", JsonbIO.nodeText(JsonFuncs.stripNulls(root("{\"a\":null,\"b\":[null]}"))));
        assertEquals("22023", assertThrows(PgException.class, () -> JsonFuncs.deleteKey(root("1"), "a")).sqlState());
    }

    @Test
    void ordering() {
        assertTrue(JsonbIO.jsonbIn("[]").compareTo(JsonbIO.jsonbIn("null")) < 0);
        assertTrue(JsonbIO.jsonbIn("1").compareTo(JsonbIO.jsonbIn("[1]")) < 0);
        assertTrue(JsonbIO.jsonbIn("{\"a\":1}").compareTo(JsonbIO.jsonbIn("[1,2]")) > 0);
        assertEquals(JsonbIO.jsonbIn("1.0"), JsonbIO.jsonbIn("1"));
        // keys compare as strings, in storage order (shorter keys first): "age" < "p", and the
        // second pair of {"b":1,"aa":2} is "aa" (stored after "b")
        assertTrue(JsonbIO.jsonbIn("{\"age\":25}").compareTo(JsonbIO.jsonbIn("{\"p\":1}")) < 0);
        assertTrue(JsonbIO.jsonbIn("{\"fool\":{\"bar\":1}}").compareTo(JsonbIO.jsonbIn("{\"p\":1}")) < 0);
        assertTrue(JsonbIO.jsonbIn("{\"b\":1,\"aa\":2}").compareTo(JsonbIO.jsonbIn("{\"a\":1,\"bb\":2}")) > 0);
    }
}
