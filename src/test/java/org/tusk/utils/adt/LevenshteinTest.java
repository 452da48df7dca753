package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevenshteinTest {
    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, Levenshtein.distance("unique1", "unique1"));
        assertEquals(1, Levenshtein.distance("unique1", "uunique1"));
        assertEquals(1, Levenshtein.distance("uunique1", "unique1"));
        assertEquals(1, Levenshtein.distance("t1", "t3"));
        assertEquals(3, Levenshtein.distance("kitten", "sitting"));
        assertEquals(4, Levenshtein.distance("", "abcd"));
        assertEquals(4, Levenshtein.distance("abcd", ""));
    }
}
