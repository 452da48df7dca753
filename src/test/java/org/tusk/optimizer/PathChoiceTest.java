package org.tusk.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PathChoiceTest {
    @Test
    void exactTieKeepsTheFirstOffered() {
        PathChoice<String> c = new PathChoice<>();
        c.add("first", 0, 100, false);
        c.add("second", 0, 100, false);
        assertEquals("first", c.cheapest().payload());
    }

    @Test
    void fuzzilyEqualButCheaperByAHairReplaces() {
        // the J1_TBL x J2_TBL cross join: 33960.25 offered first, 33957.60 second (within 1%)
        PathChoice<String> c = new PathChoice<>();
        c.add("j1 outer", 0, 33960.25, false);
        c.add("j2 outer", 0, 33957.60, false);
        assertEquals("j2 outer", c.cheapest().payload());
    }

    @Test
    void fuzzilyEqualTotalIsDecidedByStartup() {
        PathChoice<String> c = new PathChoice<>();
        c.add("slow start", 50, 100, false);
        c.add("fast start", 0, 100.5, false);
        assertEquals("fast start", c.cheapest().payload());
    }

    @Test
    void clearlyCheaperTotalWins() {
        PathChoice<String> c = new PathChoice<>();
        c.add("dear", 0, 200, false);
        c.add("cheap", 10, 100, false);
        c.add("dearer", 0, 300, false);
        assertEquals("cheap", c.cheapest().payload());
    }

    @Test
    void sortedPathBeatsFuzzilyEqualUnsortedOne() {
        PathChoice<String> c = new PathChoice<>();
        c.add("hash", 0, 100, false);
        c.add("merge", 0, 100.5, true);
        assertEquals("merge", c.cheapest().payload());
        // a sorted path that is clearly dearer survives beside the unsorted one, but is not the cheapest
        PathChoice<String> d = new PathChoice<>();
        d.add("hash", 0, 100, false);
        d.add("merge", 0, 150, true);
        assertEquals("hash", d.cheapest().payload());
    }

    @Test
    void nothingOffered() {
        assertNull(new PathChoice<String>().cheapest());
    }
}
