package org.tusk.utils.adt.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** jsonpath input and output: the canonical texts and errors PostgreSQL 15's jsonpath.sql shows. */
class JsonPathParserTest {
    private static String rt(String in) { return JsonPath.in(in).out(); }

    private static PgException err(String in) { return assertThrows(PgException.class, () -> JsonPath.in(in)); }

    @Test
    void accessorsPrintQuotedKeysAndTheirLevels() {
        assertEquals("$", rt("$"));
        assertEquals("strict $", rt("strict $"));
        assertEquals("$", rt("lax $"));
        assertEquals("$.\"a\".\"v\"", rt("$.a.v"));
        assertEquals("$.*[*]", rt("$.*[*]"));
        assertEquals("$[*][0].\"a\".\"b\"", rt("$[*][0].a.b"));
        assertEquals("$.\"a\".**.\"b\"", rt("$.a.**.b"));
        assertEquals("$.\"a\".**{2}.\"b\"", rt("$.a.**{2 to 2}.b"));
        assertEquals("$.\"a\".**{5 to last}.\"b\"", rt("$.a.**{5 to last}.b"));
        assertEquals("$.\"a\".**{last to 5}.\"b\"", rt("$.a.**{last to 5}.b"));
        assertEquals("$.\"a\"[1,2,3 to 16]", rt("$.a[1,2, 3 to 16]"));
        assertEquals("$.\"a\"[$\"a\" + 1,$\"b\"[*] to -($[0] * 2)]", rt("$.a[$a + 1, ($b[*]) to -($[0] * 2)]"));
        assertEquals("$.\"a\".type()", rt("$.a.TYPE()"));
        assertEquals("$.datetime(\"HH24\").keyvalue().\"key\"", rt("$.datetime(\"HH24\").keyvalue().key"));
        assertEquals("$.\"is\".\"to\".\"lax\"", rt("$.is.to.lax"));
    }

    @Test
    void operatorsAreParenthesisedByPriority() {
        assertEquals("($ + 1)", rt("$+1"));
        assertEquals("($ - -1)", rt("$--+1"));
        assertEquals("(1 * 2 + 4 % -3 != false)", rt("1 * 2 + 4 % -3 != false"));
        assertEquals("((1 + 2 * 3) - (4 - 5))", rt("1 + 2 * 3 - (4 - 5)"));
        assertEquals("(-(1 + 2))", rt("- (1 + 2)"));
        assertEquals("$.\"g\"?(@.\"a\" == 1 || !(@.\"x\" >= 123 || @.\"a\" == 4) && @.\"b\" == 7)",
                rt("$.g ? (@.a == 1 || !(@.x >= 123 || @.a == 4) && @.b == 7)"));
        assertEquals("$.\"g\"?((@.\"x\" >= 123 || @.\"a\" == 4) is unknown)", rt("$.g ? ((@.x >= 123 || @.a == 4) is unknown)"));
        assertEquals("$.\"g\"?(exists (@.\"x\"?(@ == 14)))", rt("$.g ? (exists (@.x ? (@ == 14)))"));
        assertEquals("$.\"g\"?(+@.\"x\" >= +(-(+@.\"a\" + 2)))", rt("$.g ? (+@.x >= +-(+@.a + 2))"));
        assertEquals("(($ + 1).\"a\" + (2).\"b\"?(@ > 1 || exists (@.\"c\")))",
                rt("((($ + 1)).a + ((2)).b ? ((((@ > 1)) || (exists(@.c)))))"));
        assertEquals("($ < 1 || $.\"a\".\"b\" <= $\"x\")", rt("($ < 1) || $.a.b <= $x"));
        assertEquals("(1 + ($.\"a\".\"b\" > 2).\"c\".\"d\")", rt("1 + ($.a.b > 2).c.d"));
        assertEquals("$?(@ like_regex \"pattern\" flag \"ism\")", rt("$ ? (@ like_regex \"pattern\" flag \"isim\")"));
        assertEquals("$?(@ starts with $\"var\")", rt("$ ? (@ starts with $var)"));
    }

    @Test
    void numbersAreNumericLiteralsAndSignsFoldIntoThem() {
        assertEquals("(1).type()", rt("(1).type()"));
        assertEquals("trailing junk after numeric literal at or near \"1.t\" of jsonpath input", err("1.type()").getMessage());
        assertEquals("(1.2).\"e\"", rt("1.2.e"));
        assertEquals("(1).\"e\"", rt("1..e"));
        assertEquals("1000", rt("1.e3"));
        assertEquals("(1000).\"e\"", rt("1.e3.e"));
        assertEquals("$?(@.\"a\" < -0.1)", rt("$ ? (@.a < -.1)"));
        assertEquals("$?(@.\"a\" < 1.01)", rt("$ ? (@.a < +10.1e-1)"));
        assertEquals("0.10", rt("0.0010e+2"));
        assertEquals("0", rt("0.000e3"));
    }

    @Test
    void stringsDecodeEscapesAndPrintAsJson() {
        assertEquals("\"\\b\\f\\r\\n\\t\\u000b\\\"'\\\\\"", rt("\"\\b\\f\\r\\n\\t\\v\\\"'\\\\\""));
        assertEquals("\"PgSQL\"", rt("\"\\x50\\u0067\\u{53}\\u{051}\\u{00004C}\""));
        assertEquals("$.\"fooPgSQL\\t\\\"bar\"", rt("$.foo\\x50\\u0067\\u{53}\\u{051}\\u{00004C}\\t\\\"bar"));
        assertEquals("\"z\"", rt("\"\\z\""));
        assertEquals("$\"a b\"", rt("$\"a b\""));
    }

    @Test
    void syntaxErrorsNameTheTokenAsBisonSeesIt() {
        assertEquals("invalid input syntax for type jsonpath: \"\"", err("").getMessage());
        assertEquals("trailing junk after numeric literal at or near \"00\" of jsonpath input", err("00").getMessage());
        assertEquals("trailing junk after numeric literal at or near \"1.t\" of jsonpath input", err("-1.type()").getMessage());
        assertEquals("invalid numeric literal at or near \"1e+\" of jsonpath input", err("1e+").getMessage());
        assertEquals("syntax error at end of jsonpath input", err("$ ? (").getMessage());
        assertEquals("syntax error at or near \"$\" of jsonpath input", err("$ $").getMessage());
        assertEquals("syntax error at or near \"\"\" of jsonpath input", err("\"a\" \"b\"").getMessage());
        assertEquals("syntax error at or near \" \" of jsonpath input", err("strict lax $").getMessage());
        assertEquals("syntax error at end of jsonpath input", err("NULL").getMessage());
        assertEquals("syntax error at or near \".1\" of jsonpath input", err("$.1").getMessage());
        assertEquals("invalid unicode sequence at or near \"\\u12\" of jsonpath input", err("\"\\u12\"").getMessage());
        assertEquals("invalid hex character sequence at or near \"\\x5\" of jsonpath input", err("\"\\x5\"").getMessage());
        assertEquals("unexpected end of quoted string at end of jsonpath input", err("\"abc").getMessage());
        assertEquals("unexpected end of comment at end of jsonpath input", err("$.a /* c").getMessage());
        assertEquals("42601", err("$ $").sqlState());
    }

    @Test
    void semanticChecksOfTheParsedPath() {
        assertEquals("@ is not allowed in root expressions", err("@ + 1").getMessage());
        assertEquals("LAST is allowed only in array subscripts", err("last").getMessage());
        assertEquals("LAST is allowed only in array subscripts", err("$ ? (last > 0)").getMessage());
        assertEquals("$[$[0]?(last > 0)]", rt("$[$[0] ? (last > 0)]"));
        PgException flag = err("$ ? (@ like_regex \"pattern\" flag \"a\")");
        assertEquals("invalid input syntax for type jsonpath", flag.getMessage());
        assertEquals("Unrecognized flag character \"a\" in LIKE_REGEX predicate.", flag.detail());
        assertEquals("XQuery \"x\" flag (expanded regular expressions) is not implemented",
                err("$ ? (@ like_regex \"pattern\" flag \"xsms\")").getMessage());
        assertEquals("$?(@ like_regex \"pattern\" flag \"ismxq\")", rt("$ ? (@ like_regex \"pattern\" flag \"smixq\")"));
        assertEquals("22P05", err("\"\\u0000\"").sqlState());
    }
}
