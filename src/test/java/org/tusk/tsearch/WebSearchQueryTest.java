package org.tusk.tsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tusk.utils.adt.tsearch.TsQueryIO;

/** websearch_to_tsquery as PostgreSQL 15 answers the same calls. */
class WebSearchQueryTest {
    private static String english(String s) { return TsQueryIO.out(WebSearchQuery.parse(TextSearchConfigs.ENGLISH, s)); }

    private static String simple(String s) { return TsQueryIO.out(WebSearchQuery.parse(TextSearchConfigs.SIMPLE, s)); }

    @Test
    void quotesNegationAndOr() {
        assertEquals("'fat' <-> 'cat' & 'eaten' | !'rat'", english("\"A fat cat\" has just eaten OR -rat."));
        assertEquals("'abc' & 'or-abc' <-> 'or' <-> 'abc' & 'x' <-> 'y' | 'z'", simple("abc or-abc \"x y\"or z -"));
    }

    @Test
    void operatorCharactersAreSkipped() {
        assertEquals("'foo' & 'bar' | 'ding' & 'dong'", simple("(foo bar) or (ding dong)"));
        assertEquals("'a' | 'b'", simple("a ( or b"));
        assertEquals("'a' & 'b'", simple("a& b"));
    }

    @Test
    void nothingLeftIsAnEmptyQuery() {
        assertEquals("", english("the"));
        assertEquals("", simple(":"));
        assertEquals("'a'", simple("a -"));
    }
}
