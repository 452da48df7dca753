package org.tusk.utils.adt.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.JsonbIO;
import org.tusk.utils.adt.jsonpath.JsonPathExecutor.Result;
import org.tusk.utils.error.PgException;

/** jsonpath evaluation: cases and answers of PostgreSQL 15's jsonb_jsonpath.sql. */
class JsonPathExecutorTest {
    private static Object json(String s) { return JsonbIO.jsonbIn(s).root(); }

    /** jsonb_path_query: the items, each as jsonb text, comma-separated. */
    private static String query(String target, String path, String vars, boolean silent) {
        List<Object> found = new ArrayList<>();
        JsonPathExecutor.execute(JsonPath.in(path), vars == null ? null : json(vars), json(target), !silent, found);
        return found.stream().map(JsonbIO::nodeText).collect(Collectors.joining(", "));
    }

    private static String query(String target, String path) { return query(target, path, "{}", false); }

    /** jsonb @? jsonpath: true, false or null (an error suppressed). */
    private static Boolean exists(String target, String path) {
        Result r = JsonPathExecutor.execute(JsonPath.in(path), null, json(target), false, null);
        return r == Result.ERROR ? null : r == Result.OK;
    }

    private static PgException error(String target, String path) {
        return assertThrows(PgException.class, () -> query(target, path));
    }

    @Test
    void laxModeWrapsAndUnwrapsStrictModeComplains() {
        assertEquals("", query("1", "lax $.a"));
        assertEquals("jsonpath member accessor can only be applied to an object", error("1", "strict $.a").getMessage());
        assertEquals("2203A", error("{}", "strict $.a").sqlState());
        assertEquals("", query("1", "strict $.a", "{}", true));
        assertEquals("13", query("[12, {\"a\": 13}, {\"b\": 14}]", "lax $[*].a"));
        assertEquals("1", query("1", "lax $[0]"));
        assertEquals("1", query("1", "lax $[*]"));
        assertEquals("jsonpath wildcard array accessor can only be applied to an array", error("1", "strict $[*]").getMessage());
        assertEquals("jsonpath array subscript is out of bounds", error("[]", "strict $[1]").getMessage());
        assertEquals("jsonpath array subscript is out of integer range", error("[1]", "strict $[10000000000000000]").getMessage());
        assertEquals(null, exists("[1]", "lax $[10000000000000000]"));
        assertEquals(null, exists("[1]", "strict $[1]"));
    }

    @Test
    void subscriptsRangesAndLast() {
        assertEquals("13", query("[12, {\"a\": 13}, {\"b\": 14}]", "lax $[0 to 10].a"));
        assertEquals("{\"a\": 13}, {\"b\": 14}, \"ccc\"", query("[12, {\"a\": 13}, {\"b\": 14}, \"ccc\", true]", "$[2.5 - 1 to $.size() - 2]"));
        assertEquals("3", query("[1,2,3]", "$[last]"));
        assertEquals("2", query("[1,2,3]", "$[last - 1]"));
        assertEquals("", query("[]", "$[last]"));
        assertEquals("jsonpath array subscript is not a single numeric value",
                error("[1,2,3]", "$[last ? (@.type() == \"string\")]").getMessage());
        assertEquals(true, exists("[1]", "$[0.9]"));
        assertEquals(false, exists("[1]", "$[1.2]"));
    }

    @Test
    void anyLevelsAndWildcards() {
        assertEquals("{\"a\": {\"b\": 1}}, {\"b\": 1}, 1", query("{\"a\": {\"b\": 1}}", "lax $.**"));
        assertEquals("{\"b\": 1}", query("{\"a\": {\"b\": 1}}", "lax $.**{1}"));
        assertEquals("1", query("{\"a\": {\"b\": 1}}", "lax $.**{last}"));
        assertEquals("1", query("{\"a\": {\"c\": {\"b\": 1}}}", "lax $.**{2 to 3}.b ? (@ > 0)"));
        assertEquals(false, exists("{\"a\": {\"c\": {\"b\": 1}}}", "$.**{0}.b ? ( @ > 0)"));
        assertEquals("12, {\"a\": 13}", query("{\"a\": 12, \"b\": {\"a\": 13}}", "$.*"));
    }

    @Test
    void filtersUseThreeValuedLogic() {
        assertEquals(true, exists("{\"a\": [1,2,3], \"b\": [3,4,\"5\"]}", "$ ? (@.a[*] >= @.b[*])"));
        assertEquals(false, exists("{\"a\": [1,2,3], \"b\": [3,4,\"5\"]}", "strict $ ? (@.a[*] >= @.b[*])"));
        assertEquals(true, exists("1", "$ ? ((@ == \"1\") is unknown)"));
        assertEquals("1, \"2\"", query("[1, \"2\", null]", "$[*] ? (@ != null)"));
        assertEquals("null", query("[1, \"2\", null]", "$[*] ? (@ == null)"));
        assertEquals("", query("{}", "$ ? (@ == @)"));
        assertEquals("{\"x\": 2}", query("{\"g\": [{\"x\": 2}, {\"y\": 3}]}", "strict $.g[*] ? (exists (@.x))"));
        assertEquals("[{\"x\": 2}, {\"y\": 3}]", query("{\"g\": [{\"x\": 2}, {\"y\": 3}]}", "strict $.g ? ((exists (@[*].x)) is unknown)"));
        assertEquals("0", query("[1,2,0,3]", "$[*] ? ((2 / @ > 0) is unknown)"));
        assertEquals("10", query("{\"a\": 10}", "$.a ? (@ < $value)", "{\"value\" : 13}", false));
        assertEquals("\"abc\", \"abcabc\"", query("[\"\", \"a\", \"abc\", \"abcabc\"]", "$[*] ? (@ starts with \"abc\")"));
        assertEquals("\"abc\", \"abdacb\"", query("[null, 1, \"abc\", \"abd\", \"aBdC\", \"abdacb\", \"babc\", \"adc\\nabc\", \"ab\\nadc\"]",
                "lax $[*] ? (@ like_regex \"^ab.*c\")"));
        assertEquals("\"abc\", \"abdacb\", \"adc\\nabc\"", query("[null, 1, \"abc\", \"abd\", \"aBdC\", \"abdacb\", \"babc\", \"adc\\nabc\", \"ab\\nadc\"]",
                "lax $[*] ? (@ like_regex \"^ab.*c\" flag \"m\")"));
        assertEquals("\"a\\\\b\", \"^a\\\\b$\"", query("[null, 1, \"a\\b\", \"a\\\\b\", \"^a\\\\b$\"]", "lax $[*] ? (@ like_regex \"a\\\\b\" flag \"q\")"));
    }

    @Test
    void arithmeticAndItsErrors() {
        assertEquals("6", query("{\"a\": [2]}", "lax $.a * 3"));
        assertEquals("-2, -3, -4", query("{\"a\": [2, 3, 4]}", "lax -$.a"));
        assertEquals("13", query("{\"a\": 2}", "($.a - 5).abs() + 10"));
        assertEquals("-1.7", query("{\"a\": 2.5}", "-($.a * $.a).floor() % 4.3"));
        assertEquals("division by zero", error("0", "1 / $").getMessage());
        PgException e = error("1", "$ + \"2\"");
        assertEquals("right operand of jsonpath operator + is not a single numeric value", e.getMessage());
        assertEquals("22038", e.sqlState());
        assertEquals("left operand of jsonpath operator * is not a single numeric value", error("{\"a\": [1, 2]}", "lax $.a * 3").getMessage());
        assertEquals("operand of unary jsonpath operator - is not a numeric value", error("\"a\"", "-$").getMessage());
        assertEquals(true, exists("[\"1\",2,0,3]", "-$[*]"));
        assertEquals(null, exists("[\"1\",2,0,3]", "strict -$[*]"));
    }

    @Test
    void itemMethods() {
        assertEquals("\"array\"", query("[null,1,true,\"a\",[],{}]", "$.type()"));
        assertEquals("\"null\", \"number\", \"boolean\", \"string\", \"array\", \"object\"", query("[null,1,true,\"a\",[],{}]", "$[*].type()"));
        assertEquals("1, 1, 1, 1, 0, 1, 3, 1, 1", query("[1,null,true,\"11\",[],[1],[1,2,3],{},{\"a\":1,\"b\":2}]", "lax $[*].size()"));
        assertEquals("jsonpath item method .size() can only be applied to an array",
                error("[1,null,true,\"11\",[],[1],[1,2,3],{},{\"a\":1,\"b\":2}]", "strict $[*].size()").getMessage());
        assertEquals("0, 1, -2, -4, 5", query("[0, 1, -2, -3.4, 5.6]", "$[*].floor()"));
        assertEquals("0, 1, 2, 3, 6", query("[0, 1, -2, -3.4, 5.6]", "$[*].ceiling().abs()"));
        assertEquals("1.23", query("\"1.23\"", "$.double()"));
        assertEquals("string argument of jsonpath item method .double() is not a valid representation of a double precision number",
                error("\"inf\"", "$.double()").getMessage());
        assertEquals("jsonpath item method .double() can only be applied to a string or numeric value", error("true", "$.double()").getMessage());
        assertEquals("{\"id\": 0, \"key\": \"a\", \"value\": 1}, {\"id\": 0, \"key\": \"b\", \"value\": [1, 2]}, {\"id\": 0, \"key\": \"c\", \"value\": {\"a\": \"bbb\"}}",
                query("{\"a\": 1, \"b\": [1, 2], \"c\": {\"a\": \"bbb\"}}", "$.keyvalue()"));
        assertEquals("{\"id\": 12, \"key\": \"a\", \"value\": 1}, {\"id\": 12, \"key\": \"b\", \"value\": [1, 2]}, {\"id\": 72, \"key\": \"c\", \"value\": {\"a\": \"bbb\"}}",
                query("[{\"a\": 1, \"b\": [1, 2]}, {\"c\": {\"a\": \"bbb\"}}]", "$[*].keyvalue()"));
        assertEquals("jsonpath item method .keyvalue() can only be applied to an object", error("[{},1]", "$[*].keyvalue()").getMessage());
    }

    @Test
    void predicatesAsValuesAndVariables() {
        assertEquals("true", query("2", "$ > 1"));
        assertEquals("null", query("2", "$ == \"2\""));
        assertEquals(true, exists("2", "$ == \"2\""));
        assertEquals("\"boolean\"", query("[1, 2, 3]", "($[*] > 3).type()"));
        assertEquals("\"null\"", query("[1, 2, 3]", "strict ($[*].a > 3).type()"));
        PgException missing = error("{\"a\": 10}", "$ ? (@.a < $value)");
        assertEquals("could not find jsonpath variable \"value\"", missing.getMessage());
        PgException notObject = assertThrows(PgException.class, () -> query("{\"a\": 10}", "$ ? (@.a < $value)", "1", false));
        assertEquals("\"vars\" argument is not an object", notObject.getMessage());
        assertEquals("{\"a\": 10}", query("{\"a\": 10}", "$ ? (@.a < $value)", "{\"value\" : 13}", false));
    }
}
