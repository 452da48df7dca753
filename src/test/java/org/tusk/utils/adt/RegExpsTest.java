package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

class RegExpsTest {
    @Test
    void areSyntaxDiffersFromJava() {
        assertTrue(RegExps.matches("abc", "^[[:alpha:]]+$", false));
        assertTrue(RegExps.matches("a]b", "[]]", false));
        assertTrue(RegExps.matches("foo bar", "\\mbar\\M", false));
        assertFalse(RegExps.matches("foobar", "\\mbar", false));
        assertTrue(RegExps.matches("a{b", "a{b", false)); // '{' not starting a bound is literal
        assertFalse(RegExps.matches("abc\n", "abc$", false)); // '$' only at the very end
        assertTrue(RegExps.matches("a\nb", "a.b", false)); // '.' matches newline by default
        assertTrue(RegExps.matches("ABC", "(?i)abc", false));
        assertTrue(RegExps.matches("a.c", "***=.", false));
        assertTrue(RegExps.matches("ABC", "abc", true));
    }

    @Test
    void invalidPatternsAndFlags() {
        PgException e = assertThrows(PgException.class, () -> RegExps.matches("x", "(a", false));
        assertEquals("2201B", e.sqlState());
        assertEquals("invalid regular expression: parentheses () not balanced", e.getMessage());
        e = assertThrows(PgException.class, () -> RegExps.replace("AAA aaa", "A+", "Z", "z"));
        assertEquals("invalid regular expression option: \"z\"", e.getMessage());
        e = assertThrows(PgException.class, () -> RegExps.replaceWithFlagsChecked("a", "a", "b", "1"));
        assertNotNull(e.hint());
        e = assertThrows(PgException.class, () -> RegExps.match("a", "a", "g"));
        assertEquals("regexp_match() does not support the \"global\" option", e.getMessage());
    }

    @Test
    void replaceFollowsReplaceTextRegexp() {
        assertEquals("(111) 222-3333", RegExps.replace("1112223333", "(\\d{3})(\\d{3})(\\d{4})", "(\\1) \\2-\\3", null));
        assertEquals("fXooYbaXrrYbaXzzY", RegExps.replace("foobarrbazz", "(.)\\1", "X\\&Y", "g"));
        assertEquals("fX\\YoZ\\barrbazz", RegExps.replace("foobarrbazz", "(.)\\1", "X\\Y\\1Z\\", null));
        assertEquals("ZAAAZ", RegExps.replace("AAA", "^|$", "Z", "g"));
        assertEquals("A PostgrXSQL fXnctXXn", RegExps.replace("A PostgreSQL function", "A|e|i|o|u", "X", 7, 0, "i"));
        assertEquals("A PXstgreSQL function", RegExps.replace("A PostgreSQL function", "a|e|i|o|u", "X", 1, 1, "g"));
        assertEquals("invalid value for parameter \"start\": -1",
                assertThrows(PgException.class, () -> RegExps.replace("a", "a", "b", -1, 0, "i")).getMessage());
    }

    @Test
    void countInstrSubstrMatchSplit() {
        assertEquals(5, RegExps.count("123123123123123", "(12)3", 1, null));
        assertEquals(3, RegExps.count("123123123123", "123", 3, null));
        assertEquals(6, RegExps.instr("abcabc", "c", 1, 2, 0, null, 0));
        assertEquals(7, RegExps.instr("abcabc", "c", 1, 2, 1, null, 0));
        assertEquals("bc", RegExps.substr("abcabc", "b(c)", 1, 1, null, 0));
        assertEquals("c", RegExps.substr("abcabc", "b(c)", 1, 1, null, 1));
        assertEquals(Arrays.asList("bar", null), RegExps.match("foobar", "(bar)(x)?", null));
        assertEquals(List.of("barbeque"), RegExps.match("foobarbequebaz", "bar.*que", null));
        assertEquals(List.of("the", "quick", "brown"), RegExps.splitToArray("the quick brown", "\\s+", null));
        assertEquals(List.of("a", "b", "c"), RegExps.splitToArray("abc", "", null));
        assertEquals("bcd", RegExps.substring("abcdefg", SimilarEscape.toRegex("a#\"(b_d)#\"%", "#")));
    }

    @Test
    void similarEscapeMatchesPostgres() {
        assertEquals("^(?:.[_[:alpha:]_].)$", SimilarEscape.toRegex("_[_[:alpha:]_]_", null));
        assertEquals("^(?:\\^[^[:alnum:]^[^^][[^^]][\\^][[\\^]]\\^]\\^)$",
                SimilarEscape.toRegex("^[^[:alnum:]^[^^][[^^]][\\^][[\\^]]\\^]^", null));
        assertEquals("^(?:[]%][^]%][^%].*)$", SimilarEscape.toRegex("[]%][^]%][^%]%", null));
        assertEquals("^(?:[\\a].*)$", SimilarEscape.toRegex("[|a]%", "|"));
        assertEquals("invalid escape string", assertThrows(PgException.class, () -> SimilarEscape.toRegex("a", "##")).getMessage());
        assertThrows(PgException.class, () -> SimilarEscape.toRegex("a#\"b#\"c#\"d", "#"));
        assertTrue(RegExps.matches("abcdefg", SimilarEscape.toRegex("_bcd%", null), false));
        assertFalse(RegExps.matches("abcdefg", SimilarEscape.toRegex("bcd%", null), false));
    }
    @Test
    void aNonGreedyGroupMatchesAsShortAsItCanAsAWhole() {
        // answers of PostgreSQL 15 for SUBSTRING ... SIMILAR, whose first part is (?:...){1,1}?
        assertEquals("bcd", similar("abcdefg", "a#\"(b_d)#\"%"));
        assertEquals("abcdefg", similar("abcdefg", "a*#\"%#\"g*"));
        assertEquals("bcdef", similar("abcdefg", "a|b#\"%#\"g"));
        assertEquals("aabbb", similar("aaabbb", "a+#\"a*b*#\""));
        assertEquals("abc", similar("xyzabcabc", "%#\"abc#\"%"));
        assertEquals(List.of("aaa"), RegExps.match("aaab", "^(?:a*){1,1}?(a*)b$", null));
        // escapes and bracket expressions inside such a group are not quantifiers
        assertEquals("^(?:\\x{41}[*+]a*?){1,1}?", AreTranslator.shortestNonGreedyGroups("^(?:\\x{41}[*+]a*){1,1}?"));
    }

    private static String similar(String s, String pattern) {
        return RegExps.substring(s, SimilarEscape.toRegex(pattern, "#"));
    }
}
