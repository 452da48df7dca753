package org.tusk.utils.adt.tsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ts_rewrite(query, target, substitute) as PostgreSQL 15 answers the same calls. */
class TsQueryRewriteTest {
    private static String rewrite(String q, String t, String s) {
        return TsQueryIO.out(TsQueryRewrite.rewrite(TsQueryIO.in(q), TsQueryIO.in(t), TsQueryIO.in(s)));
    }

    @Test
    void subsetOfAnAndIsReplacedAndTheResultSorted() {
        assertEquals("'foo' & 'bar' & 'qq' & ( 'city' & 'new' & 'york' | 'nyc' | 'big' & 'apple' )",
                rewrite("foo & bar & qq & new & york", "new & york", "big & apple | nyc | new & york & city"));
        assertEquals("'c' & 'x' & ( 'd' | 'x' )", rewrite("(a | b) & c & (d | a | b)", "a | b", "x"));
    }

    @Test
    void emptySubstituteRemovesTheMatch() {
        assertEquals("'c'", rewrite("a & b & c", "a & b", ""));
        assertEquals("", rewrite("a & b", "a & b", ""));
    }

    @Test
    void phrasesMatchWhole() {
        assertEquals("'5' <-> ( '1' & '23' )", rewrite("5 <-> (1 & (2 <-> 3))", "2 <-> 3", "23"));
        assertEquals("'1' & '2' <2> '3'", rewrite("1 & (2 <2> 3)", "2 <-> 3", "23"));
    }

    @Test
    void emptyQueryOrTargetLeavesTheQuery() {
        assertEquals("", rewrite("", "a", "b"));
        assertEquals("'a'", rewrite("a", "", "b"));
    }
}
