package org.tusk.utils.adt;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tusk.utils.error.PgException;

/** regexp_matches, regexp_split_to_table, string_to_table and the array SRFs, as PostgreSQL 15 answers. */
class TextSetsTest {
    private static List<String> rows(Iterator<?> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(r -> out.add(r instanceof ArrayValue a ? a.elementList().toString() : String.valueOf(r)));
        return out;
    }

    @Test
    void regexpMatches() {
        assertEquals(List.of("[bar, beque]"), rows(TextSets.regexpMatches("foobarbequebaz", "(bar)(beque)", null)));
        assertEquals(List.of("[bar, beque]", "[bazil, barf]"),
                rows(TextSets.regexpMatches("foobarbequebazilbarfbonk", "(b[^b]+)(b[^b]+)", "g")));
        assertEquals(List.of("[foobarbequebaz]"), rows(TextSets.regexpMatches("foobarbequebaz", "^.*$", null)));
        assertEquals(List.of(), rows(TextSets.regexpMatches("abc", "x", null)));
        assertEquals(List.of("[a]", "[a]", "[a]"), rows(TextSets.regexpMatches("aaa", "a", "g")));
    }

    @Test
    void splittingIntoRows() {
        assertEquals(List.of("a", "b", "c"), rows(TextSets.regexpSplitToTable("a  b c", "\\s+", null)));
        assertEquals("regexp_split_to_table() does not support the \"global\" option",
                assertThrows(PgException.class, () -> TextSets.regexpSplitToTable("a,b", ",", "g")).getMessage());
        assertEquals(List.of("a", "b", "null", "c"), rows(TextSets.stringToTable("a,b,,c", ",", "")));
        assertEquals(List.of("a", "b", "c"), rows(TextSets.stringToTable("abc", null, null)));
        assertEquals(List.of(), rows(TextSets.stringToTable("", ",", null)));
    }

    @Test
    void arraySets() {
        ArrayValue a = new ArrayValue(23, new int[] {3}, new int[] {2}, new Object[] {1, 2, 3});
        assertEquals(List.of("4", "3", "2"), rows(ArraySets.generateSubscripts(a, 1, true)));
        assertEquals(List.of(), rows(ArraySets.generateSubscripts(a, 2, false)));
        ArrayValue m = new ArrayValue(23, new int[] {2, 2}, new int[] {1, 1}, new Object[] {1, 2, 3, null});
        assertEquals(List.of("1", "2", "3", "null"), rows(ArraySets.unnest(m)));
    }
}
